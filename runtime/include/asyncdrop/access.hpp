// asyncdrop::access: the one class a type befriends so that the runtime (and
// nobody else) can construct it, drop it and destroy it, and the AsyncDrop
// concept that says a type opts into the pattern.
//
//   class Conn {
//     friend class asyncdrop::access;
//     explicit Conn(int fd);                  // private: only make_guard<Conn>
//     asyncdrop::Task<void> async_drop_impl();  // private: only the guard
//   };
//
// Everything in access is private and only AsyncDropGuard is its friend, so
// befriending access does not open a back door for making an unguarded
// instance (pattern rule 4) or for running the cleanup behind the guard's back.
#pragma once

#include <source_location>
#include <type_traits>
#include <utility>

#include "asyncdrop/task.hpp"

namespace asyncdrop {

template <class T>
class AsyncDropGuard;

namespace detail {
struct task_family;     // drop_family.hpp
struct creation_trace;  // backtrace.hpp
}  // namespace detail

// What async_drop_impl() may return, in one place.  A supported result type R
// says:
//  * coroutine<U>: the coroutine type of everything that drops such a value.
//    AsyncDropGuard<T>::async_drop() returns coroutine<void>, and so do the
//    helpers' async_drop().  One type per family because some coroutine types
//    can only await their own kind (asio::awaitable refuses foreign
//    awaitables), so a drop has to be written in the family's own type;
//  * as_awaitable(r): what the guard's drop awaits for the result of
//    async_drop_impl() (an adapter, or the result itself);
//  * family: how the helpers run several drops at once or in the background
//    (drop_family.hpp; asio.hpp brings the asio::awaitable<void> family).
template <class R>
struct async_drop_result_traits {
  static constexpr bool supported = false;
};

template <>
struct async_drop_result_traits<Task<void>> {
  static constexpr bool supported = true;
  template <class U>
  using coroutine = Task<U>;
  using family = detail::task_family;
  static Task<void> as_awaitable(Task<void>&& drop) noexcept { return std::move(drop); }
};

class access {
  template <class T>
  friend class AsyncDropGuard;

 public:
  // The requires-expression is written inside access, so its access checks
  // happen with access's rights: a private async_drop_impl() counts as long as
  // the type befriends access.
  template <class T>
  static constexpr bool is_async_droppable = requires(T& value) {
    requires async_drop_result_traits<decltype(value.async_drop_impl())>::supported;
  };

  // The type T::async_drop_impl() returns (for AsyncDrop types).  Computed
  // in a nested class rather than directly in the alias: g++ 12 checks the
  // access of a decltype in an alias template from wherever the alias is
  // used (another alias at namespace scope, say), not from inside access.
  template <class T>
  struct async_drop_result {
    using type = decltype(std::declval<T&>().async_drop_impl());
  };
  template <class T>
  using async_drop_result_t = typename async_drop_result<T>::type;

 private:
  // The heap block a guard owns: the value plus what the forgotten-drop report
  // needs beyond the creation site (which the guard keeps itself, for the
  // report of a use after drop).  A nested class of a friend has the friend's
  // access, so T's private constructors and destructor are usable here.
  // The value's constructor may take guards by value (a type that owns guards,
  // made with make_guard<Owner>(std::move(inner))).  Clang's -Wconsumed does
  // not see constructor arguments as consumed and would report the forwarded
  // guard as destroyed undropped here, inside the runtime, although the call
  // site is correct (and checked: make_guard's parameters are references).
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wconsumed"
#endif
  template <class T>
  struct box {
    template <class... Args>
    explicit box(int uncaught_, const detail::creation_trace* trace_, Args&&... args)
        : uncaught(uncaught_), trace(trace_), value(std::forward<Args>(args)...) {}
    box(const box&) = delete;
    box& operator=(const box&) = delete;

    int uncaught;                         // std::uncaught_exceptions() at the creation
    const detail::creation_trace* trace;  // ASYNCDROP_BACKTRACE=1 only, else nullptr
    T value;
  };
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

  template <class T>
  static auto async_drop_impl(T& value) {
    return async_drop_result_traits<async_drop_result_t<T>>::as_awaitable(value.async_drop_impl());
  }

  // Moves the value out (unsafe_into_inner_dont_drop), with access's rights in
  // case the move constructor is private.
  template <class T>
  static T take(T& value) {
    return T(std::move(value));
  }
};

// T opts into the pattern: it has `Task<void> async_drop_impl()` (or another
// supported result type, see async_drop_result_traits), public or private
// with `friend class asyncdrop::access;`.
template <class T>
concept AsyncDrop = std::is_object_v<T> && !std::is_const_v<T> && access::is_async_droppable<T>;

// The coroutine type in which T's value is dropped: Task<U> for the usual
// `Task<void> async_drop_impl()`, asio::awaitable<U> with asio.hpp.
template <class T, class U = void>
using drop_coroutine_t =
    typename async_drop_result_traits<access::async_drop_result_t<T>>::template coroutine<U>;

// How the helpers drive drops of T's values (drop_family.hpp).
template <class T>
using drop_family_t = typename async_drop_result_traits<access::async_drop_result_t<T>>::family;

}  // namespace asyncdrop
