// Paths that cannot happen are not reported: a branch on `g.is_dropped()`
// only continues with the states its outcome allows (gotcha 9 of the pattern
// guide: "drop it if it is not dropped yet"), and two branches on the same
// unmodified value are taken together or not at all.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop %t

#include "Inputs/flow-common.h"

namespace app {

// ---- is_dropped(): negatives ----

Task<void> drop_unless_dropped() {
  auto conn = connect();
  if (cond())
    co_await conn.async_drop();
  if (!conn.is_dropped())
    co_await conn.async_drop();
}

Task<void> early_return_when_dropped(AsyncDropGuard<Conn> conn) {
  if (conn.is_dropped())
    co_return;
  co_await conn.async_drop();
}

Task<void> loop_until_dropped() {
  auto conn = connect();
  while (!conn.is_dropped()) {
    if (cond())
      co_await conn.async_drop();
  }
}

Task<void> with_and() {
  auto conn = connect();
  if (cond())
    co_await conn.async_drop();
  if (!conn.is_dropped() && cond())
    co_await conn.async_drop();
  else if (!conn.is_dropped())
    co_await conn.async_drop();
}

Task<void> with_or() {
  auto conn = connect();
  if (cond())
    co_await conn.async_drop();
  if (conn.is_dropped() || pick() == 2)
    co_return;
  co_await conn.async_drop();
}
// The `|| pick() == 2` edge still reaches the co_return with an owned guard:
// CHECK-MESSAGES: :[[@LINE-4]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]

Task<void> double_negation() {
  auto conn = connect();
  if (cond())
    co_await conn.async_drop();
  if (!!conn.is_dropped())
    co_return;
  co_await conn.async_drop();
}

Task<int> ternary() {
  auto conn = connect();
  if (cond())
    co_await conn.async_drop();
  int v = conn.is_dropped() ? 0 : conn->id();
  if (!conn.is_dropped())
    co_await conn.async_drop();
  co_return v;
}

Task<void> in_a_loop_with_continue() {
  for (int i = 0; i < 3; ++i) {
    auto conn = connect();
    if (pick() == i)
      co_await conn.async_drop();
    if (conn.is_dropped())
      continue;
    co_await conn.async_drop();
  }
}

void in_a_lambda() {
  auto run = []() -> Task<void> {
    auto conn = connect();
    if (cond())
      co_await conn.async_drop();
    if (!conn.is_dropped())
      co_await conn.async_drop();
  };
  (void)run;
}

// The test rules the path out even when nothing was dropped before it: a
// fresh guard is never dropped.
Task<void> fresh_guard_is_not_dropped() {
  auto conn = connect();
  if (conn.is_dropped())
    co_return;
  co_await conn.async_drop();
}

// ---- is_dropped(): positives (the test does not cover the path) ----

Task<void> wrong_way_round() {
  auto conn = connect();
  if (cond())
    co_await conn.async_drop();
  if (conn.is_dropped())
    co_await conn.async_drop();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path

Task<void> tests_another_guard() {
  auto conn = connect();
  auto db = open_db();
  if (cond())
    co_await conn.async_drop();
  if (!db.is_dropped())
    co_await db.async_drop();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path

Task<void> loop_with_early_continue() {
  for (int i = 0; i < 3; ++i) {
    auto conn = connect();
    if (!conn.is_dropped())
      continue;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path
    co_await conn.async_drop();
  }
}

// ---- correlated conditions: negatives ----

Task<void> same_local_bool() {
  auto conn = connect();
  bool fast = cond();
  if (fast)
    co_await conn.async_drop();
  log(1);
  if (!fast)
    co_await conn.async_drop();
}

Task<void> same_const_value(int n) {
  auto conn = connect();
  const int mode = n;
  if (mode)
    take(std::move(conn));
  co_await work();
  if (!mode)
    co_await conn.async_drop();
}

Task<void> same_parameter(bool fast) {
  auto conn = connect();
  if (fast)
    co_await conn.async_drop();
  if (!fast)
    co_await conn.async_drop();
}

Task<void> two_values(bool a, bool b) {
  auto conn = connect();
  auto db = open_db();
  if (a)
    co_await conn.async_drop();
  if (b)
    co_await db.async_drop();
  if (!a)
    co_await conn.async_drop();
  if (!b)
    co_await db.async_drop();
}

Task<void> per_iteration() {
  for (int i = 0; i < 3; ++i) {
    auto conn = connect();
    const bool keep = pick() == i;
    if (keep)
      co_await conn.async_drop();
    if (!keep)
      take(std::move(conn));
  }
}

// ---- correlated conditions: positives ----

Task<void> modified_between() {
  auto conn = connect();
  bool fast = cond();
  if (fast)
    co_await conn.async_drop();
  fast = cond();
  if (!fast)
    co_await conn.async_drop();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path

Task<void> modified_through_reference() {
  auto conn = connect();
  bool fast = cond();
  bool &alias = fast;
  if (fast)
    co_await conn.async_drop();
  alias = !alias;
  if (!fast)
    co_await conn.async_drop();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path

Task<void> same_test_twice() {
  auto conn = connect();
  const bool fast = cond();
  if (fast)
    co_await conn.async_drop();
  if (fast)
    log(2);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path

// Across iterations the value is fresh each time: iteration 1 may skip the
// first drop and iteration 2 the second, but each iteration's guard is its
// own; the guard outside the loop is dropped on no path in iterations where
// the value is false.
Task<void> fresh_value_per_iteration() {
  auto conn = connect();
  for (int i = 0; i < 2; ++i) {
    const bool last = pick() == i;
    if (last)
      co_return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path
    if (!last)
      log(i);
  }
  co_await conn.async_drop();
}

}  // namespace app
