#!/usr/bin/env bash
# README command 1 (the main job): builds the asyncdrop-* clang-tidy checks
# and runs them over examples/, printing what a user would see.
#
# Each example directory holds a program with one deliberate misuse
# (*_misuse.cpp) and its corrected twin (*_corrected.cpp). The command
# exits non-zero if a misuse goes unreported by the check its "// expect:"
# line names, or a corrected twin is reported. A misuse whose check is not
# built into the module is listed as such, not counted as a failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/bootstrap.sh"
build=$("$root/scripts/configure.sh")
jobs=${ASYNCDROP_JOBS:-2}

echo "== building the asyncdrop-* checks" >&2
cmake --build "$build" --target AsyncDropTidyModule -j "$jobs" >/dev/null

# asyncdrop-tidy: clang-tidy-19 with the module of this build and asyncdrop-*.
tidy="$build/bin/asyncdrop-tidy"
available=$(clang-tidy-19 -load="$build/lib/AsyncDropTidyModule.so" --checks='-*,asyncdrop-*' --list-checks | grep -o 'asyncdrop-[a-z-]*' || true)
pending=0
status=0
flagged=0
clean=0
cd "$root"
for file in $(find examples -name '*.cpp' | sort); do
  # The compile database from CMake gives each example its real flags.
  out=$("$tidy" -p "$build" --quiet "$file" 2>&1 || true)
  # clang-tidy prints the database's absolute paths; show them relative.
  out=${out//"$root/"/}
  diags=$(printf '%s\n' "$out" | grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error|note):' || true)
  count=$(printf '%s\n' "$out" | grep -cE ': (warning|error): .*\[asyncdrop-' || true)
  if printf '%s\n' "$out" | grep -qE 'error: |Stack dump'; then
    if ! printf '%s\n' "$out" | grep -qE 'warning: .*\[asyncdrop-'; then
      printf '%s\n' "$out" >&2
    fi
  fi
  case "$file" in
    *_misuse.cpp)
      printf '%s\n' "$out" | sed -n '/: warning: \|: error: \|: note: /,$p' | grep -v 'warnings generated' || true
      expected=$(sed -n 's|^// expect: *||p' "$file" | head -1)
      if [ -n "$expected" ] && ! printf '%s\n' "$available" | grep -qx "$expected"; then
        echo "lint-examples: $file needs $expected, which this build does not have yet" >&2
        pending=$((pending + 1))
      elif [ -n "$expected" ] && ! printf '%s\n' "$out" | grep -q "\[$expected\]"; then
        echo "lint-examples: $file has a deliberate misuse that $expected did not report" >&2
        status=1
      elif [ "$count" -eq 0 ]; then
        echo "lint-examples: $file has a deliberate misuse but nothing was reported" >&2
        status=1
      else
        flagged=$((flagged + 1))
      fi ;;
    *)
      if [ "$count" -ne 0 ]; then
        printf '%s\n' "$diags"
        echo "lint-examples: $file is a corrected example but was reported" >&2
        status=1
      else
        clean=$((clean + 1))
      fi ;;
  esac
done
echo "examples: $flagged misuse files reported, $clean corrected files clean, $pending waiting for a check not built yet"
exit $status
