// AsyncDropArc: shared ownership, the last drop runs the cleanup exactly once.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <asyncdrop/asyncdrop.hpp>

#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "test_support.hpp"

using asyncdrop::AsyncDropArc;
using asyncdrop::drop_all;
using namespace asyncdrop_test;  // the shared fixtures, test_support.hpp
using testing::ElementsAre;
using testing::HasSubstr;

namespace arc_test_types {

// An Arc member of a class defined while the shared type is incomplete.
class Impl;
struct HoldsIncomplete {
  AsyncDropArc<Impl> impl;
};
class Impl {
 public:
  int answer() const { return 42; }

 private:
  friend class asyncdrop::access;
  Impl() = default;
  Task<void> async_drop_impl() { co_return; }
};

}  // namespace arc_test_types

namespace {

static_assert(!std::is_copy_constructible_v<AsyncDropArc<Conn>>);
static_assert(std::is_nothrow_move_constructible_v<AsyncDropArc<Conn>>);
static_assert(
    std::is_same_v<decltype(std::declval<AsyncDropArc<Conn>&>().async_drop()), Task<void>>);

TEST(Arc, ClonesShareOneValueAndTheLastDropCleansUp) {
  RecordingHandlers handlers;
  Log log;
  AsyncDropArc<Conn> a(make_guard<Conn>(log, 1));
  EXPECT_EQ(a.strong_count(), 1u);
  auto b = a.clone();
  auto c = b.clone();
  EXPECT_EQ(a.strong_count(), 3u);
  EXPECT_EQ(&*a, &*b);
  EXPECT_EQ(a.get(), c.get());
  EXPECT_EQ(c->id(), 1);

  sync_wait(a.async_drop());
  EXPECT_TRUE(a.is_dropped());
  EXPECT_EQ(a.strong_count(), 0u);
  EXPECT_EQ(b.strong_count(), 2u);
  EXPECT_EQ(log.drops_started, 0);
  sync_wait(c.async_drop());
  EXPECT_EQ(log.drops_started, 0);
  sync_wait(b.async_drop());
  EXPECT_EQ(log.drops_finished, 1);
  EXPECT_EQ(log.destroyed, 1);
  // Double drops are no-ops.
  sync_wait(b.async_drop());
  sync_wait(a.async_drop());
  EXPECT_EQ(log.drops_started, 1);
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(Arc, DeductionAndMovedHandles) {
  Log log;
  auto guard = make_guard<Conn>(log, 2);
  AsyncDropArc arc(std::move(guard));
  static_assert(std::is_same_v<decltype(arc), AsyncDropArc<Conn>>);
  AsyncDropArc moved(std::move(arc));
  EXPECT_EQ(arc.strong_count(), 0u);  // NOLINT: checking the moved-from state
  EXPECT_FALSE(arc.is_dropped());
  sync_wait(arc.async_drop());  // no-op
  EXPECT_EQ(log.drops_started, 0);
  sync_wait(moved.async_drop());
  EXPECT_EQ(log.drops_finished, 1);
}

TEST(Arc, TheLastDropperGetsTheCleanupException) {
  RecordingHandlers handlers;
  Log log;
  AsyncDropArc<Conn> a(make_guard<Conn>(log, 3, nullptr, /*throw_in_drop=*/true));
  auto b = a.clone();
  sync_wait(a.async_drop());
  EXPECT_EQ(what_thrown<std::runtime_error>([&] { sync_wait(b.async_drop()); }), "drop failed 3");
  EXPECT_EQ(log.destroyed, 1);
  EXPECT_TRUE(cleanup_errors().empty());
}

TEST(Arc, TheLastDropWaitsForASuspendingCleanup) {
  Log log;
  ManualEvent release;
  AsyncDropArc<Conn> a(make_guard<Conn>(log, 4, &release));
  auto b = a.clone();
  auto running = spawn(drop_all(a, b));
  EXPECT_EQ(log.drops_started, 1);
  EXPECT_FALSE(running.done());
  release.set();
  EXPECT_TRUE(running.done());
  running.rethrow_if_failed();
  EXPECT_EQ(log.destroyed, 1);
}

TEST(Arc, AForgottenCloneIsReportedWithItsCreationSite) {
  RecordingHandlers handlers;
  Log log;
  AsyncDropArc<Conn> a(make_guard<Conn>(log, 5));
  const int clone_line = __LINE__ + 2;
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN {
    auto forgotten = a.clone();
    EXPECT_EQ(a.strong_count(), 2u);
  }
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END
  ASSERT_EQ(forgotten_drops().size(), 1u);
  EXPECT_EQ(forgotten_drops()[0].type_name, "asyncdrop::AsyncDropArc<asyncdrop_test::Conn>");
  EXPECT_THAT(forgotten_drops()[0].file, HasSubstr("arc_test.cpp"));
  EXPECT_EQ(forgotten_drops()[0].line, static_cast<unsigned long>(clone_line));
  // Its share was given up all the same: `a` is the last one now.
  EXPECT_EQ(a.strong_count(), 1u);
  sync_wait(a.async_drop());
  EXPECT_EQ(log.drops_finished, 1);
}

TEST(Arc, TheLastHandleForgottenReportsTheHandleAndTheValue) {
  RecordingHandlers handlers;
  Log log;
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN { AsyncDropArc<Conn> a(make_guard<Conn>(log, 6)); }
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END
  ASSERT_EQ(forgotten_drops().size(), 2u);
  EXPECT_EQ(forgotten_drops()[0].type_name, "asyncdrop::AsyncDropArc<asyncdrop_test::Conn>");
  EXPECT_EQ(forgotten_drops()[1].type_name, "asyncdrop_test::Conn");
  EXPECT_EQ(log.drops_started, 0);
  EXPECT_EQ(log.destroyed, 1);
}

TEST(Arc, AssigningOverALiveHandleReportsIt) {
  RecordingHandlers handlers;
  Log log;
  AsyncDropArc<Conn> a(make_guard<Conn>(log, 7));
  auto b = a.clone();
  AsyncDropArc<Conn> c(make_guard<Conn>(log, 8));
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN
  b = std::move(c);
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END
  ASSERT_EQ(forgotten_drops().size(), 1u);
  EXPECT_EQ(a.strong_count(), 1u);
  sync_wait(drop_all(a, b, c));
  EXPECT_EQ(log.drops_finished, 2);
}

TEST(Arc, IntoInnerReturnsTheGuardOfTheOnlyOwner) {
  RecordingHandlers handlers;
  Log log;
  AsyncDropArc<Conn> a(make_guard<Conn>(log, 9));
  auto b = a.clone();
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN  // (throws: no guard comes out to drop)
      EXPECT_THROW((void)std::move(a).into_inner(), std::logic_error);
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END
  EXPECT_EQ(a.strong_count(), 2u);  // still a's share
  sync_wait(b.async_drop());
  AsyncDropGuard<Conn> guard = std::move(a).into_inner();
  EXPECT_EQ(guard->id(), 9);
  EXPECT_EQ(a.strong_count(), 0u);
  sync_wait(a.async_drop());  // empty handle: no-op
  EXPECT_EQ(log.drops_started, 0);
  sync_wait(guard.async_drop());
  EXPECT_EQ(log.drops_finished, 1);
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(Arc, OfATypeThatWasIncompleteWhenTheHolderWasDefined) {
  arc_test_types::HoldsIncomplete holder{AsyncDropArc(make_guard<arc_test_types::Impl>())};
  EXPECT_EQ(holder.impl->answer(), 42);
  sync_wait(holder.impl.async_drop());
}

TEST(Arc, ClonesDroppedConcurrentlyFromManyThreadsCleanUpExactlyOnce) {
  // Run under ThreadSanitizer too (build-tsan): the count and the value's
  // state are handed from thread to thread.
  for (int round = 0; round < 50; ++round) {
    Log log;
    AsyncDropArc<Conn> original(make_guard<Conn>(log, round));
    constexpr int kThreads = 8;
    constexpr int kClonesPerThread = 16;
    std::vector<std::vector<AsyncDropArc<Conn>>> clones(kThreads);
    for (auto& mine : clones) {
      for (int i = 0; i < kClonesPerThread; ++i) mine.push_back(original.clone());
    }
    EXPECT_EQ(original.strong_count(), 1u + kThreads * kClonesPerThread);
    run_at_once(
        kThreads,
        [&clones](int t) {
          for (auto& clone : clones[t]) {
            // Touch the value through the clone (a data race if the value
            // were destroyed early).
            EXPECT_GE(clone->id(), 0);
            sync_wait(clone.async_drop());
          }
        },
        [&original] { sync_wait(original.async_drop()); });
    ASSERT_EQ(log.drops_started, 1);
    ASSERT_EQ(log.destroyed, 1);
  }
}

TEST(Arc, ClonesMadeAndDroppedConcurrently) {
  Log log;
  AsyncDropArc<Conn> root(make_guard<Conn>(log, 1));
  std::vector<std::thread> threads;
  std::vector<AsyncDropArc<Conn>> seeds;
  for (int t = 0; t < 4; ++t) seeds.push_back(root.clone());
  for (auto& seed : seeds) {
    threads.emplace_back([&seed] {
      for (int i = 0; i < 1000; ++i) {
        auto c = seed.clone();
        sync_wait(c.async_drop());
      }
      sync_wait(seed.async_drop());
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(root.strong_count(), 1u);
  sync_wait(root.async_drop());
  EXPECT_EQ(log.drops_finished, 1);
}

// A dropped or moved-from handle fails loudly (Release builds too), naming
// the handle's type and the line that made it.
ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN

std::string escaped_file() {
  std::string out;
  for (char c : std::string(__FILE__)) {
    if (std::string("\\^$.|?*+()[]{}").find(c) != std::string::npos) out += '\\';
    out += c;
  }
  return out;
}

TEST(ArcDeathTest, AccessAfterDropOrMoveIsReported) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Log log;
  const int line = __LINE__ + 1;
  AsyncDropArc<Conn> a(make_guard<Conn>(log, 1));
  const int clone_line = __LINE__ + 1;
  auto b = a.clone();
  sync_wait(a.async_drop());
  const std::string type = "asyncdrop::AsyncDropArc<asyncdrop_test::Conn>";
  EXPECT_DEATH((void)a->id(), "asyncdrop: use after async_drop\\(\\) of " + type + " created at " +
                                  escaped_file() + ":" + std::to_string(line) + "\n");
  EXPECT_DEATH((void)a.get(), "use after async_drop");
  EXPECT_DEATH((void)a.clone(), "use after async_drop");
  auto c = std::move(b);
  EXPECT_DEATH((void)(*b).id(), "asyncdrop: use of a moved-from guard of " + type + " created at " +
                                    escaped_file() + ":" + std::to_string(clone_line) + "\n");
  EXPECT_EQ(c->id(), 1);
  sync_wait(c.async_drop());
}

ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END

}  // namespace
