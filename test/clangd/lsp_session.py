#!/usr/bin/env python3
"""Drives a real clangd over LSP (stdio) and checks what it publishes.

    lsp_session.py --clangd=BIN --workdir=DIR --source=FILE [options]

Copies FILE into DIR (a fresh directory), writes DIR/compile_commands.json for
it, optionally DIR/.clang-tidy and DIR/.clangd, starts clangd in DIR and
plays one session:

  initialize (publishDiagnostics.versionSupport, codeActionLiteralSupport)
  -> initialized -> textDocument/didOpen (version 7)
  -> waits for textDocument/publishDiagnostics of that file *with version 7*
  -> for each expected quick fix: textDocument/codeAction on the diagnostic
  -> shutdown -> exit, and clangd must exit 0.

What is expected is written in FILE as caret lines under the code they point
at (the caret line itself is a comment, so the file still compiles):

      co_return;
  //  ^~~~~~~~~ diag: asyncdrop-missing-async-drop
  //  ^~~~~~~~~ diag: asyncdrop-missing-async-drop message~guard 'g'
      g.async_drop();
  //  ^~~~~~~~~~~~~~ fix: asyncdrop-unawaited-async-drop inserts 'co_await '

`^~~~` spans the expected LSP range on the nearest line above that is not a
caret line (end exclusive, after the last `~`). `diag:` requires a diagnostic
with that code and exactly that range (`message~TEXT`: its message contains
TEXT, ignoring case: clangd capitalises messages). `fix:` also requires a
quickfix code action for it whose workspace edit inserts the quoted text at
the start of the range. `--absent=CODE` requires that no diagnostic has that
code; `--only-expected` requires that every published diagnostic is expected
(or has a code in --ignore).

Every wait is bounded (--timeout seconds); a failure prints what clangd
published and the tail of its log.
"""

import argparse
import json
import os
import queue
import re
import shlex
import shutil
import subprocess
import sys
import threading
import time

VERSION = 7
CARET_RE = re.compile(
    r"^(?P<lead>\s*//\s*?)(?P<pad>\s*)(?P<caret>\^~*)\s+"
    r"(?P<kind>diag|fix):\s+(?P<code>\S+)(?P<rest>.*)$")


class Failure(Exception):
    pass


def parse_expectations(text):
    """Returns [(kind, code, range, extra)] from the caret lines of text."""
    lines = text.split("\n")
    expected = []
    target = None  # index of the last non-caret line
    for index, line in enumerate(lines):
        match = CARET_RE.match(line)
        if not match:
            target = index
            continue
        if target is None:
            raise Failure("caret line %d has no code line above it" % (index + 1))
        start = match.start("caret")
        end = match.end("caret")
        rng = {"start": {"line": target, "character": start},
               "end": {"line": target, "character": end}}
        rest = match.group("rest").strip()
        extra = {}
        if match.group("kind") == "fix":
            fix = re.match(r"inserts\s+'([^']*)'$", rest)
            if not fix:
                raise Failure("line %d: expected \"fix: CODE inserts '<text>'\""
                              % (index + 1))
            extra["inserts"] = fix.group(1)
        elif rest:
            msg = re.match(r"message~(.*)$", rest)
            if not msg:
                raise Failure("line %d: unexpected text after the code: %r"
                              % (index + 1, rest))
            extra["message"] = msg.group(1)
        expected.append((match.group("kind"), match.group("code"), rng, extra))
    return expected


class Clangd:
    def __init__(self, argv, cwd, log_path, timeout):
        self.timeout = timeout
        self.log = open(log_path, "wb")
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.log)
        self.messages = queue.Queue()
        self.next_id = 1
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        stream = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    header = stream.readline()
                    if not header:
                        self.messages.put(None)
                        return
                    header = header.strip()
                    if not header:
                        break
                    name, _, value = header.decode("ascii").partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                body = stream.read(length)
                self.messages.put(json.loads(body))
        except Exception as e:  # reported by whoever waits next
            self.messages.put({"reader-error": repr(e)})

    def send(self, message):
        message["jsonrpc"] = "2.0"
        body = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params):
        ident = self.next_id
        self.next_id += 1
        self.send({"id": ident, "method": method, "params": params})
        reply = self.wait_for(lambda m: m.get("id") == ident and "method" not in m,
                              "the reply to %s" % method)
        if "error" in reply:
            raise Failure("%s failed: %s" % (method, json.dumps(reply["error"])))
        return reply.get("result")

    def wait_for(self, predicate, what, on_message=None):
        deadline = time.monotonic() + self.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failure("timed out after %ss waiting for %s"
                              % (self.timeout, what))
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if message is None:
                raise Failure("clangd exited (code %s) while waiting for %s"
                              % (self.proc.poll(), what))
            if "reader-error" in message:
                raise Failure("bad LSP stream: " + message["reader-error"])
            # Server-to-client requests (workDoneProgress/create ...) need a
            # reply or clangd may wait on them.
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": None})
                continue
            if on_message:
                on_message(message)
            if predicate(message):
                return message

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.log.close()


