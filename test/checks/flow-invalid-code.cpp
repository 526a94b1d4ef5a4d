// A translation unit with compile errors is not analysed by the flow checks:
// no crash, and no diagnostic built on a broken AST (parser recovery can drop
// a statement, say the drop, without leaving any trace in the AST).
// RUN: %check_asyncdrop_tidy --no-fix %s asyncdrop-missing-async-drop,asyncdrop-unawaited-async-drop,asyncdrop-use-after-async-drop %t

#include "Inputs/flow-common.h"

namespace app {

Task<void> undeclared_identifier() {
  auto conn = connect();
  conn->send(no_such_thing);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: error: use of undeclared identifier 'no_such_thing' [clang-diagnostic-error]
  if (cond())
    co_return;
  co_await conn.async_drop();
  conn->send(1);
}

Task<void> undeclared_guard_type() {
  AsyncDropGuard<NoSuchType> guard = connect();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: error: use of undeclared identifier 'NoSuchType' [clang-diagnostic-error]
  guard.async_drop();
}

struct Incomplete;
Task<void> incomplete_type() {
  auto conn = connect();
  Incomplete value;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: error: variable has incomplete type 'Incomplete' [clang-diagnostic-error]
  co_return;
}

Task<void> broken_call() {
  auto conn = connect();
  take(conn, 1, 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: no matching function for call to 'take' [clang-diagnostic-error]
  co_await conn.async_drop();
  conn.async_drop();
}

template <class T>
Task<void> broken_template(AsyncDropGuard<T> guard) {
  guard->no_such_member();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: error: no member named 'no_such_member' in 'app::Conn' [clang-diagnostic-error]
  co_return;
}
void instantiate() { (void)broken_template(connect()); }

// Even a function without errors of its own is left alone, as clang's own
// flow warnings are once an error has occurred.
Task<void> valid_but_buggy() {
  auto conn = connect();
  co_await work();
}

// The drop is in a statement the parser drops (co_await is not allowed in a
// handler): the function would look like it forgets the guard.
Task<void> await_in_handler() {
  auto conn = connect();
  try {
    may_throw();
  } catch (...) {
    co_await conn.async_drop();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: error: 'co_await' cannot be used in the handler of a try block [clang-diagnostic-error]
  }
}

}  // namespace app
