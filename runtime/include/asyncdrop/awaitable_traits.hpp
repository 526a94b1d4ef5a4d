// What "an awaitable" means for the generic helpers (sync_wait, drop_all,
// with_async_drop): something `co_await` accepts in a coroutine whose promise
// has no await_transform.  Only the result type is needed, so the traits
// mirror the language's own lookup of operator co_await and stop there.
#pragma once

#include <concepts>
#include <coroutine>
#include <type_traits>
#include <utility>

namespace asyncdrop {

namespace detail {

template <class A>
concept has_member_co_await = requires(A&& a) { static_cast<A&&>(a).operator co_await(); };

template <class A>
concept has_free_co_await = requires(A&& a) { operator co_await(static_cast<A&&>(a)); };

template <class W>
concept awaiter = requires(W& w) {
  { w.await_ready() } -> std::convertible_to<bool>;
  w.await_resume();
};

// Same precedence as the language: a member operator co_await, then a free
// one, then the object itself.  (If both operators exist the language calls it
// ambiguous; picking the member is good enough for computing a type.)
template <class A>
decltype(auto) get_awaiter(A&& a) {
  if constexpr (has_member_co_await<A>) {
    return static_cast<A&&>(a).operator co_await();
  } else if constexpr (has_free_co_await<A>) {
    return operator co_await(static_cast<A&&>(a));
  } else {
    return static_cast<A&&>(a);
  }
}

}  // namespace detail

// An expression of type A can be co_awaited.
template <class A>
concept Awaitable = requires(A&& a) {
  { detail::get_awaiter(static_cast<A&&>(a)) } -> detail::awaiter;
};

// The type of `co_await std::declval<A>()`.
template <Awaitable A>
using await_result_t = decltype(detail::get_awaiter(std::declval<A>()).await_resume());

}  // namespace asyncdrop
