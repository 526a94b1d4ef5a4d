#!/usr/bin/env bash
# Builds the Debian packages of an asyncdrop build tree (docs/packages.md):
#
#   asyncdrop-tools-N_<version>_<arch>.deb   everything built for LLVM N (the
#       clang-tidy module, the plugin, asyncdrop-clangd when built, the
#       asyncdrop-tidy and asyncdrop-sarif commands, the docs, the CMake
#       package of that build) under /usr/lib/asyncdrop-N, with
#       /usr/bin/asyncdrop-<tool>-N links, like Debian's llvm-N packages;
#       so asyncdrop-tools-16 and asyncdrop-tools-19 install side by side.
#   asyncdrop-dev_<version>_all.deb          the runtime headers
#       (/usr/include/asyncdrop) and find_package(asyncdrop), which picks an
#       installed asyncdrop-tools-N (scripts/deb/asyncdropConfig.cmake).
#
# Usage: scripts/package.sh [--build] [BUILD_DIR [OUT_DIR]]
#   BUILD_DIR  a configured asyncdrop build tree (default build/; the LLVM
#              major is its ASYNCDROP_LLVM_VERSION); it must be built, or
#              --build builds it first
#   OUT_DIR    where the .deb files go (default BUILD_DIR/packages)
# Prints the paths of the packages it wrote. Needs dpkg-deb and
# dpkg-shlibdeps (dpkg-dev), no root.
set -euo pipefail
umask 022
root=$(cd "$(dirname "$0")/.." && pwd)

usage() { echo "usage: scripts/package.sh [--build] [BUILD_DIR [OUT_DIR]]" >&2; exit 2; }
do_build=0
args=()
for arg in "$@"; do
  case $arg in
    --build) do_build=1 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    -*) usage ;;
    *) args+=("$arg") ;;
  esac
