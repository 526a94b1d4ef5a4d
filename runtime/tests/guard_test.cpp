// AsyncDropGuard, make_guard, the handlers, SyncDrop, type_name.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <asyncdrop/asyncdrop.hpp>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "test_support.hpp"

using namespace asyncdrop_test;  // the shared fixtures, test_support.hpp
using testing::HasSubstr;

namespace guard_test_types {

// Public impl, movable: usable with AsyncDropGuard(T&&) and
// unsafe_into_inner_dont_drop.
struct Movable {
  int value = 0;
  int* drops = nullptr;
  Task<void> async_drop_impl() {
    if (drops != nullptr) ++*drops;
    co_return;
  }
};

// Private impl reachable through access.
class PrivateImpl {
  friend class asyncdrop::access;
  Task<void> async_drop_impl() { co_return; }
};

// Private impl without the friend declaration: not AsyncDrop.
class PrivateNoFriend {
  Task<void> async_drop_impl() { co_return; }
};

struct WrongReturnType {
  void async_drop_impl() {}
};

struct NoImpl {};

// Twelve constructor arguments (the most make_guard forwards).
class Twelve {
 public:
  int sum;

 private:
  friend class asyncdrop::access;
  Twelve(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j, int k,
         std::string&& l)
      : sum(a + b + c + d + e + f + g + h + i + j + k + static_cast<int>(l.size())) {}
  Twelve(const Twelve&) = delete;
  Task<void> async_drop_impl() { co_return; }
};

// A guard member of a class defined while the guarded type is incomplete
// (pimpl), like std::unique_ptr.
class Impl;
struct HoldsIncomplete {
  AsyncDropGuard<Impl> impl;
};
static_assert(sizeof(HoldsIncomplete) == 2 * sizeof(void*));
class Impl {
 public:
  int answer() const { return 42; }

 private:
  friend class asyncdrop::access;
  Impl() = default;
  Task<void> async_drop_impl() { co_return; }
};
static_assert(asyncdrop::AsyncDrop<Impl>);

}  // namespace guard_test_types

using guard_test_types::Movable;

