// Shared helpers for the runtime tests: a manual event to make cleanups
// suspend, a non-blocking way to start a task, recording handlers, the
// guarded test types and the fixtures several test files need.  A test file
// says `using namespace asyncdrop_test;` and keeps only what is its own.
#pragma once

#include <gtest/gtest.h>
#include <asyncdrop/asyncdrop.hpp>

#include <atomic>
#include <coroutine>
#include <cstddef>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

// Some tests forget drops, or look at a dropped guard, on purpose (to watch
// what the runtime does then); keep Clang's -Wconsumed quiet about those.
#if defined(__clang__)
#define ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN \
  _Pragma("clang diagnostic push") _Pragma("clang diagnostic ignored \"-Wconsumed\"")
#define ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END _Pragma("clang diagnostic pop")
#else
#define ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN
#define ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END
#endif

namespace asyncdrop_test {

// The runtime names nearly every test file uses, brought in with
// `using namespace asyncdrop_test;`.
using asyncdrop::AsyncDropGuard;
using asyncdrop::make_guard;
using asyncdrop::sync_wait;
using asyncdrop::Task;

// An awaitable that suspends until set() is called (from the test or from
// another thread), then resumes every waiter on the calling thread.
class ManualEvent {
 public:
  void set() {
    std::vector<std::coroutine_handle<>> waiters;
    {
      std::lock_guard lock(mutex_);
      set_ = true;
      waiters.swap(waiters_);
    }
    for (std::coroutine_handle<> h : waiters) h.resume();
  }
  bool is_set() const {
    std::lock_guard lock(mutex_);
    return set_;
  }
  std::size_t waiter_count() const {
    std::lock_guard lock(mutex_);
    return waiters_.size();
  }

  auto operator co_await() noexcept {
    struct awaiter {
      ManualEvent& event;
      bool await_ready() const noexcept { return event.is_set(); }
      bool await_suspend(std::coroutine_handle<> h) {
        std::lock_guard lock(event.mutex_);
        if (event.set_) return false;
        event.waiters_.push_back(h);
        return true;
      }
      void await_resume() const noexcept {}
    };
    return awaiter{*this};
  }

 private:
  mutable std::mutex mutex_;
  bool set_ = false;
  std::vector<std::coroutine_handle<>> waiters_;
};

// Starts an awaitable without blocking (unlike sync_wait), so a test can
// observe it while it is suspended.  An eager coroutine of its own type, which
// also shows that Task is awaitable from foreign coroutine types.
class Spawned {
 public:
  struct promise_type {
    bool done = false;
    std::exception_ptr error;
    Spawned get_return_object() {
      return Spawned(std::coroutine_handle<promise_type>::from_promise(*this));
    }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() { done = true; }
    void unhandled_exception() {
      done = true;
      error = std::current_exception();
    }
  };

  Spawned(Spawned&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  Spawned& operator=(Spawned&&) = delete;
  ~Spawned() {
    if (handle_) handle_.destroy();
  }

  bool done() const { return handle_.promise().done; }
  std::exception_ptr error() const { return handle_.promise().error; }
  void rethrow_if_failed() const {
    if (error()) std::rethrow_exception(error());
  }

 private:
  explicit Spawned(std::coroutine_handle<promise_type> h) : handle_(h) {}
  std::coroutine_handle<promise_type> handle_;
};

template <class A>
Spawned spawn(A awaitable) {
  co_await std::move(awaitable);
}

// Forgotten drops and cleanup errors, recorded by the handlers below.
struct RecordedForgottenDrop {
  std::string type_name;
  std::string file;
  unsigned long line;
  bool unwinding;
};
struct RecordedCleanupError {
  std::string what;
  std::string type_name;
  std::string context;
};

inline std::vector<RecordedForgottenDrop>& forgotten_drops() {
  static std::vector<RecordedForgottenDrop> v;
  return v;
}
inline std::vector<RecordedCleanupError>& cleanup_errors() {
  static std::vector<RecordedCleanupError> v;
  return v;
}

inline std::string what_of(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    return ex.what();
  } catch (...) {
    return "?";
  }
}

// The message of the E that `run()` throws, for tests that check which
// exception won; a test failure (and "") if it throws nothing.  An exception
// of another type propagates (and fails the test) as before.
template <class E, class F>
std::string what_thrown(F&& run) {
  try {
    std::forward<F>(run)();
  } catch (const E& e) {
    return e.what();
  }
  ADD_FAILURE() << "no exception";
  return "";
}

// Installs recording handlers for the lifetime of a test and restores the
// previous ones afterwards.
class RecordingHandlers {
 public:
  RecordingHandlers() {
    forgotten_drops().clear();
    cleanup_errors().clear();
    previous_forgotten_ =
        asyncdrop::set_forgotten_drop_handler([](const asyncdrop::ForgottenDropInfo& info) {
          forgotten_drops().push_back({std::string(info.type_name), std::string(info.file),
                                       static_cast<unsigned long>(info.line), info.unwinding});
        });
    previous_cleanup_ =
        asyncdrop::set_cleanup_error_handler([](const asyncdrop::CleanupErrorInfo& info) {
          cleanup_errors().push_back(
              {what_of(info.error), std::string(info.type_name), std::string(info.context)});
        });
  }
  ~RecordingHandlers() {
    asyncdrop::set_forgotten_drop_handler(previous_forgotten_);
    asyncdrop::set_cleanup_error_handler(previous_cleanup_);
  }
  RecordingHandlers(const RecordingHandlers&) = delete;
  RecordingHandlers& operator=(const RecordingHandlers&) = delete;

