// Task<T>: the lazy, move-only coroutine type every cleanup in this project
// returns.
//
// Why lazy: `g.async_drop();` without co_await must do nothing at all (pattern
// rule 2), and a cleanup must not race ahead of the code that owns the
// resource.  The body starts when the task is awaited.
//
// How awaiting stays flat on the stack (100k awaits in a loop, 10k nested):
// symmetric transfer, i.e. await_suspend returns the child's handle and the
// child's final_suspend returns the awaiter's, keeps the depth constant only
// when the compiler turns those transfers into real tail calls.  Clang does so
// at every -O level; g++ only with -foptimize-sibling-calls (-O2 and up), so
// at -O0/-O1/-Og every transfer nests and a 100k-iteration loop of awaits
// overflows.  There is no preprocessor test for that flag, so the protocol is
// chosen per compiler (as cppcoro does):
//  * ASYNCDROP_SYMMETRIC_TRANSFER=1 (Clang): plain symmetric transfer;
//  * ASYNCDROP_SYMMETRIC_TRANSFER=0 (others): await_suspend resumes the child
//    itself and returns false when the child already finished, so the
//    awaiter goes on without any resume; an atomic flag tells whoever arrives
//    second (the awaiter, or the child's final_suspend) that it is in charge
//    of continuing, which also keeps completion on another thread race-free.
//    A chain of nested awaits that complete synchronously then costs a couple
//    of frames per level (about 170 bytes at g++ -O0: 10k levels need ~2 MiB).
// Every translation unit of a program must use the same protocol (do not link
// clang- and g++-compiled code that both instantiate Task unless the macro is
// set explicitly and identically for both).
#pragma once

#include <atomic>
#include <cassert>
#include <coroutine>
#include <exception>
#include <memory>
#include <type_traits>
#include <utility>
#include <variant>

#include "asyncdrop/annotations.hpp"

#ifndef ASYNCDROP_SYMMETRIC_TRANSFER
#if defined(__clang__)
#define ASYNCDROP_SYMMETRIC_TRANSFER 1
#else
#define ASYNCDROP_SYMMETRIC_TRANSFER 0
#endif
#endif

namespace asyncdrop {

template <class T = void>
class Task;

namespace detail {

// The outcome of a coroutine: nothing yet, a value, or an exception.  Shared by
// Task and sync_wait.  References are stored as pointers so that Task<T&>
// hands back the very object the coroutine returned.
template <class T>
class result_storage {
 public:
  template <class U>
  void set_value(U&& value) noexcept(std::is_nothrow_constructible_v<T, U&&>) {
    state_.template emplace<1>(std::forward<U>(value));
  }
  void set_exception(std::exception_ptr e) noexcept { state_.template emplace<2>(std::move(e)); }

  T& get() & {
    rethrow_if_failed();
    return std::get<1>(state_);
  }
  T&& get() && {
    rethrow_if_failed();
    return std::move(std::get<1>(state_));
  }

 private:
  void rethrow_if_failed() const {
    if (state_.index() == 2) std::rethrow_exception(std::get<2>(state_));
    assert(state_.index() == 1 && "asyncdrop: result read before the coroutine finished");
  }
  std::variant<std::monostate, T, std::exception_ptr> state_;
};

template <class T>
class result_storage<T&> {
 public:
  void set_value(T& value) noexcept { value_ = std::addressof(value); }
  void set_exception(std::exception_ptr e) noexcept { error_ = std::move(e); }
  T& get() const {
    if (error_) std::rethrow_exception(error_);
    assert(value_ != nullptr && "asyncdrop: result read before the coroutine finished");
    return *value_;
  }

 private:
  T* value_ = nullptr;
  std::exception_ptr error_;
};

template <>
class result_storage<void> {
 public:
  void set_exception(std::exception_ptr e) noexcept { error_ = std::move(e); }
  void get() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::exception_ptr error_;
};

class task_promise_base {
 public:
  struct final_awaiter {
    bool await_ready() const noexcept { return false; }
    template <class Promise>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> self) const noexcept {
      task_promise_base& promise = self.promise();
#if ASYNCDROP_SYMMETRIC_TRANSFER
      return promise.continuation_;
#else
      if (promise.second_to_arrive()) return promise.continuation_;
      // The awaiter is still inside start() (it resumed us): return to it, it
      // will see that we are done and carry on without suspending.
      return std::noop_coroutine();
#endif
    }
    void await_resume() const noexcept {}
  };

  std::suspend_always initial_suspend() const noexcept { return {}; }
  final_awaiter final_suspend() const noexcept { return {}; }

#if ASYNCDROP_SYMMETRIC_TRANSFER
  // Returns the coroutine to transfer to: the task itself.
  std::coroutine_handle<> start(std::coroutine_handle<> self,
                                std::coroutine_handle<> awaiting) noexcept {
    continuation_ = awaiting;
    return self;
  }
#else
  // Runs the task until it first suspends or ends.  Returns whether the
  // awaiter has to suspend (then the task resumes it when it finishes).
  bool start(std::coroutine_handle<> self, std::coroutine_handle<> awaiting) noexcept {
    continuation_ = awaiting;
    self.resume();
    return !second_to_arrive();
  }
#endif

