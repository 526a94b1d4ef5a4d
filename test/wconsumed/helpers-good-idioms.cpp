// Correct uses of the runtime's helpers (AsyncDropArc, AsyncDropMutex,
// AsyncDropHashMap, AsyncDropResult, flatten_async_drop, AsyncDropShared,
// CleanupScope, AsyncOwned): handing a guard to one of them is a transfer of
// ownership, so -Wconsumed must stay silent, in particular for the helpers'
// constructors (the analysis does not see constructor arguments; the helpers
// take a GuardHandoff for that reason).
//
// RUN: %clangxx %asyncdrop_cxxflags -fsyntax-only -Wconsumed -Xclang -verify %s
// expected-no-diagnostics

#include <asyncdrop/asyncdrop.hpp>

#include <string>
#include <utility>

using asyncdrop::AsyncDropArc;
using asyncdrop::AsyncDropGuard;
using asyncdrop::AsyncDropHashMap;
using asyncdrop::AsyncDropMutex;
using asyncdrop::AsyncDropResult;
using asyncdrop::AsyncDropShared;
using asyncdrop::AsyncOwned;
using asyncdrop::CleanupScope;
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

bool failed();

// ---- AsyncDropArc ---------------------------------------------------------------------

Task<void> arc_from_a_temporary() {
  AsyncDropArc<Conn> arc(make_guard<Conn>(1));
  auto clone = arc.clone();
  co_await arc->send(clone->fd());
  co_await asyncdrop::drop_all(arc, clone);
}

Task<void> arc_from_a_moved_guard() {
  auto conn = make_guard<Conn>(1);
  AsyncDropArc<Conn> arc(std::move(conn));
  co_await arc.async_drop();
}

Task<void> arc_deduced() {
  AsyncDropArc arc(make_guard<Conn>(1));
  auto conn = make_guard<Conn>(2);
  AsyncDropArc other(std::move(conn));
  co_await asyncdrop::drop_all(arc, other);
}

Task<void> arc_back_to_a_guard() {
  AsyncDropArc<Conn> arc(make_guard<Conn>(1));
  AsyncDropGuard<Conn> conn = std::move(arc).into_inner();
  co_await conn.async_drop();
  co_await arc.async_drop();
}

// ---- AsyncDropMutex -------------------------------------------------------------------

Task<void> mutex_around_a_guard() {
  AsyncDropMutex<Conn> mutex(make_guard<Conn>(1));
  {
    auto lock = co_await mutex.lock();
    co_await lock->send(1);
  }
  auto conn = make_guard<Conn>(2);
  AsyncDropMutex other(std::move(conn));
  co_await asyncdrop::drop_all(mutex, other);
}

// ---- AsyncDropHashMap -----------------------------------------------------------------

Task<void> map_of_guards() {
  AsyncDropHashMap<int, Conn> map;
  map.try_insert(1, make_guard<Conn>(1));
  auto conn = make_guard<Conn>(2);
  if (!map.try_insert(2, conn)) co_await conn.async_drop();  // duplicate: still ours
  auto moved = make_guard<Conn>(3);
  map.try_insert(3, std::move(moved));
  if (Conn* c = map.get_mut(1)) co_await c->send(1);
  auto removed = map.remove(1);
  co_await removed.async_drop();
  co_await map.async_drop();
}

// ---- AsyncDropResult and flatten_async_drop ---------------------------------------------

using ConnResult = AsyncDropResult<Conn, std::string>;

Task<ConnResult> connect(int fd) {
  if (fd < 0) co_return asyncdrop::Unexpected(std::string("bad fd"));
  co_return ConnResult(make_guard<Conn>(fd));
}

Task<void> results() {
  ConnResult a(make_guard<Conn>(1));
  auto conn = make_guard<Conn>(2);
  ConnResult b(std::move(conn));
  auto c = co_await connect(3);
  auto both = co_await asyncdrop::flatten_async_drop(std::move(a), std::move(b));
  if (both) co_await (*both).first()->send(1);
  AsyncDropGuard<Conn> taken = std::move(c).into_value();
  co_await asyncdrop::drop_all(both, c, taken);
}

// ---- AsyncDropShared ------------------------------------------------------------------

Task<AsyncDropGuard<Conn>> open(int fd) { co_return make_guard<Conn>(fd); }

Task<void> shared_creation() {
  AsyncDropShared<Conn> shared(open(1));
  auto other = shared.clone();
  auto a = co_await shared.get();
  auto b = co_await other;
  co_await asyncdrop::drop_all(a, b, shared, other);
}

// ---- CleanupScope and AsyncOwned ------------------------------------------------------

Task<void> owned_in_a_scope(CleanupScope& scope) {
  AsyncOwned<Conn> conn(scope, make_guard<Conn>(1));
  auto guard = make_guard<Conn>(2);
  AsyncOwned<Conn> other(scope, std::move(guard));
  AsyncOwned deduced(scope, make_guard<Conn>(3));
  if (failed()) co_return;  // the destructors start the cleanups in the scope
  co_await conn->send(other->fd() + deduced->fd());
  AsyncDropGuard<Conn> back = std::move(other).release();
  co_await back.async_drop();
}

Task<void> scope_owner() {
  CleanupScope scope;
  co_await owned_in_a_scope(scope);
  scope.start_drop(make_guard<Conn>(4));
  auto conn = make_guard<Conn>(5);
  scope.start_drop(std::move(conn));
  co_await scope.join();
}
