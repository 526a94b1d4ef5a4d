// The plugin runs the asyncdrop-* checks during a normal compile and prints
// their findings like compiler warnings; the compile still succeeds. Only
// asyncdrop-sync-drop-outside-tests runs here, so other checks cannot change
// the expected output (clean.cpp runs them all).
//
// The file is compiled from a copy under src/: its own path (test/plugin/)
// would make it (and Inputs/) test code for asyncdrop-sync-drop-outside-tests. The empty
// config keeps any .clang-tidy above the build tree out.
// RUN: rm -rf %t.dir && mkdir -p %t.dir/src && cp %s %t.dir/src/service.cpp
// RUN: cp -r %S/Inputs %t.dir/src/Inputs
// RUN: %clangxx %asyncdrop_cxxflags -fsyntax-only -fno-caret-diagnostics \
// RUN:   -fplugin=%asyncdrop_plugin -fplugin-arg-asyncdrop-config={} \
// RUN:   '-fplugin-arg-asyncdrop-checks=-*,asyncdrop-sync-drop-outside-tests' \
// RUN:   %t.dir/src/service.cpp 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
//
// A real compile to an object file: codegen runs and the plugin reports.
// RUN: %clangxx %asyncdrop_cxxflags -c -o %t.dir/service.o -fno-caret-diagnostics \
// RUN:   -fplugin=%asyncdrop_plugin -fplugin-arg-asyncdrop-config={} \
// RUN:   '-fplugin-arg-asyncdrop-checks=-*,asyncdrop-sync-drop-outside-tests' \
// RUN:   %t.dir/src/service.cpp 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: llvm-nm -C %t.dir/service.o | FileCheck --check-prefix=OBJ %s
// OBJ: T app::shutdown_blocking()
//
// A header finding is shown once HeaderFilterRegex selects the header, as in
// clang-tidy (and only then):
// RUN: %clangxx %asyncdrop_cxxflags -fsyntax-only -fno-caret-diagnostics \
// RUN:   -fplugin=%asyncdrop_plugin '-fplugin-arg-asyncdrop-checks=-*,asyncdrop-sync-drop-outside-tests' \
// RUN:   "-fplugin-arg-asyncdrop-config={HeaderFilterRegex: 'service\.h'}" \
// RUN:   %t.dir/src/service.cpp 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=CHECK,HEADER \
// RUN:       --implicit-check-not=warning: --implicit-check-not=error:
// HEADER: Inputs/service.h:12:{{[0-9]+}}: warning: 'asyncdrop::SyncDrop<app::HeaderConn>' blocks the calling thread {{.*}} [asyncdrop-sync-drop-outside-tests]

#include "Inputs/service.h"
#include <asyncdrop/asyncdrop.hpp>

namespace app {
class Conn {
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

asyncdrop::AsyncDropGuard<Conn> connect() {
  return asyncdrop::make_guard<Conn>();
}

void shutdown_blocking() {
  asyncdrop::SyncDrop<Conn> conn(connect());
  // CHECK: service.cpp:[[@LINE-1]]:{{[0-9]+}}: warning: 'asyncdrop::SyncDrop<app::Conn>' blocks the calling thread until the cleanup finishes and can deadlock inside an event loop; outside tests, drop with 'co_await guard.async_drop()' or 'with_async_drop' [asyncdrop-sync-drop-outside-tests]
}

// NOLINT comments are honoured, with and without a check list.
void nolint_all(asyncdrop::SyncDrop<Conn> *conn); // NOLINT
void nolint_named(asyncdrop::SyncDrop<Conn> *conn); // NOLINT(asyncdrop-sync-drop-outside-tests)
void nolint_glob(asyncdrop::SyncDrop<Conn> *conn); // NOLINT(asyncdrop-*)
// NOLINTNEXTLINE(asyncdrop-sync-drop-outside-tests)
void nolint_next(asyncdrop::SyncDrop<Conn> *conn);
// NOLINTBEGIN(asyncdrop-sync-drop-outside-tests)
void nolint_block(asyncdrop::SyncDrop<Conn> *conn);
// NOLINTEND(asyncdrop-sync-drop-outside-tests)

// A NOLINT for another check does not hide this one.
void other_nolint(asyncdrop::SyncDrop<Conn> *conn); // NOLINT(bugprone-use-after-move)
// CHECK: service.cpp:[[@LINE-1]]:{{[0-9]+}}: warning: 'asyncdrop::SyncDrop<app::Conn>' blocks {{.*}} [asyncdrop-sync-drop-outside-tests]

} // namespace app
