// Declarations shared by the flow checks' lit tests (missing, unawaited and
// use-after async_drop): a guarded connection type and helpers whose
// signatures cover every way of handing a guard to a function.
#pragma once

#include <asyncdrop/asyncdrop.hpp>

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <utility>
#include <vector>

namespace app {

using asyncdrop::AsyncDropGuard;
using asyncdrop::Task;

class Conn {
 public:
  void send(int) {}
  int id() const { return 1; }

 private:
  friend class asyncdrop::access;
  Conn() = default;
  Task<void> async_drop_impl() { co_return; }
};

class Db {
 public:
  void query() {}

 private:
  friend class asyncdrop::access;
  Db() = default;
  Task<void> async_drop_impl() { co_return; }
};

AsyncDropGuard<Conn> connect();
Task<AsyncDropGuard<Conn>> connect_async();
AsyncDropGuard<Db> open_db();
bool cond();
int pick();
void may_throw();
void log(int);
Task<void> work();

// Ways to hand a guard to a function.
void take(AsyncDropGuard<Conn> conn);                 // by value: moves
void take_rvalue(AsyncDropGuard<Conn> &&conn);        // rvalue ref: moves
void peek(AsyncDropGuard<Conn> &conn);                // lvalue ref: no drop
void inspect(const AsyncDropGuard<Conn> &conn);       // const ref: no drop
Task<void> close(ASYNCDROP_DROPS AsyncDropGuard<Conn> &conn);  // annotated

// Several owners at once, for structured bindings.
std::pair<AsyncDropGuard<Conn>, AsyncDropGuard<Db>> open_pair();
std::tuple<AsyncDropGuard<Conn>, int> open_with_id();
struct ConnPair {
  AsyncDropGuard<Conn> primary;
  AsyncDropGuard<Conn> replica;
};
ConnPair open_two();
Task<ConnPair> open_two_async();

// The runtime's owners, tracked without configuration.
asyncdrop::AsyncDropArc<Conn> share();
asyncdrop::AsyncDropShared<Conn> shared_conn();
Task<asyncdrop::AsyncDropResult<Conn, int>> try_connect();

struct Pool {
  void put(AsyncDropGuard<Conn> conn);
  std::vector<AsyncDropGuard<Conn>> idle;
};

}  // namespace app
