// AsyncDropShared<T>: one in-flight creation of a guarded value, shared by
// everyone who wants the value.
//
//   asyncdrop::AsyncDropShared<Conn> conn(connect(host));   // Task<AsyncDropGuard<Conn>>
//   auto other = conn.clone();
//   auto a = co_await conn.get();    // the first awaiter starts connect() and drives it
//   auto b = co_await other.get();   // later ones wait for it (or get it at once)
//   ...                              // a, b: AsyncDropArc<Conn> to the same Conn
//   co_await asyncdrop::drop_all(a, b, conn, other);
//
// Every awaiter gets its own AsyncDropArc<T> (to be dropped like any clone),
// or the creation's exception, rethrown to each of them.  The handles
// (AsyncDropShared objects, made by the constructor and clone()) are owners
// too: each has to be dropped.  When the last handle is dropped:
//  * the creation finished: the handles' share of the value is given up, so
//    the value is cleaned up once the awaiters' AsyncDropArcs are dropped too
//    (at once if they were);
//  * the creation is still running (its first awaiter went away): the drop
//    waits for it to finish, then does the same, so a value that is produced
//    after everybody lost interest is still cleaned up;
//  * nobody ever awaited: the task never started (tasks are lazy), nothing was
//    produced, and it is destroyed unrun.
//
// Thread safety: handles may be awaited, cloned and dropped from different
// threads; the creation runs on the thread of the first awaiter (and then
// wherever it is resumed), waiters are resumed on the thread that finished it.
// Task cleanups only (the waiters are plain coroutine handles).
#pragma once

#include <concepts>
#include <coroutine>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <source_location>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "asyncdrop/access.hpp"
#include "asyncdrop/arc.hpp"
#include "asyncdrop/drop_family.hpp"
#include "asyncdrop/guard.hpp"
#include "asyncdrop/handlers.hpp"
#include "asyncdrop/task.hpp"
#include "asyncdrop/type_name.hpp"

namespace asyncdrop {

template <class T>
class AsyncDropShared {
  static_assert(std::same_as<drop_family_t<T>, detail::task_family>,
                "AsyncDropShared<T> needs a T whose async_drop_impl() returns Task<void>");

  enum class status { idle, running, done };

  struct state {
    state(Task<AsyncDropGuard<T>>&& t, std::source_location w) noexcept
        : task(std::move(t)), where(w) {}

    std::mutex mutex;
    status stage = status::idle;
    std::size_t handles = 1;
    std::vector<std::coroutine_handle<>> waiters;
    Task<AsyncDropGuard<T>> task;
    // The handles' own share of the value, or the creation's exception.
    std::variant<std::monostate, AsyncDropArc<T>, std::exception_ptr> result;
    std::source_location where;
  };

  // Waits for the creation (starting it if nobody did); await_resume is the
  // caller's business.
  class wait_base {
   public:
    bool await_ready() const {
      std::lock_guard lock(state_->mutex);
      return state_->stage == status::done;
    }
    bool await_suspend(std::coroutine_handle<> awaiting) {
      bool start = false;
      {
        std::lock_guard lock(state_->mutex);
        if (state_->stage == status::done) return false;
        state_->waiters.push_back(awaiting);
        if (state_->stage == status::idle) {
          state_->stage = status::running;
          start = true;
        }
      }
      // If the creation finishes synchronously, drive() resumes the waiters,
      // this one included, before it returns: nothing here may be touched
      // after the call.
      if (start) drive(state_);
      return true;
    }

   protected:
    explicit wait_base(std::shared_ptr<state> s) noexcept : state_(std::move(s)) {}
    std::shared_ptr<state> state_;
  };

 public:
  // `co_await` it for an AsyncDropArc<T> (see get()).
  class [[nodiscard]] GetOperation : public wait_base {
   public:
    AsyncDropArc<T> await_resume() const {
      std::lock_guard lock(this->state_->mutex);
      if (auto* error = std::get_if<std::exception_ptr>(&this->state_->result)) {
        std::rethrow_exception(*error);
      }
      return std::get<AsyncDropArc<T>>(this->state_->result).clone(where_);
    }

   private:
    friend class AsyncDropShared;
    GetOperation(std::shared_ptr<state> s, std::source_location where) noexcept
        : wait_base(std::move(s)), where_(where) {}
    std::source_location where_;
  };

  // Shares `create`, which has not been started: it starts when first
  // awaited.
  explicit AsyncDropShared(Task<AsyncDropGuard<T>> create,
                           std::source_location where = std::source_location::current())
      : state_(std::make_shared<state>(std::move(create), where)),
        where_(where),
        uncaught_(std::uncaught_exceptions()) {}

