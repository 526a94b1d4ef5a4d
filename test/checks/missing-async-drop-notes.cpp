// The notes pin down why a path is bad: the declaration, and the branches
// that lead to the exit (at most two, nearest to the exit last).
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop %t

#include "Inputs/flow-common.h"

namespace app {

Task<int> early_return() {
  auto conn = connect();
  if (pick() > 3)
    co_return -1;
  co_await conn.async_drop();
  co_return 0;
}
// CHECK-NOTES: :[[@LINE-4]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]
// CHECK-NOTES: :[[@LINE-7]]:8: note: 'conn' declared here
// CHECK-NOTES: :[[@LINE-7]]:7: note: taking the early 'co_return' here

int plain_early_return() {
  auto conn = connect();
  if (cond())
    return 1;
  take(std::move(conn));
  return 0;
}
// CHECK-NOTES: :[[@LINE-4]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]
// CHECK-NOTES: :[[@LINE-7]]:8: note: 'conn' declared here
// CHECK-NOTES: :[[@LINE-7]]:7: note: taking the early return here

Task<void> dropped_only_when_true() {
  auto conn = connect();
  if (cond())
    co_await conn.async_drop();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]
// CHECK-NOTES: :[[@LINE-5]]:8: note: 'conn' declared here
// CHECK-NOTES: :[[@LINE-5]]:7: note: when this condition is false

Task<void> two_branches() {
  auto conn = connect();
  if (cond()) {
    if (pick() == 2)
      co_return;
    co_await conn.async_drop();
  }
  co_await work();
}
// CHECK-NOTES: :[[@LINE-5]]:7: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]
// CHECK-NOTES: :[[@LINE-9]]:8: note: 'conn' declared here
// CHECK-NOTES: :[[@LINE-9]]:7: note: when this condition is true
// CHECK-NOTES: :[[@LINE-9]]:9: note: taking the early 'co_return' here
// CHECK-NOTES: :[[@LINE-5]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]
// CHECK-NOTES: :[[@LINE-13]]:8: note: 'conn' declared here
// CHECK-NOTES: :[[@LINE-13]]:7: note: when this condition is false

Task<void> leaving_the_loop() {
  auto conn = connect();
  while (cond()) {
    if (pick() == 0) {
      co_await conn.async_drop();
      co_return;
    }
  }
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]
// CHECK-NOTES: :[[@LINE-9]]:8: note: 'conn' declared here
// CHECK-NOTES: :[[@LINE-8]]:9: note: when this condition is false
// CHECK-NOTES: :[[@LINE-10]]:10: note: leaving the loop here

Task<void> on_a_case() {
  auto conn = connect();
  switch (pick()) {
  case 0:
    co_await conn.async_drop();
    break;
  case 1:
    break;
  default:
    co_await conn.async_drop();
  }
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]
// CHECK-NOTES: :[[@LINE-12]]:8: note: 'conn' declared here
// CHECK-NOTES: :[[@LINE-8]]:3: note: on this 'case'

Task<void> in_a_handler() {
  auto conn = connect();
  try {
    co_await work();
  } catch (...) {
    co_return;
  }
  co_await conn.async_drop();
}
// CHECK-NOTES: :[[@LINE-4]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this exception path [asyncdrop-missing-async-drop]
// CHECK-NOTES: :[[@LINE-9]]:8: note: 'conn' declared here
// CHECK-NOTES: :[[@LINE-7]]:5: note: when an exception is caught here

Task<void> thrown() {
  auto conn = connect();
  if (pick() < 0)
    throw std::runtime_error("negative");
  co_await conn.async_drop();
}
// CHECK-NOTES: :[[@LINE-3]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this exception path [asyncdrop-missing-async-drop]
// CHECK-NOTES: :[[@LINE-6]]:8: note: 'conn' declared here
// CHECK-NOTES: :[[@LINE-6]]:7: note: taking the 'throw' here

Task<void> straight_line() {
  auto conn = connect();
  conn->send(1);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]
// CHECK-NOTES: :[[@LINE-4]]:8: note: 'conn' declared here

}  // namespace app
