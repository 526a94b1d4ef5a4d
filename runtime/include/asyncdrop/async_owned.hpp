// AsyncOwned<T>: a guard that cleans up after itself, safely.
//
//   asyncdrop::CleanupScope scope;
//   asyncdrop::AsyncOwned<Conn> conn(scope, asyncdrop::make_guard<Conn>(fd));
//   co_await conn->send(1);      // early return, exception, cancellation: fine
//   ...
//   co_await scope.join();       // somewhere that outlives `conn`
//
// It behaves like AsyncDropGuard<T> (deref, async_drop(), is_dropped()), with
// one difference: destroyed while it still owns its value, it does not report
// a forgotten drop but starts the value's cleanup in its CleanupScope, where
// `co_await scope.join()` waits for it (cleanup_scope.hpp).  This is the
// answer for code whose exits cannot all be given a `co_await` (destructors
// of other objects, exceptions, Asio cancellation, coroutine frames that are
// destroyed), without a fire-and-forget cleanup that nobody waits for.
//
// The cleanup then runs after the owner is gone, so it must not depend on
// anything the owner's scope destroyed.  An explicit `co_await
// owned.async_drop()` still runs it on the spot, as with a guard.
#pragma once

#include <source_location>
#include <utility>

#include "asyncdrop/access.hpp"
#include "asyncdrop/cleanup_scope.hpp"
#include "asyncdrop/drop_family.hpp"
#include "asyncdrop/guard.hpp"

namespace asyncdrop {

template <class T>
class AsyncOwned {
 public:
  using element_type = T;

  // Takes over the guard (make_guard<T>(...) or std::move(g)).  The scope
  // must outlive this object.  Throws std::invalid_argument if the scope
  // cannot run T's cleanup (an asio::awaitable cleanup in a scope made
  // without an executor); the value is then reported as a forgotten drop.
  AsyncOwned(CleanupScope& scope, GuardHandoff<T> guard)
      : scope_(checked(scope)), guard_(std::move(guard).take()) {}

  // The moved-from object owns nothing (its destructor does nothing).
  AsyncOwned(AsyncOwned&& other) noexcept : scope_(other.scope_), guard_(std::move(other.guard_)) {}
  // Starts the cleanup of the value this object owned, in its scope.
  AsyncOwned& operator=(AsyncOwned&& other) noexcept {
    if (this != &other) {
      start_cleanup();
      scope_ = other.scope_;
      guard_ = std::move(other.guard_);
    }
    return *this;
  }
  AsyncOwned(const AsyncOwned&) = delete;
  AsyncOwned& operator=(const AsyncOwned&) = delete;

  ~AsyncOwned() { start_cleanup(); }

  // Access to the value.  Preconditions: not dropped, released or moved from
  // (else reported and aborted, as for AsyncDropGuard).
  T& operator*() noexcept { return *guard_; }
  const T& operator*() const noexcept { return *guard_; }
  T* operator->() noexcept { return guard_.get(); }
  const T* operator->() const noexcept { return guard_.get(); }
  T* get() noexcept { return guard_.get(); }
  const T* get() const noexcept { return guard_.get(); }

  [[nodiscard]] bool is_dropped() const noexcept { return guard_.is_dropped(); }

  // Drops the value now, like AsyncDropGuard::async_drop() (not in the
  // scope): the awaiter gets its exception.
  [[nodiscard]] auto async_drop() { return guard_.async_drop(); }

  // Hands the guard back (ownership moves on, e.g. into another owner); this
  // object then owns nothing.
  [[nodiscard]] AsyncDropGuard<T> release() && { return std::move(guard_); }

  [[nodiscard]] CleanupScope& scope() const noexcept { return *scope_; }

 private:
  static CleanupScope* checked(CleanupScope& scope) {
    drop_family_t<T>::check_scope(scope.executor());
    return &scope;
  }

  void start_cleanup() noexcept {
    if (guard_.holds_value()) scope_->start_checked(std::move(guard_));
  }

  CleanupScope* scope_;
  AsyncDropGuard<T> guard_;
};

template <class T>
AsyncOwned(CleanupScope&, AsyncDropGuard<T>) -> AsyncOwned<T>;

}  // namespace asyncdrop
