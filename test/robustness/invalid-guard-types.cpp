// Guards of types that cannot be guarded, and guard types written wrongly:
// a type without async_drop_impl(), a missing template argument, an undeclared
// argument, a const T, a cleanup with the wrong return type.  The checks must
// skip what Sema rejects without crashing.
//
// RUN: %check_asyncdrop_tidy --no-fix %s 'asyncdrop-*' %t
// RUN: not %clangxx -fsyntax-only -fno-caret-diagnostics %host_plugin_flags %asyncdrop_cxxflags %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PLUGIN %no_crash_no_asyncdrop
// PLUGIN: {{(fatal )?}}error:

#include <asyncdrop/asyncdrop.hpp>

#include <utility>

namespace app {

struct Plain {
  int x = 0;
};

class WrongCleanup {
 private:
  friend class asyncdrop::access;
  WrongCleanup() = default;
  int async_drop_impl() { return 0; }  // not a Task<void>
};

class Fine {
 private:
  friend class asyncdrop::access;
  Fine() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

asyncdrop::Task<void> not_async_droppable() {
  auto g = asyncdrop::make_guard<Plain>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: error: no matching function for call to 'make_guard' [clang-diagnostic-error]
  co_await g.async_drop();
}

asyncdrop::Task<void> wrong_cleanup_type() {
  auto g = asyncdrop::make_guard<WrongCleanup>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: error: no matching function for call to 'make_guard' [clang-diagnostic-error]
  co_await g.async_drop();
}

asyncdrop::Task<void> missing_argument(asyncdrop::AsyncDropGuard<> g) {
// CHECK-MESSAGES: :[[@LINE-1]]:51: error: too few template arguments for class template 'AsyncDropGuard' [clang-diagnostic-error]
  co_await g.async_drop();
}

asyncdrop::Task<void> undeclared_argument(asyncdrop::AsyncDropGuard<Nope> g) {
// CHECK-MESSAGES: :[[@LINE-1]]:69: error: use of undeclared identifier 'Nope' [clang-diagnostic-error]
  co_await g.async_drop();
}

asyncdrop::Task<void> const_argument() {
  auto g = asyncdrop::make_guard<const Fine>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: error: no matching function for call to 'make_guard' [clang-diagnostic-error]
  co_await g.async_drop();
}

// A guard initialised from something that is not a guard.
asyncdrop::Task<void> wrong_initialiser() {
  asyncdrop::AsyncDropGuard<Fine> g = 42;
  // CHECK-MESSAGES: :[[@LINE-1]]:35: error: no viable conversion from 'int' to 'asyncdrop::AsyncDropGuard<Fine>' [clang-diagnostic-error]
  co_await g.async_drop();
}

// Copying a guard (deleted) and then dropping both.
asyncdrop::Task<void> copied() {
  auto g = asyncdrop::make_guard<Fine>();
  auto h = g;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: error: call to deleted constructor of 'AsyncDropGuard<Fine>' [clang-diagnostic-error]
  co_await g.async_drop();
  co_await h.async_drop();
}

}  // namespace app
