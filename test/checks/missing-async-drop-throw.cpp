// Explicit throws leaving a guard's scope, try/catch, and CheckThrowPaths.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop %t
// RUN: %check_asyncdrop_tidy --check-suffix=NOTHROW %s asyncdrop-missing-async-drop %t-nothrow \
// RUN:   -- -config="{CheckOptions: {asyncdrop-missing-async-drop.CheckThrowPaths: false}}"

#include "Inputs/flow-common.h"

namespace app {

struct ParseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A throw outside any try block leaves the function.
Task<void> throw_out_of_function() {
  auto conn = connect();
  if (pick() < 0)
    throw std::runtime_error("negative");
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this exception path [asyncdrop-missing-async-drop]
  co_await conn.async_drop();
}

// An ordinary function, a by-value parameter.
void throw_with_param(AsyncDropGuard<Conn> conn) {
  if (cond())
    throw 42;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
  take(std::move(conn));
}

// Thrown inside a try block whose handler is outside the guard's scope.
Task<void> throw_out_of_scope_into_handler() {
  try {
    auto conn = connect();
    if (cond())
      throw ParseError("bad");
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
    co_await conn.async_drop();
  } catch (const std::exception &) {
    log(1);
  }
}

// Thrown to a handler inside the guard's scope: the guard lives on, and the
// handler's way out decides.
Task<void> throw_caught_within_scope() {
  auto conn = connect();
  bool failed = false;
  try {
    if (cond())
      throw ParseError("bad");
    log(2);
  } catch (const ParseError &) {
    failed = true;
  }
  log(failed);
  co_await conn.async_drop();
}

// Not caught by the only handler (wrong type): leaves the function.
Task<void> throw_not_matching_handler() {
  auto conn = connect();
  try {
    if (cond())
      throw 7;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
  } catch (const std::exception &) {
  }
  co_await conn.async_drop();
}

// A rethrow from a handler leaves the function.
Task<void> rethrow() {
  auto conn = connect();
  bool failed = false;
  try {
    may_throw();
  } catch (...) {
    failed = true;
    if (pick() == 1)
      throw;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
  }
  log(failed);
  co_await conn.async_drop();
}

// A handler is entered from anywhere in its try block: leaving from the
// handler without a drop is a bug even without any throw in sight.
Task<int> handler_returns() {
  auto conn = connect();
  try {
    co_await work();
  } catch (...) {
    co_return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
    // CHECK-MESSAGES-NOTHROW: :[[@LINE-2]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
  }
  co_await conn.async_drop();
  co_return 0;
}

// Dropped inside the try block before anything can throw: the handler only
// sees a dropped guard.
Task<int> dropped_before_throwing_call() {
  auto conn = connect();
  try {
    co_await conn.async_drop();
    may_throw();
  } catch (...) {
    co_return -1;
  }
  co_return 0;
}

// Calls that merely might throw are not paths.
Task<void> may_throw_is_not_a_path() {
  auto conn = connect();
  may_throw();
  co_await work();
  co_await conn.async_drop();
}

// Dropped before the throw: fine.
Task<void> drop_then_throw() {
  auto conn = connect();
  if (cond()) {
    co_await conn.async_drop();
    throw std::runtime_error("closed");
  }
  co_await conn.async_drop();
}

// A noreturn call ends the program, not the guard's scope.
[[noreturn]] void fatal();
Task<void> noreturn_call() {
  auto conn = connect();
  if (cond())
    fatal();
  co_await conn.async_drop();
}

// A call that always throws is a throw: std::rethrow_exception, after the
// usual "remember the exception, drop, rethrow" (co_await is not allowed in
// a handler).
Task<void> rethrow_after_drop() {
  auto conn = connect();
  std::exception_ptr failure;
  try {
    may_throw();
  } catch (...) {
    failure = std::current_exception();
  }
  co_await conn.async_drop();
  if (failure)
    std::rethrow_exception(failure);
}

Task<void> rethrow_before_drop() {
  auto conn = connect();
  std::exception_ptr failure;
  try {
    may_throw();
  } catch (...) {
    failure = std::current_exception();
  }
  if (failure)
    std::rethrow_exception(failure);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this exception path [asyncdrop-missing-async-drop]
  co_await conn.async_drop();
}

// A project's own throwing helper, and std::throw_with_nested.
[[noreturn]] void throw_protocol_error(int code);
Task<void> throwing_helper(AsyncDropGuard<Conn> conn) {
  if (conn->id() < 0)
    throw_protocol_error(conn->id());
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this exception path [asyncdrop-missing-async-drop]
  co_await conn.async_drop();
}

Task<void> nested_rethrow_in_a_loop(int n) {
  for (int i = 0; i < n; ++i) {
    auto conn = connect();
    if (i == 3)
      std::throw_with_nested(std::runtime_error("third"));
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this exception path [asyncdrop-missing-async-drop]
    co_await conn.async_drop();
  }
}

// Rethrown into a handler inside the guard's scope: the guard lives on.
Task<void> rethrow_caught_within_scope(std::exception_ptr failure) {
  auto conn = connect();
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception &) {
    log(2);
  }
  co_await conn.async_drop();
}

// Dropped in a member function before rethrowing: fine.
class Client {
public:
  Task<void> call(std::exception_ptr failure) {
    auto conn = connect();
    co_await conn.async_drop();
    if (failure)
      std::rethrow_exception(failure);
  }
};

}  // namespace app
