// Stand-in for <cppcoro/async_scope.hpp>, from cppcoro's documentation: a
// scope that work is spawned into and that must be joined (`co_await
// scope.join()`) before it is destroyed; it can be neither copied nor moved.
#pragma once
#include "../standin_coroutine.hpp"

namespace cppcoro {
template <class T = void> using task = standin::task<T>;

class async_scope {
public:
  async_scope() noexcept;
  ~async_scope(); // asserts that join() completed
  async_scope(const async_scope &) = delete;
  async_scope &operator=(const async_scope &) = delete;

  template <class Awaitable> void spawn(Awaitable &&work);

  class join_awaiter {
  public:
    bool await_ready() const noexcept;
    void await_suspend(std::coroutine_handle<>) noexcept;
    void await_resume() noexcept;
  };
  [[nodiscard]] join_awaiter join() noexcept;
};

template <class Awaitable> void sync_wait(Awaitable &&awaitable);
} // namespace cppcoro
