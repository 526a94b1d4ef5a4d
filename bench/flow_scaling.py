#!/usr/bin/env python3
"""How the flow checks scale: asyncdrop-missing-async-drop,
asyncdrop-use-after-async-drop and asyncdrop-unawaited-async-drop on generated
code. Not a test: it prints a table.

    bench/flow_scaling.py [--module build/lib/AsyncDropTidyModule.so]
                          [--repeat 5] [--guards 500] [--branches 2000]
                          [--functions 2000] [--await-depth 12]
                          [--sum-terms 60000]

Generated translation units (in a temporary directory), all including
<asyncdrop/asyncdrop.hpp>:
  big-correct   one coroutine with G guards and B if/else branches that use
                them, every guard dropped at the end (no diagnostic: the
                fixpoint carries every guard through every block);
  big-buggy     the same, but every fifth guard is never dropped and some
                branches return early (G/5 + more diagnostics, each with its
                path notes: the reporting and note search cost);
  many-small    F small coroutines with two guards and a few branches each;
  no-guards     F functions with the same shape that never mention a guard
                (the checks must not analyse them at all);
  nested-await  one coroutine holding a guard with `co_await f(co_await
                f(...))` --await-depth levels deep (was 3^depth);
  deep-sum      one function holding a guard with an `a + a + ...` of
                --sum-terms terms (overflowed the stack).

For each unit and each check, clang-tidy-19 runs --repeat times with
--enable-check-profile --store-check-profile; the table shows the median and
the spread (min..max) of the check's own CPU time (user+sys, the stable
number on a shared machine) and wall time, of the whole clang-tidy run, and
of a parse-only baseline (clang++-19 -fsyntax-only on the same unit). The
check's time includes its matchers' share of the AST traversal, so even
no-guards shows a small floor.
The module path defaults to build/lib/AsyncDropTidyModule.so next to this
script's repository.
"""

import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECKS = ["asyncdrop-missing-async-drop", "asyncdrop-use-after-async-drop",
          "asyncdrop-unawaited-async-drop"]

PRELUDE = """#include <asyncdrop/asyncdrop.hpp>
using asyncdrop::AsyncDropGuard;
using asyncdrop::Task;
class Conn {
 public:
  void send(int) {}
 private:
  friend class asyncdrop::access;
  Conn() = default;
  Task<void> async_drop_impl() { co_return; }
};
AsyncDropGuard<Conn> connect(int);
bool cond(int);
void log(int);
Task<void> work(int);
"""


def big(guards, branches, buggy):
    out = [PRELUDE, "Task<int> big() {"]
    for g in range(guards):
        out.append("  auto g%d = connect(%d);" % (g, g))
    for b in range(branches):
        g = (b * 7) % guards
        if buggy and b % 97 == 0:
            # An early return that leaks every guard still alive.
            out.append("  if (cond(%d)) co_return %d;" % (b, b))
        elif b % 3 == 0:
            out.append("  if (cond(%d)) { g%d->send(%d); } else { log(%d); }"
                       % (b, g, b, b))
        elif b % 3 == 1:
            out.append("  if (cond(%d)) { co_await work(%d); }" % (b, b))
        else:
            out.append("  for (int i = 0; i < %d && cond(i); ++i) g%d->send(i);"
                       % (b % 5 + 1, g))
    for g in range(guards):
        if not (buggy and g % 5 == 0):
            out.append("  co_await g%d.async_drop();" % g)
    out.append("  co_return 0;\n}")
    return "\n".join(out) + "\n"


def nested_await(depth):
    expr = "0"
    for _ in range(depth):
        expr = "co_await f(%s)" % expr
    return (PRELUDE + "Task<int> f(int);\nTask<int> nested() {\n"
            "  auto g = connect(0);\n  int r = %s;\n"
            "  co_await g.async_drop();\n  co_return r;\n}\n" % expr)


def deep_sum(terms):
    return (PRELUDE + "int deep(int a) {\n  auto g = connect(a);\n"
            "  int r = %s;\n  return r;\n}\n" % " + ".join(["a"] * terms))


def many_small(functions, with_guards):
    out = [PRELUDE]
    for f in range(functions):
        if with_guards:
            out.append("""Task<int> small%d(int n) {
  auto a = connect(n);
  auto b = connect(n + 1);
  if (cond(n)) { a->send(n); } else { b->send(n); }
  for (int i = 0; i < n; ++i) { if (cond(i)) break; log(i); }
  co_await asyncdrop::drop_all(a, b);
  co_return n;
}""" % f)
        else:
            out.append("""Task<int> small%d(int n) {
  int a = n, b = n + 1;
  if (cond(n)) { log(a); } else { log(b); }
  for (int i = 0; i < n; ++i) { if (cond(i)) break; log(i); }
  co_await work(n);
  co_return n;
}""" % f)
    return "\n".join(out) + "\n"


