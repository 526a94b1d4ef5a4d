// REQUIRES: check-unawaited-async-drop
// The checks' fix-its travel with the diagnostics: the compiler shows the
// `co_await ` insertion, and -fdiagnostics-parseable-fixits prints it for
// tools. (Clang 17+ prints the snippet with a line-number gutter, " 22 |",
// Clang 16 without: the co_await line matches both.)
// RUN: rm -rf %t.dir && mkdir -p %t.dir/src && cp %s %t.dir/src/unawaited.cpp
// RUN: %clangxx %asyncdrop_cxxflags -fsyntax-only -fdiagnostics-parseable-fixits \
// RUN:   -fplugin=%asyncdrop_plugin -fplugin-arg-asyncdrop-config={} \
// RUN:   '-fplugin-arg-asyncdrop-checks=-*,asyncdrop-unawaited-async-drop' \
// RUN:   %t.dir/src/unawaited.cpp 2>&1 | FileCheck %s

#include <asyncdrop/asyncdrop.hpp>

class Conn {
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

asyncdrop::Task<void> forgot(asyncdrop::AsyncDropGuard<Conn> first,
                             asyncdrop::AsyncDropGuard<Conn> conn) {
  co_await first.async_drop();
  conn.async_drop();
  // CHECK: unawaited.cpp:[[@LINE-1]]:3: warning: the task returned by 'conn.async_drop()' is discarded without 'co_await': nothing is dropped [asyncdrop-unawaited-async-drop]
  // CHECK: {{^( +\|)? +co_await ?$}}
  // CHECK: fix-it:"{{.*}}unawaited.cpp":{[[@LINE-3]]:3-[[@LINE-3]]:3}:"co_await "
}
