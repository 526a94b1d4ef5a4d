// Correct uses of AsyncDropGuard: the typestate attributes must stay silent
// on every one of them.
//
// RUN: %clangxx %asyncdrop_cxxflags -fsyntax-only -Wconsumed -Xclang -verify %s
// expected-no-diagnostics

#include <asyncdrop/asyncdrop.hpp>

#include <stdexcept>
#include <utility>

using asyncdrop::AsyncDropGuard;
using asyncdrop::make_guard;
using asyncdrop::Task;

class Conn {
 public:
  int fd() const { return fd_; }
  Task<void> send(int) { co_return; }

 private:
  friend class asyncdrop::access;
  explicit Conn(int fd) : fd_(fd) {}
  Conn(const Conn&) = delete;
  Task<void> async_drop_impl() { co_return; }
  int fd_;
};

// Movable, public constructor: can be guarded from a value and released.
struct Buffer {
  int size = 0;
  Task<void> async_drop_impl() { co_return; }
};

bool failed();

// ---- drop on every path ---------------------------------------------------------

Task<void> drop_at_the_end() {
  auto conn = make_guard<Conn>(1);
  co_await conn->send((*conn).fd());
  co_await conn.async_drop();
}

Task<int> drop_before_each_exit() {
  auto conn = make_guard<Conn>(1);
  if (failed()) {
    co_await conn.async_drop();
    co_return -1;
  }
  co_await conn->send(2);
  co_await conn.async_drop();
  co_return 0;
}

Task<void> drop_before_throw() {
  auto conn = make_guard<Conn>(1);
  if (failed()) {
    co_await conn.async_drop();
    throw std::runtime_error("failed");
  }
  co_await conn.async_drop();
}

Task<void> drop_in_every_iteration() {
  for (int i = 0; i < 3; ++i) {
    auto conn = make_guard<Conn>(i);
    if (failed()) {
      co_await conn.async_drop();
      break;
    }
    if (i == 1) {
      co_await conn.async_drop();
      continue;
    }
    co_await conn.async_drop();
  }
}

void drop_synchronously_in_a_plain_function() {
  auto conn = make_guard<Conn>(1);
  asyncdrop::sync_wait(conn.async_drop());
}

// After the drop: is_dropped() and a second (no-op) drop are fine.
Task<void> after_the_drop() {
  auto conn = make_guard<Conn>(1);
  co_await conn.async_drop();
  if (!conn.is_dropped()) co_return;
  co_await conn.async_drop();
}

// Reusing a variable once its guard was dropped.
Task<void> reassign_after_drop() {
  auto conn = make_guard<Conn>(1);
  co_await conn.async_drop();
  conn = make_guard<Conn>(2);
  co_await conn.async_drop();
}

// ---- handing the guard on ---------------------------------------------------------

void take(AsyncDropGuard<Conn> conn);
Task<void> take_async(AsyncDropGuard<Conn> conn) { co_await conn.async_drop(); }

// A temporary guard passed to a by-value parameter.
Task<void> temporary_to_by_value_parameter() {
  take(make_guard<Conn>(1));
  co_await take_async(make_guard<Conn>(2));
}

// A guard moved into a helper.
Task<void> moved_into_helper() {
  auto a = make_guard<Conn>(1);
  take(std::move(a));
  auto b = make_guard<Conn>(2);
  co_await take_async(std::move(b));
}

// A returned guard.
AsyncDropGuard<Conn> open_conn() {
  auto conn = make_guard<Conn>(1);
  return conn;
}
AsyncDropGuard<Conn> open_temporary() { return make_guard<Conn>(2); }
AsyncDropGuard<Conn> pass_on(AsyncDropGuard<Conn>& conn) { return std::move(conn); }
Task<AsyncDropGuard<Conn>> open_async() {
  auto conn = make_guard<Conn>(3);
  co_await conn->send(0);
  co_return conn;
}
Task<void> use_returned_guards() {
  auto a = open_conn();
  auto b = co_await open_async();
  co_await a.async_drop();
  co_await b.async_drop();
}
void use_returned_guard_synchronously() {
  auto conn = asyncdrop::sync_wait(open_async());
  asyncdrop::sync_wait(conn.async_drop());
}

