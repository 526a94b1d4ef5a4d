// Uses after a drop of every owner: structured bindings, a lambda's
// captures, members in any member function, guards dropped through a stored
// task, and the runtime's own owners.
// RUN: %check_asyncdrop_tidy %s asyncdrop-use-after-async-drop %t

#include "Inputs/flow-common.h"

namespace app {

Task<void> binding_used_after_drop() {
  auto [conn, db] = open_pair();
  co_await asyncdrop::drop_all(conn, db);
  db->query();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'db' is used after it was dropped [asyncdrop-use-after-async-drop]
}

void capture_used_after_drop() {
  auto body = [conn = connect()]() mutable -> Task<void> {
    if (cond()) {
      co_await conn.async_drop();
      co_return;
    }
    co_await conn.async_drop();
    conn->send(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'conn' is used after it was dropped
  };
  (void)body;
}

class Session {
 public:
  Task<void> close_then_send() {
    co_await conn_.async_drop();
    this->conn_->send(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'this->conn_' is used after it was dropped
    conn_->send(2);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'this->conn_' is used after it was dropped
  }
  Task<void> in_loop() {
    for (int i = 0; i < 3; ++i) {
      if (i == 1) {
        co_await conn_.async_drop();
        continue;
      }
      conn_->send(i);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guard 'this->conn_' is used after it was dropped
    }
  }

  // Not diagnosed: re-armed by an assignment, reconnected by another member
  // function, queried, dropped twice.
  Task<void> reconnect_then_send() {
    co_await conn_.async_drop();
    conn_ = co_await connect_async();
    conn_->send(3);
  }
  Task<void> reopen_then_send() {
    co_await conn_.async_drop();
    reopen();
    conn_->send(4);
  }
  Task<void> query_after_drop() {
    co_await conn_.async_drop();
    if (conn_.is_dropped())
      co_await conn_.async_drop();
  }
  void reopen() { conn_ = connect(); }

 private:
  friend class asyncdrop::access;
  Task<void> async_drop_impl() { co_await conn_.async_drop(); }
  AsyncDropGuard<Conn> conn_;
};

Task<void> used_after_stored_task_awaited() {
  auto conn = connect();
  auto pending = conn.async_drop();
  conn->send(1); // not dropped yet: the task is lazy
  co_await std::move(pending);
  conn->send(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'conn' is used after it was dropped
}

Task<void> discarded_drop_is_no_drop() {
  auto conn = connect();
  (void)conn.async_drop();
  conn->send(1); // still the live connection
  co_await conn.async_drop();
}

Task<void> arc_used_after_drop() {
  auto arc = share();
  co_await arc.async_drop();
  auto again = arc.clone();
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: guard 'arc' is used after it was dropped
  co_await again.async_drop();
}

// Not diagnosed: what the runtime's owners allow after a drop.
Task<void> result_error_after_drop() {
  auto result = co_await try_connect();
  co_await result.async_drop();
  if (!result.has_value())
    log(result.error());
  if (result.value().is_dropped() && !result)
    log(0);
}

Task<void> map_usable_after_drop() {
  asyncdrop::AsyncDropHashMap<int, Conn> map;
  co_await map.async_drop();
  auto conn = connect();
  if (!map.try_insert(1, conn))
    co_await conn.async_drop();
  co_await map.async_drop();
}

Task<void> arc_queried_after_drop() {
  auto arc = share();
  co_await arc.async_drop();
  if (arc.is_dropped())
    log(1);
}

}  // namespace app
