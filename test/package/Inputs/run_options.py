"""run_options.py --obj BUILD --work DIR --tidy-cxx CXX --plugin-cxx CXX

Installs the asyncdrop build tree BUILD into DIR/prefix and configures and
builds Inputs/options (copied to DIR/options) against it in the ways a
consumer would, printing for FileCheck:

  configure <what>: ok|FAILED         followed, when it failed, by the
    <the first line of CMake's error message>
  build <what> <target>: ok|FAILED    followed by the diagnostics of interest
    <file>:<line>:<col>: <level>: ... [<flag or check>]
  flags <what> <source>: -W...        the warning flags of the source in
                                      compile_commands.json
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DIAG_RE = re.compile(r"(?:^|/)(src/[\w.]+):(\d+):(\d+): (warning|error): (.*\[(?:asyncdrop-|-W)[^\]]*\])")


def run(cmd, **kwargs):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kwargs)
    return proc.returncode, proc.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--obj", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--tidy-cxx", required=True)
    parser.add_argument("--plugin-cxx")
    args = parser.parse_args()

    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    prefix = os.path.join(work, "prefix")
    status, out = run(["cmake", "--install", args.obj, "--prefix", prefix])
    if status != 0:
        sys.exit("run_options: cmake --install failed:\n" + out)
    project = os.path.join(work, "options")
    shutil.copytree(os.path.join(HERE, "options"), project)
    env = dict(os.environ)
    env.pop("ASYNCDROP_TIDY_MODULE", None)

    def configure(what, cxx, *options):
        build = os.path.join(work, "build-" + what)
        status, out = run(["cmake", "-S", project, "-B", build, "-G", "Ninja",
                           "-DCMAKE_CXX_COMPILER=" + cxx, "-DCMAKE_PREFIX_PATH=" + prefix]
                          + list(options), env=env)
        print("configure %s: %s" % (what, "ok" if status == 0 else "FAILED"))
        if status != 0:
            # CMake's message: the lines after "CMake Error at ...:", joined.
            lines = out.splitlines()
            for i, line in enumerate(lines):
                if line.startswith("CMake Error"):
                    message = []
                    for follow in lines[i + 1:]:
                        if not follow.strip():
                            if message:
                                break
                            continue
                        message.append(follow.strip())
                    print("  " + " ".join(message))
                    break
            else:
                sys.stdout.write(out)
        for line in out.splitlines():
            if "asyncdrop is built for LLVM" in line:
                print("  " + line.strip("- "))
        return build if status == 0 else None

    def build(what, build_dir, target):
        if build_dir is None:
            return print("build %s %s: not configured" % (what, target))
        status, out = run(["cmake", "--build", build_dir, "--target", target], env=env)
        print("build %s %s: %s" % (what, target, "ok" if status == 0 else "FAILED"))
        seen = []
        for line in out.splitlines():
            m = DIAG_RE.search(line)
            if m and m.group(0) not in seen:
                seen.append(m.group(0))
                print("  %s:%s:%s: %s: %s" % m.groups())
        if status != 0 and not seen:
            sys.stdout.write(out)

    def flags(what, build_dir, source):
        if build_dir is None:
            return print("flags %s %s: not configured" % (what, source))
        with open(os.path.join(build_dir, "compile_commands.json")) as f:
            for entry in json.load(f):
                if entry["file"].endswith(source):
                    found = [a for a in entry["command"].split() if a.startswith("-W")]
                    print("flags %s %s: %s" % (what, source, " ".join(found) or "(none)"))

    # -Wconsumed comes with asyncdrop::runtime for Clang; ASYNCDROP_WCONSUMED=OFF
    # takes it away for a -Werror project.
    clang = args.plugin_cxx or args.tidy_cxx
    d = configure("wconsumed-default", clang, "-DCMAKE_CXX_FLAGS=-Werror")
    flags("wconsumed-default", d, "wconsumed.cpp")
    build("wconsumed-default", d, "wconsumed_app")
    d = configure("wconsumed-off", clang, "-DCMAKE_CXX_FLAGS=-Werror", "-DASYNCDROP_WCONSUMED=OFF")
    flags("wconsumed-off", d, "wconsumed.cpp")
    build("wconsumed-off", d, "wconsumed_app")

    # ASYNCDROP_LINT=OFF builds without the checks.
    d = configure("lint-on", args.tidy_cxx)
    build("lint-on", d, "lint_app")
    d = configure("lint-off", args.tidy_cxx, "-DASYNCDROP_LINT=OFF")
    build("lint-off", d, "lint_app")

    # Hints are never errors, with ERRORS, in both modes.
    d = configure("hint-tidy", args.tidy_cxx)
    build("hint-tidy", d, "hint_app")
    if args.plugin_cxx:
        d = configure("hint-plugin", args.plugin_cxx, "-DLINT_MODE=PLUGIN")
        build("hint-plugin", d, "hint_app")

    # Mistakes are configure errors of one message each.
    configure("unknown-check", args.tidy_cxx, "-DLINT_CHECKS=asyncdrop-sync-drop-outsde-tests")
    configure("no-check", args.tidy_cxx, "-DLINT_CHECKS=-asyncdrop-*")
    configure("clang-tidy-16", args.tidy_cxx, "-DASYNCDROP_CLANG_TIDY=/usr/bin/clang-tidy-16")
    configure("plugin-clang-14", "/usr/bin/clang++", "-DLINT_MODE=PLUGIN")
    configure("plugin-gxx", "g++", "-DLINT_MODE=PLUGIN")
    # ... but not when the lint is off.
    configure("plugin-clang-14-lint-off", "/usr/bin/clang++", "-DLINT_MODE=PLUGIN",
              "-DASYNCDROP_LINT=OFF")


if __name__ == "__main__":
    main()
