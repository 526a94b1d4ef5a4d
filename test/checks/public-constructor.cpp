// RUN: %check_asyncdrop_tidy --compile-fixes %s asyncdrop-public-constructor %t.dir/src/public_constructor

#include <asyncdrop/asyncdrop.hpp>
#include <variant>

namespace app {

// Positive: a public constructor, moved under private: by the fix-it together
// with the friend declaration make_guard needs.
class Conn {
public:
  explicit Conn(int fd) : fd_(fd) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: public constructor lets callers create 'Conn' without a guard; an AsyncDrop type must only be created through a factory returning 'AsyncDropGuard<Conn>' [asyncdrop-public-constructor]
  asyncdrop::Task<void> async_drop_impl() { co_return; }

private:
  int fd_;
};
// CHECK-FIXES:      class Conn {
// CHECK-FIXES-NEXT: public:
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   asyncdrop::Task<void> async_drop_impl() { co_return; }
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: private:
// CHECK-FIXES-NEXT:   int fd_;
// CHECK-FIXES-NEXT: private:
// CHECK-FIXES-NEXT:   explicit Conn(int fd) : fd_(fd) {}
// CHECK-FIXES-NEXT:   friend class asyncdrop::access;
// CHECK-FIXES-NEXT: };

asyncdrop::AsyncDropGuard<Conn> connect(int fd) {
  return asyncdrop::make_guard<Conn>(fd);
}

// Several public constructors: one warning each, one fix-it for all of them
// (a constructor template included); the class already befriends access.
struct Pool {
  friend class asyncdrop::access;
  Pool();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: public constructor lets callers create 'Pool' without a guard
  template <class T>
  Pool(T size, int limit) : size_(size + limit) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: public constructor lets callers create 'Pool' without a guard
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  Pool(Pool &&) = default;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: public move constructor lets callers move 'Pool' out of its guard ('Pool moved = std::move(*guard);') and keep it without one; make it private (asyncdrop::access still reaches it) or delete it [asyncdrop-public-constructor]
  int size_ = 0;
};
Pool::Pool() = default;
// CHECK-FIXES:      struct Pool {
// CHECK-FIXES-NEXT:   friend class asyncdrop::access;
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   asyncdrop::Task<void> async_drop_impl() { co_return; }
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   int size_ = 0;
// CHECK-FIXES-NEXT: private:
// CHECK-FIXES-NEXT:   Pool();
// CHECK-FIXES-NEXT:   template <class T>
// CHECK-FIXES-NEXT:   Pool(T size, int limit) : size_(size + limit) {}
// CHECK-FIXES-NEXT:   Pool(Pool &&) = default;
// CHECK-FIXES-NEXT: };

// Protected in a final class: no derived class can use it, so it should say
// private and befriend access.
class Timer final {
protected:
  Timer() = default;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: constructor of final class 'Timer' is protected, not private; an AsyncDrop type must only be created through a factory returning 'AsyncDropGuard<Timer>'
public:
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
// CHECK-FIXES:      class Timer final {
// CHECK-FIXES-NEXT: protected:
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT: public:
// CHECK-FIXES-NEXT:   asyncdrop::Task<void> async_drop_impl() { co_return; }
// CHECK-FIXES-NEXT: private:
// CHECK-FIXES-NEXT:   Timer() = default;
// CHECK-FIXES-NEXT:   friend class asyncdrop::access;
// CHECK-FIXES-NEXT: };

// The implicit default constructor is public too: the fix-it declares a
// private one.
class Logger {
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Logger' has an implicit public default constructor, so callers can create it without a guard; an AsyncDrop type must only be created through a factory returning 'AsyncDropGuard<Logger>'
  int level_ = 0;

public:
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
// CHECK-FIXES:      public:
// CHECK-FIXES-NEXT:   asyncdrop::Task<void> async_drop_impl() { co_return; }
// CHECK-FIXES-NEXT: private:
// CHECK-FIXES-NEXT:   friend class asyncdrop::access;
// CHECK-FIXES-NEXT:   Logger() = default;
// CHECK-FIXES-NEXT: };

// A one-line class gets a one-line fix.
struct Tiny { asyncdrop::Task<void> async_drop_impl() { co_return; } };
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Tiny' has an implicit public default constructor
// CHECK-FIXES: struct Tiny { asyncdrop::Task<void> async_drop_impl() { co_return; } private: friend class asyncdrop::access; Tiny() = default; };

// Aggregates: public data members (or public bases) allow `T{...}`. No
// fix-it: which members to hide and what constructor to write is the
// author's choice.
struct Socket {
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Socket' is an aggregate: its public data members let callers create it with 'Socket{...}' without a guard; an AsyncDrop type must only be created through a factory returning 'AsyncDropGuard<Socket>'
  int fd;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
struct Tcp { int fd; };
struct Udp { int fd; };
struct Endpoint : std::variant<Tcp, Udp> {
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Endpoint' is an aggregate: its public base classes let callers create it with 'Endpoint{...}'
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

// Inherited constructors keep the base's access whatever section the
// using-declaration is in: `Channel c = Tcp{3};` compiles.
class Channel : public std::variant<Tcp, Udp> {
  using variant::variant;
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: constructors inherited from 'variant' keep their public access whatever the section of the using-declaration, so callers can create 'Channel' without a guard
  friend class asyncdrop::access;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

// A public copy constructor is its own message, without a fix-it.
class Buffer {
  friend class asyncdrop::access;
  Buffer() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }

public:
  Buffer(const Buffer &) = default;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: public copy constructor of AsyncDrop type 'Buffer' lets callers copy the value out of its guard ('Buffer copy = *guard;') and keep an instance no guard owns; delete it or make it private [asyncdrop-public-constructor]
};

// A class template is reported once, on its definition, however often it
// is instantiated.
template <class T>
class Holder {
public:
  explicit Holder(T value) : value_(value) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: public constructor lets callers create 'Holder' without a guard
  asyncdrop::Task<void> async_drop_impl() { co_return; }

private:
  T value_;
};
// CHECK-FIXES:      private:
// CHECK-FIXES-NEXT:   T value_;
// CHECK-FIXES-NEXT: private:
// CHECK-FIXES-NEXT:   explicit Holder(T value) : value_(value) {}
// CHECK-FIXES-NEXT:   friend class asyncdrop::access;
// CHECK-FIXES-NEXT: };
asyncdrop::AsyncDropGuard<Holder<int>> hold_int() {
  return asyncdrop::make_guard<Holder<int>>(1);
}
asyncdrop::AsyncDropGuard<Holder<long>> hold_long() {
  return asyncdrop::make_guard<Holder<long>>(2L);
}

// Rule 4 says "nobody": whatever a public constructor takes, callers that
// have its arguments make an unguarded instance.
class Database {
  friend class asyncdrop::access;
  Database() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
class Cache {
  friend class asyncdrop::access;
  asyncdrop::Task<void> async_drop_impl() { co_return; }

public:
  // Every holder of a Database guard has a Database: `Cache c(*db);`.
  explicit Cache(Database &db) : db_(&db) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: public constructor lets callers create 'Cache' without a guard
  // No parameters at all, and plain values.
  Cache() = default;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: public constructor lets callers create 'Cache' without a guard
  Cache(int size, const char *name) : size_(size), name_(name) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: public constructor lets callers create 'Cache' without a guard

private:
  Database *db_ = nullptr;
  int size_ = 0;
  const char *name_ = "";
};
// A guard, or the runtime's hand-off, is no key either: make_guard<Database>()
// gives anyone one.
class Owner {
  friend class asyncdrop::access;
  asyncdrop::Task<void> async_drop_impl() { co_await db_.async_drop(); }
  asyncdrop::AsyncDropGuard<Database> db_;
  int size_ = 0;

public:
  explicit Owner(asyncdrop::AsyncDropGuard<Database> db) : db_(std::move(db)) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: public constructor lets callers create 'Owner' without a guard
  Owner(asyncdrop::GuardHandoff<Database> db, int size)
      : db_(std::move(db).take()), size_(size) {}
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: public constructor lets callers create 'Owner' without a guard
};

// A public move constructor, user-provided or not: `std::move(*guard)`
// takes the value out from under its guard. The fix-it hides it with the
// other constructors; make_guard keeps working through asyncdrop::access.
class Stream {
  friend class asyncdrop::access;
  Stream() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }

public:
  Stream(Stream &&other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: public move constructor lets callers move 'Stream' out of its guard
  Stream(const Stream &) = delete;
  int fd_ = 0;
};
// CHECK-FIXES:      class Stream {
// CHECK-FIXES-NEXT:   friend class asyncdrop::access;
// CHECK-FIXES-NEXT:   Stream() = default;
// CHECK-FIXES-NEXT:   asyncdrop::Task<void> async_drop_impl() { co_return; }
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: public:
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   Stream(const Stream &) = delete;
// CHECK-FIXES-NEXT:   int fd_ = 0;
// CHECK-FIXES-NEXT: private:
// CHECK-FIXES-NEXT:   Stream(Stream &&other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
// CHECK-FIXES-NEXT: };
asyncdrop::AsyncDropGuard<Stream> open_stream() {
  return asyncdrop::make_guard<Stream>();
}

// The same in a class template; and a copy constructor that also moves.
template <class T>
class Slot {
  friend class asyncdrop::access;
  Slot() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }

public:
  Slot(Slot &&) = default;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: public move constructor lets callers move 'Slot' out of its guard
  Slot(const Slot &) = default;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: public copy constructor of AsyncDrop type 'Slot' lets callers copy the value out of its guard
  T value_{};
};
// CHECK-FIXES:      public:
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   Slot(const Slot &) = default;
// CHECK-FIXES-NEXT:   //
// CHECK-FIXES-NEXT:   T value_{};
// CHECK-FIXES-NEXT: private:
// CHECK-FIXES-NEXT:   Slot(Slot &&) = default;
// CHECK-FIXES-NEXT: };
asyncdrop::AsyncDropGuard<Slot<int>> slot() {
  return asyncdrop::make_guard<Slot<int>>();
}

} // namespace app
