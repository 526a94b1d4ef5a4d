// Task<T> and sync_wait.
#include <gtest/gtest.h>
#include <asyncdrop/asyncdrop.hpp>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>

#include "test_support.hpp"

using namespace asyncdrop_test;  // the shared fixtures, test_support.hpp

namespace {

static_assert(std::is_same_v<Task<>, Task<void>>);
static_assert(!std::is_copy_constructible_v<Task<int>>);
static_assert(std::is_nothrow_move_constructible_v<Task<int>>);
static_assert(asyncdrop::Awaitable<Task<int>>);
static_assert(asyncdrop::Awaitable<Task<int>&>);
static_assert(std::is_same_v<asyncdrop::await_result_t<Task<int>>, int>);
static_assert(std::is_same_v<asyncdrop::await_result_t<Task<int>&>, int&>);
static_assert(std::is_same_v<asyncdrop::await_result_t<Task<int&>>, int&>);
static_assert(std::is_same_v<asyncdrop::await_result_t<Task<void>>, void>);

Task<int> answer() { co_return 42; }

Task<int> add_one(Task<int> inner) { co_return co_await std::move(inner) + 1; }

TEST(Task, ReturnsValue) {
  EXPECT_EQ(sync_wait(answer()), 42);
  EXPECT_EQ(sync_wait(add_one(answer())), 43);
}

TEST(Task, ReturnsVoid) {
  int side_effect = 0;
  auto task = [](int& out) -> Task<void> {
    out = 7;
    co_return;
  }(side_effect);
  sync_wait(std::move(task));
  EXPECT_EQ(side_effect, 7);
}

TEST(Task, ReturnsReferenceToTheSameObject) {
  int target = 5;
  auto get = [](int& t) -> Task<int&> { co_return t; };
  int& result = sync_wait(get(target));
  EXPECT_EQ(&result, &target);
  auto outer = [&]() -> Task<void> {
    int& r = co_await get(target);
    r = 9;
  };
  sync_wait(outer());
  EXPECT_EQ(target, 9);
}

TEST(Task, ReturnsMoveOnlyValue) {
  auto make = []() -> Task<std::unique_ptr<std::string>> {
    co_return std::make_unique<std::string>("moved");
  };
  std::unique_ptr<std::string> p = sync_wait(make());
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(*p, "moved");
}

TEST(Task, LvalueAwaitYieldsReferenceIntoTheTask) {
  auto outer = []() -> Task<bool> {
    Task<std::string> t = []() -> Task<std::string> { co_return "kept"; }();
    std::string& first = co_await t;
    std::string& again = co_await t;  // already done: no second run
    co_return &first == &again&& first == "kept";
  };
  EXPECT_TRUE(sync_wait(outer()));
}

TEST(Task, IsLazy) {
  int runs = 0;
  auto body = [](int& r) -> Task<int> {
    ++r;
    co_return r;
  };
  Task<int> task = body(runs);
  EXPECT_EQ(runs, 0);
  EXPECT_TRUE(task.valid());
  EXPECT_FALSE(task.is_ready());
  EXPECT_EQ(sync_wait(std::move(task)), 1);
  EXPECT_EQ(runs, 1);
  {
    Task<int> never_awaited = body(runs);
  }
  EXPECT_EQ(runs, 1);
}

TEST(Task, MoveTransfersTheCoroutine) {
  Task<int> a = answer();
  Task<int> b = std::move(a);
  EXPECT_FALSE(a.valid());  // NOLINT(bugprone-use-after-move): checking the moved-from state
  EXPECT_TRUE(b.valid());
  a = std::move(b);
  EXPECT_TRUE(a.valid());
  EXPECT_EQ(sync_wait(std::move(a)), 42);
}

TEST(Task, ExceptionPropagatesToTheAwaiter) {
  auto thrower = []() -> Task<int> {
    throw std::runtime_error("inner");
    co_return 0;
  };
  auto catcher = [&]() -> Task<std::string> {
    try {
      co_await thrower();
    } catch (const std::runtime_error& e) {
      co_return std::string("caught ") + e.what();
    }
    co_return "not caught";
  };
  EXPECT_EQ(sync_wait(catcher()), "caught inner");
  EXPECT_THROW(sync_wait(thrower()), std::runtime_error);
  auto void_thrower = []() -> Task<void> {
    throw std::logic_error("void");
    co_return;
  };
  EXPECT_THROW(sync_wait(void_thrower()), std::logic_error);
  auto ref_thrower = []() -> Task<int&> {
    throw std::logic_error("ref");
    co_return *static_cast<int*>(nullptr);
  };
  EXPECT_THROW(sync_wait(ref_thrower()), std::logic_error);
}

Task<int> one() { co_return 1; }

TEST(Task, HundredThousandSequentialAwaitsDoNotGrowTheStack) {
  auto loop = []() -> Task<long> {
    long sum = 0;
    for (int i = 0; i < 100'000; ++i) sum += co_await one();
    co_return sum;
  };
  EXPECT_EQ(sync_wait(loop()), 100'000);
}

Task<int> depth(int n) {
  if (n == 0) co_return 0;
  co_return 1 + co_await depth(n - 1);
}

TEST(Task, TenThousandNestedAwaits) { EXPECT_EQ(sync_wait(depth(10'000)), 10'000); }

TEST(Task, ResumesAfterSuspension) {
  ManualEvent event;
  int stage = 0;
  auto waiter = [](ManualEvent& e, int& s) -> Task<int> {
    s = 1;
    co_await e;
    s = 2;
    co_return 5;
  };
  int result = 0;
  auto outer = [&]() -> Task<void> { result = co_await waiter(event, stage); };
  auto running = spawn(outer());
  EXPECT_EQ(stage, 1);
  EXPECT_FALSE(running.done());
  event.set();
  EXPECT_TRUE(running.done());
  EXPECT_EQ(stage, 2);
  EXPECT_EQ(result, 5);
}

// An awaiter (not a Task) that completes on a thread of its own.
struct ResumeOnNewThread {
  std::thread& thread;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    thread = std::thread([h] {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      h.resume();
    });
  }
  std::thread::id await_resume() const noexcept { return std::this_thread::get_id(); }
};

TEST(SyncWait, WaitsForCompletionOnAnotherThread) {
  std::thread worker;
  std::thread::id resumed_on = sync_wait(ResumeOnNewThread{worker});
  EXPECT_NE(resumed_on, std::this_thread::get_id());
  worker.join();

  auto through_task = [](std::thread& t) -> Task<std::thread::id> {
    co_return co_await ResumeOnNewThread{t};
  };
  std::thread worker2;
  EXPECT_NE(sync_wait(through_task(worker2)), std::this_thread::get_id());
  worker2.join();
}

TEST(SyncWait, AcceptsPlainAwaiters) {
  sync_wait(std::suspend_never{});
  struct Ready {
    bool await_ready() const noexcept { return true; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    std::string await_resume() const { return "plain"; }
  };
  EXPECT_EQ(sync_wait(Ready{}), "plain");
}

TEST(SyncWait, ReturnTypes) {
  static_assert(std::is_same_v<decltype(sync_wait(answer())), int>);
  static_assert(std::is_same_v<decltype(sync_wait(std::declval<Task<int&>>())), int&>);
  static_assert(std::is_same_v<decltype(sync_wait(std::declval<Task<void>>())), void>);
  struct RvalueRef {
    std::string s = "rv";
    bool await_ready() const noexcept { return true; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    std::string&& await_resume() { return std::move(s); }
  };
  // An rvalue reference result is returned by value: what it refers to lives
  // in a coroutine frame that is gone when sync_wait returns.
  static_assert(std::is_same_v<decltype(sync_wait(RvalueRef{})), std::string>);
  EXPECT_EQ(sync_wait(RvalueRef{}), "rv");
}

TEST(SyncWait, RethrowsAndCanBeCalledAgain) {
  auto thrower = []() -> Task<void> {
    throw std::runtime_error("x");
    co_return;
  };
  EXPECT_THROW(sync_wait(thrower()), std::runtime_error);
  EXPECT_EQ(sync_wait(answer()), 42);
}

}  // namespace
