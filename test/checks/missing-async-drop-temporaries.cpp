// Guard temporaries: destroyed at the end of their full-expression unless
// their ownership is handed on.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop %t

#include "Inputs/flow-common.h"

namespace app {

Task<void> discarded() {
  (void)connect();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: temporary guard of type 'AsyncDropGuard<Conn>' is destroyed at the end of the full-expression without 'async_drop()'; keep it in a variable and 'co_await' its 'async_drop()' [asyncdrop-missing-async-drop]
  asyncdrop::make_guard<Conn>();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: temporary guard of type 'AsyncDropGuard<Conn>' is destroyed
  co_await connect_async();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: temporary guard of type 'AsyncDropGuard<Conn>' is destroyed
}

void used_once() {
  connect()->send(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: temporary guard of type 'AsyncDropGuard<Conn>' is destroyed
  int id = (*connect()).id();
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: temporary guard of type 'AsyncDropGuard<Conn>' is destroyed
  inspect(connect());
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: temporary guard of type 'AsyncDropGuard<Conn>' is destroyed
  log(id);
}

// Handed on: no diagnostic.
Task<void> handed_on(Pool &pool, std::vector<AsyncDropGuard<Conn>> &all) {
  take(connect());
  take_rvalue(connect());
  pool.put(connect());
  all.push_back(connect());
  auto kept = connect();
  kept = connect();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: guard 'kept' of type 'AsyncDropGuard<Conn>' is overwritten
  co_await kept.async_drop();
  co_await connect().async_drop();
  auto value = connect().unsafe_into_inner_dont_drop();
  (void)value;
  asyncdrop::SyncDrop<Conn> blocking(connect());
}

AsyncDropGuard<Conn> returned() { return connect(); }
Task<AsyncDropGuard<Conn>> co_returned() { co_return connect(); }
std::optional<AsyncDropGuard<Conn>> converted() { return connect(); }

}  // namespace app
