// Every way ownership moves out of a guard (no diagnostic), and the ways
// that look alike but do not (diagnostic).
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop %t

#include "Inputs/flow-common.h"

namespace app {

struct Holder {
  AsyncDropGuard<Conn> conn;
};

// ---- ownership moves out: no diagnostic ---------------------------------------

AsyncDropGuard<Conn> returned() {
  auto conn = connect();
  conn->send(1);
  return conn;
}

AsyncDropGuard<Conn> returned_moved() {
  auto conn = connect();
  return std::move(conn);
}

Task<AsyncDropGuard<Conn>> co_returned() {
  auto conn = connect();
  co_await work();
  co_return conn;
}

std::optional<AsyncDropGuard<Conn>> returned_converted() {
  auto conn = connect();
  return conn;
}

void by_value() {
  auto conn = connect();
  take(std::move(conn));
}

void by_rvalue_reference() {
  auto conn = connect();
  take_rvalue(std::move(conn));
}

void static_cast_to_rvalue() {
  auto conn = connect();
  take(static_cast<AsyncDropGuard<Conn> &&>(conn));
}

void forwarded() {
  auto conn = connect();
  take(std::forward<AsyncDropGuard<Conn>>(conn));
}

void into_member(Holder &h) {
  auto conn = connect();
  h.conn = std::move(conn);
}

Holder into_aggregate() {
  auto conn = connect();
  return Holder{std::move(conn)};
}

void into_container(std::vector<AsyncDropGuard<Conn>> &all,
                    std::map<int, AsyncDropGuard<Conn>> &by_id) {
  auto a = connect();
  auto b = connect();
  auto c = connect();
  all.push_back(std::move(a));
  all.emplace_back(std::move(b));
  by_id.emplace(1, std::move(c));
}

void into_pool_method(Pool &pool) {
  auto conn = connect();
  pool.put(std::move(conn));
}

void into_sync_drop() {
  auto conn = connect();
  asyncdrop::SyncDrop<Conn> blocking(std::move(conn));
}

Task<void> into_with_async_drop() {
  auto conn = connect();
  co_await asyncdrop::with_async_drop(
      std::move(conn), [](Conn &c) -> Task<void> {
        c.send(2);
        co_return;
      });
}

void captured_by_move() {
  auto conn = connect();
  auto later = [conn = std::move(conn)]() mutable -> Task<void> {
    co_await conn.async_drop();
  };
  (void)later;
}

Task<void> into_another_guard() {
  auto conn = connect();
  AsyncDropGuard<Conn> other = std::move(conn);
  co_await other.async_drop();
}

Task<void> move_assigned_into_another_guard() {
  auto conn = connect();
  auto other = connect();
  co_await other.async_drop();
  other = std::move(conn);
  co_await other.async_drop();
}

// A by-value parameter handed on.
void forward_param(AsyncDropGuard<Conn> conn) { take(std::move(conn)); }

// Released: no longer tracked.
void released() {
  auto conn = connect();
  auto value = std::move(conn).unsafe_into_inner_dont_drop();
  (void)value;
}

// An ASYNCDROP_DROPS parameter drops its argument.
Task<void> annotated_helper() {
  auto conn = connect();
  co_await close(conn);
}

// drop_all drops every argument (its parameters are ASYNCDROP_DROPS).
Task<void> dropped_together() {
  auto conn = connect();
  auto db = open_db();
  co_await asyncdrop::drop_all(conn, db);
}

// A visible helper that drops its reference parameter on every path.
Task<void> shutdown(AsyncDropGuard<Conn> &conn) {
  if (cond()) {
    co_await conn.async_drop();
    co_return;
  }
  conn->send(3);
  co_await conn.async_drop();
}
Task<void> dropped_by_visible_helper() {
  auto conn = connect();
  co_await shutdown(conn);
}

// A helper that drops through another helper (summaries compose).
Task<void> shutdown_twice_removed(AsyncDropGuard<Conn> &conn) {
  co_await shutdown(conn);
}
Task<void> dropped_two_helpers_down() {
  auto conn = connect();
  co_await shutdown_twice_removed(conn);
}

// A visible helper that drops on some paths only: the caller cannot know,
// the guard is no longer tracked (precision first).
Task<void> sometimes_closes(AsyncDropGuard<Conn> &conn) {
  if (cond())
    co_await conn.async_drop();
}
Task<void> dropped_by_partial_helper() {
  auto conn = connect();
  co_await sometimes_closes(conn);
}

// The runtime's owners: AsyncDropArc and AsyncDropHashMap take the guard
// over (try_insert only when it returns true: the guard is then untracked).
Task<void> into_runtime_owners(asyncdrop::AsyncDropHashMap<int, Conn> &map) {
  auto a = connect();
  asyncdrop::AsyncDropArc<Conn> shared(std::move(a));
  auto b = connect();
  if (!map.try_insert(1, b))
    co_await b.async_drop();
  auto c = connect();
  map.try_insert(2, std::move(c));
  co_await shared.async_drop();
}

// A simple reference alias acts on the guard.
Task<void> through_alias() {
  auto conn = connect();
  auto &alias = conn;
  co_await alias.async_drop();
}

// Address taken: no longer tracked (precision first).
void escaped(AsyncDropGuard<Conn> **out) {
  auto conn = connect();
  AsyncDropGuard<Conn> *p = &conn;
  *out = p;
}

// ---- ownership does not move: diagnostic ---------------------------------------

// By lvalue reference to a function that does not drop it (or is not visible).
Task<void> lvalue_reference_to_unknown() {
  auto conn = connect();
  peek(conn);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]

void const_reference() {
  auto conn = connect();
  inspect(conn);
  inspect(std::move(conn));
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed

// A visible helper that only looks at the guard: the caller still owns it.
void show(AsyncDropGuard<Conn> &conn) { conn->send(4); }
Task<void> looked_at_by_visible_helper() {
  auto conn = connect();
  show(conn);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed

// Moving into a guard that is then forgotten moves the obligation with it.
Task<void> moved_into_forgotten_guard() {
  auto conn = connect();
  AsyncDropGuard<Conn> other = std::move(conn);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'other' of type 'AsyncDropGuard<Conn>' is destroyed

// Moving a dropped guard moves a dropped guard: nothing left to drop.
Task<void> moved_after_drop() {
  auto conn = connect();
  co_await conn.async_drop();
  AsyncDropGuard<Conn> other = std::move(conn);
}

}  // namespace app
