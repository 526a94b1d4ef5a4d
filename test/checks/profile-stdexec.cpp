// Profiles: 'stdexec': exec::async_scope (a using-declaration of a class in
// a detail namespace) owes `on_empty()` only once work was spawned, and may
// be reused after it; exec::simple_counting_scope and exec::counting_scope
// owe `join()` once work was associated with them (through the scope's
// token). The drops are senders: counted where awaited or waited for.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop,asyncdrop-unawaited-async-drop,asyncdrop-use-after-async-drop %t \
// RUN:   -- -config="{CheckOptions: {Profiles: 'stdexec'}}" -- -isystem %S/Inputs/profiles
// A class that closes its member itself needs no async_drop_impl():
// RUN: %check_asyncdrop_tidy --check-suffix=MEMBER %s asyncdrop-missing-member-delegation %t-member \
// RUN:   -- -config="{CheckOptions: {Profiles: 'stdexec'}}" -- -isystem %S/Inputs/profiles
// Profiles is global: set per check, it serves that check.
// RUN: %check_asyncdrop_tidy --check-suffix=LOCAL %s asyncdrop-missing-async-drop %t-local \
// RUN:   -- -config="{CheckOptions: {asyncdrop-missing-async-drop.Profiles: 'stdexec'}}" -- -isystem %S/Inputs/profiles

#include <exec/async_scope.hpp>
#include <exec/counting_scope.hpp>

exec::task<> work(int);
bool failed();
void may_throw();

// --- correct code: no finding ----------------------------------------------

// An unused scope may be destroyed.
exec::task<> unused() {
  exec::async_scope scope;
  exec::simple_counting_scope counting;
  co_await work(1);
}

exec::task<> spawned_and_emptied() {
  exec::async_scope scope;
  scope.spawn(stdexec::just());
  auto later = scope.spawn_future(stdexec::just());
  co_await scope.nest(stdexec::just());
  co_await scope.on_empty();
}

// on_empty() can be repeated, and the scope reused after it.
exec::task<> reused_after_on_empty() {
  exec::async_scope scope;
  scope.spawn(stdexec::just());
  co_await scope.on_empty();
  scope.spawn(stdexec::just());
  scope.request_stop();
  co_await scope.on_empty();
}

void waited_for_synchronously() {
  exec::async_scope scope;
  scope.spawn(stdexec::just());
  stdexec::sync_wait(scope.on_empty());
}

// Work associated through the token; joined on every path.
exec::task<> counting_joined(bool fast) {
  exec::counting_scope scope;
  exec::spawn(stdexec::just(), scope.get_token());
  if (fast) {
    scope.request_stop();
    co_await scope.join();
    co_return;
  }
  co_await scope.join();
}

// Spawned into through a reference (a helper, a lambda): still the caller's.
void start_all(exec::async_scope &scope) { scope.spawn(stdexec::just()); }
exec::task<> spawns_through_references() {
  exec::async_scope scope;
  start_all(scope);
  auto more = [&scope] { scope.spawn(stdexec::just()); };
  more();
  co_await scope.on_empty();
}

// A class that owns its scope and empties it in its own close().
class Service {
public:
  void start() { scope_.spawn(stdexec::just()); }
  exec::task<> close() { co_await scope_.on_empty(); }

private:
  exec::async_scope scope_;
};

// --- misuse: found ---------------------------------------------------------

exec::task<> early_return() {
  exec::async_scope scope;
  scope.spawn(stdexec::just());
  if (failed())
    co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'async_scope' is destroyed without 'co_await scope.on_empty()' on this path [asyncdrop-missing-async-drop]
  // CHECK-MESSAGES-LOCAL: :[[@LINE-2]]:5: warning: scope 'scope' of type 'async_scope' is destroyed without 'co_await scope.on_empty()' on this path [asyncdrop-missing-async-drop]
  co_await scope.on_empty();
}

