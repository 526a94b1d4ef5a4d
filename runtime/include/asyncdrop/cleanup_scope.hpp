// CleanupScope: where cleanups that nobody awaits on the spot are started,
// and the one place that waits for all of them (`co_await scope.join()`).
//
// A destructor cannot co_await, so "drop it when it goes out of scope" needs
// somewhere for the cleanup to run.  Fire-and-forget designs start it on some
// executor and lose it at shutdown (the process exits, or the event loop is
// destroyed, while cleanups are half done).  A scope keeps count instead:
//
//   asyncdrop::CleanupScope scope;                  // outlives its users
//   {
//     asyncdrop::AsyncOwned<Conn> conn(scope, asyncdrop::make_guard<Conn>(fd));
//     co_await conn->send(1);                       // may throw, return early, ...
//   }                                               // Conn's cleanup starts in `scope`
//   co_await scope.join();                          // ... and is waited for here
//
// AsyncOwned<T> (async_owned.hpp) starts cleanups in a scope; start_drop()
// does it for a plain guard.  join() completes once no cleanup started in
// the scope is running; it then rethrows the first failure (in the order the
// cleanups were started) and hands the others to the cleanup-error handler,
// like drop_all.  Cleanups started after a join need another join.
//
// Destroying a scope that still has cleanups running, or in which cleanups
// were started since the last completed join, is reported through the
// forgotten-drop handler (with the line that created the scope): those
// cleanups could not be waited for.  Exceptions of cleanups that nobody
// joined go to the cleanup-error handler.
//
// Where cleanups run: Task cleanups start at once on the thread that starts
// them (inside AsyncOwned's destructor) and go on wherever they are resumed.
// asio::awaitable cleanups (asio.hpp) are spawned on the executor the scope
// was constructed with: `CleanupScope scope(io.get_executor());`.
//
// Thread safety: cleanups may start and finish on any threads; join() may be
// awaited by one coroutine at a time.
#pragma once

#include <algorithm>
#include <any>
#include <atomic>
#include <concepts>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <source_location>
#include <stdexcept>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "asyncdrop/access.hpp"
#include "asyncdrop/drop_family.hpp"
#include "asyncdrop/guard.hpp"
#include "asyncdrop/handlers.hpp"
#include "asyncdrop/type_name.hpp"

namespace asyncdrop {

namespace detail {

// The tag through which asio.hpp plugs in: CleanupScope's executor
// constructor calls erase_scope_executor(scope_hook{}, executor) and join's
// completion-token form calls async_join(scope_hook{}, state, token), both
// found by argument-dependent lookup (so the core does not depend on Asio).
struct scope_hook {};

// Someone waiting in join(): woken (on the thread of the last cleanup) when
// the count drops to zero, or abandoned when the scope is destroyed first.
class scope_waiter {
 public:
  virtual void wake() noexcept = 0;
  virtual void abandon() noexcept = 0;

 protected:
  ~scope_waiter() = default;
};

// Shared by the scope and every cleanup in flight, so a cleanup that outlives
// a (wrongly destroyed) scope still has somewhere to report to.
class scope_state {
 public:
  explicit scope_state(std::source_location where) noexcept : where_(where) {}

  // A cleanup starts: returns its sequence number.
  std::uint64_t enter() {
    std::lock_guard lock(mutex_);
    ++running_;
    unjoined_ = true;
    return next_seq_++;
  }

  // A cleanup is over (error is null if it succeeded or was abandoned).
  void leave(std::uint64_t seq, std::exception_ptr error) noexcept {
    scope_waiter* waiter = nullptr;
    {
      std::lock_guard lock(mutex_);
      if (error && !scope_gone_) {
        try {
          errors_.emplace_back(seq, error);
          error = nullptr;
        } catch (...) {  // out of memory: report below instead
        }
      }
      if (--running_ == 0) waiter = std::exchange(waiter_, nullptr);
    }
    if (error) {
      report_cleanup_error(std::move(error), "",
                           "CleanupScope: a cleanup failed after its scope was destroyed, or "
                           "its exception could not be stored");
    }
    if (waiter != nullptr) waiter->wake();
  }

  [[nodiscard]] std::size_t running() const noexcept {
    std::lock_guard lock(mutex_);
    return running_;
  }

  enum class join_state { ready, waiting, busy };

