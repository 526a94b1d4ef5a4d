#!/usr/bin/env bash
# Configures build/ (or $ASYNCDROP_BUILD_DIR) the way both README commands
# need it: Clang 19, Ninja, ccache. Re-running it on a configured tree is a
# no-op apart from CMake's own up-to-date check.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ASYNCDROP_BUILD_DIR:-$root/build}

launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_COMPILER=clang++-19 \
    "${launcher[@]}" "$@" >/dev/null
else
  cmake "$build" "$@" >/dev/null
fi
echo "$build"
