// Half-written coroutines holding guards: awaiting what is not awaitable,
// co_return of the wrong type, co_await outside a coroutine type, co_yield in a
// Task, a plain return, undeclared and misspelt callees.  The checks must skip
// these functions without crashing.  (co_await in a handler and a coroutine cut
// off by the end of the file: dropped-statement-*.cpp.)
//
// RUN: %check_asyncdrop_tidy --no-fix %s 'asyncdrop-*' %t
// RUN: not %clangxx -fsyntax-only -fno-caret-diagnostics %host_plugin_flags %asyncdrop_cxxflags %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PLUGIN %no_crash_no_asyncdrop
// PLUGIN: {{(fatal )?}}error:

#include <asyncdrop/asyncdrop.hpp>

#include <stdexcept>
#include <string>
#include <utility>

namespace app {

class Conn {
 public:
  asyncdrop::Task<int> read() { co_return 1; }
  int fd() const { return 3; }

 private:
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

// Awaiting an int.
asyncdrop::Task<void> await_int() {
  auto conn = asyncdrop::make_guard<Conn>();
  co_await conn->fd();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: error: member reference base type 'int' is not a structure or union [clang-diagnostic-error]
  co_await conn.async_drop();
}

// co_return of a value the Task cannot hold.
asyncdrop::Task<int> wrong_return() {
  auto conn = asyncdrop::make_guard<Conn>();
  int n = co_await conn->read();
  co_await conn.async_drop();
  co_return std::string("n") + n;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: error: invalid operands to binary expression ('std::string' (aka 'basic_string<char>') and 'int') [clang-diagnostic-error]
}

// co_await in a function whose return type is not a coroutine type.
int not_a_coroutine() {
// CHECK-MESSAGES: :[[@LINE-1]]:5: error: this function cannot be a coroutine: 'std::coroutine_traits<int>' has no member named 'promise_type' [clang-diagnostic-error]
  auto conn = asyncdrop::make_guard<Conn>();
  co_await conn.async_drop();
  return 0;
}

// co_yield in a Task (it has no yield_value).
asyncdrop::Task<int> yields() {
  auto conn = asyncdrop::make_guard<Conn>();
  co_yield 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: no member named 'yield_value' in 'asyncdrop::detail::task_promise<int>' [clang-diagnostic-error]
  co_await conn.async_drop();
  co_return 2;
}

// A plain return in a coroutine.
asyncdrop::Task<void> plain_return(bool early) {
  auto conn = asyncdrop::make_guard<Conn>();
  if (early) {
    co_await conn.async_drop();
    return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: error: return statement not allowed in coroutine; did you mean 'co_return'? [clang-diagnostic-error]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: error: non-void function 'plain_return' should return a value [clang-diagnostic-return-mismatch]
  }
  co_await conn.async_drop();
}

// Awaiting an undeclared function's result, then dropping.
asyncdrop::Task<void> undeclared_callee() {
  auto conn = asyncdrop::make_guard<Conn>();
  co_await handshake(*conn);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: error: use of undeclared identifier 'handshake' [clang-diagnostic-error]
  co_await conn.async_drop();
}

// A lambda coroutine with a body error, holding a moved guard.
auto lambda_with_error() {
  auto conn = asyncdrop::make_guard<Conn>();
  return [conn = std::move(conn)]() mutable -> asyncdrop::Task<void> {
    co_await conn->missing_member();
    // CHECK-MESSAGES: :[[@LINE-1]]:20: error: no member named 'missing_member' in 'app::Conn' [clang-diagnostic-error]
    co_await conn.async_drop();
  };
}

// The drop task awaited through a misspelt member.
asyncdrop::Task<void> misspelt_drop() {
  auto conn = asyncdrop::make_guard<Conn>();
  co_await conn.async_dorp();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: error: no member named 'async_dorp' in 'asyncdrop::AsyncDropGuard<app::Conn>'; did you mean 'async_drop'? [clang-diagnostic-error]
}

}  // namespace app
