// Path pruning (is_dropped() tests, correlated local values) and member
// helpers applied to every kind of owner: members in any member function,
// structured bindings, a lambda's captures, drop tasks. Each correct idiom
// is silent; each bad path is reported once.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop,asyncdrop-use-after-async-drop,asyncdrop-unawaited-async-drop %t

#include "Inputs/flow-common.h"

namespace app {

class Mailer {
public:
  // Fine: the member is dropped only when it still owns its value.
  Task<void> shutdown() {
    if (!smtp_.is_dropped())
      co_await smtp_.async_drop();
  }
  // Fine: the use is ruled out on the dropped path.
  Task<void> maybe_send(bool quit) {
    if (quit)
      co_await smtp_.async_drop();
    if (!smtp_.is_dropped())
      smtp_->send(1);
  }
  // Bad: used on the path where it was dropped.
  Task<void> send_after(bool quit) {
    if (quit)
      co_await smtp_.async_drop();
    smtp_->send(2);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'this->smtp_' is used after it was dropped [asyncdrop-use-after-async-drop]
  }
  // A helper that drops the member on every path counts as its drop...
  Task<void> close_smtp() { co_await smtp_.async_drop(); }
  // ...so a use after it is a use after drop,
  Task<void> use_after_helper() {
    co_await this->close_smtp();
    smtp_->send(3);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'this->smtp_' is used after it was dropped [asyncdrop-use-after-async-drop]
  }
  // ...and reconnecting after it overwrites nothing undropped.
  Task<void> reconnect() {
    co_await close_smtp();
    smtp_ = connect();
  }
  // Bad: reconnecting over a live connection.
  Task<void> reconnect_live() {
    smtp_ = connect();
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: guard 'this->smtp_' of type 'AsyncDropGuard<Conn>' is overwritten without 'co_await this->smtp_.async_drop()' on this path{{.*}} [asyncdrop-missing-async-drop]
  }

private:
  AsyncDropGuard<Conn> smtp_ = connect();
};

// Fine: each binding dropped, one of them only when it still owns.
Task<void> bindings_pruned() {
  auto [conn, db] = open_pair();
  if (!conn.is_dropped())
    co_await conn.async_drop();
  co_await db.async_drop();
}

// Fine: correlated conditions on an unmodified local, with a binding.
Task<void> bindings_correlated(bool fast) {
  auto [conn, db] = open_pair();
  if (fast)
    co_await asyncdrop::drop_all(conn, db);
  if (!fast) {
    co_await db.async_drop();
    co_await conn.async_drop();
  }
}

// Bad: the early return in the loop leaves the second binding owned.
Task<void> bindings_loop(int n) {
  for (int i = 0; i < n; ++i) {
    auto [conn, db] = open_pair();
    co_await conn.async_drop();
    if (cond())
      continue;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guard 'db' of type 'AsyncDropGuard<Db>' is destroyed without 'co_await db.async_drop()' on this path [asyncdrop-missing-async-drop]
    co_await db.async_drop();
  }
}

// Fine: a captured guard tested with is_dropped() inside the lambda.
Task<void> capture_pruned() {
  auto conn = connect();
  auto body = [conn = std::move(conn)]() mutable -> Task<void> {
    if (cond())
      co_await conn.async_drop();
    if (!conn.is_dropped())
      co_await conn.async_drop();
  };
  co_await body();
}

// Bad: the early co_return of the lambda leaves its capture owned.
Task<void> capture_early_return() {
  auto conn = connect();
  auto body = [conn = std::move(conn)]() mutable -> Task<void> {
    if (cond())
      co_return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]
    co_await conn.async_drop();
  };
  co_await body();
}

// Fine: a stored drop task awaited on the path the guard still owns.
Task<void> task_pruned() {
  auto conn = connect();
  if (!conn.is_dropped()) {
    auto task = conn.async_drop();
    co_await std::move(task);
  }
}

} // namespace app
