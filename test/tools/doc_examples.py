#!/usr/bin/env python3
"""Writes the C++ examples of a Markdown page into source files, so that the
test suite can compile them (test/docs/doc-examples.test).

    doc_examples.py [--no-line-directives] PAGE.md OUTDIR

Every ```cpp block of PAGE goes into OUTDIR/<group>.cpp, in the order of the
page; the blocks of one group form one translation unit, so a later block may
use what an earlier one declared. The group is "main" unless an HTML comment
on the line before the block names another one:

    <!-- example: asio -->     this block goes into OUTDIR/asio.cpp
    <!-- example: skip -->     this block is not compiled (a fragment)

Each block is preceded by a #line directive, so that a compile error names
the page and the line of the page; with --no-line-directives the files are
the blocks alone (a group of one block then has the line numbers the page
shows in its sample output). Prints one line per file written.
"""
import os
import re
import sys

FENCE_RE = re.compile(r"^```(\S*)\s*$")
MARK_RE = re.compile(r"^<!--\s*example:\s*([\w-]+)\s*-->\s*$")


def main():
    args = sys.argv[1:]
    line_directives = "--no-line-directives" not in args
    args = [a for a in args if a != "--no-line-directives"]
    if len(args) != 2:
        sys.exit(__doc__)
    page, outdir = args
    with open(page) as f:
        lines = f.read().splitlines()
    groups = {}
    counts = {}
    order = []
    i = 0
    while i < len(lines):
        m = FENCE_RE.match(lines[i])
        if not m:
            i += 1
            continue
        lang = m.group(1)
        start = i + 1
        end = start
        while end < len(lines) and not lines[end].startswith("```"):
            end += 1
        if end == len(lines):
            sys.exit("%s:%d: code block is not closed" % (page, i + 1))
        if lang == "cpp":
            mark = MARK_RE.match(lines[i - 1]) if i > 0 else None
            group = mark.group(1) if mark else "main"
            if group != "skip":
                if group not in groups:
                    groups[group] = []
                    order.append(group)
                if line_directives:
                    groups[group].append('#line %d "%s"' % (start + 1, os.path.abspath(page)))
                counts[group] = counts.get(group, 0) + 1
                groups[group].extend(lines[start:end])
        i = end + 1
    if not groups:
        sys.exit("%s: no ```cpp block" % page)
    os.makedirs(outdir, exist_ok=True)
    for group in order:
        path = os.path.join(outdir, group + ".cpp")
        with open(path, "w") as f:
            f.write("\n".join(groups[group]) + "\n")
        print("doc_examples: %s: %d block(s)" % (group, counts[group]))


if __name__ == "__main__":
    main()
