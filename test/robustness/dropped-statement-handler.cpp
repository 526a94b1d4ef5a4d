// Parser recovery that leaves no trace in the AST: the statement (or the rest
// of a block) that held the drop or the move is skipped, no RecoveryExpr and
// no invalid declaration is left behind, so the function looks complete and
// well-formed, with a guard that is never dropped.  The checks must not report
// it (the code was broken, not wrong), like clang's own flow warnings, which
// stop once an error has occurred (AnalysisBasedWarnings).
//
// RUN: %check_asyncdrop_tidy --no-fix %s 'asyncdrop-*' %t
// RUN: not %clangxx -fsyntax-only -fno-caret-diagnostics %host_plugin_flags %asyncdrop_cxxflags %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PLUGIN %no_crash_no_asyncdrop
// PLUGIN: {{(fatal )?}}error:

#include <asyncdrop/asyncdrop.hpp>

#include <stdexcept>
#include <utility>

namespace broken {

class Conn {
 public:
  asyncdrop::Task<void> send(int) { co_return; }

 private:
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

// co_await inside a catch handler is not allowed: Sema drops the expression
// statement, and with the only co_await gone the function is not even a
// coroutine any more.
asyncdrop::Task<void> await_in_handler() {
  auto conn = asyncdrop::make_guard<Conn>();
  try {
    throw std::runtime_error("x");
  } catch (...) {
    co_await conn.async_drop();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: error: 'co_await' cannot be used in the handler of a try block [clang-diagnostic-error]
  }
}

}  // namespace broken
