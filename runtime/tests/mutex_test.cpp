// AsyncDropMutex: FIFO coroutine mutex around a guarded value.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <asyncdrop/asyncdrop.hpp>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "test_support.hpp"

using asyncdrop::AsyncDropMutex;
using namespace asyncdrop_test;  // the shared fixtures, test_support.hpp
using testing::ElementsAre;

namespace {

// Holds the lock across a suspension, recording what it did.
Task<void> locker(AsyncDropMutex<Conn>& mutex, std::vector<std::string>& order, std::string name,
                  ManualEvent* hold = nullptr) {
  auto lock = co_await mutex.lock();
  order.push_back(name + " in");
  if (hold != nullptr) co_await *hold;
  EXPECT_EQ(lock->id(), 1);
  order.push_back(name + " out");
}

TEST(Mutex, LockGivesExclusiveAccessAndUnlocksOnDestruction) {
  Log log;
  AsyncDropMutex<Conn> mutex(make_guard<Conn>(log, 1));
  EXPECT_FALSE(mutex.is_locked());
  sync_wait([&]() -> Task<void> {
    {
      auto lock = co_await mutex.lock();
      EXPECT_TRUE(lock.owns_lock());
      EXPECT_TRUE(mutex.is_locked());
      EXPECT_EQ((*lock).id(), 1);
      EXPECT_FALSE(mutex.try_lock().has_value());
    }
    EXPECT_FALSE(mutex.is_locked());
    auto again = mutex.try_lock();
    EXPECT_TRUE(again.has_value());
    again->unlock();
    EXPECT_FALSE(again->owns_lock());
    EXPECT_FALSE(mutex.is_locked());
  }());
  sync_wait(mutex.async_drop());
  EXPECT_EQ(log.drops_finished, 1);
}

TEST(Mutex, WaitersAreServedInFifoOrderWithoutBlocking) {
  Log log;
  AsyncDropMutex<Conn> mutex(make_guard<Conn>(log, 1));
  std::vector<std::string> order;
  ManualEvent hold_a, hold_b;
  auto a = spawn(locker(mutex, order, "a", &hold_a));
  auto b = spawn(locker(mutex, order, "b", &hold_b));
  auto c = spawn(locker(mutex, order, "c"));
  auto d = spawn(locker(mutex, order, "d"));
  // a holds the lock (suspended on hold_a); b, c, d wait.  Nothing blocked
  // this thread: we are here.
  EXPECT_THAT(order, ElementsAre("a in"));
  hold_a.set();  // a unlocks: b gets it (FIFO), then suspends on hold_b
  EXPECT_THAT(order, ElementsAre("a in", "a out", "b in"));
  hold_b.set();
  EXPECT_THAT(order,
              ElementsAre("a in", "a out", "b in", "b out", "c in", "c out", "d in", "d out"));
  EXPECT_TRUE(a.done() && b.done() && c.done() && d.done());
  EXPECT_FALSE(mutex.is_locked());
  sync_wait(mutex.async_drop());
}

TEST(Mutex, AsyncDropWaitsUntilUnlockedThenDropsTheValue) {
  RecordingHandlers handlers;
  Log log;
  AsyncDropMutex<Conn> mutex(make_guard<Conn>(log, 1));
  std::vector<std::string> order;
  ManualEvent hold;
  auto holder = spawn(locker(mutex, order, "holder", &hold));
  auto waiter = spawn(locker(mutex, order, "waiter"));
  auto dropping = spawn(mutex.async_drop());
  auto late = spawn(locker(mutex, order, "late"));  // queued behind the drop
  EXPECT_FALSE(dropping.done());
  EXPECT_EQ(log.drops_started, 0);
  hold.set();
  // holder, then the earlier waiter, then the drop; the late locker fails.
  EXPECT_THAT(order, ElementsAre("holder in", "holder out", "waiter in", "waiter out"));
  EXPECT_TRUE(dropping.done());
  dropping.rethrow_if_failed();
  EXPECT_EQ(log.drops_finished, 1);
  ASSERT_TRUE(late.done());
  ASSERT_NE(late.error(), nullptr);
  EXPECT_THROW(late.rethrow_if_failed(), std::logic_error);
  // After the drop: lock() throws, try_lock() fails, a second drop is a no-op.
  EXPECT_THROW(sync_wait([&]() -> Task<void> { auto l = co_await mutex.lock(); }()),
               std::logic_error);
  EXPECT_FALSE(mutex.try_lock().has_value());
  sync_wait(mutex.async_drop());
  EXPECT_EQ(log.drops_started, 1);
  EXPECT_TRUE(forgotten_drops().empty());
}

TEST(Mutex, AnUndroppedMutexIsReportedByItsValue) {
  RecordingHandlers handlers;
  Log log;
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN { AsyncDropMutex<Conn> mutex(make_guard<Conn>(log, 1)); }
  ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END
  ASSERT_EQ(forgotten_drops().size(), 1u);
  EXPECT_EQ(forgotten_drops()[0].type_name, "asyncdrop_test::Conn");
}

Task<void> hold_lock_until(AsyncDropMutex<Conn>& mutex, ManualEvent& release) {
  auto lock = co_await mutex.lock();
  co_await release;
}

Task<void> count_under_lock(AsyncDropMutex<Conn>& mutex, int& counter) {
  auto lock = co_await mutex.lock();
  ++counter;
}

TEST(Mutex, ALongChainOfSynchronousLockersRunsInConstantStack) {
  Log log;
  AsyncDropMutex<Conn> mutex(make_guard<Conn>(log, 1));
  int counter = 0;
  ManualEvent hold;
  constexpr int kLockers = 100'000;
  std::vector<Spawned> lockers;
  lockers.reserve(kLockers + 1);
  lockers.push_back(spawn(hold_lock_until(mutex, hold)));
  for (int i = 0; i < kLockers; ++i) lockers.push_back(spawn(count_under_lock(mutex, counter)));
  // Unlocking hands the lock down a chain of 100k waiters that each finish
  // at once; resumptions are queued, not nested.
  hold.set();
  EXPECT_EQ(counter, kLockers);
  sync_wait(mutex.async_drop());
}

// Resumes the awaiting coroutine on a new thread (joined by the test).
class ThreadHop {
 public:
  explicit ThreadHop(std::vector<std::thread>& threads, std::mutex& threads_mutex)
      : threads_(threads), threads_mutex_(threads_mutex) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    std::lock_guard lock(threads_mutex_);
    threads_.emplace_back([h] { h.resume(); });
  }
  void await_resume() const noexcept {}

