// Shared pieces of the runtime benchmarks: resources whose cleanup completes
// at once or suspends on an Asio timer, and a driver that runs a Task on an
// io_context until it is done.
#pragma once

#include <asyncdrop/asyncdrop.hpp>

#include <asio.hpp>

#include <array>
#include <chrono>
#include <coroutine>
#include <cstddef>
#include <exception>
#include <string>

namespace bench {

// A cleanup that does a little work and completes without suspending.
template <std::size_t Bytes>
class Res {
 public:
  int touch() { return ++data_[0]; }

 private:
  friend class asyncdrop::access;
  Res() = default;
  asyncdrop::Task<void> async_drop_impl() {
    data_[0] = 0;
    co_return;
  }
  std::array<unsigned char, Bytes> data_{};
};

// The same value cleaned up by hand: public constructor, `co_await close()`.
template <std::size_t Bytes>
class ManualRes {
 public:
  ManualRes() = default;
  int touch() { return ++data_[0]; }
  asyncdrop::Task<void> close() {
    data_[0] = 0;
    co_return;
  }

 private:
  std::array<unsigned char, Bytes> data_{};
};

// A value holding a string (a non-trivial member).
class Named {
 public:
  const std::string& name() const { return name_; }

 private:
  friend class asyncdrop::access;
  explicit Named(std::string name) : name_(std::move(name)) {}
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  std::string name_;
};

// Suspends the awaiting coroutine until an Asio timer fires.
class TimerAwaiter {
 public:
  TimerAwaiter(asio::io_context& io, std::chrono::steady_clock::duration d) : timer_(io, d) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    timer_.async_wait([h](const asio::error_code&) { h.resume(); });
  }
  void await_resume() const noexcept {}

 private:
  asio::steady_timer timer_;
};

// A resource whose cleanup is one timer round trip (a network goodbye).
class TimedRes {
 private:
  friend class asyncdrop::access;
  TimedRes(asio::io_context& io, std::chrono::steady_clock::duration latency)
      : io_(io), latency_(latency) {}
  asyncdrop::Task<void> async_drop_impl() { co_await TimerAwaiter(io_, latency_); }
  asio::io_context& io_;
  std::chrono::steady_clock::duration latency_;
};

struct Detached {
  struct promise_type {
    Detached get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }
  };
};

inline Detached drive(asyncdrop::Task<void> task, bool& done) {
  co_await std::move(task);
  done = true;
}

// Runs `task` on `io` until it has finished.
inline void run_on(asio::io_context& io, asyncdrop::Task<void> task) {
  bool done = false;
  io.restart();
  drive(std::move(task), done);
  while (!done && io.run_one() != 0) {
  }
}

}  // namespace bench
