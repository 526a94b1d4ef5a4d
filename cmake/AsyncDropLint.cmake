# asyncdrop_lint(<target> [PLUGIN|TIDY] [ERRORS] [CHECKS <glob>] [CONFIG <yaml>])
#
# Lints <target>'s C++ sources with the asyncdrop-* checks while it builds.
#
#   TIDY    clang-tidy-19 runs next to the compiler on each source (CMake's
#           CXX_CLANG_TIDY property) with the asyncdrop module loaded: works
#           with any compiler (g++ too); each file is parsed twice.
#   PLUGIN  the compiler itself runs the checks (-fplugin=AsyncDropPlugin.so,
#           through asyncdrop_target_plugin() of AsyncDropPlugin.cmake): no
#           second parse, but the C++ compiler must be clang++-19.
#   (neither) PLUGIN when the compiler is Clang 19 and the plugin is
#           installed, else TIDY.
#   ERRORS  asyncdrop-* diagnostics are errors: the build fails on them.
#   CHECKS  which checks, a clang-tidy glob list (default: asyncdrop-*), e.g.
#           "asyncdrop-*,-asyncdrop-sync-drop-outside-tests".
#   CONFIG  the checks' options: the path of a .clang-tidy-style file
#           (relative to the current source directory), or YAML text
#           "{CheckOptions: {asyncdrop-...: ...}}". It replaces the .clang-tidy
#           files that are otherwise read above each source.
#
# Uses (set by find_package(asyncdrop CONFIG)): ASYNCDROP_CLANG_TIDY,
# ASYNCDROP_TIDY_MODULE for TIDY; asyncdrop_target_plugin() or
# ASYNCDROP_PLUGIN for PLUGIN.
include_guard(GLOBAL)

# Sources of <target> are rebuilt when one of the files changes.
function(_asyncdrop_lint_depends target)
  get_target_property(_sources "${target}" SOURCES)
  get_target_property(_source_dir "${target}" SOURCE_DIR)
  foreach(_source IN LISTS _sources)
    if(_source MATCHES "\\$<" OR NOT _source MATCHES "\\.(cc|cp|cxx|cpp|CPP|c\\+\\+|C|ixx|cppm)$")
      continue()
    endif()
    get_filename_component(_source "${_source}" ABSOLUTE BASE_DIR "${_source_dir}")
    set_property(SOURCE "${_source}" TARGET_DIRECTORY "${target}" APPEND
      PROPERTY OBJECT_DEPENDS ${ARGN})
  endforeach()
endfunction()