// A guard dropped by a helper that takes it by reference and says so.
Task<void> close(ASYNCDROP_DROPS AsyncDropGuard<Conn>& conn) { co_await conn.async_drop(); }
void close_now(ASYNCDROP_DROPS AsyncDropGuard<Conn>& conn) {
  asyncdrop::sync_wait(conn.async_drop());
}
Task<void> dropped_by_helper() {
  auto conn = make_guard<Conn>(1);
  co_await conn->send(1);
  co_await close(conn);
  auto other = make_guard<Conn>(2);
  close_now(other);
}

// A helper forwarding a guard it received by reference to the next helper.
Task<void> forward_to_helper(ASYNCDROP_DROPS AsyncDropGuard<Conn>& conn) { co_await close(conn); }

// with_async_drop drops on every exit of the body.
Task<int> scoped() {
  int n = co_await asyncdrop::with_async_drop(
      make_guard<Conn>(1), [](Conn& conn) -> Task<int> { co_return conn.fd(); });
  auto conn = make_guard<Conn>(2);
  co_await asyncdrop::with_async_drop(std::move(conn),
                                      [](Conn& c) -> Task<void> { co_await c.send(1); });
  co_return n;
}

// drop_all drops all of its arguments.
Task<void> concurrent_drops() {
  auto a = make_guard<Conn>(1);
  auto b = make_guard<Conn>(2);
  AsyncDropGuard<Buffer> c(Buffer{4});
  co_await asyncdrop::drop_all(a, b, c);
}

// ---- constructors taking guards ------------------------------------------------------

// Rule 5: a type holding guards is async-droppable and drops its members.
class Session {
 public:
  int fds() const { return control_->fd() + data_->fd(); }

 private:
  friend class asyncdrop::access;
  Session(AsyncDropGuard<Conn> control, AsyncDropGuard<Conn> data)
      : control_(std::move(control)), data_(std::move(data)) {}
  Task<void> async_drop_impl() {
    co_await data_.async_drop();  // depends on control: dropped first
    co_await control_.async_drop();
  }
  AsyncDropGuard<Conn> control_;
  AsyncDropGuard<Conn> data_;
};

// Temporaries and moved guards handed to a constructor through make_guard.
Task<void> constructor_through_make_guard() {
  auto control = make_guard<Conn>(1);
  auto session = make_guard<Session>(std::move(control), make_guard<Conn>(2));
  co_await session.async_drop();
}

// Owner types outside the pattern take a GuardHandoff in their constructors.
class Owner {
 public:
  explicit Owner(asyncdrop::GuardHandoff<Conn> conn) : conn_(std::move(conn).take()) {}
  AsyncDropGuard<Conn>& conn() { return conn_; }

 private:
  AsyncDropGuard<Conn> conn_;
};

Task<void> constructor_taking_a_handoff() {
  Owner a(make_guard<Conn>(1));
  auto conn = make_guard<Conn>(2);
  Owner b(std::move(conn));
  co_await asyncdrop::drop_all(a.conn(), b.conn());
}

// SyncDrop (tests only) takes a temporary or a moved guard.
void sync_drop_in_a_test() {
  asyncdrop::SyncDrop<Conn> a(make_guard<Conn>(1));
  auto conn = make_guard<Conn>(2);
  asyncdrop::SyncDrop b(std::move(conn));
  (void)(a->fd() + b->fd());
}

// ---- the type's own implementation ---------------------------------------------------

Buffer release_buffer() {
  AsyncDropGuard<Buffer> guard(Buffer{8});
  return std::move(guard).unsafe_into_inner_dont_drop();
}
