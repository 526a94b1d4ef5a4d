#!/usr/bin/env python3
"""Checks that the tree's C++ sources are formatted as .clang-format says.

    check-format.py [--fix] [--clang-format=PROGRAM]

The style files: .clang-format at the root (LLVM style, for the Clang code),
runtime/.clang-format (the runtime's own style; examples/ and bench/ have a
copy), and test/.clang-format and bench/inputs/.clang-format, which turn
formatting off (lit tests pin diagnostics to lines and columns; benchmark
inputs are measured as they are). The files checked are the C++ sources git tracks (or, outside
a git checkout, every .cpp/.h/.hpp below the root), except those under a
directory whose style disables formatting. Prints one line per file that
differs and a summary; exit 1 when any differs, 2 on a usage or tool error.
"""

import argparse
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUFFIXES = (".cpp", ".h", ".hpp", ".cc", ".inc.h")
# Directories whose .clang-format says DisableFormat: true hold no file to
# check; git ls-files would list them all, so skip them by prefix.
UNFORMATTED = ("test/", "bench/inputs/")


def die(message):
    sys.stderr.write("check-format: " + message + "\n")
    sys.exit(2)


def git_toplevel():
    try:
        out = subprocess.run(["git", "-C", ROOT, "rev-parse", "--show-toplevel"],
                             capture_output=True, check=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return os.path.realpath(out.strip())


def tracked_sources():
    if git_toplevel() == os.path.realpath(ROOT):
        out = subprocess.run(["git", "-C", ROOT, "ls-files", "-z"],
                             capture_output=True, check=True).stdout
        names = [n for n in out.decode().split("\0") if n]
    else:  # not a checkout of its own (an unpacked tree, a copy in a test)
        names = []
        for dirpath, dirnames, filenames in os.walk(ROOT):
            dirnames[:] = [d for d in dirnames
                           if not d.startswith(".") and not d.startswith("build")]
            for f in filenames:
                names.append(os.path.relpath(os.path.join(dirpath, f), ROOT))
    return sorted(n for n in names
                  if n.endswith(SUFFIXES) and not n.startswith(UNFORMATTED))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fix", action="store_true",
                        help="reformat the files in place instead")
    parser.add_argument("--clang-format", default="clang-format-19")
    args = parser.parse_args()
    program = shutil.which(args.clang_format)
    if not program:
        die("'%s' not found: install clang-format-19 (scripts/bootstrap.sh "
            "does)" % args.clang_format)
    files = tracked_sources()
    if args.fix:
        subprocess.run([program, "-i", "--style=file"] + files, cwd=ROOT,
                       check=True)
        print("check-format: reformatted %d files" % len(files))
        return 0
    differing = []
    for name in files:
        path = os.path.join(ROOT, name)
        with open(path, "rb") as f:
            original = f.read()
        result = subprocess.run([program, "--style=file", path],
                                capture_output=True)
        if result.returncode != 0:
            die("%s failed on %s: %s" % (args.clang_format, name,
                                         result.stderr.decode().strip()))
        if result.stdout != original:
            differing.append(name)
            print("check-format: %s is not formatted (run "
                  "scripts/check-format.py --fix)" % name)
    print("check-format: %d files checked, %d not formatted"
          % (len(files), len(differing)))
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
