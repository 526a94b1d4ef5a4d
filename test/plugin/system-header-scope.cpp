// REQUIRES: check-missing-async-drop, check-use-after-async-drop
// The plugin walks only the top-level declarations outside system headers
// (clang-plugin/AsyncDropPlugin.cpp, TidyConsumer): guard misuse inside a
// system header is never reported, also where user code instantiates its
// templates, while the user code's findings are exactly clang-tidy's: in the
// main file, in a user template instantiated only from inside the system
// header, and in a user header once the header filter shows it.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir/src %t.dir/sys
// RUN: cp %s %t.dir/src/scope.cpp
// RUN: cp %S/Inputs/scope/scope_user.h %t.dir/src/
// RUN: cp %S/Inputs/scope/sys/scope_system.h %t.dir/sys/
//
// What the plugin prints: the two main-file findings, nothing else.
// RUN: %clangxx %asyncdrop_cxxflags -isystem %t.dir/sys -fsyntax-only \
// RUN:   -fno-caret-diagnostics -fplugin=%asyncdrop_plugin \
// RUN:   -fplugin-arg-asyncdrop-config={} %t.dir/src/scope.cpp 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// (With the user header shown and SystemHeaders on: system-header-scope-all.test,
// not on LLVM 16, whose configuration has no SystemHeaders key.)
//
// And exactly what clang-tidy reports (locations, messages, notes, order):
// RUN: %python %S/Inputs/compare_hosts.py --clang-tidy=%clang_tidy \
// RUN:   --module=%asyncdrop_tidy_module --clangxx=%clangxx --plugin=%asyncdrop_plugin \
// RUN:   --cxxflags='%asyncdrop_cxxflags -isystem %t.dir/sys' --min-findings=2 \
// RUN:   %t.dir/src/scope.cpp | FileCheck %s --check-prefix=SAME
// SAME: same: {{.*}}scope.cpp: 2 diagnostic(s)
// SAME-HDR: same: {{.*}}scope.cpp: 3 diagnostic(s)

#include "scope_user.h"
#include <scope_system.h>

namespace app {
class Job {
private:
  friend class asyncdrop::access;
  Job() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

// Only instantiated from sys::run, inside the system header; whether it
// leaks depends on T, so only the instantiation has the finding.
template <class T> struct Runner {
  static asyncdrop::Task<void> run() {
    auto g = asyncdrop::make_guard<T>();
    co_return;
  }
  // CHECK: scope.cpp:[[@LINE-2]]:5: warning: guard 'g' {{.*}} [asyncdrop-missing-async-drop]
  // CHECK-NEXT: scope.cpp:[[@LINE-4]]:10: note: 'g' declared here
};

asyncdrop::Task<void> entry(bool early) {
  co_await sys::leak(early);
  co_await sys::use_after_drop();
  co_await sys::leak_one<Job>();
  co_await sys::run<Runner<Job>>();
  auto j = asyncdrop::make_guard<Job>();
  if (early)
    co_return;
  // CHECK: scope.cpp:[[@LINE-1]]:5: warning: guard 'j' {{.*}} [asyncdrop-missing-async-drop]
  // CHECK-NEXT: scope.cpp:[[@LINE-4]]:8: note: 'j' declared here
  // CHECK-NEXT: scope.cpp:[[@LINE-4]]:7: note: taking the early 'co_return' here
  co_await j.async_drop();
}
} // namespace app

// Sorted by file, as clang-tidy sorts: the user header's finding comes last.
// HDR: scope_user.h:17:5: warning: guard 'r' {{.*}} [asyncdrop-missing-async-drop]
// HDR-NEXT: scope_user.h:15:8: note: 'r' declared here
