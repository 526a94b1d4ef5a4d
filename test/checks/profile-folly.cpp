// Profiles: 'folly': folly::coro::AsyncScope and CancellableAsyncScope owe
// `co_await scope.joinAsync()` (or `cleanup()`) once work was added; an
// unused scope may be destroyed.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop,asyncdrop-unawaited-async-drop,asyncdrop-use-after-async-drop %t \
// RUN:   -- -config="{CheckOptions: {Profiles: 'folly'}}" -- -isystem %S/Inputs/profiles
// A class that closes its member itself needs no async_drop_impl():
// RUN: %check_asyncdrop_tidy --check-suffix=MEMBER %s asyncdrop-missing-member-delegation %t-member \
// RUN:   -- -config="{CheckOptions: {Profiles: 'folly'}}" -- -isystem %S/Inputs/profiles

#include <folly/coro/AsyncScope.h>

folly::coro::Task<void> work(int);
bool failed();
void may_throw();

// --- correct code: no finding ----------------------------------------------

folly::coro::Task<void> unused() {
  folly::coro::AsyncScope scope;
  co_await work(1);
}

folly::coro::Task<void> joined_on_every_path() {
  folly::coro::AsyncScope scope;
  scope.add(work(1));
  if (failed()) {
    co_await scope.cleanup();
    co_return;
  }
  co_await scope.joinAsync();
  if (scope.remaining() == 0)
    co_return;
}

folly::coro::Task<void> cancelled_and_cleaned_up() {
  folly::coro::CancellableAsyncScope scope;
  scope.add(work(1));
  scope.requestCancellation();
  co_await scope.cleanup();
  if (scope.isScopeCancellationRequested())
    co_return;
}

void joined_synchronously() {
  folly::coro::AsyncScope scope;
  scope.add(work(1));
  folly::coro::blockingWait(scope.joinAsync());
}

// Work added through references: still the caller's.
void add_all(folly::coro::AsyncScope &scope) { scope.add(work(2)); }
folly::coro::Task<void> adds_through_references() {
  folly::coro::AsyncScope scope;
  add_all(scope);
  auto more = [&scope] { scope.add(work(3)); };
  more();
  co_await scope.joinAsync();
}

class Handler {
public:
  void handle() { scope_.add(work(0)); }
  folly::coro::Task<void> close() { co_await scope_.joinAsync(); }

private:
  folly::coro::AsyncScope scope_;
};

// --- misuse: found ---------------------------------------------------------

folly::coro::Task<void> early_return() {
  folly::coro::AsyncScope scope;
  scope.add(work(1));
  if (failed())
    co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'AsyncScope' is destroyed without 'co_await scope.joinAsync()' on this path [asyncdrop-missing-async-drop]
  co_await scope.joinAsync();
}

folly::coro::Task<void> early_return_after_add_through_reference() {
  folly::coro::AsyncScope scope;
  add_all(scope);
  if (failed())
    co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'AsyncScope' is destroyed without 'co_await scope.joinAsync()' on this path [asyncdrop-missing-async-drop]
  co_await scope.joinAsync();
}

folly::coro::Task<void> throws() {
  folly::coro::CancellableAsyncScope scope;
  scope.add(work(1));
  if (failed())
    throw 42;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'CancellableAsyncScope' is destroyed without 'co_await scope.joinAsync()' on this exception path [asyncdrop-missing-async-drop]
  co_await scope.cleanup();
}

folly::coro::Task<void> returns_from_catch() {
  folly::coro::AsyncScope scope;
  try {
    scope.add(work(1));
    may_throw();
  } catch (...) {
    co_return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'AsyncScope' is destroyed without 'co_await scope.joinAsync()' on this exception path [asyncdrop-missing-async-drop]
  }
  co_await scope.joinAsync();
}

folly::coro::Task<void> join_not_awaited() {
  folly::coro::AsyncScope scope;
  scope.add(work(1));
  co_await work(2);
  scope.joinAsync();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the task returned by 'scope.joinAsync()' is discarded without 'co_await': nothing is joined [asyncdrop-unawaited-async-drop]
  // CHECK-FIXES: {{^}}  co_await scope.joinAsync();{{$}}
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: scope 'scope' of type 'AsyncScope' is destroyed without 'co_await scope.joinAsync()' on this path [asyncdrop-missing-async-drop]

folly::coro::Task<void> add_after_join() {
  folly::coro::AsyncScope scope;
  scope.add(work(1));
  co_await scope.joinAsync();
  scope.add(work(2));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: scope 'scope' is used after it was joined [asyncdrop-use-after-async-drop]
}

void not_waited_for() {
  folly::coro::AsyncScope scope;
  scope.add(work(1));
  if (failed())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: scope 'scope' of type 'AsyncScope' is destroyed without 'folly::coro::blockingWait(scope.joinAsync())' on this path [asyncdrop-missing-async-drop]
  folly::coro::blockingWait(scope.joinAsync());
}
