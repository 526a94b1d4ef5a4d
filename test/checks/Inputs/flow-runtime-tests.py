#!/usr/bin/env python3
"""Runs the three flow checks over the runtime's own tests (runtime/tests/*.cpp)
and fails on any diagnostic that is not a misuse the tests make on purpose;
with --examples, also over examples/*/*_corrected.cpp, which must be clean.

On purpose means: between ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN and _END
(the tests' own marker, which also silences -Wconsumed), or listed in
DELIBERATE below by file, test name and check. Everything else is a false
positive of the checks (or a real bug in a test) and fails the lit test.
"""

import argparse
import glob
import os
import re
import subprocess
import sys

CHECKS = ("asyncdrop-missing-async-drop,asyncdrop-unawaited-async-drop,"
          "asyncdrop-use-after-async-drop")

# Deliberate misuses outside a marked region: (file, TEST name, check).
DELIBERATE = {
    # Shows that an unawaited drop task does nothing (the task is lazy).
    ("guard_test.cpp", "DoesNothingUntilAwaited", "asyncdrop-unawaited-async-drop"),
    ("hash_map_test.cpp", "DiscardedDropDoesNothing", "asyncdrop-unawaited-async-drop"),
}

DIAG = re.compile(r"^(.*?):(\d+):(\d+): (warning|error): (.*?) \[([\w.-]+)\]$")
TEST = re.compile(r"^\s*TEST(?:_F|_P)?\(\s*\w+\s*,\s*(\w+)\s*\)")


def regions(lines):
    """1-based line ranges inside the misuse markers."""
    out, start = [], None
    for i, line in enumerate(lines, start=1):
        if "ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN" in line and "#define" not in line:
            start = i
        elif "ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END" in line and "#define" not in line:
            if start is not None:
                out.append((start, i))
            start = None
    return out


def test_name(lines, line):
    for i in range(line - 1, -1, -1):
        m = TEST.match(lines[i])
        if m:
            return m.group(1)
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--module", required=True)
    parser.add_argument("--runtime", required=True)
    parser.add_argument("--examples", help="examples/ directory")
    args = parser.parse_args()

    sources = sorted(glob.glob(os.path.join(args.runtime, "tests", "*.cpp")))
    corrected = []
    if args.examples:
        corrected = sorted(glob.glob(os.path.join(args.examples, "*", "*_corrected.cpp")))
    unexpected = []
    for source in sources + corrected:
        cmd = [args.clang_tidy, "-load=" + args.module, "--checks=-*," + CHECKS,
               "--config={}", "--quiet", "--header-filter=.*", source, "--",
               "-std=c++20", "-I" + os.path.join(args.runtime, "include"),
               "-I" + os.path.join(args.runtime, "tests")]
        result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                universal_newlines=True)
        out = result.stdout
        if result.returncode < 0 or "Stack dump:" in out:
            sys.exit("flow-runtime-tests: clang-tidy crashed on %s\n%s" % (source, out))
        cache = {}
        for text in out.splitlines():
            m = DIAG.match(text)
            if not m:
                continue
            path, line, kind, check = m.group(1), int(m.group(2)), m.group(4), m.group(6)
            if kind == "error":
                unexpected.append(text)
                continue
            if source in corrected:
                unexpected.append(text)
                continue
            if path not in cache:
                with open(path) as f:
                    lines = f.read().splitlines()
                cache[path] = (lines, regions(lines))
            lines, marked = cache[path]
            if any(a <= line <= b for a, b in marked):
                continue
            key = (os.path.basename(path), test_name(lines, line), check)
            if key in DELIBERATE:
                continue
            unexpected.append(text)
    if unexpected:
        sys.exit("flow-runtime-tests: unexpected diagnostics:\n" + "\n".join(unexpected))
    print("flow-runtime-tests: %d test files, %d corrected examples, no unexpected "
          "diagnostics" % (len(sources), len(corrected)))


if __name__ == "__main__":
    main()
