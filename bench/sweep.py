#!/usr/bin/env python3
"""Robustness sweep: every asyncdrop-* check over real third-party C++.

    python3 bench/sweep.py [--build DIR] [--sets gtest,boost,...] [-j 2]
                           [--subset ci] [--json OUT]

Each translation unit is run twice:
  tidy    clang-tidy-19 -load=<AsyncDropTidyModule.so> --checks=-*,asyncdrop-*
  plugin  clang++-19 -fsyntax-only -fplugin=<AsyncDropPlugin.so> (every
          asyncdrop-* check; a plain -fsyntax-only when the plugin is not built,
          then only the tidy module is swept)
and passes when neither host crashed, hung or asserted, and neither printed
an asyncdrop-* diagnostic: none of this code mentions a guard type.  Compile
errors of the third-party code itself (a Boost library that needs Python.h,
an Asio example that needs OpenSSL) are counted and listed, not failures: the
checks must survive them too.

Sets (all from Debian packages; a set whose package is missing is skipped
with a note):
  gtest      every .cc of GoogleTest and GoogleMock (/usr/src/googletest, googletest)
  benchmark  Google Benchmark's public header (libbenchmark-dev ships no sources)
  boost      one TU per Boost library: <boost/LIB.hpp>, else every boost/LIB/*.hpp
             (libboost1.81-dev)
  llvm       one TU per Clang/LLVM/clang-tidy header the project's checks and
             plugin include (libclang-19-dev, llvm-19-dev)
  std        one TU per standard header, in C++20 and in C++23 mode, and one
             with all of them per mode
  asio       <asio.hpp> in C++20 (libasio-dev), and every example .cpp of
             /usr/share/doc/libasio-dev/examples (libasio-doc, optional)

--subset ci picks the fixed, bounded list the lit tests under test/sweep/ run
(CI_GROUPS; a few minutes on two cores), --group NAME one group of it (one lit
test); without them every TU of the chosen sets runs.
Exits 1 when any TU crashed, hung or got an asyncdrop-* diagnostic.
"""

import argparse
import concurrent.futures
import glob
import os
import re
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree (lit runs this)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

GTEST_ROOT = "/usr/src/googletest"
BOOST_ROOT = "/usr/include/boost"
ASIO_EXAMPLES = "/usr/share/doc/libasio-dev/examples"
ALL_SETS = ["gtest", "benchmark", "boost", "llvm", "std", "asio"]

ASYNCDROP_DIAG = re.compile(r"(warning|error): .*\[asyncdrop-[a-z0-9-]+")
COMPILE_ERROR = re.compile(r": (fatal )?error: ")

# The C++23 standard library headers (and the C compatibility headers).
# Headers libstdc++ does not have yet are detected and reported as missing.
STD_HEADERS = """
algorithm any array atomic barrier bit bitset charconv chrono codecvt compare
complex concepts condition_variable coroutine deque exception execution
expected filesystem flat_map flat_set format forward_list fstream functional
future generator initializer_list iomanip ios iosfwd iostream istream iterator
latch limits list locale map mdspan memory memory_resource mutex new numbers
numeric optional ostream print queue random ranges ratio regex scoped_allocator
semaphore set shared_mutex source_location span spanstream sstream stack
stacktrace stdexcept stdfloat stop_token streambuf string string_view
syncstream system_error thread tuple type_traits typeindex typeinfo
unordered_map unordered_set utility valarray variant vector version
cassert cctype cerrno cfenv cfloat cinttypes climits clocale cmath csetjmp
csignal cstdarg cstddef cstdint cstdio cstdlib cstring ctime cuchar cwchar
cwctype
""".split()
STD_MODES = ["c++20", "c++23"]

