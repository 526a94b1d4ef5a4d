// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-member-delegation %t.dir/src/missing_member_delegation
//
// Test code (here: a file under tests/) is not checked:
// RUN: %check_asyncdrop_tidy --check-suffix=TEST %s asyncdrop-missing-member-delegation %t.dir/tests/missing_member_delegation

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
  Cache() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
using DbGuard = asyncdrop::AsyncDropGuard<Db>;
using CacheGuard = asyncdrop::AsyncDropGuard<Cache>;

// (a) Guard members but no async_drop_impl() at all.
class Service {
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Service' holds 'db_' and 'cache_', which must be dropped asynchronously, but has no 'async_drop_impl()'; make 'Service' an AsyncDrop type whose 'async_drop_impl()' drops each of them [asyncdrop-missing-member-delegation]
  DbGuard db_;
  CacheGuard cache_;
  int requests_ = 0;
};

// (a) An inherited async_drop_impl() cannot drop the members added here.
struct Base {
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
struct Derived : Base {
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Derived' holds 'db_', which must be dropped asynchronously, but does not override the inherited 'async_drop_impl()'; make 'Derived' an AsyncDrop type whose 'async_drop_impl()' drops it
  DbGuard db_;
};

// (b) A member forgotten entirely.
class Forgets {
  friend class asyncdrop::access;
  DbGuard db_;
  CacheGuard cache_;
  asyncdrop::Task<void> async_drop_impl() {
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'async_drop_impl()' of 'Forgets' does not drop 'cache_' on every path; drop it there (with 'co_await m.async_drop()', 'asyncdrop::drop_all(...)' or a helper that drops it)
    co_await db_.async_drop();
  }
};

// (b) A member dropped in one branch only.
class OneBranch {
  friend class asyncdrop::access;
  DbGuard db_;
  CacheGuard cache_;
  bool warm_ = false;
  asyncdrop::Task<void> async_drop_impl() {
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'async_drop_impl()' of 'OneBranch' does not drop 'cache_' on every path
    if (warm_)
      co_await cache_.async_drop();
    co_await db_.async_drop();
  }
};

// (b) An early co_return skips the drops.
class EarlyReturn {
  friend class asyncdrop::access;
  DbGuard db_;
  CacheGuard cache_;
  bool closed_ = false;
  asyncdrop::Task<void> async_drop_impl() {
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'async_drop_impl()' of 'EarlyReturn' does not drop 'db_' and 'cache_' on every path; drop each of them there
    if (closed_)
      co_return;
    co_await asyncdrop::drop_all(cache_, db_);
  }
};

// (b) The runtime's helpers and AsyncDrop types held by value count too
// (AsyncDropArc and friends: see the typecheck-helpers test).
struct Inline {
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
class ByValue {
  friend class asyncdrop::access;
  Inline inline_;
  DbGuard db_;
  asyncdrop::Task<void> async_drop_impl() {
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'async_drop_impl()' of 'ByValue' does not drop 'inline_' on every path
    co_await db_.async_drop();
  }
};

// Negatives: every correct way of delegating.
class Sequential {
  friend class asyncdrop::access;
  DbGuard db_;
  CacheGuard cache_;
  asyncdrop::Task<void> async_drop_impl() {
    co_await cache_.async_drop();
    co_await this->db_.async_drop();
  }
};

class Concurrent {
  friend class asyncdrop::access;
  DbGuard db_;
  CacheGuard cache_;
  asyncdrop::Task<void> async_drop_impl() {
    co_await asyncdrop::drop_all(db_, cache_);
  }
};

class BothBranches {
  friend class asyncdrop::access;
  DbGuard db_;
  CacheGuard cache_;
  bool fast_ = false;
  asyncdrop::Task<void> async_drop_impl() {
    if (fast_) {
      co_await asyncdrop::drop_all(db_, cache_);
      co_return;
    }
    co_await cache_.async_drop();
    co_await db_.async_drop();
  }
};

// A helper that drops its parameter, visible here, or annotated.
asyncdrop::Task<void> close_cache(CacheGuard &cache) {
  co_await cache.async_drop();
}
asyncdrop::Task<void> close_db(ASYNCDROP_DROPS DbGuard &db);

class WithHelpers {
  friend class asyncdrop::access;
  DbGuard db_;
  CacheGuard cache_;
  asyncdrop::Task<void> async_drop_impl() {
    co_await close_cache(cache_);
    co_await close_db(db_);
  }
};

// Handing a member on to another owner also discharges it.
asyncdrop::Task<void> adopt(CacheGuard cache);
class HandsOver {
  friend class asyncdrop::access;
  DbGuard db_;
  CacheGuard cache_;
  asyncdrop::Task<void> async_drop_impl() {
    co_await adopt(std::move(cache_));
    co_await db_.async_drop();
  }
};

// An AsyncDrop member held by value, dropped through its own cleanup.
class ByValueOk {
  friend class asyncdrop::access;
  Inline inline_;
  asyncdrop::Task<void> async_drop_impl() { co_await inline_.async_drop_impl(); }
};

// No guard-like members: nothing to delegate. References and pointers do
// not own.
struct Observer {
  DbGuard &db;
  Cache *cache;
};

// Defined in another translation unit: nothing to say.
class Elsewhere {
  friend class asyncdrop::access;
  DbGuard db_;
  asyncdrop::Task<void> async_drop_impl();
};

// Class templates: analysed through an instantiation when there is one, and
// reported once.
template <class T>
class Pair {
  friend class asyncdrop::access;
  asyncdrop::AsyncDropGuard<T> first_;
  asyncdrop::AsyncDropGuard<T> second_;
  bool both_ = true;
  asyncdrop::Task<void> async_drop_impl() {
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'async_drop_impl()' of 'Pair' does not drop 'second_' on every path
    co_await first_.async_drop();
    if (both_)
      co_await second_.async_drop();
  }
};
asyncdrop::Task<void> use_pairs(asyncdrop::AsyncDropGuard<Pair<Db>> a,
                                asyncdrop::AsyncDropGuard<Pair<Cache>> b) {
  co_await asyncdrop::drop_all(a, b);
}

// ... and when it is never instantiated, a member it never mentions.
template <class T>
class Never {
  friend class asyncdrop::access;
  asyncdrop::AsyncDropGuard<T> used_;
  asyncdrop::AsyncDropGuard<T> unused_;
  asyncdrop::Task<void> async_drop_impl() {
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'async_drop_impl()' of 'Never' does not drop 'unused_' on every path
    co_await used_.async_drop();
  }
};

} // namespace app

// The runtime's own types are exempt.
namespace asyncdrop {
template <class T> struct Holder {
  AsyncDropGuard<T> guard;
};
} // namespace asyncdrop
