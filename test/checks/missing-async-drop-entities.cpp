// Every owner, every path: structured bindings, a lambda's captures, members
// assigned over in member functions, drop tasks that are not awaited, and
// the runtime's own owners.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop %t

#include "Inputs/flow-common.h"

namespace app {

// ---- structured bindings ----------------------------------------------------

Task<void> binding_one_forgotten() {
  auto [conn, db] = open_pair();
  co_await conn.async_drop();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'db' of type 'AsyncDropGuard<Db>' is destroyed without 'co_await db.async_drop()' on this path [asyncdrop-missing-async-drop]

Task<int> binding_early_return() {
  auto [primary, replica] = open_two();
  if (cond())
    co_return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'primary' of type 'AsyncDropGuard<Conn>' is destroyed
  // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: guard 'replica' of type 'AsyncDropGuard<Conn>' is destroyed
  co_await asyncdrop::drop_all(primary, replica);
  co_return 0;
}

Task<void> binding_in_loop_with_continue() {
  for (int i = 0; i < 3; ++i) {
    auto [conn, id] = open_with_id();
    if (id == i)
      continue;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
    co_await conn.async_drop();
  }
}

// Not diagnosed: every element dropped, handed on, or not an owner.
Task<void> binding_dropped_together() {
  auto [conn, db] = open_pair();
  co_await asyncdrop::drop_all(conn, db);
}

Task<void> binding_handed_on(Pool &pool) {
  auto [primary, replica] = co_await open_two_async();
  pool.put(std::move(primary));
  take(std::move(replica));
}

AsyncDropGuard<Conn> binding_returned() {
  auto [conn, id] = open_with_id();
  log(id);
  return std::move(conn);
}

Task<void> binding_by_reference(ConnPair &pair) {
  auto &[primary, replica] = pair; // the caller's owners
  primary->send(1);
  co_return;
}

Task<void> binding_dropped_on_both_branches() {
  auto [conn, db] = open_pair();
  if (cond())
    co_await conn.async_drop();
  else
    take(std::move(conn));
  co_await db.async_drop();
}

// ---- lambda captures --------------------------------------------------------

void capture_early_return() {
  auto conn = connect();
  auto body = [conn = std::move(conn)]() mutable -> Task<int> {
    if (cond())
      co_return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]
    co_await conn.async_drop();
    co_return 0;
  };
  (void)body;
}

void capture_forgotten() {
  auto body = [db = open_db()]() mutable -> Task<void> {
    db->query();
    co_await work();
  };
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'db' of type 'AsyncDropGuard<Db>' is destroyed
  (void)body;
}

// Not diagnosed: the lambda drops or hands on what it captured.
void capture_dropped() {
  auto conn = connect();
  auto body = [conn = std::move(conn)]() mutable -> Task<void> {
    conn->send(1);
    co_await conn.async_drop();
  };
  (void)body;
}

void capture_handed_on(Pool &pool) {
  auto body = [c = connect(), &pool]() mutable { pool.put(std::move(c)); };
  body();
}

void capture_by_reference() {
  auto conn = connect();
  auto body = [&conn]() -> Task<void> { // conn stays the function's
    conn->send(1);
    co_return;
  };
  (void)body;
  take(std::move(conn));
}

void capture_with_async_drop() {
  auto body = [c = connect()]() mutable -> Task<void> {
    co_await asyncdrop::with_async_drop(std::move(c), [](Conn &conn) -> Task<void> {
      conn.send(2);
      co_return;
    });
  };
  (void)body;
}

// ---- members assigned over --------------------------------------------------

class Client {
 public:
  // A reconnect that assigns over the live connection.
  Task<void> reconnect() {
    conn_ = co_await connect_async();
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: guard 'this->conn_' of type 'AsyncDropGuard<Conn>' is overwritten without 'co_await this->conn_.async_drop()' on this path; drop it first (a second drop is a no-op, so this is safe on every path) [asyncdrop-missing-async-drop]
  }
  Task<void> reconnect_if(bool stale) {
    if (stale)
      co_await conn_.async_drop();
    this->conn_ = co_await connect_async();
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: guard 'this->conn_' of type 'AsyncDropGuard<Conn>' is overwritten
  }

