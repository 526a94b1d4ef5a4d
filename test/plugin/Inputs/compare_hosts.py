#!/usr/bin/env python3
"""Runs clang-tidy (with the asyncdrop module) and clang++ -fplugin on the
same files with the same configuration and fails unless both report exactly
the same asyncdrop diagnostics: locations, levels, messages, check names and
notes, in the same order.

    compare_hosts.py --clang-tidy=... --module=... --clangxx=... --plugin=...
                     [--cxxflags='...'] [--config=YAML] [--min-findings=N]
                     FILE...
"""

import argparse
import re
import shlex
import subprocess
import sys

DIAG_RE = re.compile(r"^(.*?):(\d+):(\d+): (warning|error|note): (.*)$")
OURS_RE = re.compile(r"\[(asyncdrop-[a-z0-9-]+|clang-tidy-config|clang-tidy-nolint)(,-warnings-as-errors)?\]$")


def groups(output):
    """[(diagnostic line, [note lines])] of the asyncdrop diagnostics."""
    result = []
    current = None
    for line in output.splitlines():
        match = DIAG_RE.match(line)
        if not match:
            continue
        if match.group(4) == "note":
            if current is not None:
                current[1].append(line)
            continue
        current = (line, []) if OURS_RE.search(line) else None
        if current is not None:
            result.append(current)
    return result


def run(cmd):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--module", required=True)
    parser.add_argument("--clangxx", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--cxxflags", default="")
    parser.add_argument("--config", default="{}")
    parser.add_argument("--min-findings", type=int, default=1)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    flags = shlex.split(args.cxxflags)

    failures = 0
    findings = 0
    for path in args.files:
        tidy_cmd = [args.clang_tidy, "-load=" + args.module,
                    "--checks=-*,asyncdrop-*", "--config=" + args.config,
                    "--quiet", path, "--"] + flags
        plugin_cmd = [args.clangxx] + flags + [
            "-fsyntax-only", "-fno-caret-diagnostics",
            "-fplugin=" + args.plugin,
            "-fplugin-arg-asyncdrop-config=" + args.config, path]
        tidy = run(tidy_cmd)
        plugin = run(plugin_cmd)
        for name, result, cmd in (("clang-tidy", tidy, tidy_cmd),
                                  ("plugin", plugin, plugin_cmd)):
            if "Stack dump:" in result.stdout or result.returncode < 0:
                print("FAIL: %s crashed on %s\n$ %s\n%s" % (
                    name, path, " ".join(map(shlex.quote, cmd)), result.stdout))
                failures += 1
        expected = groups(tidy.stdout)
        actual = groups(plugin.stdout)
        findings += len(expected)
        if expected != actual:
            failures += 1
            print("FAIL: %s: clang-tidy and the plugin disagree" % path)
            print("--- clang-tidy (%d):" % len(expected))
            for line, notes in expected:
                print("  " + "\n    ".join([line] + notes))
            print("--- plugin (%d):" % len(actual))
            for line, notes in actual:
                print("  " + "\n    ".join([line] + notes))
        else:
            print("same: %s: %d diagnostic(s)" % (path, len(expected)))
    if findings < args.min_findings:
        print("FAIL: only %d finding(s) in all files, expected at least %d: "
              "the comparison would prove nothing" % (findings, args.min_findings))
        failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
