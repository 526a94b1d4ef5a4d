// The three flow checks share one analysis per function (SharedFlow.h): each
// check must find together exactly what it finds alone, whatever the others'
// options. Each RUN enables a different set; a finding is expected by the
// runs whose suffix its CHECK line names.
//
// All three, with missing-async-drop's throw paths off (the shared analysis
// still finds throw exits, for nobody here):
// RUN: %check_asyncdrop_tidy --check-suffix=M,U,A %s asyncdrop-missing-async-drop,asyncdrop-unawaited-async-drop,asyncdrop-use-after-async-drop %t-all \
// RUN:   -- -config="{CheckOptions: {asyncdrop-missing-async-drop.CheckThrowPaths: false, asyncdrop-use-after-async-drop.AllowedAfterDrop: 'is_dropped;get'}}"
// Each alone, with the same options:
// RUN: %check_asyncdrop_tidy --check-suffix=M %s asyncdrop-missing-async-drop %t-m \
// RUN:   -- -config="{CheckOptions: {asyncdrop-missing-async-drop.CheckThrowPaths: false}}"
// RUN: %check_asyncdrop_tidy --check-suffix=U %s asyncdrop-unawaited-async-drop %t-u
// RUN: %check_asyncdrop_tidy --check-suffix=A %s asyncdrop-use-after-async-drop %t-a \
// RUN:   -- -config="{CheckOptions: {asyncdrop-use-after-async-drop.AllowedAfterDrop: 'is_dropped;get'}}"
// missing-async-drop with throw paths (the default) next to use-after:
// RUN: %check_asyncdrop_tidy --check-suffix=T,A %s asyncdrop-missing-async-drop,asyncdrop-use-after-async-drop %t-t \
// RUN:   -- -config="{CheckOptions: {asyncdrop-use-after-async-drop.AllowedAfterDrop: 'is_dropped;get'}}"
// Different guard configurations do not share: the scope is a guard for
// use-after-async-drop only, so missing-async-drop says nothing about it.
// RUN: %check_asyncdrop_tidy --check-suffix=M,S %s asyncdrop-missing-async-drop,asyncdrop-use-after-async-drop %t-s \
// RUN:   -- -config="{CheckOptions: {asyncdrop-missing-async-drop.CheckThrowPaths: false, \
// RUN:        asyncdrop-use-after-async-drop.GuardTypes: '::app::Scope', \
// RUN:        asyncdrop-use-after-async-drop.DropMethods: 'join'}}"

#include "Inputs/flow-common.h"

namespace app {

// A reference parameter is tracked for use-after-async-drop; it owns nothing,
// so missing-async-drop, sharing the analysis, must not report it.
Task<void> drops_then_uses(AsyncDropGuard<Conn> &conn) {
  co_await conn.async_drop();
  conn->send(1);
  // CHECK-MESSAGES-A: :[[@LINE-1]]:3: warning: guard 'conn' is used after it was dropped [asyncdrop-use-after-async-drop]
}

// Used, never dropped: the caller's to drop, no finding here.
Task<void> only_uses(AsyncDropGuard<Conn> &conn) {
  conn->send(2);
  co_return;
}

// AllowedAfterDrop names get: not a use.
Task<void> drops_then_gets(AsyncDropGuard<Conn> &conn) {
  co_await conn.async_drop();
  (void)conn.get();
}

// A throw path: missing-async-drop reports it only with CheckThrowPaths.
Task<void> throws_with_guard() {
  auto conn = connect();
  if (cond())
    throw 1;
  // CHECK-MESSAGES-T: :[[@LINE-1]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this exception path [asyncdrop-missing-async-drop]
  co_await conn.async_drop();
}

// One function, a finding of each check.
Task<void> one_of_each(bool again) {
  auto conn = connect();
  auto db = open_db();
  auto task = db.async_drop();
  // CHECK-MESSAGES-U: :[[@LINE-1]]:15: warning: the task returned by 'db.async_drop()' is stored in 'task' but not awaited on every path: nothing is dropped on those [asyncdrop-unawaited-async-drop]
  if (again)
    co_return;
  // CHECK-MESSAGES-M: :[[@LINE-1]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]
  // CHECK-MESSAGES-M: :[[@LINE-2]]:5: warning: guard 'db' of type 'AsyncDropGuard<Db>' is destroyed without 'co_await db.async_drop()' on this path [asyncdrop-missing-async-drop]
  // CHECK-MESSAGES-T: :[[@LINE-3]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]
  // CHECK-MESSAGES-T: :[[@LINE-4]]:5: warning: guard 'db' of type 'AsyncDropGuard<Db>' is destroyed without 'co_await db.async_drop()' on this path [asyncdrop-missing-async-drop]
  co_await task;
  co_await conn.async_drop();
  conn->send(1);
  // CHECK-MESSAGES-A: :[[@LINE-1]]:3: warning: guard 'conn' is used after it was dropped [asyncdrop-use-after-async-drop]
}

// A stored drop task pending when an exception leaves: the guard's finding
// (with throw paths), never the task's.
Task<void> task_pending_at_throw() {
  auto conn = connect();
  auto task = conn.async_drop();
  if (cond())
    throw 2;
  // CHECK-MESSAGES-T: :[[@LINE-1]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this exception path [asyncdrop-missing-async-drop]
  co_await task;
}

// A scope type configured for use-after-async-drop alone (run S).
class Scope {
public:
  Task<void> join() { co_return; }
  void spawn(Task<void> t) { (void)t; }
};

Task<void> spawn_after_join() {
  Scope scope;
  co_await scope.join();
  scope.spawn(work());
  // CHECK-MESSAGES-S: :[[@LINE-1]]:3: warning: guard 'scope' is used after it was dropped [asyncdrop-use-after-async-drop]
}

} // namespace app
