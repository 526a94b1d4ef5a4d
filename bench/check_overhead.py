#!/usr/bin/env python3
"""What the asyncdrop-* checks cost per translation unit.

    python3 bench/check_overhead.py [--build DIR] [--reps N] [--inputs a,b,..]
                                    [--callgrind] [--callgrind-variants V,..]
                                    [--callgrind-inputs a,b,..] [--plugin SO]
                                    [--plugin-before SO] [--json OUT]
                                    [--markdown OUT]

Variants (the commands are bench/common.py's tidy_cmd and plugin_cmd):

  tidy-baseline     clang-tidy-19 -load=<module> --checks=-*,objc-avoid-nserror-init
                    (a check that is never instantiated on C++: parse + Sema,
                    no check runs: the parse-only baseline)
  tidy-cheap        the same with --checks=-*,google-explicit-constructor (one
                    cheap matcher check: the MatchFinder's walk of the whole
                    TU, which every matcher-based check pays)
  tidy-asyncdrop    the same with --checks=-*,asyncdrop-*
  tidy-asyncdrop-<check>  each asyncdrop check alone (callgrind only)
  tidy-uam          --checks=-*,bugprone-use-after-move (the closest upstream
                    flow-sensitive check)
  cc-syntax         clang++-19 -fsyntax-only
  cc-plugin         clang++-19 -fsyntax-only -fplugin=<AsyncDropPlugin.so>
                    (when the plugin is built; --plugin names another one)
  cc-plugin-before  the same with --plugin-before's plugin (e.g. a copy of the
                    plugin before a change, for before/after in one run)
  clangd-notidy     <build>/bin/asyncdrop-clangd --check=<copy of the input>
                    --check-locations=0 with a .clang-tidy of Checks: '-*'
                    (callgrind only, counting only inside
                    clang::clangd::ParsedAST::build: the main file's reparse
                    against a built preamble, as stock clangd does it)
  clangd-asyncdrop  the same with Checks: '-*,asyncdrop-*' (WarningsAsErrors
                    too, so that --check prints any finding)

Timed runs (--reps, default 7; 0 skips them): every repetition runs every
variant but the single checks once, the order rotated from one repetition to
the next, so that load from other processes hits all variants alike.  The
first repetition also checks that no variant crashed or failed and counts
asyncdrop-* diagnostics (these inputs are correct: there must be none).
Reported: the median and min-max of CPU time (user+sys of the child: barely
affected by other processes) and of wall time, and the paired ratios, each
computed per repetition and then summarised, so both sides of a ratio ran
back to back.  Then --enable-check-profile attributes time to each check
(median over --profile-reps runs, 0 skips it).

--callgrind: each variant of --callgrind-variants (names above, or the groups
`core` = baseline, cheap, asyncdrop, syntax, plugin(s); `checks` = each
asyncdrop check alone; `all` = core + checks + uam, the default; `clangd` =
the two clangd variants, never included in `all`) also runs
once under valgrind --tool=callgrind on each of --callgrind-inputs (default:
all of --inputs).  Instruction counts do not depend on load at all; ~40-50x
slower than a normal run (service-300: ~1.5 min per variant, all 18 variants
~30 min; service-3000 ten times that).  Each callgrind run is also checked
for crashes, failures and asyncdrop-* diagnostics.  Reported: instructions,
the ratios asyncdrop-* / cheap check and plugin / -fsyntax-only against
issue 12's targets (<= 1.03x, <= 1.05x), each check's instructions over the
cheap check, and, when the inputs form a series, the scaling: a least-squares
line through the instructions against N (service-N), against the number of
branches (fn-GxB with the same G) and against the number of guards (the same
B), with its slope, R^2 and the log-log exponent of what the checks add
(1.0 = linear).

Inputs:
  service      (a) bench/inputs/asio_service.cpp: runtime + Asio, ~560 lines, many guards
  coroutines   (b) 5000 small coroutines (bench/gen_inputs.py)
  boost        (c) bench/inputs/boost_headers.cpp: Spirit, Graph, MultiIndex
  llvm         (c) bench/inputs/llvm_headers.cpp: the Clang/clang-tidy headers the project uses
  service-N    a service of N handlers, each a coroutine with 1-4 guards
               (bench/gen_service.py; issue 12 measures N = 300 and 3000)
  fn-GxB       one coroutine with G guards and B branches (bench/flow_scaling.py's
               big-correct), e.g. fn-10x1000
Generated inputs are written to <build>/bench-inputs/.  The timed N guards x M
branches scaling is bench/scaling.py.

Bad arguments (an unknown input or variant, a missing module) print one line
and exit 2.
"""

