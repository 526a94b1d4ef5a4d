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

// A lambda capture list cut off: the whole return statement, and with it the
// move of the guard into the lambda, is dropped.
auto cut_lambda() {
  auto conn = asyncdrop::make_guard<Conn>();
  return [conn = std::move(conn), ](int) -> asyncdrop::Task<void> { co_return; };
  // CHECK-MESSAGES: :[[@LINE-1]]:35: error: expected variable name or 'this' in lambda capture list [clang-diagnostic-error]
}

}  // namespace broken
// CHECK-MESSAGES: :[[@LINE-1]]:1: error: extraneous closing brace ('}') [clang-diagnostic-error]
