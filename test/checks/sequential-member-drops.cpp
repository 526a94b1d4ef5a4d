// RUN: %check_asyncdrop_tidy --compile-fixes %s asyncdrop-sequential-member-drops %t.dir/src/sequential_member_drops
//
// Test code (here: a file under tests/) is not checked:
// RUN: %check_asyncdrop_tidy --check-suffix=TEST %s asyncdrop-sequential-member-drops %t.dir/tests/sequential_member_drops

#include <asyncdrop/asyncdrop.hpp>
#include <utility>

namespace app {

class Db {
  friend class asyncdrop::access;
  Db() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
class Cache {
  friend class asyncdrop::access;
  explicit Cache(Db &db) : db_(db) {}
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  Db &db_;

public:
  static asyncdrop::AsyncDropGuard<Cache> open(Db &db) {
    return asyncdrop::make_guard<Cache>(db);
  }
};
class Log {
  friend class asyncdrop::access;
  Log() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
class Metrics {
  friend class asyncdrop::access;
  Metrics() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
using DbGuard = asyncdrop::AsyncDropGuard<Db>;
using CacheGuard = asyncdrop::AsyncDropGuard<Cache>;
using LogGuard = asyncdrop::AsyncDropGuard<Log>;
using MetricsGuard = asyncdrop::AsyncDropGuard<Metrics>;

// Two independent members, one after the other.
class Pair {
  friend class asyncdrop::access;
  LogGuard log_;
  MetricsGuard metrics_;
  asyncdrop::Task<void> async_drop_impl() {
    // CHECK-MESSAGES: :[[@LINE+1]]:5: warning: 'log_' and 'metrics_' are dropped one after another, but neither depends on the other: drop them concurrently with 'co_await asyncdrop::drop_all(log_, this->metrics_)' [asyncdrop-sequential-member-drops]
    co_await log_.async_drop();
    co_await this->metrics_.async_drop();
  }
  // CHECK-FIXES: co_await asyncdrop::drop_all(log_, this->metrics_);
};

// Three members, and a dependency that splits the run: the cache reads
// through the database, so it goes first, alone; the rest can overlap.
class Three {
  friend class asyncdrop::access;
  Three(DbGuard db, LogGuard log, MetricsGuard metrics)
      : db_(std::move(db)), cache_(Cache::open(*db_)), log_(std::move(log)),
        metrics_(std::move(metrics)) {}
  DbGuard db_;
  CacheGuard cache_;
  LogGuard log_;
  MetricsGuard metrics_;
  asyncdrop::Task<void> async_drop_impl() {
    co_await cache_.async_drop();
    // CHECK-MESSAGES: :[[@LINE+1]]:5: warning: 'db_', 'log_' and 'metrics_' are dropped one after another, but none depends on another: drop them concurrently with 'co_await asyncdrop::drop_all(db_, log_, metrics_)'
    co_await db_.async_drop();
    co_await log_.async_drop();
    co_await metrics_.async_drop();
  }
  // CHECK-FIXES:      co_await cache_.async_drop();
  // CHECK-FIXES-NEXT: //
  // CHECK-FIXES-NEXT: co_await asyncdrop::drop_all(db_, log_, metrics_);
};

// A comment between the drops may explain the order: still reported (it is
// a hint), but the fix-it would delete the comment, so there is none.
class Commented {
  friend class asyncdrop::access;
  LogGuard log_;
  MetricsGuard metrics_;
  asyncdrop::Task<void> async_drop_impl() {
    co_await metrics_.async_drop();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'metrics_' and 'log_' are dropped one after another
    // The metrics flush writes to the log.
    co_await log_.async_drop();
  }
  // CHECK-FIXES:      co_await metrics_.async_drop();
  // CHECK-FIXES-NEXT: //
  // CHECK-FIXES-NEXT: // The metrics flush writes to the log.
  // CHECK-FIXES-NEXT: co_await log_.async_drop();
};

// Silenced where the order matters for reasons the code does not show.
class Silenced {
  friend class asyncdrop::access;
  LogGuard log_;
  MetricsGuard metrics_;
  asyncdrop::Task<void> async_drop_impl() {
    // The metrics flush writes to the log.
    co_await metrics_.async_drop(); // NOLINT(asyncdrop-sequential-member-drops)
    co_await log_.async_drop();
  }
};

// Negatives: a dependent pair in the right order; statements in between;
// already concurrent; the same member twice; locals.
class Negatives {
  friend class asyncdrop::access;
  Negatives(DbGuard db, LogGuard log, MetricsGuard metrics)
      : db_(std::move(db)), cache_(Cache::open(*db_)), log_(std::move(log)),
        metrics_(std::move(metrics)) {}
  DbGuard db_;
  CacheGuard cache_;
  LogGuard log_;
  MetricsGuard metrics_;
  int closed_ = 0;
  asyncdrop::Task<void> async_drop_impl() {
    co_await cache_.async_drop();
    co_await db_.async_drop();
    ++closed_;
    co_await log_.async_drop();
    ++closed_;
    co_await metrics_.async_drop();
    co_await metrics_.async_drop();
  }
  asyncdrop::Task<void> close_all() {
    co_await asyncdrop::drop_all(log_, metrics_);
  }
  static asyncdrop::Task<void> locals(LogGuard a, LogGuard b) {
    co_await a.async_drop();
    co_await b.async_drop();
  }
};

// A class template and a lambda in a member function.
template <class T>
class Twins {
  friend class asyncdrop::access;
  asyncdrop::AsyncDropGuard<T> left_;
  asyncdrop::AsyncDropGuard<T> right_;
  asyncdrop::Task<void> async_drop_impl() {
    // CHECK-MESSAGES: :[[@LINE+1]]:5: warning: 'left_' and 'right_' are dropped one after another
    co_await left_.async_drop();
    co_await right_.async_drop();
  }
  // CHECK-FIXES: co_await asyncdrop::drop_all(left_, right_);
  asyncdrop::Task<void> later() {
    auto close = [this]() -> asyncdrop::Task<void> {
      // CHECK-MESSAGES: :[[@LINE+1]]:7: warning: 'left_' and 'right_' are dropped one after another
      co_await left_.async_drop();
      co_await right_.async_drop();
    };
    // CHECK-FIXES: co_await asyncdrop::drop_all(left_, right_);
    co_await close();
  }
};

} // namespace app
