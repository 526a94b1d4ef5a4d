// A single-threaded event loop that stands in for real I/O in the examples:
// `co_await loop.io()` suspends the coroutine the way a socket read would, and
// the loop resumes it later. It lets the examples' cleanups really suspend
// without needing a network.
#pragma once

#include <asyncdrop/asyncdrop.hpp>

#include <coroutine>
#include <cstdio>
#include <deque>
#include <exception>

namespace examples {

class SimLoop {
 public:
  struct IoAwaiter {
    SimLoop& loop;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) { loop.ready_.push_back(h); }
    void await_resume() const noexcept {}
  };

  // One simulated I/O round trip.
  IoAwaiter io() { return IoAwaiter{*this}; }

  // Runs `task` and every coroutine it suspends until it has finished.
  // Exceptions escaping the task end the program, like an unhandled error
  // in a real server's main loop.
  void run(asyncdrop::Task<void> task) {
    bool done = false;
    drive(std::move(task), done);
    while (!done && !ready_.empty()) {
      auto next = ready_.front();
      ready_.pop_front();
      next.resume();
    }
  }

 private:
  // Eagerly started, self-destroying driver for the top-level task.
  struct Detached {
    struct promise_type {
      Detached get_return_object() noexcept { return {}; }
      std::suspend_never initial_suspend() noexcept { return {}; }
      std::suspend_never final_suspend() noexcept { return {}; }
      void return_void() noexcept {}
      void unhandled_exception() noexcept { std::terminate(); }
    };
  };
  static Detached drive(asyncdrop::Task<void> task, bool& done) {
    co_await std::move(task);
    done = true;
  }

  std::deque<std::coroutine_handle<>> ready_;
};

inline SimLoop& loop() {
  static SimLoop instance;
  return instance;
}

}  // namespace examples
