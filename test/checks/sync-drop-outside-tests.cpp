// Production code: every spelled use of SyncDrop is reported.
// RUN: %check_asyncdrop_tidy %s asyncdrop-sync-drop-outside-tests %t.dir/src/service
//
// The same code in test files, recognised by the default TestFileRegex:
// RUN: %check_asyncdrop_tidy --check-suffix=TESTFILE %s asyncdrop-sync-drop-outside-tests %t.dir/tests/service
// RUN: %check_asyncdrop_tidy --check-suffix=TESTFILE %s asyncdrop-sync-drop-outside-tests %t.dir/src/service_test
// RUN: %check_asyncdrop_tidy --check-suffix=TESTFILE %s asyncdrop-sync-drop-outside-tests %t.dir/src/service_unittest
// RUN: %check_asyncdrop_tidy --check-suffix=TESTFILE %s asyncdrop-sync-drop-outside-tests %t.dir/src/test_service
//
// ... by including a test framework header (real GoogleTest), or one named
// in TestFrameworkHeaders:
// RUN: %check_asyncdrop_tidy --check-suffix=TESTFILE %s asyncdrop-sync-drop-outside-tests %t.dir/src/gtest_service -- -- -DINCLUDE_GTEST
// RUN: %check_asyncdrop_tidy --check-suffix=TESTFILE %s asyncdrop-sync-drop-outside-tests %t.dir/src/own_framework \
// RUN:   -- -config="{CheckOptions: {asyncdrop-sync-drop-outside-tests.TestFrameworkHeaders: 'Inputs/our_test_framework.h'}}" -- -DINCLUDE_OWN_FRAMEWORK
//
// A custom TestFileRegex replaces the default: tests/ is production code now.
// RUN: %check_asyncdrop_tidy --check-suffix=TESTFILE %s asyncdrop-sync-drop-outside-tests %t.dir/integration/service \
// RUN:   -- -config="{CheckOptions: {asyncdrop-sync-drop-outside-tests.TestFileRegex: '/integration/'}}"
// RUN: %check_asyncdrop_tidy %s asyncdrop-sync-drop-outside-tests %t.dir/tests/service2 \
// RUN:   -- -config="{CheckOptions: {asyncdrop-sync-drop-outside-tests.TestFileRegex: '/integration/'}}"
//
// Without the include the framework header option alone does not matter:
// RUN: %check_asyncdrop_tidy %s asyncdrop-sync-drop-outside-tests %t.dir/src/no_framework \
// RUN:   -- -config="{CheckOptions: {asyncdrop-sync-drop-outside-tests.TestFrameworkHeaders: 'Inputs/our_test_framework.h'}}"

#include <asyncdrop/asyncdrop.hpp>
#include <vector>
#ifdef INCLUDE_GTEST
#include <gtest/gtest.h>
#endif
#ifdef INCLUDE_OWN_FRAMEWORK
#include "Inputs/our_test_framework.h"
#endif

namespace app {
class Conn {
public:
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

asyncdrop::AsyncDropGuard<Conn> connect() {
  return asyncdrop::make_guard<Conn>();
}

// Local variable.
void shutdown_blocking() {
  asyncdrop::SyncDrop<Conn> conn(connect());
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'asyncdrop::SyncDrop<app::Conn>' blocks the calling thread until the cleanup finishes and can deadlock inside an event loop; outside tests, drop with 'co_await guard.async_drop()' or 'with_async_drop' [asyncdrop-sync-drop-outside-tests]
}

// Member, parameter, return type.
struct Holder {
  asyncdrop::SyncDrop<Conn> conn;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'asyncdrop::SyncDrop<app::Conn>' blocks
};
void take(asyncdrop::SyncDrop<Conn> &conn);
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'asyncdrop::SyncDrop<app::Conn>' blocks
asyncdrop::SyncDrop<Conn> make_blocking();
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'asyncdrop::SyncDrop<app::Conn>' blocks

// Alias declaration, and uses through the alias.
using BlockingConn = asyncdrop::SyncDrop<Conn>;
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'asyncdrop::SyncDrop<app::Conn>' blocks
void use_alias(BlockingConn &conn);
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'app::BlockingConn' is 'asyncdrop::SyncDrop<app::Conn>', which blocks the calling thread

// Alias template, and a dependent use inside a template.
template <class T> using Blocking = asyncdrop::SyncDrop<T>;
// CHECK-MESSAGES: :[[@LINE-1]]:48: warning: 'asyncdrop::SyncDrop<T>' blocks
template <class T> void generic(asyncdrop::AsyncDropGuard<T> guard) {
  asyncdrop::SyncDrop<T> blocking(std::move(guard));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'asyncdrop::SyncDrop<T>' blocks
}
void instantiate() { generic(connect()); }
void use_alias_template(Blocking<Conn> *conn);
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Blocking<Conn>' is 'asyncdrop::SyncDrop<app::Conn>', which blocks

// Template argument.
void many(std::vector<asyncdrop::SyncDrop<Conn>> *all);
// CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'asyncdrop::SyncDrop<app::Conn>' blocks

// Class template argument deduction.
void deduced() {
  asyncdrop::SyncDrop conn(connect());
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'asyncdrop::SyncDrop' blocks
}

// Correct code is not reported: async drops, and names that only look alike.
asyncdrop::Task<void> shutdown() {
  auto conn = connect();
  co_await conn.async_drop();
}
template <class T> struct SyncDrop {};
SyncDrop<Conn> not_the_runtime_type;
} // namespace app
