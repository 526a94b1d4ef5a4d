// Guards of incomplete types: AsyncDropGuard<T> itself accepts an incomplete
// T (like std::unique_ptr), but creating one, dereferencing it or dropping it
// needs the complete type.  The checks must skip the invalid uses without
// crashing, and say nothing about the valid declarations.
//
// RUN: %check_asyncdrop_tidy --no-fix %s 'asyncdrop-*' %t
// RUN: not %clangxx -fsyntax-only -fno-caret-diagnostics %host_plugin_flags %asyncdrop_cxxflags %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PLUGIN %no_crash_no_asyncdrop
// PLUGIN: {{(fatal )?}}error:

#include <asyncdrop/asyncdrop.hpp>

#include <utility>

namespace app {

class Conn;  // never defined in this file

// Valid: declarations that only name the guard type.
asyncdrop::AsyncDropGuard<Conn> open_conn(int fd);
asyncdrop::Task<void> close_later(asyncdrop::AsyncDropGuard<Conn>&& conn);

// Invalid: creating a guard of an incomplete type.
asyncdrop::Task<void> create(int fd) {
  auto conn = asyncdrop::make_guard<Conn>(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: error: no matching function for call to 'make_guard' [clang-diagnostic-error]
  co_await conn.async_drop();
}

// Invalid: member access through the guard.
asyncdrop::Task<void> use(asyncdrop::AsyncDropGuard<Conn> conn) {
  co_await conn->send(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: error: member access into incomplete type 'app::Conn' [clang-diagnostic-error]
  co_await conn.async_drop();
}

// Invalid: a member of incomplete type next to a guard member.
class Holder {
 private:
  friend class asyncdrop::access;
  Holder() = default;
  asyncdrop::Task<void> async_drop_impl() { co_await conn_.async_drop(); }
  asyncdrop::AsyncDropGuard<Conn> conn_;
  Conn inline_conn_;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: error: field has incomplete type 'Conn' [clang-diagnostic-error]
};

// A type that is incomplete where it is used and completed afterwards.
class Late;
asyncdrop::Task<void> early_use(asyncdrop::AsyncDropGuard<Late> late) {
  late->poke();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: error: member access into incomplete type 'app::Late' [clang-diagnostic-error]
  co_await late.async_drop();
}
class Late {
 public:
  void poke() {}

 private:
  friend class asyncdrop::access;
  Late() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

}  // namespace app
// Instantiating the runtime's code for the incomplete Conn and Late (reported
// in the runtime header, after every diagnostic of this file):
// CHECK-MESSAGES: {{.*}}asyncdrop{{/|\\}}access.hpp:{{[0-9]+}}:{{[0-9]+}}: error: member access into incomplete type 'app::Conn' [clang-diagnostic-error]
// CHECK-MESSAGES: {{.*}}asyncdrop{{/|\\}}access.hpp:{{[0-9]+}}:{{[0-9]+}}: error: member access into incomplete type 'app::Late' [clang-diagnostic-error]
// CHECK-MESSAGES: {{.*}}asyncdrop{{/|\\}}access.hpp:{{[0-9]+}}:{{[0-9]+}}: error: field has incomplete type 'app::Conn' [clang-diagnostic-error]
