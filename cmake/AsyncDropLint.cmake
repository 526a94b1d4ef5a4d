# asyncdrop_lint(<target> [PLUGIN|TIDY] [ERRORS] [CHECKS <glob>] [CONFIG <yaml>])
#
# Lints <target>'s C++ sources with the asyncdrop-* checks while it builds.
#
#   TIDY    clang-tidy-N (N = ASYNCDROP_LLVM_VERSION, 19 or 16) runs next to the compiler on each source (CMake's
#           CXX_CLANG_TIDY property) with the asyncdrop module loaded: works
#           with any compiler (g++ too); each file is parsed twice.
#   PLUGIN  the compiler itself runs the checks (-fplugin=AsyncDropPlugin.so,
#           through asyncdrop_target_plugin() of AsyncDropPlugin.cmake): no
#           second parse, but the C++ compiler must be clang++-N.
#   (neither) PLUGIN when the compiler is Clang N and the plugin is
#           installed, else TIDY.
#   ERRORS  asyncdrop-* diagnostics are errors (hints excepted, see below):
#           the build fails on them.
#   CHECKS  which checks, a clang-tidy glob list (default: asyncdrop-*), e.g.
#           "asyncdrop-*,-asyncdrop-sync-drop-outside-tests".
#   CONFIG  the checks' options: the path of a .clang-tidy-style file
#           (relative to the current source directory), or YAML text
#           "{CheckOptions: {asyncdrop-...: ...}}". It replaces the .clang-tidy
#           files that are otherwise read above each source.
#
# ERRORS makes the findings errors, except hints
#   (asyncdrop-sequential-member-drops): they stay warnings, also when a
#   .clang-tidy says WarningsAsErrors: 'asyncdrop-*'.
#
# Configure with -DASYNCDROP_LINT=OFF to build without linting (the
# arguments are still checked): what a CI job does that lints in a step of
# its own with asyncdrop-tidy and wants its SARIF even when there are
# findings (docs/ci.md).
#
# Mistakes are configure errors of one line: an unknown check name in
# CHECKS, a glob that enables no asyncdrop check, a clang-tidy or compiler of
# another LLVM major than the one the module and the plugin were built for
# (ASYNCDROP_LLVM_VERSION), with what to install instead.
#
# Uses (set by find_package(asyncdrop CONFIG)): ASYNCDROP_CLANG_TIDY,
# ASYNCDROP_TIDY_MODULE for TIDY; asyncdrop_target_plugin() or
# ASYNCDROP_PLUGIN for PLUGIN; ASYNCDROP_CHECKS_DEF, ASYNCDROP_LLVM_VERSION.
include_guard(GLOBAL)

option(ASYNCDROP_LINT
  "Lint the targets given to asyncdrop_lint() while they build (OFF: build them without the checks)" ON)
if(NOT DEFINED ASYNCDROP_LLVM_VERSION)
  set(ASYNCDROP_LLVM_VERSION 19)
endif()
if(NOT ASYNCDROP_CHECKS_DEF)
  # Used from asyncdrop's source tree rather than installed.
  set(ASYNCDROP_CHECKS_DEF "${CMAKE_CURRENT_LIST_DIR}/../clang-tidy-checks/checks.def")
endif()

# The names of the checks and of the hints among them (checks.def: a hint's
# summary starts with "hint:"), read once.
function(_asyncdrop_lint_checks names_out hints_out)
  get_property(_read GLOBAL PROPERTY _ASYNCDROP_LINT_CHECKS SET)
  if(NOT _read)
    if(NOT EXISTS "${ASYNCDROP_CHECKS_DEF}")
      message(FATAL_ERROR "asyncdrop_lint: the list of checks ${ASYNCDROP_CHECKS_DEF} "
        "is missing (a broken asyncdrop install?)")
    endif()
    file(STRINGS "${ASYNCDROP_CHECKS_DEF}" _lines REGEX "^ASYNCDROP_CHECK\\(")
    set(_names "")
    set(_hints "")
    foreach(_line IN LISTS _lines)
      if(_line MATCHES "^ASYNCDROP_CHECK\\([A-Za-z0-9_]+ *, *\"([a-z0-9-]+)\" *, *\"(hint:)?")
        list(APPEND _names "asyncdrop-${CMAKE_MATCH_1}")
        if(CMAKE_MATCH_2)
          list(APPEND _hints "asyncdrop-${CMAKE_MATCH_1}")
        endif()
      endif()
    endforeach()
    set_property(GLOBAL PROPERTY _ASYNCDROP_LINT_CHECKS "${_names}")
    set_property(GLOBAL PROPERTY _ASYNCDROP_LINT_HINTS "${_hints}")
  endif()
  get_property(_names GLOBAL PROPERTY _ASYNCDROP_LINT_CHECKS)
  get_property(_hints GLOBAL PROPERTY _ASYNCDROP_LINT_HINTS)
  set(${names_out} "${_names}" PARENT_SCOPE)
  set(${hints_out} "${_hints}" PARENT_SCOPE)
