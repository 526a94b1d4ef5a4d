#!/usr/bin/env python3
"""Writes docs/checks/README.md, the index of the asyncdrop-* checks, from
clang-tidy-checks/checks.def (the one list of checks).

    scripts/check-index.py           rewrite docs/checks/README.md
    scripts/check-index.py --check   exit 1 if it is out of date, or if a check
                                     has no docs page docs/checks/asyncdrop-<name>.md
                                     or no lit test test/checks/<name>*.cpp
                                     (the test suite runs this)
"""
import argparse
import difflib
import glob
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import asyncdrop_checks_def  # noqa: E402  (the one reader of checks.def)


def read_checks(path):
    try:
        return asyncdrop_checks_def.read(path)
    except asyncdrop_checks_def.CheckDefError as e:
        sys.exit("check-index: %s" % e)


def escape_cell(text):
    return text.replace("|", "\\|")


def render(checks):
    lines = [
        "# The asyncdrop-* checks",
        "",
        "<!-- Generated from clang-tidy-checks/checks.def by scripts/check-index.py;",
        "     do not edit: run the script after changing checks.def. -->",
        "",
        "Every check runs in all three hosts: clang-tidy-19 with the module "
        "([tidy.md](../tidy.md)), the compiler plugin ([plugin.md](../plugin.md)) "
        "and asyncdrop-clangd ([ide.md](../ide.md)). Their options, with defaults: "
        "[configuration.md](../configuration.md). The rules behind them: "
        "[pattern-guide.md](../pattern-guide.md).",
        "",
        "| check | what it reports |",
        "|---|---|",
    ]
    for _, name, summary in sorted(checks, key=lambda c: c.name):
        lines.append("| [asyncdrop-%s](asyncdrop-%s.md) | %s |" % (
            name, name, escape_cell(summary)))
    lines += [
        "",
        "Enable them all with `--checks='-*,asyncdrop-*'` (what `asyncdrop-tidy` "
        "does by default), one with `--checks='-*,asyncdrop-<name>'`; silence one "
        "finding with `// NOLINT(asyncdrop-<name>)`.",
        "",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--root", default=ROOT)
    args = parser.parse_args()

    checks_def = os.path.join(args.root, "clang-tidy-checks", "checks.def")
    index = os.path.join(args.root, "docs", "checks", "README.md")
    checks = read_checks(checks_def)
    text = render(checks)

    if not args.check:
        with open(index, "w", encoding="utf-8") as f:
            f.write(text)
        print("wrote %s (%d checks)" % (os.path.relpath(index, args.root), len(checks)))
        return 0

    problems = []
    try:
        with open(index, encoding="utf-8") as f:
            committed = f.read()
    except OSError:
        committed = ""
    if committed != text:
        diff = "".join(difflib.unified_diff(
            committed.splitlines(True), text.splitlines(True),
            "docs/checks/README.md (committed)", "docs/checks/README.md (from checks.def)"))
        problems.append("docs/checks/README.md is out of date: run scripts/check-index.py\n" + diff)
    for _, name, _ in checks:
        page = os.path.join(args.root, "docs", "checks", "asyncdrop-%s.md" % name)
        if not os.path.isfile(page):
            problems.append("asyncdrop-%s has no docs page docs/checks/asyncdrop-%s.md" % (name, name))
        if not glob.glob(os.path.join(args.root, "test", "checks", name + "*.cpp")):
            problems.append("asyncdrop-%s has no lit test test/checks/%s*.cpp" % (name, name))
    pages = glob.glob(os.path.join(args.root, "docs", "checks", "asyncdrop-*.md"))
    names = {"asyncdrop-%s.md" % c[1] for c in checks}
    for page in sorted(pages):
        if os.path.basename(page) not in names:
            problems.append("docs/checks/%s documents a check that checks.def does not list"
                            % os.path.basename(page))
    for problem in problems:
        print("check-index: " + problem)
    if problems:
        return 1
    print("check-index: %d checks, each with its docs page and lit test; the index is up to date"
          % len(checks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
