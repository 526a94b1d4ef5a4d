// Syntax errors inside coroutines that hold guards: the checks must skip the
// broken functions, not crash, and not report anything in them.
//
// RUN: %check_asyncdrop_tidy --no-fix %s 'asyncdrop-*' %t
// RUN: not %clangxx -fsyntax-only -fno-caret-diagnostics %host_plugin_flags %asyncdrop_cxxflags %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PLUGIN %no_crash_no_asyncdrop
// PLUGIN: {{(fatal )?}}error:

#include <asyncdrop/asyncdrop.hpp>

namespace broken {

class Conn {
 public:
  asyncdrop::Task<void> send(int) { co_return; }

 private:
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

// A missing semicolon before the early return; the guard is never dropped on
// the early path, but the function is broken, so nothing is reported.
asyncdrop::Task<void> missing_semicolon(bool fail) {
  auto conn = asyncdrop::make_guard<Conn>()
  // CHECK-MESSAGES: :[[@LINE-1]]:44: error: expected ';' at end of declaration [clang-diagnostic-error]
  if (fail) co_return;
  co_await conn.async_drop();
}

// A stray token in the middle of an expression.
asyncdrop::Task<void> stray_token() {
  auto conn = asyncdrop::make_guard<Conn>();
  co_await conn->send(1 +);
  // CHECK-MESSAGES: :[[@LINE-1]]:26: error: expected expression [clang-diagnostic-error]
  co_await conn.async_drop();
}

// A misspelt keyword: 'co_awiat' is an undeclared identifier.
asyncdrop::Task<void> misspelt() {
  auto conn = asyncdrop::make_guard<Conn>();
  co_awiat conn.async_drop();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: unknown type name 'co_awiat' [clang-diagnostic-error]
  // CHECK-MESSAGES: :[[@LINE-2]]:16: error: expected ';' at end of declaration [clang-diagnostic-error]
  co_await conn.async_drop();
}

// Healthy code after all that: correct, so still nothing to report.
asyncdrop::Task<void> healthy() {
  auto conn = asyncdrop::make_guard<Conn>();
  co_await conn->send(2);
  co_await conn.async_drop();
}

}  // namespace broken
