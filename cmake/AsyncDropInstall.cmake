# The commands in tools/ (configured into build/bin/), and everything
# `cmake --install` puts under the prefix:
#
#   include/asyncdrop/*.hpp                      the runtime headers
#   lib/asyncdrop/AsyncDropTidyModule.so         clang-tidy-19 -load=...   (clang-tidy-checks/)
#   lib/asyncdrop/AsyncDropPlugin.so             clang++-19 -fplugin=...    (clang-plugin/)
#   bin/asyncdrop-tidy, bin/asyncdrop-sarif      tools/
#   bin/asyncdrop-clangd                                                    (clang-plugin/)
#   lib/cmake/asyncdrop/                         find_package(asyncdrop CONFIG):
#       asyncdropConfig.cmake, asyncdropConfigVersion.cmake,
#       asyncdropTargets.cmake (asyncdrop::runtime),
#       AsyncDropLint.cmake (asyncdrop_lint), AsyncDropPlugin.cmake
#   share/asyncdrop/checks.def                   the list of checks (SARIF rules,
#                                                asyncdrop_lint's CHECKS)
#   share/asyncdrop/python/asyncdrop_checks_def.py  its reader, for the tools
#   share/asyncdrop/sarif-2.1.0-schema.json      (+ its OASIS notice)
#   share/doc/asyncdrop/                         docs/ (SARIF helpUris point here
#                                                unless -DASYNCDROP_DOCS_URL=...)
#
# "lib" is CMAKE_INSTALL_LIBDIR (GNUInstallDirs): lib/x86_64-linux-gnu for
# prefix /usr on Debian. The tools find what they need relative to
# themselves, so the prefix can still be changed with `cmake --install
# --prefix`.

include(CMakePackageConfigHelpers)
find_package(Python3 REQUIRED COMPONENTS Interpreter)

set(ASYNCDROP_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/asyncdrop" CACHE STRING
  "Where find_package(asyncdrop CONFIG) files are installed (relative to the prefix)")
# The module and the plugin install here (their install rules are next to
# their targets).
set(ASYNCDROP_INSTALL_MODULEDIR "${CMAKE_INSTALL_LIBDIR}/asyncdrop")
set(ASYNCDROP_INSTALL_DATADIR "${CMAKE_INSTALL_DATADIR}/asyncdrop")
set(ASYNCDROP_DOCS_URL "" CACHE STRING
  "URL of docs/checks/ for the helpUri of asyncdrop-sarif's rules (empty: the installed docs, as file:// URIs)")

set(_src "${PROJECT_SOURCE_DIR}")
set(_tools_stage "${PROJECT_BINARY_DIR}/asyncdrop-install")

# A path from the directory `from` to `to`, both relative to the install
# prefix (or absolute): what a tool in bin/ uses to find its files.
function(_asyncdrop_install_relpath out from to)
  if(IS_ABSOLUTE "${to}")
    set(${out} "${to}" PARENT_SCOPE)
    return()
  endif()
  if(NOT IS_ABSOLUTE "${from}")
    set(from "/_prefix_/${from}")
  endif()
  file(RELATIVE_PATH _rel "${from}" "/_prefix_/${to}")
  set(${out} "${_rel}" PARENT_SCOPE)
endfunction()

