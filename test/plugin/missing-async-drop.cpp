// REQUIRES: check-missing-async-drop
// A guard leaked on one path is reported by the compile itself, with its
// note; with werror the build fails. NOLINT works for this check too.
// RUN: rm -rf %t.dir && mkdir -p %t.dir/src && cp %s %t.dir/src/leak.cpp
// RUN: %clangxx %asyncdrop_cxxflags -fsyntax-only -fno-caret-diagnostics \
// RUN:   -fplugin=%asyncdrop_plugin -fplugin-arg-asyncdrop-config={} \
// RUN:   %t.dir/src/leak.cpp 2>&1 \
// RUN:   | FileCheck %s -DLEVEL=warning --implicit-check-not=warning: --implicit-check-not=error:
// RUN: not %clangxx %asyncdrop_cxxflags -c -o %t.dir/leak.o -fno-caret-diagnostics \
// RUN:   -fplugin=%asyncdrop_plugin -fplugin-arg-asyncdrop-config={} \
// RUN:   -fplugin-arg-asyncdrop-werror %t.dir/src/leak.cpp 2>&1 \
// RUN:   | FileCheck %s -DLEVEL=error --implicit-check-not=warning: --implicit-check-not=error:

#include <asyncdrop/asyncdrop.hpp>

#include <string>
#include <utility>

namespace app {
class Connection {
public:
  void send(std::string bytes) { sent_ += bytes; }

private:
  friend class asyncdrop::access;
  explicit Connection(std::string peer) : peer_(std::move(peer)) {}
  asyncdrop::Task<void> async_drop_impl() { co_return; }

  std::string peer_;
  std::string sent_;
};

asyncdrop::Task<void> early_return(bool quick) {
  auto conn = asyncdrop::make_guard<Connection>("peer");
  conn->send("hello");
  if (quick)
    co_return;
  // CHECK: leak.cpp:[[@LINE-1]]:{{[0-9]+}}: [[LEVEL]]: guard 'conn' of type '{{[^']*}}AsyncDropGuard<{{[^']*}}Connection>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop{{(,-warnings-as-errors)?}}]
  // CHECK-NEXT: leak.cpp:[[@LINE-5]]:{{[0-9]+}}: note: 'conn' declared here
  co_await conn.async_drop();
}

asyncdrop::Task<void> suppressed(bool quick) {
  auto conn = asyncdrop::make_guard<Connection>("peer");
  if (quick)
    co_return; // NOLINT(asyncdrop-missing-async-drop)
  co_await conn.async_drop();
}
} // namespace app
