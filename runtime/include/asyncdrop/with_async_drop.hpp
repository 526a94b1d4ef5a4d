// with_async_drop(guard, body): use a guarded value in a block and drop it on
// every way out of the block, the asynchronous counterpart of a scope guard:
//
//   co_await asyncdrop::with_async_drop(
//       asyncdrop::make_guard<Conn>(fd),
//       [](Conn& conn) -> asyncdrop::Task<void> { co_await conn.send("hi"); });
//
// The body's exception wins over a cleanup exception (as a destructor could
// not have thrown over it either); the cleanup's exception is then handed to
// the cleanup-error handler instead of vanishing.
#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

#include "asyncdrop/awaitable_traits.hpp"
#include "asyncdrop/guard.hpp"
#include "asyncdrop/handlers.hpp"
#include "asyncdrop/task.hpp"
#include "asyncdrop/type_name.hpp"

namespace asyncdrop {

namespace detail {

// Holds the body's result across the cleanup's co_await.
template <class R>
class pending_result {
 public:
  template <class U>
  void set(U&& value) {
    value_.emplace(std::forward<U>(value));
  }
  R take() { return std::move(*value_); }

 private:
  std::optional<R> value_;
};

template <class R>
class pending_result<R&> {
 public:
  void set(R& value) noexcept { value_ = std::addressof(value); }
  R& take() const noexcept { return *value_; }

 private:
  R* value_ = nullptr;
};

template <>
class pending_result<void> {
 public:
  void take() const noexcept {}
};

// Lvalue references pass through, everything else becomes a value.
template <class T, class F>
using with_async_drop_result_t =
    std::conditional_t<std::is_lvalue_reference_v<await_result_t<std::invoke_result_t<F&, T&>>>,
                       await_result_t<std::invoke_result_t<F&, T&>>,
                       std::remove_cvref_t<await_result_t<std::invoke_result_t<F&, T&>>>>;

}  // namespace detail

// Awaits body(*guard), then guard.async_drop(), whether the body returned or
// threw.  Yields the body's result; rethrows the body's exception, otherwise
// the cleanup's.  The guard is taken by value: pass a temporary or std::move.
//
// With a body returning Task<U&>, the result is a U& (no copy), otherwise the
// result is a value (rvalue references are moved into it).
template <class T, class F>
  requires std::invocable<F&, T&> && Awaitable<std::invoke_result_t<F&, T&>>
Task<detail::with_async_drop_result_t<T, F>> with_async_drop(AsyncDropGuard<T> guard, F body) {
  using result_type = detail::with_async_drop_result_t<T, F>;
  detail::pending_result<result_type> result;
  // co_await is not allowed inside a handler, so the body's exception is
  // parked here and the cleanup awaited after the try block.
  std::exception_ptr body_error;
  try {
    // `body` lives in this frame until the cleanup is done, so a coroutine
    // lambda's captures stay valid for as long as its task runs.
    if constexpr (std::is_void_v<result_type>) {
      co_await std::invoke(body, *guard);
    } else {
      result.set(co_await std::invoke(body, *guard));
    }
  } catch (...) {
    body_error = std::current_exception();
  }
  if (body_error) {
    std::exception_ptr cleanup_error;
    try {
      co_await guard.async_drop();
    } catch (...) {
      cleanup_error = std::current_exception();
    }
    if (cleanup_error) {
      detail::report_cleanup_error(std::move(cleanup_error), type_name<T>(),
                                   "with_async_drop: the cleanup threw after the body threw; "
                                   "the body's exception is propagated");
    }
    std::rethrow_exception(body_error);
  }
  co_await guard.async_drop();
  co_return result.take();
}

}  // namespace asyncdrop