# ------------------------------------------------------------- runtime ----
install(DIRECTORY "${_src}/runtime/include/"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
  FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
set_target_properties(asyncdrop_runtime PROPERTIES EXPORT_NAME runtime)
install(TARGETS asyncdrop_runtime EXPORT asyncdropTargets)
install(EXPORT asyncdropTargets NAMESPACE asyncdrop::
  FILE asyncdropTargets.cmake DESTINATION "${ASYNCDROP_INSTALL_CMAKEDIR}")

# --------------------------------------------------------------- tools ----
# The LLVM major the module and the plugin are built for (cmake/AsyncDropClang.cmake);
# the tools call clang-tidy-<N>, run-clang-tidy-<N> and
# clang-apply-replacements-<N> of that version and refuse another one.
if(NOT DEFINED ASYNCDROP_LLVM_VERSION)
  set(ASYNCDROP_LLVM_VERSION 19)
endif()
set(_tool_permissions OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
  GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(_llvm_bin_hint "/usr/lib/llvm-${ASYNCDROP_LLVM_VERSION}/bin")
if(NOT ASYNCDROP_CLANG_TIDY)
  find_program(ASYNCDROP_CLANG_TIDY NAMES clang-tidy-${ASYNCDROP_LLVM_VERSION}
    HINTS "${_llvm_bin_hint}")
endif()
# Optional at build time: asyncdrop-tidy looks for them on PATH when it runs.
find_program(ASYNCDROP_RUN_CLANG_TIDY NAMES run-clang-tidy-${ASYNCDROP_LLVM_VERSION}
  HINTS "${_llvm_bin_hint}" DOC "run-clang-tidy of LLVM ${ASYNCDROP_LLVM_VERSION}, for asyncdrop-tidy -p")
find_program(ASYNCDROP_CLANG_APPLY_REPLACEMENTS
  NAMES clang-apply-replacements-${ASYNCDROP_LLVM_VERSION} HINTS "${_llvm_bin_hint}"
  DOC "clang-apply-replacements of LLVM ${ASYNCDROP_LLVM_VERSION}, for asyncdrop-tidy -p --fix")
foreach(_var ASYNCDROP_CLANG_TIDY ASYNCDROP_RUN_CLANG_TIDY ASYNCDROP_CLANG_APPLY_REPLACEMENTS)
  set(${_var}_BAKED "${${_var}}")
  if(NOT ${_var})
    set(${_var}_BAKED "")
  endif()
endforeach()

# Build tree: build/bin/asyncdrop-{tidy,sarif} use build/lib, and the list
# of checks, its reader and the docs of the source tree.
file(RELATIVE_PATH ASYNCDROP_TIDY_MODULE_BAKED "${CMAKE_RUNTIME_OUTPUT_DIRECTORY}"
  "${CMAKE_LIBRARY_OUTPUT_DIRECTORY}/AsyncDropTidyModule.so")
file(RELATIVE_PATH ASYNCDROP_CHECKS_DEF_BAKED "${CMAKE_RUNTIME_OUTPUT_DIRECTORY}"
  "${_src}/clang-tidy-checks/checks.def")
file(RELATIVE_PATH ASYNCDROP_PYTHON_DIR_BAKED "${CMAKE_RUNTIME_OUTPUT_DIRECTORY}" "${_src}/tools")
set(ASYNCDROP_DOCS_DIR_BAKED "${_src}/docs/checks")
foreach(_tool asyncdrop-tidy asyncdrop-sarif)
  configure_file("${_src}/tools/${_tool}" "${CMAKE_RUNTIME_OUTPUT_DIRECTORY}/${_tool}"
    @ONLY FILE_PERMISSIONS ${_tool_permissions})
endforeach()

# Installed copies: the same scripts with install-relative paths.
_asyncdrop_install_relpath(ASYNCDROP_TIDY_MODULE_BAKED "${CMAKE_INSTALL_BINDIR}"
  "${ASYNCDROP_INSTALL_MODULEDIR}/AsyncDropTidyModule.so")
_asyncdrop_install_relpath(ASYNCDROP_CHECKS_DEF_BAKED "${CMAKE_INSTALL_BINDIR}"
  "${ASYNCDROP_INSTALL_DATADIR}/checks.def")
_asyncdrop_install_relpath(ASYNCDROP_PYTHON_DIR_BAKED "${CMAKE_INSTALL_BINDIR}"
  "${ASYNCDROP_INSTALL_DATADIR}/python")
_asyncdrop_install_relpath(ASYNCDROP_DOCS_DIR_BAKED "${CMAKE_INSTALL_BINDIR}"
  "${CMAKE_INSTALL_DOCDIR}/checks")
set(_installed_tools "${_tools_stage}/asyncdrop-sarif")
if(TARGET AsyncDropTidyModule)
  list(APPEND _installed_tools "${_tools_stage}/asyncdrop-tidy")
endif()
foreach(_tool IN LISTS _installed_tools)
  get_filename_component(_name "${_tool}" NAME)
  configure_file("${_src}/tools/${_name}" "${_tool}" @ONLY FILE_PERMISSIONS ${_tool_permissions})
endforeach()
install(PROGRAMS ${_installed_tools} DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(FILES "${_src}/clang-tidy-checks/checks.def"
  "${_src}/tools/sarif-2.1.0-schema.json" "${_src}/tools/sarif-2.1.0-schema.NOTICE.md"
  DESTINATION "${ASYNCDROP_INSTALL_DATADIR}")
install(FILES "${_src}/tools/asyncdrop_checks_def.py"
  DESTINATION "${ASYNCDROP_INSTALL_DATADIR}/python")
install(DIRECTORY "${_src}/docs/" DESTINATION "${CMAKE_INSTALL_DOCDIR}")

# ------------------------------------------------------------- package ----
set(ASYNCDROP_HAVE_TIDY OFF)
set(ASYNCDROP_HAVE_PLUGIN OFF)
set(ASYNCDROP_HAVE_CLANGD OFF)
if(TARGET AsyncDropTidyModule)
  set(ASYNCDROP_HAVE_TIDY ON)
endif()
if(TARGET asyncdrop_plugin)
  set(ASYNCDROP_HAVE_PLUGIN ON)
endif()
if(TARGET asyncdrop-clangd)
  set(ASYNCDROP_HAVE_CLANGD ON)
endif()
set(ASYNCDROP_INSTALL_BINDIR "${CMAKE_INSTALL_BINDIR}")
set(ASYNCDROP_INSTALL_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
configure_package_config_file("${_src}/cmake/asyncdropConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/cmake/asyncdropConfig.cmake"
  INSTALL_DESTINATION "${ASYNCDROP_INSTALL_CMAKEDIR}"
  PATH_VARS ASYNCDROP_INSTALL_BINDIR ASYNCDROP_INSTALL_INCLUDEDIR
            ASYNCDROP_INSTALL_MODULEDIR ASYNCDROP_INSTALL_DATADIR)
# 0.x: a new minor version may break compatibility.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/cmake/asyncdropConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}" COMPATIBILITY SameMinorVersion)
set(_package_files
  "${PROJECT_BINARY_DIR}/cmake/asyncdropConfig.cmake"
  "${PROJECT_BINARY_DIR}/cmake/asyncdropConfigVersion.cmake"
  "${_src}/cmake/AsyncDropLint.cmake")
if(EXISTS "${_src}/cmake/AsyncDropPlugin.cmake")
  list(APPEND _package_files "${_src}/cmake/AsyncDropPlugin.cmake")
endif()
install(FILES ${_package_files} DESTINATION "${ASYNCDROP_INSTALL_CMAKEDIR}")
