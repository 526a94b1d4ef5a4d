// CleanupScope and AsyncOwned: automatic cleanup that is never lost.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <asyncdrop/asyncdrop.hpp>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "test_support.hpp"

using asyncdrop::AsyncOwned;
using asyncdrop::CleanupScope;
using namespace asyncdrop_test;  // the shared fixtures, test_support.hpp
using testing::HasSubstr;

namespace {

TEST(CleanupScope, AnUndroppedAsyncOwnedStartsItsCleanupInTheScope) {
  RecordingHandlers handlers;
  Log log;
  ManualEvent release;
  CleanupScope scope;
  {
    AsyncOwned<Conn> conn(scope, make_guard<Conn>(log, 1, &release));
    EXPECT_EQ(conn->id(), 1);
    EXPECT_EQ((*conn).id(), 1);
  }  // no co_await: the cleanup starts here, inline, and suspends
  EXPECT_EQ(log.drops_started, 1);
  EXPECT_EQ(scope.running(), 1u);
  auto joining = spawn(scope.join());
  EXPECT_FALSE(joining.done());  // join waits for it
  release.set();
  ASSERT_TRUE(joining.done());
  joining.rethrow_if_failed();
  EXPECT_EQ(log.destroyed, 1);
  EXPECT_EQ(scope.running(), 0u);
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(CleanupScope, ExplicitDropReleaseAndMoves) {
  RecordingHandlers handlers;
  Log log;
  CleanupScope scope;
  {
    AsyncOwned<Conn> dropped(scope, make_guard<Conn>(log, 1));
    sync_wait(dropped.async_drop());  // as with a guard: now, not in the scope
    EXPECT_TRUE(dropped.is_dropped());
    EXPECT_EQ(log.drops_finished, 1);

    AsyncOwned<Conn> released(scope, make_guard<Conn>(log, 2));
    AsyncDropGuard<Conn> guard = std::move(released).release();
    sync_wait(guard.async_drop());

    auto deduced_guard = make_guard<Conn>(log, 3);
    AsyncOwned deduced(scope, std::move(deduced_guard));
    AsyncOwned<Conn> moved(std::move(deduced));
    EXPECT_EQ(&moved.scope(), &scope);
    EXPECT_EQ(moved->id(), 3);
    AsyncOwned<Conn> target(scope, make_guard<Conn>(log, 4));
    target = std::move(moved);  // starts 4's cleanup in the scope
    EXPECT_EQ(log.drops_finished, 3);
    EXPECT_EQ(target->id(), 3);
  }  // 3's cleanup starts in the scope; the moved-from objects do nothing
  EXPECT_EQ(log.drops_finished, 4);
  EXPECT_EQ(log.destroyed, 4);
  sync_wait(scope.join());
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(CleanupScope, StartDropTakesAPlainGuard) {
  Log log;
  ManualEvent release;
  CleanupScope scope;
  auto guard = make_guard<Conn>(log, 1, &release);
  scope.start_drop(std::move(guard));
  scope.start_drop(make_guard<Conn>(log, 2));
  EXPECT_EQ(scope.running(), 1u);
  release.set();
  sync_wait(scope.join());
  EXPECT_EQ(log.drops_finished, 2);
}

TEST(CleanupScope, JoinRethrowsTheFirstFailureInStartOrderAndReportsTheRest) {
  RecordingHandlers handlers;
  Log log;
  ManualEvent slow;
  CleanupScope scope;
  {
    AsyncOwned<Conn> a(scope, make_guard<Conn>(log, 1, &slow, /*throw_in_drop=*/true));
    AsyncOwned<Conn> b(scope, make_guard<Conn>(log, 2, nullptr, /*throw_in_drop=*/true));
    AsyncOwned<Conn> c(scope, make_guard<Conn>(log, 3, nullptr, /*throw_in_drop=*/true));
  }  // destroyed c, b, a: c and b fail at once, a later
  auto joining = spawn(scope.join());
  slow.set();
  ASSERT_TRUE(joining.done());
  ASSERT_NE(joining.error(), nullptr);
  // Start order: c, b, a.
  EXPECT_EQ(asyncdrop_test::what_of(joining.error()), "drop failed 3");
  ASSERT_EQ(cleanup_errors().size(), 2u);
  EXPECT_EQ(cleanup_errors()[0].what, "drop failed 2");
  EXPECT_EQ(cleanup_errors()[1].what, "drop failed 1");
  EXPECT_THAT(cleanup_errors()[0].context, HasSubstr("CleanupScope::join"));
  EXPECT_EQ(log.destroyed, 3);
  // The errors were delivered: a second join has nothing to report.
  sync_wait(scope.join());
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(CleanupScope, CleanupsStartedWhileUnwindingAnException) {
  RecordingHandlers handlers;
  Log log;
  ManualEvent release;
  CleanupScope scope;
  auto failing = [](CleanupScope& scope, Log& log, ManualEvent& release) -> Task<void> {
    AsyncOwned<Conn> conn(scope, make_guard<Conn>(log, 1, &release));
    co_await std::suspend_never{};
    throw std::logic_error("body failed");
  };
  EXPECT_THROW(sync_wait(failing(scope, log, release)), std::logic_error);
  EXPECT_EQ(log.drops_started, 1);
  release.set();
  sync_wait(scope.join());
  EXPECT_EQ(log.drops_finished, 1);
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(CleanupScope, DestroyedWhileACleanupStillRunsIsReported) {
  RecordingHandlers handlers;
  Log log;
  ManualEvent release;
  int scope_line = 0;
  {
    scope_line = __LINE__ + 1;
    CleanupScope scope;
    AsyncOwned<Conn> conn(scope, make_guard<Conn>(log, 1, &release, /*throw_in_drop=*/true));
  }
  ASSERT_EQ(forgotten_drops().size(), 1u);
  EXPECT_THAT(forgotten_drops()[0].type_name, HasSubstr("CleanupScope"));
  EXPECT_THAT(forgotten_drops()[0].type_name, HasSubstr("still running"));
  EXPECT_THAT(forgotten_drops()[0].file, HasSubstr("cleanup_scope_test.cpp"));
  EXPECT_EQ(forgotten_drops()[0].line, static_cast<unsigned long>(scope_line));
  // The cleanup goes on; its exception has nobody to go to but the handler.
  release.set();
  EXPECT_EQ(log.destroyed, 1);
  ASSERT_EQ(cleanup_errors().size(), 1u);
  EXPECT_EQ(cleanup_errors()[0].what, "drop failed 1");
}

TEST(CleanupScope, NeverJoinedAfterStartingCleanupsIsReported) {
  RecordingHandlers handlers;
  Log log;
  {
    CleanupScope scope;
    {
      AsyncOwned<Conn> conn(scope, make_guard<Conn>(log, 1, nullptr, /*throw_in_drop=*/true));
    }
    EXPECT_EQ(scope.running(), 0u);  // finished, but nobody joined
  }
  ASSERT_EQ(forgotten_drops().size(), 1u);
  EXPECT_THAT(forgotten_drops()[0].type_name, HasSubstr("never completed"));
  ASSERT_EQ(cleanup_errors().size(), 1u);  // the undelivered exception
  EXPECT_EQ(cleanup_errors()[0].what, "drop failed 1");
}

TEST(CleanupScope, UnusedOrJoinedScopesAreSilent) {
  RecordingHandlers handlers;
  Log log;
  {
    CleanupScope unused;
  }
  {
    CleanupScope scope;
    {
      AsyncOwned<Conn> conn(scope, make_guard<Conn>(log, 1));
    }
    sync_wait(scope.join());
  }
  {
    CleanupScope scope;
    AsyncOwned<Conn> conn(scope, make_guard<Conn>(log, 2));
    sync_wait(conn.async_drop());
  }
  EXPECT_TRUE(forgotten_drops().empty());
  EXPECT_EQ(log.drops_finished, 2);
}

TEST(CleanupScope, JoinAwaitedTwiceAtOnceIsAnError) {
  Log log;
  ManualEvent release;
  CleanupScope scope;
  scope.start_drop(make_guard<Conn>(log, 1, &release));
  auto first = spawn(scope.join());
  auto second = spawn(scope.join());
  ASSERT_TRUE(second.done());
  EXPECT_THROW(second.rethrow_if_failed(), std::logic_error);
  release.set();
  EXPECT_TRUE(first.done());
  first.rethrow_if_failed();
}

TEST(CleanupScope, CleanupsFinishingOnOtherThreads) {
  // Run under ThreadSanitizer too (build-tsan): the last cleanup to finish
  // resumes the joiner on its own thread.
  for (int round = 0; round < 20; ++round) {
    constexpr int kValues = 8;
    ReleasedOnOtherThreads conns(kValues);
    CleanupScope scope;
    for (int i = 0; i < kValues; ++i) AsyncOwned<Conn> conn(scope, conns.make(i));
    conns.release_all();
    sync_wait(scope.join());
    conns.join();
    ASSERT_EQ(conns.destroyed(), kValues);
  }
}

TEST(CleanupScope, StartedFromManyThreadsAtOnce) {
  Log logs[4];
  CleanupScope scope;
  std::vector<std::thread> threads;
  for (Log& log : logs) {
    threads.emplace_back([&scope, &log] {
      for (int i = 0; i < 200; ++i) AsyncOwned<Conn> conn(scope, make_guard<Conn>(log, i));
    });
  }
  for (std::thread& t : threads) t.join();
  sync_wait(scope.join());
  for (const Log& log : logs) EXPECT_EQ(log.drops_finished, 200);
}

TEST(CleanupScope, AnExplicitDropOfAnAsyncOwnedBehavesLikeTheGuards) {
  // The exception reaches the awaiter (not the scope), and a second drop, or
  // the destructor afterwards, does nothing.
  RecordingHandlers handlers;
  Log log;
  CleanupScope scope;
  {
    AsyncOwned<Conn> conn(scope, make_guard<Conn>(log, 1, nullptr, /*throw_in_drop=*/true));
    EXPECT_EQ(what_thrown<std::runtime_error>([&] { sync_wait(conn.async_drop()); }),
              "drop failed 1");
    EXPECT_TRUE(conn.is_dropped());
    EXPECT_NO_THROW(sync_wait(conn.async_drop()));
  }
  EXPECT_EQ(log.drops_started, 1);
  EXPECT_EQ(scope.running(), 0u);
  EXPECT_NO_THROW(sync_wait(scope.join()));
  EXPECT_TRUE(cleanup_errors().empty());
  EXPECT_TRUE(forgotten_drops().empty());
}

}  // namespace
