# find_package(asyncdrop) for the Debian packages (scripts/package.sh,
# docs/packages.md). Installed by asyncdrop-dev as
# /usr/share/cmake/asyncdrop/asyncdropConfig.cmake.
#
# Each asyncdrop-tools-N package is a whole asyncdrop install under
# /usr/lib/asyncdrop-N (like Debian's /usr/lib/llvm-N), with its own
# lib/cmake/asyncdrop/asyncdropConfig.cmake that points at the module and the
# plugin built for LLVM N. This file picks one of them and loads it:
#   1. ASYNCDROP_LLVM_VERSION, when the project sets it (-DASYNCDROP_LLVM_VERSION=16);
#   2. otherwise the major of the C++ compiler when it is Clang and
#      asyncdrop-tools-<major> is installed (the plugin loads only there);
#   3. otherwise the newest installed: 19, then 16.
# -DCMAKE_PREFIX_PATH=/usr/lib/asyncdrop-N skips this file altogether.
# With no asyncdrop-tools-N installed there is only asyncdrop::runtime.

# <prefix>/share/cmake/asyncdrop -> <prefix> (/usr, or a dpkg -x root).
get_filename_component(_asyncdrop_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(_asyncdrop_installed)
foreach(_asyncdrop_llvm 19 16)
  if(EXISTS "${_asyncdrop_prefix}/lib/asyncdrop-${_asyncdrop_llvm}/lib/cmake/asyncdrop/asyncdropConfig.cmake")
    list(APPEND _asyncdrop_installed ${_asyncdrop_llvm})
  endif()
endforeach()

set(_asyncdrop_pick "")
if(NOT "${ASYNCDROP_LLVM_VERSION}" STREQUAL "")
  if(NOT ASYNCDROP_LLVM_VERSION IN_LIST _asyncdrop_installed)
    set(asyncdrop_FOUND FALSE)
    string(CONCAT asyncdrop_NOT_FOUND_MESSAGE "ASYNCDROP_LLVM_VERSION is "
      "${ASYNCDROP_LLVM_VERSION} but asyncdrop-tools-${ASYNCDROP_LLVM_VERSION} is "
      "not installed (no ${_asyncdrop_prefix}/lib/asyncdrop-${ASYNCDROP_LLVM_VERSION}): "
      "apt install asyncdrop-tools-${ASYNCDROP_LLVM_VERSION}")
    return()
  endif()
  set(_asyncdrop_pick ${ASYNCDROP_LLVM_VERSION})
elseif(CMAKE_CXX_COMPILER_ID STREQUAL "Clang"
       AND CMAKE_CXX_COMPILER_VERSION MATCHES "^([0-9]+)\\."
       AND CMAKE_MATCH_1 IN_LIST _asyncdrop_installed)
  set(_asyncdrop_pick ${CMAKE_MATCH_1})
elseif(_asyncdrop_installed)
  list(GET _asyncdrop_installed 0 _asyncdrop_pick)
endif()

if(_asyncdrop_pick)
  set(_asyncdrop_variant_config
    "${_asyncdrop_prefix}/lib/asyncdrop-${_asyncdrop_pick}/lib/cmake/asyncdrop/asyncdropConfig.cmake")
  unset(_asyncdrop_prefix)
  unset(_asyncdrop_installed)
  unset(_asyncdrop_pick)
  # The variant's config sets asyncdrop_FOUND from the requested components.
  include("${_asyncdrop_variant_config}")
  unset(_asyncdrop_variant_config)
  return()
endif()

# Runtime only: asyncdrop-dev without any asyncdrop-tools-N.
if(NOT TARGET asyncdrop::runtime)
  add_library(asyncdrop::runtime INTERFACE IMPORTED)
  set_target_properties(asyncdrop::runtime PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${_asyncdrop_prefix}/include"
    INTERFACE_COMPILE_FEATURES cxx_std_20
    INTERFACE_COMPILE_OPTIONS "$<$<CXX_COMPILER_ID:Clang,AppleClang>:-Wconsumed>")
endif()
set(ASYNCDROP_INCLUDE_DIR "${_asyncdrop_prefix}/include")
set(asyncdrop_runtime_FOUND TRUE)
foreach(_asyncdrop_component tidy plugin clangd)
  set(asyncdrop_${_asyncdrop_component}_FOUND FALSE)
endforeach()
foreach(_asyncdrop_component IN LISTS asyncdrop_FIND_COMPONENTS)
  if(asyncdrop_FIND_REQUIRED_${_asyncdrop_component}
     AND NOT asyncdrop_${_asyncdrop_component}_FOUND)
    set(asyncdrop_FOUND FALSE)
    string(CONCAT asyncdrop_NOT_FOUND_MESSAGE "component ${_asyncdrop_component} needs "
      "the asyncdrop tools: apt install asyncdrop-tools-19 (or asyncdrop-tools-16)")
  endif()
endforeach()
function(asyncdrop_lint target)
  message(FATAL_ERROR "asyncdrop_lint(${target}): the asyncdrop tools are not "
    "installed: apt install asyncdrop-tools-19 (or asyncdrop-tools-16)")
endfunction()
unset(_asyncdrop_component)
unset(_asyncdrop_prefix)
unset(_asyncdrop_installed)
unset(_asyncdrop_pick)
