// Clang typestate (-Wconsumed) attributes and the ASYNCDROP_DROPS parameter
// annotation, spelled as macros that vanish on compilers that do not know them
// (g++ warns about every unknown attribute, which -Werror turns into an error).
//
// The typestate vocabulary used by the runtime:
//   unconsumed  the guard owns a value that still has to be dropped
//   consumed    the value was dropped or moved away: only destruction,
//               assignment, is_dropped() and a no-op async_drop() are fine
//   unknown     the analysis lost track (e.g. the guard was passed to a
//               function by non-const reference); nothing is reported then,
//               so that correct code that hands guards around stays silent.
#pragma once

#if defined(__clang__) && defined(__has_cpp_attribute)
#if __has_cpp_attribute(clang::consumable) && __has_cpp_attribute(clang::annotate)
#define ASYNCDROP_DETAIL_HAS_TYPESTATE 1
#endif
#endif

#if defined(ASYNCDROP_DETAIL_HAS_TYPESTATE)

// On a class: instances start out "unconsumed" unless a constructor says
// otherwise.  consumable_auto_cast_state: a function returning the class by
// value is not required to return it "unconsumed" (returning a guard that was
// received by reference, state "unknown", is correct code).
#define ASYNCDROP_CONSUMABLE [[clang::consumable(unconsumed), clang::consumable_auto_cast_state]]
// On a member function: -Wconsumed warns when it is called in any other state.
// Arguments are string literals: "unconsumed", "consumed", "unknown".
#define ASYNCDROP_CALLABLE_WHEN(...) [[clang::callable_when(__VA_ARGS__)]]
// On a member function: the object is in `state` after the call.
#define ASYNCDROP_SET_TYPESTATE(state) [[clang::set_typestate(state)]]
// On a function or a by-reference parameter: the state of the result / of the
// caller's argument after the call.
#define ASYNCDROP_RETURN_TYPESTATE(state) [[clang::return_typestate(state)]]

// "This guard parameter, taken by lvalue reference, is dropped by the callee on
// every path."  Two attributes in one:
//  * annotate("asyncdrop::drops") is what the project's Clang tooling reads
//    (it shows up as an AnnotateAttr on the ParmVarDecl);
//  * return_typestate(consumed) makes stock -Wconsumed treat the caller's
//    argument as consumed after the call, so `co_await close(g);` followed by
//    the end of scope is silent, and `g->x` afterwards warns.
// The callee side is only half checked by clang: in a plain function it
// verifies that the parameter really ends up consumed, in a coroutine it does
// not (the check only runs for functions returning void).  Deliberately no
// param_typestate(unconsumed): it would warn at call sites whose argument is
// in the "unknown" state, i.e. on correct code that forwards a guard it got by
// reference.
#define ASYNCDROP_DROPS [[clang::annotate("asyncdrop::drops"), clang::return_typestate(consumed)]]

#else

#define ASYNCDROP_CONSUMABLE
#define ASYNCDROP_CALLABLE_WHEN(...)
#define ASYNCDROP_SET_TYPESTATE(state)
#define ASYNCDROP_RETURN_TYPESTATE(state)
#define ASYNCDROP_DROPS

#endif

namespace asyncdrop {

// True for the classes marked ASYNCDROP_CONSUMABLE (AsyncDropGuard<T>, and
// whatever else specialises it).  Generic code needs it to put a typestate
// attribute on a function returning T only when T is tracked: on a function
// returning anything else the attribute is itself a -Wconsumed warning.
template <class T>
inline constexpr bool is_consumable_v = false;

}  // namespace asyncdrop
