// Callee summaries do not depend on the order of the functions in the file:
// a chain of helpers that hand a guard on by reference until the last one
// drops it counts as a drop wherever the callers stand, and a caller
// analysed first cannot leave a wrong answer behind for the next one.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop %t

#include "Inputs/flow-common.h"

namespace app {

// ---- callers first, helpers defined after them ----
namespace callers_first {
Task<void> h1(AsyncDropGuard<Conn> &c);
Task<void> h2(AsyncDropGuard<Conn> &c);
Task<void> h3(AsyncDropGuard<Conn> &c);
Task<void> h4(AsyncDropGuard<Conn> &c);
Task<void> h5(AsyncDropGuard<Conn> &c);
Task<void> leaky1(AsyncDropGuard<Conn> &c);

Task<void> through_the_chain() {
  auto conn = connect();
  co_await h1(conn);
}
// The deepest helpers, asked for directly after the chain above was
// followed from its top.
Task<void> from_the_middle() {
  auto conn = connect();
  co_await h4(conn);
}
Task<void> through_a_leaky_chain() {
  auto conn = connect();
  co_await leaky1(conn);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]

Task<void> h1(AsyncDropGuard<Conn> &c) { co_await h2(c); }
Task<void> h2(AsyncDropGuard<Conn> &c) { co_await h3(c); }
Task<void> h3(AsyncDropGuard<Conn> &c) { co_await h4(c); }
Task<void> h4(AsyncDropGuard<Conn> &c) { co_await h5(c); }
Task<void> h5(AsyncDropGuard<Conn> &c) { co_await c.async_drop(); }
Task<void> leaky5(AsyncDropGuard<Conn> &c) { log(c->id()); co_return; }
Task<void> leaky4(AsyncDropGuard<Conn> &c) { co_await leaky5(c); }
Task<void> leaky3(AsyncDropGuard<Conn> &c) { co_await leaky4(c); }
Task<void> leaky2(AsyncDropGuard<Conn> &c) { co_await leaky3(c); }
Task<void> leaky1(AsyncDropGuard<Conn> &c) { co_await leaky2(c); }
} // namespace callers_first

// ---- helpers first ----
namespace helpers_first {
Task<void> h5(AsyncDropGuard<Conn> &c) { co_await c.async_drop(); }
Task<void> h4(AsyncDropGuard<Conn> &c) { co_await h5(c); }
Task<void> h3(AsyncDropGuard<Conn> &c) { co_await h4(c); }
Task<void> h2(AsyncDropGuard<Conn> &c) { co_await h3(c); }
Task<void> h1(AsyncDropGuard<Conn> &c) { co_await h2(c); }
Task<void> leaky5(AsyncDropGuard<Conn> &c) { log(c->id()); co_return; }
Task<void> leaky4(AsyncDropGuard<Conn> &c) { co_await leaky5(c); }
Task<void> leaky3(AsyncDropGuard<Conn> &c) { co_await leaky4(c); }
Task<void> leaky2(AsyncDropGuard<Conn> &c) { co_await leaky3(c); }
Task<void> leaky1(AsyncDropGuard<Conn> &c) { co_await leaky2(c); }

Task<void> from_the_middle() {
  auto conn = connect();
  co_await h4(conn);
}
Task<void> through_the_chain() {
  auto conn = connect();
  co_await h1(conn);
}
Task<void> through_a_leaky_chain() {
  auto conn = connect();
  co_await leaky1(conn);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path
} // namespace helpers_first

// ---- recursion: a helper that may call itself ----
namespace recursion {
Task<void> retry(AsyncDropGuard<Conn> &c, int n);
Task<void> retry(AsyncDropGuard<Conn> &c, int n) {
  if (n > 0 && cond()) {
    co_await retry(c, n - 1);
    co_return;
  }
  co_await c.async_drop();
}
// Whether retry() drops on every path depends on itself: assumed not
// (precision first: the caller keeps the guard and is told nothing wrong
// only when it drops it itself).
Task<void> caller_drops_too() {
  auto conn = connect();
  co_await retry(conn, 3);
  if (!conn.is_dropped())
    co_await conn.async_drop();
}
} // namespace recursion

}  // namespace app
