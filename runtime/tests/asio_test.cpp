// The Asio integration (asio.hpp): asio::awaitable cleanups with the guard and
// the helpers, cancellation, io_context destruction, and a TCP end-to-end run.
// Built twice: against Boost.Asio and, with ASYNCDROP_ASIO_STANDALONE=1,
// against standalone Asio.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <asyncdrop/asio.hpp>
#include <asyncdrop/asyncdrop.hpp>

#if ASYNCDROP_ASIO_STANDALONE
#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>
namespace net = ::asio;
using error_code = std::error_code;
#define ASYNCDROP_TEST_JOIN(scope) (scope).join(net::use_awaitable)
#else
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
namespace net = ::boost::asio;
using error_code = boost::system::error_code;
// With Boost.Asio 1.26 join() is an asynchronous operation, awaited as is.
#define ASYNCDROP_TEST_JOIN(scope) (scope).join()
#endif

#include <algorithm>
#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "test_support.hpp"

using asyncdrop::AsyncDropArc;
using asyncdrop::AsyncDropHashMap;
using asyncdrop::AsyncDropResult;
using asyncdrop::AsyncOwned;
using asyncdrop::CleanupScope;
using asyncdrop::drop_all;
using asyncdrop::with_async_drop;
using namespace asyncdrop_test;  // the shared fixtures, test_support.hpp
using namespace std::chrono_literals;
using tcp = net::ip::tcp;
using testing::HasSubstr;

namespace asio_test_types {

// What the cleanups did.  Everything runs on one io_context thread.
struct AsioLog {
  int started = 0;
  int finished = 0;
  int destroyed = 0;
  int in_flight = 0;
  int max_in_flight = 0;
  std::vector<std::string> events;
};

// A type whose cleanup is an asio::awaitable: it waits `delay` on a timer
// (real asynchronous work), then optionally throws.
class AsioConn {
 public:
  int id() const { return id_; }
  void set_delay(std::chrono::milliseconds delay) { delay_ = delay; }

 private:
  friend class asyncdrop::access;
  AsioConn(AsioLog& log, int id, std::chrono::milliseconds delay = 0ms, bool throw_in_drop = false)
      : log_(&log), id_(id), delay_(delay), throw_in_drop_(throw_in_drop) {}
  AsioConn(const AsioConn&) = delete;
  ~AsioConn() { ++log_->destroyed; }

  net::awaitable<void> async_drop_impl() {
    ++log_->started;
    log_->max_in_flight = std::max(log_->max_in_flight, ++log_->in_flight);
    log_->events.push_back("drop start " + std::to_string(id_));
    if (delay_ > 0ms) {
      net::steady_timer timer(co_await net::this_coro::executor, delay_);
      co_await timer.async_wait(net::use_awaitable);
    }
    --log_->in_flight;
    ++log_->finished;
    log_->events.push_back("drop end " + std::to_string(id_));
    if (throw_in_drop_) throw std::runtime_error("drop failed " + std::to_string(id_));
  }

  AsioLog* log_;
  int id_;
  std::chrono::milliseconds delay_;
  bool throw_in_drop_;
};

}  // namespace asio_test_types