  AsyncDropShared(AsyncDropShared&& other) noexcept
      : state_(std::move(other.state_)),
        dropped_(std::exchange(other.dropped_, false)),
        where_(other.where_),
        uncaught_(other.uncaught_) {}
  AsyncDropShared& operator=(AsyncDropShared&& other) noexcept {
    if (this != &other) {
      forget_handle();
      state_ = std::move(other.state_);
      dropped_ = std::exchange(other.dropped_, false);
      where_ = other.where_;
      uncaught_ = other.uncaught_;
    }
    return *this;
  }
  AsyncDropShared(const AsyncDropShared&) = delete;
  AsyncDropShared& operator=(const AsyncDropShared&) = delete;

  // An undropped handle is a forgotten drop (reported with the line that
  // made it).
  ~AsyncDropShared() { forget_handle(); }

  // Another handle to the same creation; it has to be dropped too.
  [[nodiscard]] AsyncDropShared clone(
      std::source_location where = std::source_location::current()) const {
    checked_state();
    {
      std::lock_guard lock(state_->mutex);
      ++state_->handles;
    }
    return AsyncDropShared(state_, where);
  }

  // `co_await shared.get()`: the value, as a new AsyncDropArc<T> whose
  // forgotten drop would be reported at this line; the first awaiter starts
  // the creation.  Rethrows the creation's exception.  Precondition: this
  // handle is not dropped (else reported like an access to a dropped guard).
  GetOperation get(std::source_location where = std::source_location::current()) const noexcept {
    return GetOperation(checked_state(), where);
  }
  // `co_await shared` is get() (the Arc's creation site is then the handle's).
  GetOperation operator co_await() const noexcept { return get(where_); }

  // True once the creation has finished (with a value or an exception).
  [[nodiscard]] bool is_ready() const {
    if (!state_) return false;
    std::lock_guard lock(state_->mutex);
    return state_->stage == status::done;
  }

  [[nodiscard]] bool is_dropped() const noexcept { return dropped_; }

  // Gives up this handle; the last one finishes what is left (see the top of
  // this header).  Lazy; a second call is a no-op.
  [[nodiscard]] auto async_drop() { return drop_coroutine(); }

 private:
  AsyncDropShared(std::shared_ptr<state> s, std::source_location where) noexcept
      : state_(std::move(s)), where_(where), uncaught_(std::uncaught_exceptions()) {}

  const std::shared_ptr<state>& checked_state() const noexcept {
    if (!state_) [[unlikely]] {
      detail::report_use_after_drop(type_name<AsyncDropShared<T>>(), where_, !dropped_, nullptr);
    }
    return state_;
  }

  // Just waits for the creation to finish.
  class wait_operation : public wait_base {
   public:
    explicit wait_operation(std::shared_ptr<state> s) noexcept : wait_base(std::move(s)) {}
    void await_resume() const noexcept {}
  };

  // Runs the creation to its end, stores the outcome and resumes every waiter.
  // Holds the state alive until then, whatever happens to the handles.
  static detail::detached_coroutine drive(std::shared_ptr<state> s) {
    std::variant<std::monostate, AsyncDropArc<T>, std::exception_ptr> outcome;
    try {
      AsyncDropGuard<T> guard = co_await std::move(s->task);
      outcome.template emplace<1>(std::move(guard), s->where);
    } catch (...) {
      outcome.template emplace<2>(std::current_exception());
    }
    std::vector<std::coroutine_handle<>> waiters;
    {
      std::lock_guard lock(s->mutex);
      s->result = std::move(outcome);
      s->stage = status::done;
      waiters.swap(s->waiters);
    }
    for (std::coroutine_handle<> waiter : waiters) waiter.resume();
  }

  // Returns whether this was the last handle.
  static bool leave(state& s) noexcept {
    std::lock_guard lock(s.mutex);
    return --s.handles == 0;
  }

  template <class U = T>
  Task<void> drop_coroutine() {
    std::shared_ptr<state> s = std::move(state_);
    if (!s) co_return;
    dropped_ = true;
    if (!leave(*s)) co_return;
    status stage;
    {
      std::lock_guard lock(s->mutex);
      stage = s->stage;
    }
    if (stage == status::idle) co_return;  // never started: nothing was produced
    if (stage == status::running) co_await wait_operation(s);
    if (auto* share = std::get_if<AsyncDropArc<T>>(&s->result)) co_await share->async_drop();
  }

  void forget_handle() noexcept {
    std::shared_ptr<state> s = std::move(state_);
    if (!s) return;
    detail::report_forgotten_drop(
        ForgottenDropInfo{type_name<AsyncDropShared<T>>(), where_.file_name(), where_.line(),
                          std::uncaught_exceptions() > uncaught_, std::string_view{}});
    // The handle is given up all the same.  If it was the last one, the
    // handles' share of the value (if any) goes undropped with the state
    // and is reported by its AsyncDropArc.
    leave(*s);
  }

  std::shared_ptr<state> state_;
  bool dropped_ = false;
  std::source_location where_;
  int uncaught_ = 0;
};

}  // namespace asyncdrop
