// The runtime's owners are the answer, not a finding.
// RUN: %check_asyncdrop_tidy %s asyncdrop-guard-in-std-container %t.dir/src/helpers

#include <asyncdrop/asyncdrop.hpp>
#include <map>
#include <memory>
#include <vector>

namespace app {

class Conn {
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

class Pool {
  friend class asyncdrop::access;
  // Negatives: the helpers the check suggests, and containers of helpers
  // (each AsyncDropArc clone is dropped on its own).
  asyncdrop::AsyncDropHashMap<int, Conn> idle_;
  asyncdrop::AsyncDropArc<Conn> primary_;
  std::vector<asyncdrop::AsyncDropArc<Conn>> clones_;
  std::vector<Conn *> borrowed_;
  asyncdrop::Task<void> async_drop_impl() {
    for (auto &clone : clones_)
      co_await clone.async_drop();
    co_await asyncdrop::drop_all(idle_, primary_);
  }

  // Positive: the standard owner of the same thing.
  std::map<int, asyncdrop::AsyncDropGuard<Conn>> by_id_;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::map' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds without dropping it; use 'asyncdrop::AsyncDropHashMap', which drops its values concurrently [asyncdrop-guard-in-std-container]
};

} // namespace app

// The runtime's own implementation is exempt (its headers hold guards in
// standard containers internally).
namespace asyncdrop {
template <class T> struct Internal {
  std::vector<AsyncDropGuard<T>> guards;
};
} // namespace asyncdrop