  // For join(): `ready` if nothing runs (then do not wait), `busy` if another
  // joiner is waiting already, else registers the waiter (to be woken by the
  // last leave) and returns `waiting`.
  join_state ready_or_wait(scope_waiter& waiter) noexcept {
    std::lock_guard lock(mutex_);
    if (running_ == 0) return join_state::ready;
    if (waiter_ != nullptr) return join_state::busy;
    waiter_ = &waiter;
    return join_state::waiting;
  }

  // The end of a join: the first stored failure (by start order) is
  // returned, the others are reported with `context`.
  std::exception_ptr finish_join(std::string_view type = "",
                                 std::string_view context =
                                     "CleanupScope::join: an earlier cleanup failed too; that "
                                     "exception is propagated") noexcept {
    std::vector<std::pair<std::uint64_t, std::exception_ptr>> errors;
    {
      std::lock_guard lock(mutex_);
      errors.swap(errors_);
      // Cleanups started while the joiner was being resumed are still
      // unjoined.
      unjoined_ = running_ != 0;
    }
    if (errors.empty()) return nullptr;
    std::sort(errors.begin(), errors.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 1; i < errors.size(); ++i) {
      report_cleanup_error(std::move(errors[i].second), type, context);
    }
    return std::move(errors.front().second);
  }

  // The scope object is being destroyed.
  void close(int uncaught_at_creation) noexcept {
    bool running = false;
    bool unjoined = false;
    std::vector<std::pair<std::uint64_t, std::exception_ptr>> errors;
    scope_waiter* waiter = nullptr;
    {
      std::lock_guard lock(mutex_);
      scope_gone_ = true;
      running = running_ != 0;
      unjoined = unjoined_;
      errors.swap(errors_);
      waiter = std::exchange(waiter_, nullptr);
    }
    if (waiter != nullptr) waiter->abandon();
    bool unwinding = std::uncaught_exceptions() > uncaught_at_creation;
    if (running) {
      report_forgotten_drop(ForgottenDropInfo{
          "asyncdrop::CleanupScope (destroyed while cleanups it started are still running; "
          "co_await scope.join() first)",
          where_.file_name(), where_.line(), unwinding, std::string_view{}});
    } else if (unjoined) {
      report_forgotten_drop(ForgottenDropInfo{
          "asyncdrop::CleanupScope (cleanups were started in it but co_await scope.join() "
          "never completed)",
          where_.file_name(), where_.line(), unwinding, std::string_view{}});
    }
    for (auto& [seq, error] : errors) {
      report_cleanup_error(std::move(error), "",
                           "CleanupScope: destroyed before join() could deliver this cleanup's "
                           "exception");
    }
  }

  std::any executor;  // set once, before any cleanup starts

 private:
  mutable std::mutex mutex_;
  std::size_t running_ = 0;
  std::uint64_t next_seq_ = 0;
  bool unjoined_ = false;
  bool scope_gone_ = false;
  std::vector<std::pair<std::uint64_t, std::exception_ptr>> errors_;
  scope_waiter* waiter_ = nullptr;
  std::source_location where_;
};

// The completion callback of one cleanup started in a scope: called with the
// cleanup's exception when it is over; if it is destroyed uncalled (the
// cleanup was abandoned, e.g. its event loop was destroyed), the cleanup
// counts as over without an error (its guard reports the forgotten drop).
class scope_ticket {
 public:
  scope_ticket(std::shared_ptr<scope_state> state, std::uint64_t seq) noexcept
      : state_(std::move(state)), seq_(seq) {}
  scope_ticket(scope_ticket&& other) noexcept : state_(std::move(other.state_)), seq_(other.seq_) {}
  scope_ticket& operator=(scope_ticket&&) = delete;
  ~scope_ticket() { (*this)(nullptr); }

  void operator()(std::exception_ptr error) noexcept {
    if (std::shared_ptr<scope_state> state = std::move(state_))
      state->leave(seq_, std::move(error));
  }

 private:
  std::shared_ptr<scope_state> state_;
  std::uint64_t seq_;
};

}  // namespace detail

class CleanupScope {
 public:
  // What join() returns.  `co_await` it in a Task (or any coroutine without
  // an await_transform); in an asio::awaitable, `co_await scope.join()` works
  // with Boost.Asio 1.26 (it is then an Asio asynchronous operation),
  // `co_await scope.join(asio::use_awaitable)` with any Asio version.
  class [[nodiscard]] JoinOperation {
   public:
    bool await_ready() const noexcept { return state_->running() == 0; }
    bool await_suspend(std::coroutine_handle<> awaiting) {
      waiter_.handle = awaiting;
      switch (state_->ready_or_wait(waiter_)) {
        case detail::scope_state::join_state::ready:
          return false;
        case detail::scope_state::join_state::waiting:
          return true;
        case detail::scope_state::join_state::busy:
          break;
      }
      throw std::logic_error("asyncdrop: CleanupScope::join() awaited twice at the same time");
    }
    void await_resume() const {
      if (std::exception_ptr error = state_->finish_join()) std::rethrow_exception(error);
    }

