# Locates Clang ${ASYNCDROP_LLVM_VERSION} (19 by default, 16 supported) and
# defines asyncdrop_clang_flags, an INTERFACE target with what every
# translation unit that includes Clang or clang-tidy headers needs.
#
# A clang-tidy module or a compiler plugin loads only into the LLVM major it
# was built against, so the major is one cache variable: everything that
# names clang-tidy-N, clang++-N or /usr/lib/llvm-N derives from it.
#
# Debian's ClangConfig rejects a version argument, so the version is checked
# here instead.
set(ASYNCDROP_LLVM_VERSION 19 CACHE STRING
  "LLVM/Clang major to build the checks against (16 or 19)")
set_property(CACHE ASYNCDROP_LLVM_VERSION PROPERTY STRINGS 16 19)
set(_asyncdrop_supported_llvm 16 19)
if(NOT ASYNCDROP_LLVM_VERSION IN_LIST _asyncdrop_supported_llvm)
  message(FATAL_ERROR "ASYNCDROP_LLVM_VERSION is '${ASYNCDROP_LLVM_VERSION}': "
    "asyncdrop builds against LLVM 16 or 19")
endif()
set(_llvm "${ASYNCDROP_LLVM_VERSION}")

# LLVM 16's LLVMConfig.cmake probes FFI and terminfo with
# check_c_source_compiles(), which fails unless C is enabled (LLVM 19's
# no longer does).
if(_llvm VERSION_LESS 17)
  enable_language(C)
endif()
find_package(Clang CONFIG REQUIRED
  HINTS "/usr/lib/llvm-${_llvm}/lib/cmake/clang")
if(NOT LLVM_VERSION_MAJOR EQUAL _llvm)
  message(FATAL_ERROR "asyncdrop: ASYNCDROP_LLVM_VERSION=${_llvm} but the Clang "
    "found is ${LLVM_PACKAGE_VERSION} (${Clang_DIR}); install libclang-${_llvm}-dev "
    "or set Clang_DIR=/usr/lib/llvm-${_llvm}/lib/cmake/clang")
endif()

# Out-of-tree clang-tidy checks include "ClangTidyCheck.h" etc. from here.
set(ASYNCDROP_CLANG_TIDY_INCLUDE_DIR "${LLVM_INCLUDE_DIRS}/clang-tidy")
if(NOT EXISTS "${ASYNCDROP_CLANG_TIDY_INCLUDE_DIR}/ClangTidyCheck.h")
  message(FATAL_ERROR "clang-tidy headers not found in ${ASYNCDROP_CLANG_TIDY_INCLUDE_DIR} (install libclang-${_llvm}-dev)")
endif()

# NO_CACHE-less find_program caches the result: a tree reconfigured with
# another ASYNCDROP_LLVM_VERSION must not keep the old tools.
foreach(_tool ASYNCDROP_CLANG_TIDY ASYNCDROP_CLANGXX)
  if(DEFINED ${_tool} AND NOT "${${_tool}}" MATCHES "-${_llvm}$|/llvm-${_llvm}/")
    unset(${_tool} CACHE)
  endif()
endforeach()
find_program(ASYNCDROP_CLANG_TIDY NAMES clang-tidy-${_llvm} HINTS "${LLVM_TOOLS_BINARY_DIR}" REQUIRED)
find_program(ASYNCDROP_CLANGXX NAMES clang++-${_llvm} HINTS "${LLVM_TOOLS_BINARY_DIR}" REQUIRED)

add_library(asyncdrop_clang_flags INTERFACE)
target_include_directories(asyncdrop_clang_flags SYSTEM INTERFACE
  ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS} "${ASYNCDROP_CLANG_TIDY_INCLUDE_DIR}")
separate_arguments(_asyncdrop_llvm_defs NATIVE_COMMAND "${LLVM_DEFINITIONS}")
target_compile_definitions(asyncdrop_clang_flags INTERFACE ${_asyncdrop_llvm_defs})
# LLVM is built without RTTI; a check that used typeid/dynamic_cast would not
# load into clang-tidy (missing typeinfo symbols).
target_compile_options(asyncdrop_clang_flags INTERFACE -fno-rtti -fPIC)
target_compile_features(asyncdrop_clang_flags INTERFACE cxx_std_17)
unset(_llvm)
