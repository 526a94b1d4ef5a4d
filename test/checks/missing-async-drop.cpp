// Every kind of path on which a guard can reach its destruction undropped.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop %t

#include "Inputs/flow-common.h"

namespace app {

// ---- return / co_return -----------------------------------------------------

// An early error return from an ordinary function.
int early_error_return() {
  auto conn = connect();
  if (cond())
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]
  take(std::move(conn));
  return 0;
}

// An early co_return of an error value from a coroutine.
Task<int> early_co_return() {
  auto conn = connect();
  if (cond())
    co_return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
  co_await conn.async_drop();
  co_return 0;
}

// The normal end of the function: the closing brace.
Task<void> falls_off_the_end() {
  auto conn = connect();
  conn->send(1);
  co_await work();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed

void plain_function_end() {
  auto conn = connect();
  conn->send(1);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed

// A by-value parameter is owned by the callee.
Task<void> param_not_dropped(AsyncDropGuard<Conn> conn) {
  if (cond())
    co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
  co_await conn.async_drop();
}

void param_plain(AsyncDropGuard<Conn> conn) { conn->send(2); }
// CHECK-MESSAGES: :[[@LINE-1]]:62: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed

// ---- loops: break, continue, end of an iteration -----------------------------

Task<void> break_out_of_loop() {
  while (cond()) {
    auto conn = connect();
    if (pick() == 3)
      break;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
    co_await conn.async_drop();
  }
}

Task<void> continue_in_loop() {
  for (int i = 0; i < 10; ++i) {
    auto conn = connect();
    if (i % 2)
      continue;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
    co_await conn.async_drop();
  }
}

Task<void> end_of_iteration() {
  for (int i = 0; i < 10; ++i) {
    auto conn = connect();
    conn->send(i);
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
}

Task<void> range_for(std::vector<int> ids) {
  for (int id : ids) {
    auto conn = connect();
    if (id == 0)
      co_await conn.async_drop();
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
}

Task<void> do_while() {
  do {
    auto conn = connect();
    if (cond())
      continue;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
    co_await conn.async_drop();
  } while (cond());
}

// A guard declared before the loop and dropped on only one way out of it.
Task<void> dropped_inside_loop_only_sometimes() {
  auto conn = connect();
  while (cond()) {
    if (pick() == 1) {
      co_await conn.async_drop();
      co_return;
    }
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed

// ---- goto ---------------------------------------------------------------------

void goto_out_of_scope() {
  {
    auto conn = connect();
    if (cond())
      goto done;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
    take(std::move(conn));
  }
done:
  log(0);
}

// ---- switch -------------------------------------------------------------------

Task<void> switch_missing_case() {
  auto conn = connect();
  switch (pick()) {
  case 0:
    co_await conn.async_drop();
    break;
  case 1:
    log(1);
    [[fallthrough]];
  case 2:
    co_await conn.async_drop();
    break;
  default:
    break;
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed

Task<void> switch_case_scope() {
  switch (pick()) {
  case 0: {
    auto conn = connect();
    if (cond())
      break;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
    co_await conn.async_drop();
    break;
  }
  default:
    break;
  }
}

// ---- nested scopes ------------------------------------------------------------

Task<void> nested_scope() {
  {
    auto conn = connect();
    {
      auto db = open_db();
      co_await conn.async_drop();
    }
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'db' of type 'AsyncDropGuard<Db>' is destroyed
  }
  co_await work();
}

// A condition variable's scope is the whole if statement.
Task<void> if_with_initializer() {
  if (auto conn = connect(); cond()) {
    co_await conn.async_drop();
  } else {
    log(2);
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
}

// ---- ownership moved on some paths only ---------------------------------------

Task<void> moved_on_one_path() {
  auto conn = connect();
  if (cond())
    take(std::move(conn));
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed

// ---- assignment over an undropped guard ----------------------------------------

Task<void> overwritten() {
  auto conn = connect();
  conn = connect();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is overwritten without 'co_await conn.async_drop()' on this path; drop it first (a second drop is a no-op, so this is safe on every path) [asyncdrop-missing-async-drop]
  co_await conn.async_drop();
}

// ---- lifetime-extended temporaries behave like locals ---------------------------

Task<void> lifetime_extended() {
  auto &&conn = connect();
  conn->send(3);
  co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
}

// ---- several guards, one diagnostic per guard and exit --------------------------

Task<int> two_guards() {
  auto conn = connect();
  auto db = open_db();
  if (cond()) {
    co_await conn.async_drop();
    co_return 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'db' of type 'AsyncDropGuard<Db>' is destroyed
  }
  co_await db.async_drop();
  co_return 2;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
}

// ---- member functions and lambdas ------------------------------------------------

struct Service {
  Task<void> restart() {
    auto conn = connect();
    if (stopped)
      co_return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
    co_await conn.async_drop();
  }
  bool stopped = false;
};

void lambdas() {
  // Each lambda body is a function of its own.
  auto forgets = []() -> Task<void> {
    auto conn = connect();
    co_await work();
  };
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
  auto drops = []() -> Task<void> {
    auto conn = connect();
    co_await conn.async_drop();
  };
  (void)forgets;
  (void)drops;
}

}  // namespace app
