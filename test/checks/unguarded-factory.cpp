// RUN: %check_asyncdrop_tidy --compile-fixes %s asyncdrop-unguarded-factory %t.dir/src/unguarded_factory
//
// Test code (here: a file under tests/) is not checked:
// RUN: %check_asyncdrop_tidy --check-suffix=TEST %s asyncdrop-unguarded-factory %t.dir/tests/unguarded_factory

#include <asyncdrop/asyncdrop.hpp>
#include <memory>
#include <optional>
#include <utility>

namespace app {

class Conn {
  friend class asyncdrop::access;
  explicit Conn(int fd) : fd_(fd) {}
  Conn(int fd, int flags) : fd_(fd + flags) {}
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  int fd_;

public:
  Conn(Conn &&) = default;

  // Positive: a static member function returning the type itself.
  static Conn open(int fd) { return Conn(fd); }
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'open' returns AsyncDrop type 'Conn' by value, so the caller gets it without a guard; return 'AsyncDropGuard<Conn>' (built with 'asyncdrop::make_guard<Conn>(...)') [asyncdrop-unguarded-factory]
  // CHECK-FIXES: static asyncdrop::AsyncDropGuard<Conn> open(int fd) { return asyncdrop::make_guard<Conn>(fd); }

  // Declared here, defined below: both declarations get the new type.
  static Conn open_with(int fd, int flags);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'open_with' returns AsyncDrop type 'Conn' by value
  // CHECK-FIXES: static asyncdrop::AsyncDropGuard<Conn> open_with(int fd, int flags);

