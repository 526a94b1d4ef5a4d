// Templates, lambdas and coroutine types other than Task: a template is
// analysed through its instantiations and reported once per location.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop %t

#include "Inputs/flow-common.h"

#include <coroutine>

namespace app {

// ---- function templates ----------------------------------------------------------

template <class T>
Task<void> forgets(AsyncDropGuard<T> guard) {
  if (cond())
    co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'guard' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await guard.async_drop()' on this path [asyncdrop-missing-async-drop]
  co_await guard.async_drop();
}

template <class T>
Task<void> correct(AsyncDropGuard<T> guard) {
  co_await guard.async_drop();
}

// Instantiated twice, reported once (with the first instantiation's type).
void instantiate_forgets() {
  (void)forgets(connect());
  (void)forgets(open_db());
  (void)correct(connect());
  (void)correct(open_db());
}

// Dependent local variable.
template <class T, class Make>
Task<void> local_of_dependent_type(Make make) {
  AsyncDropGuard<T> guard = make();
  guard->send(1);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'guard' of type 'AsyncDropGuard<Conn>' is destroyed
void instantiate_local() { (void)local_of_dependent_type<Conn>(&connect); }

// if constexpr: only one instantiation takes the bad branch.
template <bool Drop>
Task<void> drops_if(AsyncDropGuard<Conn> conn) {
  if constexpr (Drop)
    co_await conn.async_drop();
  else
    conn->send(2);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
void instantiate_drops_if() {
  (void)drops_if<true>(connect());
  (void)drops_if<false>(connect());
}

// Never instantiated: not analysed (no types to reason about).
template <class T>
Task<void> never_instantiated(AsyncDropGuard<T> guard) {
  guard->send(3);
  co_return;
}

// ---- class templates -----------------------------------------------------------

template <class T>
struct Worker {
  Task<void> run() {
    auto guard = connect();
    if (limit > 0)
      co_return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guard 'guard' of type 'AsyncDropGuard<Conn>' is destroyed
    co_await guard.async_drop();
  }
  T limit{};
};
template struct Worker<int>;
template struct Worker<long>;

// ---- lambdas -----------------------------------------------------------------

void lambdas() {
  // A generic lambda is analysed through its instantiations.
  auto generic = [](auto guard) -> Task<void> {
    guard->send(4);
    co_return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'guard' of type 'AsyncDropGuard<Conn>' is destroyed
  };
  (void)generic(connect());

  // An ordinary (non-coroutine) lambda.
  auto sync = [] {
    auto conn = connect();
    return conn->id();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
  };
  (void)sync();

  // The enclosing function is analysed on its own: the lambda's body does
  // not count as a drop of the outer guard, nor the other way round.
  auto outer = connect();
  auto inner = [&outer]() -> Task<void> { co_await outer.async_drop(); };
  (void)inner;
}

template <class T>
void lambda_in_template() {
  auto body = []() -> Task<void> {
    auto conn = connect();
    co_await work();
  };
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
  (void)body;
}
template void lambda_in_template<int>();
template void lambda_in_template<char>();

// ---- another coroutine type ------------------------------------------------------

struct Fire {
  struct promise_type {
    Fire get_return_object() { return {}; }
    std::suspend_never initial_suspend() { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

Fire fire_and_forget() {
  auto conn = connect();
  if (cond())
    co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed
  co_await conn.async_drop();
}

Fire fire_and_drop() {
  auto conn = connect();
  co_await conn.async_drop();
}

}  // namespace app
