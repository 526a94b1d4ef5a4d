// Stand-in for stdexec's <exec/async_scope.hpp>, from its documentation:
// exec::async_scope is a using-declaration of a class in a detail namespace;
// spawn/spawn_future/nest start work; on_empty() and when_empty(sndr) are
// senders completing once no work is left; the scope stays usable after
// them; an unused scope may be destroyed. Neither copyable nor movable.
#pragma once
#include "../stdexec/execution.hpp"

namespace exec {
namespace __scope {
struct __on_empty_sender : standin::awaitable_sender {};
struct __future_sender : standin::awaitable_sender {};
template <class Sender> struct __nest_sender : standin::awaitable_sender {};

struct async_scope {
  async_scope() noexcept;
  ~async_scope(); // asserts that no work is left
  async_scope(async_scope &&) = delete;

  template <class Sender> void spawn(Sender &&sndr);
  template <class Sender> __future_sender spawn_future(Sender &&sndr);
  template <class Sender> __nest_sender<Sender> nest(Sender &&sndr);
  [[nodiscard]] __on_empty_sender on_empty() const noexcept;
  template <class Sender>
  [[nodiscard]] __on_empty_sender when_empty(Sender &&sndr) const;
  bool request_stop() noexcept;
};
} // namespace __scope
using __scope::async_scope;

template <class T = void> using task = standin::task<T>;
} // namespace exec
