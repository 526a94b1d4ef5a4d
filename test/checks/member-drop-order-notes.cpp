// The notes say which dependency was found and where the dependent is dropped.
// RUN: %check_asyncdrop_tidy %s asyncdrop-member-drop-order %t.dir/src/notes

#include <asyncdrop/asyncdrop.hpp>
#include <utility>

class Db {
  friend class asyncdrop::access;
  Db() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
class Cache {
  friend class asyncdrop::access;
  explicit Cache(int size) : size_(size) {}
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  int size_;

public:
  static asyncdrop::AsyncDropGuard<Cache> open(const Db &, int size) {
    return asyncdrop::make_guard<Cache>(size);
  }
};

class Service {
  friend class asyncdrop::access;
  Service(asyncdrop::AsyncDropGuard<Db> db, asyncdrop::AsyncDropGuard<Cache> cache)
      : db_(std::move(db)), cache_(std::move(cache)) {}
  asyncdrop::AsyncDropGuard<Db> db_;
  asyncdrop::AsyncDropGuard<Cache> cache_;

public:
  static asyncdrop::AsyncDropGuard<Service> create(asyncdrop::AsyncDropGuard<Db> db) {
    auto cache = Cache::open(*db, 64);
    return asyncdrop::make_guard<Service>(std::move(db), std::move(cache));
  }

private:
  asyncdrop::Task<void> async_drop_impl() {
    co_await db_.async_drop();
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'db_' is dropped before 'cache_', which depends on it; drop 'cache_' first (dependents go before what they depend on, the reverse of construction, as destructors do) [asyncdrop-member-drop-order]
    // CHECK-NOTES: :[[@LINE-8]]:31: note: the factory builds 'cache_' from 'db', which becomes 'db_', here
    co_await cache_.async_drop();
    // CHECK-NOTES: :[[@LINE-1]]:14: note: 'cache_' is dropped here
  }
};
