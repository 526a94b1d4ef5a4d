// Opt-in creation backtraces: with the environment variable
// ASYNCDROP_BACKTRACE=1, a forgotten-drop or use-after-drop report also names
// the callers of the function that created the guard (for a factory such as
// `static AsyncDropGuard<Conn> open()`, the line that called the factory) and,
// for a use after drop, the line of the access.
//
// The runtime stays header-only: this header holds only the hook.  The stack
// is captured and symbolised by the asyncdrop::backtrace library
// (runtime/src/backtrace.cpp, Boost.Stacktrace), which installs itself in the
// hook when it is linked in.  Without the library, or without the variable,
// nothing is captured: a guard's creation reads one cached flag (the variable
// is read once per process) and allocates nothing extra.
#pragma once

#include <atomic>
#include <cstdlib>
#include <source_location>
#include <string>
#include <string_view>

namespace asyncdrop::detail {

// A captured creation stack, owned by the backtrace library.  Traces are
// interned and never freed, so a dropped or moved-from guard may keep a
// pointer to the trace of the value it held.  At least 4-byte aligned (the
// guard keeps two flag bits next to the pointer).
struct creation_trace;

// What the backtrace library provides.  Every function appends whole lines,
// each starting with "asyncdrop:   ", and never throws.
struct backtrace_provider {
  // The current stack, or nullptr if it cannot be captured.
  const creation_trace* (*capture)() noexcept;
  // "called from <file>:<line> (in <function>)" lines for the frames of
  // `trace` from the first one outside the function that created the guard
  // (the function containing `where`).
  void (*append_callers)(const creation_trace* trace, std::source_location where,
                         std::string& out) noexcept;
  // "accessed at <file>:<line> (in <function>)" for the first frame of the
  // current stack outside the runtime.
  void (*append_access_site)(std::string& out) noexcept;
};

// Set by the backtrace library (during static initialisation); one instance
// per program although the runtime is header-only.
inline std::atomic<const backtrace_provider*> installed_backtrace_provider{nullptr};

// This header's own path: the backtrace library treats frames in this
// directory as the runtime's and skips them.
inline constexpr std::string_view runtime_header_file = __FILE__;

// ASYNCDROP_BACKTRACE=1, read once (the first time a guard is created or a
// report is made) and cached for the life of the process.
inline bool backtrace_requested() noexcept {
  static const bool requested = [] {
    const char* value = std::getenv("ASYNCDROP_BACKTRACE");
    return value != nullptr && std::string_view(value) == "1";
  }();
  return requested;
}

// Called where a guard (or a helper's handle) is created.
inline const creation_trace* capture_creation_trace() noexcept {
  if (!backtrace_requested()) [[likely]]
    return nullptr;
  const backtrace_provider* provider = installed_backtrace_provider.load(std::memory_order_acquire);
  return provider != nullptr ? provider->capture() : nullptr;
}

// The report's backtrace lines ("" when not requested: no allocation then).
inline std::string describe_backtrace(const creation_trace* trace, std::source_location where,
                                      bool with_access_site) noexcept {
  std::string out;
  if (!backtrace_requested()) return out;
  try {
    const backtrace_provider* provider =
        installed_backtrace_provider.load(std::memory_order_acquire);
    if (provider == nullptr) {
      out =
          "asyncdrop:   (no backtrace: ASYNCDROP_BACKTRACE=1 needs the program linked with "
          "asyncdrop::backtrace)\n";
      return out;
    }
    if (trace != nullptr) provider->append_callers(trace, where, out);
    if (with_access_site) provider->append_access_site(out);
  } catch (...) {
    // Out of memory while reporting: report without the backtrace.
  }
  return out;
}

}  // namespace asyncdrop::detail
