"""Reads clang-tidy-checks/checks.def, the one list of the asyncdrop-* checks.

Every Python reader of the list uses this module: scripts/check-index.py,
scripts/config-reference.py, test/lit.cfg.py, the tests' check_sarif.py,
asyncdrop-sarif and asyncdrop-tidy (installed with them, next to an installed
copy of checks.def). The C++ side includes the file with its own
ASYNCDROP_CHECK macro, and CMake reads the class names with file(STRINGS).

An entry is one line:

    ASYNCDROP_CHECK(ClassName, "check-name", "one-line summary")

with C string literals. A summary that starts with "hint:" marks a hint: a
check that suggests an improvement rather than reporting a bug, which the
tools never turn into an error and SARIF reports at level "note".
"""

import re
from typing import List, NamedTuple

ENTRY_START = "ASYNCDROP_CHECK("
_STRING = r'"((?:[^"\\]|\\.)*)"'
_ENTRY_RE = re.compile(r"^ASYNCDROP_CHECK\(\s*(\w+)\s*,\s*" + _STRING +
                       r"\s*,\s*" + _STRING + r"\s*\)\s*$")
_ESCAPES = {"n": "\n", "t": "\t"}
HINT_PREFIX = "hint:"


class CheckDefError(Exception):
    """checks.def cannot be read, or has a line that is not an entry."""


class Check(NamedTuple):
    class_name: str  # MissingAsyncDropCheck
    name: str        # missing-async-drop
    summary: str

    @property
    def id(self) -> str:
        """The name clang-tidy reports: asyncdrop-missing-async-drop."""
        return "asyncdrop-" + self.name

    @property
    def page(self) -> str:
        """The check's page under docs/checks/."""
        return self.id + ".md"

    @property
    def is_hint(self) -> bool:
        return self.summary.startswith(HINT_PREFIX)


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


def parse(text: str, origin: str = "checks.def") -> List[Check]:
    """The entries of the text of a checks.def, in file order."""
    checks = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith(ENTRY_START):
            continue
        match = _ENTRY_RE.match(line.strip())
        if not match:
            raise CheckDefError('%s:%d: not ASYNCDROP_CHECK(Class, "name", "summary") '
                                "on one line" % (origin, number))
        checks.append(Check(match.group(1), _unescape(match.group(2)),
                            _unescape(match.group(3))))
    if not checks:
        raise CheckDefError("%s: no ASYNCDROP_CHECK entry" % origin)
    return checks


def read(path: str) -> List[Check]:
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise CheckDefError("cannot read %s: %s" % (path, e.strerror)) from None
    return parse(text, path)
