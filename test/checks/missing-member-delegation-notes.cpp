// The notes name each forgotten member's declaration and the exit where it
// may still own its value.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-member-delegation %t.dir/src/notes

#include <asyncdrop/asyncdrop.hpp>

class Db {
  friend class asyncdrop::access;
  Db() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

class Service {
  friend class asyncdrop::access;
  asyncdrop::AsyncDropGuard<Db> primary_;
  asyncdrop::AsyncDropGuard<Db> replica_;
  bool closed_ = false;
  asyncdrop::Task<void> async_drop_impl() {
    // CHECK-NOTES: :[[@LINE-1]]:25: warning: 'async_drop_impl()' of 'Service' does not drop 'primary_' on every path; drop it there (with 'co_await m.async_drop()', 'asyncdrop::drop_all(...)' or a helper that drops it) [asyncdrop-missing-member-delegation]
    // CHECK-NOTES: :[[@LINE-5]]:33: note: 'primary_' declared here
    co_await replica_.async_drop();
    if (closed_)
      co_return;
    // CHECK-NOTES: :[[@LINE-2]]:9: note: taking the early 'co_return' here
    // CHECK-NOTES: :[[@LINE-2]]:7: note: 'primary_' may still own its value here
    co_await primary_.async_drop();
  }
};

struct Pair {
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: 'Pair' holds 'first' and 'second', which must be dropped asynchronously, but has no 'async_drop_impl()'; make 'Pair' an AsyncDrop type whose 'async_drop_impl()' drops each of them [asyncdrop-missing-member-delegation]
  asyncdrop::AsyncDropGuard<Db> first;
  // CHECK-NOTES: :[[@LINE-1]]:33: note: 'first' declared here
  asyncdrop::AsyncDropGuard<Db> second;
  // CHECK-NOTES: :[[@LINE-1]]:33: note: 'second' declared here
};
