#!/usr/bin/env python3
"""How the asyncdrop-* checks scale with N guards x M branches in one function.

    python3 bench/scaling.py [--build DIR] [--guards 10,100,1000]
                             [--branches 10,100,1000,5000] [--reps 3]

The stress TUs come from bench/flow_scaling.py, the flow checks' own
generator (owned by the flow-check engineer; this script only imports it):
`flow_scaling.big(n_guards, m_branches, buggy=False)`, the C++ source of one
coroutine with N guards and M branches, every guard dropped (no diagnostic).
flow_scaling.py itself profiles the three flow checks alone against
-fsyntax-only; this script adds the whole asyncdrop-* set against the
clang-tidy parse-only baseline, paired, and the linearity slope.

For each (N, M), interleaved repetitions of the parse-only baseline and of
asyncdrop-* (see check_overhead.py), then the checks' own time = the paired
difference of CPU times, and --enable-check-profile per check.  Reported:
that time, the time per N*M, and the slope of log(time) against log(N*M)
over the grid (1.0 = linear; the target is "no worse than linear").
"""

import argparse
import glob
import json
import math
import os
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree (lit runs this)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

def generator():
    try:
        import flow_scaling  # bench/flow_scaling.py
    except ImportError:
        sys.exit("scaling: bench/flow_scaling.py (the flow checks' generator) is missing")
    return lambda n, m: flow_scaling.big(n, m, False)


def profile_seconds(module, source, flags):
    with tempfile.TemporaryDirectory() as tmp:
        common.run_timed(common.tidy_cmd(module, "asyncdrop-*", source, flags,
                                         ["--enable-check-profile",
                                          "--store-check-profile=" + tmp]))
        total = 0.0
        for path in glob.glob(os.path.join(tmp, "*.json")):
            with open(path) as f:
                for key, value in json.load(f).get("profile", {}).items():
                    if key.endswith(".user") or key.endswith(".sys"):
                        total += value
        return total


def slope(points):
    """Least-squares slope of log(y) against log(x)."""
    pts = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    var = sum((p[0] - mx) ** 2 for p in pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / var if var else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=common.default_build_dir())
    parser.add_argument("--guards", default="10,100,1000")
    parser.add_argument("--branches", default="10,100,1000,5000")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    gen = generator()
    module = common.tidy_module(args.build)
    flags = ["-std=c++20", "-I" + common.RUNTIME_INCLUDE]
    work = os.path.join(args.build, "bench-inputs", "scaling")
    rows = []
    info = common.machine_info()
    for n in [int(x) for x in args.guards.split(",")]:
        for m in [int(x) for x in args.branches.split(",")]:
            source = os.path.join(work, "flow_%d_%d.cpp" % (n, m))
            os.makedirs(work, exist_ok=True)
            with open(source, "w") as f:
                f.write(gen(n, m))
            base, checks, diags = [], [], 0
            for rep in range(args.reps):
                pair = [("base", common.NOOP_CHECK), ("asyncdrop", "asyncdrop-*")]
                if rep % 2:
                    pair.reverse()
                for kind, check in pair:
                    r = common.run_timed(common.tidy_cmd(module, check, source, flags))
                    (base if kind == "base" else checks).append(r)
                    if kind == "asyncdrop" and rep == 0:
                        diags = sum(1 for l in r.output.splitlines() if "[asyncdrop-" in l
                                    and ": warning:" in l)
            added = common.summary([c.cpu - b.cpu for b, c in zip(base, checks)])
            prof = profile_seconds(module, source, flags)
            row = {"guards": n, "branches": m, "nm": n * m,
                   "lines": common.count_lines(source),
                   "baseline_cpu": common.summary([b.cpu for b in base]),
                   "asyncdrop_cpu": common.summary([c.cpu for c in checks]),
                   "added_cpu": added, "profile_cpu": prof,
                   "crashed": any(r.crashed() for r in base + checks),
                   "asyncdrop_diagnostics": diags}
            rows.append(row)
            common.log("N=%d M=%d: baseline %.2f s, asyncdrop %.2f s, added %.3f s, "
                       "profile %.3f s (load %s)" % (
                           n, m, row["baseline_cpu"]["median"], row["asyncdrop_cpu"]["median"],
                           added["median"], prof, common.loadavg_str()))
    s = slope([(r["nm"], r["profile_cpu"]) for r in rows])
    print("Command: `python3 bench/scaling.py %s`; %d cores, load %s -> %s\n" % (
        " ".join(sys.argv[1:]), info["cores"], info["loadavg"], common.loadavg_str()))
    print("| N guards | M branches | lines | baseline CPU s | asyncdrop-* CPU s | added s "
          "[min-max] | check profile s | profile us per N*M |")
    print("|---:|---:|---:|---|---|---|---:|---:|")
    for r in rows:
        print("| %d | %d | %d | %s | %s | %+.3f [%+.3f..%+.3f] | %.3f | %.3f |" % (
            r["guards"], r["branches"], r["lines"], common.fmt_s(r["baseline_cpu"]),
            common.fmt_s(r["asyncdrop_cpu"]), r["added_cpu"]["median"], r["added_cpu"]["min"],
            r["added_cpu"]["max"], r["profile_cpu"], 1e6 * r["profile_cpu"] / r["nm"]))
    print("\nslope of log(check time) over log(N*M): %s (1.0 = linear)" %
          ("%.2f" % s if s is not None else "n/a"))
    common.write_json(args.json or os.path.join(args.build, "bench-results", "scaling.json"),
                      {"machine": info, "rows": rows, "slope": s})


if __name__ == "__main__":
    main()
