// The runtime's own headers, every template instantiated through correct
// use: no diagnostic from any of the three flow checks, headers included.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop,asyncdrop-unawaited-async-drop,asyncdrop-use-after-async-drop %t \
// RUN:   -- --header-filter='.*'
//
// The runtime's tests: only the misuses they make on purpose are reported;
// the corrected twins in examples/: nothing.
// RUN: %python %S/Inputs/flow-runtime-tests.py --clang-tidy=%clang_tidy \
// RUN:   --module=%asyncdrop_tidy_module --runtime=%asyncdrop_src/runtime \
// RUN:   --examples=%asyncdrop_src/examples

#include <asyncdrop/asyncdrop.hpp>

#include <string>

namespace use {

using namespace asyncdrop;

class Conn {
 public:
  int id() const { return id_; }
  Task<void> send(int) { co_return; }

 private:
  friend class asyncdrop::access;
  explicit Conn(int id) : id_(id) {}
  Task<void> async_drop_impl() { co_return; }
  int id_;
};

Task<AsyncDropGuard<Conn>> open(int id) { co_return make_guard<Conn>(id); }

Task<AsyncDropResult<Conn, std::string>> try_open(int id) {
  if (id < 0)
    co_return Unexpected(std::string("bad id"));
  co_return AsyncDropResult<Conn, std::string>(make_guard<Conn>(id));
}

Task<int> everything() {
  auto a = make_guard<Conn>(1);
  auto b = co_await open(2);
  co_await a->send(1);
  co_await drop_all(a, b);

  int id = co_await with_async_drop(
      make_guard<Conn>(3), [](Conn &c) -> Task<int> { co_return c.id(); });

  AsyncDropArc<Conn> shared(make_guard<Conn>(4));
  auto clone = shared.clone();
  co_await drop_all(shared, clone);

  AsyncDropHashMap<int, Conn> map;
  auto c = make_guard<Conn>(5);
  if (!map.try_insert(5, c))
    co_await c.async_drop();
  if (Conn *found = map.get_mut(5))
    co_await found->send(2);
  auto removed = map.remove(5);
  co_await removed.async_drop();
  co_await map.async_drop();

  AsyncDropMutex<Conn> mutex(make_guard<Conn>(6));
  {
    auto lock = co_await mutex.lock();
    co_await lock->send(3);
  }
  co_await mutex.async_drop();

  auto result = co_await try_open(7);
  if (result)
    co_await result->send(4);
  co_await result.async_drop();

  auto both = co_await flatten_async_drop(co_await try_open(8),
                                          co_await try_open(9));
  co_await both.async_drop();

  AsyncDropShared<Conn> pending(open(10));
  auto other = pending.clone();
  auto x = co_await pending.get();
  auto y = co_await other.get();
  co_await drop_all(x, y, pending, other);

  CleanupScope scope;
  {
    AsyncOwned<Conn> owned(scope, make_guard<Conn>(11));
    co_await owned->send(5);
  }
  scope.start_drop(make_guard<Conn>(12));
  co_await scope.join();

  auto released = make_guard<Conn>(13);
  Conn value = std::move(released).unsafe_into_inner_dont_drop();
  co_return id + value.id();
}

int blocking() {
  SyncDrop<Conn> conn(make_guard<Conn>(14));
  return sync_wait(everything()) + conn->id();
}

}  // namespace use
