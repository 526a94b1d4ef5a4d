// AsyncDropHashMap: owns guarded values, drops them all concurrently.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <asyncdrop/asyncdrop.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "test_support.hpp"

using asyncdrop::AsyncDropHashMap;
using namespace asyncdrop_test;  // the shared fixtures, test_support.hpp
using testing::ElementsAre;
using testing::HasSubstr;

namespace {

static_assert(std::is_same_v<decltype(std::declval<AsyncDropHashMap<int, Conn>&>().async_drop()),
                             Task<void>>);

TEST(HashMap, InsertGetRemoveAndIterate) {
  RecordingHandlers handlers;
  Log log;
  AsyncDropHashMap<std::string, Conn> map;
  EXPECT_TRUE(map.empty());
  EXPECT_TRUE(map.try_insert("a", make_guard<Conn>(log, 1)));
  auto b = make_guard<Conn>(log, 2);
  EXPECT_TRUE(map.try_insert("b", b));
  EXPECT_FALSE(b.is_dropped());  // moved into the map, not dropped
  EXPECT_EQ(map.size(), 2u);
  EXPECT_TRUE(map.contains("a"));
  ASSERT_NE(map.get("a"), nullptr);
  EXPECT_EQ(map.get("a")->id(), 1);
  EXPECT_EQ(map.get("zzz"), nullptr);
  Conn* mutable_b = map.get_mut("b");
  ASSERT_NE(mutable_b, nullptr);
  EXPECT_EQ(mutable_b->id(), 2);
  EXPECT_EQ(map.get_mut("zzz"), nullptr);

  std::map<std::string, int> seen;
  for (auto [key, conn] : map) seen[key] = conn.id();
  EXPECT_EQ(seen, (std::map<std::string, int>{{"a", 1}, {"b", 2}}));
  const auto& const_map = map;
  int sum = 0;
  for (auto it = const_map.begin(); it != const_map.end(); ++it) sum += it->second.id();
  EXPECT_EQ(sum, 3);

  AsyncDropGuard<Conn> removed = map.remove("a");
  EXPECT_EQ(removed->id(), 1);
  EXPECT_EQ(map.size(), 1u);
  EXPECT_FALSE(map.contains("a"));
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN  // (throws: no guard comes out to drop)
      EXPECT_THROW((void)map.remove("a"), std::out_of_range);
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END
  sync_wait(removed.async_drop());
  EXPECT_EQ(log.drops_finished, 1);

  sync_wait(map.async_drop());
  EXPECT_TRUE(map.empty());
  EXPECT_EQ(log.drops_finished, 2);
  EXPECT_EQ(log.destroyed, 2);
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(HashMap, ADuplicateKeyLeavesTheGuardWithTheCaller) {
  RecordingHandlers handlers;
  Log log;
  AsyncDropHashMap<int, Conn> map;
  EXPECT_TRUE(map.try_insert(1, make_guard<Conn>(log, 1)));
  auto duplicate = make_guard<Conn>(log, 2);
  EXPECT_FALSE(map.try_insert(1, duplicate));
  ASSERT_NE(duplicate.get(), nullptr);  // not lost: still ours
  EXPECT_EQ(duplicate->id(), 2);
  auto moved = make_guard<Conn>(log, 3);
  EXPECT_FALSE(map.try_insert(1, std::move(moved)));
  // -Wconsumed takes the rvalue for consumed; it was not taken, though.
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN
  ASSERT_NE(moved.get(), nullptr);
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END
  EXPECT_EQ(map.get(1)->id(), 1);
  sync_wait(asyncdrop::drop_all(duplicate, moved, map));
  EXPECT_EQ(log.drops_finished, 3);
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(HashMap, ADuplicateKeyWithATemporaryGuardIsReportedNotLostSilently) {
  // A temporary has no caller-side name to be handed back to: it is
  // destroyed undropped, and that is reported at the line that made it.
  RecordingHandlers handlers;
  Log log;
  AsyncDropHashMap<int, Conn> map;
  EXPECT_TRUE(map.try_insert(1, make_guard<Conn>(log, 1)));
  const unsigned long line = __LINE__ + 2;
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN
  EXPECT_FALSE(map.try_insert(1, make_guard<Conn>(log, 2)));
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END
  ASSERT_EQ(forgotten_drops().size(), 1u);
  EXPECT_EQ(forgotten_drops()[0].line, line);
  EXPECT_EQ(log.destroyed, 1);
  EXPECT_EQ(map.get(1)->id(), 1);
  sync_wait(map.async_drop());
  EXPECT_EQ(log.drops_finished, 1);
}

TEST(HashMap, DropStartsEveryCleanupBeforeAnyFinishes) {
  RecordingHandlers handlers;
  Log log;
  constexpr int kValues = 20;
  std::vector<ManualEvent> events(kValues);
  AsyncDropHashMap<int, Conn> map;
  for (int i = 0; i < kValues; ++i)
    EXPECT_TRUE(map.try_insert(i, make_guard<Conn>(log, i, &events[i])));
  auto dropping = spawn(map.async_drop());
  // Every cleanup has started and is suspended; none has finished.
  EXPECT_EQ(log.drops_started, kValues);
  EXPECT_EQ(log.drops_finished, 0);
  EXPECT_TRUE(map.empty());
  for (int i = kValues - 1; i >= 1; --i) events[i].set();
  EXPECT_FALSE(dropping.done());
  events[0].set();
  ASSERT_TRUE(dropping.done());
  dropping.rethrow_if_failed();
  EXPECT_EQ(log.destroyed, kValues);
}

TEST(HashMap, DropRunsEveryCleanupRethrowsTheFirstAndReportsTheRest) {
  RecordingHandlers handlers;
  Log log;
  ManualEvent slow;
  AsyncDropHashMap<int, Conn> map;
  map.try_insert(1, make_guard<Conn>(log, 1, &slow, /*throw_in_drop=*/true));
  map.try_insert(2, make_guard<Conn>(log, 2, nullptr, /*throw_in_drop=*/true));
  map.try_insert(3, make_guard<Conn>(log, 3));
  map.try_insert(4, make_guard<Conn>(log, 4, nullptr, /*throw_in_drop=*/true));
  auto dropping = spawn(map.async_drop());
  EXPECT_TRUE(cleanup_errors().empty());  // nothing is reported while one still runs
  slow.set();
  ASSERT_TRUE(dropping.done());
  EXPECT_EQ(log.drops_finished, 4);
  EXPECT_EQ(log.destroyed, 4);
  ASSERT_NE(dropping.error(), nullptr);
  const std::string first = asyncdrop_test::what_of(dropping.error());
  ASSERT_EQ(cleanup_errors().size(), 2u);
  std::vector<std::string> all{first, cleanup_errors()[0].what, cleanup_errors()[1].what};
  std::sort(all.begin(), all.end());
  EXPECT_THAT(all, ElementsAre("drop failed 1", "drop failed 2", "drop failed 4"));
  EXPECT_EQ(cleanup_errors()[0].type_name, "asyncdrop_test::Conn");
  EXPECT_THAT(cleanup_errors()[0].context, HasSubstr("AsyncDropHashMap"));
}

TEST(HashMap, StaysUsableAfterADropAndASecondDropOfNothingIsANoOp) {
  Log log;
  AsyncDropHashMap<int, Conn> map;
  sync_wait(map.async_drop());  // empty
  map.try_insert(1, make_guard<Conn>(log, 1));
  sync_wait(map.async_drop());
  map.try_insert(1, make_guard<Conn>(log, 2));
  sync_wait(map.async_drop());
  sync_wait(map.async_drop());
  EXPECT_EQ(log.drops_finished, 2);
}

TEST(HashMap, DiscardedDropDoesNothing) {
  Log log;
  AsyncDropHashMap<int, Conn> map;
  map.try_insert(1, make_guard<Conn>(log, 1));
  {
    auto lazy = map.async_drop();
  }  // never awaited
  EXPECT_EQ(map.size(), 1u);
  sync_wait(map.async_drop());
  EXPECT_EQ(log.drops_finished, 1);
}

TEST(HashMap, ValuesLeftInAnUndroppedMapAreReportedOneByOne) {
  RecordingHandlers handlers;
  Log log;
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN {
    AsyncDropHashMap<int, Conn> map;
    map.try_insert(1, make_guard<Conn>(log, 1));
    map.try_insert(2, make_guard<Conn>(log, 2));
  }
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END
  ASSERT_EQ(forgotten_drops().size(), 2u);
  EXPECT_THAT(forgotten_drops()[0].file, HasSubstr("hash_map_test.cpp"));
  EXPECT_EQ(log.destroyed, 2);
}

TEST(HashMap, CleanupsFinishingOnOtherThreads) {
  // Run under ThreadSanitizer too (build-tsan).
  for (int round = 0; round < 20; ++round) {
    constexpr int kValues = 16;
    ReleasedOnOtherThreads conns(kValues);
    AsyncDropHashMap<int, Conn> map;
    for (int i = 0; i < kValues; ++i) map.try_insert(i, conns.make(i));
    conns.release_all();
    sync_wait(map.async_drop());
    conns.join();
    ASSERT_EQ(conns.destroyed(), kValues);
  }
}

TEST(HashMap, TheRethrownFailureIsTheFirstInIterationOrder) {
  // The spec says "rethrows the first": first in the order the map iterates
  // (which is also the order the cleanups were started in), whichever
  // finished first.
  RecordingHandlers handlers;
  Log log;
  constexpr int kValues = 6;
  std::vector<ManualEvent> events(kValues);
  AsyncDropHashMap<int, Conn> map;
  for (int i = 0; i < kValues; ++i) {
    ASSERT_TRUE(map.try_insert(i, make_guard<Conn>(log, i, &events[i], /*throw_in_drop=*/true)));
  }
  std::vector<int> order;
  for (auto [key, conn] : map) order.push_back(key);
  auto dropping = spawn(map.async_drop());
  // Finish them in the reverse of the iteration order.
  for (auto it = order.rbegin(); it != order.rend(); ++it) events[*it].set();
  ASSERT_TRUE(dropping.done());
  ASSERT_NE(dropping.error(), nullptr);
  EXPECT_EQ(asyncdrop_test::what_of(dropping.error()), "drop failed " + std::to_string(order[0]));
  ASSERT_EQ(cleanup_errors().size(), static_cast<std::size_t>(kValues - 1));
  for (int i = 1; i < kValues; ++i) {
    EXPECT_EQ(cleanup_errors()[i - 1].what, "drop failed " + std::to_string(order[i]));
  }
  EXPECT_EQ(log.destroyed, kValues);
}

TEST(HashMap, AForgottenValueIsReportedWithTheLineThatCreatedIt) {
  RecordingHandlers handlers;
  Log log;
  unsigned long line = 0;
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN {
    AsyncDropHashMap<int, Conn> map;
    line = __LINE__ + 1;
    map.try_insert(1, make_guard<Conn>(log, 1));
  }
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END
  ASSERT_EQ(forgotten_drops().size(), 1u);
  EXPECT_EQ(forgotten_drops()[0].type_name, "asyncdrop_test::Conn");
  EXPECT_EQ(forgotten_drops()[0].line, line);
}

}  // namespace
