// drop_all(a, b, ...): drop independent owners concurrently (pattern rule 6).
//
//   co_await asyncdrop::drop_all(cache, socket, logger);
//
// Every cleanup is started before drop_all waits for any of them, so cleanups
// that suspend (network round trips, flushes) overlap instead of running one
// after the other; cleanups that complete synchronously simply run in
// argument order.  drop_all completes when all of them have completed, then
// rethrows the first failure in argument order and hands every further
// failure to the cleanup-error handler.  A failing cleanup never stops the
// others: each one still counts as dropped (see AsyncDropGuard::async_drop).
//
// Works with anything that has an `async_drop()` member returning an
// awaitable, so different guard types (and other owners with the same
// interface) can be mixed in one call.
#pragma once

#include <array>
#include <atomic>
#include <coroutine>
#include <cstddef>
#include <exception>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "asyncdrop/annotations.hpp"
#include "asyncdrop/awaitable_traits.hpp"
#include "asyncdrop/handlers.hpp"
#include "asyncdrop/task.hpp"
#include "asyncdrop/type_name.hpp"

namespace asyncdrop {

namespace detail {

template <class G>
concept has_async_drop = requires(G& owner) {
  { owner.async_drop() } -> Awaitable;
};

// A named concept rather than a fold expression in drop_all's requires
// clause: an overload for another coroutine family (asio.hpp) adds its own
// requirement to this one and is then the more constrained, i.e. chosen.
template <class... G>
concept all_have_async_drop = (has_async_drop<G> && ...);

// For reports: the guarded type when the owner says what it is, else the
// owner's own type.
template <class G>
constexpr std::string_view owner_type_name() noexcept {
  if constexpr (requires { typename G::element_type; }) {
    return type_name<typename G::element_type>();
  } else {
    return type_name<G>();
  }
}

// Counts the cleanups still running, plus one held by the starter so that
// the awaiter cannot be resumed while cleanups are still being started.  The
// last one to arrive resumes the awaiter.  Cleanups may finish on any thread:
// the acq_rel decrements make every cleanup's result visible to the last one.
class drop_all_state {
 public:
  explicit drop_all_state(std::size_t cleanups) noexcept : remaining_(cleanups + 1) {}

  void set_continuation(std::coroutine_handle<> awaiting) noexcept { continuation_ = awaiting; }
  bool arrive() noexcept { return remaining_.fetch_sub(1, std::memory_order_acq_rel) == 1; }
  std::coroutine_handle<> continuation() const noexcept { return continuation_; }

 private:
  std::atomic<std::size_t> remaining_;
  std::coroutine_handle<> continuation_;
};

// One cleanup in flight: a coroutine that awaits `owner.async_drop()`, keeps
// its exception, and reports to the shared state when done.
class drop_all_driver {
 public:
  class promise_type {
   public:
    drop_all_driver get_return_object() noexcept {
      return drop_all_driver(std::coroutine_handle<promise_type>::from_promise(*this));
    }
    std::suspend_always initial_suspend() const noexcept { return {}; }
    auto final_suspend() const noexcept {
      struct final_awaiter {
        bool await_ready() const noexcept { return false; }
        std::coroutine_handle<> await_suspend(
            std::coroutine_handle<promise_type> self) const noexcept {
          drop_all_state& state = *self.promise().state_;
          return state.arrive() ? state.continuation() : std::noop_coroutine();
        }
        void await_resume() const noexcept {}
      };
      return final_awaiter{};
    }
    void return_void() const noexcept {}
    // The cleanup's exception is kept for drop_all to sort out once every
    // cleanup has finished.
    void unhandled_exception() noexcept { error_ = std::current_exception(); }

   private:
    friend class drop_all_driver;
    drop_all_state* state_ = nullptr;
    std::exception_ptr error_;
  };

  drop_all_driver(drop_all_driver&& other) noexcept
      : handle_(std::exchange(other.handle_, nullptr)) {}
  drop_all_driver& operator=(drop_all_driver&&) = delete;
  ~drop_all_driver() {
    if (handle_) handle_.destroy();
  }

  // Runs the cleanup until it first suspends or finishes.
  void start(drop_all_state& state) {
    handle_.promise().state_ = &state;
    handle_.resume();
  }
  const std::exception_ptr& error() const noexcept { return handle_.promise().error_; }

 private:
  explicit drop_all_driver(std::coroutine_handle<promise_type> h) noexcept : handle_(h) {}
  std::coroutine_handle<promise_type> handle_;
};

template <class G>
drop_all_driver drop_one(G& owner) {
  co_await owner.async_drop();
}

// Starts every driver, then suspends until the last one has finished.
class drop_all_awaiter {
 public:
  explicit drop_all_awaiter(std::span<drop_all_driver> drivers) noexcept
      : drivers_(drivers), state_(drivers.size()) {}

  bool await_ready() const noexcept { return drivers_.empty(); }
  // Returns false (do not suspend) when every cleanup already finished
  // synchronously, so a loop of drop_all calls does not nest stack frames.
  bool await_suspend(std::coroutine_handle<> awaiting) noexcept {
    state_.set_continuation(awaiting);
    for (drop_all_driver& driver : drivers_) driver.start(state_);
    return !state_.arrive();
  }
  void await_resume() const noexcept {}

 private:
  std::span<drop_all_driver> drivers_;
  drop_all_state state_;
};

// The failure policy shared by drop_all and the helpers that drop many values
// at once: the first failure in order is returned (for the caller to
// rethrow), every later one goes to the cleanup-error handler.
template <class NameOf>
std::exception_ptr first_failure_reporting_the_rest(std::span<const drop_all_driver> drivers,
                                                    NameOf name_of, std::string_view context) {
  std::exception_ptr first;
  for (std::size_t i = 0; i < drivers.size(); ++i) {
    if (!drivers[i].error()) continue;
    if (!first) {
      first = drivers[i].error();
    } else {
      report_cleanup_error(drivers[i].error(), name_of(i), context);
    }
  }
  return first;
}

// drop_all over a run-time number of owners of one type (AsyncDropHashMap's
// values): all cleanups are started before any is waited for.
template <class G>
  requires has_async_drop<G>
Task<void> drop_range(std::span<G> owners, std::string_view context) {
  std::vector<drop_all_driver> drivers;
  drivers.reserve(owners.size());
  for (G& owner : owners) drivers.push_back(drop_one(owner));
  co_await drop_all_awaiter(drivers);
  std::exception_ptr first = first_failure_reporting_the_rest(
      drivers, [](std::size_t) { return owner_type_name<G>(); }, context);
  if (first) std::rethrow_exception(first);
}

}  // namespace detail

// Drops every argument concurrently; see the top of this header.  The
// arguments are taken by lvalue reference and are all dropped on every path
// (ASYNCDROP_DROPS), so -Wconsumed considers them consumed afterwards.
template <class... G>
  requires detail::all_have_async_drop<G...>
Task<void> drop_all(ASYNCDROP_DROPS G&... owners) {
  if constexpr (sizeof...(G) != 0) {
    std::array<detail::drop_all_driver, sizeof...(G)> drivers{detail::drop_one(owners)...};
    co_await detail::drop_all_awaiter(drivers);
    static constexpr std::array<std::string_view, sizeof...(G)> names{
        detail::owner_type_name<G>()...};
    std::exception_ptr first = detail::first_failure_reporting_the_rest(
        drivers, [](std::size_t i) { return names[i]; },
        "drop_all: an earlier argument's cleanup failed too; that exception is propagated");
    if (first) std::rethrow_exception(first);
  } else {
    co_return;
  }
}

}  // namespace asyncdrop
