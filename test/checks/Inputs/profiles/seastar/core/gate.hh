// Stand-in for <seastar/core/gate.hh>: requests enter() and leave() (or
// hold one, or run in with_gate()); a gate that was entered must be closed
// (close(), a future) before it is destroyed.
#pragma once
#include "future.hh"
#include <cstddef>

namespace seastar {
class gate {
public:
  class holder {};
  gate() noexcept;
  ~gate(); // asserts that no request is outstanding
  void enter();
  void leave() noexcept;
  holder hold();
  void check() const;
  bool is_closed() const noexcept;
  std::size_t get_count() const noexcept;
  future<> close() noexcept;
};
template <class Func> future<> with_gate(gate &g, Func &&func) {
  g.enter();
  (void)func;
  g.leave();
  return {};
}
} // namespace seastar
