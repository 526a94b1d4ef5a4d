// A fix-it that would break a construction elsewhere is replaced by a note
// pointing at it.
// RUN: %check_asyncdrop_tidy --no-fix %s asyncdrop-public-constructor %t.dir/src/notes

#include <asyncdrop/asyncdrop.hpp>

struct Socket {
  explicit Socket(int fd) : fd_(fd) {}
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: public constructor lets callers create 'Socket' without a guard; an AsyncDrop type must only be created through a factory returning 'AsyncDropGuard<Socket>' [asyncdrop-public-constructor]
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  int fd_;
};

// A derived class initialises its base through the public constructor.
struct TlsSocket : Socket {
  TlsSocket() : Socket(3) {}
  // CHECK-NOTES: :[[@LINE-1]]:17: note: 'Socket' is constructed directly here; making this constructor private would break it, so no fix-it moves it
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: public constructor lets callers create 'TlsSocket' without a guard
};

struct Aggregate {
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: 'Aggregate' is an aggregate: its public data members let callers create it with 'Aggregate{...}' without a guard; an AsyncDrop type must only be created through a factory returning 'AsyncDropGuard<Aggregate>'
  int fd;
  // CHECK-NOTES: :[[@LINE-1]]:7: note: public data member declared here
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

// Constructions outside every function body are found too (without the
// parent map): a namespace-scope variable, a default member initialiser of
// another class, a default argument.
struct Pipe {
  explicit Pipe(int fd) : fd_(fd) {}
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: public constructor lets callers create 'Pipe' without a guard
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  int fd_;
};
Pipe global_pipe(4);
// CHECK-NOTES: :[[@LINE-1]]:6: note: 'Pipe' is constructed directly here; making this constructor private would break it, so no fix-it moves it
struct Wire {
  explicit Wire(int fd) : fd_(fd) {}
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: public constructor lets callers create 'Wire' without a guard
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  int fd_;
};
struct Uses {
  int fd = Wire(5).fd_;
  // CHECK-NOTES: :[[@LINE-1]]:12: note: 'Wire' is constructed directly here
};