    // The Asio asynchronous operation, signature void(std::exception_ptr).
    template <class CompletionToken>
    auto operator()(CompletionToken&& token) const
        -> decltype(async_join(detail::scope_hook{},
                               std::declval<const std::shared_ptr<detail::scope_state>&>(),
                               std::forward<CompletionToken>(token))) {
      return async_join(detail::scope_hook{}, state_, std::forward<CompletionToken>(token));
    }

   private:
    friend class CleanupScope;
    struct handle_waiter final : detail::scope_waiter {
      std::coroutine_handle<> handle;
      void wake() noexcept override { handle.resume(); }
      void abandon() noexcept override {}
    };
    explicit JoinOperation(std::shared_ptr<detail::scope_state> state) noexcept
        : state_(std::move(state)) {}
    std::shared_ptr<detail::scope_state> state_;
    handle_waiter waiter_;
  };

  // A scope for Task cleanups (and for asio::awaitable ones that are only
  // ever dropped explicitly).
  explicit CleanupScope(std::source_location where = std::source_location::current())
      : state_(std::make_shared<detail::scope_state>(where)),
        uncaught_(std::uncaught_exceptions()) {}

  // A scope that spawns asio::awaitable cleanups on `executor` (needs
  // <asyncdrop/asio.hpp>).
  template <class Executor>
    requires(!std::same_as<std::remove_cvref_t<Executor>, std::source_location>) &&
            requires(const Executor& e) { erase_scope_executor(detail::scope_hook{}, e); }
  explicit CleanupScope(const Executor& executor,
                        std::source_location where = std::source_location::current())
      : CleanupScope(where) {
    state_->executor = erase_scope_executor(detail::scope_hook{}, executor);
  }

  // Not movable: AsyncOwned and the cleanups refer to it.
  CleanupScope(const CleanupScope&) = delete;
  CleanupScope& operator=(const CleanupScope&) = delete;

  ~CleanupScope() { state_->close(uncaught_); }

  // Waits until no cleanup started in the scope is running, then rethrows the
  // first failure since the last join.  Never cancelled: it waits for the
  // cleanups whatever happens to the awaiting coroutine.
  JoinOperation join() const noexcept { return JoinOperation(state_); }
  // join() as an Asio asynchronous operation (asio.hpp), e.g.
  // `co_await scope.join(asio::use_awaitable)`.
  template <class CompletionToken>
  auto join(CompletionToken&& token) const
      -> decltype(std::declval<JoinOperation>()(std::forward<CompletionToken>(token))) {
    return join()(std::forward<CompletionToken>(token));
  }

  // The number of cleanups started in the scope that are still running.
  [[nodiscard]] std::size_t running() const noexcept { return state_->running(); }

  // Starts the guard's cleanup in this scope without waiting for it (pass a
  // temporary or std::move(g)).  Task cleanups run inline until their first
  // suspension; asio::awaitable ones are spawned on the scope's executor.
  // Throws std::invalid_argument if the scope cannot run this cleanup (an
  // asio::awaitable one in a scope without an executor): nothing is started
  // then and the guard still owns its value.
  template <class T>
  void start_drop(AsyncDropGuard<T>&& guard) {
    drop_family_t<T>::check_scope(state_->executor);
    start_checked(std::move(guard));
  }

  // The executor given at construction, type-erased (empty for a scope
  // without one); for the drop families.
  [[nodiscard]] const std::any& executor() const noexcept { return state_->executor; }

 private:
  template <class T>
  friend class AsyncOwned;

  // For destructors: check_scope was done when the owner was made.
  template <class T>
  void start_checked(AsyncDropGuard<T>&& guard) noexcept {
    detail::scope_ticket ticket(state_, state_->enter());
    drop_family_t<T>::start_detached(std::move(guard), std::move(ticket), state_->executor);
  }

  std::shared_ptr<detail::scope_state> state_;
  int uncaught_;
};

}  // namespace asyncdrop