endfunction()

# The asyncdrop checks a clang-tidy glob list ("-*,asyncdrop-*,-asyncdrop-x")
# enables, evaluated as clang-tidy does: the last pattern that matches a
# name decides. A name without '*' that starts with "asyncdrop-" must be a
# check.
function(_asyncdrop_lint_enabled target glob out)
  _asyncdrop_lint_checks(_names _hints)
  string(REPLACE "," ";" _patterns "${glob}")
  set(_regexes "")
  foreach(_pattern IN LISTS _patterns)
    string(STRIP "${_pattern}" _pattern)
    set(_sign "+")
    if(_pattern MATCHES "^-(.*)$")
      set(_sign "-")
      set(_pattern "${CMAKE_MATCH_1}")
    endif()
    if(_pattern STREQUAL "")
      continue()
    endif()
    if(_pattern MATCHES "^asyncdrop-" AND NOT _pattern MATCHES "[*]"
       AND NOT _pattern IN_LIST _names)
      string(REPLACE ";" ", " _known "${_names}")
      message(FATAL_ERROR "asyncdrop_lint(${target}): CHECKS names '${_pattern}', "
        "which is not a check; the checks are ${_known}")
    endif()
    string(REGEX REPLACE "([][+.?^$(){}|\\\\])" "\\\\\\1" _regex "${_pattern}")
    string(REPLACE "*" ".*" _regex "${_regex}")
    list(APPEND _regexes "${_sign}^${_regex}$")
  endforeach()
  set(_enabled "")
  foreach(_name IN LISTS _names)
    set(_on FALSE)
    foreach(_regex IN LISTS _regexes)
      string(SUBSTRING "${_regex}" 1 -1 _body)
      if(_name MATCHES "${_body}")
        if(_regex MATCHES "^[+]")
          set(_on TRUE)
        else()
          set(_on FALSE)
        endif()
      endif()
    endforeach()
    if(_on)
      list(APPEND _enabled "${_name}")
    endif()
  endforeach()
  set(${out} "${_enabled}" PARENT_SCOPE)
endfunction()

# The LLVM major of a clang-tidy ("LLVM version 19.1.7"), asked once per path.
function(_asyncdrop_lint_tool_major tool out)
  string(MAKE_C_IDENTIFIER "_ASYNCDROP_MAJOR_${tool}" _key)
  get_property(_known GLOBAL PROPERTY "${_key}" SET)
  if(NOT _known)
    execute_process(COMMAND "${tool}" --version OUTPUT_VARIABLE _out ERROR_QUIET
      RESULT_VARIABLE _status)
    set(_major "")
    if(_status EQUAL 0 AND _out MATCHES "LLVM version ([0-9]+)\\.")
      set(_major "${CMAKE_MATCH_1}")
    endif()
    set_property(GLOBAL PROPERTY "${_key}" "${_major}")
  endif()
  get_property(_major GLOBAL PROPERTY "${_key}")
  set(${out} "${_major}" PARENT_SCOPE)