exec::task<> early_return_after_spawn_through_reference() {
  exec::async_scope scope;
  start_all(scope);
  if (failed())
    co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'async_scope' is destroyed without 'co_await scope.on_empty()' on this path [asyncdrop-missing-async-drop]
  // CHECK-MESSAGES-LOCAL: :[[@LINE-2]]:5: warning: scope 'scope' of type 'async_scope' is destroyed without 'co_await scope.on_empty()' on this path [asyncdrop-missing-async-drop]
  co_await scope.on_empty();
}

// Spawning again after on_empty() owes another one.
exec::task<> spawned_again_not_emptied() {
  exec::async_scope scope;
  scope.spawn(stdexec::just());
  co_await scope.on_empty();
  scope.spawn(stdexec::just());
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: scope 'scope' of type 'async_scope' is destroyed without 'co_await scope.on_empty()' on this path [asyncdrop-missing-async-drop]
// CHECK-MESSAGES-LOCAL: :[[@LINE-2]]:1: warning: scope 'scope' of type 'async_scope' is destroyed without 'co_await scope.on_empty()' on this path [asyncdrop-missing-async-drop]

exec::task<> counting_throws() {
  exec::simple_counting_scope scope;
  exec::spawn(stdexec::just(), scope.get_token());
  if (failed())
    throw 42;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'simple_counting_scope' is destroyed without 'co_await scope.join()' on this exception path [asyncdrop-missing-async-drop]
  // CHECK-MESSAGES-LOCAL: :[[@LINE-2]]:5: warning: scope 'scope' of type 'simple_counting_scope' is destroyed without 'co_await scope.join()' on this exception path [asyncdrop-missing-async-drop]
  co_await scope.join();
}

exec::task<> counting_returns_from_catch() {
  exec::counting_scope scope;
  try {
    exec::spawn(stdexec::just(), scope.get_token());
    may_throw();
  } catch (...) {
    co_return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'counting_scope' is destroyed without 'co_await scope.join()' on this exception path [asyncdrop-missing-async-drop]
    // CHECK-MESSAGES-LOCAL: :[[@LINE-2]]:5: warning: scope 'scope' of type 'counting_scope' is destroyed without 'co_await scope.join()' on this exception path [asyncdrop-missing-async-drop]
  }
  co_await scope.join();
}

exec::task<> join_not_awaited() {
  exec::simple_counting_scope scope;
  exec::spawn(stdexec::just(), scope.get_token());
  co_await work(1);
  scope.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the sender returned by 'scope.join()' is discarded without 'co_await': nothing is joined [asyncdrop-unawaited-async-drop]
  // CHECK-FIXES: {{^}}  co_await scope.join();{{$}}
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: scope 'scope' of type 'simple_counting_scope' is destroyed without 'co_await scope.join()' on this path [asyncdrop-missing-async-drop]
// CHECK-MESSAGES-LOCAL: :[[@LINE-2]]:1: warning: scope 'scope' of type 'simple_counting_scope' is destroyed without 'co_await scope.join()' on this path [asyncdrop-missing-async-drop]

exec::task<> spawn_after_join() {
  exec::simple_counting_scope scope;
  exec::spawn(stdexec::just(), scope.get_token());
  co_await scope.join();
  exec::spawn(stdexec::just(), scope.get_token());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: scope 'scope' is used after it was joined [asyncdrop-use-after-async-drop]
}

void not_waited_for() {
  exec::async_scope scope;
  scope.spawn(stdexec::just());
  if (failed())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'async_scope' is destroyed without 'stdexec::sync_wait(scope.on_empty())' on this path [asyncdrop-missing-async-drop]
  // CHECK-MESSAGES-LOCAL: :[[@LINE-2]]:5: warning: scope 'scope' of type 'async_scope' is destroyed without 'stdexec::sync_wait(scope.on_empty())' on this path [asyncdrop-missing-async-drop]
  stdexec::sync_wait(scope.on_empty());
}
