#!/usr/bin/env python3
"""Adds up the JUnit reports of every suite scripts/test.sh ran.

Prints a line per suite and the closing line "tests: N passed, N failed",
and exits non-zero when anything failed or no test ran at all.
"""
import argparse
import glob
import os
import sys
import xml.etree.ElementTree as ET


def count(path):
    passed = failed = skipped = 0
    for case in ET.parse(path).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None or case.get("status") == "notrun":
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("reports")
    parser.add_argument("--extra-failure", action="append", default=[],
                        help="a step that failed outside any report")
    args = parser.parse_args()
    total_passed = total_failed = total_skipped = 0
    for path in sorted(glob.glob(os.path.join(args.reports, "*.xml"))):
        try:
            passed, failed, skipped = count(path)
        except ET.ParseError as error:
            print("%s: unreadable report (%s)" % (os.path.basename(path), error))
            passed, failed, skipped = 0, 1, 0
        print("%-16s %5d passed, %d failed, %d skipped" %
              (os.path.basename(path)[:-4] + ":", passed, failed, skipped))
        total_passed += passed
        total_failed += failed
        total_skipped += skipped
    for step in args.extra_failure:
        print("%-16s failed" % (step + ":"))
        total_failed += 1
    if total_passed + total_failed == 0:
        print("no test ran")
        total_failed += 1
    print("tests: %d passed, %d failed, %d skipped" %
          (total_passed, total_failed, total_skipped))
    sys.exit(1 if total_failed else 0)


if __name__ == "__main__":
    main()
