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

// An unbalanced parenthesis: the parser skips to the next ')' it finds, so
// the if's block, the drop in it and the drop after it become one skipped
// stretch, and the function ends with the guard live.
asyncdrop::Task<void> unbalanced(int n) {
  auto conn = asyncdrop::make_guard<Conn>();
  if ((n > 0) {
  // CHECK-MESSAGES: :[[@LINE-1]]:15: error: expected ')' [clang-diagnostic-error]
    co_await conn.async_drop();
    co_return;
  }
  co_await conn.async_drop();
}

}  // namespace broken
