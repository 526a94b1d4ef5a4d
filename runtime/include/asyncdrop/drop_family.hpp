// Drop families: how the helpers (AsyncDropHashMap, CleanupScope, ...) drive
// drops in the coroutine type a value's cleanup is written in.
//
// async_drop_result_traits<R>::family (access.hpp) names the family of a
// value whose async_drop_impl() returns R; drop_family_t<T> is T's.  A family
// provides:
//
//   template <class U> using coroutine;      // Task<U>, asio::awaitable<U>
//   template <class G>
//   static coroutine<void> drop_range(std::span<G> owners, std::string_view context);
//       // drops every owner concurrently (all started before any is waited
//       // for), waits for all, rethrows the first failure in order and
//       // reports the others to the cleanup-error handler with `context`
//   template <class T, class Done>
//   static void start_detached(AsyncDropGuard<T>&& guard, Done done,
//                              const std::any& executor) noexcept;
//       // starts the guard's drop without waiting for it (CleanupScope); calls
//       // done(std::exception_ptr) when it is over; `done` is destroyed
//       // without a call if the drop is abandoned (its executor went away)
//   static void check_scope(const std::any& executor);
//       // throws if start_detached could not run with this executor
//
// This header has the family of Task<void> cleanups; asio.hpp adds the one of
// asio::awaitable<void> cleanups.  The families are what keeps the helpers
// generic: their own async_drop() is written once, as a coroutine of
// drop_coroutine_t<T>, and awaits only the guard's drop or the family's
// functions.
#pragma once

#include <any>
#include <coroutine>
#include <exception>
#include <span>
#include <string_view>
#include <utility>

#include "asyncdrop/drop_all.hpp"
#include "asyncdrop/guard.hpp"
#include "asyncdrop/task.hpp"

namespace asyncdrop::detail {

// A coroutine that starts at once, runs on its own and frees itself at the
// end: the vehicle of a drop that nobody awaits (CleanupScope).  Its body
// catches everything, so unhandled_exception() is unreachable.
class detached_coroutine {
 public:
  struct promise_type {
    detached_coroutine get_return_object() const noexcept { return {}; }
    std::suspend_never initial_suspend() const noexcept { return {}; }
    std::suspend_never final_suspend() const noexcept { return {}; }
    void return_void() const noexcept {}
    [[noreturn]] void unhandled_exception() const noexcept { std::terminate(); }
  };
};

template <class T, class Done>
detached_coroutine drop_detached(AsyncDropGuard<T> guard, Done done) {
  std::exception_ptr error;
  try {
    co_await guard.async_drop();
  } catch (...) {
    error = std::current_exception();
  }
  done(std::move(error));
}

struct task_family {
  template <class U = void>
  using coroutine = Task<U>;

  template <class G>
  static Task<void> drop_range(std::span<G> owners, std::string_view context) {
    return detail::drop_range(owners, context);
  }

  // A Task cleanup needs no executor: it starts right here, on the calling
  // thread, runs until its first suspension and is resumed by whatever it
  // awaits.
  template <class T, class Done>
  static void start_detached(AsyncDropGuard<T>&& guard, Done done, const std::any&) noexcept {
    drop_detached(std::move(guard), std::move(done));
  }

  static void check_scope(const std::any&) noexcept {}
};

}  // namespace asyncdrop::detail