def run_profile(args, source, check, tmp):
    """The check's own wall time in seconds, from --store-check-profile."""
    prof = os.path.join(tmp, "profile")
    shutil.rmtree(prof, ignore_errors=True)
    os.makedirs(prof)
    cmd = [args.clang_tidy, "-load=" + args.module, "--checks=-*," + check,
           "--config={}", "--quiet", "--enable-check-profile",
           "--store-check-profile=" + prof, source, "--", "-std=c++20",
           "-I" + args.runtime_include]
    start = time.perf_counter()
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            universal_newlines=True)
    total = time.perf_counter() - start
    if result.returncode < 0 or "Stack dump" in result.stdout:
        sys.exit("clang-tidy crashed:\n" + result.stdout)
    diags = result.stdout.count(": warning: ")
    files = glob.glob(os.path.join(prof, "*.json"))
    if not files:
        sys.exit("no profile written; output:\n" + result.stdout)
    with open(files[0]) as f:
        data = json.load(f)["profile"]
    def get(kind):
        return sum(v for k, v in data.items()
                   if k.startswith("time.clang-tidy." + check + ".") and k.endswith("." + kind))
    return get("user") + get("sys"), get("wall"), total, diags


def parse_only(args, source):
    cmd = [args.clangxx, "-fsyntax-only", "-std=c++20", "-I" + args.runtime_include,
           "-Wno-everything", source]
    start = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - start


def fmt(values):
    return "%.3f (%.3f..%.3f)" % (statistics.median(values), min(values), max(values))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", default=os.path.join(ROOT, "build", "lib",
                                                         "AsyncDropTidyModule.so"))
    parser.add_argument("--clang-tidy", default="clang-tidy-19")
    parser.add_argument("--clangxx", default="clang++-19")
    parser.add_argument("--runtime-include", default=os.path.join(ROOT, "runtime", "include"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--guards", type=int, default=500)
    parser.add_argument("--branches", type=int, default=2000)
    parser.add_argument("--functions", type=int, default=2000)
    parser.add_argument("--units", help="comma-separated subset of the units")
    parser.add_argument("--await-depth", type=int, default=12)
    parser.add_argument("--sum-terms", type=int, default=60000)
    parser.add_argument("--keep", help="write the generated sources to this directory")
    args = parser.parse_args()
    if not os.path.exists(args.module):
        sys.exit("module not found: %s (build the AsyncDropTidyModule target, or "
                 "pass --module)" % args.module)

    units = [
        ("big-correct", big(args.guards, args.branches, buggy=False)),
        ("big-buggy", big(args.guards, args.branches, buggy=True)),
        ("many-small", many_small(args.functions, with_guards=True)),
        ("no-guards", many_small(args.functions, with_guards=False)),
        ("nested-await", nested_await(args.await_depth)),
        ("deep-sum", deep_sum(args.sum_terms)),
    ]
    if args.units:
        units = [u for u in units if u[0] in args.units.split(",")]
    tmp = tempfile.mkdtemp(prefix="flow-bench-")
    try:
        print("guards=%d branches=%d functions=%d repeat=%d; seconds, median (min..max)"
              % (args.guards, args.branches, args.functions, args.repeat))
        row = "%-12s %-31s %-22s %-22s %-22s %-22s %s"
        print(row % ("unit", "check", "check cpu", "check wall", "clang-tidy wall",
                     "parse-only wall", "warnings"))
        for name, text in units:
            source = os.path.join(args.keep or tmp, name + ".cpp")
            os.makedirs(os.path.dirname(source), exist_ok=True)
            with open(source, "w") as f:
                f.write(text)
            base = [parse_only(args, source) for _ in range(args.repeat)]
            for check in CHECKS:
                cpus, walls, totals, diags = [], [], [], 0
                for _ in range(args.repeat):
                    cpu, wall, total, diags = run_profile(args, source, check, tmp)
                    cpus.append(cpu)
                    walls.append(wall)
                    totals.append(total)
                print(row % (name, check, fmt(cpus), fmt(walls), fmt(totals), fmt(base),
                             diags))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
