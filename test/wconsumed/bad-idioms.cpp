// Stock clang -Wconsumed, fed by the runtime's typestate attributes, reports
// these misuses of AsyncDropGuard without any project tooling.
//
// RUN: %clangxx %asyncdrop_cxxflags -fsyntax-only -Wconsumed -Xclang -verify %s

#include <asyncdrop/asyncdrop.hpp>

using asyncdrop::AsyncDropGuard;
using asyncdrop::make_guard;
using asyncdrop::Task;

class Conn {
 public:
  int fd() const { return fd_; }
  Task<void> send(int) { co_return; }

 private:
  friend class asyncdrop::access;
  explicit Conn(int fd) : fd_(fd) {}
  Task<void> async_drop_impl() { co_return; }
  int fd_;
};

bool failed();

// ---- forgotten drops ------------------------------------------------------

Task<void> never_dropped() {
  auto conn = make_guard<Conn>(1);
  co_await conn->send(1);
} // expected-warning {{invalid invocation of method '~AsyncDropGuard' on object 'conn' while it is in the 'unconsumed' state}}

void early_return() {
  auto conn = make_guard<Conn>(1);
  if (failed())
    return; // expected-warning {{invalid invocation of method '~AsyncDropGuard' on object 'conn' while it is in the 'unconsumed' state}}
  (void)asyncdrop::sync_wait(conn.async_drop());
}

Task<void> early_co_return() {
  auto conn = make_guard<Conn>(1);
  if (failed())
    co_return; // expected-warning {{invalid invocation of method '~AsyncDropGuard' on object 'conn' while it is in the 'unconsumed' state}}
  co_await conn.async_drop();
}

Task<int> early_co_return_value() {
  auto conn = make_guard<Conn>(1);
  if (failed())
    co_return -1; // expected-warning {{invalid invocation of method '~AsyncDropGuard' on object 'conn' while it is in the 'unconsumed' state}}
  co_await conn.async_drop();
  co_return 0;
}

Task<void> break_out_of_loop() {
  for (int i = 0; i < 3; ++i) {
    auto conn = make_guard<Conn>(i);
    if (failed())
      break; // expected-warning {{invalid invocation of method '~AsyncDropGuard' on object 'conn' while it is in the 'unconsumed' state}}
    co_await conn.async_drop();
  }
}

Task<void> continue_in_loop() {
  for (int i = 0; i < 3; ++i) {
    auto conn = make_guard<Conn>(i);
    if (failed())
      continue; // expected-warning {{invalid invocation of method '~AsyncDropGuard' on object 'conn' while it is in the 'unconsumed' state}}
    co_await conn.async_drop();
  }
}

// ---- rule 2: a drop task that is not awaited --------------------------------

// The typestate analysis takes the call for a drop; [[nodiscard]] on Task
// catches it instead.
Task<void> drop_not_awaited() {
  auto conn = make_guard<Conn>(1);
  conn.async_drop(); // expected-warning {{ignoring return value of function declared with 'nodiscard' attribute}}
  co_return;
}

void discarded_guard() {
  make_guard<Conn>(1); // expected-warning {{ignoring return value of function declared with 'nodiscard' attribute}}
  // expected-warning@-1 {{invalid invocation of method '~AsyncDropGuard' on a temporary object while it is in the 'unconsumed' state}}
}

// ---- rule 3: use after drop --------------------------------------------------

Task<void> deref_after_drop() {
  auto conn = make_guard<Conn>(1);
  co_await conn.async_drop();
  (void)(*conn).fd(); // expected-warning {{invalid invocation of method 'operator*' on object 'conn' while it is in the 'consumed' state}}
}

Task<void> arrow_after_drop() {
  auto conn = make_guard<Conn>(1);
  co_await conn.async_drop();
  co_await conn->send(2); // expected-warning {{invalid invocation of method 'operator->' on object 'conn' while it is in the 'consumed' state}}
}

Task<void> get_after_drop() {
  auto conn = make_guard<Conn>(1);
  co_await conn.async_drop();
  Conn* raw = conn.get(); // expected-warning {{invalid invocation of method 'get' on object 'conn' while it is in the 'consumed' state}}
  (void)raw;
}

Task<void> use_after_move() {
  auto conn = make_guard<Conn>(1);
  auto owner = std::move(conn);
  (void)conn->fd(); // expected-warning {{invalid invocation of method 'operator->' on object 'conn' while it is in the 'consumed' state}}
  co_await owner.async_drop();
}

Task<void> close(ASYNCDROP_DROPS AsyncDropGuard<Conn>& conn) { co_await conn.async_drop(); }

Task<void> use_after_helper_dropped_it() {
  auto conn = make_guard<Conn>(1);
  co_await close(conn);
  (void)conn->fd(); // expected-warning {{invalid invocation of method 'operator->' on object 'conn' while it is in the 'consumed' state}}
}

Task<void> use_after_drop_all() {
  auto a = make_guard<Conn>(1);
  auto b = make_guard<Conn>(2);
  co_await asyncdrop::drop_all(a, b);
  (void)b->fd(); // expected-warning {{invalid invocation of method 'operator->' on object 'b' while it is in the 'consumed' state}}
}

// ---- assigning over a live guard ------------------------------------------------

Task<void> assign_over_undropped() {
  auto conn = make_guard<Conn>(1);
  conn = make_guard<Conn>(2); // expected-warning {{invalid invocation of method 'operator=' on object 'conn' while it is in the 'unconsumed' state}}
  co_await conn.async_drop();
}

// ---- ASYNCDROP_DROPS on a function that does not drop -----------------------
// (checked for plain functions; clang skips the check in coroutines)

void forgets_to_drop(ASYNCDROP_DROPS AsyncDropGuard<Conn>& conn) { // expected-warning {{parameter 'conn' not in expected state when the function returns: expected 'consumed', observed 'unknown'}}
  (void)conn->fd();
}
