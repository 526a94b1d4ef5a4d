# asyncdrop_target_plugin(<target> [ERRORS] [CHECKS <glob>] [CONFIG <yaml-or-file>])
#
# Compiles <target>'s C++ sources with the asyncdrop compiler plugin
# (clang++-N -fplugin=AsyncDropPlugin.so): the asyncdrop-* checks run inside
# the compile and print like compiler warnings. See docs/plugin.md.
#
#   ERRORS  the findings are errors and fail the compile
#           (-fplugin-arg-asyncdrop-werror).
#   CHECKS  a clang-tidy glob list (default asyncdrop-*). It is passed as
#           "-*,<glob>", like asyncdrop_lint(TIDY) passes --checks, so the
#           Checks of .clang-tidy files do not widen or narrow the target's
#           set; their CheckOptions still apply.
#   CONFIG  the check options: either YAML text as for clang-tidy --config
#           ("{CheckOptions: {asyncdrop-...: ...}}") or the path of a
#           .clang-tidy-style file (relative to the current source dir), like
#           clang-tidy --config-file. Either replaces the .clang-tidy lookup.
#           Do not put ';' in YAML text (it is a CMake list separator).
#
# Where the plugin comes from:
#   - in asyncdrop's own build: the target asyncdrop_plugin (the sources are
#     compiled after the plugin is linked);
#   - after install: ASYNCDROP_PLUGIN, the path find_package(asyncdrop) sets
#     (<prefix>/lib/asyncdrop/AsyncDropPlugin.so), or the target property
#     ASYNCDROP_PLUGIN_FILE of an imported target asyncdrop::plugin.
# The compiler must be Clang N, the ASYNCDROP_LLVM_VERSION the plugin was
# built for (19 by default, or 16): it links clang-N's libclang-cpp.so.N and
# cannot load into another compiler.
#
# asyncdrop_plugin_path(<out-var>) gives the plugin path (or a generator
# expression for it), or an empty string when there is none.
include_guard(GLOBAL)

function(asyncdrop_plugin_path out)
  if(TARGET asyncdrop_plugin)
    set(${out} "$<TARGET_FILE:asyncdrop_plugin>" PARENT_SCOPE)
  elseif(ASYNCDROP_PLUGIN AND EXISTS "${ASYNCDROP_PLUGIN}")
    set(${out} "${ASYNCDROP_PLUGIN}" PARENT_SCOPE)
  elseif(TARGET asyncdrop::plugin)
    get_target_property(_file asyncdrop::plugin ASYNCDROP_PLUGIN_FILE)
    if(NOT _file)
      set(_file "$<TARGET_FILE:asyncdrop::plugin>")
    endif()
    set(${out} "${_file}" PARENT_SCOPE)
  else()
    set(${out} "" PARENT_SCOPE)
  endif()
endfunction()

function(asyncdrop_target_plugin target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "ERRORS" "CHECKS;CONFIG" "")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "asyncdrop_target_plugin(${target}): unknown arguments: "
      "${ARG_UNPARSED_ARGUMENTS} (expected [ERRORS] [CHECKS <glob>] [CONFIG <yaml-or-file>])")
  endif()
  if(NOT TARGET "${target}")
    message(FATAL_ERROR "asyncdrop_target_plugin(${target}): no such target")
  endif()
  # ASYNCDROP_LLVM_VERSION: the cache variable in asyncdrop's own build, set
  # by find_package(asyncdrop) after install.
  set(_llvm "${ASYNCDROP_LLVM_VERSION}")
  if(_llvm STREQUAL "")
    set(_llvm 19)
  endif()
  if(NOT (CMAKE_CXX_COMPILER_ID STREQUAL "Clang"
          AND CMAKE_CXX_COMPILER_VERSION MATCHES "^${_llvm}\\."))
    message(FATAL_ERROR "asyncdrop_target_plugin(${target}): the plugin loads "
      "into clang++-${_llvm} only, the C++ compiler is ${CMAKE_CXX_COMPILER_ID} "
      "${CMAKE_CXX_COMPILER_VERSION} (configure with -DCMAKE_CXX_COMPILER=clang++-${_llvm})")
  endif()
  asyncdrop_plugin_path(_plugin)
  if(NOT _plugin)
    message(FATAL_ERROR "asyncdrop_target_plugin(${target}): no asyncdrop plugin: "
      "build asyncdrop with ASYNCDROP_BUILD_PLUGIN=ON, or set ASYNCDROP_PLUGIN "
      "to the path of AsyncDropPlugin.so (find_package(asyncdrop) does)")
  endif()

  set(_checks "asyncdrop-*")
  if(DEFINED ARG_CHECKS AND NOT ARG_CHECKS STREQUAL "")
    set(_checks "${ARG_CHECKS}")
  endif()
  # The plugin splits nothing: a CMake list given as CHECKS becomes the
  # comma-separated clang-tidy glob.
  string(REPLACE ";" "," _checks "${_checks}")
  set(_flags "-fplugin=${_plugin}" "-fplugin-arg-asyncdrop-checks=-*,${_checks}")
  if(ARG_ERRORS)
    list(APPEND _flags "-fplugin-arg-asyncdrop-werror")
  endif()
  if(DEFINED ARG_CONFIG AND NOT ARG_CONFIG STREQUAL "")
    string(STRIP "${ARG_CONFIG}" _config)
    if(_config MATCHES "^[{]" OR _config MATCHES "\n")
      list(APPEND _flags "-fplugin-arg-asyncdrop-config=${ARG_CONFIG}")
    else()
      get_filename_component(_config_file "${_config}" ABSOLUTE
        BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
      if(NOT EXISTS "${_config_file}")
        message(FATAL_ERROR "asyncdrop_target_plugin(${target}): CONFIG "
          "'${ARG_CONFIG}' is neither YAML ({...}) nor an existing file")
      endif()
      list(APPEND _flags "-fplugin-arg-asyncdrop-config-file=${_config_file}")
      set(_depends "${_config_file}")
    endif()
  endif()
  # A '>' (YAML) would end the generator expression early.
  string(REPLACE ">" "$<ANGLE-R>" _flags "${_flags}")
  target_compile_options("${target}" PRIVATE
    "$<$<COMPILE_LANGUAGE:CXX>:${_flags}>")

  # Recompile (= re-lint) the target's sources when the plugin (new or changed
  # checks) or the options file changes; in this build tree that also makes
  # the plugin exist before the first compile that loads it.
  list(APPEND _depends "${_plugin}")
  if(TARGET asyncdrop_plugin)
    add_dependencies("${target}" asyncdrop_plugin)
  endif()
  get_target_property(_sources "${target}" SOURCES)
  get_target_property(_source_dir "${target}" SOURCE_DIR)
  foreach(_source IN LISTS _sources)
    if(_source MATCHES "\\$<" OR NOT _source MATCHES "\\.(cc|cp|cxx|cpp|CPP|c\\+\\+|C|ixx|cppm)$")
      continue()
    endif()
    get_filename_component(_source "${_source}" ABSOLUTE BASE_DIR "${_source_dir}")
    set_property(SOURCE "${_source}" TARGET_DIRECTORY "${target}" APPEND
      PROPERTY OBJECT_DEPENDS "${_depends}")
  endforeach()
endfunction()
