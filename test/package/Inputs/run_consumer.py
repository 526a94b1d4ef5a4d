"""run_consumer.py --obj BUILD|--prefix PREFIX --work DIR --mode TIDY|PLUGIN --cxx COMPILER

Installs the asyncdrop build tree BUILD into DIR/prefix (`cmake --install`),
or takes an install that is already there (--prefix: the /usr of unpacked
Debian packages, see run_deb.py, whose commands are named with
--tool-suffix, e.g. asyncdrop-tidy-19), then builds the consumer project (Inputs/consumer, copied to DIR/consumer:
under test/ its files would count as test code) against that prefix with
find_package(asyncdrop CONFIG), linting in the given mode, and prints what
happened for FileCheck:

  installed <path>                      the install tree (headers and docs
                                        summarised)
  build <target> <source>: ok|FAILED    each build, followed by the asyncdrop
    <file>:<line>:<col>: <level>: ...   diagnostics of its output
  tidy: ...                             the installed asyncdrop-tidy on the
                                        consumer's compile database
  sarif: ...                            the installed asyncdrop-sarif on its
                                        --export-fixes output

Seeded bugs: src/seeded.cpp (asyncdrop-sync-drop-outside-tests) and
src/leak.cpp (asyncdrop-missing-async-drop); src/fixed.cpp is clean.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DIAG_RE = re.compile(r"(?:^|/)(src/[\w.]+):(\d+):(\d+): (warning|error): (.*\[asyncdrop-[^\]]*\])")


def run(cmd, **kwargs):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kwargs)
    return proc.returncode, proc.stdout


def must(cmd, what, **kwargs):
    status, out = run(cmd, **kwargs)
    if status != 0:
        sys.stdout.write(out)
        sys.exit("run_consumer: %s failed (exit %d): %s" % (what, status, " ".join(cmd)))
    return out


def list_install(prefix):
    shown = set()
    for root, dirs, files in os.walk(prefix):
        dirs.sort()
        for name in sorted(files):
            rel = os.path.relpath(os.path.join(root, name), prefix)
            if rel.startswith(os.path.join("include", "asyncdrop") + os.sep):
                rel = os.path.join("include", "asyncdrop", "*.hpp")
            elif rel.startswith(os.path.join("share", "doc") + os.sep) \
                    and not rel.endswith(os.path.join("checks", "README.md")) \
                    and not rel.endswith("copyright"):
                rel = os.path.join(*rel.split(os.sep)[:3], "...")
            if rel not in shown:
                shown.add(rel)
                print("installed " + rel.replace(os.sep, "/"))


def diagnostics(out):
    seen = []
    for line in out.splitlines():
        m = DIAG_RE.search(line)
        if m and m.group(0) not in seen:
            seen.append(m.group(0))
            print("  %s:%s:%s: %s: %s" % m.groups())


def main():
    parser = argparse.ArgumentParser()
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--obj", help="a build tree to `cmake --install`")
    where.add_argument("--prefix", help="an installed asyncdrop to use as it is")
    parser.add_argument("--tool-suffix", default="",
                        help="of the installed commands' names (asyncdrop-tidy-19)")
    parser.add_argument("--work", required=True)
    parser.add_argument("--mode", required=True, choices=["TIDY", "PLUGIN"])
    parser.add_argument("--cxx", required=True)
    parser.add_argument("--check-sarif", help="check_sarif.py, to check asyncdrop-sarif's output")
    parser.add_argument("--schema")
    args = parser.parse_args()

    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    if args.prefix:
        prefix = os.path.abspath(args.prefix)
    else:
        prefix = os.path.join(work, "prefix")
        must(["cmake", "--install", args.obj, "--prefix", prefix], "cmake --install")
    list_install(prefix)

    project = os.path.join(work, "consumer")
    shutil.copytree(os.path.join(HERE, "consumer"), project)
    build = os.path.join(work, "build")
    env = dict(os.environ)
    # Only the prefix: nothing of the build tree may leak into the consumer.
    env.pop("ASYNCDROP_TIDY_MODULE", None)

    def configure(source):
        must(["cmake", "-S", project, "-B", build, "-G", "Ninja",
              "-DCMAKE_BUILD_TYPE=Debug", "-DCMAKE_CXX_COMPILER=" + args.cxx,
              "-DCMAKE_PREFIX_PATH=" + prefix, "-DLINT_MODE=" + args.mode,
              "-DCONSUMER_SOURCE=" + source], "configuring the consumer", env=env)

    def build_target(target, source):
        status, out = run(["cmake", "--build", build, "--target", target], env=env)
        print("build %s %s: %s" % (target, source, "ok" if status == 0 else "FAILED"))
        diagnostics(out)
        if status != 0 and not DIAG_RE.search(out):
            sys.stdout.write(out)  # a failure for another reason: show it
        return out

    configure("seeded.cpp")
    print("configured with find_package(asyncdrop): mode %s, %s" % (args.mode, args.cxx))
    build_target("consumer", "seeded.cpp")
    build_target("warn_only", "seeded.cpp")
    build_target("configured", "seeded.cpp")
    build_target("other_checks", "seeded.cpp")
    configure("leak.cpp")
    build_target("consumer", "leak.cpp")
    configure("fixed.cpp")
    build_target("consumer", "fixed.cpp")
    status, out = run([os.path.join(build, "consumer")])
    print("run consumer: exit %d" % status)
    sys.stdout.write("".join("  " + l + "\n" for l in out.splitlines()))

    # The installed commands find the installed module, rule data and docs.
    configure("seeded.cpp")
    tidy = os.path.join(prefix, "bin", "asyncdrop-tidy" + args.tool_suffix)
    fixes = os.path.join(work, "fixes.yaml")
    status, out = run([tidy, "-p", build, "--quiet", "--export-fixes=" + fixes], env=env)
    print("tidy: exit %d" % status)
    for line in out.splitlines():
        if line.startswith("asyncdrop-tidy:"):
            print("  " + line)
    diagnostics(out)
    sarif = os.path.join(work, "results.sarif")
    must([os.path.join(prefix, "bin", "asyncdrop-sarif" + args.tool_suffix), fixes, "-o", sarif],
         "asyncdrop-sarif", cwd=project, env=env)
    if args.check_sarif:
        out = must([sys.executable, args.check_sarif, args.schema, sarif], "check_sarif")
        for line in out.splitlines():
            print("sarif: " + line)


if __name__ == "__main__":
    main()
