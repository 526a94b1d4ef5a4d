// Stand-in headers for the profile tests (test/checks/profile-*.cpp): a
// minimal eager coroutine return type the libraries' own task types are
// modelled on. Written for these tests; only the shapes the checks look at
// (a promise_type, awaitability) matter.
#pragma once
#include <coroutine>

namespace standin {
template <class T = void> class task {
public:
  struct promise_type {
    task get_return_object() noexcept { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

// A sender that can also be awaited directly (the libraries' coroutine
// types make their senders awaitable through await_transform).
struct awaitable_sender {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
} // namespace standin
