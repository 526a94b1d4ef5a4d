#!/usr/bin/env python3
"""Runs clang-tidy with the asyncdrop module on one test file and checks it.

    check_tidy.py [options] SOURCE CHECKS TMPBASE [-- TIDY_ARGS [-- COMPILER_ARGS]]

The test file states what it expects in comments:
  // CHECK-MESSAGES: :[[@LINE+1]]:3: warning: ... [asyncdrop-...]
      every warning and error clang-tidy prints must be matched; notes are
      ignored unless the file also has CHECK-NOTES lines;
  // CHECK-NOTES: ...     the whole output, notes included, must be matched;
  // CHECK-FIXES: ...     the file after applying the fix-its.
A file with no CHECK-MESSAGES/CHECK-NOTES lines must produce no diagnostic,
and a file with no CHECK-FIXES lines must not be changed by fix-its.
--check-suffix=A,B uses the prefixes CHECK-MESSAGES-A, CHECK-MESSAGES-B, ...
so one file can hold several runs with different options.

The check lines are blanked (not removed, so line numbers stay) in the copy
that clang-tidy sees, so they cannot match themselves in the fixed file.
"""

import argparse
import os
import re
import shlex
import subprocess
import sys

DIAG_RE = re.compile(r"^(.*?):(\d+):(\d+): (warning|error|note): ")
ERROR_RE = re.compile(r"\berror: ")
CRASH_MARKERS = ("Stack dump:", "PLEASE submit a bug report",
                 "LLVM ERROR:", "Assertion `")


def fail(message, output=None):
    sys.stderr.write("check_tidy: FAIL: " + message + "\n")
    if output:
        sys.stderr.write("------ output ------\n" + output +
                         "\n--------------------\n")
    sys.exit(1)


def split_dash_dash(argv):
    """Splits argv at the first and second '--'."""
    groups = [[]]
    for arg in argv:
        if arg == "--" and len(groups) < 3:
            groups.append([])
        else:
            groups[-1].append(arg)
    while len(groups) < 3:
        groups.append([])
    return groups


def run(cmd, **kwargs):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kwargs)


def uses_prefix(text, prefix):
    return re.search(r"//\s*" + re.escape(prefix) +
                     r"(-NEXT|-SAME|-NOT|-DAG|-LABEL|-EMPTY)?:", text) is not None


def filecheck(args, check_file, prefixes, input_text, implicit_not, tmp):
    input_path = tmp
    with open(input_path, "w") as f:
        f.write(input_text)
    cmd = [args.filecheck, check_file, "--input-file=" + input_path,
           "--check-prefixes=" + ",".join(prefixes), "--strict-whitespace",
           "--dump-input=fail"]
    for pattern in implicit_not:
        cmd.append("--implicit-check-not=" + pattern)
    result = run(cmd)
    if result.returncode != 0:
        fail("FileCheck " + ",".join(prefixes) + " did not match:\n" +
             result.stdout)


def main():
    own, tidy_extra, compiler_extra = split_dash_dash(sys.argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--module", required=True)
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--clangxx", required=True)
    parser.add_argument("--cxxflags", default="",
                        help="compiler flags every test gets (std, includes)")
    parser.add_argument("--check-suffix", default="",
                        help="comma-separated suffixes for the prefixes")
    parser.add_argument("--compile-fixes", action="store_true",
                        help="the fixed file must compile (-fsyntax-only)")
    parser.add_argument("--no-fix", action="store_true",
                        help="do not apply fix-its (for files with errors)")
    parser.add_argument("source")
    parser.add_argument("checks")
    parser.add_argument("tmpbase")
    args = parser.parse_args(own)

    with open(args.source) as f:
        original = f.read()

    suffixes = [s for s in args.check_suffix.split(",") if s] or [""]

    def prefixes(kind):
        return ["CHECK-" + kind + ("-" + s if s else "") for s in suffixes]

    message_prefixes = [p for p in prefixes("MESSAGES") if uses_prefix(original, p)]
    note_prefixes = [p for p in prefixes("NOTES") if uses_prefix(original, p)]
    fix_prefixes = [p for p in prefixes("FIXES") if uses_prefix(original, p)]

    # Blank every check line: they would otherwise match themselves.
    blanked = re.sub(r"//\s*CHECK-(MESSAGES|NOTES|FIXES)[A-Za-z0-9_-]*:[^\n]*",
                     "//", original)
    ext = os.path.splitext(args.source)[1] or ".cpp"
    tidy_input = args.tmpbase + ext
    os.makedirs(os.path.dirname(os.path.abspath(tidy_input)), exist_ok=True)
    with open(tidy_input, "w") as f:
        f.write(blanked)

    checks = args.checks if args.checks.startswith("-*") else "-*," + args.checks
    cmd = [args.clang_tidy, "-load=" + args.module, "--checks=" + checks,
           "--quiet"]
    # A .clang-tidy file in a parent of the build directory must not leak in.
    if not any(a.startswith(("-config", "--config")) for a in tidy_extra):
        cmd.append("--config={}")
    if not args.no_fix:
        cmd.append("--fix")
    cmd += tidy_extra
    cmd += [tidy_input, "--"] + shlex.split(args.cxxflags)
    # Relative quote-includes of the test keep resolving from its copy.
    cmd += ["-iquote", os.path.dirname(os.path.abspath(args.source))]
    cmd += compiler_extra

    result = run(cmd)
    output = result.stdout
    shown = "$ " + " ".join(shlex.quote(c) for c in cmd) + "\n" + output

    if result.returncode < 0 or any(m in output for m in CRASH_MARKERS):
        fail("clang-tidy crashed", shown)

    lines = output.splitlines()
    diag_lines = [l for l in lines if DIAG_RE.match(l)]
    # Errors without a location (bad arguments, a module that fails to load).
    bare_errors = [l for l in lines if ERROR_RE.search(l) and not DIAG_RE.match(l)
                   and "clang-tidy-diagnostic" not in l]
    if bare_errors and not any("error: " in l for l in diag_lines):
        fail("clang-tidy reported an error", shown)
    if result.returncode != 0 and not any(" error: " in l for l in diag_lines):
        fail("clang-tidy exited with %d without an error diagnostic" %
             result.returncode, shown)

    messages = [l for l in diag_lines if DIAG_RE.match(l).group(4) != "note"]

    if message_prefixes:
        filecheck(args, args.source, message_prefixes, "\n".join(messages) + "\n",
                  ["{{warning|error}}:"], args.tmpbase + ".messages")
    if note_prefixes:
        filecheck(args, args.source, note_prefixes, "\n".join(diag_lines) + "\n",
                  ["{{warning|error|note}}:"], args.tmpbase + ".notes")
    if not message_prefixes and not note_prefixes and messages:
        fail("expected no diagnostics, got %d" % len(messages), shown)

    with open(tidy_input) as f:
        fixed = f.read()
    if fix_prefixes:
        filecheck(args, args.source, fix_prefixes, fixed, [],
                  args.tmpbase + ".fixed-input")
    elif fixed != blanked:
        fail("fix-its changed the file but the test has no CHECK-FIXES lines",
             fixed)

    if args.compile_fixes:
        compile_cmd = [args.clangxx, "-fsyntax-only"] + shlex.split(args.cxxflags)
        compile_cmd += ["-iquote", os.path.dirname(os.path.abspath(args.source))]
        compile_cmd += compiler_extra + [tidy_input]
        compiled = run(compile_cmd)
        if compiled.returncode != 0:
            fail("the fixed file does not compile", compiled.stdout)


if __name__ == "__main__":
    main()
