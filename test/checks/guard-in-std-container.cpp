// RUN: %check_asyncdrop_tidy %s asyncdrop-guard-in-std-container %t.dir/src/guard_in_std_container
//
// Test code (here: a file under tests/) is not checked:
// RUN: %check_asyncdrop_tidy --check-suffix=TEST %s asyncdrop-guard-in-std-container %t.dir/tests/guard_in_std_container
//
// A custom StandardOwners list replaces the default:
// RUN: %check_asyncdrop_tidy --check-suffix=CUSTOM %s asyncdrop-guard-in-std-container %t.dir/src/custom_owners \
// RUN:   -- -config="{CheckOptions: {asyncdrop-guard-in-std-container.StandardOwners: '::std::pair'}}"

#include <asyncdrop/asyncdrop.hpp>
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace app {

class Conn {
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
using Guard = asyncdrop::AsyncDropGuard<Conn>;

// Positives: every standard owner of guards.
struct Registry {
  std::vector<asyncdrop::AsyncDropGuard<Conn>> all;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::vector' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds without dropping it; use 'asyncdrop::AsyncDropHashMap' (keyed by position if need be), which drops its values concurrently, or an owner whose 'async_drop_impl()' drops every element [asyncdrop-guard-in-std-container]
  std::deque<Guard> queue;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::deque' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds
  std::list<Guard> idle;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::list' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds
  std::map<int, Guard> by_id;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::map' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds without dropping it; use 'asyncdrop::AsyncDropHashMap', which drops its values concurrently
  std::unordered_map<int, Guard> by_port;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unordered_map' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds without dropping it; use 'asyncdrop::AsyncDropHashMap'
  std::optional<Guard> current;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::optional' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds without dropping it; hold it directly: it already is an owner, and a moved-from or dropped one owns nothing
  std::unique_ptr<Guard> boxed;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unique_ptr' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds without dropping it; hold it directly
  std::shared_ptr<Guard> shared;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::shared_ptr' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds without dropping it; use 'asyncdrop::AsyncDropArc<Conn>' for shared ownership: every clone is dropped and the last one runs the cleanup
  // Nested: the vector is the owner that destroys the guards.
  std::optional<std::vector<Guard>> maybe_all;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::vector' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds
};

// AsyncDrop types held by value in standard owners.
struct Plain {
  std::shared_ptr<Conn> shared_conn;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::shared_ptr' destroys the 'app::Conn' it holds without dropping it; use 'asyncdrop::AsyncDropArc<Conn>' for shared ownership
  std::unique_ptr<Conn> unique_conn;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unique_ptr' destroys the 'app::Conn' it holds without dropping it; use 'asyncdrop::AsyncDropGuard<Conn>', the unique owner that drops it
};

// Locals, parameters, return types, `auto`.
std::vector<Guard> collect();
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'std::vector' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds
void consume(std::vector<Guard> guards);
// CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'std::vector' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds
void consume(std::vector<Guard> guards) {}
void locals() {
  std::vector<Guard> local;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::vector' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds
  auto deduced = std::optional<Guard>();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::optional' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds
}

// A class template is reported on its pattern, once.
template <class T>
struct Cache {
  std::vector<asyncdrop::AsyncDropGuard<T>> entries;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::vector' destroys the 'asyncdrop::AsyncDropGuard<T>' it holds
};
template struct Cache<Conn>;

// Negatives: references and pointers are not owners; non-owning elements;
// other templates; the runtime's helpers (see the typecheck-helpers test).
void observe(const std::vector<Guard> &guards, std::vector<Guard> *more);
std::vector<Guard *> raw_pointers;
std::vector<Conn *> raw_conns;
std::vector<std::reference_wrapper<Guard>> refs;
std::map<int, Conn *> by_key;
std::function<Guard()> make;
extern std::pair<int, Guard> pair_of;
// A factory of Conn handing it out in a standard owner: unguarded-factory
// reports it, not this check as well. The same type elsewhere is this
// check's.
std::unique_ptr<Conn> open_conn();
std::optional<Conn> try_conn();
// CHECK-MESSAGES-CUSTOM: :[[@LINE-6]]:8: warning: 'std::pair' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds

} // namespace app

namespace other {
std::unique_ptr<app::Conn> borrow_conn();
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'std::unique_ptr' destroys the 'app::Conn' it holds without dropping it; use 'asyncdrop::AsyncDropGuard<Conn>', the unique owner that drops it
} // namespace other
