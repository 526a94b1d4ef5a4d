// A system header (-isystem) with guard misuse of every kind the flow checks
// find: nothing in here may be reported, by clang-tidy or by the plugin
// (system-header-scope.test).
#pragma once
#include <asyncdrop/asyncdrop.hpp>

namespace sys {
class Conn {
public:
  int id() const { return 1; }

private:
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

inline asyncdrop::Task<void> leak(bool early) {
  auto c = asyncdrop::make_guard<Conn>();
  if (early)
    co_return; // leaks 'c'
  co_await c.async_drop();
}

inline asyncdrop::Task<int> use_after_drop() {
  auto c = asyncdrop::make_guard<Conn>();
  co_await c.async_drop();
  co_return c->id(); // used after the drop
}

// Instantiated from user code with a user type: the leak is the system
// header's.
template <class T> asyncdrop::Task<void> leak_one() {
  auto g = asyncdrop::make_guard<T>();
  co_return;
}

// Instantiates a user template from inside the system header: what that
// instantiation does wrong is the user's, and is reported.
template <class R> asyncdrop::Task<void> run() { co_await R::run(); }
} // namespace sys
