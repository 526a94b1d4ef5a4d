#!/usr/bin/env bash
# README command 2: builds everything and runs every test suite (CTest:
# GoogleTest and the other registered tests; lit: the checks and hosts),
# then prints one closing line "tests: N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/bootstrap.sh" || exit 1
build=$("$root/scripts/configure.sh") || exit 1
jobs=${ASYNCDROP_JOBS:-2}
reports="$build/test-reports"
rm -rf "$reports" && mkdir -p "$reports"
start=$SECONDS

step() { echo "== $* ($((SECONDS - start)) s)"; }

step "building (clang++-19)"
if ! cmake --build "$build" -j "$jobs"; then
  echo "tests: build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# The runtime must also compile warning-free with g++; build its tests there.
step "building the runtime tests with g++"
gcc_build="$root/build-gcc"
if [ ! -f "$gcc_build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$gcc_build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_COMPILER=g++ -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
    -DASYNCDROP_BUILD_TIDY=OFF -DASYNCDROP_BUILD_PLUGIN=OFF \
    -DASYNCDROP_BUILD_CLANGD=OFF -DASYNCDROP_BUILD_EXAMPLES=ON >/dev/null || exit 1
fi
gcc_ok=1
cmake --build "$gcc_build" -j "$jobs" || gcc_ok=0

step "ctest (clang++-19 build)"
(cd "$build" && ctest -E '^lit$' --output-on-failure -j "$jobs" \
   --output-junit "$reports/ctest-clang.xml")
if [ "$gcc_ok" = 1 ]; then
  step "ctest (g++ build)"
  (cd "$gcc_build" && ctest --output-on-failure -j "$jobs" \
     --output-junit "$reports/ctest-gcc.xml")
fi

step "lit"
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv -j "$jobs" \
  --xunit-xml-output "$reports/lit.xml" "$build/test"

step "done"
python3 "$root/scripts/summarize-tests.py" "$reports" \
  $([ "$gcc_ok" = 1 ] || echo --extra-failure="g++ build")
