#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, and nothing else.
# Idempotent and quiet when everything is present: both README commands call it
# first, so a fresh Debian bookworm machine (root, Debian's registry) needs no
# other step.
set -euo pipefail

packages=(
  # toolchain and Clang libraries the checks and hosts build against
  clang-19 clang-tidy-19 clangd-19 libclang-19-dev llvm-19-dev llvm-19-tools
  # the LLVM 16 build of the module and the plugin, and its lit run
  # (scripts/test.sh, docs/packages.md)
  clang-16 clang-tidy-16 libclang-16-dev llvm-16-dev llvm-16-tools
  # scripts/package.sh (dpkg-deb, dpkg-shlibdeps)
  dpkg-dev
  cmake ninja-build ccache g++ python3 git
  # runtime tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev libboost1.81-dev libasio-dev
  # the opt-in creation backtrace (asyncdrop::backtrace, ASYNCDROP_BACKTRACE=1)
  libboost-stacktrace1.81-dev
  # the tree's formatting test (.clang-format)
  clang-format-19
  # sanitizer runtimes for clang++-19 (the ASan/UBSan and TSan test builds)
  libclang-rt-19-dev
  # asyncdrop-clangd links clangd's remote-index libraries
  libgrpc++-dev libprotobuf-dev libabsl-dev
  # asyncdrop-sarif and asyncdrop-tidy read YAML with PyYAML; SARIF schema
  # validation in the tests
  python3-yaml python3-jsonschema
  # clang-apply-replacements-19 (asyncdrop-tidy -p build --fix)
  clang-tools-19
)

missing=()
for p in "${packages[@]}"; do
  # dpkg-query is ~10 ms a package; apt-get itself takes seconds even when idle.
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "bootstrap: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "bootstrap: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "bootstrap: done" >&2