 private:
  asyncdrop::ForgottenDropHandler previous_forgotten_;
  asyncdrop::CleanupErrorHandler previous_cleanup_;
};

// What a Conn did, observable after it is gone.
struct Log {
  int constructed = 0;
  int drops_started = 0;
  int drops_finished = 0;
  int destroyed = 0;
  std::vector<std::string> events;
};

// The shape the pattern asks for (rule 4): private constructor, not copyable,
// not movable, private async_drop_impl, befriends asyncdrop::access.
// The cleanup can be told to suspend on an event and/or to throw.
class Conn {
 public:
  int id() const { return id_; }
  Log& log() { return *log_; }

 private:
  friend class asyncdrop::access;

  Conn(Log& log, int id, ManualEvent* wait_in_drop = nullptr, bool throw_in_drop = false)
      : log_(&log), id_(id), wait_in_drop_(wait_in_drop), throw_in_drop_(throw_in_drop) {
    ++log_->constructed;
  }
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  ~Conn() {
    ++log_->destroyed;
    log_->events.push_back("destroy " + std::to_string(id_));
  }

  asyncdrop::Task<void> async_drop_impl() {
    ++log_->drops_started;
    log_->events.push_back("drop start " + std::to_string(id_));
    if (wait_in_drop_ != nullptr) co_await *wait_in_drop_;
    ++log_->drops_finished;
    log_->events.push_back("drop end " + std::to_string(id_));
    if (throw_in_drop_) throw std::runtime_error("drop failed " + std::to_string(id_));
  }

  Log* log_;
  int id_;
  ManualEvent* wait_in_drop_;
  bool throw_in_drop_;
};

// Conns whose cleanups each suspend until a thread of their own releases
// them, so that the cleanups finish on other threads, in any order, while the
// test's thread waits in a drop or a join (the "...OnOtherThreads" tests,
// which also run under ThreadSanitizer).  One Log per Conn: the cleanups run
// at the same time.
class ReleasedOnOtherThreads {
 public:
  explicit ReleasedOnOtherThreads(std::size_t count) : logs_(count), events_(count) {}
  ReleasedOnOtherThreads(const ReleasedOnOtherThreads&) = delete;
  ReleasedOnOtherThreads& operator=(const ReleasedOnOtherThreads&) = delete;
  // The threads refer to the events: join them before the events go.
  ~ReleasedOnOtherThreads() { join(); }

  // Conn `id`, number `i` of this set.
  AsyncDropGuard<Conn> make(std::size_t i, int id) {
    return make_guard<Conn>(logs_[i], id, &events_[i]);
  }
  AsyncDropGuard<Conn> make(std::size_t i) { return make(i, static_cast<int>(i)); }

  // Starts one thread per Conn that releases its cleanup.
  void release_all() {
    for (ManualEvent& event : events_) threads_.emplace_back([&event] { event.set(); });
  }
  void join() {
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }

  int destroyed() const {
    int sum = 0;
    for (const Log& log : logs_) sum += log.destroyed;
    return sum;
  }

 private:
  std::vector<Log> logs_;
  std::vector<ManualEvent> events_;
  std::vector<std::thread> threads_;
};

// Runs `body(i)` on `threads` threads that all start at the same moment (to
// make the races the concurrency tests look for likely), while the calling
// thread runs `meanwhile()`; returns when every thread has finished.
template <class Body, class Meanwhile>
void run_at_once(int threads, Body body, Meanwhile meanwhile) {
  std::atomic<bool> go{false};
  std::vector<std::thread> running;
  for (int i = 0; i < threads; ++i) {
    running.emplace_back([&go, &body, i] {
      while (!go.load()) std::this_thread::yield();
      body(i);
    });
  }
  go = true;
  meanwhile();
  for (std::thread& t : running) t.join();
}
template <class Body>
void run_at_once(int threads, Body body) {
  run_at_once(threads, std::move(body), [] {});
}

}  // namespace asyncdrop_test
