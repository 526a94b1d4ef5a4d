// Stand-in for <seastar/core/future.hh>: a future that coroutines return
// (through a std::coroutine_traits specialization, as seastar does) and
// that a seastar thread waits for with get().
#pragma once
#include <coroutine>

namespace seastar {
template <class T = void> class future {
public:
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
  void get();
  template <class F> future<> finally(F &&f);
};
inline future<> make_ready_future() { return {}; }
} // namespace seastar

template <class... Args> struct std::coroutine_traits<seastar::future<>, Args...> {
  struct promise_type {
    seastar::future<> get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
};
