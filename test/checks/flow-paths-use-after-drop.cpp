// use-after-async-drop follows the same pruned paths: a use guarded by
// `!g.is_dropped()`, or on the branch of a value that ruled the drop out,
// is no use after a drop.
// RUN: %check_asyncdrop_tidy %s asyncdrop-use-after-async-drop %t

#include "Inputs/flow-common.h"

namespace app {

// ---- negatives ----

Task<void> use_unless_dropped() {
  auto conn = connect();
  if (cond())
    co_await conn.async_drop();
  if (!conn.is_dropped())
    conn->send(1);
  co_await conn.async_drop();
}

Task<int> ternary() {
  auto conn = connect();
  if (cond())
    co_await conn.async_drop();
  int v = conn.is_dropped() ? 0 : conn->id();
  co_await conn.async_drop();
  co_return v;
}

Task<void> return_when_dropped(AsyncDropGuard<Conn> &conn) {
  if (conn.is_dropped())
    co_return;
  conn->send(2);
}

Task<void> loop_while_open() {
  auto conn = connect();
  while (!conn.is_dropped()) {
    conn->send(3);
    if (cond())
      co_await conn.async_drop();
  }
}

Task<void> correlated(bool closing) {
  auto conn = connect();
  if (closing)
    co_await conn.async_drop();
  if (!closing)
    conn->send(4);
  co_await conn.async_drop();
}

void in_a_lambda() {
  auto run = [](bool closing) -> Task<void> {
    auto conn = connect();
    if (closing)
      co_await conn.async_drop();
    if (!closing && !conn.is_dropped())
      conn->send(5);
    co_await conn.async_drop();
  };
  (void)run;
}

// ---- positives ----

Task<void> wrong_test() {
  auto conn = connect();
  if (cond())
    co_await conn.async_drop();
  if (conn.is_dropped())
    conn->send(6);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'conn' is used after it was dropped [asyncdrop-use-after-async-drop]
  co_await conn.async_drop();
}

Task<void> value_changes(bool closing) {
  auto conn = connect();
  bool open = !closing;
  if (!open)
    co_await conn.async_drop();
  open = cond();
  if (open)
    conn->send(7);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'conn' is used after it was dropped
  co_await conn.async_drop();
}

}  // namespace app
