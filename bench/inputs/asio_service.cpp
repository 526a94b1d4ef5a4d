// Benchmark input (a): a realistic, coroutine-heavy translation unit.
//
// A small key-value service on Asio's io_context: connections, sessions,
// a write-ahead log, a cache in front of a store, leases, subscriptions and
// metrics, every one of them asynchronously dropped.  It includes the whole
// asyncdrop runtime and <asio.hpp>, has a few dozen guards in coroutines with
// early returns, loops, error paths, with_async_drop and drop_all, and is
// correct: the asyncdrop-* checks must report nothing on it.
//
// It is also a real program (`clang++-19 -std=c++20 -I runtime/include
// bench/inputs/asio_service.cpp -o /tmp/svc && /tmp/svc` runs a few requests
// through the service and drops everything), so the benchmark measures code
// that compiles and links, not a syntax-only mock-up.
#include <asyncdrop/asyncdrop.hpp>
#if __has_include(<asyncdrop/asio.hpp>)
#include <asyncdrop/asio.hpp>
#endif

#include <asio.hpp>

#include <chrono>
#include <coroutine>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kv {

using asyncdrop::AsyncDropGuard;
using asyncdrop::Task;
using namespace std::chrono_literals;

// ---------------------------------------------------------------------------
// Bridging: an asyncdrop::Task suspends on an Asio timer through this awaiter,
// and the top-level task is driven by a detached coroutine posted to the
// io_context.
// ---------------------------------------------------------------------------

class Timer {
 public:
  Timer(asio::io_context& io, std::chrono::steady_clock::duration d) : timer_(io, d) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    timer_.async_wait([h](const asio::error_code&) { h.resume(); });
  }
  void await_resume() const noexcept {}

 private:
  asio::steady_timer timer_;
};

inline Timer sleep_for(asio::io_context& io, std::chrono::steady_clock::duration d) {
  return Timer(io, d);
}

struct Detached {
  struct promise_type {
    Detached get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }
  };
};

inline Detached spawn(Task<void> task, bool& done) {
  co_await std::move(task);
  done = true;
}

class ServiceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// ---------------------------------------------------------------------------
// Resources.  Every one of them has a private constructor, befriends
// asyncdrop::access and cleans up in async_drop_impl().
// ---------------------------------------------------------------------------

class Metrics {
 public:
  void count(std::string_view name) { ++counters_[std::string(name)]; }
  std::uint64_t get(std::string_view name) const {
    auto it = counters_.find(std::string(name));
    return it == counters_.end() ? 0 : it->second;
  }

 private:
  friend class asyncdrop::access;
  explicit Metrics(asio::io_context& io) : io_(io) {}
  Task<void> async_drop_impl() {
    co_await sleep_for(io_, 1ms);  // flush to the collector
    counters_.clear();
  }

  asio::io_context& io_;
  std::map<std::string, std::uint64_t> counters_;
};

class WriteAheadLog {
 public:
  Task<std::uint64_t> append(std::string record) {
    co_await sleep_for(io_, 100us);
    records_.push_back(std::move(record));
    co_return records_.size();
  }
  Task<void> sync() { co_await sleep_for(io_, 200us); }
  std::size_t size() const { return records_.size(); }

 private:
  friend class asyncdrop::access;
  WriteAheadLog(asio::io_context& io, std::string path) : io_(io), path_(std::move(path)) {}
  Task<void> async_drop_impl() {
    co_await sync();
    std::printf("wal %s: closed with %zu records\n", path_.c_str(), records_.size());
  }

  asio::io_context& io_;
  std::string path_;
  std::vector<std::string> records_;
};

class Store {
 public:
  Task<std::optional<std::string>> get(std::string key) {
    co_await sleep_for(io_, 50us);
    auto it = data_.find(key);
    if (it == data_.end()) co_return std::nullopt;
    co_return it->second;
  }
  Task<void> put(std::string key, std::string value) {
    co_await sleep_for(io_, 50us);
    data_[std::move(key)] = std::move(value);
  }
  Task<bool> erase(std::string key) {
    co_await sleep_for(io_, 50us);
    co_return data_.erase(key) != 0;
  }

 private:
  friend class asyncdrop::access;
  explicit Store(asio::io_context& io) : io_(io) {}
  Task<void> async_drop_impl() { co_await sleep_for(io_, 1ms); }

  asio::io_context& io_;
  std::map<std::string, std::string> data_;
};