namespace {

// ---- the AsyncDrop concept and the shape of the types ----------------------

static_assert(asyncdrop::AsyncDrop<Conn>);
static_assert(asyncdrop::AsyncDrop<Movable>);
static_assert(asyncdrop::AsyncDrop<guard_test_types::PrivateImpl>);
static_assert(!asyncdrop::AsyncDrop<guard_test_types::PrivateNoFriend>);
static_assert(!asyncdrop::AsyncDrop<guard_test_types::WrongReturnType>);
static_assert(!asyncdrop::AsyncDrop<guard_test_types::NoImpl>);
static_assert(!asyncdrop::AsyncDrop<int>);
static_assert(!asyncdrop::AsyncDrop<const Movable>);
static_assert(!asyncdrop::AsyncDrop<Movable&>);

// Conn cannot be made, copied or moved outside the runtime.
static_assert(!std::is_constructible_v<Conn, Log&, int>);
static_assert(!std::is_copy_constructible_v<Conn>);
static_assert(!std::is_move_constructible_v<Conn>);

static_assert(asyncdrop::is_consumable_v<AsyncDropGuard<Conn>>);
static_assert(!asyncdrop::is_consumable_v<Conn>);
static_assert(!std::is_copy_constructible_v<AsyncDropGuard<Conn>>);
static_assert(std::is_nothrow_move_constructible_v<AsyncDropGuard<Conn>>);
static_assert(std::is_nothrow_move_assignable_v<AsyncDropGuard<Conn>>);
// Two words whatever T is: the value lives on the heap.
static_assert(sizeof(AsyncDropGuard<Conn>) == 2 * sizeof(void*));
static_assert(sizeof(AsyncDropGuard<guard_test_types::Twelve>) == 2 * sizeof(void*));
// Only AsyncDrop types can be guarded.
static_assert(
    !std::is_constructible_v<AsyncDropGuard<guard_test_types::NoImpl>, guard_test_types::NoImpl&&>);
static_assert(std::is_constructible_v<AsyncDropGuard<Movable>, Movable&&>);
// The constructor taking a value is explicit.
static_assert(!std::is_convertible_v<Movable&&, AsyncDropGuard<Movable>>);

// ---- type_name --------------------------------------------------------------

static_assert(asyncdrop::type_name<Conn>() == "asyncdrop_test::Conn");
static_assert(asyncdrop::type_name<Movable>() == "guard_test_types::Movable");
static_assert(asyncdrop::type_name<int>() == "int");

TEST(TypeName, TemplatesAndPointers) {
  EXPECT_EQ(asyncdrop::type_name<AsyncDropGuard<Conn>>(),
            "asyncdrop::AsyncDropGuard<asyncdrop_test::Conn>");
  // Spacing differs between compilers ("const int *" vs "const int*").
  EXPECT_THAT(std::string(asyncdrop::type_name<const int*>()), HasSubstr("const int"));
}

// ---- make_guard and access ----------------------------------------------------

TEST(MakeGuard, ConstructsInPlaceAPrivateNonMovableType) {
  Log log;
  auto guard = make_guard<Conn>(log, 3);
  EXPECT_EQ(log.constructed, 1);
  EXPECT_EQ((*guard).id(), 3);
  EXPECT_EQ(guard->id(), 3);
  EXPECT_EQ(guard.get()->id(), 3);
  EXPECT_FALSE(guard.is_dropped());
  sync_wait(guard.async_drop());
}

TEST(MakeGuard, ForwardsUpToTwelveArguments) {
  auto guard = make_guard<guard_test_types::Twelve>(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
                                                    std::string("twelve"));
  EXPECT_EQ(guard->sum, 66 + 6);
  sync_wait(guard.async_drop());
  auto zero = make_guard<guard_test_types::PrivateImpl>();
  sync_wait(zero.async_drop());
}

TEST(MakeGuard, ConstGuardGivesConstAccess) {
  Log log;
  auto guard = make_guard<Conn>(log, 1);
  const AsyncDropGuard<Conn>& ref = guard;
  static_assert(std::is_same_v<decltype(*ref), const Conn&>);
  static_assert(std::is_same_v<decltype(ref.get()), const Conn*>);
  EXPECT_EQ(ref->id(), 1);
  sync_wait(guard.async_drop());
}

TEST(MakeGuard, ValueKeepsItsAddressWhenTheGuardMoves) {
  Log log;
  auto guard = make_guard<Conn>(log, 1);
  Conn* before = guard.get();
  AsyncDropGuard<Conn> moved = std::move(guard);
  EXPECT_EQ(moved.get(), before);
  sync_wait(moved.async_drop());
}

TEST(Guard, ConstructedFromAValue) {
  int drops = 0;
  AsyncDropGuard<Movable> guard(Movable{5, &drops});
  EXPECT_EQ(guard->value, 5);
  sync_wait(guard.async_drop());
  EXPECT_EQ(drops, 1);
  AsyncDropGuard deduced(Movable{6, &drops});
  static_assert(std::is_same_v<decltype(deduced), AsyncDropGuard<Movable>>);
  sync_wait(deduced.async_drop());
  EXPECT_EQ(drops, 2);
}

TEST(Guard, OfATypeThatWasIncompleteWhenTheHolderWasDefined) {
  guard_test_types::HoldsIncomplete holder{make_guard<guard_test_types::Impl>()};
  EXPECT_EQ(holder.impl->answer(), 42);
  sync_wait(holder.impl.async_drop());
  EXPECT_TRUE(holder.impl.is_dropped());
}

// ---- async_drop -------------------------------------------------------------

ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN  // get() after the drop

TEST(AsyncDrop, RunsTheImplExactlyOnceThenDestroysTheValue) {
  Log log;
  auto guard = make_guard<Conn>(log, 1);
  sync_wait(guard.async_drop());
  EXPECT_TRUE(guard.is_dropped());
  EXPECT_EQ(log.drops_started, 1);
  EXPECT_EQ(log.drops_finished, 1);
  EXPECT_EQ(log.destroyed, 1);
  EXPECT_THAT(log.events, testing::ElementsAre("drop start 1", "drop end 1", "destroy 1"));

  // A second drop is a no-op that completes at once.
  Task<void> second = guard.async_drop();
  sync_wait(std::move(second));
  EXPECT_EQ(log.drops_started, 1);
  EXPECT_EQ(log.destroyed, 1);
  EXPECT_TRUE(guard.is_dropped());
}

ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END

TEST(AsyncDrop, DoesNothingUntilAwaited) {
  RecordingHandlers handlers;
  Log log;
  auto guard = make_guard<Conn>(log, 1);
  {
    Task<void> not_awaited = guard.async_drop();
  }
  EXPECT_EQ(log.drops_started, 0);
  EXPECT_FALSE(guard.is_dropped());
  sync_wait(guard.async_drop());
  EXPECT_EQ(log.drops_started, 1);
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(AsyncDrop, ThrowingImplPropagatesAndStillCountsAsDropped) {
  RecordingHandlers handlers;
  Log log;
  auto guard = make_guard<Conn>(log, 4, nullptr, /*throw_in_drop=*/true);
  EXPECT_EQ(what_thrown<std::runtime_error>([&] { sync_wait(guard.async_drop()); }),
            "drop failed 4");
  EXPECT_TRUE(guard.is_dropped());
  EXPECT_EQ(log.destroyed, 1);
  EXPECT_NO_THROW(sync_wait(guard.async_drop()));  // no second attempt
  EXPECT_EQ(log.drops_started, 1);
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(AsyncDrop, SuspendingImplAndGuardMovedWhileInFlight) {
  RecordingHandlers handlers;
  Log log;
  ManualEvent release;
  auto guard = make_guard<Conn>(log, 2, &release);
  auto running = spawn(guard.async_drop());
  EXPECT_EQ(log.drops_started, 1);
  EXPECT_EQ(log.drops_finished, 0);
  EXPECT_TRUE(guard.is_dropped());
  EXPECT_FALSE(running.done());
  // The cleanup no longer needs the guard object itself.
  {
    AsyncDropGuard<Conn> moved = std::move(guard);
    EXPECT_TRUE(moved.is_dropped());
  }
  release.set();
  EXPECT_TRUE(running.done());
  running.rethrow_if_failed();
  EXPECT_EQ(log.drops_finished, 1);
  EXPECT_EQ(log.destroyed, 1);
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(AsyncDrop, MovedFromGuardDropIsANoOp) {
  Log log;
  auto guard = make_guard<Conn>(log, 1);
  auto other = std::move(guard);
  sync_wait(guard.async_drop());  // NOLINT(bugprone-use-after-move)
  EXPECT_FALSE(guard.is_dropped());
  EXPECT_EQ(log.drops_started, 0);
  sync_wait(other.async_drop());
  EXPECT_EQ(log.drops_started, 1);
}

TEST(AsyncDrop, GuardReturnedFromATask) {
  RecordingHandlers handlers;
  Log log;
  auto open = [](Log& l, int id) -> Task<AsyncDropGuard<Conn>> {
    auto conn = make_guard<Conn>(l, id);
    co_return conn;
  };
  auto use = [&]() -> Task<int> {
    auto conn = co_await open(log, 4);
    int id = conn->id();
    co_await conn.async_drop();
    co_return id;
  };
  EXPECT_EQ(sync_wait(use()), 4);
  auto direct = sync_wait(open(log, 5));
  EXPECT_EQ(direct->id(), 5);
  sync_wait(direct.async_drop());
  EXPECT_EQ(log.drops_finished, 2);
  EXPECT_TRUE(forgotten_drops().empty());
}

// ---- unsafe_into_inner_dont_drop --------------------------------------------

TEST(UnsafeIntoInner, ReleasesTheValueWithoutCleanupOrReport) {
  RecordingHandlers handlers;
  int drops = 0;
  {
    auto guard = make_guard<Movable>(7, &drops);
    Movable value = std::move(guard).unsafe_into_inner_dont_drop();
    EXPECT_EQ(value.value, 7);
  }
  EXPECT_EQ(drops, 0);
  EXPECT_TRUE(forgotten_drops().empty());
}

// ---- forgotten drops ----------------------------------------------------------

ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN

TEST(ForgottenDrop, ReportsTypeFileAndLineOfMakeGuard) {
  RecordingHandlers handlers;
  Log log;
  unsigned long line = 0;
  {
    line = __LINE__ + 1;
    auto guard = make_guard<Conn>(log, 1);
  }
  ASSERT_EQ(forgotten_drops().size(), 1u);
  EXPECT_EQ(forgotten_drops()[0].type_name, "asyncdrop_test::Conn");
  EXPECT_EQ(forgotten_drops()[0].file, __FILE__);
  EXPECT_EQ(forgotten_drops()[0].line, line);
  EXPECT_FALSE(forgotten_drops()[0].unwinding);
  // The handler returned: the value was destroyed without its cleanup.
  EXPECT_EQ(log.drops_started, 0);
  EXPECT_EQ(log.destroyed, 1);
}

TEST(ForgottenDrop, ReportsTheLineOfTheGuardConstructor) {
  RecordingHandlers handlers;
  unsigned long line = 0;
  {
    line = __LINE__ + 1;
    AsyncDropGuard<Movable> guard(Movable{});
  }
  ASSERT_EQ(forgotten_drops().size(), 1u);
  EXPECT_EQ(forgotten_drops()[0].type_name, "guard_test_types::Movable");
  EXPECT_EQ(forgotten_drops()[0].line, line);
}

TEST(ForgottenDrop, ExplicitLocationThroughInPlaceConstructor) {
  RecordingHandlers handlers;
  {
    auto guard = AsyncDropGuard<Movable>(std::in_place, std::source_location::current(), 1);
  }
  ASSERT_EQ(forgotten_drops().size(), 1u);
  EXPECT_EQ(forgotten_drops()[0].line, static_cast<unsigned long>(__LINE__ - 3));
}

TEST(ForgottenDrop, MovedFromGuardIsSilentTheNewOwnerReports) {
  RecordingHandlers handlers;
  Log log;
  unsigned long line = __LINE__ + 1;
  auto guard = make_guard<Conn>(log, 1);
  {
    AsyncDropGuard<Conn> owner = std::move(guard);
  }
  ASSERT_EQ(forgotten_drops().size(), 1u);  // once, from `owner`
  EXPECT_EQ(forgotten_drops()[0].line, line);
  forgotten_drops().clear();
  {
    AsyncDropGuard<Conn> dropped = make_guard<Conn>(log, 2);
    sync_wait(dropped.async_drop());
  }
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(ForgottenDrop, MoveAssignOverAnUndroppedGuardReports) {
  RecordingHandlers handlers;
  Log log;
  unsigned long first_line = __LINE__ + 1;
  auto target = make_guard<Conn>(log, 1);
  auto source = make_guard<Conn>(log, 2);
  target = std::move(source);
  ASSERT_EQ(forgotten_drops().size(), 1u);
  EXPECT_EQ(forgotten_drops()[0].line, first_line);
  EXPECT_EQ(log.destroyed, 1);  // the overwritten Conn 1
  EXPECT_EQ(target->id(), 2);
  EXPECT_FALSE(source.is_dropped());  // NOLINT(bugprone-use-after-move)

  // Over a dropped guard: silent.
  forgotten_drops().clear();
  auto dropped = make_guard<Conn>(log, 3);
  sync_wait(dropped.async_drop());
  dropped = std::move(target);
  EXPECT_TRUE(forgotten_drops().empty());
  EXPECT_EQ(dropped->id(), 2);
  EXPECT_FALSE(dropped.is_dropped());
  sync_wait(dropped.async_drop());
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(ForgottenDrop, HandlerIsToldAboutUnwinding) {
  RecordingHandlers handlers;
  Log log;
  try {
    auto guard = make_guard<Conn>(log, 1);
    throw std::runtime_error("error path");
  } catch (const std::runtime_error&) {
  }
  ASSERT_EQ(forgotten_drops().size(), 1u);
  EXPECT_TRUE(forgotten_drops()[0].unwinding);

  // The same inside a coroutine whose body throws.
  forgotten_drops().clear();
  auto body = [](Log& l) -> Task<void> {
    auto guard = make_guard<Conn>(l, 2);
    throw std::runtime_error("coroutine error path");
    co_return;
  };
  EXPECT_THROW(sync_wait(body(log)), std::runtime_error);
  ASSERT_EQ(forgotten_drops().size(), 1u);
  EXPECT_TRUE(forgotten_drops()[0].unwinding);
  EXPECT_EQ(forgotten_drops()[0].type_name, "asyncdrop_test::Conn");
}

TEST(ForgottenDrop, SetHandlerReturnsThePreviousOne) {
  auto noop = [](const asyncdrop::ForgottenDropInfo&) {};
  asyncdrop::ForgottenDropHandler first = asyncdrop::set_forgotten_drop_handler(noop);
  EXPECT_EQ(first, &asyncdrop::default_forgotten_drop_handler);
  asyncdrop::ForgottenDropHandler second = asyncdrop::set_forgotten_drop_handler(first);
  EXPECT_EQ(second, static_cast<asyncdrop::ForgottenDropHandler>(noop));
  // nullptr restores the default.
  asyncdrop::set_forgotten_drop_handler(nullptr);
  EXPECT_EQ(asyncdrop::set_forgotten_drop_handler(nullptr),
            &asyncdrop::default_forgotten_drop_handler);

  auto noop_cleanup = [](const asyncdrop::CleanupErrorInfo&) {};
  EXPECT_EQ(asyncdrop::set_cleanup_error_handler(noop_cleanup),
            &asyncdrop::default_cleanup_error_handler);
  EXPECT_EQ(asyncdrop::set_cleanup_error_handler(nullptr),
            static_cast<asyncdrop::CleanupErrorHandler>(noop_cleanup));
}

// Regex for the exact location, from __FILE__ (POSIX extended regex in death tests).
std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::string("\\^$.|?*+()[]{}").find(c) != std::string::npos) out += '\\';
    out += c;
  }
  return out;
}

class ForgottenDropDeathTest : public testing::Test {
 protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

// The guards are created outside the EXPECT_DEATH macro: inside a macro
// argument the compilers disagree about which line a call is on.
TEST_F(ForgottenDropDeathTest, DefaultHandlerPrintsTypeAndCreationSiteThenAborts) {
  Log log;
  const int line = __LINE__ + 1;
  auto forget = [&log] { auto guard = make_guard<Conn>(log, 1); };
  EXPECT_DEATH(forget(),
               "asyncdrop: forgot to call async_drop\\(\\) on asyncdrop_test::Conn created at " +
                   escaped(__FILE__) + ":" + std::to_string(line) + "\n");
}

TEST_F(ForgottenDropDeathTest, DefaultHandlerAbortsForTheValueConstructorToo) {
  const int line = __LINE__ + 1;
  auto forget = [] { AsyncDropGuard<Movable> guard(Movable{}); };
  EXPECT_DEATH(forget(),
               "forgot to call async_drop\\(\\) on guard_test_types::Movable created at " +
                   escaped(__FILE__) + ":" + std::to_string(line) + "\n");
}

TEST_F(ForgottenDropDeathTest, DefaultHandlerOnlyPrintsDuringUnwinding) {
  Log log;
  const int line = __LINE__ + 3;
  auto forget_while_unwinding = [&log] {
    try {
      auto guard = make_guard<Conn>(log, 1);
      throw std::runtime_error("error path");
    } catch (const std::runtime_error&) {
    }
  };
  EXPECT_EXIT(
      {
        asyncdrop::set_forgotten_drop_handler(nullptr);
        forget_while_unwinding();
        std::fputs("still alive\n", stderr);
        std::exit(0);
      },
      testing::ExitedWithCode(0),
      "forgot to call async_drop\\(\\) on asyncdrop_test::Conn created at " + escaped(__FILE__) +
          ":" + std::to_string(line) + "\n(.|\n)*still alive");
}

ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END

TEST_F(ForgottenDropDeathTest, DefaultCleanupErrorHandlerPrintsAndReturns) {
  EXPECT_EXIT(
      {
        asyncdrop::set_cleanup_error_handler(nullptr);
        asyncdrop::detail::report_cleanup_error(
            std::make_exception_ptr(std::runtime_error("lost cleanup")), "ns::Thing", "test");
        std::fputs("still alive\n", stderr);
        std::exit(0);
      },
      testing::ExitedWithCode(0), "ns::Thing(.|\n)*lost cleanup(.|\n)*still alive");
}

// ---- use after drop -------------------------------------------------------------
//
// Every access to a guard that no longer owns a value fails loudly, in
// Release builds too (this file is also built with NDEBUG), through the
// use-after-drop handler: the type and the creation site.

ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN

using UseAfterDropDeathTest = ForgottenDropDeathTest;

std::string use_after_drop_message(const std::string& type, int line) {
  return "asyncdrop: use after async_drop\\(\\) of " + type + " created at " + escaped(__FILE__) +
         ":" + std::to_string(line) + "\n";
}
std::string moved_from_message(const std::string& type, int line) {
  return "asyncdrop: use of a moved-from guard of " + type + " created at " + escaped(__FILE__) +
         ":" + std::to_string(line) + "\n";
}

TEST_F(UseAfterDropDeathTest, ArrowAfterDrop) {
  Log log;
  const int line = __LINE__ + 1;
  auto guard = make_guard<Conn>(log, 1);
  sync_wait(guard.async_drop());
  EXPECT_DEATH((void)guard->id(), use_after_drop_message("asyncdrop_test::Conn", line));
}

TEST_F(UseAfterDropDeathTest, GetAndStarAfterDrop) {
  Log log;
  const int line = __LINE__ + 1;
  auto guard = make_guard<Conn>(log, 1);
  sync_wait(guard.async_drop());
  EXPECT_DEATH((void)guard.get(), use_after_drop_message("asyncdrop_test::Conn", line));
  EXPECT_DEATH((void)(*guard).id(), use_after_drop_message("asyncdrop_test::Conn", line));
  const AsyncDropGuard<Conn>& constant = guard;
  EXPECT_DEATH((void)constant->id(), use_after_drop_message("asyncdrop_test::Conn", line));
}

TEST_F(UseAfterDropDeathTest, AfterAMoveTheSourceNamesTheValuesCreation) {
  Log log;
  const int line = __LINE__ + 1;
  auto guard = make_guard<Conn>(log, 1);
  auto owner = std::move(guard);
  EXPECT_DEATH((void)guard->id(), moved_from_message("asyncdrop_test::Conn", line));
  EXPECT_DEATH((void)guard.get(), moved_from_message("asyncdrop_test::Conn", line));
  sync_wait(owner.async_drop());
  // A dropped guard moved on: the new one reports the drop, the old one the move.
  auto dropped = std::move(owner);
  EXPECT_TRUE(dropped.is_dropped());
  EXPECT_FALSE(owner.is_dropped());
  EXPECT_DEATH((void)dropped.get(), use_after_drop_message("asyncdrop_test::Conn", line));
  EXPECT_DEATH((void)owner.get(), moved_from_message("asyncdrop_test::Conn", line));
}

TEST_F(UseAfterDropDeathTest, AfterUnsafeIntoInnerAndForTheValueConstructor) {
  const int line = __LINE__ + 1;
  AsyncDropGuard<Movable> guard(Movable{7});
  Movable inner = std::move(guard).unsafe_into_inner_dont_drop();
  EXPECT_EQ(inner.value, 7);
  EXPECT_DEATH((void)guard->value, moved_from_message("guard_test_types::Movable", line));
  EXPECT_DEATH((void)std::move(guard).unsafe_into_inner_dont_drop(),
               moved_from_message("guard_test_types::Movable", line));
}

TEST_F(UseAfterDropDeathTest, ThroughSyncDrop) {
  Log log;
  const int line = __LINE__ + 1;
  asyncdrop::SyncDrop<Conn> conn(make_guard<Conn>(log, 1));
  sync_wait(conn.guard().async_drop());
  EXPECT_DEATH((void)conn->id(), use_after_drop_message("asyncdrop_test::Conn", line));
}

void returning_use_after_drop_handler(const asyncdrop::UseAfterDropInfo& info) {
  std::fprintf(stderr, "handler: %.*s line %lu %s\n", static_cast<int>(info.type_name.size()),
               info.type_name.data(), static_cast<unsigned long>(info.line),
               info.moved_from ? "moved" : "dropped");
}

TEST_F(UseAfterDropDeathTest, AHandlerThatReturnsStillAborts) {
  Log log;
  const int line = __LINE__ + 1;
  auto guard = make_guard<Conn>(log, 1);
  sync_wait(guard.async_drop());
  EXPECT_DEATH(
      {
        asyncdrop::set_use_after_drop_handler(&returning_use_after_drop_handler);
        (void)guard->id();
        std::fputs("went on\n", stderr);
      },
      "^handler: asyncdrop_test::Conn line " + std::to_string(line) + " dropped\n$");
}

ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END

TEST(UseAfterDrop, SetHandlerReturnsThePreviousOne) {
  EXPECT_EQ(asyncdrop::set_use_after_drop_handler(&returning_use_after_drop_handler),
            &asyncdrop::default_use_after_drop_handler);
  EXPECT_EQ(asyncdrop::set_use_after_drop_handler(nullptr), &returning_use_after_drop_handler);
  EXPECT_EQ(asyncdrop::set_use_after_drop_handler(nullptr),
            &asyncdrop::default_use_after_drop_handler);
}

// ---- SyncDrop -----------------------------------------------------------------

TEST(SyncDrop, DropsOnDestruction) {
  RecordingHandlers handlers;
  Log log;
  {
    asyncdrop::SyncDrop<Conn> conn(make_guard<Conn>(log, 8));
    EXPECT_EQ(conn->id(), 8);
    EXPECT_EQ((*conn).id(), 8);
    EXPECT_EQ(log.drops_started, 0);
  }
  EXPECT_EQ(log.drops_finished, 1);
  EXPECT_EQ(log.destroyed, 1);

  auto guard = make_guard<Conn>(log, 9);
  {
    asyncdrop::SyncDrop deduced(std::move(guard));
    static_assert(std::is_same_v<decltype(deduced), asyncdrop::SyncDrop<Conn>>);
    EXPECT_EQ(deduced.get()->id(), 9);
  }
  EXPECT_EQ(log.drops_finished, 2);
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(SyncDrop, CleanupErrorGoesToTheHandler) {
  RecordingHandlers handlers;
  Log log;
  {
    asyncdrop::SyncDrop<Conn> conn(make_guard<Conn>(log, 1, nullptr, /*throw_in_drop=*/true));
  }
  ASSERT_EQ(asyncdrop_test::cleanup_errors().size(), 1u);
  EXPECT_EQ(asyncdrop_test::cleanup_errors()[0].what, "drop failed 1");
  EXPECT_EQ(asyncdrop_test::cleanup_errors()[0].type_name, "asyncdrop_test::Conn");
  EXPECT_EQ(log.destroyed, 1);
}

TEST(SyncDrop, EarlyDropThroughTheGuard) {
  Log log;
  {
    asyncdrop::SyncDrop<Conn> conn(make_guard<Conn>(log, 1));
    sync_wait(conn.guard().async_drop());
    EXPECT_EQ(log.drops_finished, 1);
  }
  EXPECT_EQ(log.drops_started, 1);
}

}  // namespace
