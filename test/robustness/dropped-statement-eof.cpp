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
  int fd() const { return 3; }

 private:
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

// The file ends inside this coroutine (what an editor shows while typing):
// the parser closes the blocks at the end of the file, and the path on which
// the if is not taken has no drop.
// CHECK-MESSAGES: :[[@LINE+4]]:32: error: expected '}' [clang-diagnostic-error]
asyncdrop::Task<void> unterminated() {
  auto conn = asyncdrop::make_guard<Conn>();
  if (conn->fd() > 0) {
    co_await conn.async_drop();