import argparse
import glob
import json
import os
import re
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree (lit runs this)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "tools"))
import asyncdrop_checks_def  # noqa: E402  (the one reader of checks.def)
import common  # noqa: E402
import flow_scaling  # noqa: E402
import gen_inputs  # noqa: E402
import gen_service  # noqa: E402

RUNTIME_FLAGS = ["-std=c++20", "-I" + common.RUNTIME_INCLUDE]
CHEAP_CHECK = "google-explicit-constructor"


def fail(message):
    """Bad input or flags: one line, exit 2."""
    sys.stderr.write("check_overhead.py: error: %s\n" % message)
    sys.exit(2)


class Parser(argparse.ArgumentParser):
    def error(self, message):
        fail(message + " (see --help)")


def asyncdrop_checks():
    return [c.name for c in asyncdrop_checks_def.read(
        os.path.join(common.ROOT, "clang-tidy-checks", "checks.def"))]


def input_spec(build, name):
    """(source, flags, prepare) of an input, or None for an unknown name."""
    gen_dir = os.path.join(build, "bench-inputs")
    fixed = {
        "service": (os.path.join(common.INPUTS, "asio_service.cpp"), RUNTIME_FLAGS,
                    lambda: None),
        "boost": (os.path.join(common.INPUTS, "boost_headers.cpp"), ["-std=c++20"],
                  lambda: None),
        "llvm": (os.path.join(common.INPUTS, "llvm_headers.cpp"), None, lambda: None),
    }
    if name in fixed:
        source, flags, prepare = fixed[name]
        return source, flags if flags is not None else common.llvm_flags(), prepare
    if name == "coroutines":
        path = os.path.join(gen_dir, "coroutines_5000.cpp")
        return path, RUNTIME_FLAGS, lambda: gen_inputs.write(path, gen_inputs.coroutines_tu(5000))
    m = re.fullmatch(r"service-([1-9][0-9]*)", name)
    if m:
        n = int(m.group(1))
        path = os.path.join(gen_dir, "service_%d.cpp" % n)
        return path, RUNTIME_FLAGS, lambda: gen_service.write(path, gen_service.service_tu(n))
    m = re.fullmatch(r"fn-([1-9][0-9]*)x([1-9][0-9]*)", name)
    if m:
        g, b = int(m.group(1)), int(m.group(2))
        path = os.path.join(gen_dir, "fn_%dx%d.cpp" % (g, b))
        return path, RUNTIME_FLAGS, lambda: gen_inputs.write(path, flow_scaling.big(g, b, False))
    return None


def variants(module, plugin, plugin_before, source, flags, checks=()):
    """The commands of every variant, in report order."""
    v = {
        "tidy-baseline": common.tidy_cmd(module, common.NOOP_CHECK, source, flags),
        "tidy-cheap": common.tidy_cmd(module, CHEAP_CHECK, source, flags),
        "tidy-asyncdrop": common.tidy_cmd(module, "asyncdrop-*", source, flags),
    }
    for check in checks:
        v["tidy-asyncdrop-" + check] = common.tidy_cmd(module, "asyncdrop-" + check,
                                                       source, flags)
    v["tidy-uam"] = common.tidy_cmd(module, "bugprone-use-after-move", source, flags)
    v["cc-syntax"] = common.plugin_cmd(None, source, flags)
    if plugin:
        v["cc-plugin"] = common.plugin_cmd(plugin, source, flags)
    if plugin_before:
        v["cc-plugin-before"] = common.plugin_cmd(plugin_before, source, flags)
    return v


def timed_variants(module, plugin, plugin_before, source, flags):
    return variants(module, plugin, plugin_before, source, flags)