def same_range(a, b):
    return (a["start"]["line"], a["start"]["character"], a["end"]["line"],
            a["end"]["character"]) == (
        b["start"]["line"], b["start"]["character"], b["end"]["line"],
        b["end"]["character"])


def show_range(r):
    return "%d:%d-%d:%d" % (r["start"]["line"] + 1, r["start"]["character"] + 1,
                            r["end"]["line"] + 1, r["end"]["character"] + 1)


def show_diags(diags):
    return "\n".join("  %s %s [%s] %s" % (show_range(d["range"]),
                                          {1: "error", 2: "warning", 3: "info",
                                           4: "hint"}.get(d.get("severity"), "?"),
                                          d.get("code", "-"), d["message"])
                     for d in diags) or "  (none)"


def text_edits_for(action, uri):
    edit = action.get("edit") or {}
    edits = list((edit.get("changes") or {}).get(uri, []))
    for change in edit.get("documentChanges") or []:
        if change.get("textDocument", {}).get("uri") == uri:
            edits.extend(change.get("edits", []))
    return edits


def run(args):
    with open(args.source) as f:
        text = f.read()
    expected = parse_expectations(text)

    if os.path.exists(args.workdir):
        shutil.rmtree(args.workdir)
    os.makedirs(args.workdir)
    workdir = os.path.realpath(args.workdir)
    name = os.path.basename(args.source)
    path = os.path.join(workdir, name)
    with open(path, "w") as f:
        f.write(text)
    with open(os.path.join(workdir, "compile_commands.json"), "w") as f:
        json.dump([{"directory": workdir, "file": path,
                    "arguments": [args.clangxx] + shlex.split(args.cxxflags) +
                                 ["-c", path, "-o", path + ".o"]}], f)
    if args.clang_tidy is not None:
        with open(os.path.join(workdir, ".clang-tidy"), "w") as f:
            f.write(args.clang_tidy.replace("\\n", "\n"))
    if args.clangd_config is not None:
        with open(os.path.join(workdir, ".clangd"), "w") as f:
            f.write(args.clangd_config.replace("\\n", "\n"))
    uri = "file://" + path

    log_path = os.path.join(workdir, "clangd.log")
    # No --clang-tidy flag: clang-tidy diagnostics are on by default, and the
    # point is that a .clang-tidy file alone is enough.
    clangd = args.clangd
    if os.sep not in clangd:
        clangd = shutil.which(clangd) or clangd
    argv = [os.path.abspath(clangd), "--log=verbose", "--background-index=false",
            "--pch-storage=memory", "-j=1",
            "--compile-commands-dir=" + workdir] + args.clangd_arg
    server = Clangd(argv, workdir, log_path, args.timeout)
    published = {}

    def remember(message):
        if message.get("method") == "textDocument/publishDiagnostics":
            published[message["params"].get("version")] = message["params"]

    try:
        try:
            server.request("initialize", {
                "processId": os.getpid(),
                "rootUri": "file://" + workdir,
                "capabilities": {
                    "textDocument": {
                        "publishDiagnostics": {"versionSupport": True,
                                               "relatedInformation": True,
                                               "codeDescriptionSupport": True},
                        "codeAction": {"codeActionLiteralSupport": {
                            "codeActionKind": {"valueSet": [
                                "", "quickfix", "refactor", "source"]}}},
                    },
                },
            })
            server.notify("initialized", {})
            server.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "cpp", "version": VERSION,
                "text": text}})
            params = server.wait_for(
                lambda m: m.get("method") == "textDocument/publishDiagnostics"
                and m["params"].get("uri") == uri
                and m["params"].get("version") == VERSION,
                "textDocument/publishDiagnostics of %s with version %d"
                % (name, VERSION), remember)["params"]
            diags = params["diagnostics"]
            check(args, server, uri, expected, diags)
            server.request("shutdown", None)
            server.notify("exit", None)
            try:
                code = server.proc.wait(timeout=args.timeout)
            except subprocess.TimeoutExpired:
                raise Failure("clangd did not exit within %ss after 'exit'"
                              % args.timeout)
            if code != 0:
                raise Failure("clangd exited with %d after shutdown/exit" % code)
        except Failure as failure:
            server.close()
            with open(log_path, errors="replace") as f:
                log = f.read().splitlines()
            interesting = [l for l in log if re.search(
                r"tidy|Tidy|E\[|error|fatal|Latency|slow", l)]
            sys.stderr.write(
                "lsp_session: FAIL: %s\nsource: %s\nclangd log (%s), relevant "
                "lines:\n%s\n... last lines:\n%s\n" % (
                    failure, args.source, log_path,
                    "\n".join(interesting[-40:]), "\n".join(log[-25:])))
            return 1
    finally:
        server.close()
    print("lsp_session: OK: %d expectation(s) met in %s" % (len(expected), name))
    return 0


