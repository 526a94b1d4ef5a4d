// AsyncDropResult<T, E>: a guarded value or an error, like
// std::expected<AsyncDropGuard<T>, E> (C++23, and not in libstdc++ 12), but an
// owner in the sense of the pattern: it has to be dropped, and dropping it
// drops the value if there is one and does nothing for an error.
//
//   asyncdrop::Task<asyncdrop::AsyncDropResult<Conn, std::string>> connect(int fd) {
//     if (fd < 0) co_return asyncdrop::Unexpected(std::string("bad fd"));
//     co_return asyncdrop::AsyncDropResult<Conn, std::string>(asyncdrop::make_guard<Conn>(fd));
//   }
//   auto conn = co_await connect(fd);
//   if (conn) co_await conn->send(1); else log(conn.error());
//   co_await conn.async_drop();
#pragma once

#include <cassert>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

#include "asyncdrop/access.hpp"
#include "asyncdrop/guard.hpp"

namespace asyncdrop {

// The error alternative, as with std::unexpected: `co_return Unexpected(e);`
// converts to any AsyncDropResult<T, E> whose E can be made from it.
template <class E>
class Unexpected {
 public:
  template <class G = E>
    requires std::is_constructible_v<E, G&&>
  explicit Unexpected(G&& error) : error_(std::forward<G>(error)) {}

  E& error() & noexcept { return error_; }
  const E& error() const& noexcept { return error_; }
  E&& error() && noexcept { return std::move(error_); }

 private:
  E error_;
};

template <class E>
Unexpected(E) -> Unexpected<E>;

// Thrown by value() / into_value() on a result that holds an error.
class BadResultAccess : public std::logic_error {
 public:
  BadResultAccess() : std::logic_error("asyncdrop: AsyncDropResult holds an error, not a value") {}
};

template <class T, class E>
class AsyncDropResult {
 public:
  using value_type = T;
  using error_type = E;

  // A value: takes over the guard (make_guard<T>(...) or std::move(g)).  Not
  // explicit, but a guard needs two user conversions to get here, so write
  // AsyncDropResult<T, E>(guard) where a conversion is implied (co_return).
  AsyncDropResult(GuardHandoff<T> value)
      : state_(std::in_place_index<0>, std::move(value).take()) {}
  // An error.
  template <class G>
    requires std::is_constructible_v<E, G&&>
  AsyncDropResult(Unexpected<G> error) : state_(std::in_place_index<1>, std::move(error).error()) {}

  AsyncDropResult(AsyncDropResult&&) noexcept(std::is_nothrow_move_constructible_v<E>) = default;
  // Assigning over a result that still holds an undropped value reports it.
  AsyncDropResult& operator=(AsyncDropResult&&) noexcept(
      std::is_nothrow_move_assignable_v<E> && std::is_nothrow_move_constructible_v<E>) = default;
  AsyncDropResult(const AsyncDropResult&) = delete;
  AsyncDropResult& operator=(const AsyncDropResult&) = delete;
  // An undropped value is reported by its guard.
  ~AsyncDropResult() = default;

  [[nodiscard]] bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  // The guard.  Throws BadResultAccess for an error.
  AsyncDropGuard<T>& value() & {
    if (!has_value()) throw BadResultAccess();
    return std::get<0>(state_);
  }
  const AsyncDropGuard<T>& value() const& {
    if (!has_value()) throw BadResultAccess();
    return std::get<0>(state_);
  }
  // Hands the guard to the caller (who now has to drop it); the result is
  // left with nothing to drop.  Throws BadResultAccess for an error.
  [[nodiscard]] AsyncDropGuard<T> into_value() && {
    if (!has_value()) throw BadResultAccess();
    return std::move(std::get<0>(state_));
  }

  // The value.  Precondition: has_value() and not dropped.
  T& operator*() noexcept { return *guard(); }
  const T& operator*() const noexcept { return *guard(); }
  T* operator->() noexcept { return guard().get(); }
  const T* operator->() const noexcept { return guard().get(); }

  // The error.  Precondition: !has_value().
  E& error() & noexcept { return *std::get_if<1>(&state_); }
  const E& error() const& noexcept { return *std::get_if<1>(&state_); }
  E&& error() && noexcept { return std::move(*std::get_if<1>(&state_)); }

  // Drops the value if there is one; nothing to do for an error.  The result
  // keeps its error (or its dropped guard) afterwards.
  [[nodiscard]] auto async_drop() { return drop_coroutine(); }

 private:
  AsyncDropGuard<T>& guard() noexcept {
    assert(has_value() && "asyncdrop: AsyncDropResult holds an error, not a value");
    return *std::get_if<0>(&state_);
  }
  const AsyncDropGuard<T>& guard() const noexcept {
    assert(has_value() && "asyncdrop: AsyncDropResult holds an error, not a value");
    return *std::get_if<0>(&state_);
  }

  template <class U = T>
  drop_coroutine_t<U> drop_coroutine() {
    if (AsyncDropGuard<T>* value = std::get_if<0>(&state_)) co_await value->async_drop();
  }

  std::variant<AsyncDropGuard<T>, E> state_;
};

}  // namespace asyncdrop
