# Locates Clang 19 and defines asyncdrop_clang_flags, an INTERFACE target with
# what every translation unit that includes Clang or clang-tidy headers needs.
#
# Debian's ClangConfig rejects a version argument, so the version is checked
# here instead.
find_package(Clang CONFIG REQUIRED
  HINTS /usr/lib/llvm-19/lib/cmake/clang)
if(NOT LLVM_VERSION_MAJOR EQUAL 19)
  message(FATAL_ERROR "asyncdrop needs LLVM/Clang 19, found ${LLVM_PACKAGE_VERSION} in ${Clang_DIR}")
endif()

# Out-of-tree clang-tidy checks include "ClangTidyCheck.h" etc. from here.
set(ASYNCDROP_CLANG_TIDY_INCLUDE_DIR "${LLVM_INCLUDE_DIRS}/clang-tidy")
if(NOT EXISTS "${ASYNCDROP_CLANG_TIDY_INCLUDE_DIR}/ClangTidyCheck.h")
  message(FATAL_ERROR "clang-tidy headers not found in ${ASYNCDROP_CLANG_TIDY_INCLUDE_DIR} (install libclang-19-dev)")
endif()

find_program(ASYNCDROP_CLANG_TIDY NAMES clang-tidy-19 HINTS "${LLVM_TOOLS_BINARY_DIR}" REQUIRED)
find_program(ASYNCDROP_CLANGXX NAMES clang++-19 HINTS "${LLVM_TOOLS_BINARY_DIR}" REQUIRED)

add_library(asyncdrop_clang_flags INTERFACE)
target_include_directories(asyncdrop_clang_flags SYSTEM INTERFACE
  ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS} "${ASYNCDROP_CLANG_TIDY_INCLUDE_DIR}")
separate_arguments(_asyncdrop_llvm_defs NATIVE_COMMAND "${LLVM_DEFINITIONS}")
target_compile_definitions(asyncdrop_clang_flags INTERFACE ${_asyncdrop_llvm_defs})
# LLVM is built without RTTI; a check that used typeid/dynamic_cast would not
# load into clang-tidy (missing typeinfo symbols).
target_compile_options(asyncdrop_clang_flags INTERFACE -fno-rtti -fPIC)
target_compile_features(asyncdrop_clang_flags INTERFACE cxx_std_17)
