"""read_checks_def.py CHECKS_DEF: what tools/asyncdrop_checks_def.py, the one
reader of checks.def, reads from it, for FileCheck:

  check <id> <ClassName> <page> hint=<True|False> summary=<summary>
  checks: <n>
or "error: <message>" (exit 0 either way, so that a RUN line can check it)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "tools"))
import asyncdrop_checks_def  # noqa: E402

try:
    checks = asyncdrop_checks_def.read(sys.argv[1])
except asyncdrop_checks_def.CheckDefError as e:
    print("error: %s" % e)
    sys.exit(0)
for check in checks:
    print("check %s %s %s hint=%s summary=%s" % (check.id, check.class_name, check.page,
                                                 check.is_hint, check.summary))
print("checks: %d" % len(checks))
