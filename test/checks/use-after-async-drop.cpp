// Uses of a guard's value on a path after it was dropped.
// RUN: %check_asyncdrop_tidy %s asyncdrop-use-after-async-drop %t

#include "Inputs/flow-common.h"

namespace app {

Task<void> every_kind_of_use() {
  auto conn = connect();
  co_await conn.async_drop();
  conn->send(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'conn' is used after it was dropped [asyncdrop-use-after-async-drop]
  (*conn).send(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:4: warning: guard 'conn' is used after it was dropped
  Conn *raw = conn.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: guard 'conn' is used after it was dropped
  (void)raw;
  auto value = std::move(conn).unsafe_into_inner_dont_drop();
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: guard 'conn' is used after it was dropped
  (void)value;
}

// On some path only ("may", like bugprone-use-after-move).
Task<void> on_one_path() {
  auto conn = connect();
  if (cond())
    co_await conn.async_drop();
  conn->send(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'conn' is used after it was dropped
  co_await conn.async_drop();
}

// In a later loop iteration.
Task<void> next_iteration() {
  auto conn = connect();
  for (int i = 0; i < 3; ++i) {
    conn->send(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'conn' is used after it was dropped
    if (i == 1)
      co_await conn.async_drop();
  }
}

// Dropped by drop_all, by an annotated helper, by a reference parameter.
Task<void> other_drops(AsyncDropGuard<Conn> &param) {
  auto a = connect();
  auto b = connect();
  co_await asyncdrop::drop_all(a, b);
  a->send(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'a' is used after it was dropped
  auto c = connect();
  co_await close(c);
  c->send(5);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'c' is used after it was dropped
  co_await param.async_drop();
  param->send(6);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'param' is used after it was dropped
}

// Through a reference alias.
Task<void> alias() {
  auto conn = connect();
  auto &same = conn;
  co_await same.async_drop();
  conn->send(7);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'conn' is used after it was dropped
}

// Reported once per location, in templates too.
template <class T>
Task<void> generic(AsyncDropGuard<T> guard) {
  co_await guard.async_drop();
  (void)guard.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: guard 'guard' is used after it was dropped
}
void instantiate() {
  (void)generic(connect());
  (void)generic(open_db());
}

// ---- not uses, or not after a drop ---------------------------------------------

Task<void> not_uses() {
  auto conn = connect();
  co_await conn.async_drop();
  if (conn.is_dropped())
    log(0);
  co_await conn.async_drop(); // a second drop is a no-op
  conn = connect();           // re-armed
  conn->send(8);
  co_await conn.async_drop();
}

Task<void> moved_then_reassigned() {
  auto conn = connect();
  co_await conn.async_drop();
  auto other = connect();
  conn = std::move(other);
  conn->send(9);
  co_await conn.async_drop();
}

Task<void> different_paths() {
  auto conn = connect();
  if (cond()) {
    co_await conn.async_drop();
    co_return;
  }
  conn->send(10);
  co_await conn.async_drop();
}

}  // namespace app
