// AsyncDropMutex<T>: a coroutine-aware mutex around a guarded value.
//
//   asyncdrop::AsyncDropMutex<Conn> conn(asyncdrop::make_guard<Conn>(fd));
//   {
//     auto lock = co_await conn.lock();   // suspends (no thread blocks) while taken
//     co_await lock->send(1);             // exclusive access across suspensions
//   }                                     // unlocked here; the next waiter runs
//   co_await conn.async_drop();           // waits for the lock, then drops the Conn
//
// Fairness: waiters get the lock in the order they asked for it (FIFO), and
// the lock is handed over directly, so nobody can barge in between.
//
// Where waiters run: the one that gets the lock is resumed on the thread that
// unlocked, once the unlocking coroutine has suspended or finished (the
// resumptions of one thread are queued, not nested, so a long chain of
// lockers that finish synchronously runs in constant stack space).  The
// internal std::mutex is only held to update the queue, never while user code
// runs.
//
// async_drop() queues up like a locker: holders and earlier waiters go first.
// Once it has the lock, the mutex is closed: a later lock() throws
// std::logic_error (use after drop) and try_lock() fails.  Destroying a mutex
// that is locked or has waiters is a bug (assert); destroying it undropped is
// reported by the value's guard.
//
// Task cleanups only: the waiters are plain coroutine handles, which an
// asio::awaitable coroutine cannot hand out.
#pragma once

#include <cassert>
#include <concepts>
#include <coroutine>
#include <cstddef>
#include <mutex>
#include <optional>
#include <source_location>
#include <stdexcept>
#include <utility>
#include <vector>

#include "asyncdrop/access.hpp"
#include "asyncdrop/drop_family.hpp"
#include "asyncdrop/guard.hpp"
#include "asyncdrop/handlers.hpp"
#include "asyncdrop/task.hpp"
#include "asyncdrop/type_name.hpp"

namespace asyncdrop {

namespace detail {

// Resumes `h` on this thread, but never inside another resumption made here:
// if one is running further up the stack, `h` is queued and resumed by it
// once the coroutine it resumed has suspended.  Keeps lock hand-overs (each
// of which resumes the next locker from inside the previous one's unlock)
// from nesting.
inline void resume_flat(std::coroutine_handle<> h) {
  thread_local std::vector<std::coroutine_handle<>>* pending = nullptr;
  if (pending != nullptr) {
    pending->push_back(h);
    return;
  }
  std::vector<std::coroutine_handle<>> queue;
  pending = &queue;
  h.resume();
  for (std::size_t i = 0; i < queue.size(); ++i) queue[i].resume();
  pending = nullptr;
}

}  // namespace detail

template <class T>
class AsyncDropMutex {
  static_assert(std::same_as<drop_family_t<T>, detail::task_family>,
                "AsyncDropMutex<T> needs a T whose async_drop_impl() returns Task<void>");

  struct waiter {
    waiter* next = nullptr;
    std::coroutine_handle<> handle;
    bool closed = false;  // woken because the mutex was dropped, not locked
  };

 public:
  // Exclusive access to the value; unlocks when destroyed (or by unlock()).
  class Lock {
   public:
    Lock(Lock&& other) noexcept
        : mutex_(std::exchange(other.mutex_, nullptr)), where_(other.where_) {}
    Lock& operator=(Lock&& other) noexcept {
      if (this != &other) {
        unlock();
        mutex_ = std::exchange(other.mutex_, nullptr);
        where_ = other.where_;
      }
      return *this;
    }
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;
    ~Lock() { unlock(); }

    // Preconditions: owns_lock().  An unlocked or moved-from Lock is reported
    // through the use-after-drop handler (with the line of its lock() or
    // try_lock() call) and aborts, in every build mode.
    T& operator*() const noexcept { return *checked_mutex()->guard_; }
    T* operator->() const noexcept { return checked_mutex()->guard_.get(); }

    [[nodiscard]] bool owns_lock() const noexcept { return mutex_ != nullptr; }
    explicit operator bool() const noexcept { return owns_lock(); }
    // Unlocks early (a no-op if already unlocked).
    void unlock() noexcept {
      if (mutex_ != nullptr) std::exchange(mutex_, nullptr)->unlock();
    }

   private:
    friend class AsyncDropMutex;
    Lock(AsyncDropMutex* mutex, std::source_location where) noexcept
        : mutex_(mutex), where_(where) {}
    // Keeps the mutex locked for good (async_drop).
    void release() noexcept { mutex_ = nullptr; }
    AsyncDropMutex* checked_mutex() const noexcept {
      if (mutex_ == nullptr) [[unlikely]] {
        detail::report_use_after_drop(type_name<Lock>(), where_, /*moved_from=*/true, nullptr);
      }
      return mutex_;
    }
    AsyncDropMutex* mutex_;
    std::source_location where_;  // the lock() / try_lock() call
  };

