// Pattern rule 9 wherever the guard sits in the owner's type: inside pairs,
// tuples, variants and arrays the owner holds, in nested owners, and in
// templates that only hold guards once instantiated with one.
// RUN: %check_asyncdrop_tidy %s asyncdrop-guard-in-std-container %t.dir/src/nested
// CHECK-NOTES lines: the instantiation notes are part of the expected output.

#include <asyncdrop/asyncdrop.hpp>
#include <array>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

namespace app {

class Conn {
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
using Guard = asyncdrop::AsyncDropGuard<Conn>;

// Positives: the element the owner destroys is a pair, a tuple, a variant or
// an array of guards, or another owner of them.
struct Nested {
  std::vector<std::pair<int, Guard>> tagged;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::vector' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds without dropping it; use 'asyncdrop::AsyncDropHashMap' (keyed by position if need be), which drops its values concurrently, or an owner whose 'async_drop_impl()' drops every element [asyncdrop-guard-in-std-container]
  std::map<int, std::tuple<int, const char *, Guard>> rows;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::map' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds without dropping it; use 'asyncdrop::AsyncDropHashMap', which drops its values concurrently
  std::vector<std::variant<int, Guard>> mixed;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::vector' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds
  std::list<std::array<Guard, 2>> pairs;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::list' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds
  std::vector<std::pair<int, std::tuple<std::optional<int>, Guard>>> deep;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::vector' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds
  // The innermost owner is named.
  std::map<int, std::pair<int, std::vector<Guard>>> buckets;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::vector' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds
  std::vector<std::pair<int, Conn>> values;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::vector' destroys the 'app::Conn' it holds
};

// Negatives: what the owner holds refers to guards without owning them, and
// a pair or a tuple outside any standard owner is a class's members by
// another name (missing-member-delegation's business).
struct Observers {
  std::vector<std::pair<int, Guard *>> by_id;
  std::vector<std::reference_wrapper<Guard>> refs;
  std::vector<std::tuple<int, Guard &>> tied;
  std::vector<std::function<void(Guard &)>> visitors;
  std::map<int, std::shared_ptr<int>> counts;
  std::pair<int, Guard> loose;
  std::array<Guard, 2> fixed;
};

// Templates: the owner's element is a template parameter, only a guard in
// the instantiation. Reported once at the template's code, with a note
// naming the (first) instantiation that makes it a guard.
template <class T>
struct Queue {
  std::list<T> pending;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::list' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds without dropping it
  std::vector<int> counts;
};
Queue<int> ints;
Queue<Guard> guards;
// CHECK-NOTES: :[[@LINE-1]]:14: note: in the instantiation 'app::Queue<asyncdrop::AsyncDropGuard<app::Conn>>' requested here
Queue<Guard> more_guards;

template <class T>
std::size_t buffered(T first) {
  std::vector<std::pair<int, T>> buffer;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::vector' destroys the 'asyncdrop::AsyncDropGuard<app::Conn>' it holds
  buffer.emplace_back(0, std::move(first));
  return buffer.size();
}
std::size_t use(Guard g, int i) {
  return buffered(std::move(g)) + buffered(i);
  // CHECK-NOTES: :[[@LINE-1]]:10: note: in the instantiation 'app::buffered<asyncdrop::AsyncDropGuard<app::Conn>>' requested here
}

// A template whose pattern already says it is reported once, without a
// note, however it is instantiated.
template <class T>
struct Pool {
  std::vector<asyncdrop::AsyncDropGuard<T>> idle;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::vector' destroys the 'asyncdrop::AsyncDropGuard<T>' it holds
};
Pool<Conn> pool;

// Negative: instantiated only with values that need no drop.
template <class T>
struct Plain {
  std::vector<T> items;
  std::optional<std::pair<int, T>> last;
};
Plain<int> plain_ints;
Plain<Guard *> plain_pointers;

} // namespace app
