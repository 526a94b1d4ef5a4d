// Every cleanup pattern the pattern guide recommends: no diagnostic from any
// of the three flow checks.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop,asyncdrop-unawaited-async-drop,asyncdrop-use-after-async-drop %t

#include "Inputs/flow-common.h"

namespace app {

// Drop on every path by hand.
Task<int> every_path_by_hand() {
  auto conn = connect();
  if (cond()) {
    co_await conn.async_drop();
    co_return -1;
  }
  conn->send(1);
  co_await conn.async_drop();
  co_return 0;
}

// with_async_drop does it on every exit of the body.
Task<int> scoped() {
  co_return co_await asyncdrop::with_async_drop(
      connect(), [](Conn &conn) -> Task<int> {
        if (cond())
          throw std::runtime_error("failed");
        co_return conn.id();
      });
}

// Pass by value: the callee owns it and drops it.
Task<void> consume(AsyncDropGuard<Conn> conn) {
  conn->send(2);
  co_await conn.async_drop();
}
Task<void> hand_over() {
  auto conn = connect();
  co_await consume(std::move(conn));
  co_await consume(connect());
}

// Return the guard: the caller owns it.
Task<AsyncDropGuard<Conn>> open_checked() {
  auto conn = co_await connect_async();
  if (conn->id() < 0) {
    co_await conn.async_drop();
    throw std::runtime_error("bad id");
  }
  co_return conn;
}
Task<void> use_opened() {
  auto conn = co_await open_checked();
  conn->send(3);
  co_await conn.async_drop();
}

// Independent guards dropped concurrently.
Task<void> concurrent() {
  auto conn = connect();
  auto db = open_db();
  db->query();
  co_await asyncdrop::drop_all(conn, db);
}

// Moving into a helper that owns it from then on.
struct Session {
  explicit Session(AsyncDropGuard<Conn> c) : conn(std::move(c)) {}
  Task<void> async_drop_impl() { co_await conn.async_drop(); }
  AsyncDropGuard<Conn> conn;
};
void into_helper(std::vector<AsyncDropGuard<Conn>> &idle, Pool &pool) {
  auto a = connect();
  auto b = connect();
  auto c = connect();
  Session s(std::move(a));
  (void)s;
  idle.push_back(std::move(b));
  pool.put(std::move(c));
}

// A guard dropped in every switch case.
Task<void> every_case() {
  auto conn = connect();
  switch (pick()) {
  case 0:
    conn->send(0);
    co_await conn.async_drop();
    break;
  case 1:
  case 2:
    co_await conn.async_drop();
    break;
  default:
    co_await close(conn);
  }
}

// Loops that drop each iteration, with break and continue.
Task<void> loop_drops_each_iteration(std::vector<int> ids) {
  for (int id : ids) {
    auto conn = connect();
    if (id < 0) {
      co_await conn.async_drop();
      break;
    }
    if (id == 0) {
      co_await conn.async_drop();
      continue;
    }
    conn->send(id);
    co_await conn.async_drop();
  }
}

// try/catch where both paths drop (co_await is not allowed in a handler, so
// the handler records the failure and the drop follows the try statement).
Task<void> both_paths_drop() {
  auto conn = connect();
  bool failed = false;
  try {
    may_throw();
    co_await work();
  } catch (const std::exception &) {
    failed = true;
  }
  if (failed)
    log(-1);
  co_await conn.async_drop();
}

// A guard declared inside the try block, dropped before anything can throw
// out of it.
Task<void> dropped_inside_try() {
  try {
    auto conn = connect();
    conn->send(4);
    co_await conn.async_drop();
    throw std::runtime_error("after the drop");
  } catch (const std::runtime_error &) {
    log(4);
  }
}

// if constexpr in a template, instantiated both ways.
template <bool Keep>
Task<AsyncDropGuard<Conn>> maybe_keep(AsyncDropGuard<Conn> conn) {
  if constexpr (Keep) {
    co_return conn;
  } else {
    co_await conn.async_drop();
    co_return co_await connect_async();
  }
}
Task<void> instantiate_both() {
  auto a = co_await maybe_keep<true>(connect());
  auto b = co_await maybe_keep<false>(connect());
  co_await asyncdrop::drop_all(a, b);
}

// A dropped guard reassigned is live again, and dropped again.
Task<void> reconnect() {
  auto conn = connect();
  co_await conn.async_drop();
  bool dropped = conn.is_dropped();
  conn = connect();
  conn->send(dropped ? 5 : 6);
  co_await conn.async_drop();
  co_await conn.async_drop(); // a second drop is a harmless no-op
}

// Early drop through a reference alias, then the helper type's own drop.
struct Client {
  Task<void> async_drop_impl() {
    auto &c = conn;
    co_await c.async_drop();
  }
  AsyncDropGuard<Conn> conn;
};

// A lambda that owns its guard drops it.
Task<void> lambda_owner() {
  auto conn = connect();
  auto task = [conn = std::move(conn)]() mutable -> Task<void> {
    conn->send(6);
    co_await conn.async_drop();
  };
  co_await task();
}

// The task of a drop handed to something that awaits it.
Task<void> awaits(Task<void> t) { co_await std::move(t); }
Task<void> drop_task_passed_on() {
  auto conn = connect();
  co_await awaits(conn.async_drop());
}
Task<void> drop_task_stored_then_awaited() {
  auto conn = connect();
  Task<void> pending = conn.async_drop();
  co_await std::move(pending);
}
Task<void> drop_task_returned(AsyncDropGuard<Conn> &conn) {
  return conn.async_drop();
}

// Code that never mentions a guard.
Task<int> no_guards(int n) {
  int sum = 0;
  for (int i = 0; i < n; ++i) {
    if (i % 3 == 0)
      continue;
    sum += i;
  }
  co_await work();
  co_return sum;
}

}  // namespace app