namespace {

using asio_test_types::AsioConn;
using asio_test_types::AsioLog;

// For failure messages.
std::string forgotten_list() {
  std::string list;
  for (const auto& f : forgotten_drops())
    list += f.type_name + " at line " + std::to_string(f.line) + "; ";
  return list;
}

static_assert(asyncdrop::AsyncDrop<AsioConn>);
static_assert(std::is_same_v<asyncdrop::drop_coroutine_t<AsioConn>, net::awaitable<void>>);
static_assert(std::is_same_v<decltype(std::declval<AsyncDropGuard<AsioConn>&>().async_drop()),
                             net::awaitable<void>>);
static_assert(std::is_same_v<decltype(std::declval<AsyncDropArc<AsioConn>&>().async_drop()),
                             net::awaitable<void>>);
static_assert(
    std::is_same_v<decltype(std::declval<AsyncDropHashMap<int, AsioConn>&>().async_drop()),
                   net::awaitable<void>>);

// Runs `coroutine` on a fresh io_context to completion; rethrows its exception.
template <class T>
T run(std::function<net::awaitable<T>()> coroutine) {
  net::io_context io;
  std::exception_ptr error;
  std::optional<T> result;
  net::co_spawn(
      io, [&]() -> net::awaitable<void> { result.emplace(co_await coroutine()); },
      [&error](std::exception_ptr e) { error = e; });
  io.run();
  if (error) std::rethrow_exception(error);
  return std::move(*result);
}

void run_void(std::function<net::awaitable<void>()> coroutine) {
  net::io_context io;
  std::exception_ptr error;
  net::co_spawn(io, coroutine(), [&error](std::exception_ptr e) { error = e; });
  io.run();
  if (error) std::rethrow_exception(error);
}

// ---- the guard ---------------------------------------------------------------------

TEST(Asio, TheGuardsDropIsAnAsioAwaitable) {
  RecordingHandlers handlers;
  AsioLog log;
  run_void([&]() -> net::awaitable<void> {
    auto conn = make_guard<AsioConn>(log, 1, 5ms);
    EXPECT_EQ(conn->id(), 1);
    co_await conn.async_drop();
    EXPECT_TRUE(conn.is_dropped());
    co_await conn.async_drop();  // no-op
  });
  EXPECT_EQ(log.started, 1);
  EXPECT_EQ(log.finished, 1);
  EXPECT_EQ(log.destroyed, 1);
  EXPECT_TRUE(forgotten_drops().empty()) << forgotten_list();
}

TEST(Asio, TheCleanupsExceptionReachesTheAwaiter) {
  AsioLog log;
  EXPECT_THROW(run_void([&]() -> net::awaitable<void> {
                 auto conn = make_guard<AsioConn>(log, 1, 1ms, /*throw_in_drop=*/true);
                 co_await conn.async_drop();
               }),
               std::runtime_error);
  EXPECT_EQ(log.destroyed, 1);
}

TEST(Asio, WithAsyncDropDropsOnEveryExit) {
  RecordingHandlers handlers;
  AsioLog log;
  int value = run<int>([&]() -> net::awaitable<int> {
    co_return co_await with_async_drop(
        make_guard<AsioConn>(log, 1, 1ms),
        [](AsioConn& conn) -> net::awaitable<int> { co_return conn.id() * 10; });
  });
  EXPECT_EQ(value, 10);
  EXPECT_EQ(log.finished, 1);

  EXPECT_THROW(run_void([&]() -> net::awaitable<void> {
                 co_await with_async_drop(make_guard<AsioConn>(log, 2, 1ms, /*throw_in_drop=*/true),
                                          [](AsioConn&) -> net::awaitable<void> {
                                            throw std::logic_error("body failed");
                                            co_return;
                                          });
               }),
               std::logic_error);
  EXPECT_EQ(log.finished, 2);
  ASSERT_EQ(cleanup_errors().size(), 1u);  // the body's exception won
  EXPECT_EQ(cleanup_errors()[0].what, "drop failed 2");
  EXPECT_TRUE(forgotten_drops().empty()) << forgotten_list();
}

// ---- concurrent drops ---------------------------------------------------------------

TEST(Asio, DropAllRunsTheDropsConcurrentlyAsAParallelGroup) {
  RecordingHandlers handlers;
  AsioLog log;
  run_void([&]() -> net::awaitable<void> {
    auto a = make_guard<AsioConn>(log, 1, 30ms);
    AsyncDropArc<AsioConn> b(make_guard<AsioConn>(log, 2, 30ms));
    AsyncDropHashMap<int, AsioConn> c;
    c.try_insert(3, make_guard<AsioConn>(log, 3, 30ms));
    c.try_insert(4, make_guard<AsioConn>(log, 4, 30ms));
    co_await drop_all(a, b, c);
  });
  EXPECT_EQ(log.finished, 4);
  EXPECT_EQ(log.max_in_flight, 4);  // all four were running at once
  EXPECT_TRUE(forgotten_drops().empty()) << forgotten_list();
}

TEST(Asio, DropAllRethrowsTheFirstInArgumentOrderAndReportsTheRest) {
  RecordingHandlers handlers;
  AsioLog log;
  EXPECT_EQ(what_thrown<std::runtime_error>([&] {
              run_void([&]() -> net::awaitable<void> {
                auto a = make_guard<AsioConn>(log, 1, 20ms, /*throw_in_drop=*/true);
                auto b = make_guard<AsioConn>(log, 2, 1ms);
                auto c = make_guard<AsioConn>(log, 3, 1ms, /*throw_in_drop=*/true);
                co_await drop_all(a, b, c);
              });
            }),
            "drop failed 1");
  EXPECT_EQ(log.finished, 3);
  ASSERT_EQ(cleanup_errors().size(), 1u);
  EXPECT_EQ(cleanup_errors()[0].what, "drop failed 3");
  EXPECT_EQ(cleanup_errors()[0].type_name, "asio_test_types::AsioConn");
}

TEST(Asio, HashMapDropsEveryValueConcurrently) {
  RecordingHandlers handlers;
  AsioLog log;
  run_void([&]() -> net::awaitable<void> {
    AsyncDropHashMap<int, AsioConn> map;
    for (int i = 0; i < 20; ++i) map.try_insert(i, make_guard<AsioConn>(log, i, 20ms));
    co_await map.async_drop();
    EXPECT_TRUE(map.empty());
  });
  EXPECT_EQ(log.finished, 20);
  EXPECT_EQ(log.max_in_flight, 20);
  EXPECT_TRUE(forgotten_drops().empty()) << forgotten_list();
}

TEST(Asio, HashMapRunsEveryDropEvenWhenSomeThrow) {
  RecordingHandlers handlers;
  AsioLog log;
  const std::string first = what_thrown<std::runtime_error>([&] {
    run_void([&]() -> net::awaitable<void> {
      AsyncDropHashMap<int, AsioConn> map;
      map.try_insert(1, make_guard<AsioConn>(log, 1, 10ms, /*throw_in_drop=*/true));
      map.try_insert(2, make_guard<AsioConn>(log, 2, 1ms));
      map.try_insert(3, make_guard<AsioConn>(log, 3, 1ms, /*throw_in_drop=*/true));
      co_await map.async_drop();
    });
  });
  EXPECT_EQ(log.finished, 3);
  ASSERT_EQ(cleanup_errors().size(), 1u);
  std::vector<std::string> all{first, cleanup_errors()[0].what};
  std::sort(all.begin(), all.end());
  EXPECT_THAT(all, testing::ElementsAre("drop failed 1", "drop failed 3"));
}

TEST(Asio, HashMapRethrowsTheFirstFailureInIterationOrder) {
  // As with Task cleanups: first in the map's order, not in completion order.
  RecordingHandlers handlers;
  AsioLog log;
  std::vector<int> order;
  const std::string first = what_thrown<std::runtime_error>([&] {
    run_void([&]() -> net::awaitable<void> {
      AsyncDropHashMap<int, AsioConn> map;
      for (int i = 0; i < 4; ++i) {
        map.try_insert(i, make_guard<AsioConn>(log, i, 1ms, /*throw_in_drop=*/true));
      }
      for (auto [key, conn] : map) {
        conn.set_delay(order.empty() ? 30ms : 1ms);  // the first one finishes last
        order.push_back(key);
      }
      co_await map.async_drop();
    });
  });
  ASSERT_EQ(order.size(), 4u);
  EXPECT_EQ(first, "drop failed " + std::to_string(order[0]));
  ASSERT_EQ(cleanup_errors().size(), 3u);
  for (std::size_t i = 1; i < order.size(); ++i) {
    EXPECT_EQ(cleanup_errors()[i - 1].what, "drop failed " + std::to_string(order[i]));
  }
}

TEST(Asio, ArcAndResultAndFlatten) {
  RecordingHandlers handlers;
  AsioLog log;
  run_void([&]() -> net::awaitable<void> {
    AsyncDropArc<AsioConn> a(make_guard<AsioConn>(log, 1, 1ms));
    auto b = a.clone();
    co_await a.async_drop();
    EXPECT_EQ(log.started, 0);
    co_await b.async_drop();
    EXPECT_EQ(log.finished, 1);

    using R = AsyncDropResult<AsioConn, int>;
    auto flat = co_await asyncdrop::flatten_async_drop(R(make_guard<AsioConn>(log, 2, 1ms)),
                                                       R(make_guard<AsioConn>(log, 3, 1ms)));
    EXPECT_TRUE(flat.has_value());
    co_await flat.async_drop();
    EXPECT_EQ(log.finished, 3);
    auto failed = co_await asyncdrop::flatten_async_drop(R(make_guard<AsioConn>(log, 4, 1ms)),
                                                         R(asyncdrop::Unexpected(7)));
    EXPECT_FALSE(failed.has_value());
    EXPECT_EQ(log.finished, 4);
    co_await failed.async_drop();
  });
  EXPECT_EQ(log.destroyed, 4);
  EXPECT_TRUE(forgotten_drops().empty()) << forgotten_list();
}

// ---- CleanupScope and AsyncOwned --------------------------------------------------------

TEST(Asio, AsyncOwnedStartsItsCleanupOnTheScopesExecutor) {
  RecordingHandlers handlers;
  AsioLog log;
  run_void([&]() -> net::awaitable<void> {
    CleanupScope scope(co_await net::this_coro::executor);
    {
      AsyncOwned<AsioConn> a(scope, make_guard<AsioConn>(log, 1, 20ms));
      AsyncOwned<AsioConn> b(scope, make_guard<AsioConn>(log, 2, 20ms));
    }
    EXPECT_EQ(scope.running(), 2u);
    co_await ASYNCDROP_TEST_JOIN(scope);
    EXPECT_EQ(log.finished, 2);
    EXPECT_EQ(log.max_in_flight, 2);
    // The token form works with every Asio version.
    {
      AsyncOwned<AsioConn> c(scope, make_guard<AsioConn>(log, 3, 1ms));
    }
    co_await scope.join(net::use_awaitable);
    EXPECT_EQ(log.finished, 3);
  });
  EXPECT_TRUE(forgotten_drops().empty()) << forgotten_list();
}

TEST(Asio, JoinRethrowsTheFirstCleanupFailure) {
  RecordingHandlers handlers;
  AsioLog log;
  EXPECT_THROW(run_void([&]() -> net::awaitable<void> {
                 CleanupScope scope(co_await net::this_coro::executor);
                 {
                   AsyncOwned<AsioConn> a(scope, make_guard<AsioConn>(log, 1, 1ms, true));
                 }
                 {
                   AsyncOwned<AsioConn> b(scope, make_guard<AsioConn>(log, 2, 1ms, true));
                 }
                 co_await scope.join(net::use_awaitable);
               }),
               std::runtime_error);
  EXPECT_EQ(log.finished, 2);
  ASSERT_EQ(cleanup_errors().size(), 1u);
  EXPECT_EQ(cleanup_errors()[0].what, "drop failed 2");
}

TEST(Asio, AsyncOwnedNeedsAScopeWithAnExecutor) {
  RecordingHandlers handlers;
  AsioLog log;
  CleanupScope scope;  // no executor
  auto guard = make_guard<AsioConn>(log, 1);
  EXPECT_THROW(scope.start_drop(std::move(guard)), std::invalid_argument);
  ASSERT_NE(guard.get(), nullptr);  // still the caller's
  run_void([&]() -> net::awaitable<void> { co_await guard.async_drop(); });
  EXPECT_TRUE(forgotten_drops().empty()) << forgotten_list();
}

// ---- cancellation ---------------------------------------------------------------------

// Spawns `coroutine` with a cancellation slot and emits a terminal
// cancellation after `after`; once the coroutine has finished, runs `then`.
void run_and_cancel(std::function<net::awaitable<void>()> coroutine,
                    std::chrono::milliseconds after, std::exception_ptr& error,
                    std::function<net::awaitable<void>()> then = {}) {
  net::io_context io;
  net::cancellation_signal signal;
  net::co_spawn(io, coroutine(),
                net::bind_cancellation_slot(signal.slot(), [&](std::exception_ptr e) {
                  error = e;
                  if (then) net::co_spawn(io, then(), net::detached);
                }));
  net::steady_timer timer(io, after);
  timer.async_wait([&](error_code) { signal.emit(net::cancellation_type::terminal); });
  io.run();
}

bool is_operation_aborted(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
#if ASYNCDROP_ASIO_STANDALONE
  } catch (const std::system_error& error) {
#else
  } catch (const boost::system::system_error& error) {
#endif
    return error.code() == net::error::operation_aborted;
  } catch (...) {
  }
  return false;
}