 private:
  // Only ever replaced by start(); the no-op default keeps a task that somehow
  // ran without an awaiter from jumping into nowhere.
  std::coroutine_handle<> continuation_ = std::noop_coroutine();
#if !ASYNCDROP_SYMMETRIC_TRANSFER
  bool second_to_arrive() noexcept { return arrived_.exchange(true, std::memory_order_acq_rel); }
  std::atomic<bool> arrived_{false};
#endif
};

template <class T>
class task_promise final : public task_promise_base, public result_storage<T> {
 public:
  Task<T> get_return_object() noexcept;
  void unhandled_exception() noexcept { this->set_exception(std::current_exception()); }
  template <class U = T>
    requires std::is_convertible_v<U&&, T>
  void return_value(U&& value) noexcept(std::is_nothrow_constructible_v<T, U&&>) {
    this->set_value(std::forward<U>(value));
  }
};

template <class T>
class task_promise<T&> final : public task_promise_base, public result_storage<T&> {
 public:
  Task<T&> get_return_object() noexcept;
  void unhandled_exception() noexcept { this->set_exception(std::current_exception()); }
  void return_value(T& value) noexcept { this->set_value(value); }
};

template <>
class task_promise<void> final : public task_promise_base, public result_storage<void> {
 public:
  Task<void> get_return_object() noexcept;
  void unhandled_exception() noexcept { this->set_exception(std::current_exception()); }
  void return_void() const noexcept {}
};

}  // namespace detail

template <class T>
class [[nodiscard]] Task {
  using handle_type = std::coroutine_handle<detail::task_promise<T>>;

  struct awaiter_base {
    handle_type handle_;
    bool await_ready() const noexcept {
      assert(handle_ && "asyncdrop: co_await on a moved-from Task");
      return handle_.done();
    }
    auto await_suspend(std::coroutine_handle<> awaiting) const noexcept {
      return handle_.promise().start(handle_, awaiting);
    }
  };

 public:
  using promise_type = detail::task_promise<T>;
  using value_type = T;

  // co_await on an lvalue task yields a reference into the task's storage
  // (T& / T& / void); on an rvalue the value is moved out, so
  // `auto x = co_await f();` never refers into a dead temporary.
  struct lvalue_awaiter : awaiter_base {
    decltype(auto) await_resume() { return this->handle_.promise().get(); }
  };

  struct rvalue_awaiter : awaiter_base {
    T await_resume()
      requires(!is_consumable_v<T>)
    {
      if constexpr (std::is_void_v<T> || std::is_reference_v<T>) {
        return this->handle_.promise().get();
      } else {
        return std::move(this->handle_.promise()).get();
      }
    }
    // A guard coming out of `co_await` is a temporary to Clang's -Wconsumed,
    // which would take it for "unconsumed" and report its (moved-from)
    // destruction.  The analysis cannot follow a value through co_await
    // anyway (the variable it initialises is "unknown" to it), so say so.
    // (The body returns an "unconsumed" guard where "unknown" is declared,
    // which the analysis would flag inside this header.)
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wconsumed"
#endif
    ASYNCDROP_RETURN_TYPESTATE(unknown)
    T await_resume()
      requires is_consumable_v<T>
    {
      return std::move(this->handle_.promise()).get();
    }
#if defined(__clang__)
#pragma clang diagnostic pop
#endif
  };

  Task(Task&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      destroy();
      handle_ = std::exchange(other.handle_, nullptr);
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() { destroy(); }

  lvalue_awaiter operator co_await() & noexcept { return lvalue_awaiter{{handle_}}; }
  rvalue_awaiter operator co_await() && noexcept { return rvalue_awaiter{{handle_}}; }

  // True when this task owns a coroutine (false after a move).
  [[nodiscard]] bool valid() const noexcept { return handle_ != nullptr; }
  // True when the coroutine ran to completion (its result or exception is ready).
  [[nodiscard]] bool is_ready() const noexcept { return handle_ && handle_.done(); }

 private:
  friend class detail::task_promise<T>;

  explicit Task(handle_type h) noexcept : handle_(h) {}
  void destroy() noexcept {
    if (handle_) std::exchange(handle_, nullptr).destroy();
  }

  handle_type handle_;
};

namespace detail {
template <class T>
Task<T> task_promise<T>::get_return_object() noexcept {
  return Task<T>(std::coroutine_handle<task_promise>::from_promise(*this));
}
template <class T>
Task<T&> task_promise<T&>::get_return_object() noexcept {
  return Task<T&>(std::coroutine_handle<task_promise>::from_promise(*this));
}
inline Task<void> task_promise<void>::get_return_object() noexcept {
  return Task<void>(std::coroutine_handle<task_promise>::from_promise(*this));
}
}  // namespace detail

}  // namespace asyncdrop
