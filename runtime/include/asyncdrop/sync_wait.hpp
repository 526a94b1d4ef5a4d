// sync_wait(awaitable): block the calling thread until an awaitable finishes,
// then return its result or rethrow its exception.  For main(), tests and
// SyncDrop; never call it from inside an event loop that the awaitable needs
// in order to make progress (it would wait for itself).
#pragma once

#include <condition_variable>
#include <coroutine>
#include <exception>
#include <mutex>
#include <type_traits>
#include <utility>

#include "asyncdrop/awaitable_traits.hpp"
#include "asyncdrop/task.hpp"

namespace asyncdrop {

namespace detail {

// A one-shot event.  A mutex + condition variable rather than a spin or a bare
// atomic: the awaitable may finish on another thread, and the waiter destroys
// the event as soon as wait() returns.  set() notifies while holding the lock,
// so the waiter cannot get past wait() (and destroy the condition variable)
// before notify_one() is done with it; destroying a mutex right after its last
// unlock is explicitly allowed by POSIX.
class sync_wait_event {
 public:
  void set() noexcept {
    std::lock_guard lock(mutex_);
    done_ = true;
    cv_.notify_one();
  }
  void wait() noexcept {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [this] { return done_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
};

// What sync_wait hands back for an awaitable whose co_await yields R: values
// and lvalue references as they are; rvalue references become values, because
// the object they refer to lives in a coroutine frame that is about to go.
template <class R>
using sync_wait_result_t =
    std::conditional_t<std::is_rvalue_reference_v<R>, std::remove_cvref_t<R>, R>;

class sync_wait_promise_base {
 public:
  std::suspend_always initial_suspend() const noexcept { return {}; }
  auto final_suspend() const noexcept {
    struct final_awaiter {
      bool await_ready() const noexcept { return false; }
      // The frame is already suspended here, so the waiter may destroy it as
      // soon as set() lets it run: nothing after set() touches the frame.
      void await_suspend(std::coroutine_handle<>) const noexcept { event->set(); }
      void await_resume() const noexcept {}
      sync_wait_event* event;
    };
    return final_awaiter{event_};
  }
  void start(std::coroutine_handle<> self, sync_wait_event& event) {
    event_ = &event;
    self.resume();
  }

 private:
  sync_wait_event* event_ = nullptr;
};

template <class Promise>
class sync_wait_coroutine {
 public:
  using promise_type = Promise;
  explicit sync_wait_coroutine(std::coroutine_handle<Promise> h) noexcept : handle_(h) {}
  sync_wait_coroutine(sync_wait_coroutine&& other) noexcept
      : handle_(std::exchange(other.handle_, nullptr)) {}
  sync_wait_coroutine& operator=(sync_wait_coroutine&&) = delete;
  ~sync_wait_coroutine() {
    if (handle_) handle_.destroy();
  }
  void run(sync_wait_event& event) { handle_.promise().start(handle_, event); }
  Promise& promise() const noexcept { return handle_.promise(); }

 private:
  std::coroutine_handle<Promise> handle_;
};

template <class R>
class sync_wait_promise final : public sync_wait_promise_base, public result_storage<R> {
 public:
  sync_wait_coroutine<sync_wait_promise> get_return_object() noexcept {
    return sync_wait_coroutine<sync_wait_promise>(
        std::coroutine_handle<sync_wait_promise>::from_promise(*this));
  }
  void unhandled_exception() noexcept { this->set_exception(std::current_exception()); }
  template <class U>
  void return_value(U&& value) {
    this->set_value(std::forward<U>(value));
  }
};

template <>
class sync_wait_promise<void> final : public sync_wait_promise_base, public result_storage<void> {
 public:
  sync_wait_coroutine<sync_wait_promise> get_return_object() noexcept {
    return sync_wait_coroutine<sync_wait_promise>(
        std::coroutine_handle<sync_wait_promise>::from_promise(*this));
  }
  void unhandled_exception() noexcept { this->set_exception(std::current_exception()); }
  void return_void() const noexcept {}
};

// The awaitable is taken by reference: sync_wait's caller is blocked until the
// coroutine is done, so the referent (even a temporary) outlives it.
template <class R, class A>
sync_wait_coroutine<sync_wait_promise<R>> make_sync_wait_coroutine(A&& awaitable) {
  if constexpr (std::is_void_v<R>) {
    co_await static_cast<A&&>(awaitable);
  } else {
    co_return co_await static_cast<A&&>(awaitable);
  }
}

}  // namespace detail

// Runs `awaitable` to completion on the calling thread (or waits for the
// thread it completes on) and returns what `co_await awaitable` would:
// a value, an lvalue reference, or nothing; exceptions are rethrown.
template <Awaitable A>
decltype(auto) sync_wait(A&& awaitable) {
  using result_type = detail::sync_wait_result_t<await_result_t<A>>;
  detail::sync_wait_event event;
  auto coroutine = detail::make_sync_wait_coroutine<result_type>(std::forward<A>(awaitable));
  coroutine.run(event);
  event.wait();
  if constexpr (std::is_void_v<result_type> || std::is_reference_v<result_type>) {
    return coroutine.promise().get();
  } else {
    // A named local (returned by NRVO) rather than a cast: a guard temporary
    // here would be taken for an undropped one by -Wconsumed.
    result_type result = std::move(coroutine.promise()).get();
    return result;
  }
}

}  // namespace asyncdrop
