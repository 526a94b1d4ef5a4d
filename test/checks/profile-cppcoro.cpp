// Profiles: 'cppcoro': cppcoro::async_scope is joined with `co_await
// scope.join()` before it is destroyed, whether or not work was spawned
// into it (its destructor asserts so). It cannot be moved, so passing it by
// reference or capturing it by reference keeps it the caller's.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop,asyncdrop-unawaited-async-drop,asyncdrop-use-after-async-drop %t \
// RUN:   -- -config="{CheckOptions: {Profiles: 'cppcoro'}}" -- -isystem %S/Inputs/profiles
// Without the profile, nothing about the scope is anyone's business:
// RUN: %check_asyncdrop_tidy --check-suffix=NONE %s asyncdrop-missing-async-drop,asyncdrop-unawaited-async-drop,asyncdrop-use-after-async-drop %t-none \
// RUN:   -- -- -isystem %S/Inputs/profiles
// CHECK-MESSAGES-NONE-NOT: warning:
// A class that joins its member scope in its own close() (or destructor)
// needs no async_drop_impl(); one that never does is told so:
// RUN: %check_asyncdrop_tidy --check-suffix=MEMBER %s asyncdrop-missing-member-delegation %t-member \
// RUN:   -- -config="{CheckOptions: {Profiles: 'cppcoro'}}" -- -isystem %S/Inputs/profiles

#include <cppcoro/async_scope.hpp>

cppcoro::task<> work(int);
bool failed();
void may_throw();

// --- correct code: no finding ----------------------------------------------

cppcoro::task<> joined() {
  cppcoro::async_scope scope;
  scope.spawn(work(1));
  scope.spawn(work(2));
  co_await scope.join();
}

cppcoro::task<> joined_on_every_path() {
  cppcoro::async_scope scope;
  scope.spawn(work(1));
  if (failed()) {
    co_await scope.join();
    co_return;
  }
  co_await scope.join();
}

// Spawning through a reference, in a helper or a lambda, leaves the scope
// the caller's: it is still joined here.
void start_all(cppcoro::async_scope &scope) {
  scope.spawn(work(1));
  scope.spawn(work(2));
}
cppcoro::task<> spawns_through_references() {
  cppcoro::async_scope scope;
  start_all(scope);
  auto spawn_one = [&scope](int i) { scope.spawn(work(i)); };
  spawn_one(3);
  co_await scope.join();
}

// Outside a coroutine the join is waited for.
void joined_synchronously() {
  cppcoro::async_scope scope;
  scope.spawn(work(1));
  cppcoro::sync_wait(scope.join());
}

// A class that owns its scope and joins it in its own close().
class Server {
public:
  void accept() { scope_.spawn(work(0)); }
  cppcoro::task<> close() { co_await scope_.join(); }

private:
  cppcoro::async_scope scope_;
};

// Joined in the destructor, synchronously.
class Pool {
public:
  ~Pool() { cppcoro::sync_wait(scope_.join()); }

private:
  cppcoro::async_scope scope_;
};

// Never joined by its owner.
class Leaky {
  // CHECK-MESSAGES-MEMBER: :[[@LINE-1]]:7: warning: 'Leaky' holds 'scope_', which must be dropped asynchronously, but has no 'async_drop_impl()'; make 'Leaky' an AsyncDrop type whose 'async_drop_impl()' drops it [asyncdrop-missing-member-delegation]
public:
  void accept() { scope_.spawn(work(0)); }

private:
  cppcoro::async_scope scope_;
};

// The name as users write it, through an alias.
using worker_scope = cppcoro::async_scope;
cppcoro::task<> through_an_alias() {
  worker_scope scope;
  scope.spawn(work(1));
  co_await scope.join();
}

// --- misuse: found ---------------------------------------------------------

cppcoro::task<> early_return() {
  cppcoro::async_scope scope;
  scope.spawn(work(1));
  if (failed())
    co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'async_scope' is destroyed without 'co_await scope.join()' on this path [asyncdrop-missing-async-drop]
  co_await scope.join();
}

cppcoro::task<> early_return_after_spawn_through_reference() {
  cppcoro::async_scope scope;
  start_all(scope);
  if (failed())
    co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'async_scope' is destroyed without 'co_await scope.join()' on this path [asyncdrop-missing-async-drop]
  co_await scope.join();
}

cppcoro::task<> throws() {
  cppcoro::async_scope scope;
  scope.spawn(work(1));
  if (failed())
    throw 42;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'async_scope' is destroyed without 'co_await scope.join()' on this exception path [asyncdrop-missing-async-drop]
  co_await scope.join();
}

cppcoro::task<> returns_from_catch() {
  cppcoro::async_scope scope;
  try {
    scope.spawn(work(1));
    may_throw();
  } catch (...) {
    co_return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'async_scope' is destroyed without 'co_await scope.join()' on this exception path [asyncdrop-missing-async-drop]
  }
  co_await scope.join();
}

// The scope asserts in its destructor even when nothing was spawned.
cppcoro::task<> never_joined() {
  cppcoro::async_scope scope;
  co_await work(1);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: scope 'scope' of type 'async_scope' is destroyed without 'co_await scope.join()' on this path [asyncdrop-missing-async-drop]

cppcoro::task<> join_not_awaited() {
  cppcoro::async_scope scope;
  scope.spawn(work(1));
  co_await work(2);
  scope.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the awaitable returned by 'scope.join()' is discarded without 'co_await': nothing is joined [asyncdrop-unawaited-async-drop]
  // CHECK-FIXES: {{^}}  co_await scope.join();{{$}}
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: scope 'scope' of type 'async_scope' is destroyed without 'co_await scope.join()' on this path [asyncdrop-missing-async-drop]

cppcoro::task<> spawn_after_join() {
  cppcoro::async_scope scope;
  scope.spawn(work(1));
  co_await scope.join();
  scope.spawn(work(2));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: scope 'scope' is used after it was joined [asyncdrop-use-after-async-drop]
}

void not_waited_for() {
  cppcoro::async_scope scope;
  scope.spawn(work(1));
  if (failed())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'async_scope' is destroyed without 'cppcoro::sync_wait(scope.join())' on this path [asyncdrop-missing-async-drop]
  cppcoro::sync_wait(scope.join());
}
