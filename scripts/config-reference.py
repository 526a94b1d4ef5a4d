#!/usr/bin/env python3
"""Writes the option tables of docs/configuration.md from what the checks
themselves say: `clang-tidy-19 -load=<module> --checks=-*,asyncdrop-* --dump-config`
gives every option of every check with its default; the meaning of each is
taken from the "## Options" table of the check's page docs/checks/asyncdrop-<name>.md.

    scripts/config-reference.py [--build-dir build]          rewrite the tables
    scripts/config-reference.py --check [--module M --clang-tidy T]
        exit 1 if docs/configuration.md is out of date, or if a check's page
        leaves an option out or gives it another default (the test suite runs this)
"""
import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import asyncdrop_checks_def  # noqa: E402  (the one reader of checks.def)
BEGIN = ("<!-- BEGIN generated options: scripts/config-reference.py writes this part "
         "from clang-tidy-19 --dump-config; do not edit. -->")
END = "<!-- END generated options -->"


def unquote(value):
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return bytes(value[1:-1], "utf-8").decode("unicode_escape")
    return value


def dump_options(clang_tidy, module):
    # From "/", so that no .clang-tidy of the tree changes the defaults.
    cmd = [clang_tidy, "-load=" + os.path.abspath(module), "--checks=-*,asyncdrop-*",
           "--dump-config"]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, cwd="/")
    if proc.returncode != 0 or "Error opening" in proc.stderr:
        sys.exit("config-reference: %s failed:\n%s" % (" ".join(cmd), proc.stderr))
    options, inside = {}, False
    for line in proc.stdout.splitlines():
        if line.startswith("CheckOptions:"):
            inside = True
            continue
        if inside and line and not line.startswith(" "):
            inside = False
        m = re.match(r"^\s+(asyncdrop-[\w-]+)\.([\w.]+):\s*(.*)$", line) if inside else None
        if m:
            options.setdefault(m.group(1), {})[m.group(2)] = unquote(m.group(3))
    return options


def split_row(row):
    cells = re.split(r"(?<!\\)\|", row.strip())
    return [c.strip() for c in cells[1:-1]]


def md_unescape(cell):
    cell = cell.strip()
    if cell.startswith("`") and cell.endswith("`") and len(cell) >= 2:
        cell = cell[1:-1]
    return cell.replace("\\|", "|")


def page_options(page, heading="Options"):
    """option -> (default, meaning) from the page's '## <heading>' table."""
    try:
        with open(page, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return None
    m = re.search(r"^## %s\s*$(.*?)(?=^## |\Z)" % re.escape(heading), text, re.M | re.S)
    if not m:
        return {}
    found = {}
    for line in m.group(1).splitlines():
        if not line.startswith("|") or re.match(r"^\|[\s:|-]+\|$", line):
            continue
        cells = split_row(line)
        if len(cells) >= 3 and cells[0].startswith("`"):
            found[md_unescape(cells[0])] = (md_unescape(cells[1]), cells[2])
    return found


SHARED_HEADING = "Options shared by most checks"


def same_default(documented, actual):
    if documented == actual:
        return True
    if actual == "":
        return documented in ("", "(empty)", "''", "empty")
    return documented.lower() == actual.lower() and actual.lower() in ("true", "false")


def code(value):
    if value == "":
        return "(empty)"
    fence = "``" if "`" in value else "`"
    return "%s%s%s" % (fence, value.replace("|", "\\|"), fence)


def render(checks, options, root, problems):
    # The options most checks share are described once, in configuration.md
    # itself; a check's page may still describe them its own way.
    shared = page_options(os.path.join(root, "docs", "configuration.md"),
                          SHARED_HEADING) or {}
    out = [BEGIN, ""]
    for name in checks:
        check = "asyncdrop-" + name
        page_rel = "checks/%s.md" % check
        documented = page_options(os.path.join(root, "docs", page_rel))
        if documented is None:
            problems.append("%s: no page docs/%s for its options" % (check, page_rel))
            documented = {}
        out.append("### [%s](%s)" % (check, page_rel))
        out.append("")
        opts = options.get(check, {})
        if not opts:
            out += ["No options.", ""]
            continue
        out += ["| option | default | meaning |", "|---|---|---|"]
        for opt in sorted(opts):
            default = opts[opt]
            meaning = "see [the check's page](%s)" % page_rel
            if opt in documented:
                page_default, meaning = documented[opt]
                where = "docs/" + page_rel
            elif opt in shared:
                page_default, _ = shared[opt]
                meaning = "see [the shared options](#options-shared-by-most-checks)"
                where = "docs/configuration.md (shared options)"
            else:
                problems.append("%s: option %s is not in the Options table of docs/%s"
                                % (check, opt, page_rel))
                page_default, where = default, None
            if where and not same_default(page_default, default):
                problems.append("%s: %s gives %s the default %r, the check says %r"
                                % (check, where, opt, page_default, default))
            out.append("| `%s.%s` | %s | %s |" % (check, opt, code(default), meaning))
        out.append("")
    out.append(END)
    return "\n".join(out)


def find_module(args):
    if args.module:
        return args.module
    path = os.path.join(args.build_dir, "lib", "AsyncDropTidyModule.so")
    if not os.path.isfile(path):
        sys.exit("config-reference: %s not found: build the module (cmake --build %s "
                 "--target AsyncDropTidyModule) or pass --module" % (path, args.build_dir))
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--root", default=ROOT)
    parser.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    parser.add_argument("--module")
    parser.add_argument("--clang-tidy", default=shutil.which("clang-tidy-19") or "clang-tidy-19")
    args = parser.parse_args()

    try:
        checks = sorted(c.name for c in asyncdrop_checks_def.read(
            os.path.join(args.root, "clang-tidy-checks", "checks.def")))
    except asyncdrop_checks_def.CheckDefError as e:
        sys.exit("config-reference: %s" % e)
    options = dump_options(args.clang_tidy, find_module(args))
    problems = []
    generated = render(checks, options, args.root, problems)

    doc = os.path.join(args.root, "docs", "configuration.md")
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    if BEGIN not in text or END not in text:
        sys.exit("config-reference: docs/configuration.md lacks the markers %s ... %s" % (BEGIN, END))
    start, end = text.index(BEGIN), text.index(END) + len(END)
    current = text[start:end]

    if not args.check:
        with open(doc, "w", encoding="utf-8") as f:
            f.write(text[:start] + generated + text[end:])
        print("wrote docs/configuration.md (%d options of %d checks)" % (
            sum(len(v) for v in options.values()), len(checks)))
        for problem in dict.fromkeys(problems):
            print("config-reference: warning: " + problem)
        return 0

    if current != generated:
        problems.insert(0, "docs/configuration.md is out of date: run scripts/config-reference.py\n" +
                        "".join(difflib.unified_diff(current.splitlines(True), generated.splitlines(True),
                                                     "committed", "from --dump-config")))
    for problem in dict.fromkeys(problems):
        print("config-reference: " + problem)
    if problems:
        return 1
    print("config-reference: %d options of %d checks, as --dump-config says and each documented"
          % (sum(len(v) for v in options.values()), len(checks)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
