// The seven type-level checks look at class definitions (and functions) in the
// main file and in user headers, never in system headers, and report each
// finding once per translation unit however often a template is instantiated.
//
// The headers are copied out of test/, which TestFileRegex takes for test code.
// RUN: rm -rf %t.dir && mkdir -p %t.dir/src/Inputs %t.dir/sys
// RUN: cp %S/Inputs/typecheck-user.h %t.dir/src/Inputs/
// RUN: cp %S/Inputs/typecheck-system/typecheck_system.h %t.dir/sys/
//
// Without -header-filter clang-tidy shows only the main file's findings:
// RUN: %check_asyncdrop_tidy --no-fix %s asyncdrop-public-constructor,asyncdrop-unguarded-factory,asyncdrop-missing-member-delegation,asyncdrop-member-drop-order,asyncdrop-sequential-member-drops,asyncdrop-unsafe-into-inner,asyncdrop-guard-in-std-container %t.dir/src/headers \
// RUN:   -- -- -isystem %t.dir/sys
// With it, the user header's too (each once), and still nothing from the
// system header:
// RUN: %check_asyncdrop_tidy --no-fix --check-suffix=HDR %s asyncdrop-public-constructor,asyncdrop-unguarded-factory,asyncdrop-missing-member-delegation,asyncdrop-member-drop-order,asyncdrop-sequential-member-drops,asyncdrop-unsafe-into-inner,asyncdrop-guard-in-std-container %t.dir/src/headers \
// RUN:   -- -header-filter='.*' -- -isystem %t.dir/sys

#include "Inputs/typecheck-user.h"
#include "Inputs/typecheck-user.h"
#include <typecheck_system.h>

// CHECK-MESSAGES-HDR-DAG: typecheck-user.h:29:3: warning: public constructor lets callers create 'Widget' without a guard
// CHECK-MESSAGES-HDR-DAG: typecheck-user.h:31:17: warning: 'make' returns AsyncDrop type 'Widget' by value
// CHECK-MESSAGES-HDR-DAG: typecheck-user.h:32:3: warning: 'std::vector' destroys the 'asyncdrop::AsyncDropGuard<hdr::Log>' it holds
// CHECK-MESSAGES-HDR-DAG: typecheck-user.h:35:8: warning: 'Holder' holds 'log_', which must be dropped asynchronously
// CHECK-MESSAGES-HDR-DAG: typecheck-user.h:46:14: warning: 'db_' is dropped before 'cache_', which depends on it
// CHECK-MESSAGES-HDR-DAG: typecheck-user.h:47:5: warning: 'cache_', 'log_' and 'audit_' are dropped one after another
// CHECK-MESSAGES-HDR-DAG: typecheck-user.h:54:25: warning: 'unsafe_into_inner_dont_drop()' takes the 'Log' out of its guard

// Instantiated three times, in both headers' namespaces. The calls of make()
// are notes in the main file, which makes clang-tidy show that one finding
// even without -header-filter.
// CHECK-MESSAGES: typecheck-user.h:31:17: warning: 'make' returns AsyncDrop type 'Widget' by value
hdr::Widget<int> a = hdr::Widget<int>::make();
hdr::Widget<long> b = hdr::Widget<long>::make();
hdr::Widget<char> c = hdr::Widget<char>::make();
sys::Widget<int> d = sys::Widget<int>::make();
sys::Widget<long> e = sys::Widget<long>::make();

// The main file's own finding.
struct Local {
  hdr::Holder holder;
  asyncdrop::AsyncDropGuard<hdr::Log> log;
};
// CHECK-MESSAGES: :[[@LINE-4]]:8: warning: 'Local' holds 'log', which must be dropped asynchronously
// CHECK-MESSAGES-HDR-DAG: :[[@LINE-5]]:8: warning: 'Local' holds 'log', which must be dropped asynchronously
