// Stand-in for <seastar/core/sharded.hh>: a sharded service that was
// started must be stopped (stop(), a future) before it is destroyed.
// Neither copyable nor movable.
#pragma once
#include "future.hh"

namespace seastar {
template <class Service> class sharded {
public:
  sharded() noexcept;
  ~sharded(); // asserts that a started service was stopped
  sharded(sharded &&) = delete;
  template <class... Args> future<> start(Args &&...args);
  future<> stop() noexcept;
  template <class Func> future<> invoke_on_all(Func &&func) {
    (void)func;
    return {};
  }
};
} // namespace seastar
