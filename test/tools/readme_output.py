#!/usr/bin/env python3
"""Checks that the sample output in README.md ("What it looks like") is what
scripts/lint-examples.sh prints (test/docs/readme-output.test).

    readme_output.py --root SRC --build BUILD --tidy ASYNCDROP_TIDY

Runs asyncdrop-tidy on every examples/**/*_misuse.cpp the way the script
does (-p BUILD --quiet, paths relative to SRC, from the first diagnostic on)
and compares with the README's block, except its last line (the summary,
which needs the corrected files too: only the number of misuse files is
compared). Prints "readme_output: OK" or a diff, and exits 1 on a difference.
"""
import argparse
import difflib
import glob
import os
import re
import subprocess
import sys

DIAG_RE = re.compile(r": (warning|error|note): ")
GENERATED_RE = re.compile(r"^\d+ warnings? (and \d+ errors? )?generated\.$")


def readme_block(path):
    text = open(path).read()
    start = text.index("## What it looks like")
    block = re.search(r"^```\n(.*?)^```", text[start:], re.S | re.M)
    return block.group(1).splitlines()


def lint(args, rel):
    proc = subprocess.run([args.tidy, "-p", args.build, "--quiet", rel],
                          cwd=args.root, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    lines = proc.stdout.replace(args.root.rstrip("/") + "/", "").splitlines()
    for i, line in enumerate(lines):
        if DIAG_RE.search(line):
            return [l for l in lines[i:] if not GENERATED_RE.match(l)]
    return []


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--build", required=True)
    parser.add_argument("--tidy", required=True)
    args = parser.parse_args()
    args.root = os.path.abspath(args.root)

    expected = readme_block(os.path.join(args.root, "README.md"))
    files = sorted(os.path.relpath(p, args.root) for p in glob.glob(
        os.path.join(args.root, "examples", "**", "*_misuse.cpp"), recursive=True))
    actual = []
    for rel in files:
        actual.extend(lint(args, rel))

    summary = expected[-1] if expected else ""
    want = "examples: %d misuse files reported, " % len(files)
    problems = []
    if not summary.startswith(want):
        problems.append("the README's summary line %r does not start with %r"
                        % (summary, want))
    if expected[:-1] != actual:
        problems.append("\n".join(difflib.unified_diff(
            expected[:-1], actual, "README.md", "asyncdrop-tidy", lineterm="")))
    for problem in problems:
        print("readme_output: " + problem)
    if problems:
        sys.exit(1)
    print("readme_output: OK: %d misuse files, %d lines" % (len(files), len(actual)))


if __name__ == "__main__":
    main()