endfunction()

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

  set(_checks "asyncdrop-*")
  if(ARG_CHECKS)
    string(REPLACE ";" "," _checks "${ARG_CHECKS}")
  endif()
  _asyncdrop_lint_enabled("${target}" "-*,${_checks}" _enabled)
  if(NOT _enabled)
    message(FATAL_ERROR "asyncdrop_lint(${target}): CHECKS '${_checks}' enables "
      "no asyncdrop check (e.g. CHECKS asyncdrop-* or asyncdrop-missing-async-drop)")
  endif()
  # Hints are never errors: appended last, this wins over ERRORS and over
  # the WarningsAsErrors of a .clang-tidy.
  _asyncdrop_lint_checks(_names _hints)
  list(TRANSFORM _hints PREPEND "-")
  string(REPLACE ";" "," _hints_off "${_hints}")

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

  if(NOT ASYNCDROP_LINT)
    return()  # -DASYNCDROP_LINT=OFF: the target builds without the checks
  endif()

  set(_llvm "${ASYNCDROP_LLVM_VERSION}")
  set(_is_clang_llvm FALSE)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND CMAKE_CXX_COMPILER_VERSION MATCHES "^${_llvm}\\.")
    set(_is_clang_llvm TRUE)
  endif()
  set(_have_plugin FALSE)
  if(COMMAND asyncdrop_target_plugin OR (ASYNCDROP_PLUGIN AND EXISTS "${ASYNCDROP_PLUGIN}"))
    set(_have_plugin TRUE)
  endif()
  if(ARG_PLUGIN)
    set(_mode PLUGIN)
  elseif(ARG_TIDY)
    set(_mode TIDY)
  elseif(_is_clang_llvm AND _have_plugin)
    set(_mode PLUGIN)
  else()
    set(_mode TIDY)
  endif()

  if(_mode STREQUAL "TIDY")
    if(NOT ASYNCDROP_CLANG_TIDY)
      find_program(ASYNCDROP_CLANG_TIDY NAMES clang-tidy-${_llvm}
        HINTS "/usr/lib/llvm-${_llvm}/bin")
    endif()
    if(NOT ASYNCDROP_TIDY_MODULE)
      message(FATAL_ERROR "asyncdrop_lint(${target} TIDY): this asyncdrop has no "
        "clang-tidy module (built with ASYNCDROP_BUILD_TIDY=OFF?)")
    endif()
    if(NOT ASYNCDROP_CLANG_TIDY)
      message(FATAL_ERROR "asyncdrop_lint(${target} TIDY): clang-tidy-${_llvm} not "
        "found: install it (Debian: apt-get install clang-tidy-${_llvm}) or set "
        "ASYNCDROP_CLANG_TIDY to its path")
    endif()
    _asyncdrop_lint_tool_major("${ASYNCDROP_CLANG_TIDY}" _major)
    if(NOT _major STREQUAL _llvm)
      if(_major STREQUAL "")
        set(_what "does not run or does not say its LLVM version")
      else()
        set(_what "is clang-tidy ${_major}")
      endif()
      message(FATAL_ERROR "asyncdrop_lint(${target} TIDY): ${ASYNCDROP_CLANG_TIDY} "
        "${_what}, but the asyncdrop module is built for LLVM ${_llvm} and loads "
        "into clang-tidy ${_llvm} only: install clang-tidy-${_llvm} (Debian: "
        "apt-get install clang-tidy-${_llvm}) and set ASYNCDROP_CLANG_TIDY to it")
    endif()
    # --checks on the command line comes after the Checks of .clang-tidy
    # files, so '-*,' keeps this target to the asyncdrop checks.
    set(_tidy "${ASYNCDROP_CLANG_TIDY}" "-load=${ASYNCDROP_TIDY_MODULE}"
      "--checks=-*,${_checks}" "--quiet")
    if(ARG_ERRORS)
      list(APPEND _tidy "--warnings-as-errors=${_checks},${_hints_off}")
    elseif(_hints_off)
      list(APPEND _tidy "--warnings-as-errors=${_hints_off}")
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

  # The plugin is loaded by the compiler itself: another clang crashes on it
  # (clang++ on Debian bookworm is clang 14) and g++ cannot load it at all.
  if(NOT _is_clang_llvm)
    message(FATAL_ERROR "asyncdrop_lint(${target} PLUGIN): the asyncdrop plugin is "
      "built for clang ${_llvm} and loads into clang++-${_llvm} only, but the C++ "
      "compiler is ${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION} "
      "(${CMAKE_CXX_COMPILER}): install clang-${_llvm} and configure with "
      "-DCMAKE_CXX_COMPILER=clang++-${_llvm}, or use asyncdrop_lint(${target} TIDY)")
  endif()
  if(NOT _have_plugin)
    message(FATAL_ERROR "asyncdrop_lint(${target} PLUGIN): the asyncdrop plugin "
      "is not installed (asyncdrop built with ASYNCDROP_BUILD_PLUGIN=OFF?)")
  endif()
  # The plugin's werror leaves hints warnings (clang-plugin/AsyncDropPlugin.cpp).
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