# The bounded subset the lit tests under test/sweep/ run, one lit test per
# group (each well under 20 s of CPU on two cores; all of them together a
# couple of minutes).  Names are TU names as --list prints them.
CI_GROUPS = {
    "gtest": ["googletest/src/gtest-all.cc", "googletest/samples/sample1_unittest.cc"],
    "gmock": ["googlemock/src/gmock-all.cc", "googletest/samples/sample10_unittest.cc"],
    "benchmark": ["benchmark.h"],
    "boost-1": ["boost/signals2", "boost/optional", "boost/mp11", "boost/variant2",
                "boost/pfr"],
    "boost-2": ["boost/json", "boost/smart_ptr", "boost/circular_buffer",
                "boost/intrusive"],
    "boost-3": ["boost/outcome", "boost/lexical_cast", "boost/leaf"],
    "llvm": ["llvm/clang/Analysis/CFG.h"],
    "std-cxx20": ["std/c++20/all", "std/c++20/coroutine"],
    "std-cxx23": ["std/c++23/all", "std/c++23/expected"],
    "asio": ["asio/asio.hpp"],
}


class TU:
    def __init__(self, name, group, source, flags, text=None, cwd=None):
        self.name = name          # unique, e.g. "boost/optional"
        self.group = group        # the set
        self.source = source      # path (written from text when text is set)
        self.flags = flags
        self.text = text
        self.cwd = cwd


# ------------------------------------------------------------------ sets ---

def set_gtest(work):
    if not os.path.isdir(GTEST_ROOT):
        return None, "googletest sources not installed (apt-get install googletest)"
    flags = ["-std=c++20", "-I" + GTEST_ROOT + "/googletest/include",
             "-I" + GTEST_ROOT + "/googletest", "-I" + GTEST_ROOT + "/googlemock/include",
             "-I" + GTEST_ROOT + "/googlemock", "-DGTEST_HAS_PTHREAD=1"]
    tus = []
    for path in sorted(glob.glob(GTEST_ROOT + "/**/*.cc", recursive=True)):
        rel = os.path.relpath(path, GTEST_ROOT)
        tus.append(TU(rel, "gtest", path, flags + ["-I" + os.path.dirname(path)]))
    return tus, None


def set_benchmark(work):
    if not os.path.exists("/usr/include/benchmark/benchmark.h"):
        return None, "libbenchmark-dev not installed"
    text = """\
// Google Benchmark's public header with its documented usage patterns.
#include <benchmark/benchmark.h>
#include <string>
#include <vector>
static void BM_StringCreation(benchmark::State& state) {
  for (auto _ : state) {
    std::string empty_string;
    benchmark::DoNotOptimize(empty_string);
  }
}
BENCHMARK(BM_StringCreation);
template <class Q> void BM_Sequential(benchmark::State& state) {
  Q q;
  typename Q::value_type v{};
  for (auto _ : state) {
    for (int i = state.range(0); i--;) q.push_back(v);
    q.clear();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["size"] = benchmark::Counter(static_cast<double>(state.range(0)));
}
BENCHMARK_TEMPLATE(BM_Sequential, std::vector<int>)->Range(1 << 0, 1 << 10)->UseRealTime();
static void BM_Repeat(benchmark::State& state, int times) {
  for (auto _ : state) benchmark::DoNotOptimize(std::string(static_cast<std::size_t>(times), 'x'));
}
BENCHMARK_CAPTURE(BM_Repeat, named, 8)->Threads(2)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
"""
    path = os.path.join(work, "benchmark", "benchmark_usage.cpp")
    return [TU("benchmark.h", "benchmark", path, ["-std=c++20"], text)], None


