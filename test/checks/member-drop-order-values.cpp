// Pattern rule 6: a member depends on another only when it keeps something
// that refers into it (a reference, a pointer, a guard, an iterator, a
// handle). A value read out of it, or an AsyncDropArc share (which keeps its
// own ownership), is no dependency: those members are independent, which
// sequential-member-drops then says. And the hint never pairs members that
// depend on each other through a third.
// RUN: %check_asyncdrop_tidy --no-fix %s asyncdrop-member-drop-order,asyncdrop-sequential-member-drops %t.dir/src/values

#include <asyncdrop/asyncdrop.hpp>
#include <string>
#include <utility>
#include <vector>

namespace app {

class Db {
  friend class asyncdrop::access;
  Db() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  std::vector<int> rows_;

public:
  int id() const { return 7; }
  std::string name() const { return "db"; }
  std::vector<int>::const_iterator first_row() const { return rows_.begin(); }
  const Db &self() const { return *this; }
};
using DbGuard = asyncdrop::AsyncDropGuard<Db>;

// Made from values only: it keeps nothing of what it was made from.
class Shard {
  friend class asyncdrop::access;
  explicit Shard(int id) : id_(id) {}
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  int id_;

public:
  static asyncdrop::AsyncDropGuard<Shard> open(int id) {
    return asyncdrop::make_guard<Shard>(id);
  }
  static asyncdrop::AsyncDropGuard<Shard> named(const std::string &name) {
    return asyncdrop::make_guard<Shard>(static_cast<int>(name.size()));
  }
  // Whatever it is given, it keeps only a number.
  static asyncdrop::AsyncDropGuard<Shard> at(std::vector<int>::const_iterator row) {
    return asyncdrop::make_guard<Shard>(*row);
  }
  static asyncdrop::AsyncDropGuard<Shard> of(const Db &db) {
    return asyncdrop::make_guard<Shard>(db.id());
  }
  static asyncdrop::AsyncDropGuard<Shard> shared(asyncdrop::AsyncDropArc<Db> db) {
    int id = db->id();
    keep_share(std::move(db));
    return asyncdrop::make_guard<Shard>(id);
  }
  static void keep_share(asyncdrop::AsyncDropArc<Db> db);
};
using ShardGuard = asyncdrop::AsyncDropGuard<Shard>;

// Negatives for member-drop-order: db_ may go first, each shard only read a
// value out of it. These members are independent, so the hint is right.
class Values {
  friend class asyncdrop::access;
  DbGuard db_;
  ShardGuard by_id_;
  ShardGuard by_name_;
  ShardGuard copied_;
  Values(DbGuard db)
      : db_(std::move(db)), by_id_(Shard::open(db_->id())),
        by_name_(Shard::named(db_->name())),
        copied_(asyncdrop::make_guard<Shard>(db_.get()->id())) {}
  asyncdrop::Task<void> async_drop_impl() {
    co_await db_.async_drop();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'db_', 'by_id_', 'by_name_' and 'copied_' are dropped one after another, but none depends on another: drop them concurrently with 'co_await asyncdrop::drop_all(db_, by_id_, by_name_, copied_)' [asyncdrop-sequential-member-drops]
    co_await by_id_.async_drop();
    co_await by_name_.async_drop();
    co_await copied_.async_drop();
  }
};

// An AsyncDropArc share keeps the Db alive on its own: no order to keep.
class Shares {
  friend class asyncdrop::access;
  asyncdrop::AsyncDropArc<Db> db_;
  ShardGuard shard_;
  Shares(asyncdrop::AsyncDropArc<Db> db)
      : db_(std::move(db)), shard_(Shard::shared(db_.clone())) {}
  asyncdrop::Task<void> async_drop_impl() {
    co_await db_.async_drop();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'db_' and 'shard_' are dropped one after another, but neither depends on the other
    co_await shard_.async_drop();
  }
};

// Positives: what is kept refers into db_ (a reference, a pointer, an
// iterator), even though the member's class only keeps a value: the
// initialiser is all the check can see of what the factory keeps.
class Borrowing {
  friend class asyncdrop::access;
  DbGuard db_;
  ShardGuard by_ref_;
  ShardGuard by_row_;
  Borrowing(DbGuard db)
      : db_(std::move(db)), by_ref_(Shard::of(*db_)),
        by_row_(Shard::at(db_->first_row())) {}
  asyncdrop::Task<void> async_drop_impl() {
    co_await db_.async_drop();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'db_' is dropped before 'by_ref_', which depends on it
    // CHECK-MESSAGES: :[[@LINE-2]]:14: warning: 'db_' is dropped before 'by_row_', which depends on it
    co_await asyncdrop::drop_all(by_ref_, by_row_);
  }
};

// Transitive dependencies: api_ uses cache_, which uses db_. api_ and db_
// are not independent, so no drop_all(api_, db_) is suggested (following it
// would let db_'s cleanup run while api_'s still reaches it through
// cache_); the order itself is member-drop-order's finding.
class Cache {
  friend class asyncdrop::access;
  explicit Cache(Db &db) : db_(&db) {}
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  Db *db_;

public:
  static asyncdrop::AsyncDropGuard<Cache> open(Db &db) {
    return asyncdrop::make_guard<Cache>(db);
  }
};
class Api {
  friend class asyncdrop::access;
  explicit Api(Cache &cache) : cache_(&cache) {}
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  Cache *cache_;

public:
  static asyncdrop::AsyncDropGuard<Api> open(Cache &cache) {
    return asyncdrop::make_guard<Api>(cache);
  }
};
class Service {
  friend class asyncdrop::access;
  DbGuard db_;
  asyncdrop::AsyncDropGuard<Cache> cache_;
  asyncdrop::AsyncDropGuard<Api> api_;
  Service(DbGuard db)
      : db_(std::move(db)), cache_(Cache::open(*db_)),
        api_(Api::open(*cache_)) {}
  asyncdrop::Task<void> async_drop_impl() {
    co_await cache_.async_drop();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'cache_' is dropped before 'api_', which depends on it
    co_await api_.async_drop();
    co_await db_.async_drop();
  }
};

} // namespace app