  // What lock() returns: `co_await` it for a Lock.
  class [[nodiscard]] LockOperation {
   public:
    bool await_ready() noexcept { return mutex_.try_acquire(acquired_); }
    bool await_suspend(std::coroutine_handle<> awaiting) noexcept {
      waiter_.handle = awaiting;
      return mutex_.acquire_or_enqueue(waiter_, acquired_);
    }
    Lock await_resume() {
      if (waiter_.closed || (!acquired_ && waiter_.handle == nullptr)) {
        throw std::logic_error("asyncdrop: AsyncDropMutex::lock() after async_drop()");
      }
      return Lock(&mutex_, where_);
    }

   private:
    friend class AsyncDropMutex;
    LockOperation(AsyncDropMutex& mutex, std::source_location where) noexcept
        : mutex_(mutex), where_(where) {}
    AsyncDropMutex& mutex_;
    std::source_location where_;
    waiter waiter_;
    bool acquired_ = false;
  };

  // Takes over the guard (make_guard<T>(...) or std::move(g)).
  explicit AsyncDropMutex(GuardHandoff<T> guard) noexcept : guard_(std::move(guard).take()) {}
  // Not movable: waiters and locks refer to the mutex.
  AsyncDropMutex(const AsyncDropMutex&) = delete;
  AsyncDropMutex& operator=(const AsyncDropMutex&) = delete;
  ~AsyncDropMutex() {
    assert((closed_ || !locked_) && head_ == nullptr &&
           "asyncdrop: AsyncDropMutex destroyed while locked or awaited");
  }

  // `co_await m.lock()` yields a Lock once the mutex is ours; throws
  // std::logic_error if the mutex was dropped.
  LockOperation lock(std::source_location where = std::source_location::current()) noexcept {
    return LockOperation(*this, where);
  }

  // A Lock if the mutex is free right now, else nothing.
  [[nodiscard]] std::optional<Lock> try_lock(
      std::source_location where = std::source_location::current()) noexcept {
    bool acquired = false;
    if (try_acquire(acquired) && acquired) return Lock(this, where);
    return std::nullopt;
  }

  [[nodiscard]] bool is_locked() const noexcept {
    std::lock_guard guard(mutex_);
    return locked_;
  }

  // Waits for the lock (behind the current holder and earlier waiters),
  // closes the mutex, then drops the value.  Lazy; a second call is a no-op.
  [[nodiscard]] auto async_drop() { return drop_coroutine(); }

 private:
  // await_ready: takes the lock if it is free.  Returns true when the awaiter
  // need not suspend: the lock was taken (acquired = true) or the mutex is
  // closed (acquired stays false and await_resume throws).
  bool try_acquire(bool& acquired) noexcept {
    std::lock_guard guard(mutex_);
    if (closed_) return true;
    if (locked_) return false;
    locked_ = true;
    acquired = true;
    return true;
  }

  // await_suspend: takes the lock, or queues the waiter.  Returns whether to
  // suspend.
  bool acquire_or_enqueue(waiter& w, bool& acquired) noexcept {
    std::lock_guard guard(mutex_);
    if (closed_) {
      w.handle = nullptr;
      return false;
    }
    if (!locked_) {
      locked_ = true;
      acquired = true;
      return false;
    }
    (tail_ ? tail_->next : head_) = &w;
    tail_ = &w;
    return true;
  }

  // Hands the lock to the first waiter (it stays locked), or unlocks.
  void unlock() noexcept {
    waiter* next = nullptr;
    {
      std::lock_guard guard(mutex_);
      assert(locked_);
      next = head_;
      if (next == nullptr) {
        locked_ = false;
        return;
      }
      head_ = next->next;
      if (head_ == nullptr) tail_ = nullptr;
    }
    detail::resume_flat(next->handle);
  }

  template <class U = T>
  Task<void> drop_coroutine() {
    if (dropped_) co_return;
    dropped_ = true;
    Lock lock = co_await this->lock();
    lock.release();
    waiter* rest = nullptr;
    {
      std::lock_guard guard(mutex_);
      closed_ = true;
      rest = std::exchange(head_, nullptr);
      tail_ = nullptr;
    }
    while (rest != nullptr) {
      waiter* w = std::exchange(rest, rest->next);
      w->closed = true;
      detail::resume_flat(w->handle);
    }
    co_await guard_.async_drop();
  }

  mutable std::mutex mutex_;
  bool locked_ = false;
  bool closed_ = false;
  waiter* head_ = nullptr;
  waiter* tail_ = nullptr;
  bool dropped_ = false;
  AsyncDropGuard<T> guard_;
};

template <class T>
AsyncDropMutex(AsyncDropGuard<T>) -> AsyncDropMutex<T>;

}  // namespace asyncdrop
