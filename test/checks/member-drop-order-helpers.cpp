// Dependencies through the runtime's helpers.
// RUN: %check_asyncdrop_tidy %s asyncdrop-member-drop-order %t.dir/src/helpers

#include <asyncdrop/asyncdrop.hpp>

namespace app {

class Db {
  friend class asyncdrop::access;
  Db() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

// A cache shares the database: it holds a clone of the Arc.
class Cache {
  friend class asyncdrop::access;
  Cache() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  asyncdrop::AsyncDropArc<Db> *db_ = nullptr;
};

class Shards {
  friend class asyncdrop::access;
  asyncdrop::AsyncDropArc<Db> db_;
  asyncdrop::AsyncDropHashMap<int, Cache> caches_;
  asyncdrop::Task<void> async_drop_impl() {
    co_await asyncdrop::drop_all(db_, caches_);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'db_' and 'caches_' are dropped concurrently by 'drop_all', but 'caches_' depends on 'db_' and may still use it while it is dropped; drop 'caches_' first, then 'db_' [asyncdrop-member-drop-order]
  }
};

class ShardsOk {
  friend class asyncdrop::access;
  asyncdrop::AsyncDropArc<Db> db_;
  asyncdrop::AsyncDropHashMap<int, Cache> caches_;
  asyncdrop::Task<void> async_drop_impl() {
    co_await caches_.async_drop();
    co_await db_.async_drop();
  }
};

} // namespace app
