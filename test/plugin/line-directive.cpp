// REQUIRES: check-missing-async-drop
// Under a `#line` directive, clang-tidy and the plugin name the same file and
// line: the physical ones (clang-tidy reports file offsets, which is also
// what its fix-its edit, and clangd shows the physical line). The compiler's
// own diagnostics keep naming the directive's file and line.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir/src && cp %s %t.dir/src/lined.cpp
// RUN: %clang_tidy -load=%asyncdrop_tidy_module --checks=-*,asyncdrop-missing-async-drop \
// RUN:   --config={} --quiet %t.dir/src/lined.cpp -- %asyncdrop_cxxflags 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %clangxx %asyncdrop_cxxflags -fsyntax-only -fno-caret-diagnostics -Wunused-variable \
// RUN:   -fplugin=%asyncdrop_plugin -fplugin-arg-asyncdrop-checks=-*,asyncdrop-missing-async-drop \
// RUN:   -fplugin-arg-asyncdrop-config={} %t.dir/src/lined.cpp 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=CHECK,CC --implicit-check-not=warning: --implicit-check-not=error:
// And every diagnostic and note the same in both hosts:
// RUN: %python %S/Inputs/compare_hosts.py --clang-tidy=%clang_tidy \
// RUN:   --module=%asyncdrop_tidy_module --clangxx=%clangxx --plugin=%asyncdrop_plugin \
// RUN:   --cxxflags='%asyncdrop_cxxflags' %t.dir/src/lined.cpp | FileCheck %s --check-prefix=SAME
// SAME: same: {{.*}}lined.cpp: 1 diagnostic(s)

#include <asyncdrop/asyncdrop.hpp>

namespace app {
class Conn {
private:
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

#line 500 "handlers.y"
asyncdrop::Task<void> handle(bool early) {
  int unused = 0;
  auto c = asyncdrop::make_guard<Conn>();
  if (early)
    co_return;
  co_await c.async_drop();
}
} // namespace app
// The compiler's own warning, at the directive's line 501:
// CC: handlers.y:501:7: warning: unused variable 'unused'
// The check's, at the physical lines 36, 34 and 35 (as clang-tidy reports them):
// CHECK: lined.cpp:36:5: warning: guard 'c' {{.*}} [asyncdrop-missing-async-drop]
// CHECK: lined.cpp:34:8: note: 'c' declared here
// CHECK: lined.cpp:35:7: note: taking the early 'co_return' here