TEST(Asio, WithAsyncDropStillDropsWhenTheCoroutineIsCancelled) {
  RecordingHandlers handlers;
  AsioLog log;
  std::exception_ptr error;
  run_and_cancel(
      [&]() -> net::awaitable<void> {
        co_await with_async_drop(make_guard<AsioConn>(log, 1, 20ms),
                                 [](AsioConn&) -> net::awaitable<void> {
                                   net::steady_timer forever(co_await net::this_coro::executor, 1h);
                                   co_await forever.async_wait(net::use_awaitable);
                                 });
      },
      10ms, error);
  ASSERT_NE(error, nullptr);
  EXPECT_TRUE(is_operation_aborted(error));  // the body's cancellation propagates...
  EXPECT_EQ(log.finished, 1);                // ... after the (asynchronous) cleanup ran
  EXPECT_EQ(log.destroyed, 1);
  EXPECT_TRUE(forgotten_drops().empty()) << forgotten_list();
}

TEST(Asio, ADropInFlightIsNotAbortedByACancellation) {
  RecordingHandlers handlers;
  AsioLog log;
  std::exception_ptr error;
  run_and_cancel(
      [&]() -> net::awaitable<void> {
        auto conn = make_guard<AsioConn>(log, 1, 30ms);
        co_await conn.async_drop();  // the cancellation arrives in the middle
      },
      10ms, error);
  EXPECT_EQ(error, nullptr);
  EXPECT_EQ(log.finished, 1);
  EXPECT_TRUE(forgotten_drops().empty()) << forgotten_list();
}

