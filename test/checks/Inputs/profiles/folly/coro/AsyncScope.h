// Stand-in for <folly/coro/AsyncScope.h>, from folly's documentation:
// add() starts work; joinAsync() (or cleanup(), which for the cancellable
// scope requests cancellation first) is a Task that must have completed
// before the destructor, which checks it once anything was added. Neither
// copyable nor movable.
#pragma once
#include "../../standin_coroutine.hpp"
#include <cstddef>

namespace folly::coro {
template <class T = void> using Task = standin::task<T>;
template <class Awaitable> void blockingWait(Awaitable &&awaitable);

class AsyncScope {
public:
  AsyncScope() noexcept;
  ~AsyncScope(); // checks that the scope was joined if work was added
  AsyncScope(AsyncScope &&) = delete;
  template <class Awaitable> void add(Awaitable &&work);
  Task<void> joinAsync() noexcept;
  Task<void> cleanup() noexcept;
  std::size_t remaining() const noexcept;
};

class CancellableAsyncScope {
public:
  CancellableAsyncScope() noexcept;
  ~CancellableAsyncScope();
  CancellableAsyncScope(CancellableAsyncScope &&) = delete;
  template <class Awaitable> void add(Awaitable &&work);
  Task<void> joinAsync() noexcept;
  Task<void> cleanup() noexcept;
  void requestCancellation() const noexcept;
  bool isScopeCancellationRequested() const noexcept;
};
} // namespace folly::coro
