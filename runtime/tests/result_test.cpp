// AsyncDropResult, Unexpected, flatten_async_drop, AsyncDropPair.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <asyncdrop/asyncdrop.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "test_support.hpp"

using asyncdrop::AsyncDropPair;
using asyncdrop::AsyncDropResult;
using asyncdrop::BadResultAccess;
using asyncdrop::flatten_async_drop;
using asyncdrop::FlattenError;
using asyncdrop::Unexpected;
using namespace asyncdrop_test;  // the shared fixtures, test_support.hpp
using testing::ElementsAre;

namespace {

using ConnResult = AsyncDropResult<Conn, std::string>;

Task<ConnResult> connect(Log& log, int id) {
  if (id < 0) co_return Unexpected(std::string("bad id"));
  co_return ConnResult(make_guard<Conn>(log, id));
}

TEST(Result, HoldsAValueLikeExpected) {
  RecordingHandlers handlers;
  Log log;
  ConnResult result = sync_wait(connect(log, 1));
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(static_cast<bool>(result));
  EXPECT_EQ(result->id(), 1);
  EXPECT_EQ((*result).id(), 1);
  EXPECT_EQ(result.value()->id(), 1);
  sync_wait(result.async_drop());
  EXPECT_EQ(log.drops_finished, 1);
  EXPECT_TRUE(result.value().is_dropped());
  sync_wait(result.async_drop());  // no-op
  EXPECT_EQ(log.drops_started, 1);
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(Result, HoldsAnErrorAndDroppingItDoesNothing) {
  Log log;
  ConnResult result = sync_wait(connect(log, -1));
  EXPECT_FALSE(result.has_value());
  EXPECT_FALSE(static_cast<bool>(result));
  EXPECT_EQ(result.error(), "bad id");
  EXPECT_THROW((void)result.value(), BadResultAccess);
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN  // (throws: no guard comes out to drop)
      EXPECT_THROW((void)std::move(result).into_value(), BadResultAccess);
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END
  sync_wait(result.async_drop());
  EXPECT_EQ(result.error(), "bad id");
  EXPECT_EQ(log.constructed, 0);
}

TEST(Result, IntoValueHandsTheGuardOn) {
  RecordingHandlers handlers;
  Log log;
  auto guard = make_guard<Conn>(log, 2);
  ConnResult result(std::move(guard));
  AsyncDropGuard<Conn> out = std::move(result).into_value();
  sync_wait(result.async_drop());  // nothing left to drop
  EXPECT_EQ(log.drops_started, 0);
  sync_wait(out.async_drop());
  EXPECT_EQ(log.drops_finished, 1);
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(Result, AnUndroppedValueIsReportedByItsGuard) {
  RecordingHandlers handlers;
  Log log;
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN { ConnResult result(make_guard<Conn>(log, 3)); }
  {
    ConnResult error = Unexpected(std::string("no"));
  }
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END
  ASSERT_EQ(forgotten_drops().size(), 1u);
  EXPECT_EQ(forgotten_drops()[0].type_name, "asyncdrop_test::Conn");
}

TEST(Result, DropExceptionReachesTheAwaiter) {
  Log log;
  ConnResult result(make_guard<Conn>(log, 4, nullptr, /*throw_in_drop=*/true));
  EXPECT_THROW(sync_wait(result.async_drop()), std::runtime_error);
  EXPECT_EQ(log.destroyed, 1);
}

// ---- flatten_async_drop ------------------------------------------------------------

using IntResult = AsyncDropResult<Conn, int>;

TEST(Flatten, BothValuesGiveAPairDroppedConcurrently) {
  RecordingHandlers handlers;
  Log log;
  ManualEvent e1, e2;
  auto both = sync_wait(flatten_async_drop(ConnResult(make_guard<Conn>(log, 1, &e1)),
                                           IntResult(make_guard<Conn>(log, 2, &e2))));
  static_assert(
      std::is_same_v<decltype(both),
                     AsyncDropResult<AsyncDropPair<Conn, Conn>, FlattenError<std::string, int>>>);
  ASSERT_TRUE(both.has_value());
  EXPECT_EQ(both->first()->id(), 1);
  EXPECT_EQ(both->second()->id(), 2);
  EXPECT_EQ(log.drops_started, 0);
  auto dropping = spawn(both.async_drop());
  EXPECT_EQ(log.drops_started, 2);  // both started before either finished
  e2.set();
  EXPECT_FALSE(dropping.done());
  e1.set();
  ASSERT_TRUE(dropping.done());
  dropping.rethrow_if_failed();
  EXPECT_EQ(log.destroyed, 2);
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(Flatten, AValueCanBeTakenOutOfThePair) {
  Log log;
  auto both = sync_wait(flatten_async_drop(ConnResult(make_guard<Conn>(log, 1)),
                                           ConnResult(make_guard<Conn>(log, 2))));
  AsyncDropGuard<Conn> first = std::move(both->first());
  sync_wait(both.async_drop());
  EXPECT_THAT(log.events, ElementsAre("drop start 2", "drop end 2", "destroy 2"));
  sync_wait(first.async_drop());
  EXPECT_EQ(log.destroyed, 2);
}

TEST(Flatten, AnErrorDropsTheOtherValueFirstThenReturnsTheError) {
  RecordingHandlers handlers;
  Log log;
  auto flat = sync_wait(flatten_async_drop(ConnResult(Unexpected(std::string("first failed"))),
                                           IntResult(make_guard<Conn>(log, 2))));
  ASSERT_FALSE(flat.has_value());
  EXPECT_EQ(flat.error().first, "first failed");
  EXPECT_FALSE(flat.error().second.has_value());
  EXPECT_EQ(log.drops_finished, 1);  // already dropped
  EXPECT_EQ(log.destroyed, 1);
  sync_wait(flat.async_drop());
  EXPECT_TRUE(forgotten_drops().empty());

  auto other =
      sync_wait(flatten_async_drop(ConnResult(make_guard<Conn>(log, 3)), IntResult(Unexpected(7))));
  ASSERT_FALSE(other.has_value());
  EXPECT_FALSE(other.error().first.has_value());
  EXPECT_EQ(other.error().second, 7);
  EXPECT_EQ(log.destroyed, 2);
  sync_wait(other.async_drop());
}

TEST(Flatten, BothErrorsAreKept) {
  auto flat = sync_wait(
      flatten_async_drop(ConnResult(Unexpected(std::string("a"))), IntResult(Unexpected(2))));
  ASSERT_FALSE(flat.has_value());
  EXPECT_EQ(flat.error().first, "a");
  EXPECT_EQ(flat.error().second, 2);
  sync_wait(flat.async_drop());
}

TEST(Flatten, TheDropOfTheOtherSideCompletesBeforeTheErrorIsReturned) {
  Log log;
  ManualEvent release;
  auto outcome = std::make_shared<std::string>();
  auto flattening =
      spawn([](Log& log, ManualEvent& release, std::shared_ptr<std::string> outcome) -> Task<void> {
        auto flat = co_await flatten_async_drop(ConnResult(make_guard<Conn>(log, 1, &release)),
                                                IntResult(Unexpected(1)));
        *outcome = flat.has_value() ? "value" : "error";
        co_await flat.async_drop();
      }(log, release, outcome));
  EXPECT_EQ(log.drops_started, 1);
  EXPECT_EQ(*outcome, "");
  release.set();
  ASSERT_TRUE(flattening.done());
  flattening.rethrow_if_failed();
  EXPECT_EQ(*outcome, "error");
}

TEST(Flatten, ACleanupExceptionOnTheErrorPathPropagates) {
  RecordingHandlers handlers;
  Log log;
  EXPECT_THROW(sync_wait(flatten_async_drop(
                   ConnResult(make_guard<Conn>(log, 1, nullptr, /*throw_in_drop=*/true)),
                   IntResult(Unexpected(1)))),
               std::runtime_error);
  EXPECT_EQ(log.destroyed, 1);
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(Result, AssigningOverAnUndroppedValueReportsIt) {
  RecordingHandlers handlers;
  Log log;
  unsigned long line = __LINE__ + 1;
  ConnResult result(make_guard<Conn>(log, 1));
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN
  result = ConnResult(Unexpected(std::string("replaced")));
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END
  ASSERT_EQ(forgotten_drops().size(), 1u);
  EXPECT_EQ(forgotten_drops()[0].type_name, "asyncdrop_test::Conn");
  EXPECT_EQ(forgotten_drops()[0].line, line);
  EXPECT_EQ(log.destroyed, 1);
  EXPECT_EQ(result.error(), "replaced");
  // Over an error, or over a dropped value: silent.
  forgotten_drops().clear();
  result = ConnResult(make_guard<Conn>(log, 2));
  sync_wait(result.async_drop());
  result = ConnResult(make_guard<Conn>(log, 3));
  EXPECT_TRUE(forgotten_drops().empty());
  sync_wait(result.async_drop());
  EXPECT_EQ(log.drops_finished, 2);
}

TEST(Flatten, AForgottenFlattenedResultIsReportedAtTheFlattenCall) {
  RecordingHandlers handlers;
  Log log;
  unsigned long line = 0;
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN {
    line = __LINE__ + 1;
    auto both = sync_wait(flatten_async_drop(ConnResult(make_guard<Conn>(log, 1)),
                                             IntResult(make_guard<Conn>(log, 2))));
  }
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END
  ASSERT_FALSE(forgotten_drops().empty());
  EXPECT_THAT(forgotten_drops()[0].type_name, testing::HasSubstr("AsyncDropPair"));
  EXPECT_THAT(forgotten_drops()[0].file, testing::HasSubstr("result_test.cpp"));
  EXPECT_EQ(forgotten_drops()[0].line, line);
  EXPECT_EQ(log.drops_started, 0);
  EXPECT_EQ(log.destroyed, 2);
}

}  // namespace