class Cache {
 public:
  std::optional<std::string> lookup(const std::string& key) const {
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    return it->second;
  }
  void remember(std::string key, std::string value) {
    dirty_.push_back(key);
    entries_[std::move(key)] = std::move(value);
  }
  void forget(const std::string& key) { entries_.erase(key); }

 private:
  friend class asyncdrop::access;
  explicit Cache(Store& store) : store_(store) {}
  // Writes back what is dirty: needs the store to still be open.
  Task<void> async_drop_impl() {
    for (const std::string& key : dirty_) {
      auto it = entries_.find(key);
      if (it != entries_.end()) co_await store_.put(key, it->second);
    }
  }

  Store& store_;
  std::map<std::string, std::string> entries_;
  std::vector<std::string> dirty_;
};

class Connection {
 public:
  Task<std::string> read_line() {
    co_await sleep_for(io_, 20us);
    if (next_ >= script_.size()) co_return std::string();
    co_return script_[next_++];
  }
  Task<void> write_line(std::string line) {
    co_await sleep_for(io_, 20us);
    sent_.push_back(std::move(line));
  }
  int id() const { return id_; }
  std::size_t sent() const { return sent_.size(); }

 private:
  friend class asyncdrop::access;
  Connection(asio::io_context& io, int id, std::vector<std::string> script)
      : io_(io), id_(id), script_(std::move(script)) {}
  Task<void> async_drop_impl() {
    co_await sleep_for(io_, 100us);  // say goodbye
  }

  asio::io_context& io_;
  int id_;
  std::vector<std::string> script_;
  std::size_t next_ = 0;
  std::vector<std::string> sent_;
};

class Lease {
 public:
  const std::string& key() const { return key_; }
  Task<void> renew() { co_await sleep_for(io_, 10us); }

 private:
  friend class asyncdrop::access;
  Lease(asio::io_context& io, std::string key) : io_(io), key_(std::move(key)) {}
  Task<void> async_drop_impl() { co_await sleep_for(io_, 10us); }  // release

  asio::io_context& io_;
  std::string key_;
};

class Subscription {
 public:
  Task<std::optional<std::string>> next() {
    co_await sleep_for(io_, 10us);
    if (remaining_ == 0) co_return std::nullopt;
    --remaining_;
    co_return "event:" + topic_;
  }

 private:
  friend class asyncdrop::access;
  Subscription(asio::io_context& io, std::string topic, int events)
      : io_(io), topic_(std::move(topic)), remaining_(events) {}
  Task<void> async_drop_impl() { co_await sleep_for(io_, 10us); }  // unsubscribe

  asio::io_context& io_;
  std::string topic_;
  int remaining_;
};

class Transaction {
 public:
  void stage(std::string key, std::string value) { staged_.emplace_back(std::move(key), std::move(value)); }
  Task<void> commit() {
    for (auto& [key, value] : staged_) co_await store_.put(key, value);
    staged_.clear();
    committed_ = true;
  }
  bool committed() const { return committed_; }

 private:
  friend class asyncdrop::access;
  explicit Transaction(Store& store) : store_(store) {}
  // Rolls back whatever was not committed.
  Task<void> async_drop_impl() {
    if (!committed_) staged_.clear();
    co_return;
  }

  Store& store_;
  std::vector<std::pair<std::string, std::string>> staged_;
  bool committed_ = false;
};

// ---------------------------------------------------------------------------
// A session: owns its connection, talks to the shared service parts.
// ---------------------------------------------------------------------------

class Session {
 public:
  Connection& connection() { return *connection_; }
  Metrics& metrics() { return *metrics_; }

 private:
  friend class asyncdrop::access;
  Session(asio::io_context& io, AsyncDropGuard<Connection> connection)
      : connection_(std::move(connection)), metrics_(asyncdrop::make_guard<Metrics>(io)) {}
  Task<void> async_drop_impl() { co_await asyncdrop::drop_all(metrics_, connection_); }

  AsyncDropGuard<Connection> connection_;
  AsyncDropGuard<Metrics> metrics_;
};

// ---------------------------------------------------------------------------
// The service: store, cache (depends on the store), log, metrics.
// ---------------------------------------------------------------------------

class Service {
 public:
  static AsyncDropGuard<Service> start(asio::io_context& io) {
    return asyncdrop::make_guard<Service>(io);
  }

  Task<std::string> handle(Session& session, std::string line);
  Task<void> serve(AsyncDropGuard<Session> session);
  Task<int> run_batch(std::vector<std::string> keys);
  Task<bool> transfer(std::string from, std::string to);
  Task<int> drain(std::string topic, int limit);
  Task<std::string> locked_update(std::string key, std::string value);
  Task<void> compact();

