// Exception paths: a catch handler starts after unwinding destroyed what its
// try block declared, so only guards still in scope there can be reported
// in it; and a finding on an exception path says so.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop %t

#include "Inputs/flow-common.h"

namespace app {

// ---- negatives ----

// Created and dropped inside the try block: the handler's rethrow destroys
// nothing of ours.
Task<void> rethrow_after_try_local() {
  try {
    auto conn = connect();
    co_await work();
    co_await conn.async_drop();
  } catch (...) {
    log(1);
    throw;
  }
}

Task<int> handler_returns_after_try_local() {
  try {
    auto conn = connect();
    may_throw();
    co_await conn.async_drop();
  } catch (const std::exception &) {
    co_return -1;
  }
  co_return 0;
}

// A guard of the handler's own, handed on before the rethrow (a handler
// cannot co_await).
Task<void> handler_guard_handed_on() {
  try {
    co_await work();
  } catch (...) {
    auto fallback = connect();
    take(std::move(fallback));
    throw;
  }
}

// The outer guard is dropped before anything in the try block can throw.
Task<void> dropped_before_try() {
  auto conn = connect();
  co_await conn.async_drop();
  try {
    co_await work();
  } catch (...) {
    throw;
  }
}

// ---- positives ----

// In scope at the throw in the handler: reported there, as an exception
// path.
Task<void> rethrow_with_outer_guard() {
  auto conn = connect();
  try {
    co_await work();
  } catch (...) {
    throw;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this exception path [asyncdrop-missing-async-drop]
  }
  co_await conn.async_drop();
}

// A guard of the handler's own, forgotten: the handler's throw reports it
// (and only it: the try block's guard is gone).
Task<void> handler_guard_forgotten() {
  try {
    auto conn = connect();
    co_await work();
    co_await conn.async_drop();
  } catch (...) {
    auto fallback = connect();
    log(2);
    throw;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'fallback' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await fallback.async_drop()' on this exception path
  }
}

// Leaving the function from a handler: an exception path although no throw
// is written.
Task<int> handler_co_return() {
  auto conn = connect();
  try {
    co_await work();
  } catch (...) {
    co_return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this exception path
  }
  co_await conn.async_drop();
  co_return 0;
}

// An explicit throw out of the function is an exception path too.
Task<void> throw_out(AsyncDropGuard<Conn> conn) {
  if (cond())
    throw std::runtime_error("no");
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this exception path
  co_await conn.async_drop();
}

// An ordinary early return is not.
Task<void> early_return() {
  auto conn = connect();
  if (cond())
    co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]
  co_await conn.async_drop();
}

}  // namespace app
