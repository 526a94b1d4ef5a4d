// Unnamed bit-fields (padding) are not data members a caller can initialise:
// the aggregate warning's note names the first named member, and a class
// with only unnamed bit-fields is reported for its implicit default
// constructor instead. (FieldDecl::isUnnamedBitField is isUnnamedBitfield in
// Clang 16: utils/ClangCompat.h; this test runs with both.)
// RUN: %check_asyncdrop_tidy --no-fix %s asyncdrop-public-constructor %t.dir/src/bitfields

#include <asyncdrop/asyncdrop.hpp>

struct Flags {
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: 'Flags' is an aggregate: its public data members let callers create it with 'Flags{...}' without a guard; an AsyncDrop type must only be created through a factory returning 'AsyncDropGuard<Flags>' [asyncdrop-public-constructor]
  int : 4;
  int mode : 4;
  // CHECK-NOTES: :[[@LINE-1]]:7: note: public data member declared here
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

struct Padding {
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: 'Padding' has an implicit public default constructor, so callers can create it without a guard; an AsyncDrop type must only be created through a factory returning 'AsyncDropGuard<Padding>' [asyncdrop-public-constructor]
  int : 8;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
