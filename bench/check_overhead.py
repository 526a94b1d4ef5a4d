#!/usr/bin/env python3
"""What the asyncdrop-* checks cost per translation unit.

    python3 bench/check_overhead.py [--build DIR] [--reps N] [--inputs a,b,..]
                                    [--callgrind] [--json OUT] [--markdown OUT]

For each input TU, in one run, interleaved (every repetition runs every
variant once, the order rotated from one repetition to the next, so that load
from other processes hits all variants alike):

  tidy-baseline     clang-tidy-19 -load=<module> --checks=-*,objc-avoid-nserror-init
                    (a check that is never instantiated on C++: parse + Sema,
                    no check runs: the parse-only baseline)
  tidy-asyncdrop    the same with --checks=-*,asyncdrop-*
  tidy-uam          the same with --checks=-*,bugprone-use-after-move (the
                    closest upstream flow-sensitive check)
  cc-syntax         clang++-19 -fsyntax-only
  cc-plugin         clang++-19 -fsyntax-only -fplugin=<AsyncDropPlugin.so>
                    (when the plugin is built)

The first repetition also checks that no variant crashed or failed and
counts asyncdrop-* diagnostics (these inputs are correct: there must be
none).  Reported: the median and min-max of CPU time (user+sys of the child: barely
affected by other processes) and of wall time, and the paired ratios
(asyncdrop/baseline, uam/baseline, asyncdrop/uam, plugin/syntax), each
computed per repetition and then summarised, so both sides of a ratio ran
back to back.  Then --enable-check-profile attributes time to each check
(median over --profile-reps runs).  With --callgrind each variant also runs
once under valgrind --tool=callgrind: instruction counts do not depend on
load at all (slow: ~50x a normal run).

Inputs:
  service      (a) bench/inputs/asio_service.cpp: runtime + Asio, ~560 lines, many guards
  coroutines   (b) 5000 small coroutines (bench/gen_inputs.py)
  boost        (c) bench/inputs/boost_headers.cpp: Spirit, Graph, MultiIndex
  llvm         (c) bench/inputs/llvm_headers.cpp: the Clang/clang-tidy headers the project uses
The one-function N guards x M branches scaling is bench/scaling.py.
"""

import argparse
import glob
import json
import os
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree (lit runs this)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import gen_inputs  # noqa: E402

RUNTIME_FLAGS = ["-std=c++20", "-I" + common.RUNTIME_INCLUDE]


def inputs(build):
    gen_dir = os.path.join(build, "bench-inputs")
    coroutines = os.path.join(gen_dir, "coroutines_5000.cpp")
    return {
        "service": (os.path.join(common.INPUTS, "asio_service.cpp"), RUNTIME_FLAGS,
                    lambda: None),
        "coroutines": (coroutines, RUNTIME_FLAGS,
                       lambda: gen_inputs.write(coroutines, gen_inputs.coroutines_tu(5000))),
        "boost": (os.path.join(common.INPUTS, "boost_headers.cpp"), ["-std=c++20"],
                  lambda: None),
        "llvm": (os.path.join(common.INPUTS, "llvm_headers.cpp"), common.llvm_flags(),
                 lambda: None),
    }


def variants(module, plugin, source, flags):
    v = {
        "tidy-baseline": common.tidy_cmd(module, common.NOOP_CHECK, source, flags),
        "tidy-asyncdrop": common.tidy_cmd(module, "asyncdrop-*", source, flags),
        "tidy-uam": common.tidy_cmd(module, "bugprone-use-after-move", source, flags),
        "cc-syntax": common.plugin_cmd(None, source, flags),
    }
    if plugin:
        v["cc-plugin"] = common.plugin_cmd(plugin, source, flags)
    return v


PAIRS = [("tidy-asyncdrop", "tidy-baseline"), ("tidy-uam", "tidy-baseline"),
         ("tidy-asyncdrop", "tidy-uam"), ("cc-plugin", "cc-syntax")]


def asyncdrop_diags(output, tag="[asyncdrop-"):
    return [line for line in output.splitlines()
            if tag in line and (": warning:" in line or ": error:" in line)]