  // A friend.
  friend Conn adopt(int fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'adopt' returns AsyncDrop type 'Conn' by value

  // An asynchronous factory.
  static asyncdrop::Task<Conn> connect(int fd) { co_return Conn{fd, 0}; }
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'connect' returns 'Task<Conn>', so its result is an AsyncDrop type without a guard; return 'Task<AsyncDropGuard<Conn>>' (built with 'asyncdrop::make_guard<Conn>(...)')
  // CHECK-FIXES: static asyncdrop::Task<asyncdrop::AsyncDropGuard<Conn>> connect(int fd) { co_return asyncdrop::make_guard<Conn>(fd, 0); }

  // Negatives: the pattern's factory, and functions that hand out access to
  // an existing value rather than a new one.
  static asyncdrop::AsyncDropGuard<Conn> create(int fd) {
    return asyncdrop::make_guard<Conn>(fd);
  }
  static asyncdrop::Task<asyncdrop::AsyncDropGuard<Conn>> create_async(int fd) {
    co_return asyncdrop::make_guard<Conn>(fd);
  }
  static Conn &instance();
  static Conn *raw();
};

Conn Conn::open_with(int fd, int flags) {
  int sum = fd + flags;
  return Conn(sum);
}
// CHECK-FIXES: asyncdrop::AsyncDropGuard<Conn> Conn::open_with(int fd, int flags) {
// CHECK-FIXES-NEXT:   int sum = fd + flags;
// CHECK-FIXES-NEXT:   return asyncdrop::make_guard<Conn>(sum);

// A friend's definition: no construction to rewrite mechanically (two
// returns), so no fix-it.
Conn adopt(int fd) {
  if (fd < 0)
    return Conn(0);
  return Conn(fd);
}

// Raw pointers to a new value, and standard owners, hand it out without a
// guard too; so do non-static member functions that return a new value.
class Journal {
  friend class asyncdrop::access;
  explicit Journal(int fd) : fd_(fd) {}
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  int fd_;

public:
  static Journal *open(int fd) { return new Journal(fd); }
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'open' returns a raw pointer to a new 'Journal', so the caller gets it without a guard; return 'AsyncDropGuard<Journal>' (built with 'asyncdrop::make_guard<Journal>(...)') [asyncdrop-unguarded-factory]
  static Journal *open_checked(int fd) {
    if (fd < 0)
      return nullptr;
    return (new Journal(fd));
  }
  // CHECK-MESSAGES: :[[@LINE-5]]:19: warning: 'open_checked' returns a raw pointer to a new 'Journal'
  static std::unique_ptr<Journal> open_unique(int fd) {
    return std::unique_ptr<Journal>(new Journal(fd));
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:35: warning: 'open_unique' returns AsyncDrop type 'Journal' in a 'std::unique_ptr', which destroys it without its cleanup; return 'AsyncDropGuard<Journal>' (built with 'asyncdrop::make_guard<Journal>(...)') [asyncdrop-unguarded-factory]
  static std::shared_ptr<Journal> open_shared(int fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'open_shared' returns AsyncDrop type 'Journal' in a 'std::shared_ptr', which destroys it without its cleanup; return 'AsyncDropGuard<Journal>' (built with 'asyncdrop::make_guard<Journal>(...)'), or 'AsyncDropArc<Journal>' for shared ownership
  static std::optional<Journal> try_open(int fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'try_open' returns AsyncDrop type 'Journal' in a 'std::optional'
  Journal fork() const { return Journal(fd_ + 1); }
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'fork' returns AsyncDrop type 'Journal' by value, so the caller gets it without a guard
  // CHECK-FIXES: asyncdrop::AsyncDropGuard<Journal> fork() const { return asyncdrop::make_guard<Journal>(fd_ + 1); }
  asyncdrop::Task<Journal> reopen() const;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'reopen' returns 'Task<Journal>', so its result is an AsyncDrop type without a guard

  // Negatives: pointers to existing values, a lookup whose body is not
  // visible, a new value of another type, and the guarded versions.
  Journal *self() { return this; }
  const Journal *peek() const { return this; }
  static Journal *find(int fd);
  static int *counter() { return new int(0); }
  asyncdrop::AsyncDropGuard<Journal> fork_guarded() const {
    return asyncdrop::make_guard<Journal>(fd_ + 1);
  }
  static std::optional<asyncdrop::AsyncDropGuard<Journal>> none() {
    return std::nullopt;
  }
  std::unique_ptr<int> id() const { return std::make_unique<int>(fd_); }
};

// Free functions of the type's namespace, through standard owners too.
std::unique_ptr<Journal> adopt_journal(int fd);
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'adopt_journal' returns AsyncDrop type 'Journal' in a 'std::unique_ptr'

// Free functions of the type's namespace.
struct Session {
  explicit Session(int id, int flags = 0) : id_(id + flags) {}
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  int id_;
};

Session dial(int id);
// CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'dial' returns AsyncDrop type 'Session' by value
Session dial(int id) { return Session(id, 1); }
// CHECK-FIXES: asyncdrop::AsyncDropGuard<Session> dial(int id);
// CHECK-FIXES: asyncdrop::AsyncDropGuard<Session> dial(int id) { return asyncdrop::make_guard<Session>(id, 1); }

// Default arguments are not spelled, and are not forwarded either.
Session dial_default(int id) { return Session{id}; }
// CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'dial_default' returns AsyncDrop type 'Session' by value
// CHECK-FIXES: asyncdrop::AsyncDropGuard<Session> dial_default(int id) { return asyncdrop::make_guard<Session>(id); }

// Used in this translation unit: changing its type changes the caller, so
// there is no fix-it.
Session reopen(int id) { return Session(id); }
// CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'reopen' returns AsyncDrop type 'Session' by value
void use() { Session s = reopen(1); (void)s; }

// Not a single construction of the type: no fix-it.
Session redial(Session &&s) { return std::move(s); }
// CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'redial' returns AsyncDrop type 'Session' by value

// Class template: reported once, on the template.
template <class T>
class Box {
  friend class asyncdrop::access;
  explicit Box(T v) : v_(v) {}
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  T v_;

public:
  static Box make(T v) { return Box(v); }
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'make' returns AsyncDrop type 'Box' by value
  // CHECK-FIXES: static asyncdrop::AsyncDropGuard<Box> make(T v) { return asyncdrop::make_guard<Box>(v); }
};
static_assert(sizeof(Box<int>) > 0 && sizeof(Box<long>) > 0);

} // namespace app

namespace other {
// Negative: another namespace is not the type's factory (an adapter, a test
// helper), and references and pointers are not values.
app::Conn convert(int fd);
app::Conn &lookup();
} // namespace other

// Negative: not an AsyncDrop type.
namespace app {
struct Plain {
  static Plain make() { return Plain(); }
};
} // namespace app