def set_boost(work):
    if not os.path.isdir(BOOST_ROOT):
        return None, "libboost1.81-dev not installed"
    tus = []
    for lib in sorted(os.listdir(BOOST_ROOT)):
        libdir = os.path.join(BOOST_ROOT, lib)
        if not os.path.isdir(libdir):
            continue
        if os.path.exists(libdir + ".hpp"):
            headers = ["boost/%s.hpp" % lib]
        else:
            headers = sorted("boost/%s/%s" % (lib, h) for h in os.listdir(libdir)
                             if h.endswith(".hpp"))
        if not headers:
            continue
        text = "// Boost.%s: its headers, as a user includes them.\n" % lib
        text += "".join("#include <%s>\n" % h for h in headers)
        path = os.path.join(work, "boost", lib + ".cpp")
        tus.append(TU("boost/" + lib, "boost", path, ["-std=c++20", "-pthread"], text))
    return tus, None


def project_llvm_headers():
    """The Clang/LLVM/clang-tidy headers the checks and the plugin include."""
    headers = set()
    for pattern in ("clang-tidy-checks/**/*.cpp", "clang-tidy-checks/**/*.h",
                    "clang-plugin/*.cpp"):
        for path in glob.glob(os.path.join(common.ROOT, pattern), recursive=True):
            with open(path, errors="replace") as f:
                for line in f:
                    m = re.match(r'\s*#\s*include\s+[<"]((clang|llvm)/[^">]+|'
                                 r'(ClangTidy[A-Za-z]*|utils/[A-Za-z]+)\.h)[">]', line)
                    if not m:
                        continue
                    header = m.group(1)
                    if header.startswith("utils/"):  # clang-tidy's own utils only
                        inc = os.path.join(subprocess.check_output(
                            [common.LLVM_CONFIG, "--includedir"],
                            universal_newlines=True).strip(), "clang-tidy", header)
                        if not os.path.exists(inc):
                            continue
                    headers.add(header)
    return sorted(headers)


def set_llvm(work):
    try:
        flags = common.llvm_flags()
    except (OSError, subprocess.CalledProcessError):
        return None, "llvm-config-19 not found (llvm-19-dev)"
    headers = project_llvm_headers()
    tus = []
    for h in headers:
        text = '#include "%s"\n' % h
        path = os.path.join(work, "llvm", re.sub(r"[^A-Za-z0-9]", "_", h) + ".cpp")
        tus.append(TU("llvm/" + h, "llvm", path, flags, text))
    text = "".join('#include "%s"\n' % h for h in headers)
    tus.append(TU("llvm/all-used-headers", "llvm",
                  os.path.join(work, "llvm", "all_used_headers.cpp"), flags, text))
    return tus, None


def available_std_headers(mode):
    probe = "".join("#if __has_include(<%s>)\nHAVE_%s\n#endif\n" % (h, h) for h in STD_HEADERS)
    out = subprocess.run([common.CLANGXX, "-std=" + mode, "-E", "-P", "-x", "c++", "-"],
                         input=probe, stdout=subprocess.PIPE, universal_newlines=True).stdout
    return [h for h in STD_HEADERS if "HAVE_" + h in out.split()]


def set_std(work):
    tus = []
    notes = []
    for mode in STD_MODES:
        have = available_std_headers(mode)
        missing = [h for h in STD_HEADERS if h not in have]
        if missing:
            notes.append("%s: libstdc++ has no <%s>" % (mode, ">, <".join(missing)))
        for h in have:
            path = os.path.join(work, "std", mode, h + ".cpp")
            tus.append(TU("std/%s/%s" % (mode, h), "std", path, ["-std=" + mode],
                          "#include <%s>\n" % h))
        path = os.path.join(work, "std", mode, "all.cpp")
        tus.append(TU("std/%s/all" % mode, "std", path, ["-std=" + mode],
                      "".join("#include <%s>\n" % h for h in have)))
    return tus, "; ".join(notes) or None