TEST(Asio, AsyncOwnedInACancelledCoroutineIsCleanedUpInItsScope) {
  RecordingHandlers handlers;
  AsioLog log;
  std::exception_ptr error;
  std::unique_ptr<CleanupScope> scope;
  bool joined = false;
  run_and_cancel(
      [&]() -> net::awaitable<void> {
        scope = std::make_unique<CleanupScope>(co_await net::this_coro::executor);
        AsyncOwned<AsioConn> conn(*scope, make_guard<AsioConn>(log, 1, 20ms));
        net::steady_timer forever(co_await net::this_coro::executor, 1h);
        co_await forever.async_wait(net::use_awaitable);
      },
      10ms, error,
      [&]() -> net::awaitable<void> {
        co_await scope->join(net::use_awaitable);
        joined = true;
      });
  EXPECT_TRUE(is_operation_aborted(error));
  EXPECT_TRUE(joined);
  EXPECT_EQ(log.finished, 1);
  scope.reset();
  EXPECT_TRUE(forgotten_drops().empty()) << forgotten_list();
}

TEST(Asio, ABareDropInAnAlreadyCancelledCoroutineNeedsThrowIfCancelledOff) {
  RecordingHandlers handlers;
  AsioLog log;
  std::exception_ptr error;
  bool first_drop_threw = false;
  run_and_cancel(
      [&]() -> net::awaitable<void> {
        auto conn = make_guard<AsioConn>(log, 1, 1ms);
        try {
          net::steady_timer forever(co_await net::this_coro::executor, 1h);
          co_await forever.async_wait(net::use_awaitable);
        } catch (...) {
        }
        // Cancelled: every co_await throws before it starts...
        try {
          co_await conn.async_drop();
        } catch (...) {
          first_drop_threw = true;
        }
        // ... unless the coroutine says otherwise.
        co_await net::this_coro::throw_if_cancelled(false);
        co_await conn.async_drop();
      },
      10ms, error);
  EXPECT_TRUE(first_drop_threw);
  EXPECT_EQ(error, nullptr);
  EXPECT_EQ(log.finished, 1);
  EXPECT_TRUE(forgotten_drops().empty()) << forgotten_list();
}