def measure(name, source, flags, module, plugin, reps, log):
    cmds = variants(module, plugin, source, flags)
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
                if r.crashed() or r.returncode != 0:
                    problems.append("%s: exit %d%s\n%s" % (
                        v, r.returncode, " (crash)" if r.crashed() else "", r.output[-3000:]))
                if v in ("tidy-asyncdrop", "cc-plugin"):
                    diagnostics[v] = asyncdrop_diags(r.output)
        log("  %s rep %d/%d: %s  (load %s)" % (
            name, rep + 1, reps,
            ", ".join("%s %.2f" % (v, runs[v][-1].cpu) for v in order),
            common.loadavg_str()))
    result = {"source": os.path.relpath(source, common.ROOT),
              "lines": common.count_lines(source),
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


def callgrind(source, flags, module, plugin):
    cmds = variants(module, plugin, source, flags)
    return {v: common.callgrind_instructions(c) for v, c in cmds.items()}


def markdown(results, info, args_line):
    out = []
    out.append("Command: `%s`  " % args_line)
    out.append("Machine: %d cores (%s), load average at start %s, at end %s; %s; %s." % (
        info["cores"], info["cpu"], info["loadavg"], info.get("loadavg_end", "?"),
        info["clang"], info["date"]))
    out.append("")
    out.append("| input | lines | variant | CPU s median [min-max] | wall s median [min-max] |")
    out.append("|---|---:|---|---|---|")
    for name, r in results.items():
        for v in r["cpu"]:
            out.append("| %s | %d | %s | %s | %s |" % (name, r["lines"], v,
                                                     common.fmt_s(r["cpu"][v]),
                                                     common.fmt_s(r["wall"][v])))
    out.append("")
    out.append("Paired ratios (per repetition, then median [min-max]); added = CPU seconds added:")
    out.append("")
    out.append("| input | ratio | CPU ratio | wall ratio | added CPU s |")
    out.append("|---|---|---|---|---|")
    for name, r in results.items():
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
    if any(r.get("callgrind") for r in results.values()):
        out.append("")
        out.append("Instructions (valgrind --tool=callgrind, one run each; load-independent):")
        out.append("")
        out.append("| input | variant | instructions | vs baseline |")
        out.append("|---|---|---:|---|")
        for name, r in results.items():
            cg = r.get("callgrind") or {}
            for v, n in cg.items():
                base = cg.get("cc-syntax" if v.startswith("cc-") else "tidy-baseline")
                out.append("| %s | %s | %s | %s |" % (
                    name, v, "{:,}".format(n),
                    "%+.2f%%" % (100.0 * (n - base) / base) if base else "n/a"))
    out.append("")
    out.append("asyncdrop-* diagnostics on these (correct) inputs: " + ", ".join(
        "%s: %s" % (name, ", ".join("%s %d" % (v, len(d)) for v, d in
                                    r["asyncdrop_diagnostics"].items()))
        for name, r in results.items()))
    for name, r in results.items():
        for v, lines in r["asyncdrop_diagnostics"].items():
            for line in lines[:5]:
                out.append("    %s %s: %s" % (name, v, line))
    problems = [(name, p) for name, r in results.items() for p in r["problems"]]
    if problems:
        out.append("")
        out.append("Problems:")
        for name, p in problems:
            out.append("- %s: %s" % (name, p.splitlines()[0]))
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=common.default_build_dir())
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--profile-reps", type=int, default=3)
    parser.add_argument("--inputs", default="service,coroutines,boost,llvm")
    parser.add_argument("--callgrind", action="store_true",
                        help="also count instructions under callgrind (slow)")
    parser.add_argument("--callgrind-inputs", default=None,
                        help="inputs for --callgrind (default: all of --inputs)")
    parser.add_argument("--no-plugin", action="store_true")
    parser.add_argument("--json", default=None)
    parser.add_argument("--markdown", default=None)
    args = parser.parse_args()

    module = common.tidy_module(args.build)
    if not os.path.exists(module):
        sys.exit("no %s: build the AsyncDropTidyModule target first" % module)
    plugin = None if args.no_plugin else common.plugin_path(args.build)
    info = common.machine_info()
    common.log("check_overhead: module %s, plugin %s, load %s" % (module, plugin,
                                                                  info["loadavg"]))
    available = inputs(args.build)
    names = [n for n in args.inputs.split(",") if n]
    cg_names = set((args.callgrind_inputs or args.inputs).split(","))
    results = {}
    for name in names:
        source, flags, prepare = available[name]
        prepare()
        common.log("input %s (%s)" % (name, source))
        results[name] = measure(name, source, flags, module, plugin, args.reps, common.log)
        if args.profile_reps:
            results[name]["profile"] = check_profile(source, flags, module, args.profile_reps)
        if args.callgrind and name in cg_names:
            common.log("  callgrind %s" % name)
            results[name]["callgrind"] = callgrind(source, flags, module, plugin)
        write_outputs(args, results, info)
    text = write_outputs(args, results, info)
    print(text)


def write_outputs(args, results, info):
    """Writes the JSON and Markdown of what was measured so far."""
    info["loadavg_end"] = common.loadavg_str()
    args_line = "python3 bench/check_overhead.py " + " ".join(sys.argv[1:])
    text = markdown(results, info, args_line.strip())
    json_path = args.json or os.path.join(args.build, "bench-results", "check_overhead.json")
    common.write_json(json_path, {"machine": info, "command": args_line, "results": results})
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)
    return text


if __name__ == "__main__":
    main()
