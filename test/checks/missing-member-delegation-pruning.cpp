// async_drop_impl() may test a member before dropping it: the branch that
// `is_dropped()` rules out is no path, on members as on locals.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-member-delegation %t.dir/src/member_pruning

#include <asyncdrop/asyncdrop.hpp>

namespace app {

class Db {
  friend class asyncdrop::access;
  Db() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
using DbGuard = asyncdrop::AsyncDropGuard<Db>;
bool flag();

class DropsUnlessDropped {
  friend class asyncdrop::access;
  DbGuard db_;
  DbGuard replica_;
  asyncdrop::Task<void> async_drop_impl() {
    if (flag())
      co_await db_.async_drop();
    if (!db_.is_dropped())
      co_await db_.async_drop();
    if (replica_.is_dropped())
      co_return;
    co_await replica_.async_drop();
  }
};

class CorrelatedMembers {
  friend class asyncdrop::access;
  DbGuard db_;
  asyncdrop::Task<void> async_drop_impl() {
    const bool fast = flag();
    if (fast)
      co_await db_.async_drop();
    if (!fast)
      co_await db_.async_drop();
  }
};

class WrongWayRound {
  friend class asyncdrop::access;
  DbGuard db_;
  asyncdrop::Task<void> async_drop_impl() {
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'async_drop_impl()' of 'WrongWayRound' does not drop 'db_' on every path
    if (flag())
      co_await db_.async_drop();
    if (db_.is_dropped())
      co_await db_.async_drop();
  }
};

}  // namespace app