function(asyncdrop_lint target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "PLUGIN;TIDY;ERRORS" "CHECKS;CONFIG" "")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "asyncdrop_lint(${target}): unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET "${target}")
    message(FATAL_ERROR "asyncdrop_lint(${target}): no such target")
  endif()
  if(ARG_PLUGIN AND ARG_TIDY)
    message(FATAL_ERROR "asyncdrop_lint(${target}): PLUGIN or TIDY, not both")
  endif()

  set(_is_clang19 FALSE)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang"
     AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 19
     AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 20)
    set(_is_clang19 TRUE)
  endif()
  set(_have_plugin FALSE)
  if(COMMAND asyncdrop_target_plugin OR (ASYNCDROP_PLUGIN AND EXISTS "${ASYNCDROP_PLUGIN}"))
    set(_have_plugin TRUE)
  endif()
  if(ARG_PLUGIN)
    set(_mode PLUGIN)
  elseif(ARG_TIDY)
    set(_mode TIDY)
  elseif(_is_clang19 AND _have_plugin)
    set(_mode PLUGIN)
  else()
    set(_mode TIDY)
  endif()

  set(_checks "asyncdrop-*")
  if(ARG_CHECKS)
    string(REPLACE ";" "," _checks "${ARG_CHECKS}")
  endif()
  # CONFIG: YAML text or a file.
  set(_config_yaml "")
  set(_config_file "")
  if(ARG_CONFIG)
    string(STRIP "${ARG_CONFIG}" _config)
    if(_config MATCHES "^[{]" OR _config MATCHES "\n")
      set(_config_yaml "${ARG_CONFIG}")
    else()
      get_filename_component(_config_file "${_config}" ABSOLUTE
        BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
      if(NOT EXISTS "${_config_file}")
        message(FATAL_ERROR "asyncdrop_lint(${target}): CONFIG '${ARG_CONFIG}' "
          "is neither YAML ({...}) nor an existing file")
      endif()
    endif()
  endif()

  if(_mode STREQUAL "TIDY")
    if(NOT ASYNCDROP_CLANG_TIDY)
      find_program(ASYNCDROP_CLANG_TIDY NAMES clang-tidy-19)
    endif()
    if(NOT ASYNCDROP_CLANG_TIDY OR NOT ASYNCDROP_TIDY_MODULE)
      message(FATAL_ERROR "asyncdrop_lint(${target} TIDY): needs clang-tidy-19 "
        "(ASYNCDROP_CLANG_TIDY='${ASYNCDROP_CLANG_TIDY}') and the asyncdrop "
        "clang-tidy module (ASYNCDROP_TIDY_MODULE='${ASYNCDROP_TIDY_MODULE}'); "
        "install clang-tidy-19 and an asyncdrop built with ASYNCDROP_BUILD_TIDY=ON")
    endif()
    # --checks on the command line comes after the Checks of .clang-tidy
    # files, so '-*,' keeps this target to the asyncdrop checks.
    set(_tidy "${ASYNCDROP_CLANG_TIDY}" "-load=${ASYNCDROP_TIDY_MODULE}"
      "--checks=-*,${_checks}" "--quiet")
    if(ARG_ERRORS)
      list(APPEND _tidy "--warnings-as-errors=${_checks}")
    endif()
    if(_config_file)
      list(APPEND _tidy "--config-file=${_config_file}")
    elseif(_config_yaml)
      list(APPEND _tidy "--config=${_config_yaml}")
    endif()
    set_property(TARGET "${target}" PROPERTY CXX_CLANG_TIDY "${_tidy}")
    # Re-lint (recompile) when the checks or their options change.
    _asyncdrop_lint_depends("${target}" "${ASYNCDROP_TIDY_MODULE}" ${_config_file})
    return()
  endif()

  if(NOT _is_clang19)
    message(FATAL_ERROR "asyncdrop_lint(${target} PLUGIN): the plugin runs inside "
      "clang++-19, but the C++ compiler is ${CMAKE_CXX_COMPILER_ID} "
      "${CMAKE_CXX_COMPILER_VERSION}: configure with -DCMAKE_CXX_COMPILER=clang++-19, "
      "or use asyncdrop_lint(${target} TIDY)")
  endif()
  if(NOT _have_plugin)
    message(FATAL_ERROR "asyncdrop_lint(${target} PLUGIN): the asyncdrop plugin "
      "is not installed (asyncdrop built with ASYNCDROP_BUILD_PLUGIN=OFF?)")
  endif()
  if(COMMAND asyncdrop_target_plugin)
    set(_args "${target}")
    if(ARG_ERRORS)
      list(APPEND _args ERRORS)
    endif()
    if(ARG_CHECKS)
      list(APPEND _args CHECKS "${_checks}")
    endif()
    if(ARG_CONFIG)
      list(APPEND _args CONFIG "${ARG_CONFIG}")
    endif()
    asyncdrop_target_plugin(${_args})
  else()
    # The plugin's documented flags (docs/plugin.md), for a package that
    # came without AsyncDropPlugin.cmake.
    set(_flags "-fplugin=${ASYNCDROP_PLUGIN}"
      "-fplugin-arg-asyncdrop-checks=-*,${_checks}")
    if(ARG_ERRORS)
      list(APPEND _flags "-fplugin-arg-asyncdrop-werror")
    endif()
    if(_config_file)
      list(APPEND _flags "-fplugin-arg-asyncdrop-config-file=${_config_file}")
    elseif(_config_yaml)
      list(APPEND _flags "-fplugin-arg-asyncdrop-config=${_config_yaml}")
    endif()
    string(REPLACE ">" "$<ANGLE-R>" _flags "${_flags}")
    target_compile_options("${target}" PRIVATE
      "$<$<COMPILE_LANGUAGE:CXX>:${_flags}>")
    _asyncdrop_lint_depends("${target}" "${ASYNCDROP_PLUGIN}" ${_config_file})
  endif()
endfunction()
