// Every correct idiom of pattern rule 4 is silent, and a fix-it that would
// break a construction elsewhere is not offered.
// RUN: %check_asyncdrop_tidy %s asyncdrop-public-constructor %t.dir/src/negatives
// The same file in test code: nothing at all.
// RUN: %check_asyncdrop_tidy --check-suffix=TEST %s asyncdrop-public-constructor %t.dir/tests/negatives

#include <asyncdrop/asyncdrop.hpp>
#include <memory>
#include <utility>

namespace app {

// The idiom: private constructors, access befriended, a factory returning a
// guard.
class Conn {
  friend class asyncdrop::access;
  explicit Conn(int fd) : fd_(fd) {}
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  int fd_;

public:
  static asyncdrop::AsyncDropGuard<Conn> open(int fd) {
    return asyncdrop::make_guard<Conn>(fd);
  }
  Conn(const Conn &) = delete;
  Conn &operator=(const Conn &) = delete;

private:
  // Moves are for the runtime (unsafe_into_inner_dont_drop) and the type.
  Conn(Conn &&) = default;
};
// Moves and copies deleted, or protected in a class that can be derived from.
class Pinned {
  friend class asyncdrop::access;
  Pinned() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }

public:
  Pinned(Pinned &&) = delete;
  Pinned(const Pinned &) = delete;
};
class Extensible {
  friend class asyncdrop::access;
  asyncdrop::Task<void> async_drop_impl() { co_return; }

protected:
  Extensible() = default;
  Extensible(Extensible &&) = default;
  Extensible(const Extensible &) = default;

public:
  virtual ~Extensible() = default;
};

// Deleted constructors.
class Deleted {
public:
  Deleted() = delete;
  Deleted(int) = delete;
  asyncdrop::Task<void> async_drop_impl() { co_return; }

private:
  friend class asyncdrop::access;
  Deleted(int, int) {}
};

// A passkey only the type can make.
class Keyed {
  class Key {
    friend class Keyed;
    Key() = default;
  };
  friend class asyncdrop::access;
  asyncdrop::Task<void> async_drop_impl() { co_return; }

public:
  Keyed(Key, int size) : size_(size) {}
  static asyncdrop::AsyncDropGuard<Keyed> make(int size) {
    return asyncdrop::make_guard<Keyed>(Key(), size);
  }
  int size_;
};
// A passkey of another class, taken by reference; one a template's
// specializations share.
class Token {
  friend class Ticket;
  Token() = default;
};
class Ticket {
  friend class asyncdrop::access;
  asyncdrop::Task<void> async_drop_impl() { co_return; }

public:
  Ticket(const Token &, int seat) : seat_(seat) {}
  static asyncdrop::AsyncDropGuard<Ticket> make(int seat) {
    return asyncdrop::make_guard<Ticket>(Token(), seat);
  }
  int seat_;
};

// A base class: protected constructors are for derived classes, which are
// checked themselves; an abstract class cannot be created at all.
class Base {
protected:
  Base() = default;

public:
  virtual ~Base() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
class Abstract {
public:
  Abstract() = default;
  virtual ~Abstract() = default;
  virtual asyncdrop::Task<void> async_drop_impl() = 0;
};

// Not AsyncDrop types: no async_drop_impl(), a private one that access
// cannot call, one that returns void.
struct Plain {
  Plain() = default;
  int value;
};
class PrivateNoFriend {
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
struct WrongReturnType {
  void async_drop_impl() {}
};

// A public constructor that something outside calls: reported, but the
// fix-it would break the derived class, so none is offered (the note says
// where).
class Legacy {
public:
  explicit Legacy(int fd) : fd_(fd) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: public constructor lets callers create 'Legacy' without a guard
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  int fd_;
};
std::unique_ptr<Legacy> legacy = std::make_unique<Legacy>(3);

// The runtime's own classes are its business.
} // namespace app
namespace asyncdrop {
struct RuntimeInternal {
  RuntimeInternal() = default;
  Task<void> async_drop_impl() { co_return; }
};
} // namespace asyncdrop
