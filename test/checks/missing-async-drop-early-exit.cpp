// Only functions that mention a guard (a variable, a parameter, a temporary)
// are analysed; ASYNCDROP_FLOW_DEBUG=1 names each analysed function.
// RUN: env ASYNCDROP_FLOW_DEBUG=1 %clang_tidy -load=%asyncdrop_tidy_module \
// RUN:   --checks='-*,asyncdrop-missing-async-drop' --config={} --quiet %s \
// RUN:   -- %asyncdrop_cxxflags -iquote %S 2>&1 \
// RUN: | FileCheck %s --implicit-check-not='== GuardFlow:'

#include "Inputs/flow-common.h"

namespace app {

// CHECK-DAG: == GuardFlow: app::with_local
Task<void> with_local() {
  auto conn = connect();
  co_await conn.async_drop();
}

// CHECK-DAG: == GuardFlow: app::with_param
Task<void> with_param(AsyncDropGuard<Conn> conn) { co_await conn.async_drop(); }

// CHECK-DAG: == GuardFlow: app::with_temporary
void with_temporary() { take(connect()); }

Task<int> without_guards(int n) {
  int sum = 0;
  for (int i = 0; i < n; ++i)
    sum += i;
  co_await work();
  co_return sum;
}

int plain(int x) { return x < 0 ? -x : x; }

struct Widget {
  int size() const { return 3; }
  Task<void> refresh() { co_await work(); }
};

}  // namespace app
