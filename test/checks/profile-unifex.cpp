// Profiles: 'unifex': unifex::async_scope (v1, a using-declaration) owes
// `cleanup()` or `complete()`, used or not; unifex::v2::async_scope owes
// `join()` (also spelt `join(scope)`), and work enters it through the
// nest/spawn_detached function objects, which take it by reference.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop,asyncdrop-unawaited-async-drop,asyncdrop-use-after-async-drop %t \
// RUN:   -- -config="{CheckOptions: {Profiles: 'unifex'}}" -- -isystem %S/Inputs/profiles
// A class that closes its member itself needs no async_drop_impl():
// RUN: %check_asyncdrop_tidy --check-suffix=MEMBER %s asyncdrop-missing-member-delegation %t-member \
// RUN:   -- -config="{CheckOptions: {Profiles: 'unifex'}}" -- -isystem %S/Inputs/profiles

#include <unifex/async_scope.hpp>
#include <unifex/v2/async_scope.hpp>

unifex::task<> work(int);
bool failed();
void may_throw();

// --- correct code: no finding ----------------------------------------------

unifex::task<> cleaned_up() {
  unifex::async_scope scope;
  scope.spawn(unifex::just());
  co_await scope.cleanup();
}

unifex::task<> completed_on_every_path() {
  unifex::async_scope scope;
  scope.spawn(unifex::just());
  if (failed()) {
    co_await scope.cleanup();
    co_return;
  }
  co_await scope.complete();
}

void cleaned_up_synchronously() {
  unifex::async_scope scope;
  scope.spawn(unifex::just());
  unifex::sync_wait(scope.cleanup());
}

unifex::task<> v2_joined() {
  unifex::v2::async_scope scope;
  unifex::spawn_detached(unifex::just(), scope);
  co_await unifex::nest(unifex::just(), scope);
  co_await scope.join();
}

unifex::task<> v2_joined_by_free_function() {
  unifex::v2::async_scope scope;
  unifex::spawn_detached(unifex::just(), scope);
  co_await join(scope);
}

// Spawned into through a lambda's reference: still the caller's.
unifex::task<> spawns_through_references() {
  unifex::async_scope scope;
  auto more = [&scope] { scope.spawn(unifex::just()); };
  more();
  co_await scope.cleanup();
}

class Worker {
public:
  void start() { scope_.spawn(unifex::just()); }
  unifex::task<> close() { co_await scope_.cleanup(); }

private:
  unifex::async_scope scope_;
};

// --- misuse: found ---------------------------------------------------------

unifex::task<> early_return() {
  unifex::async_scope scope;
  scope.spawn(unifex::just());
  if (failed())
    co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'async_scope' is destroyed without 'co_await scope.cleanup()' on this path [asyncdrop-missing-async-drop]
  co_await scope.cleanup();
}

unifex::task<> v2_early_return_after_spawn() {
  unifex::v2::async_scope scope;
  unifex::spawn_detached(unifex::just(), scope);
  if (failed())
    co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'async_scope' is destroyed without 'co_await scope.join()' on this path [asyncdrop-missing-async-drop]
  co_await scope.join();
}

unifex::task<> throws() {
  unifex::v2::async_scope scope;
  unifex::spawn_detached(unifex::just(), scope);
  if (failed())
    throw 42;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'async_scope' is destroyed without 'co_await scope.join()' on this exception path [asyncdrop-missing-async-drop]
  co_await join(scope);
}

unifex::task<> returns_from_catch() {
  unifex::async_scope scope;
  try {
    scope.spawn(unifex::just());
    may_throw();
  } catch (...) {
    co_return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'async_scope' is destroyed without 'co_await scope.cleanup()' on this exception path [asyncdrop-missing-async-drop]
  }
  co_await scope.cleanup();
}

// v1 asserts in its destructor even when nothing was spawned.
unifex::task<> never_cleaned_up() {
  unifex::async_scope scope;
  co_await work(1);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: scope 'scope' of type 'async_scope' is destroyed without 'co_await scope.cleanup()' on this path [asyncdrop-missing-async-drop]

unifex::task<> cleanup_not_awaited() {
  unifex::async_scope scope;
  scope.spawn(unifex::just());
  co_await work(1);
  scope.cleanup();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the sender returned by 'scope.cleanup()' is discarded without 'co_await': nothing is joined [asyncdrop-unawaited-async-drop]
  // CHECK-FIXES: {{^}}  co_await scope.cleanup();{{$}}
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: scope 'scope' of type 'async_scope' is destroyed without 'co_await scope.cleanup()' on this path [asyncdrop-missing-async-drop]

unifex::task<> v2_free_join_discarded() {
  unifex::v2::async_scope scope;
  co_await work(1);
  (void)join(scope);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: scope 'scope' of type 'async_scope' is destroyed without 'co_await scope.join()' on this path [asyncdrop-missing-async-drop]

unifex::task<> spawn_after_cleanup() {
  unifex::async_scope scope;
  co_await scope.cleanup();
  scope.spawn(unifex::just());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: scope 'scope' is used after it was joined [asyncdrop-use-after-async-drop]
}

unifex::task<> v2_spawn_after_join() {
  unifex::v2::async_scope scope;
  co_await scope.join();
  unifex::spawn_detached(unifex::just(), scope);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: scope 'scope' is used after it was joined [asyncdrop-use-after-async-drop]
}

void not_waited_for() {
  unifex::async_scope scope;
  if (failed())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'async_scope' is destroyed without 'unifex::sync_wait(scope.cleanup())' on this path [asyncdrop-missing-async-drop]
  unifex::sync_wait(scope.cleanup());
}
