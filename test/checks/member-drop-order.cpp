// RUN: %check_asyncdrop_tidy %s asyncdrop-member-drop-order %t.dir/src/member_drop_order
//
// Test code (here: a file under tests/) is not checked:
// RUN: %check_asyncdrop_tidy --check-suffix=TEST %s asyncdrop-member-drop-order %t.dir/tests/member_drop_order

#include <asyncdrop/asyncdrop.hpp>
#include <utility>

namespace app {

class Db {
  friend class asyncdrop::access;
  Db() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }

public:
  int query() const { return 1; }
};
using DbGuard = asyncdrop::AsyncDropGuard<Db>;

// A cache that reads through a database: it stores a reference to it.
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
using CacheGuard = asyncdrop::AsyncDropGuard<Cache>;

// A logger that depends on nothing.
class Log {
  friend class asyncdrop::access;
  Log() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }

public:
  static asyncdrop::AsyncDropGuard<Log> open() {
    return asyncdrop::make_guard<Log>();
  }
};
using LogGuard = asyncdrop::AsyncDropGuard<Log>;

// Dependency through the constructor's initialiser (and Cache's member).
class Service {
  friend class asyncdrop::access;
  Service(DbGuard db)
      : db_(std::move(db)), cache_(Cache::open(*db_)), log_(Log::open()) {}
  DbGuard db_;
  CacheGuard cache_;
  LogGuard log_;

  asyncdrop::Task<void> async_drop_impl() {
    co_await db_.async_drop();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'db_' is dropped before 'cache_', which depends on it; drop 'cache_' first (dependents go before what they depend on, the reverse of construction, as destructors do) [asyncdrop-member-drop-order]
    co_await asyncdrop::drop_all(cache_, log_);
  }
};

// Dependent and dependency in one drop_all.
class Together {
  friend class asyncdrop::access;
  Together(DbGuard db) : db_(std::move(db)), cache_(Cache::open(*db_)) {}
  DbGuard db_;
  CacheGuard cache_;

  asyncdrop::Task<void> async_drop_impl() {
    co_await asyncdrop::drop_all(db_, cache_);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'db_' and 'cache_' are dropped concurrently by 'drop_all', but 'cache_' depends on 'db_' and may still use it while it is dropped; drop 'cache_' first, then 'db_'
  }
};

// Dependency only visible in the factory: the constructor takes both
// guards, the factory builds the cache from the database.
class Built {
  friend class asyncdrop::access;
  Built(DbGuard db, LogGuard log, CacheGuard cache)
      : db_(std::move(db)), log_(std::move(log)), cache_(std::move(cache)) {}
  DbGuard db_;
  LogGuard log_;
  CacheGuard cache_;

public:
  static asyncdrop::AsyncDropGuard<Built> create(DbGuard db) {
    auto log = Log::open();
    auto cache = Cache::open(*db);
    return asyncdrop::make_guard<Built>(std::move(db), std::move(log),
                                        std::move(cache));
  }

private:
  asyncdrop::Task<void> async_drop_impl() {
    co_await log_.async_drop();
    co_await db_.async_drop();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'db_' is dropped before 'cache_', which depends on it
    co_await cache_.async_drop();
  }
};

// Dependency through the type alone: Cache refers to Db. The members are
// assigned in the body, not in initialisers.
class ByType {
  friend class asyncdrop::access;
  ByType(DbGuard db, CacheGuard cache)
      : db_(std::move(db)), cache_(std::move(cache)) {}
  DbGuard db_;
  CacheGuard cache_;

  asyncdrop::Task<void> async_drop_impl() {
    co_await this->db_.async_drop();
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'db_' is dropped before 'cache_', which depends on it
    co_await cache_.async_drop();
  }
};

// Negatives: dependents first; independent members concurrently; drops in
// exclusive branches.
class Correct {
  friend class asyncdrop::access;
  Correct(DbGuard db)
      : db_(std::move(db)), cache_(Cache::open(*db_)), log_(Log::open()) {}
  DbGuard db_;
  CacheGuard cache_;
  LogGuard log_;

  asyncdrop::Task<void> async_drop_impl() {
    co_await asyncdrop::drop_all(cache_, log_);
    co_await db_.async_drop();
  }
};

class Branches {
  friend class asyncdrop::access;
  Branches(DbGuard db) : db_(std::move(db)), cache_(Cache::open(*db_)) {}
  DbGuard db_;
  CacheGuard cache_;
  bool fast_ = false;

  asyncdrop::Task<void> async_drop_impl() {
    if (fast_) {
      co_await cache_.async_drop();
      co_await db_.async_drop();
      co_return;
    }
    co_await cache_.async_drop();
    co_await db_.async_drop();
  }
};

// Members that merely look related are independent: a Log is not built from
// anything, and two guards of the same type do not depend on each other.
class Replicas {
  friend class asyncdrop::access;
  DbGuard primary_;
  DbGuard replica_;
  LogGuard log_;
  asyncdrop::Task<void> async_drop_impl() {
    co_await primary_.async_drop();
    co_await replica_.async_drop();
    co_await log_.async_drop();
  }
};

// A class template: the pattern is analysed, in source order.
template <class T>
class Layered {
  friend class asyncdrop::access;
  Layered(asyncdrop::AsyncDropGuard<T> base)
      : base_(std::move(base)), cache_(Cache::open(*base_)) {}
  asyncdrop::AsyncDropGuard<T> base_;
  CacheGuard cache_;
  asyncdrop::Task<void> async_drop_impl() {
    co_await base_.async_drop();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'base_' is dropped before 'cache_', which depends on it
    co_await cache_.async_drop();
  }
};

} // namespace app
