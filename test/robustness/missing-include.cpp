// A missing header: the types and functions it would have declared are
// unknown, so guards of them, and everything done with those guards, are
// invalid.  The checks must skip all of it without crashing.
//
// RUN: %check_asyncdrop_tidy --no-fix %s 'asyncdrop-*' %t
// RUN: not %clangxx -fsyntax-only -fno-caret-diagnostics %host_plugin_flags %asyncdrop_cxxflags %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PLUGIN %no_crash_no_asyncdrop
// PLUGIN: {{(fatal )?}}error:

#include <asyncdrop/asyncdrop.hpp>
#include "net/connection.hpp"  // does not exist
// CHECK-MESSAGES: :[[@LINE-1]]:10: error: 'net/connection.hpp' file not found [clang-diagnostic-error]

namespace app {

// net::Connection was to come from the missing header.
asyncdrop::Task<void> serve(int fd) {
  auto conn = asyncdrop::make_guard<net::Connection>(fd);
  if (fd < 0) co_return;  // would be a missing drop, if this compiled
  co_await conn->send("hello");
  co_await conn.async_drop();
}

asyncdrop::Task<void> forward(asyncdrop::AsyncDropGuard<net::Connection> conn) {
  co_await conn->flush();
}

class Relay {
 public:
  static asyncdrop::AsyncDropGuard<Relay> open() { return asyncdrop::make_guard<Relay>(); }

 private:
  friend class asyncdrop::access;
  Relay() = default;
  asyncdrop::Task<void> async_drop_impl() { co_await upstream_.async_drop(); }
  asyncdrop::AsyncDropGuard<net::Connection> upstream_;
  net::Buffer buffer_;
};

}  // namespace app
