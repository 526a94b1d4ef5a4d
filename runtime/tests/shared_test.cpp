// AsyncDropShared: one in-flight creation shared by many awaiters.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <asyncdrop/asyncdrop.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "test_support.hpp"

using asyncdrop::AsyncDropArc;
using asyncdrop::AsyncDropShared;
using asyncdrop::drop_all;
using namespace asyncdrop_test;  // the shared fixtures, test_support.hpp
using testing::HasSubstr;

namespace {

// A creation that counts its runs and can be made to wait and/or fail.
Task<AsyncDropGuard<Conn>> create(Log& log, int& runs, ManualEvent* wait = nullptr,
                                  bool fail = false) {
  ++runs;
  if (wait != nullptr) co_await *wait;
  if (fail) throw std::runtime_error("creation failed");
  co_return make_guard<Conn>(log, runs);
}

Task<void> get_and_keep(AsyncDropShared<Conn>& shared, std::vector<AsyncDropArc<Conn>>& out) {
  out.push_back(co_await shared.get());
}

TEST(Shared, TheFirstAwaiterDrivesTheCreationAndEveryoneGetsAnArc) {
  RecordingHandlers handlers;
  Log log;
  int runs = 0;
  ManualEvent connected;
  AsyncDropShared<Conn> a(create(log, runs, &connected));
  auto b = a.clone();
  auto c = a.clone();
  EXPECT_EQ(runs, 0);  // lazy
  std::vector<AsyncDropArc<Conn>> arcs;
  auto first = spawn(get_and_keep(a, arcs));
  auto second = spawn(get_and_keep(b, arcs));
  EXPECT_EQ(runs, 1);
  EXPECT_FALSE(a.is_ready());
  EXPECT_TRUE(arcs.empty());
  connected.set();
  EXPECT_TRUE(first.done() && second.done());
  EXPECT_TRUE(a.is_ready());
  // A late awaiter gets it at once; `co_await shared` works too.
  sync_wait(get_and_keep(c, arcs));
  arcs.push_back(sync_wait(
      [](AsyncDropShared<Conn>& s) -> Task<AsyncDropArc<Conn>> { co_return co_await s; }(c)));
  ASSERT_EQ(arcs.size(), 4u);
  EXPECT_EQ(runs, 1);
  for (auto& arc : arcs) EXPECT_EQ(arc.get(), arcs[0].get());
  EXPECT_EQ(arcs[0].strong_count(), 5u);  // four awaiters + the handles' share

  // Dropping all handles first keeps the value alive for the arcs...
  sync_wait(drop_all(a, b, c));
  EXPECT_EQ(log.drops_started, 0);
  // ... and the last arc runs the cleanup.
  for (auto& arc : arcs) sync_wait(arc.async_drop());
  EXPECT_EQ(log.drops_finished, 1);
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(Shared, TheLastHandleCleansUpWhenTheArcsAreGoneAlready) {
  Log log;
  int runs = 0;
  AsyncDropShared<Conn> a(create(log, runs));
  auto b = a.clone();
  auto arc = sync_wait(a.get());
  sync_wait(arc.async_drop());
  sync_wait(a.async_drop());
  EXPECT_EQ(log.drops_started, 0);
  sync_wait(b.async_drop());
  EXPECT_EQ(log.drops_finished, 1);
}

TEST(Shared, EveryAwaiterGetsTheCreationsException) {
  Log log;
  int runs = 0;
  ManualEvent go;
  AsyncDropShared<Conn> a(create(log, runs, &go, /*fail=*/true));
  auto b = a.clone();
  std::vector<AsyncDropArc<Conn>> arcs;
  auto first = spawn(get_and_keep(a, arcs));
  auto second = spawn(get_and_keep(b, arcs));
  go.set();
  ASSERT_TRUE(first.done() && second.done());
  EXPECT_THROW(first.rethrow_if_failed(), std::runtime_error);
  EXPECT_THROW(second.rethrow_if_failed(), std::runtime_error);
  EXPECT_THROW((void)sync_wait(a.get()), std::runtime_error);
  EXPECT_EQ(runs, 1);
  sync_wait(drop_all(a, b));
  EXPECT_EQ(log.constructed, 0);
}

TEST(Shared, NeverAwaitedTheCreationNeverRunsAndNothingLeaks) {
  RecordingHandlers handlers;
  Log log;
  int runs = 0;
  AsyncDropShared<Conn> a(create(log, runs));
  auto b = a.clone();
  sync_wait(drop_all(a, b));
  EXPECT_EQ(runs, 0);
  EXPECT_EQ(log.constructed, 0);
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(Shared, DroppingAllHandlesWhileTheCreationRunsStillCleansUpItsValue) {
  RecordingHandlers handlers;
  Log log;
  int runs = 0;
  ManualEvent connected;
  AsyncDropShared<Conn> a(create(log, runs, &connected));
  auto b = a.clone();
  // The first awaiter starts the creation; then every handle is dropped
  // while it still runs.
  {
    auto abandoned = std::make_unique<std::vector<AsyncDropArc<Conn>>>();
    auto awaiting = spawn(get_and_keep(a, *abandoned));
    EXPECT_EQ(runs, 1);
    EXPECT_FALSE(awaiting.done());
    auto dropping = spawn(drop_all(a, b));
    EXPECT_FALSE(dropping.done());  // the last handle waits for the creation
    connected.set();
    EXPECT_TRUE(dropping.done());
    dropping.rethrow_if_failed();
    ASSERT_TRUE(awaiting.done());
    ASSERT_EQ(abandoned->size(), 1u);
    EXPECT_EQ(log.constructed, 1);
    EXPECT_EQ(log.drops_started, 0);  // the awaiter's Arc still holds it
    sync_wait((*abandoned)[0].async_drop());
  }
  EXPECT_EQ(log.drops_finished, 1);
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(Shared, AValueProducedAfterEveryoneLeftIsCleanedUpByTheLastHandle) {
  RecordingHandlers handlers;
  Log log;
  int runs = 0;
  ManualEvent connected;
  AsyncDropShared<Conn> a(create(log, runs, &connected));
  auto b = a.clone();
  std::vector<AsyncDropArc<Conn>> arcs;
  auto awaiting = spawn(get_and_keep(a, arcs));
  sync_wait(a.async_drop());
  auto last = spawn(b.async_drop());
  EXPECT_FALSE(last.done());
  connected.set();
  ASSERT_TRUE(last.done() && awaiting.done());
  ASSERT_EQ(arcs.size(), 1u);
  sync_wait(arcs[0].async_drop());
  EXPECT_EQ(log.drops_finished, 1);
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(Shared, AForgottenHandleIsReported) {
  RecordingHandlers handlers;
  Log log;
  int runs = 0;
  AsyncDropShared<Conn> a(create(log, runs));
  const int line = __LINE__ + 1;
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN { auto forgotten = a.clone(); }
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END
  ASSERT_EQ(forgotten_drops().size(), 1u);
  EXPECT_EQ(forgotten_drops()[0].type_name, "asyncdrop::AsyncDropShared<asyncdrop_test::Conn>");
  EXPECT_EQ(forgotten_drops()[0].line, static_cast<unsigned long>(line));
  sync_wait(a.async_drop());
}

TEST(Shared, AwaitersOnManyThreads) {
  // Run under ThreadSanitizer too (build-tsan): the creation finishes on one
  // thread while awaiters arrive from others.
  for (int round = 0; round < 20; ++round) {
    Log log;
    int runs = 0;
    ManualEvent connected;
    AsyncDropShared<Conn> root(create(log, runs, &connected));
    constexpr int kThreads = 6;
    std::vector<AsyncDropShared<Conn>> handles;
    for (int i = 0; i < kThreads; ++i) handles.push_back(root.clone());
    std::vector<std::vector<AsyncDropArc<Conn>>> per_thread(kThreads);
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&handles, &per_thread, i] {
        per_thread[i].push_back(sync_wait(handles[i].get()));
        sync_wait(per_thread[i].back().async_drop());
        sync_wait(handles[i].async_drop());
      });
    }
    std::thread setter([&connected] { connected.set(); });
    for (std::thread& t : threads) t.join();
    setter.join();
    sync_wait(root.async_drop());
    ASSERT_EQ(runs, 1);
    ASSERT_EQ(log.drops_finished, 1);
  }
}

TEST(Shared, TheValuesCleanupExceptionReachesTheLastDropper) {
  RecordingHandlers handlers;
  Log log;
  AsyncDropShared<Conn> a([](Log& log) -> Task<AsyncDropGuard<Conn>> {
    co_return make_guard<Conn>(log, 1, nullptr, /*throw_in_drop=*/true);
  }(log));
  auto b = a.clone();
  auto arc = sync_wait(a.get());
  sync_wait(a.async_drop());
  sync_wait(arc.async_drop());  // not the last share: the handles still hold one
  EXPECT_EQ(log.drops_started, 0);
  EXPECT_THROW(sync_wait(b.async_drop()), std::runtime_error);
  EXPECT_EQ(log.destroyed, 1);
  EXPECT_TRUE(cleanup_errors().empty());
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(Shared, HandlesDroppedConcurrentlyAfterTheCreationCleanUpExactlyOnce) {
  // Run under ThreadSanitizer too (build-tsan): the handle count and the
  // handles' share of the value are given up from several threads at once.
  for (int round = 0; round < 20; ++round) {
    Log log;
    int runs = 0;
    AsyncDropShared<Conn> root(create(log, runs));
    auto arc = sync_wait(root.get());
    constexpr int kThreads = 6;
    std::vector<AsyncDropShared<Conn>> handles;
    for (int i = 0; i < kThreads; ++i) handles.push_back(root.clone());
    sync_wait(root.async_drop());
    sync_wait(arc.async_drop());
    run_at_once(kThreads, [&handles](int i) { sync_wait(handles[i].async_drop()); });
    ASSERT_EQ(log.drops_started, 1);
    ASSERT_EQ(log.destroyed, 1);
  }
}

}  // namespace
