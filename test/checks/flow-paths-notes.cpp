// A note never describes a path that cannot run: the walk back from an exit
// follows only edges that the branch tests allow, in the same scenario of
// the correlated values as the exit.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop %t

#include "Inputs/flow-common.h"

namespace app {

// The exit needs `fast`: the way there passes the empty then-branch of the
// first `if (fast)`, never its else-branch.
Task<void> same_value_twice(bool fast) {
  auto conn = connect();
  if (fast) {
  } else {
    log(1);
  }
  if (fast)
    co_return;
  co_await conn.async_drop();
}
// CHECK-NOTES: :[[@LINE-3]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]
// CHECK-NOTES: :[[@LINE-10]]:8: note: 'conn' declared here
// CHECK-NOTES: :[[@LINE-10]]:7: note: when this condition is true
// CHECK-NOTES: :[[@LINE-7]]:7: note: taking the early 'co_return' here

// The exit needs an undropped guard: `!conn.is_dropped()` was true.
Task<void> through_is_dropped() {
  auto conn = connect();
  if (cond())
    co_await conn.async_drop();
  if (!conn.is_dropped()) {
    log(2);
  } else {
    log(3);
  }
  if (pick() == 3)
    co_return;
  if (!conn.is_dropped())
    co_await conn.async_drop();
}
// CHECK-NOTES: :[[@LINE-4]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]
// CHECK-NOTES: :[[@LINE-14]]:8: note: 'conn' declared here
// CHECK-NOTES: :[[@LINE-12]]:7: note: when this condition is true
// CHECK-NOTES: :[[@LINE-8]]:7: note: taking the early 'co_return' here

// The second operand of `&&` is the branch that leads out.
Task<void> second_operand() {
  auto conn = connect();
  if (cond() && !conn.is_dropped())
    co_return;
  co_await conn.async_drop();
}
// CHECK-NOTES: :[[@LINE-3]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]
// CHECK-NOTES: :[[@LINE-6]]:8: note: 'conn' declared here
// CHECK-NOTES: :[[@LINE-6]]:7: note: when this condition is true
// CHECK-NOTES: :[[@LINE-7]]:17: note: taking the early 'co_return' here

}  // namespace app
