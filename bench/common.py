"""Shared helpers of the bench/ scripts: tool paths, timed runs, statistics.

Nothing here is a test: the scripts report numbers, they never fail because
a machine is slow.
"""

import json
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
INPUTS = os.path.join(BENCH, "inputs")
RUNTIME_INCLUDE = os.path.join(ROOT, "runtime", "include")

CLANG_TIDY = "clang-tidy-19"
CLANGXX = "clang++-19"
LLVM_CONFIG = "llvm-config-19"

# What a crashed clang or clang-tidy prints (besides dying on a signal).
CRASH_MARKERS = ("Stack dump:", "PLEASE submit a bug report", "LLVM ERROR:",
                 "Assertion `", "UNREACHABLE executed", "Segmentation fault",
                 "clang frontend command failed due to signal")

# A check that exists but is never instantiated on C++ input (it is for
# Objective-C only): clang-tidy then parses and analyses the file and runs no
# check at all.  That is the parse-only baseline.
NOOP_CHECK = "objc-avoid-nserror-init"


def default_build_dir():
    for candidate in (os.environ.get("ASYNCDROP_BUILD_DIR"),
                      os.path.join(ROOT, "build-bench"),
                      os.path.join(ROOT, "build")):
        if candidate and os.path.exists(os.path.join(candidate, "lib",
                                                     "AsyncDropTidyModule.so")):
            return candidate
    return os.path.join(ROOT, "build")


def tidy_module(build):
    return os.path.join(build, "lib", "AsyncDropTidyModule.so")


def plugin_path(build):
    path = os.path.join(build, "lib", "AsyncDropPlugin.so")
    return path if os.path.exists(path) else None


def llvm_flags():
    """Compiler flags for a TU that includes Clang, LLVM and clang-tidy headers."""
    include = subprocess.check_output([LLVM_CONFIG, "--includedir"],
                                      universal_newlines=True).strip()
    cppflags = subprocess.check_output([LLVM_CONFIG, "--cppflags"],
                                       universal_newlines=True).split()
    return (["-std=c++17", "-fno-rtti", "-isystem", include, "-isystem",
             os.path.join(include, "clang-tidy")] +
            [f for f in cppflags if not f.startswith("-I")])


def tidy_cmd(module, checks, source, flags, extra=()):
    """The clang-tidy invocation every measurement and the sweep use."""
    return ([CLANG_TIDY, "-load=" + module, "--checks=-*," + checks,
             "--config={}", "--quiet"] + list(extra) + [source, "--"] +
            list(flags))


def plugin_cmd(plugin, source, flags, extra=()):
    cmd = [CLANGXX, "-fsyntax-only"]
    if plugin:
        cmd.append("-fplugin=" + plugin)
    return cmd + list(extra) + list(flags) + [source]


class Run:
    """One finished command: wall and CPU seconds, exit status, output."""

    def __init__(self, cmd, wall, cpu, returncode, output):
        self.cmd = cmd
        self.wall = wall
        self.cpu = cpu
        self.returncode = returncode
        self.output = output

    def crashed(self):
        return self.returncode < 0 or any(m in self.output for m in CRASH_MARKERS)


def run_timed(cmd, cwd=None, env=None, timeout=None):
    """Runs cmd, returns a Run with wall time and the child's user+sys time.

    CPU time (from wait4's rusage, the child and everything it waited for)
    is barely affected by other processes competing for the cores, unlike
    wall time; both are reported.
    """
    with tempfile.TemporaryFile(mode="w+") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT,
                                cwd=cwd, env=env, universal_newlines=True)
        deadline = None if timeout is None else start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid != 0:
                break
            if deadline is not None and time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.002)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read()
    return Run(cmd, wall, usage.ru_utime + usage.ru_stime, proc.returncode,
               output)


def callgrind_instructions(cmd, cwd=None):
    """Instructions executed by cmd and its children, under callgrind.

    Load-independent (the same count however busy the machine is), ~50x
    slower than a normal run.
    """
    return callgrind_run(cmd, cwd)[0]


def callgrind_run(cmd, cwd=None, valgrind_args=()):
    """(instructions, exit code, output) of cmd under callgrind.

    Like callgrind_instructions(), and keeps what cmd printed, so that one
    run both counts and shows whether the command crashed or reported.
    valgrind_args go to valgrind (e.g. --toggle-collect=FUNCTION, to count
    only what runs inside FUNCTION).
    """
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "log.%p")
        full = ["valgrind", "--tool=callgrind", "--trace-children=yes",
                "--callgrind-out-file=" + os.path.join(tmp, "cg.%p"),
                "--log-file=" + log] + list(valgrind_args) + cmd
        proc = subprocess.run(full, cwd=cwd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, universal_newlines=True,
                              errors="replace")
        total = 0
        for name in os.listdir(tmp):
            if not name.startswith("log."):
                continue
            with open(os.path.join(tmp, name)) as f:
                for line in f:
                    m = re.search(r"Collected : (\d+)", line)
                    if m:
                        total += int(m.group(1))
        return total, proc.returncode, proc.stdout


def summary(values):
    """Median, min, max and the interquartile range of a list of numbers."""
    values = sorted(values)
    if not values:
        return None
    if len(values) >= 4:
        q = statistics.quantiles(values, n=4)
        iqr = (q[0], q[2])
    else:
        iqr = (values[0], values[-1])
    return {"median": statistics.median(values), "min": values[0],
            "max": values[-1], "q1": iqr[0], "q3": iqr[1], "n": len(values)}


def fmt_s(s):
    """'1.234 s [1.200-1.300]': median and min-max spread."""
    if s is None:
        return "n/a"
    return "%.3f s [%.3f-%.3f]" % (s["median"], s["min"], s["max"])


def fmt_ratio(s):
    if s is None:
        return "n/a"
    return "%.3f [%.3f-%.3f]" % (s["median"], s["min"], s["max"])


def machine_info():
    load = os.getloadavg()
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    def version(cmd):
        try:
            return subprocess.check_output(cmd, universal_newlines=True,
                                           stderr=subprocess.STDOUT).splitlines()[0]
        except (OSError, subprocess.CalledProcessError):
            return "n/a"
    return {"cores": os.cpu_count(), "cpu": cpu,
            "loadavg": "%.2f %.2f %.2f" % load,
            "kernel": platform.release(),
            "clang": version([CLANGXX, "--version"]),
            "clang_tidy": next((l.strip() for l in version(
                [CLANG_TIDY, "--version"]).splitlines() if l.strip()), "n/a"),
            "date": time.strftime("%Y-%m-%d %H:%M:%S %Z")}


def loadavg_str():
    return "%.2f %.2f %.2f" % os.getloadavg()


def count_lines(path):
    try:
        with open(path, "rb") as f:
            return sum(1 for _ in f)
    except OSError:
        return 0


def quote(cmd):
    return " ".join(shlex.quote(c) for c in cmd)


def write_json(path, data):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)