// ---- shutting down ----------------------------------------------------------------------

TEST(Asio, DestroyingTheIoContextReportsGuardsInSuspendedFrames) {
  RecordingHandlers handlers;
  AsioLog log;
  {
    net::io_context io;
    net::co_spawn(
        io,
        [&log]() -> net::awaitable<void> {
          auto conn = make_guard<AsioConn>(log, 1);
          net::steady_timer forever(co_await net::this_coro::executor, 1h);
          co_await forever.async_wait(net::use_awaitable);
          co_await conn.async_drop();
        },
        net::detached);
    io.run_for(10ms);
  }  // the suspended frame is destroyed with the io_context, synchronously
  ASSERT_EQ(forgotten_drops().size(), 1u);
  EXPECT_EQ(forgotten_drops()[0].type_name, "asio_test_types::AsioConn");
  EXPECT_EQ(log.started, 0);
  EXPECT_EQ(log.destroyed, 1);
}

net::awaitable<void> worker(CleanupScope& scope, AsioLog& log, int id) {
  AsyncOwned<AsioConn> conn(scope, make_guard<AsioConn>(log, id, 10ms));
  net::steady_timer forever(co_await net::this_coro::executor, 1h);
  co_await forever.async_wait(net::use_awaitable);
}

TEST(Asio, AnAsyncOwnedInAFrameDestroyedWithTheIoContextCannotBeCleanedUp) {
  RecordingHandlers handlers;
  AsioLog log;
  {
    std::optional<CleanupScope> scope;  // outlives the io_context, as it must
    net::io_context io;
    scope.emplace(io.get_executor());
    net::co_spawn(
        io,
        [&log, &scope]() -> net::awaitable<void> {
          AsyncOwned<AsioConn> conn(*scope, make_guard<AsioConn>(log, 1));
          net::steady_timer forever(co_await net::this_coro::executor, 1h);
          co_await forever.async_wait(net::use_awaitable);
        },
        net::detached);
    io.run_for(10ms);
  }  // the frame goes with the io_context; the cleanup it spawns never runs
  EXPECT_EQ(log.started, 0);
  ASSERT_EQ(forgotten_drops().size(), 2u) << forgotten_list();
  EXPECT_EQ(forgotten_drops()[0].type_name, "asio_test_types::AsioConn");
  EXPECT_THAT(forgotten_drops()[1].type_name, HasSubstr("CleanupScope"));
}