def callgrind_selection(spec, checks, plugin, plugin_before, clangd=None):
    """The callgrind variant names --callgrind-variants selects, in report order."""
    core = ["tidy-baseline", "tidy-cheap", "tidy-asyncdrop", "cc-syntax"]
    if plugin:
        core.append("cc-plugin")
    if plugin_before:
        core.append("cc-plugin-before")
    single = ["tidy-asyncdrop-" + c for c in checks]
    known = list(dict.fromkeys(core + single + ["tidy-uam", "cc-plugin", "cc-plugin-before"] +
                               list(CLANGD_CONFIGS)))
    groups = {"core": core, "checks": single, "all": core + single + ["tidy-uam"],
              "clangd": list(CLANGD_CONFIGS)}
    chosen = []
    for item in [x for x in spec.split(",") if x]:
        if item in groups:
            chosen += groups[item]
        elif item in known:
            if item == "cc-plugin" and not plugin:
                fail("--callgrind-variants names cc-plugin, but no plugin is built "
                     "(or --no-plugin was given)")
            if item == "cc-plugin-before" and not plugin_before:
                fail("--callgrind-variants names cc-plugin-before without --plugin-before")
            chosen.append(item)
        else:
            fail("unknown callgrind variant '%s' (known: core, checks, all, clangd, %s)" % (
                item, ", ".join(known)))
        if item.startswith("clangd") and not clangd:
            fail("--callgrind-variants names the clangd variants, but there is no "
                 "<build>/bin/asyncdrop-clangd (build the asyncdrop-clangd target)")
    if not chosen:
        fail("--callgrind-variants selects no variant")
    order = ["tidy-baseline", "tidy-cheap", "tidy-asyncdrop"] + single + [
        "tidy-uam", "cc-syntax", "cc-plugin", "cc-plugin-before"] + list(CLANGD_CONFIGS)
    return [v for v in order if v in chosen]


# Report order; every single check sorts where "tidy-asyncdrop-" is.
VARIANT_ORDER = ["tidy-baseline", "tidy-cheap", "tidy-asyncdrop", "tidy-asyncdrop-",
                 "tidy-uam", "cc-syntax", "cc-plugin", "cc-plugin-before",
                 "clangd-notidy", "clangd-asyncdrop"]

CLANGD_CONFIGS = {
    "clangd-notidy": "Checks: '-*'\n",
    "clangd-asyncdrop": "Checks: '-*,asyncdrop-*'\nWarningsAsErrors: 'asyncdrop-*'\n",
}
# The main file's parse (and, with checks, the checks) against the preamble:
# what clangd redoes on every edit.
CLANGD_REPARSE = "clang::clangd::ParsedAST::build*"


def clangd_path(build):
    path = os.path.abspath(os.path.join(build, "bin", "asyncdrop-clangd"))
    return path if os.path.exists(path) else None