  const Metrics& metrics() const { return *metrics_; }

 private:
  friend class asyncdrop::access;
  explicit Service(asio::io_context& io)
      : io_(io),
        store_(asyncdrop::make_guard<Store>(io)),
        cache_(asyncdrop::make_guard<Cache>(*store_)),
        wal_(asyncdrop::make_guard<WriteAheadLog>(io, std::string("/var/lib/kv/wal"))),
        metrics_(asyncdrop::make_guard<Metrics>(io)) {}

  // The cache writes back into the store: drop it first.  The log and the
  // metrics are independent of each other.
  Task<void> async_drop_impl() {
    co_await cache_.async_drop();
    co_await store_.async_drop();
    co_await asyncdrop::drop_all(wal_, metrics_);
  }

  Task<std::string> get(std::string key);
  Task<std::string> put(std::string key, std::string value);

  asio::io_context& io_;
  AsyncDropGuard<Store> store_;
  AsyncDropGuard<Cache> cache_;
  AsyncDropGuard<WriteAheadLog> wal_;
  AsyncDropGuard<Metrics> metrics_;
};

Task<std::string> Service::get(std::string key) {
  metrics_->count("get");
  if (auto hit = cache_->lookup(key)) co_return *hit;
  auto value = co_await store_->get(key);
  if (!value) co_return "NOT_FOUND";
  cache_->remember(key, *value);
  co_return *value;
}

Task<std::string> Service::put(std::string key, std::string value) {
  metrics_->count("put");
  auto lease = asyncdrop::make_guard<Lease>(io_, key);
  if (key.empty()) {
    co_await lease.async_drop();
    co_return "ERR empty key";
  }
  co_await wal_->append("put " + key + " " + value);
  auto txn = asyncdrop::make_guard<Transaction>(*store_);
  txn->stage(key, value);
  co_await txn->commit();
  cache_->remember(key, value);
  co_await txn.async_drop();
  co_await lease.async_drop();
  co_return "OK";
}

Task<std::string> Service::handle(Session& session, std::string line) {
  session.metrics().count("request");
  auto space = line.find(' ');
  std::string verb = line.substr(0, space);
  std::string rest = space == std::string::npos ? std::string() : line.substr(space + 1);
  if (verb == "GET") co_return co_await get(rest);
  if (verb == "PUT") {
    auto sep = rest.find(' ');
    if (sep == std::string::npos) co_return "ERR usage: PUT key value";
    co_return co_await put(rest.substr(0, sep), rest.substr(sep + 1));
  }
  if (verb == "DEL") {
    auto lease = asyncdrop::make_guard<Lease>(io_, rest);
    bool erased = co_await store_->erase(rest);
    cache_->forget(rest);
    co_await lease.async_drop();
    co_return erased ? "OK" : "NOT_FOUND";
  }
  if (verb == "SYNC") {
    co_await wal_->sync();
    co_return "OK";
  }
  co_return "ERR unknown verb " + verb;
}

Task<void> Service::serve(AsyncDropGuard<Session> session) {
  for (int served = 0;; ++served) {
    std::string line = co_await session->connection().read_line();
    if (line.empty()) break;
    if (line == "QUIT") {
      co_await session->connection().write_line("BYE");
      break;
    }
    std::string reply = co_await handle(*session, std::move(line));
    co_await session->connection().write_line(std::move(reply));
    if (served > 1000) {
      co_await session.async_drop();
      throw ServiceError("session exceeded its request budget");
    }
  }
  co_await session.async_drop();
}

Task<int> Service::run_batch(std::vector<std::string> keys) {
  int found = 0;
  for (const std::string& key : keys) {
    auto lease = asyncdrop::make_guard<Lease>(io_, key);
    if (key.empty()) {
      co_await lease.async_drop();
      continue;
    }
    co_await lease->renew();
    std::string value = co_await get(key);
    if (value == "NOT_FOUND") {
      co_await lease.async_drop();
      continue;
    }
    ++found;
    if (found > 100) {
      co_await lease.async_drop();
      break;
    }
    co_await lease.async_drop();
  }
  co_return found;
}