TEST(Asio, ShuttingDownByCancellingAndJoiningLosesNoCleanup) {
  // The recommended shutdown: cancel the work and wait for it to unwind (its
  // AsyncOwneds start their cleanups in the scope meanwhile), then join the
  // scope, and only then let io_context::run() return.
  RecordingHandlers handlers;
  AsioLog log;
  bool joined = false;
  {
    net::io_context io;
    CleanupScope scope(io.get_executor());
    net::co_spawn(
        io,
        [&]() -> net::awaitable<void> {
          using namespace net::experimental::awaitable_operators;
          net::steady_timer deadline(co_await net::this_coro::executor, 10ms);
          co_await ((worker(scope, log, 1) && worker(scope, log, 2) && worker(scope, log, 3)) ||
                    deadline.async_wait(net::use_awaitable));
          co_await ASYNCDROP_TEST_JOIN(scope);
          joined = true;
        },
        net::detached);
    io.run();
  }
  EXPECT_TRUE(joined);
  EXPECT_EQ(log.finished, 3);
  EXPECT_TRUE(forgotten_drops().empty()) << forgotten_list();
}

// ---- TCP end to end -----------------------------------------------------------------------

// The server's side of a connection: its cleanup says goodbye, shuts down
// sending and waits for the peer to close.
struct ServerStats {
  int drops_started = 0;
  int in_flight = 0;
  int max_in_flight = 0;
  int clean_closes = 0;  // the peer's close was seen as end-of-file
  std::vector<std::string> errors;
};