def set_asio(work):
    if not os.path.exists("/usr/include/asio.hpp"):
        return None, "libasio-dev not installed"
    text = "#include <asio.hpp>\n"
    tus = [TU("asio/asio.hpp", "asio", os.path.join(work, "asio", "asio_hpp.cpp"),
              ["-std=c++20", "-pthread"], text)]
    note = None
    if os.path.isdir(ASIO_EXAMPLES):
        for path in sorted(glob.glob(ASIO_EXAMPLES + "/**/*.cpp", recursive=True)):
            rel = os.path.relpath(path, ASIO_EXAMPLES)
            std = "-std=c++20"
            tus.append(TU("asio/examples/" + rel, "asio", path,
                          [std, "-pthread", "-I" + os.path.dirname(path)]))
    else:
        note = "Asio's examples not installed (apt-get install libasio-doc)"
    return tus, note


SETS = {"gtest": set_gtest, "benchmark": set_benchmark, "boost": set_boost,
        "llvm": set_llvm, "std": set_std, "asio": set_asio}


# ------------------------------------------------------------------ runs ---

def parse_depfile(path):
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return []
    text = text.replace("\\\n", " ")
    _, _, deps = text.partition(": ")
    # Paths with spaces are escaped as "\ "; none of the swept ones have any.
    return [d for d in deps.split() if d]


def check_output(host, run):
    """Classifies one host's run of one TU."""
    out = run.output
    diags = [l for l in out.splitlines() if ASYNCDROP_DIAG.search(l)]
    errors = [l for l in out.splitlines()
              if COMPILE_ERROR.search(l) and not ASYNCDROP_DIAG.search(l)]
    status = "ok"
    if run.returncode == -9 and run.timed_out:
        status = "hang"
    elif run.crashed():
        status = "crash"
    elif host == "tidy" and run.returncode not in (0, 1):
        status = "crash"
    elif host == "plugin" and run.returncode not in (0, 1):
        status = "crash"
    elif run.returncode != 0 and not errors:
        status = "exit %d without an error" % run.returncode
    return {"status": status, "asyncdrop_diagnostics": diags[:20],
            "n_asyncdrop_diagnostics": len(diags), "compile_errors": len(errors),
            "first_error": errors[0] if errors else None,
            "cpu": run.cpu, "wall": run.wall, "returncode": run.returncode,
            "command": common.quote(run.cmd),
            "output_tail": out[-4000:] if status != "ok" or diags else ""}


def run_tu(tu, module, plugin, work, timeout):
    if tu.text is not None:
        os.makedirs(os.path.dirname(tu.source), exist_ok=True)
        with open(tu.source, "w") as f:
            f.write(tu.text)
    result = {"name": tu.name, "set": tu.group, "source": tu.source,
              "main_lines": common.count_lines(tu.source)}
    tidy = common.run_timed(common.tidy_cmd(module, "asyncdrop-*", tu.source, tu.flags),
                            cwd=tu.cwd, timeout=timeout)
    tidy.timed_out = tidy.wall >= timeout
    result["tidy"] = check_output("tidy", tidy)
    dep = os.path.join(work, "deps", re.sub(r"[^A-Za-z0-9]", "_", tu.name) + ".d")
    os.makedirs(os.path.dirname(dep), exist_ok=True)
    cc = common.run_timed(common.plugin_cmd(plugin, tu.source, tu.flags,
                                            ["-MD", "-MF", dep, "-MT", "tu"]),
                          cwd=tu.cwd, timeout=timeout)
    cc.timed_out = cc.wall >= timeout
    result["plugin" if plugin else "compiler"] = check_output("plugin", cc)
    result["deps"] = parse_depfile(dep)
    return result


