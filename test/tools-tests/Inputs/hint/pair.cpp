// Correct code with one hint: the two members could be dropped concurrently
// (asyncdrop-sequential-member-drops). A hint never fails a build.
#include <asyncdrop/asyncdrop.hpp>

namespace app {
class Log {
  friend class asyncdrop::access;
  Log() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }

public:
  static asyncdrop::AsyncDropGuard<Log> open() { return asyncdrop::make_guard<Log>(); }
};
class Metrics {
  friend class asyncdrop::access;
  Metrics() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }

public:
  static asyncdrop::AsyncDropGuard<Metrics> open() { return asyncdrop::make_guard<Metrics>(); }
};

class Pair {
  friend class asyncdrop::access;
  Pair() : log_(Log::open()), metrics_(Metrics::open()) {}
  asyncdrop::AsyncDropGuard<Log> log_;
  asyncdrop::AsyncDropGuard<Metrics> metrics_;
  asyncdrop::Task<void> async_drop_impl() {
    co_await log_.async_drop();
    co_await metrics_.async_drop();
  }

public:
  static asyncdrop::AsyncDropGuard<Pair> open() { return asyncdrop::make_guard<Pair>(); }
};
} // namespace app