def check(args, server, uri, expected, diags):
    def fail(message):
        raise Failure(message + "\npublished diagnostics:\n" + show_diags(diags))

    for code in args.absent:
        if any(d.get("code") == code for d in diags):
            fail("a diagnostic with code %s was published, none expected" % code)
    if not expected and not args.absent:
        fail("the source has no caret lines: nothing to check")

    matched = []
    for kind, code, rng, extra in expected:
        candidates = [d for d in diags if d.get("code") == code]
        if not candidates:
            fail("no diagnostic with code %s (expected at %s)"
                 % (code, show_range(rng)))
        at = [d for d in candidates if same_range(d["range"], rng)]
        if not at:
            fail("diagnostic %s is not at the expected range %s"
                 % (code, show_range(rng)))
        if "message" in extra:
            # clangd capitalises the first letter of every message.
            at = [d for d in at
                  if extra["message"].lower() in d["message"].lower()]
            if not at:
                fail("diagnostic %s at %s does not mention %r"
                     % (code, show_range(rng), extra["message"]))
        diag = at[0]
        matched.append(diag)
        if kind != "fix":
            continue
        actions = server.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": diag["range"],
            "context": {"diagnostics": [diag], "only": ["quickfix"]}}) or []
        fixes = [a for a in actions
                 if "edit" in a and a.get("kind", "quickfix") == "quickfix"]
        good = [a for a in fixes
                if any(e["newText"] == extra["inserts"] and
                       e["range"]["start"] == rng["start"] and
                       e["range"]["end"] == rng["start"]
                       for e in text_edits_for(a, uri))]
        if not good:
            fail("no quick fix for %s at %s inserting %r; code actions offered:"
                 "\n%s" % (code, show_range(rng), extra["inserts"],
                           json.dumps(actions, indent=1)))
        print("lsp_session: quick fix <%s> for %s" % (good[0].get("title"), code))

    if args.only_expected:
        extra_diags = [d for d in diags if d not in matched and
                       d.get("code") not in args.ignore]
        if extra_diags:
            fail("unexpected diagnostics:\n" + show_diags(extra_diags))
    for d in matched:
        print("lsp_session: %s %s: %s" % (show_range(d["range"]), d.get("code"),
                                          d["message"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clangd", required=True)
    parser.add_argument("--clangxx", default="clang++-19",
                        help="compiler named in compile_commands.json")
    parser.add_argument("--workdir", required=True,
                        help="scratch directory, recreated")
    parser.add_argument("--source", required=True)
    parser.add_argument("--cxxflags", default="",
                        help="compile flags for the source (shell words)")
    parser.add_argument("--clang-tidy", help=".clang-tidy contents (\\n ok)")
    parser.add_argument("--clangd-config", help=".clangd contents (\\n ok)")
    parser.add_argument("--clangd-arg", action="append", default=[])
    parser.add_argument("--absent", action="append", default=[],
                        help="no diagnostic may have this code")
    parser.add_argument("--only-expected", action="store_true")
    parser.add_argument("--ignore", action="append", default=[],
                        help="codes --only-expected tolerates")
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    try:
        return run(args)
    except Failure as failure:
        sys.stderr.write("lsp_session: FAIL: %s\n" % failure)
        return 1


if __name__ == "__main__":
    sys.exit(main())
