// flatten_async_drop(a, b): two AsyncDropResults in, one out.
//
//   auto both = co_await asyncdrop::flatten_async_drop(co_await open_control(),
//                                                      co_await open_data());
//   if (!both) co_return report(both.error());   // the other side was dropped already
//   co_await (*both).first()->send(1);
//   co_await both.async_drop();                   // drops both values, concurrently
//
// When both hold values, the result holds an AsyncDropPair<T1, T2> (one
// guard for each).  When either holds an error, the value of the other side
// (if any) is dropped first, so that nothing leaks on the error path, and the
// result holds a FlattenError with the error(s): both are kept when both
// sides failed.  If that drop throws, its exception propagates instead (as
// any cleanup exception reaches its awaiter) and the error is dropped with
// the arguments.
#pragma once

#include <optional>
#include <source_location>
#include <type_traits>
#include <utility>

#include "asyncdrop/access.hpp"
#include "asyncdrop/drop_all.hpp"
#include "asyncdrop/guard.hpp"
#include "asyncdrop/make_guard.hpp"
#include "asyncdrop/result.hpp"

namespace asyncdrop {

// Two guarded values owned as one: what flatten_async_drop hands back.  An
// AsyncDrop type itself: its cleanup drops both values concurrently
// (drop_all).  first() / second() give the guards, so either value can also
// be taken out with std::move (the pair's drop then skips it).
template <class T1, class T2>
class AsyncDropPair {
 public:
  AsyncDropGuard<T1>& first() noexcept { return first_; }
  const AsyncDropGuard<T1>& first() const noexcept { return first_; }
  AsyncDropGuard<T2>& second() noexcept { return second_; }
  const AsyncDropGuard<T2>& second() const noexcept { return second_; }

 private:
  friend class asyncdrop::access;

  AsyncDropPair(GuardHandoff<T1> first, GuardHandoff<T2> second)
      : first_(std::move(first).take()), second_(std::move(second).take()) {}
  AsyncDropPair(const AsyncDropPair&) = delete;
  AsyncDropPair& operator=(const AsyncDropPair&) = delete;

  // drop_all is found by argument-dependent lookup where it is used, which
  // brings in asio.hpp's overload for asio::awaitable cleanups.
  drop_coroutine_t<T1> async_drop_impl() { co_await drop_all(first_, second_); }

  AsyncDropGuard<T1> first_;
  AsyncDropGuard<T2> second_;
};

// The error side of a flattened result: the error of whichever argument
// failed, or both.
template <class E1, class E2>
struct FlattenError {
  std::optional<E1> first;
  std::optional<E2> second;
};

namespace detail {

template <class T1, class E1, class T2, class E2>
using flattened_t = AsyncDropResult<AsyncDropPair<T1, T2>, FlattenError<E1, E2>>;

}  // namespace detail

// Both arguments are taken by value (pass temporaries or std::move), so the
// returned result is their only owner.  Both values' cleanups must be of the
// same family (both Task, or both asio::awaitable).
template <class T1, class E1, class T2, class E2>
  requires std::same_as<drop_family_t<T1>, drop_family_t<T2>>
drop_coroutine_t<T1, detail::flattened_t<T1, E1, T2, E2>> flatten_async_drop(
    AsyncDropResult<T1, E1> a, AsyncDropResult<T2, E2> b,
    std::source_location where = std::source_location::current()) {
  using result_type = detail::flattened_t<T1, E1, T2, E2>;
  if (a.has_value() && b.has_value()) {
    // Through GuardHandoffs and a named pair: Clang's -Wconsumed ignores the
    // arguments of constructors, so guard temporaries handed to one (or a
    // guard prvalue in the co_return) would look undropped to it.
    GuardHandoff<T1> first = std::move(a).into_value();
    GuardHandoff<T2> second = std::move(b).into_value();
    AsyncDropGuard<AsyncDropPair<T1, T2>> pair(std::in_place, where, std::move(first),
                                               std::move(second));
    co_return result_type(std::move(pair));
  }
  FlattenError<E1, E2> error;
  if (a.has_value()) {
    co_await a.async_drop();
  } else {
    error.first.emplace(std::move(a).error());
  }
  if (b.has_value()) {
    co_await b.async_drop();
  } else {
    error.second.emplace(std::move(b).error());
  }
  co_return result_type(Unexpected(std::move(error)));
}

}  // namespace asyncdrop