  // Not diagnosed: dropped (or moved away) first, on every path.
  Task<void> reconnect_safely() {
    co_await conn_.async_drop();
    conn_ = co_await connect_async();
  }
  Task<void> reconnect_after_drop_on_both_branches(bool stale) {
    if (stale)
      co_await conn_.async_drop();
    else
      co_await asyncdrop::drop_all(conn_);
    conn_ = co_await connect_async();
  }
  Task<void> swap_out() {
    auto old = std::move(conn_);
    conn_ = connect();
    co_await old.async_drop();
  }
  Task<void> through_helper() {
    co_await close_conn(); // may drop conn_: not known here
    conn_ = connect();
  }
  // An ordinary member function owes its members no drop at its exits,
  // exceptional ones included.
  void send(int v) {
    if (v < 0)
      return;
    if (v > 100)
      throw std::invalid_argument("too large");
    conn_->send(v);
  }
  Task<void> drop_then_throw() {
    co_await conn_.async_drop();
    throw std::runtime_error("closed");
  }
  Task<void> close_conn() { co_await conn_.async_drop(); }

 private:
  friend class asyncdrop::access;
  explicit Client(AsyncDropGuard<Conn> c) : conn_(std::move(c)) {}
  // The member starts with the value the initialiser gave it.
  Client(AsyncDropGuard<Conn> c, bool) : conn_(std::move(c)) {
    conn_ = connect();
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: guard 'this->conn_' of type 'AsyncDropGuard<Conn>' is overwritten
  }
  Task<void> async_drop_impl() { co_await conn_.async_drop(); }
  AsyncDropGuard<Conn> conn_;
};

// A configured owner that may start empty: a default-constructed member is
// no value to drop.
class Registry {
 public:
  Registry() { cache_ = asyncdrop::AsyncDropHashMap<int, Conn>(); }
  Task<void> reset() {
    co_await cache_.async_drop();
    cache_ = asyncdrop::AsyncDropHashMap<int, Conn>();
  }
  Task<void> reset_forgetting() {
    cache_ = asyncdrop::AsyncDropHashMap<int, Conn>();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: guard 'this->cache_' of type 'AsyncDropHashMap<int, Conn>' is overwritten
    co_return;
  }