Task<bool> Service::transfer(std::string from, std::string to) {
  auto first = asyncdrop::make_guard<Lease>(io_, from < to ? from : to);
  auto second = asyncdrop::make_guard<Lease>(io_, from < to ? to : from);
  auto value = co_await store_->get(from);
  if (!value) {
    co_await asyncdrop::drop_all(second, first);
    co_return false;
  }
  auto txn = asyncdrop::make_guard<Transaction>(*store_);
  txn->stage(to, *value);
  txn->stage(from, "");
  try {
    co_await txn->commit();
  } catch (const std::exception&) {
    metrics_->count("transfer_failed");
  }
  bool ok = txn->committed();
  co_await txn.async_drop();
  co_await asyncdrop::drop_all(second, first);
  co_return ok;
}

Task<int> Service::drain(std::string topic, int limit) {
  auto subscription = asyncdrop::make_guard<Subscription>(io_, topic, limit * 2);
  int seen = 0;
  while (seen < limit) {
    auto event = co_await subscription->next();
    if (!event) break;
    ++seen;
    if (event->size() > 4096) {
      co_await subscription.async_drop();
      throw ServiceError("oversized event on " + topic);
    }
  }
  co_await subscription.async_drop();
  co_return seen;
}

Task<std::string> Service::locked_update(std::string key, std::string value) {
  co_return co_await asyncdrop::with_async_drop(
      asyncdrop::make_guard<Lease>(io_, key),
      [this, value](Lease& lease) -> Task<std::string> {
        co_await lease.renew();
        co_return co_await put(lease.key(), value);
      });
}

Task<void> Service::compact() {
  auto scratch = asyncdrop::make_guard<WriteAheadLog>(io_, std::string("/var/lib/kv/wal.compact"));
  auto txn = asyncdrop::make_guard<Transaction>(*store_);
  for (std::size_t i = 0; i < wal_->size(); ++i) {
    co_await scratch->append("record " + std::to_string(i));
  }
  co_await txn->commit();
  co_await scratch->sync();
  co_await asyncdrop::drop_all(txn, scratch);
}

// ---------------------------------------------------------------------------
// Wiring: accept a few scripted connections, serve them, shut down.
// ---------------------------------------------------------------------------

Task<AsyncDropGuard<Session>> accept(asio::io_context& io, int id, std::vector<std::string> script) {
  auto connection = asyncdrop::make_guard<Connection>(io, id, std::move(script));
  co_await connection->write_line("HELLO " + std::to_string(id));
  co_return asyncdrop::make_guard<Session>(io, std::move(connection));
}

Task<void> warm_up(Service& service, asio::io_context& io) {
  auto metrics = asyncdrop::make_guard<Metrics>(io);
  for (int i = 0; i < 8; ++i) {
    std::string key = "warm" + std::to_string(i);
    metrics->count("warm");
    co_await service.locked_update(key, std::to_string(i * i));
  }
  co_await metrics.async_drop();
}

Task<int> self_test(Service& service, asio::io_context& io) {
  auto log = asyncdrop::make_guard<WriteAheadLog>(io, std::string("/tmp/selftest"));
  auto conn = asyncdrop::make_guard<Connection>(io, -1, std::vector<std::string>{});
  int failures = 0;
  if (co_await service.transfer("warm1", "moved1") == false) ++failures;
  if (co_await service.run_batch({"warm2", "", "missing"}) != 1) ++failures;
  if (failures != 0) {
    co_await conn->write_line("SELFTEST FAILED");
    co_await asyncdrop::drop_all(conn, log);
    co_return failures;
  }
  co_await log->append("selftest ok");
  co_await conn.async_drop();
  co_await log.async_drop();
  co_return 0;
}

Task<void> run_service(asio::io_context& io) {
  auto service = Service::start(io);
  co_await warm_up(*service, io);
  int failures = co_await self_test(*service, io);
  if (failures != 0) std::printf("self test: %d failures\n", failures);

  std::vector<std::vector<std::string>> scripts = {
      {"PUT a 1", "PUT b 2", "GET a", "QUIT"},
      {"GET b", "DEL a", "GET a", "SYNC"},
      {"PUT", "NOPE", "GET zzz"},
  };
  int id = 0;
  for (auto& script : scripts) {
    auto session = co_await accept(io, ++id, script);
    co_await service->serve(std::move(session));
  }
  int events = co_await service->drain("updates", 3);
  co_await service->compact();
  std::printf("served %d sessions, %d events, %llu requests\n", id, events,
              static_cast<unsigned long long>(service->metrics().get("get") +
                                              service->metrics().get("put")));
  co_await service.async_drop();
}

}  // namespace kv

int main() {
  asio::io_context io;
  bool done = false;
  asio::post(io, [&] { kv::spawn(kv::run_service(io), done); });
  io.run();
  return done ? 0 : 1;
}
