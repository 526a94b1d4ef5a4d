// A drop task that is never awaited drops nothing.
// RUN: %check_asyncdrop_tidy --compile-fixes %s asyncdrop-unawaited-async-drop %t

#include "Inputs/flow-common.h"

namespace app {

Task<void> discarded() {
  auto conn = connect();
  co_await work();
  conn.async_drop();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the task returned by 'conn.async_drop()' is discarded without 'co_await': nothing is dropped [asyncdrop-unawaited-async-drop]
  // CHECK-FIXES: {{^}}  co_await conn.async_drop();{{$}}
}

Task<void> discarded_in_branch(AsyncDropGuard<Conn> conn) {
  if (cond())
    conn.async_drop();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the task returned by 'conn.async_drop()' is discarded
  // CHECK-FIXES: {{^}}    co_await conn.async_drop();{{$}}
  else
    co_await conn.async_drop();
}

Task<void> through_pointer(AsyncDropGuard<Conn> *conn) {
  co_await work();
  conn->async_drop();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the task returned by 'conn->async_drop()' is discarded
  // CHECK-FIXES: {{^}}  co_await conn->async_drop();{{$}}
}

// Cast to void: reported, no fix-it (the cast says it was meant).
Task<void> cast_to_void() {
  auto conn = connect();
  (void)conn.async_drop();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: the task returned by 'conn.async_drop()' is discarded
  co_await conn.async_drop();
}

// Stored and never used again.
Task<void> stored() {
  auto conn = connect();
  auto pending = conn.async_drop();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: the task returned by 'conn.async_drop()' is stored in 'pending' but never awaited: nothing is dropped [asyncdrop-unawaited-async-drop]
  co_await conn.async_drop();
}

// Not a coroutine: reported, no fix-it (co_await is not allowed here).
void not_a_coroutine(AsyncDropGuard<Conn> &conn) {
  conn.async_drop();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the task returned by 'conn.async_drop()' is discarded
  // CHECK-FIXES: {{^}}  conn.async_drop();{{$}}
}

// A member guard.
struct Owner {
  Task<void> async_drop_impl() {
    co_await work();
    conn.async_drop();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the task returned by 'conn.async_drop()' is discarded
    // CHECK-FIXES: {{^}}    co_await conn.async_drop();{{$}}
  }
  AsyncDropGuard<Conn> conn;
};

// In a template: reported (and fixed) once.
template <class T>
Task<void> generic(AsyncDropGuard<T> guard) {
  co_await work();
  guard.async_drop();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the task returned by 'guard.async_drop()' is discarded
  // CHECK-FIXES: {{^}}  co_await guard.async_drop();{{$}}
}
void instantiate() {
  (void)generic(connect());
  (void)generic(open_db());
}

// In a coroutine lambda.
void lambda() {
  auto body = [](AsyncDropGuard<Conn> conn) -> Task<void> {
    co_await work();
    conn.async_drop();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the task returned by 'conn.async_drop()' is discarded
    // CHECK-FIXES: {{^}}    co_await conn.async_drop();{{$}}
  };
  (void)body;
}

// ---- not diagnosed ---------------------------------------------------------------

Task<void> awaited() {
  auto conn = connect();
  co_await conn.async_drop();
}

Task<void> returned(AsyncDropGuard<Conn> &conn) { return conn.async_drop(); }

Task<void> run(Task<void> t);
void spawn(Task<void> t);
Task<void> passed_on() {
  auto a = connect();
  auto b = connect();
  co_await run(a.async_drop());
  spawn(b.async_drop());
}

Task<void> stored_then_awaited() {
  auto conn = connect();
  Task<void> pending = conn.async_drop();
  co_await work();
  co_await std::move(pending);
}

Task<void> dropped_together() {
  auto a = connect();
  auto b = connect();
  co_await asyncdrop::drop_all(a, b);
}

}  // namespace app