 private:
  asyncdrop::AsyncDropHashMap<int, Conn> cache_;
};

// ---- drop tasks are owed an await --------------------------------------------

Task<void> unawaited_is_no_drop() {
  auto conn = connect();
  (void)conn.async_drop();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed

Task<void> stored_awaited_on_one_branch() {
  auto conn = connect();
  auto pending = conn.async_drop();
  if (cond())
    co_await std::move(pending);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed

Task<void> drop_all_discarded() {
  auto a = connect();
  auto b = open_db();
  (void)asyncdrop::drop_all(a, b);
  co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'a' of type 'AsyncDropGuard<Conn>' is destroyed
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: guard 'b' of type 'AsyncDropGuard<Db>' is destroyed
}

// A helper coroutine that drops its argument drops nothing until awaited.
Task<void> close_helper(AsyncDropGuard<Conn> &conn) { co_await conn.async_drop(); }
Task<void> helper_not_awaited() {
  auto conn = connect();
  (void)close_helper(conn);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed

// Not diagnosed: a helper that is no coroutine has dropped when it returns.
struct Status {
  bool ok = true;
};
Status close_now(AsyncDropGuard<Conn> &conn) {
  asyncdrop::sync_wait(conn.async_drop());
  return {};
}
void plain_helper() {
  auto conn = connect();
  close_now(conn);
}
Task<void> helper_awaited() {
  auto conn = connect();
  co_await close_helper(conn);
}

// Not diagnosed: awaited, stored then awaited, handed on.
Task<void> stored_then_awaited() {
  auto conn = connect();
  auto pending = conn.async_drop();
  co_await work();
  co_await std::move(pending);
}

Task<void> stored_drop_all_awaited() {
  auto a = connect();
  auto b = open_db();
  Task<void> both = asyncdrop::drop_all(a, b);
  co_await std::move(both);
}

Task<void> run(Task<void> t);
Task<void> task_handed_to_combinator() {
  auto conn = connect();
  auto pending = conn.async_drop();
  co_await run(std::move(pending));
}

Task<void> task_returned(AsyncDropGuard<Conn> conn) {
  Task<void> pending = conn.async_drop();
  co_await std::move(pending);
}

Task<void> returns_the_drop(AsyncDropGuard<Conn> &conn);
Task<void> drop_returned_by_value(AsyncDropGuard<Conn> conn) {
  co_await run(conn.async_drop());
}

// ---- the runtime's owners ------------------------------------------------------

Task<void> arc_clone_forgotten() {
  auto first = share();
  auto second = first.clone();
  co_await first.async_drop();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'second' of type 'AsyncDropArc<Conn>' is destroyed without 'co_await second.async_drop()' on this path

Task<int> result_early_return() {
  auto result = co_await try_connect();
  result->send(1);
  if (cond())
    co_return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'result' of type 'AsyncDropResult<Conn, int>' is destroyed
  co_await result.async_drop();
  co_return 0;
}

Task<void> map_removed_value_forgotten(asyncdrop::AsyncDropHashMap<int, Conn> &map) {
  auto removed = map.remove(1);
  removed->send(1);
  co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'removed' of type 'AsyncDropGuard<Conn>' is destroyed
}

Task<void> map_local_forgotten() {
  asyncdrop::AsyncDropHashMap<int, Conn> map;
  auto conn = connect();
  if (!map.try_insert(1, conn))
    co_await conn.async_drop();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'map' of type 'AsyncDropHashMap<int, Conn>' is destroyed

void shared_handle_forgotten() {
  auto handle = shared_conn();
  auto other = handle.clone();
  asyncdrop::sync_wait(handle.async_drop());
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'other' of type 'AsyncDropShared<Conn>' is destroyed

Task<void> mutex_forgotten() {
  asyncdrop::AsyncDropMutex<Conn> mutex(connect());
  auto lock = co_await mutex.lock();
  lock->send(1);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'mutex' of type 'AsyncDropMutex<Conn>' is destroyed

Task<void> discarded_clone(asyncdrop::AsyncDropArc<Conn> &arc) {
  (void)arc.clone();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: temporary guard of type 'AsyncDropArc<Conn>' is destroyed at the end of the full-expression
  co_return;
}

Task<void> discarded_removal(asyncdrop::AsyncDropHashMap<int, Conn> &map) {
  (void)map.remove(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: temporary guard of type 'AsyncDropGuard<Conn>' is destroyed at the end of the full-expression
  co_return;
}

Task<void> shared_value_used_in_passing(asyncdrop::AsyncDropShared<Conn> &handle) {
  (co_await handle.get())->send(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: temporary guard of type 'AsyncDropArc<Conn>' is destroyed at the end of the full-expression
}

// Not diagnosed: the runtime owners' correct idioms.
Task<void> arc_every_clone_dropped() {
  auto first = share();
  auto second = first.clone();
  co_await asyncdrop::drop_all(first, second);
}

Task<void> result_always_dropped() {
  auto result = co_await try_connect();
  if (result)
    result->send(1);
  else
    log(result.error());
  co_await result.async_drop();
}

Task<void> result_of_an_error() {
  asyncdrop::AsyncDropResult<Conn, int> failed = asyncdrop::Unexpected(3);
  log(failed.error());
  co_return;
}

Task<void> result_into_value() {
  auto result = co_await try_connect();
  if (!result.has_value()) {
    co_await result.async_drop();
    co_return;
  }
  auto conn = std::move(result).into_value();
  co_await conn.async_drop();
}

Task<void> map_owns_the_guard() {
  asyncdrop::AsyncDropHashMap<int, Conn> map;
  auto conn = connect();
  if (!map.try_insert(1, conn))
    co_await conn.async_drop();
  co_await map.async_drop();
}

Task<void> shared_awaited_and_dropped() {
  auto handle = shared_conn();
  auto conn = co_await handle.get();
  conn->send(1);
  co_await asyncdrop::drop_all(conn, handle);
}

Task<void> mutex_dropped() {
  asyncdrop::AsyncDropMutex<Conn> mutex(connect());
  {
    auto lock = co_await mutex.lock();
    lock->send(1);
  }
  co_await mutex.async_drop();
}

// AsyncOwned cleans up in its scope when destroyed; not owed a drop here.
Task<void> async_owned_is_fine(asyncdrop::CleanupScope &scope) {
  asyncdrop::AsyncOwned<Conn> conn(scope, connect());
  conn->send(1);
  co_return;
}

}  // namespace app