def summarize(results, notes, plugin):
    by_set = {}
    line_cache = {}

    def lines_of(path):
        if path not in line_cache:
            line_cache[path] = common.count_lines(path)
        return line_cache[path]

    all_files = set()
    for r in results:
        s = by_set.setdefault(r["set"], {"tus": 0, "main_lines": 0, "parsed_lines": 0,
                                         "files": set(), "crash": 0, "hang": 0,
                                         "cried_wolf": 0, "compile_errors": 0,
                                         "other": 0, "cpu": 0.0})
        s["tus"] += 1
        s["main_lines"] += r["main_lines"]
        s["parsed_lines"] += sum(lines_of(d) for d in r["deps"])
        s["files"].update(r["deps"])
        all_files.update(r["deps"])
        hosts = [h for h in ("tidy", "plugin", "compiler") if h in r]
        statuses = [r[h]["status"] for h in hosts]
        s["crash"] += any(st == "crash" for st in statuses)
        s["hang"] += any(st == "hang" for st in statuses)
        s["other"] += any(st not in ("ok", "crash", "hang") for st in statuses)
        s["cried_wolf"] += any(r[h]["n_asyncdrop_diagnostics"] for h in hosts)
        s["compile_errors"] += any(r[h]["compile_errors"] for h in hosts)
        s["cpu"] += sum(r[h]["cpu"] for h in hosts)
    for s in by_set.values():
        s["unique_files"] = len(s["files"])
        s["unique_lines"] = sum(lines_of(f) for f in s["files"])
        del s["files"]
    total = {k: sum(s[k] for s in by_set.values())
             for k in ("tus", "main_lines", "parsed_lines", "crash", "hang",
                       "cried_wolf", "compile_errors", "other", "cpu")}
    total["unique_files"] = len(all_files)
    total["unique_lines"] = sum(lines_of(f) for f in all_files)
    return by_set, total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=common.default_build_dir())
    parser.add_argument("--module", default=None,
                        help="AsyncDropTidyModule.so (default: BUILD/lib/...)")
    parser.add_argument("--plugin", default=None,
                        help="AsyncDropPlugin.so (default: BUILD/lib/... if built)")
    parser.add_argument("--sets", default=",".join(ALL_SETS))
    parser.add_argument("--subset", choices=["ci"], default=None,
                        help="ci: every TU of CI_GROUPS (what test/sweep/ runs)")
    parser.add_argument("--group", choices=sorted(CI_GROUPS), default=None,
                        help="one group of the ci subset (one lit test)")
    parser.add_argument("--no-plugin", action="store_true",
                        help="sweep the tidy module only, even if the plugin is built")
    parser.add_argument("--only", default=None,
                        help="comma-separated TU names (see --list)")
    parser.add_argument("--list", action="store_true", help="list the TUs and exit")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="seconds before a TU counts as hung")
    parser.add_argument("--work", default=None, help="scratch directory")
    parser.add_argument("--json", default=None)
    args = parser.parse_args()

    module = args.module or common.tidy_module(args.build)
    if not os.path.exists(module):
        sys.exit("sweep: no %s (build the AsyncDropTidyModule target)" % module)
    plugin = None if args.no_plugin else (args.plugin or common.plugin_path(args.build))
    work = os.path.abspath(args.work or os.path.join(args.build, "sweep-work"))
    os.makedirs(work, exist_ok=True)

    sets = [s for s in args.sets.split(",") if s]
    if args.group:
        # The sets the group's TUs come from.
        prefixes = {n.split("/")[0] for n in CI_GROUPS[args.group]}
        sets = [s for s in ALL_SETS if s in prefixes or
                (s == "gtest" and prefixes & {"googletest", "googlemock"}) or
                (s == "benchmark" and "benchmark.h" in prefixes)]
    tus, notes = [], {}
    for name in sets:
        found, note = SETS[name](work)
        if note:
            notes[name] = note
        if found is None:
            continue
        if args.subset == "ci" or args.group:
            groups = [args.group] if args.group else list(CI_GROUPS)
            wanted = {n for g in groups for n in CI_GROUPS[g]}
            found = [t for t in found if t.name in wanted]
        tus.extend(found)
    if args.only:
        only = set(args.only.split(","))
        tus = [t for t in tus if t.name in only]
    if (args.subset or args.group) and not args.only:
        wanted = {n for g in ([args.group] if args.group else CI_GROUPS)
                  for n in CI_GROUPS[g]}
        absent = wanted - {t.name for t in tus}
        if absent:
            # A TU of the fixed list that is gone (a package changed) must not
            # pass silently as "nothing crashed".
            print("sweep: missing TUs of the fixed list: " + ", ".join(sorted(absent)))
            return 1
    if args.list:
        for t in tus:
            print(t.name)
        return 0

    common.log("sweep: %d TUs, module %s, plugin %s, -j%d, load %s" % (
        len(tus), module, plugin or "(not built: plain -fsyntax-only)", args.jobs,
        common.loadavg_str()))
    start = time.time()
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(run_tu, t, module, plugin, work, args.timeout): t
                   for t in tus}
        for i, future in enumerate(concurrent.futures.as_completed(futures), 1):
            r = future.result()
            results.append(r)
            hosts = [h for h in ("tidy", "plugin", "compiler") if h in r]
            flag = ", ".join("%s %s%s" % (h, r[h]["status"],
                             " +%d asyncdrop diags" % r[h]["n_asyncdrop_diagnostics"]
                             if r[h]["n_asyncdrop_diagnostics"] else "") for h in hosts)
            errs = " (compile errors)" if any(r[h]["compile_errors"] for h in hosts) else ""
            common.log("[%d/%d] %s: %s%s" % (i, len(tus), r["name"], flag, errs))
    results.sort(key=lambda r: r["name"])
    by_set, total = summarize(results, notes, plugin)
    elapsed = time.time() - start

    print("sweep: hosts: tidy module%s" % (" + compiler plugin" if plugin else
                                           " (plugin not built: compiler run is plain)"))
    print("%-10s %5s %10s %12s %7s %10s %6s %5s %6s %7s" % (
        "set", "TUs", "main lines", "parsed lines", "files", "uniq lines", "crash",
        "hang", "wolf", "errTUs"))
    for name in sets:
        if name not in by_set:
            continue
        s = by_set[name]
        print("%-10s %5d %10d %12d %7d %10d %6d %5d %6d %7d" % (
            name, s["tus"], s["main_lines"], s["parsed_lines"], s["unique_files"],
            s["unique_lines"], s["crash"], s["hang"], s["cried_wolf"], s["compile_errors"]))
    print("%-10s %5d %10d %12d %7d %10d %6d %5d %6d %7d" % (
        "total", total["tus"], total["main_lines"], total["parsed_lines"],
        total["unique_files"], total["unique_lines"], total["crash"], total["hang"],
        total["cried_wolf"], total["compile_errors"]))
    for name, note in notes.items():
        print("note: %s: %s" % (name, note))
    failures = []
    for r in results:
        for h in ("tidy", "plugin", "compiler"):
            if h not in r:
                continue
            x = r[h]
            if x["status"] != "ok" or x["n_asyncdrop_diagnostics"]:
                failures.append((r, h, x))
    for r, h, x in failures:
        print("FAIL %s [%s]: %s, %d asyncdrop diagnostics\n  $ %s\n%s" % (
            r["name"], h, x["status"], x["n_asyncdrop_diagnostics"], x["command"],
            "\n".join("  " + l for l in x["output_tail"].splitlines()[-40:])))
    print("sweep: %d TUs in %.0f s (cpu %.0f s), %d failed" % (
        len(results), elapsed, total["cpu"], len({r["name"] for r, _, _ in failures})))
    json_path = args.json or os.path.join(args.build, "bench-results",
                                          "sweep%s.json" % ("-ci" if args.subset else ""))
    for r in results:
        r.pop("deps", None)
    common.write_json(json_path, {"machine": common.machine_info(), "sets": by_set,
                                  "total": total, "notes": notes, "results": results,
                                  "elapsed": elapsed,
                                  "command": "python3 bench/sweep.py " + " ".join(sys.argv[1:])})
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
