// The process-wide hooks through which the runtime reports mistakes it can
// only see at run time:
//  * the forgotten-drop handler: a guard was destroyed (or assigned over)
//    while it still owned a value that was never dropped;
//  * the use-after-drop handler: a guard (or a helper's handle) was
//    dereferenced after it was dropped or moved from;
//  * the cleanup-error handler: a cleanup threw while another exception was
//    already on its way (or where nobody can receive it), so it would be lost.
//
// Handlers are plain function pointers kept in atomics: setting one is
// thread-safe, calling one allocates nothing, and a handler can be installed
// before main() without static-initialisation-order worries.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <source_location>
#include <string>
#include <string_view>
#include <utility>

#include "asyncdrop/backtrace.hpp"

namespace asyncdrop {

struct ForgottenDropInfo {
  std::string_view type_name;  // e.g. "Conn", "ns::Conn"
  std::string_view file;       // where the guard was created, in user code
  std::uint_least32_t line;
  // std::uncaught_exceptions() grew since the guard was created: the guard is
  // being destroyed by an exception unwinding its scope.  Aborting then would
  // turn a recoverable error into a crash, so the default handler only prints.
  bool unwinding;
  // With ASYNCDROP_BACKTRACE=1 (backtrace.hpp): lines naming the callers of
  // the function that created the guard, each ending in '\n'.  Else "".
  std::string_view backtrace;
};

// Called from destructors: must not throw (std::terminate if it does).
using ForgottenDropHandler = void (*)(const ForgottenDropInfo&);

struct UseAfterDropInfo {
  std::string_view type_name;  // the guarded type, or the helper ("asyncdrop::AsyncDropArc<Conn>")
  std::string_view file;       // where the guard (handle) was created, in user code
  std::uint_least32_t line;
  bool moved_from;  // moved from (or released); false: dropped
  // With ASYNCDROP_BACKTRACE=1: the creation's callers and the access site,
  // one line each.  Else "".
  std::string_view backtrace;
};

// Called from the accessors (noexcept): must not throw.  An access cannot go
// on without a value, so the runtime aborts when the handler returns.
using UseAfterDropHandler = void (*)(const UseAfterDropInfo&);

struct CleanupErrorInfo {
  std::exception_ptr error;    // the exception the cleanup threw
  std::string_view type_name;  // what was being cleaned up ("" if unknown)
  std::string_view context;    // why it could not be delivered
};

// May be called from destructors (SyncDrop): must not throw.
using CleanupErrorHandler = void (*)(const CleanupErrorInfo&);

// Prints "asyncdrop: forgot to call async_drop() on <type> created at
// <file>:<line>" (and the backtrace lines, if any) to stderr, then aborts
// unless the stack is being unwound.
inline void default_forgotten_drop_handler(const ForgottenDropInfo& info) noexcept {
  std::fprintf(stderr, "asyncdrop: forgot to call async_drop() on %.*s created at %.*s:%lu\n",
               static_cast<int>(info.type_name.size()), info.type_name.data(),
               static_cast<int>(info.file.size()), info.file.data(),
               static_cast<unsigned long>(info.line));
  std::fwrite(info.backtrace.data(), 1, info.backtrace.size(), stderr);
  if (info.unwinding) {
    std::fputs("asyncdrop: (the guard was destroyed during stack unwinding: not aborting)\n",
               stderr);
    return;
  }
  std::fflush(stderr);
  std::abort();
}

// Prints "asyncdrop: use after async_drop() of <type> created at <file>:<line>"
// (or "use of a moved-from guard of ...", and the backtrace lines, if any) to
// stderr, then aborts.
inline void default_use_after_drop_handler(const UseAfterDropInfo& info) noexcept {
  std::fprintf(stderr, "asyncdrop: %s %.*s created at %.*s:%lu\n",
               info.moved_from ? "use of a moved-from guard of" : "use after async_drop() of",
               static_cast<int>(info.type_name.size()), info.type_name.data(),
               static_cast<int>(info.file.size()), info.file.data(),
               static_cast<unsigned long>(info.line));
  std::fwrite(info.backtrace.data(), 1, info.backtrace.size(), stderr);
  std::fflush(stderr);
  std::abort();
}

// Prints the exception's what() (if it is a std::exception) to stderr.
inline void default_cleanup_error_handler(const CleanupErrorInfo& info) noexcept {
  std::string_view what = "unknown exception";
  try {
    if (info.error) std::rethrow_exception(info.error);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
  }
  std::fprintf(stderr, "asyncdrop: cleanup of %.*s failed (%.*s): %.*s\n",
               static_cast<int>(info.type_name.size()), info.type_name.data(),
               static_cast<int>(info.context.size()), info.context.data(),
               static_cast<int>(what.size()), what.data());
}

namespace detail {
// Inline variables: one instance per program even though the library is
// header-only.  nullptr means "the default".
inline std::atomic<ForgottenDropHandler> forgotten_drop_handler{nullptr};
inline std::atomic<UseAfterDropHandler> use_after_drop_handler{nullptr};
inline std::atomic<CleanupErrorHandler> cleanup_error_handler{nullptr};
}  // namespace detail

// Installs `handler` (nullptr restores the default) and returns the previous
// one, so a test can restore it.
inline ForgottenDropHandler set_forgotten_drop_handler(ForgottenDropHandler handler) noexcept {
  ForgottenDropHandler previous = detail::forgotten_drop_handler.exchange(handler);
  return previous ? previous : &default_forgotten_drop_handler;
}

inline UseAfterDropHandler set_use_after_drop_handler(UseAfterDropHandler handler) noexcept {
  UseAfterDropHandler previous = detail::use_after_drop_handler.exchange(handler);
  return previous ? previous : &default_use_after_drop_handler;
}

inline CleanupErrorHandler set_cleanup_error_handler(CleanupErrorHandler handler) noexcept {
  CleanupErrorHandler previous = detail::cleanup_error_handler.exchange(handler);
  return previous ? previous : &default_cleanup_error_handler;
}

namespace detail {

inline void report_forgotten_drop(const ForgottenDropInfo& info) noexcept {
  ForgottenDropHandler handler = forgotten_drop_handler.load();
  (handler ? handler : &default_forgotten_drop_handler)(info);
}

// Out of line and cold: the accessors that call it stay a test and a branch.
[[noreturn, gnu::cold, gnu::noinline]] inline void report_use_after_drop(
    std::string_view type_name, std::source_location where, bool moved_from,
    const creation_trace* trace) noexcept {
  std::string backtrace = describe_backtrace(trace, where, /*with_access_site=*/true);
  UseAfterDropHandler handler = use_after_drop_handler.load();
  (handler ? handler : &default_use_after_drop_handler)(
      UseAfterDropInfo{type_name, where.file_name(), where.line(), moved_from, backtrace});
  std::abort();
}

inline void report_cleanup_error(std::exception_ptr error, std::string_view type_name,
                                 std::string_view context) noexcept {
  CleanupErrorHandler handler = cleanup_error_handler.load();
  (handler ? handler : &default_cleanup_error_handler)(
      CleanupErrorInfo{std::move(error), type_name, context});
}

}  // namespace detail

}  // namespace asyncdrop
