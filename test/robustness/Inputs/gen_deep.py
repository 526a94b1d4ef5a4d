#!/usr/bin/env python3
"""Writes a valid TU whose one guard-holding function nests an expression
DEPTH levels deep, with the one finding the flow checks must still make.

    gen_deep.py coawait DEPTH   co_await f(co_await f(... co_await f(0)))
    gen_deep.py sum DEPTH       a + a + ... + a (DEPTH terms)
"""
import sys

kind, depth = sys.argv[1], int(sys.argv[2])
out = ["#include <asyncdrop/asyncdrop.hpp>", "", "namespace app {", "",
       "class Conn {",
       "  friend class asyncdrop::access;",
       "  Conn() = default;",
       "  asyncdrop::Task<void> async_drop_impl() { co_return; }",
       "};",
       "asyncdrop::AsyncDropGuard<Conn> connect();",
       "asyncdrop::Task<int> f(int);", ""]
if kind == "coawait":
    expr = "0"
    for _ in range(depth):
        expr = "co_await f(%s)" % expr
    out += ["asyncdrop::Task<int> nested() {",
            "  auto conn = connect();",
            "  int r = %s;" % expr,
            "  if (r == 3)",
            "    co_return r;",
            "  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'conn' of type"
            " 'AsyncDropGuard<Conn>' is destroyed without 'co_await"
            " conn.async_drop()' on this path [asyncdrop-missing-async-drop]",
            "  co_await conn.async_drop();",
            "  co_return r;",
            "}"]
elif kind == "sum":
    out += ["int deep(int a) {",
            "  auto conn = connect();",
            "  int r = %s;" % " + ".join(["a"] * depth),
            "  return r;",
            "  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'conn' of type"
            " 'AsyncDropGuard<Conn>' is destroyed without 'co_await"
            " conn.async_drop()' on this path [asyncdrop-missing-async-drop]",
            "}"]
else:
    sys.stderr.write("gen_deep.py: unknown kind %r (coawait or sum)\n" % kind)
    sys.exit(2)
out += ["", "}  // namespace app", ""]
sys.stdout.write("\n".join(out))