def clangd_run(build, variant, source, flags):
    """Instructions of clangd's reparse of source, and the run's outcome."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, os.path.basename(source))
        with open(source) as f, open(copy, "w") as out:
            out.write(f.read())
        with open(os.path.join(tmp, "compile_flags.txt"), "w") as f:
            f.write("\n".join(flags) + "\n")
        with open(os.path.join(tmp, ".clang-tidy"), "w") as f:
            f.write(CLANGD_CONFIGS[variant])
        cmd = [clangd_path(build), "--check=" + copy, "--check-locations=0"]
        n, returncode, output = common.callgrind_run(
            cmd, cwd=tmp, valgrind_args=["--toggle-collect=" + CLANGD_REPARSE])
        if returncode == 0 and n == 0:
            returncode = 1  # nothing counted: the reparse function was not found
            output += "\ncallgrind counted nothing inside %s\n" % CLANGD_REPARSE
        return n, returncode, output, cmd


PAIRS = [("tidy-asyncdrop", "tidy-baseline"), ("tidy-cheap", "tidy-baseline"),
         ("tidy-asyncdrop", "tidy-cheap"), ("tidy-uam", "tidy-baseline"),
         ("tidy-asyncdrop", "tidy-uam"), ("cc-plugin", "cc-syntax"),
         ("cc-plugin-before", "cc-syntax")]


def asyncdrop_diags(output, tag="[asyncdrop-"):
    return [line for line in output.splitlines()
            if tag in line and (": warning:" in line or ": error:" in line)]


def problem(variant, returncode, output):
    """What went wrong in one run, or None."""
    crashed = returncode < 0 or any(m in output for m in common.CRASH_MARKERS)
    if crashed or returncode != 0:
        return "%s: exit %d%s\n%s" % (variant, returncode, " (crash)" if crashed else "",
                                      output[-3000:])
    return None


def measure(name, source, flags, module, plugin, plugin_before, reps, log):
    cmds = timed_variants(module, plugin, plugin_before, source, flags)
    order = list(cmds)
    runs = {v: [] for v in order}
    problems = []
    diagnostics = {}
    for rep in range(reps):
        rotated = order[rep % len(order):] + order[:rep % len(order)]
        for v in rotated:
            r = common.run_timed(cmds[v])
            runs[v].append(r)
            if rep == 0:
                # The first repetition doubles as the correctness run: no
                # crash, no error, no asyncdrop-* diagnostic on these inputs.
                p = problem(v, r.returncode, r.output)
                if p:
                    problems.append(p)
                if v in ("tidy-asyncdrop", "cc-plugin", "cc-plugin-before"):
                    diagnostics[v] = asyncdrop_diags(r.output)
        log("  %s rep %d/%d: %s  (load %s)" % (
            name, rep + 1, reps,
            ", ".join("%s %.2f" % (v, runs[v][-1].cpu) for v in order),
            common.loadavg_str()))
    result = {"source": os.path.relpath(source, common.ROOT),
              "lines": common.count_lines(source), "reps": reps,
              "commands": {v: common.quote(c) for v, c in cmds.items()},
              "cpu": {v: common.summary([r.cpu for r in runs[v]]) for v in order},
              "wall": {v: common.summary([r.wall for r in runs[v]]) for v in order},
              "ratios_cpu": {}, "ratios_wall": {}, "added_cpu": {},
              "asyncdrop_diagnostics": diagnostics, "problems": problems}
    for a, b in PAIRS:
        if a in runs and b in runs:
            key = "%s/%s" % (a, b)
            result["ratios_cpu"][key] = common.summary(
                [x.cpu / y.cpu for x, y in zip(runs[a], runs[b])])
            result["ratios_wall"][key] = common.summary(
                [x.wall / y.wall for x, y in zip(runs[a], runs[b])])
            result["added_cpu"][key] = common.summary(
                [x.cpu - y.cpu for x, y in zip(runs[a], runs[b])])
    return result


def check_profile(source, flags, module, reps):
    """Seconds per check (user+sys and wall) from --enable-check-profile."""
    per_check = {}
    for _ in range(reps):
        with tempfile.TemporaryDirectory() as tmp:
            cmd = common.tidy_cmd(module, "asyncdrop-*,bugprone-use-after-move", source,
                                  flags, ["--enable-check-profile",
                                          "--store-check-profile=" + tmp])
            common.run_timed(cmd)
            for path in glob.glob(os.path.join(tmp, "*.json")):
                with open(path) as f:
                    data = json.load(f)
                totals = {}
                for key, value in data.get("profile", {}).items():
                    # time.clang-tidy.<check>.{wall,user,sys}
                    parts = key.split(".")
                    check, kind = ".".join(parts[2:-1]), parts[-1]
                    entry = totals.setdefault(check, {"wall": 0.0, "cpu": 0.0})
                    if kind == "wall":
                        entry["wall"] += value
                    else:
                        entry["cpu"] += value
                for check, entry in totals.items():
                    per_check.setdefault(check, {"wall": [], "cpu": []})
                    per_check[check]["wall"].append(entry["wall"])
                    per_check[check]["cpu"].append(entry["cpu"])
    return {check: {"wall": common.summary(v["wall"]), "cpu": common.summary(v["cpu"])}
            for check, v in sorted(per_check.items())}


CLANGD_DIAG_RE = re.compile(r"\] \[asyncdrop-[a-z0-9-]+\] Line \d+:")


def callgrind(name, source, flags, module, plugin, plugin_before, selected, checks, log,
              build=None):
    """Instructions of each selected variant; also the correctness of each run."""
    cmds = variants(module, plugin, plugin_before, source, flags, checks)
    counts, problems, diagnostics = {}, [], {}
    for v in selected:
        if v in CLANGD_CONFIGS:
            n, returncode, output, cmds[v] = clangd_run(build, v, source, flags)
        else:
            n, returncode, output = common.callgrind_run(cmds[v])
        counts[v] = n
        p = problem(v, returncode, output)
        if p:
            problems.append("callgrind " + p)
        if v == "clangd-asyncdrop":
            diagnostics[v] = [l for l in output.splitlines() if CLANGD_DIAG_RE.search(l)]
        elif v.startswith("tidy-asyncdrop") or v.startswith("cc-plugin"):
            diagnostics[v] = asyncdrop_diags(output)
        log("  callgrind %s %s: %s instructions (load %s)" % (
            name, v, "{:,}".format(n), common.loadavg_str()))
    return {"instructions": counts, "problems": problems, "diagnostics": diagnostics,
            "commands": {v: common.quote(cmds[v]) for v in selected}}


def fit(points):
    """Least-squares line y = a + b x: (b, a, R^2), or None for < 2 points."""
    if len(set(x for x, _ in points)) < 2:
        return None
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    sxy = sum((x - mx) * (y - my) for x, y in points)
    b = sxy / sxx
    a = my - b * mx
    ss = sum((y - my) ** 2 for _, y in points)
    res = sum((y - a - b * x) ** 2 for x, y in points)
    return b, a, (1.0 - res / ss) if ss else 1.0


def marginal(points):
    """Instructions per unit between consecutive sizes (all equal = linear)."""
    return [(y2 - y1) / (x2 - x1) for (x1, y1), (x2, y2) in zip(points, points[1:])]


# What the scaling tables fit: a variant's instructions, and what a host adds
# over what it is compared with.
SCALING_SERIES = [
    ("tidy-baseline", None), ("tidy-cheap", None), ("tidy-asyncdrop", None),
    ("cc-syntax", None), ("cc-plugin", None),
    ("tidy-asyncdrop", "tidy-baseline"), ("tidy-asyncdrop", "tidy-cheap"),
    ("cc-plugin", "cc-syntax"), ("cc-plugin-before", "cc-syntax"),
]


def scaling(results):
    """Series of inputs that differ in one size: [(title, unit, [(x, name)])]."""
    service, fn = [], []
    for name, r in results.items():
        if not r.get("callgrind"):
            continue
        m = re.fullmatch(r"service-(\d+)", name)
        if m:
            service.append((int(m.group(1)), name))
        m = re.fullmatch(r"fn-(\d+)x(\d+)", name)
        if m:
            fn.append((int(m.group(1)), int(m.group(2)), name))
    out = []
    if len(service) >= 2:
        out.append(("service-N: against N handlers", "handler", sorted(service)))
    for g in sorted(set(g for g, _, _ in fn)):
        pts = sorted((b, n) for gg, b, n in fn if gg == g)
        if len(pts) >= 2:
            out.append(("fn-%dxB: one function, %d guards, against B branches" % (g, g),
                        "branch", pts))
    for b in sorted(set(b for _, b, _ in fn)):
        pts = sorted((g, n) for g, bb, n in fn if bb == b)
        if len(pts) >= 2:
            out.append(("fn-Gx%d: one function, %d branches, against G guards" % (b, b),
                        "guard", pts))
    tables = []
    for title, unit, pts in out:
        rows = []
        for a, b in SCALING_SERIES:
            values = []
            for x, name in pts:
                cg = results[name]["callgrind"]["instructions"]
                if a not in cg or (b and b not in cg):
                    break
                values.append((x, cg[a] - (cg[b] if b else 0)))
            else:
                line = fit(values)
                if line:
                    rows.append({"series": a if not b else "%s - %s" % (a, b),
                                 "points": values, "slope": line[0], "intercept": line[1],
                                 "r2": line[2], "marginal": marginal(values)})
        tables.append({"title": title, "unit": unit, "inputs": [n for _, n in pts],
                       "rows": rows})
    return tables


def ratio(cg, a, b):
    return cg[a] / cg[b] if a in cg and b in cg and cg[b] else None


def callgrind_markdown(results, out):
    cg_results = {n: r["callgrind"] for n, r in results.items() if r.get("callgrind")}
    if not cg_results:
        return
    out.append("")
    out.append("Instructions (valgrind --tool=callgrind, one run each; load-independent):")
    out.append("")
    out.append("| input | lines | variant | instructions | vs parse-only | vs cheap check |")
    out.append("|---|---:|---|---:|---:|---:|")
    for name, c in cg_results.items():
        cg = c["instructions"]
        for v, n in cg.items():
            base = cg.get("cc-syntax" if v.startswith("cc-") else
                          "clangd-notidy" if v.startswith("clangd-") else "tidy-baseline")
            cheap = cg.get("tidy-cheap") if v.startswith("tidy-") else None
            out.append("| %s | %d | %s | %s | %s | %s |" % (
                name, results[name]["lines"], v, "{:,}".format(n),
                "%.3fx" % (n / base) if base else "n/a",
                "%.3fx" % (n / cheap) if cheap else ""))
    out.append("")
    out.append("Ratios of instructions, against issue 12's targets:")
    out.append("")
    out.append("| input | cheap / parse-only | asyncdrop-* / parse-only | asyncdrop-* / cheap "
               "(target <= 1.03) | use-after-move / parse-only | plugin / -fsyntax-only "
               "(target <= 1.05) | plugin before / -fsyntax-only | clangd reparse, "
               "asyncdrop-* / no checks (target <= 1.05) |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|")

    def cell(value, target=None):
        if value is None:
            return "n/a"
        if target is None:
            return "%.3f" % value
        return "%.3f (%s)" % (value, "met" if value <= target else "missed")

    for name, c in cg_results.items():
        cg = c["instructions"]
        out.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            name, cell(ratio(cg, "tidy-cheap", "tidy-baseline")),
            cell(ratio(cg, "tidy-asyncdrop", "tidy-baseline")),
            cell(ratio(cg, "tidy-asyncdrop", "tidy-cheap"), 1.03),
            cell(ratio(cg, "tidy-uam", "tidy-baseline")),
            cell(ratio(cg, "cc-plugin", "cc-syntax"), 1.05),
            cell(ratio(cg, "cc-plugin-before", "cc-syntax")),
            cell(ratio(cg, "clangd-asyncdrop", "clangd-notidy"), 1.05)))
    singles = [(n, c) for n, c in cg_results.items()
               if any(v.startswith("tidy-asyncdrop-") for v in c["instructions"])]
    if singles:
        out.append("")
        out.append("Each check alone: what it adds to parse-only (its matchers' share of "
                   "the MatchFinder's walk and its own work), and against the cheap check:")
        out.append("")
        out.append("| input | check | instructions | over parse-only | vs cheap check |")
        out.append("|---|---|---:|---:|---:|")
        for name, c in singles:
            cg = c["instructions"]
            base, cheap = cg.get("tidy-baseline"), cg.get("tidy-cheap")
            for v, n in cg.items():
                if v.startswith("tidy-asyncdrop-"):
                    out.append("| %s | %s | %s | %s | %s |" % (
                        name, v[len("tidy-"):], "{:,}".format(n),
                        "{:+,}".format(n - base) if base else "n/a",
                        "%.3fx" % (n / cheap) if cheap else "n/a"))
            if base:
                total = sum(n - base for v, n in cg.items() if v.startswith("tidy-asyncdrop-"))
                together = cg.get("tidy-asyncdrop")
                out.append("| %s | sum of the single checks' additions | | %s | |" % (
                    name, "{:+,}".format(total)))
                if together:
                    out.append("| %s | asyncdrop-* together | | %s | |" % (
                        name, "{:+,}".format(together - base)))
    for table in scaling(results):
        out.append("")
        out.append("Scaling, %s (inputs %s): least-squares line through the instructions, "
                   "its slope per %s and R^2; the slopes between consecutive sizes are all "
                   "equal for a linear cost (last / first: 1.0 = linear, above = growing "
                   "faster):" % (table["title"], ", ".join(table["inputs"]), table["unit"]))
        out.append("")
        out.append("| series | points (size: G instructions) | slope per %s | R^2 "
                   "| slopes between sizes | last / first |" % table["unit"])
        out.append("|---|---|---:|---:|---|---:|")
        for row in table["rows"]:
            m = row["marginal"]
            out.append("| %s | %s | %s | %.4f | %s | %s |" % (
                row["series"], ", ".join("%d: %.3f" % (x, y / 1e9) for x, y in row["points"]),
                "{:,.0f}".format(row["slope"]), row["r2"],
                ", ".join("{:,.0f}".format(v) for v in m),
                "%.2f" % (m[-1] / m[0]) if len(m) >= 2 and m[0] > 0 else "n/a"))


def markdown(results, info, args_line):
    out = []
    out.append("Command: `%s`  " % args_line)
    out.append("Machine: %d cores (%s), load average at start %s, at end %s; %s; %s." % (
        info["cores"], info["cpu"], info["loadavg"], info.get("loadavg_end", "?"),
        info["clang"], info["date"]))
    out.append("")
    timed = {n: r for n, r in results.items() if r.get("reps")}
    if timed:
        out.append("| input | lines | variant | CPU s median [min-max] | wall s median [min-max] |")
        out.append("|---|---:|---|---|---|")
    for name, r in timed.items():
        for v in r["cpu"]:
            out.append("| %s | %d | %s | %s | %s |" % (name, r["lines"], v,
                                                     common.fmt_s(r["cpu"][v]),
                                                     common.fmt_s(r["wall"][v])))
    if timed:
        out.append("")
        out.append("Paired ratios (per repetition, then median [min-max]); added = CPU "
                   "seconds added:")
        out.append("")
        out.append("| input | ratio | CPU ratio | wall ratio | added CPU s |")
        out.append("|---|---|---|---|---|")
    for name, r in timed.items():
        for key in r["ratios_cpu"]:
            added = r["added_cpu"][key]
            out.append("| %s | %s | %s | %s | %+.3f [%+.3f..%+.3f] |" % (
                name, key, common.fmt_ratio(r["ratios_cpu"][key]),
                common.fmt_ratio(r["ratios_wall"][key]), added["median"], added["min"],
                added["max"]))
    if any(r.get("profile") for r in results.values()):
        out.append("")
        out.append("--enable-check-profile (asyncdrop-* and bugprone-use-after-move in one run; "
                   "user+sys s, median [min-max]):")
        out.append("")
        out.append("| input | check | CPU s | wall s |")
        out.append("|---|---|---|---|")
        for name, r in results.items():
            for check, p in (r.get("profile") or {}).items():
                out.append("| %s | %s | %s | %s |" % (name, check, common.fmt_s(p["cpu"]),
                                                     common.fmt_s(p["wall"])))
    callgrind_markdown(results, out)
    out.append("")

    def diags(r):
        d = dict(r["asyncdrop_diagnostics"])
        for v, lines in (r.get("callgrind") or {}).get("diagnostics", {}).items():
            d.setdefault(v, lines)
        return d

    out.append("asyncdrop-* diagnostics on these (correct) inputs: " + "; ".join(
        "%s: %s" % (name, ", ".join("%s %d" % (v, len(d)) for v, d in diags(r).items()))
        for name, r in results.items()))
    for name, r in results.items():
        for v, lines in diags(r).items():
            for line in lines[:5]:
                out.append("    %s %s: %s" % (name, v, line))
    problems = [(name, p) for name, r in results.items()
                for p in r["problems"] + (r.get("callgrind") or {}).get("problems", [])]
    if problems:
        out.append("")
        out.append("Problems:")
        for name, p in problems:
            out.append("- %s: %s" % (name, p.splitlines()[0]))
    return "\n".join(out) + "\n"


def main():
    parser = Parser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=common.default_build_dir())
    parser.add_argument("--reps", type=int, default=7,
                        help="timed repetitions per variant (0: none)")
    parser.add_argument("--profile-reps", type=int, default=3,
                        help="--enable-check-profile runs (0: none)")
    parser.add_argument("--inputs", default="service,coroutines,boost,llvm,service-300")
    parser.add_argument("--callgrind", action="store_true",
                        help="also count instructions under callgrind (slow)")
    parser.add_argument("--callgrind-inputs", default=None,
                        help="inputs for --callgrind (default: all of --inputs)")
    parser.add_argument("--callgrind-variants", default="all",
                        help="variants or groups (core, checks, all) for --callgrind")
    parser.add_argument("--plugin", default=None,
                        help="the plugin to measure (default: <build>/lib/AsyncDropPlugin.so)")
    parser.add_argument("--plugin-before", default=None,
                        help="a second plugin, measured as cc-plugin-before")
    parser.add_argument("--no-plugin", action="store_true")
    parser.add_argument("--json", default=None)
    parser.add_argument("--markdown", default=None)
    parser.add_argument("--report", default=None, metavar="JSON,..",
                        help="measure nothing: print the report of these saved --json "
                             "files together (later files win for the same input)")
    args = parser.parse_args()

    if args.report:
        report(args)
        return
    if args.reps < 0 or args.profile_reps < 0:
        fail("--reps and --profile-reps must be 0 or more")
    module = common.tidy_module(args.build)
    if not os.path.exists(module):
        fail("no %s: build the AsyncDropTidyModule target first (or pass --build)" % module)
    plugin = None
    if not args.no_plugin:
        plugin = args.plugin or common.plugin_path(args.build)
        if args.plugin and not os.path.exists(args.plugin):
            fail("--plugin %s does not exist" % args.plugin)
    if args.plugin_before and not os.path.exists(args.plugin_before):
        fail("--plugin-before %s does not exist" % args.plugin_before)
    names = [n for n in args.inputs.split(",") if n]
    cg_names = [n for n in (args.callgrind_inputs or args.inputs).split(",") if n]
    if not names:
        fail("--inputs names no input")
    specs = {}
    for name in names + cg_names:
        spec = input_spec(args.build, name)
        if spec is None:
            fail("unknown input '%s' (known: service, coroutines, boost, llvm, service-N, "
                 "fn-GxB)" % name)
        specs[name] = spec
    if args.callgrind_inputs and not args.callgrind:
        fail("--callgrind-inputs needs --callgrind")
    if args.callgrind and set(cg_names) - set(names):
        fail("--callgrind-inputs %s not in --inputs" % ",".join(sorted(set(cg_names) -
                                                                      set(names))))
    if not args.callgrind and args.reps == 0 and args.profile_reps == 0:
        fail("nothing to measure: --reps 0 and --profile-reps 0 without --callgrind")
    checks = asyncdrop_checks()
    selected = (callgrind_selection(args.callgrind_variants, checks, plugin, args.plugin_before,
                                    clangd_path(args.build))
                if args.callgrind else [])
    info = common.machine_info()
    common.log("check_overhead: module %s, plugin %s, load %s" % (module, plugin,
                                                                  info["loadavg"]))
    results = {}
    for name in names:
        source, flags, prepare = specs[name]
        prepare()
        common.log("input %s (%s)" % (name, source))
        results[name] = measure(name, source, flags, module, plugin, args.plugin_before,
                                args.reps, common.log)
        if args.profile_reps:
            results[name]["profile"] = check_profile(source, flags, module, args.profile_reps)
        if args.callgrind and name in cg_names:
            results[name]["callgrind"] = callgrind(name, source, flags, module, plugin,
                                                   args.plugin_before, selected, checks,
                                                   common.log, args.build)
        write_outputs(args, results, info)
    text = write_outputs(args, results, info)
    print(text)


def report(args):
    """The report of earlier runs' JSON, merged: one table, one scaling fit."""
    results, info, commands = {}, None, []
    for path in [p for p in args.report.split(",") if p]:
        try:
            with open(path) as f:
                data = json.load(f)
            results.update(data["results"])
            info = info or data["machine"]
            commands.append(data["command"].strip())
        except (OSError, ValueError, KeyError) as e:
            fail("--report: cannot read %s: %s" % (path, e))
    if info is None:
        fail("--report names no file")
    # JSON keeps no order: inputs by name and size, variants as measured.
    def natural(name):
        return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]
    results = {n: results[n] for n in sorted(results, key=natural)}
    rank = {v: i for i, v in enumerate(VARIANT_ORDER)}
    def ordered(d):
        return {v: d[v] for v in sorted(d, key=lambda v: (rank.get(
            "tidy-asyncdrop-" if v.startswith("tidy-asyncdrop-") else v, len(rank)), v))}

    for r in results.values():
        r["cpu"], r["wall"] = ordered(r["cpu"]), ordered(r["wall"])
        if r.get("callgrind"):
            r["callgrind"]["instructions"] = ordered(r["callgrind"]["instructions"])
    text = markdown(results, info, "`; `".join(commands))
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)
    print(text)


def write_outputs(args, results, info):
    """Writes the JSON and Markdown of what was measured so far."""
    info["loadavg_end"] = common.loadavg_str()
    args_line = "python3 bench/check_overhead.py " + " ".join(sys.argv[1:])
    text = markdown(results, info, args_line.strip())
    json_path = args.json or os.path.join(args.build, "bench-results", "check_overhead.json")
    common.write_json(json_path, {"machine": info, "command": args_line, "results": results,
                                  "scaling": scaling(results)})
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)
    return text


if __name__ == "__main__":
    main()
