// A system header (-isystem): the same code, and not a single finding.
// (see public-constructor-headers.cpp)
#pragma once
#include <asyncdrop/asyncdrop.hpp>
#include <utility>
#include <vector>

namespace sys {
class Log {
  friend class asyncdrop::access;
  Log() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
class Db {
  friend class asyncdrop::access;
  Db() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
class Cache {
  friend class asyncdrop::access;
  explicit Cache(Db &db) : db_(db) {}
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  Db &db_;
};

template <class T>
class Widget {
public:
  Widget() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
  static Widget make() { return Widget(); }
  std::vector<asyncdrop::AsyncDropGuard<Log>> logs_;
};

struct Holder {
  asyncdrop::AsyncDropGuard<Log> log_;
};

class Service {
  friend class asyncdrop::access;
  asyncdrop::AsyncDropGuard<Db> db_;
  asyncdrop::AsyncDropGuard<Cache> cache_;
  asyncdrop::AsyncDropGuard<Log> log_;
  asyncdrop::AsyncDropGuard<Log> audit_;
  asyncdrop::Task<void> async_drop_impl() {
    co_await db_.async_drop();
    co_await cache_.async_drop();
    co_await log_.async_drop();
    co_await audit_.async_drop();
  }
};

inline Log steal(asyncdrop::AsyncDropGuard<Log> log) {
  return std::move(log).unsafe_into_inner_dont_drop();
}
} // namespace sys
