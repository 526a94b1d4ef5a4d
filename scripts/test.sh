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

# The runtime once more under sanitizers (clang++-19, runtime only, -O1):
# every runtime test with ASan+UBSan, the concurrent helpers' tests with TSan.
step "runtime tests under sanitizers (ASan+UBSan, TSan)"
sanitizer_build() {  # <build dir> <-fsanitize list> [cmake args...]
  local dir=$1 sanitizers=$2
  shift 2
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 \
      -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
      "-DCMAKE_CXX_FLAGS=-O1 -gline-tables-only -fno-omit-frame-pointer -fsanitize=$sanitizers -fno-sanitize-recover=all" \
      "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=$sanitizers" \
      -DASYNCDROP_BUILD_TIDY=OFF -DASYNCDROP_BUILD_PLUGIN=OFF \
      -DASYNCDROP_BUILD_CLANGD=OFF -DASYNCDROP_BUILD_EXAMPLES=OFF \
      -DASYNCDROP_ASIO_VARIANTS=OFF "$@" >/dev/null || return 1
  fi
  cmake --build "$dir" -j "$jobs"
}
asan_ok=1
sanitizer_build "$root/build-asan" address,undefined || asan_ok=0
tsan_ok=1
sanitizer_build "$root/build-tsan" thread -DASYNCDROP_CONCURRENCY_TESTS_ONLY=ON || tsan_ok=0
if [ "$asan_ok" = 1 ]; then
  (cd "$root/build-asan" && UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure -j "$jobs" --output-junit "$reports/ctest-asan.xml")
fi
if [ "$tsan_ok" = 1 ]; then
  (cd "$root/build-tsan" && TSAN_OPTIONS=halt_on_error=1 \
     ctest --output-on-failure -j "$jobs" --output-junit "$reports/ctest-tsan.xml")
fi

step "lit"
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv -j "$jobs" \
  --xunit-xml-output "$reports/lit.xml" "$build/test"

# The checks built for LLVM 16 as well (docs/packages.md): only the module
# and the plugin (plus the tools' data for the package test), compiled by
# clang++-16 into build-llvm16/ (ccache keeps a rebuild short); then the
# checks' and the plugin's lit tests with clang-tidy-16 and clang++-16, and
# the .deb test of this build.
step "building the LLVM 16 module and plugin"
llvm16_build="$root/build-llvm16"
llvm16_ok=1
if [ ! -f "$llvm16_build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$llvm16_build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-16 -DCMAKE_CXX_COMPILER=clang++-16 \
    -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DASYNCDROP_LLVM_VERSION=16 \
    -DASYNCDROP_BUILD_CLANGD=OFF -DASYNCDROP_BUILD_EXAMPLES=OFF >/dev/null || llvm16_ok=0
fi
if [ "$llvm16_ok" = 1 ]; then
  cmake --build "$llvm16_build" -j "$jobs" \
    --target AsyncDropTidyModule asyncdrop_plugin || llvm16_ok=0
fi
if [ "$llvm16_ok" = 1 ]; then
  step "lit (LLVM 16: checks, plugin, .deb packages)"
  python3 /usr/lib/llvm-16/build/utils/lit/lit.py -sv -j "$jobs" \
    --filter '^asyncdrop :: (checks|plugin)/|^asyncdrop :: package/deb-' \
    --xunit-xml-output "$reports/lit-llvm16.xml" "$llvm16_build/test"
fi

step "done"
# Builds that failed count as failures of their own (their tests never ran).
failed_builds=()
[ "$gcc_ok" = 1 ] || failed_builds+=(--extra-failure="g++ build")
[ "$asan_ok" = 1 ] || failed_builds+=(--extra-failure="ASan build")
[ "$tsan_ok" = 1 ] || failed_builds+=(--extra-failure="TSan build")
[ "$llvm16_ok" = 1 ] || failed_builds+=(--extra-failure="LLVM 16 build")
python3 "$root/scripts/summarize-tests.py" "$reports" "${failed_builds[@]}"
