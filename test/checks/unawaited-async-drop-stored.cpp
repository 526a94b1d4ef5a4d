// A stored drop task is owed an await on every path; drop_all's task too.
// RUN: %check_asyncdrop_tidy %s asyncdrop-unawaited-async-drop %t

#include "Inputs/flow-common.h"

namespace app {

Task<void> run(Task<void> t);

Task<void> awaited_on_one_branch() {
  auto conn = connect();
  auto pending = conn.async_drop();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: the task returned by 'conn.async_drop()' is stored in 'pending' but not awaited on every path: nothing is dropped on those [asyncdrop-unawaited-async-drop]
  if (cond())
    co_await std::move(pending);
}

Task<int> early_return_before_await() {
  auto a = connect();
  auto b = open_db();
  Task<void> both = asyncdrop::drop_all(a, b);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: the task returned by 'drop_all()' is stored in 'both' but not awaited on every path
  if (cond())
    co_return -1;
  co_await std::move(both);
  co_return 0;
}

Task<void> in_loop_with_continue() {
  for (int i = 0; i < 3; ++i) {
    auto conn = connect();
    auto pending = conn.async_drop();
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: the task returned by 'conn.async_drop()' is stored in 'pending' but not awaited on every path
    if (i == 1)
      continue;
    co_await std::move(pending);
  }
}

Task<void> never_awaited(AsyncDropGuard<Conn> &conn) {
  auto pending = conn.async_drop();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: the task returned by 'conn.async_drop()' is stored in 'pending' but never awaited: nothing is dropped [asyncdrop-unawaited-async-drop]
  co_return;
}

Task<void> drop_all_discarded() {
  auto a = connect();
  auto b = open_db();
  (void)asyncdrop::drop_all(a, b);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: the task returned by 'drop_all()' is discarded without 'co_await': nothing is dropped [asyncdrop-unawaited-async-drop]
  co_await asyncdrop::drop_all(a, b);
}

// ---- not diagnosed ---------------------------------------------------------

Task<void> awaited_on_every_branch() {
  auto conn = connect();
  auto pending = conn.async_drop();
  if (cond()) {
    co_await std::move(pending);
    co_return;
  }
  co_await work();
  co_await std::move(pending);
}

Task<void> handed_to_combinator() {
  auto conn = connect();
  auto pending = conn.async_drop();
  co_await run(std::move(pending));
}

Task<void> returned_task(AsyncDropGuard<Conn> &conn) {
  auto pending = conn.async_drop();
  return pending;
}

Task<void> pushed_into_a_batch(std::vector<Task<void>> &batch) {
  auto conn = connect();
  auto pending = conn.async_drop();
  batch.push_back(std::move(pending));
  co_return;
}

Task<void> lvalue_awaited() {
  auto conn = connect();
  auto pending = conn.async_drop();
  co_await pending;
}

Task<void> drop_all_awaited() {
  auto a = connect();
  auto b = open_db();
  co_await asyncdrop::drop_all(a, b);
}

}  // namespace app
