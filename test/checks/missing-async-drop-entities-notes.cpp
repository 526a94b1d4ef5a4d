// The notes of the entities beyond locals and parameters: a binding is
// declared at its name, a capture at its init capture, a member at its
// field; the branches are those of the lambda's or member function's body.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop %t

#include "Inputs/flow-common.h"

namespace app {

Task<int> binding() {
  auto [conn, db] = open_pair();
  co_await db.async_drop();
  if (pick() > 3)
    co_return -1;
  co_await conn.async_drop();
  co_return 0;
}
// CHECK-NOTES: :[[@LINE-4]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]
// CHECK-NOTES: :[[@LINE-8]]:9: note: 'conn' declared here
// CHECK-NOTES: :[[@LINE-7]]:7: note: taking the early 'co_return' here

void capture() {
  auto conn = connect();
  auto body = [conn = std::move(conn)]() mutable -> Task<void> {
    for (int i = 0; i < 3; ++i) {
      if (i == pick())
        co_return;
      conn->send(i);
    }
    co_await conn.async_drop();
  };
  (void)body;
}
// CHECK-NOTES: :[[@LINE-7]]:9: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]
// CHECK-NOTES: :[[@LINE-11]]:16: note: 'conn' declared here
// CHECK-NOTES: :[[@LINE-11]]:21: note: entering the loop body here
// CHECK-NOTES: :[[@LINE-11]]:11: note: taking the early 'co_return' here

class Client {
 public:
  Task<void> reconnect(bool stale) {
    if (stale)
      co_await conn_.async_drop();
    conn_ = co_await connect_async();
  }
// CHECK-NOTES: :[[@LINE-2]]:11: warning: guard 'this->conn_' of type 'AsyncDropGuard<Conn>' is overwritten without 'co_await this->conn_.async_drop()' on this path; drop it first (a second drop is a no-op, so this is safe on every path) [asyncdrop-missing-async-drop]
// CHECK-NOTES: :[[@LINE+6]]:24: note: 'this->conn_' declared here
// CHECK-NOTES: :[[@LINE-6]]:9: note: when this condition is false

 private:
  friend class asyncdrop::access;
  Task<void> async_drop_impl() { co_await conn_.async_drop(); }
  AsyncDropGuard<Conn> conn_;
};

}  // namespace app
