// The corrected twin of service_misuse.cpp: the cache, which depends on the
// database, is dropped first (reverse order of construction).
#include "../common/sim_loop.hpp"

#include <string>

namespace svc {

class Database {
 public:
  asyncdrop::Task<void> put(std::string key) {
    co_await examples::loop().io();
    std::printf("db: stored %s\n", key.c_str());
  }

 private:
  friend class asyncdrop::access;
  Database() = default;
  asyncdrop::Task<void> async_drop_impl() {
    co_await examples::loop().io();
    std::printf("db: closed\n");
  }
};

class Cache {
 public:
  void remember(std::string key) { dirty_ = std::move(key); }

 private:
  friend class asyncdrop::access;
  explicit Cache(Database& db) : db_(db) {}
  asyncdrop::Task<void> async_drop_impl() {
    if (!dirty_.empty()) co_await db_.put(dirty_);  // needs the database open
    std::printf("cache: closed\n");
  }

  Database& db_;
  std::string dirty_;
};

class Service {
 public:
  // The factory opens the resources in dependency order and hands them to
  // the service, which owns them from then on.
  static asyncdrop::AsyncDropGuard<Service> start() {
    auto database = asyncdrop::make_guard<Database>();
    auto cache = asyncdrop::make_guard<Cache>(*database);
    return asyncdrop::make_guard<Service>(std::move(database), std::move(cache));
  }
  void handle(std::string key) { cache_->remember(std::move(key)); }

 private:
  friend class asyncdrop::access;
  Service(asyncdrop::AsyncDropGuard<Database> database, asyncdrop::AsyncDropGuard<Cache> cache)
      : database_(std::move(database)), cache_(std::move(cache)) {}

  asyncdrop::Task<void> async_drop_impl() {
    co_await cache_.async_drop();
    co_await database_.async_drop();
  }

  asyncdrop::AsyncDropGuard<Database> database_;
  asyncdrop::AsyncDropGuard<Cache> cache_;
};

}  // namespace svc

int main() {
  examples::loop().run([]() -> asyncdrop::Task<void> {
    auto service = svc::Service::start();
    service->handle("user:7");
    co_await service.async_drop();
  }());
}
