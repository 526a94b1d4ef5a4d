// The runtime's owners are the answer, not a finding.
// RUN: %check_asyncdrop_tidy %s asyncdrop-guard-in-std-container %t.dir/src/helpers

#include <asyncdrop/asyncdrop.hpp>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace app {

class Conn {
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

class Pool {
  friend class asyncdrop::access;
  // Negatives: the helpers the check suggests, held directly.
  asyncdrop::AsyncDropHashMap<int, Conn> idle_;
  asyncdrop::AsyncDropArc<Conn> primary_;
  std::vector<Conn *> borrowed_;
  asyncdrop::Task<void> async_drop_impl() {
    co_await asyncdrop::drop_all(idle_, primary_);
  }

  // Positives: a standard owner of the helpers destroys them undropped just
  // like guards (an exception, an early return, a clear() skips the loop
  // that would drop them).
  std::vector<asyncdrop::AsyncDropArc<Conn>> clones_;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::vector' destroys the 'asyncdrop::AsyncDropArc<app::Conn>' it holds without dropping it; use 'asyncdrop::AsyncDropHashMap' (keyed by position if need be), which drops its values concurrently, or an owner whose 'async_drop_impl()' drops every element [asyncdrop-guard-in-std-container]
  std::optional<asyncdrop::AsyncDropMutex<Conn>> locked_;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::optional' destroys the 'asyncdrop::AsyncDropMutex<app::Conn>' it holds without dropping it; hold it directly
  std::map<int, asyncdrop::AsyncDropHashMap<int, Conn>> shards_;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::map' destroys the 'asyncdrop::AsyncDropHashMap<int, app::Conn>' it holds
  // AsyncOwned starts its own cleanup in its CleanupScope: a vector of them
  // loses nothing.
  std::vector<asyncdrop::AsyncOwned<Conn>> owned_;

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
