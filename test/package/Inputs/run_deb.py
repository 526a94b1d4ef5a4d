"""run_deb.py --src SRC --obj BUILD --work DIR

Packages the asyncdrop build tree BUILD with SRC/scripts/package.sh, unpacks
the .deb files into DIR/root with `dpkg -x` (what `apt install` would put
under /, without root or a package database), and prints for FileCheck:

  package <name> <architecture>        one per .deb, then its fields:
    Depends: ...
    owner: root/root                   every member's owner (or the odd one)
    outside: <path>                    a file outside the package's own
                                       directories (there must be none: that
                                       is what lets asyncdrop-tools-16 and
                                       asyncdrop-tools-19 install together)
  copyright: <package> <first line>    /usr/share/doc/<package>/copyright
  asyncdrop-clangd-N: ok|...           present and running iff BUILD has it
  runtime-only: ...                    a consumer against asyncdrop-dev alone
  other-llvm: ...                      a consumer asking for the LLVM major
                                       that is not installed

DIR/root/usr is then the prefix for run_consumer.py --prefix.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, **kwargs):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kwargs)
    return proc.returncode, proc.stdout


def must(cmd, what, **kwargs):
    status, out = run(cmd, **kwargs)
    if status != 0:
        sys.stdout.write(out)
        sys.exit("run_deb: %s failed (exit %d): %s" % (what, status, " ".join(cmd)))
    return out


def cache_value(build, name):
    with open(os.path.join(build, "CMakeCache.txt")) as cache:
        for line in cache:
            m = re.match(r"%s:[A-Z]+=(.*)$" % re.escape(name), line)
            if m:
                return m.group(1)
    return ""


def own_paths(package, llvm):
    """The directories a package may put files in."""
    if package == "asyncdrop-dev":
        return ["./usr/include/asyncdrop/", "./usr/share/cmake/asyncdrop/",
                "./usr/share/doc/asyncdrop-dev/"]
    return ["./usr/lib/asyncdrop-%s/" % llvm, "./usr/share/doc/%s/" % package,
            "./usr/bin/asyncdrop-tidy-%s" % llvm, "./usr/bin/asyncdrop-sarif-%s" % llvm,
            "./usr/bin/asyncdrop-clangd-%s" % llvm]


def configure_consumer(work, name, prefix, extra):
    """Configures Inputs/consumer against prefix; returns (status, output)."""
    project = os.path.join(work, name)
    shutil.copytree(os.path.join(HERE, "consumer"), project)
    return run(["cmake", "-S", project, "-B", os.path.join(work, name + "-build"),
                "-G", "Ninja", "-DCMAKE_CXX_COMPILER=g++",
                "-DCMAKE_PREFIX_PATH=" + prefix] + extra)


def first_error_line(out):
    """The first line of CMake's message after 'CMake Error ...:'."""
    lines = out.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("CMake Error"):
            for text in lines[i + 1:]:
                if text.strip():
                    return text.strip()
    return "(no CMake error)"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--src", required=True)
    parser.add_argument("--obj", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()

    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    llvm = cache_value(args.obj, "ASYNCDROP_LLVM_VERSION")
    out_dir = os.path.join(work, "debs")
    debs = must([os.path.join(args.src, "scripts", "package.sh"), args.obj, out_dir],
                "package.sh").split()
    if sorted(os.path.dirname(d) for d in debs) != [out_dir] * len(debs):
        sys.exit("run_deb: package.sh printed %r" % debs)

    root = os.path.join(work, "root")
    dev_root = os.path.join(work, "dev-root")
    for deb in sorted(debs):
        fields = must(["dpkg-deb", "--field", deb, "Package", "Architecture", "Depends"],
                      "dpkg-deb --field")
        values = dict(line.split(": ", 1) for line in fields.splitlines() if ": " in line)
        package = values["Package"]
        print("package %s %s" % (package, values["Architecture"]))
        print("  Depends: %s" % values.get("Depends", ""))
        owners = set()
        allowed = own_paths(package, llvm)
        for member in must(["dpkg-deb", "--contents", deb], "dpkg-deb --contents").splitlines():
            parts = member.split()
            owners.add(parts[1])
            path = parts[5]
            if parts[0].startswith("d"):
                continue  # directories are shared (./usr/lib/ ...)
            if not any(path == a or path.startswith(a) for a in allowed):
                print("  outside: " + path)
        print("  owner: " + ",".join(sorted(owners)))
        must(["dpkg", "-x", deb, root], "dpkg -x")
        if package == "asyncdrop-dev":
            must(["dpkg", "-x", deb, dev_root], "dpkg -x")

    for package in ("asyncdrop-dev", "asyncdrop-tools-" + llvm):
        path = os.path.join(root, "usr", "share", "doc", package, "copyright")
        with open(path) as f:
            text = f.read()
        print("copyright: %s %s" % (package, text.splitlines()[0]))
        print("copyright: %s %s" % (package, "Apache-2.0 WITH LLVM-exception"
                                    if "License: Apache-2.0 WITH LLVM-exception" in text
                                    else "no license stanza"))

    clangd = os.path.join(root, "usr", "bin", "asyncdrop-clangd-" + llvm)
    built = cache_value(args.obj, "ASYNCDROP_BUILD_CLANGD") == "ON"
    if os.path.lexists(clangd) != built:
        print("asyncdrop-clangd-%s: built=%s but packaged=%s" % (llvm, built, os.path.lexists(clangd)))
    elif built:
        status, out = run([clangd, "--version"])
        print("asyncdrop-clangd-%s: %s" % (llvm, "ok" if status == 0 and
                                           ("clangd version %s." % llvm) in out else out))
    else:
        print("asyncdrop-clangd-%s: ok" % llvm)

    # asyncdrop-dev alone: the runtime builds, asyncdrop_lint says what to install.
    status, out = configure_consumer(work, "runtime-only", os.path.join(dev_root, "usr"), [])
    print("runtime-only: configure exit %d: %s" % (status, first_error_line(out)))
    # The other LLVM major, not installed here.
    other = "16" if llvm == "19" else "19"
    status, out = configure_consumer(work, "other-llvm", os.path.join(root, "usr"),
                                     ["-DASYNCDROP_LLVM_VERSION=" + other])
    message = " ".join(out.split())
    m = re.search(r"ASYNCDROP_LLVM_VERSION is \d+ but [^:]* is not installed[^:]*: apt install [\w-]+", message)
    print("other-llvm: configure exit %d: %s" % (status, m.group(0) if m else message))


if __name__ == "__main__":
    main()