 private:
  std::vector<std::thread>& threads_;
  std::mutex& threads_mutex_;
};

struct StressState {
  explicit StressState(Log& log) : mutex(make_guard<Conn>(log, 1)) {}
  AsyncDropMutex<Conn> mutex;
  long counter = 0;  // protected by `mutex` only
  int inside = 0;    // ditto: must never exceed 1
  int max_inside = 0;
  std::atomic<int> finished{0};
  std::vector<std::thread> hops;
  std::mutex hops_mutex;
};

Task<void> stress_locker(StressState& s, int i) {
  {
    auto lock = co_await s.mutex.lock();
    ++s.inside;
    if (s.inside > s.max_inside) s.max_inside = s.inside;
    long seen = s.counter;
    if (i % 7 == 0) co_await ThreadHop(s.hops, s.hops_mutex);  // holds the lock meanwhile
    s.counter = seen + 1;
    --s.inside;
  }
  ++s.finished;
}

TEST(Mutex, StressManyConcurrentLockersOnManyThreads) {
  // Run under ThreadSanitizer too (build-tsan).  Lockers start on several
  // threads, and some hop to yet another thread while holding the lock, so
  // hand-overs happen between threads all the time.
  Log log;
  StressState s(log);
  constexpr int kThreads = 4;
  constexpr int kLockersPerThread = 250;
  std::vector<std::unique_ptr<Spawned>> spawned(kThreads * kLockersPerThread);
  std::vector<std::thread> starters;
  for (int t = 0; t < kThreads; ++t) {
    starters.emplace_back([&s, &spawned, t] {
      for (int i = 0; i < kLockersPerThread; ++i) {
        const int index = t * kLockersPerThread + i;
        spawned[index] = std::make_unique<Spawned>(spawn(stress_locker(s, index)));
      }
    });
  }
  for (std::thread& t : starters) t.join();
  // Join the hops (which may start further hops) until every locker is done.
  for (;;) {
    std::vector<std::thread> batch;
    {
      std::lock_guard lock(s.hops_mutex);
      batch.swap(s.hops);
    }
    for (std::thread& t : batch) t.join();
    if (batch.empty() && s.finished.load() == kThreads * kLockersPerThread) break;
    std::this_thread::yield();
  }
  sync_wait(s.mutex.async_drop());
  EXPECT_EQ(s.counter, kThreads * kLockersPerThread);
  EXPECT_EQ(s.max_inside, 1);
  EXPECT_EQ(log.drops_finished, 1);
  for (auto& one : spawned) one->rethrow_if_failed();
}

TEST(Mutex, TheValuesCleanupExceptionReachesTheDropsAwaiter) {
  RecordingHandlers handlers;
  Log log;
  AsyncDropMutex<Conn> mutex(make_guard<Conn>(log, 1, nullptr, /*throw_in_drop=*/true));
  EXPECT_EQ(what_thrown<std::runtime_error>([&] { sync_wait(mutex.async_drop()); }),
            "drop failed 1");
  EXPECT_EQ(log.destroyed, 1);
  // A failed cleanup still closes the mutex and counts as the drop.
  EXPECT_FALSE(mutex.try_lock().has_value());
  EXPECT_NO_THROW(sync_wait(mutex.async_drop()));
  EXPECT_EQ(log.drops_started, 1);
  EXPECT_TRUE(cleanup_errors().empty());
  EXPECT_TRUE(forgotten_drops().empty());
}

// A Lock that no longer holds the mutex (unlocked, moved from) fails loudly
// when dereferenced, in Release builds too, naming the line of lock().
TEST(MutexDeathTest, DereferencingAnUnlockedLockIsReported) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Log log;
  AsyncDropMutex<Conn> conn(make_guard<Conn>(log, 1));
  const int line = __LINE__ + 1;
  auto lock = conn.try_lock();
  ASSERT_TRUE(lock.has_value());
  EXPECT_EQ((*lock)->id(), 1);
  auto moved = std::move(*lock);
  std::string file;
  for (char c : std::string(__FILE__)) {
    if (std::string("\\^$.|?*+()[]{}").find(c) != std::string::npos) file += '\\';
    file += c;
  }
  const std::string message =
      "asyncdrop: use of a moved-from guard of asyncdrop::AsyncDropMutex<"
      "asyncdrop_test::Conn>::Lock created at " +
      file + ":" + std::to_string(line) + "\n";
  EXPECT_DEATH((void)(**lock).id(), message);
  moved.unlock();
  EXPECT_DEATH((void)moved->id(), message);
  sync_wait(conn.async_drop());
}

}  // namespace
