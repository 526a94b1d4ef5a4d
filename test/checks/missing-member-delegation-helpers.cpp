// The runtime's helpers are guard-like members too (AsyncOwned is not: it
// starts its own cleanup in its CleanupScope).
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-member-delegation %t.dir/src/helpers

#include <asyncdrop/asyncdrop.hpp>
#include <string>

namespace app {

class Conn {
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

struct Holder {
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Holder' holds 'shared_', 'locked_', 'pool_' and 'maybe_', which must be dropped asynchronously, but has no 'async_drop_impl()'; make 'Holder' an AsyncDrop type whose 'async_drop_impl()' drops each of them [asyncdrop-missing-member-delegation]
  asyncdrop::AsyncDropArc<Conn> shared_;
  asyncdrop::AsyncDropMutex<Conn> locked_;
  asyncdrop::AsyncDropHashMap<int, Conn> pool_;
  asyncdrop::AsyncDropResult<Conn, std::string> maybe_;
  asyncdrop::AsyncOwned<Conn> owned_;
  asyncdrop::AsyncDropArc<Conn> *borrowed_ = nullptr;
};

class Partial {
  friend class asyncdrop::access;
  asyncdrop::AsyncDropArc<Conn> shared_;
  asyncdrop::AsyncDropHashMap<int, Conn> pool_;
  asyncdrop::Task<void> async_drop_impl() {
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'async_drop_impl()' of 'Partial' does not drop 'pool_' on every path
    co_await shared_.async_drop();
  }
};

// Negatives.
class AllDropped {
  friend class asyncdrop::access;
  asyncdrop::AsyncDropArc<Conn> shared_;
  asyncdrop::AsyncDropMutex<Conn> locked_;
  asyncdrop::AsyncDropHashMap<int, Conn> pool_;
  asyncdrop::AsyncDropResult<Conn, std::string> maybe_;
  asyncdrop::Task<void> async_drop_impl() {
    co_await asyncdrop::drop_all(shared_, locked_, pool_, maybe_);
  }
};

struct OnlyOwned {
  asyncdrop::AsyncOwned<Conn> owned_;
};

} // namespace app
