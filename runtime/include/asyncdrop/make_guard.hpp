// make_guard<T>(args...): construct a T in place, already guarded.
//
// The forgotten-drop report names the line that created the guard, so the
// location must be captured in the caller: a defaulted
// `std::source_location where = std::source_location::current()` parameter
// is evaluated at the call site.  A default argument cannot follow a function
// parameter pack (the pack would swallow it and could not be deduced), so
// instead of one variadic template there is one overload per arity, 0 to
// ASYNCDROP_MAX_MAKE_GUARD_ARGS (12), stamped out by the preprocessor below.
// Need more arguments, or a location of your own (e.g. a factory forwarding
// its caller's)?  Use AsyncDropGuard<T>(std::in_place, where, args...).
#pragma once

#include <source_location>
#include <utility>

#include "asyncdrop/access.hpp"
#include "asyncdrop/guard.hpp"

#define ASYNCDROP_MAX_MAKE_GUARD_ARGS 12

// ASYNCDROP_DETAIL_REPEAT_N(m) expands to m(0) m(1) ... m(N-1).
#define ASYNCDROP_DETAIL_REPEAT_0(m)
#define ASYNCDROP_DETAIL_REPEAT_1(m) m(0)
#define ASYNCDROP_DETAIL_REPEAT_2(m) ASYNCDROP_DETAIL_REPEAT_1(m) m(1)
#define ASYNCDROP_DETAIL_REPEAT_3(m) ASYNCDROP_DETAIL_REPEAT_2(m) m(2)
#define ASYNCDROP_DETAIL_REPEAT_4(m) ASYNCDROP_DETAIL_REPEAT_3(m) m(3)
#define ASYNCDROP_DETAIL_REPEAT_5(m) ASYNCDROP_DETAIL_REPEAT_4(m) m(4)
#define ASYNCDROP_DETAIL_REPEAT_6(m) ASYNCDROP_DETAIL_REPEAT_5(m) m(5)
#define ASYNCDROP_DETAIL_REPEAT_7(m) ASYNCDROP_DETAIL_REPEAT_6(m) m(6)
#define ASYNCDROP_DETAIL_REPEAT_8(m) ASYNCDROP_DETAIL_REPEAT_7(m) m(7)
#define ASYNCDROP_DETAIL_REPEAT_9(m) ASYNCDROP_DETAIL_REPEAT_8(m) m(8)
#define ASYNCDROP_DETAIL_REPEAT_10(m) ASYNCDROP_DETAIL_REPEAT_9(m) m(9)
#define ASYNCDROP_DETAIL_REPEAT_11(m) ASYNCDROP_DETAIL_REPEAT_10(m) m(10)
#define ASYNCDROP_DETAIL_REPEAT_12(m) ASYNCDROP_DETAIL_REPEAT_11(m) m(11)

#define ASYNCDROP_DETAIL_TEMPLATE_PARAM(i) , class A##i
#define ASYNCDROP_DETAIL_FUNCTION_PARAM(i) A##i &&a##i,
#define ASYNCDROP_DETAIL_FORWARD_ARG(i) , std::forward<A##i>(a##i)

// For N = 2:
//   template <class T, class A0, class A1>
//   AsyncDropGuard<T> make_guard(A0&& a0, A1&& a1,
//                                std::source_location where = current())
//     requires AsyncDrop<T>
//   { return AsyncDropGuard<T>(std::in_place, where, forward(a0), forward(a1)); }
#define ASYNCDROP_DETAIL_MAKE_GUARD(n)                                                           \
  template <class T ASYNCDROP_DETAIL_REPEAT_##n(ASYNCDROP_DETAIL_TEMPLATE_PARAM)>                \
  AsyncDropGuard<T> make_guard(ASYNCDROP_DETAIL_REPEAT_##n(ASYNCDROP_DETAIL_FUNCTION_PARAM)      \
                                   std::source_location where = std::source_location::current()) \
    requires AsyncDrop<T>                                                                        \
  {                                                                                              \
    return AsyncDropGuard<T>(std::in_place,                                                      \
                             where ASYNCDROP_DETAIL_REPEAT_##n(ASYNCDROP_DETAIL_FORWARD_ARG));   \
  }

namespace asyncdrop {

ASYNCDROP_DETAIL_MAKE_GUARD(0)
ASYNCDROP_DETAIL_MAKE_GUARD(1)
ASYNCDROP_DETAIL_MAKE_GUARD(2)
ASYNCDROP_DETAIL_MAKE_GUARD(3)
ASYNCDROP_DETAIL_MAKE_GUARD(4)
ASYNCDROP_DETAIL_MAKE_GUARD(5)
ASYNCDROP_DETAIL_MAKE_GUARD(6)
ASYNCDROP_DETAIL_MAKE_GUARD(7)
ASYNCDROP_DETAIL_MAKE_GUARD(8)
ASYNCDROP_DETAIL_MAKE_GUARD(9)
ASYNCDROP_DETAIL_MAKE_GUARD(10)
ASYNCDROP_DETAIL_MAKE_GUARD(11)
ASYNCDROP_DETAIL_MAKE_GUARD(12)

}  // namespace asyncdrop

#undef ASYNCDROP_DETAIL_MAKE_GUARD
#undef ASYNCDROP_DETAIL_FORWARD_ARG
#undef ASYNCDROP_DETAIL_FUNCTION_PARAM
#undef ASYNCDROP_DETAIL_TEMPLATE_PARAM
#undef ASYNCDROP_DETAIL_REPEAT_12
#undef ASYNCDROP_DETAIL_REPEAT_11
#undef ASYNCDROP_DETAIL_REPEAT_10
#undef ASYNCDROP_DETAIL_REPEAT_9
#undef ASYNCDROP_DETAIL_REPEAT_8
#undef ASYNCDROP_DETAIL_REPEAT_7
#undef ASYNCDROP_DETAIL_REPEAT_6
#undef ASYNCDROP_DETAIL_REPEAT_5
#undef ASYNCDROP_DETAIL_REPEAT_4
#undef ASYNCDROP_DETAIL_REPEAT_3
#undef ASYNCDROP_DETAIL_REPEAT_2
#undef ASYNCDROP_DETAIL_REPEAT_1
#undef ASYNCDROP_DETAIL_REPEAT_0