class ServerConnection {
 private:
  friend class asyncdrop::access;
  ServerConnection(tcp::socket socket, ServerStats& stats)
      : socket_(std::move(socket)), stats_(&stats) {}

  net::awaitable<void> async_drop_impl() {
    ++stats_->drops_started;
    stats_->max_in_flight = std::max(stats_->max_in_flight, ++stats_->in_flight);
    static const std::string goodbye = "goodbye\n";
    co_await net::async_write(socket_, net::buffer(goodbye), net::use_awaitable);
    socket_.shutdown(tcp::socket::shutdown_send);
    char buffer[64];
    error_code ec;
    std::size_t unexpected = 0;
    for (;;) {
      std::size_t n = co_await socket_.async_read_some(net::buffer(buffer),
                                                       net::redirect_error(net::use_awaitable, ec));
      if (ec) break;
      unexpected += n;
    }
    if (ec == net::error::eof && unexpected == 0) {
      ++stats_->clean_closes;
    } else {
      stats_->errors.push_back(ec.message());
    }
    socket_.close();
    --stats_->in_flight;
  }

  tcp::socket socket_;
  ServerStats* stats_;
};

struct ClientResult {
  bool connected = false;
  bool eof = false;
  std::string received;
  std::string error;
};

net::awaitable<void> client(tcp::endpoint server, ClientResult& result) {
  tcp::socket socket(co_await net::this_coro::executor);
  co_await socket.async_connect(server, net::use_awaitable);
  result.connected = true;
  char buffer[64];
  for (;;) {
    error_code ec;
    std::size_t n = co_await socket.async_read_some(net::buffer(buffer),
                                                    net::redirect_error(net::use_awaitable, ec));
    result.received.append(buffer, n);
    if (ec == net::error::eof) {
      result.eof = true;
      break;
    }
    if (ec) {
      result.error = ec.message();
      break;
    }
  }
  socket.close();  // the server's cleanup is waiting for this
}

net::awaitable<void> server(tcp::acceptor& acceptor, int connections, ServerStats& stats) {
  AsyncDropHashMap<int, ServerConnection> held;
  for (int i = 0; i < connections; ++i) {
    tcp::socket socket = co_await acceptor.async_accept(net::use_awaitable);
    held.try_insert(i, make_guard<ServerConnection>(std::move(socket), stats));
  }
  co_await held.async_drop();  // all goodbyes at once
}

TEST(Asio, TcpServerSaysGoodbyeToAHundredConnectionsDroppedConcurrently) {
  RecordingHandlers handlers;
  constexpr int kConnections = 100;
  net::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
  ServerStats stats;
  std::vector<ClientResult> results(kConnections);
  std::exception_ptr server_error;
  bool timed_out = false;
  net::steady_timer watchdog(io, 30s);
  watchdog.async_wait([&](error_code ec) {
    if (ec) return;
    timed_out = true;
    io.stop();
  });
  net::co_spawn(io, server(acceptor, kConnections, stats), [&](std::exception_ptr e) {
    server_error = e;
    watchdog.cancel();
  });
  for (ClientResult& result : results) {
    net::co_spawn(io, client(acceptor.local_endpoint(), result), net::detached);
  }
  io.run();
  ASSERT_FALSE(timed_out);
  if (server_error) std::rethrow_exception(server_error);

  EXPECT_EQ(stats.drops_started, kConnections);
  EXPECT_EQ(stats.max_in_flight, kConnections);  // every goodbye was in flight at once
  EXPECT_EQ(stats.clean_closes, kConnections);   // every peer closed cleanly
  EXPECT_TRUE(stats.errors.empty()) << stats.errors.front();
  for (const ClientResult& result : results) {
    EXPECT_TRUE(result.connected);
    EXPECT_EQ(result.received, "goodbye\n");
    EXPECT_TRUE(result.eof) << result.error;
  }
  EXPECT_TRUE(forgotten_drops().empty()) << forgotten_list();
}

}  // namespace