done
[ ${#args[@]} -le 2 ] || usage
build=$(cd "${args[0]:-$root/build}" 2>/dev/null && pwd) ||
  { echo "package.sh: no build directory ${args[0]:-$root/build} (run scripts/configure.sh)" >&2; exit 2; }
out=${args[1]:-$build/packages}
for tool in dpkg-deb dpkg-shlibdeps dpkg-architecture; do
  command -v "$tool" >/dev/null ||
    { echo "package.sh: $tool not found (apt install dpkg-dev)" >&2; exit 2; }
done

cache_value() {  # <variable>: its value in BUILD_DIR/CMakeCache.txt
  sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt"
}
[ -f "$build/CMakeCache.txt" ] ||
  { echo "package.sh: $build is not a CMake build tree" >&2; exit 2; }
llvm=$(cache_value ASYNCDROP_LLVM_VERSION)
version=$(cache_value CMAKE_PROJECT_VERSION)
[ -n "$llvm" ] ||
  { echo "package.sh: $build was configured without the Clang tooling (ASYNCDROP_BUILD_TIDY=OFF?)" >&2; exit 2; }
[ -n "$version" ] || version=$(sed -n 's/^project(asyncdrop VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
debversion="$version-1"
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
maintainer="${DEBFULLNAME:-asyncdrop packager} <${DEBEMAIL:-$(id -un)@localhost}>"

if [ "$do_build" = 1 ]; then
  cmake --build "$build" >&2
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
tools_pkg="asyncdrop-tools-$llvm"
tools="$stage/$tools_pkg"
dev="$stage/asyncdrop-dev"
prefix="/usr/lib/asyncdrop-$llvm"

# The whole install of this build, relocatable (every command finds its
# files relative to itself), under /usr/lib/asyncdrop-N.
if ! cmake --install "$build" --prefix "$tools$prefix" >"$stage/install.log" 2>&1; then
  cat "$stage/install.log" >&2
  echo "package.sh: cmake --install $build failed: is it built? (scripts/package.sh --build)" >&2
  exit 1
fi
[ -f "$tools$prefix/lib/asyncdrop/AsyncDropTidyModule.so" ] ||
  { echo "package.sh: $build has no clang-tidy module (ASYNCDROP_BUILD_TIDY=OFF?)" >&2; exit 2; }

# The headers are the same for every LLVM: asyncdrop-dev has them in
# /usr/include, the tools' prefix links to them.
mkdir -p "$dev/usr/include"
mv "$tools$prefix/include/asyncdrop" "$dev/usr/include/asyncdrop"
ln -s ../../../include/asyncdrop "$tools$prefix/include/asyncdrop"

# Docs in /usr/share/doc/<package> (Debian policy); the install tree keeps a
# link, which asyncdrop-sarif's help URIs resolve.
mkdir -p "$tools/usr/share/doc"
mv "$tools$prefix/share/doc/asyncdrop" "$tools/usr/share/doc/$tools_pkg"
ln -s "../../../../share/doc/$tools_pkg" "$tools$prefix/share/doc/asyncdrop"
install -m 644 "$root/scripts/deb/copyright" "$tools/usr/share/doc/$tools_pkg/copyright"
mkdir -p "$dev/usr/share/doc/asyncdrop-dev"
install -m 644 "$root/scripts/deb/copyright" "$dev/usr/share/doc/asyncdrop-dev/copyright"

# /usr/bin/asyncdrop-tidy-N etc., as Debian names clang-tidy-N.
mkdir -p "$tools/usr/bin"
for command in "$tools$prefix"/bin/*; do
  name=$(basename "$command")
  ln -s "../lib/asyncdrop-$llvm/bin/$name" "$tools/usr/bin/$name-$llvm"
done

# find_package(asyncdrop) without hints: the selector and its version file.
cmakedir="$dev/usr/share/cmake/asyncdrop"
mkdir -p "$cmakedir"
install -m 644 "$root/scripts/deb/asyncdropConfig.cmake" "$cmakedir/asyncdropConfig.cmake"
# Same compatibility as the version file of a build's own install
# (cmake/AsyncDropInstall.cmake); ARCH_INDEPENDENT: asyncdrop-dev is "all".
cat >"$stage/version-file.cmake" <<'EOF'
include(CMakePackageConfigHelpers)
write_basic_package_version_file("${OUT}" VERSION "${VERSION}"
  COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
EOF
cmake -DVERSION="$version" -DOUT="$cmakedir/asyncdropConfigVersion.cmake" \
  -P "$stage/version-file.cmake"

# Depends: the shared libraries the ELF files link (dpkg-shlibdeps: for the
# plugin and asyncdrop-clangd libclang-cpp<N> and libllvm<N>), plus what loads
# or runs them: clang-tidy-N loads the module, clang-N the plugin, Python 3
# runs asyncdrop-tidy and asyncdrop-sarif (PyYAML), clang-tools-N has the
# clang-apply-replacements-N that asyncdrop-tidy --fix runs.
elf_files=()
while IFS= read -r -d '' file; do
  if [ "$(head -c 4 "$file" | od -An -c | tr -d ' ')" = "177ELF" ]; then
    elf_files+=("$file")
  fi
done < <(find "$tools" -type f -print0)
# No RUNPATH: it names /usr/lib/llvm-N/lib, where llvm-N-dev keeps the
# symlinks, while libllvmN and libclang-cppN ship the libraries in the
# default search path (and clang-N has them loaded before the plugin).
# dpkg-shlibdeps searches the RUNPATH first and would find the -dev symlinks.
printf 'foreach(elf IN LISTS ELF_FILES)\n  file(RPATH_REMOVE FILE "${elf}")\nendforeach()\n' \
  >"$stage/rpath-remove.cmake"
elf_list=$(IFS=';'; echo "${elf_files[*]}")
cmake "-DELF_FILES=$elf_list" -P "$stage/rpath-remove.cmake" >/dev/null
mkdir -p "$stage/shlibdeps/debian"
printf 'Source: asyncdrop\n\nPackage: %s\nArchitecture: any\n' "$tools_pkg" \
  >"$stage/shlibdeps/debian/control"
shlibs=$(cd "$stage/shlibdeps" && dpkg-shlibdeps -O "${elf_files[@]}" 2>"$stage/shlibdeps.log" |
  sed -n 's/^shlibs:Depends=//p') ||
  { cat "$stage/shlibdeps.log" >&2; echo "package.sh: dpkg-shlibdeps failed" >&2; exit 1; }
tools_depends="$shlibs, clang-tidy-$llvm, clang-tools-$llvm, clang-$llvm, python3, python3-yaml, asyncdrop-dev (= $debversion)"

control() {  # <package dir> <package> <architecture> <depends> <summary> <description...>
  local dir=$1 package=$2 architecture=$3 depends=$4 summary=$5
  shift 5
  mkdir -p "$dir/DEBIAN"
  {
    echo "Package: $package"
    echo "Version: $debversion"
    echo "Architecture: $architecture"
    echo "Maintainer: $maintainer"
    echo "Installed-Size: $(du -sk --exclude=DEBIAN "$dir" | cut -f1)"
    [ -z "$depends" ] || echo "Depends: $depends"
    echo "Section: devel"
    echo "Priority: optional"
    echo "Description: $summary"
    printf ' %s\n' "$@"
  } >"$dir/DEBIAN/control"
}
control "$tools" "$tools_pkg" "$arch" "$tools_depends" \
  "asyncdrop checks for clang-tidy $llvm, clang $llvm and clangd" \
  "asyncdrop finds misuse of AsyncDropGuard<T> (asynchronous cleanup in" \
  "C++20 coroutines) at compile time. This package has the asyncdrop-*" \
  "checks built for LLVM $llvm: the clang-tidy module (clang-tidy-$llvm -load)," \
  "the compiler plugin (clang++-$llvm -fplugin), asyncdrop-tidy-$llvm," \
  "asyncdrop-sarif-$llvm and, for LLVM 19, asyncdrop-clangd-$llvm, all under" \
  "$prefix, and the CMake package that find_package(asyncdrop)" \
  "loads through asyncdrop-dev."
control "$dev" asyncdrop-dev all "" \
  "asyncdrop runtime headers and CMake package" \
  "asyncdrop is a header-only C++20 runtime for asynchronous cleanup" \
  "(AsyncDropGuard<T>, co_await guard.async_drop()). This package has its" \
  "headers and find_package(asyncdrop), which gives asyncdrop::runtime and," \
  "with an asyncdrop-tools-N package installed, asyncdrop_lint()."

mkdir -p "$out"
for pkg_dir in "$tools" "$dev"; do
  pkg=$(basename "$pkg_dir")
  pkg_arch=$arch
  [ "$pkg" = asyncdrop-dev ] && pkg_arch=all
  deb="$out/${pkg}_${debversion}_${pkg_arch}.deb"
  dpkg-deb --root-owner-group -Zxz --build "$pkg_dir" "$deb" >/dev/null
  echo "$deb"
done
