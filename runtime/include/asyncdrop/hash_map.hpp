// AsyncDropHashMap<K, V>: a hash map that owns guarded values and drops them
// all, concurrently, when it is dropped (pattern rule 9: a std::unordered_map
// of guards would destroy them without their cleanup).
//
//   asyncdrop::AsyncDropHashMap<int, Conn> conns;
//   auto conn = asyncdrop::make_guard<Conn>(fd);
//   if (!conns.try_insert(fd, conn)) co_await conn.async_drop();  // duplicate: still ours
//   if (Conn* c = conns.get_mut(fd)) co_await c->send(1);
//   auto removed = conns.remove(fd);        // the guard comes back out
//   co_await removed.async_drop();
//   co_await conns.async_drop();            // every remaining value, concurrently
//
// Values are reached as V& / V* (get, get_mut, iteration), never as guards,
// so they cannot be moved out behind the map's back; remove() is the way out.
// The map is single-threaded like std::unordered_map.  A value that is still
// in the map when the map is destroyed undropped is reported by its own guard
// (with the line that created it).
#pragma once

#include <cstddef>
#include <functional>
#include <iterator>
#include <span>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

#include "asyncdrop/access.hpp"
#include "asyncdrop/drop_family.hpp"
#include "asyncdrop/guard.hpp"

namespace asyncdrop {

template <class K, class V, class Hash = std::hash<K>, class KeyEqual = std::equal_to<K>>
class AsyncDropHashMap {
  using map_type = std::unordered_map<K, AsyncDropGuard<V>, Hash, KeyEqual>;

  // Iterates as (const K&, V&) pairs: `for (auto [key, value] : map)`.
  template <bool Const>
  class basic_iterator {
    using base =
        std::conditional_t<Const, typename map_type::const_iterator, typename map_type::iterator>;
    using mapped = std::conditional_t<Const, const V, V>;

   public:
    using iterator_concept = std::forward_iterator_tag;
    using iterator_category = std::input_iterator_tag;  // the reference is a proxy
    using value_type = std::pair<const K&, mapped&>;
    using reference = value_type;
    using difference_type = std::ptrdiff_t;

    struct pointer {
      value_type pair;
      const value_type* operator->() const noexcept { return &pair; }
    };

    basic_iterator() = default;
    // iterator -> const_iterator
    template <bool C = Const>
      requires C
    basic_iterator(const basic_iterator<false>& other) : it_(other.it_) {}

    reference operator*() const { return reference(it_->first, *it_->second); }
    pointer operator->() const { return pointer{**this}; }
    basic_iterator& operator++() {
      ++it_;
      return *this;
    }
    basic_iterator operator++(int) {
      basic_iterator old = *this;
      ++it_;
      return old;
    }
    friend bool operator==(const basic_iterator& a, const basic_iterator& b) {
      return a.it_ == b.it_;
    }

   private:
    friend class AsyncDropHashMap;
    friend class basic_iterator<true>;
    explicit basic_iterator(base it) : it_(it) {}
    base it_{};
  };

 public:
  using key_type = K;
  using mapped_type = V;
  using size_type = std::size_t;
  using iterator = basic_iterator<false>;
  using const_iterator = basic_iterator<true>;

  AsyncDropHashMap() = default;
  AsyncDropHashMap(AsyncDropHashMap&&) noexcept = default;
  // Assigning over a map that still holds values reports each of them.
  AsyncDropHashMap& operator=(AsyncDropHashMap&&) noexcept = default;
  AsyncDropHashMap(const AsyncDropHashMap&) = delete;
  AsyncDropHashMap& operator=(const AsyncDropHashMap&) = delete;
  ~AsyncDropHashMap() = default;

  // Inserts the guard's value under `key` and returns true, or returns false
  // when the key is taken: the guard is then left as it was, still owning
  // its value, and the caller still has to drop it (or insert it elsewhere).
  // Taken by reference for that reason; with a temporary guard a duplicate
  // key means the temporary is destroyed undropped and reported.
  bool try_insert(K key, AsyncDropGuard<V>& guard) { return insert_impl(std::move(key), guard); }
  bool try_insert(K key, AsyncDropGuard<V>&& guard) { return insert_impl(std::move(key), guard); }

  // The value under `key`, or nullptr.
  [[nodiscard]] const V* get(const K& key) const {
    auto it = map_.find(key);
    return it == map_.end() ? nullptr : it->second.get();
  }
  [[nodiscard]] V* get_mut(const K& key) {
    auto it = map_.find(key);
    return it == map_.end() ? nullptr : it->second.get();
  }
  [[nodiscard]] bool contains(const K& key) const { return map_.find(key) != map_.end(); }

  // Takes the value under `key` out of the map and hands its guard to the
  // caller, who now has to drop it.  Throws std::out_of_range (and changes
  // nothing) when there is no such key.
  [[nodiscard]] AsyncDropGuard<V> remove(const K& key) {
    auto it = map_.find(key);
    if (it == map_.end())
      throw std::out_of_range("asyncdrop: AsyncDropHashMap::remove: no such key");
    AsyncDropGuard<V> guard = std::move(it->second);
    map_.erase(it);
    return guard;
  }

  [[nodiscard]] size_type size() const noexcept { return map_.size(); }
  [[nodiscard]] bool empty() const noexcept { return map_.empty(); }

  iterator begin() noexcept { return iterator(map_.begin()); }
  iterator end() noexcept { return iterator(map_.end()); }
  const_iterator begin() const noexcept { return const_iterator(map_.begin()); }
  const_iterator end() const noexcept { return const_iterator(map_.end()); }

  // Empties the map and drops every value concurrently: all cleanups are
  // started before any is waited for (drop_all for Task cleanups, an Asio
  // parallel group for asio::awaitable ones).  Completes when all have
  // completed; every cleanup runs even when others throw; the first failure
  // (in the map's iteration order) is rethrown, the others go to the
  // cleanup-error handler.  Lazy: the map is emptied when the drop is
  // awaited.  The map stays usable (and empty) afterwards.
  [[nodiscard]] auto async_drop() { return drop_coroutine(); }

 private:
  bool insert_impl(K&& key, AsyncDropGuard<V>& guard) {
    // try_emplace does not move from its arguments when the key exists.
    return map_.try_emplace(std::move(key), std::move(guard)).second;
  }

  template <class U = V>
  drop_coroutine_t<U> drop_coroutine() {
    std::vector<AsyncDropGuard<V>> values;
    values.reserve(map_.size());
    for (auto& entry : map_) values.push_back(std::move(entry.second));
    map_.clear();
    co_await drop_family_t<U>::drop_range(
        std::span<AsyncDropGuard<V>>(values),
        "AsyncDropHashMap::async_drop: another value's cleanup failed too; that exception is "
        "propagated");
  }

  map_type map_;
};

}  // namespace asyncdrop
