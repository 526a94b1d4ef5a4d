// Stand-in for libunifex's <unifex/async_scope.hpp> (v1), from its
// documentation: unifex::async_scope is a using-declaration of a class in a
// detail namespace; spawn*/attach* start work; cleanup() (request stop,
// then wait) or complete() (wait) is a sender that must have completed
// before the destructor, which asserts so whether or not work was spawned.
// Neither copyable nor movable.
#pragma once
#include "../standin_coroutine.hpp"

namespace unifex {
template <class T = void> using task = standin::task<T>;
struct _just_sender : standin::awaitable_sender {};
inline _just_sender just() noexcept { return {}; }
template <class Sender> void sync_wait(Sender &&sndr);

namespace _async_scope {
struct _cleanup_sender : standin::awaitable_sender {};
class async_scope {
public:
  async_scope() noexcept;
  ~async_scope(); // asserts that cleanup() or complete() ran
  async_scope(async_scope &&) = delete;
  template <class Sender> void spawn(Sender &&sndr);
  template <class Scheduler, class Sender>
  void spawn_on(Scheduler &&sched, Sender &&sndr);
  template <class Sender> standin::awaitable_sender attach(Sender &&sndr);
  [[nodiscard]] _cleanup_sender cleanup() noexcept;
  [[nodiscard]] _cleanup_sender complete() noexcept;
  void request_stop() noexcept;
};
} // namespace _async_scope
using _async_scope::async_scope;
} // namespace unifex
