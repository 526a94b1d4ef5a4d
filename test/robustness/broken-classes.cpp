// Classes that the type-level checks look at (public constructors, factories,
// guard members, standard containers of guards), each broken: an undeclared
// base, a member of undeclared type, a constructor with an error in its
// initialiser list, a factory returning an undeclared type, a container of
// guards of an undeclared type, a class that is never closed properly.
//
// RUN: %check_asyncdrop_tidy --no-fix %s 'asyncdrop-*' %t
// RUN: not %clangxx -fsyntax-only -fno-caret-diagnostics %host_plugin_flags %asyncdrop_cxxflags %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PLUGIN %no_crash_no_asyncdrop
// PLUGIN: {{(fatal )?}}error:

#include <asyncdrop/asyncdrop.hpp>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace app {

class Conn {
 private:
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

// An undeclared base class.
class Derived : public MissingBase {
// CHECK-MESSAGES: :[[@LINE-1]]:24: error: expected class name [clang-diagnostic-error]
 private:
  friend class asyncdrop::access;
  Derived() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

// A guard member next to a member of undeclared type, dropped in the cleanup.
class Holder {
 private:
  friend class asyncdrop::access;
  Holder() : conn_(asyncdrop::make_guard<Conn>()) {}
  asyncdrop::Task<void> async_drop_impl() {
    co_await other_.close();
    co_await conn_.async_drop();
  }
  asyncdrop::AsyncDropGuard<Conn> conn_;
  Undeclared other_;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: unknown type name 'Undeclared' [clang-diagnostic-error]
};

// A constructor whose initialiser list names a member that does not exist.
class BadInit {
 private:
  friend class asyncdrop::access;
  BadInit() : conn_(asyncdrop::make_guard<Conn>()), nothing_(1) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:53: error: member initializer 'nothing_' does not name a non-static data member or base class [clang-diagnostic-error]
  asyncdrop::Task<void> async_drop_impl() { co_await conn_.async_drop(); }
  asyncdrop::AsyncDropGuard<Conn> conn_;
};

// Factories returning undeclared types, or returning by value with an error.
Widget make_widget();
// CHECK-MESSAGES: :[[@LINE-1]]:1: error: unknown type name 'Widget' [clang-diagnostic-error]
asyncdrop::Task<Gadget> make_gadget();
// CHECK-MESSAGES: :[[@LINE-1]]:17: error: use of undeclared identifier 'Gadget' [clang-diagnostic-error]
Conn bad_factory() { return Conn(1 +); }
// CHECK-MESSAGES: :[[@LINE-1]]:37: error: expected expression [clang-diagnostic-error]

// Standard owners of guards of an undeclared type.
std::vector<asyncdrop::AsyncDropGuard<Nope>> pool;
// CHECK-MESSAGES: :[[@LINE-1]]:39: error: use of undeclared identifier 'Nope' [clang-diagnostic-error]
std::map<int, std::optional<asyncdrop::AsyncDropGuard<Nope>>> table;
// CHECK-MESSAGES: :[[@LINE-1]]:55: error: use of undeclared identifier 'Nope' [clang-diagnostic-error]
std::unique_ptr<asyncdrop::AsyncDropGuard<Nope>> single;
// CHECK-MESSAGES: :[[@LINE-1]]:43: error: use of undeclared identifier 'Nope' [clang-diagnostic-error]

// A class whose async_drop_impl has a syntax error.
class BrokenCleanup {
 private:
  friend class asyncdrop::access;
  BrokenCleanup() : conn_(asyncdrop::make_guard<Conn>()) {}
  asyncdrop::Task<void> async_drop_impl() {
    co_await conn_.async_drop() +;
    // CHECK-MESSAGES: :[[@LINE-1]]:34: error: expected expression [clang-diagnostic-error]
  }
  asyncdrop::AsyncDropGuard<Conn> conn_;
};

}  // namespace app
