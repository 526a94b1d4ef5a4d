// GuardTypes, DropMethods and AllowedAfterDrop apply the flow checks to a
// codebase's own guard type: a task scope that must be joined.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop,asyncdrop-unawaited-async-drop,asyncdrop-use-after-async-drop %t \
// RUN:   -- -config="{CheckOptions: { \
// RUN:        asyncdrop-missing-async-drop.GuardTypes: '::lib::TaskScope;::asyncdrop::AsyncDropGuard', \
// RUN:        asyncdrop-missing-async-drop.DropMethods: 'join', \
// RUN:        asyncdrop-unawaited-async-drop.GuardTypes: '::lib::TaskScope', \
// RUN:        asyncdrop-unawaited-async-drop.DropMethods: 'join;close', \
// RUN:        asyncdrop-use-after-async-drop.GuardTypes: '::lib::TaskScope', \
// RUN:        asyncdrop-use-after-async-drop.DropMethods: 'join;close', \
// RUN:        asyncdrop-use-after-async-drop.AllowedAfterDrop: 'is_joined;pending'}}"
//
// With the default options the scope is nobody's business:
// RUN: %check_asyncdrop_tidy --check-suffix=DEFAULT %s asyncdrop-missing-async-drop,asyncdrop-unawaited-async-drop,asyncdrop-use-after-async-drop %t-default

#include <asyncdrop/asyncdrop.hpp>

namespace lib {

using asyncdrop::Task;

// Work spawned into a scope must be joined before the scope goes away.
class TaskScope {
 public:
  TaskScope() = default;
  TaskScope(TaskScope &&) noexcept = default;
  TaskScope &operator=(TaskScope &&) noexcept = default;
  ~TaskScope() {}
  void spawn(Task<void> t) { (void)t; }
  Task<void> join() { co_return; }
  Task<void> close() { co_return; }
  bool is_joined() const { return false; }
  int pending() const { return 0; }
};

Task<void> fetch(int);
bool cond();

Task<void> forgets_to_join() {
  TaskScope scope;
  scope.spawn(fetch(1));
  if (cond())
    co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'scope' of type 'TaskScope' is destroyed without 'co_await scope.join()' on this path [asyncdrop-missing-async-drop]
  co_await scope.join();
}

Task<void> joins() {
  TaskScope scope;
  scope.spawn(fetch(2));
  co_await scope.join();
  if (scope.is_joined() && scope.pending() == 0)
    co_return;
}

Task<void> join_discarded() {
  TaskScope scope;
  co_await fetch(3);
  scope.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the task returned by 'scope.join()' is discarded without 'co_await': nothing is dropped [asyncdrop-unawaited-async-drop]
  // CHECK-FIXES: {{^}}  co_await scope.join();{{$}}
  scope.close();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the task returned by 'scope.close()' is discarded without 'co_await'
  // CHECK-FIXES: {{^}}  co_await scope.close();{{$}}
}
// An un-awaited join() joins nothing: the scope is still owed one.
// CHECK-MESSAGES: :[[@LINE-2]]:1: warning: guard 'scope' of type 'TaskScope' is destroyed without 'co_await scope.join()' on this path [asyncdrop-missing-async-drop]

Task<void> spawn_after_join() {
  TaskScope scope;
  co_await scope.join();
  scope.spawn(fetch(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'scope' is used after it was dropped [asyncdrop-use-after-async-drop]
}

// Handing the scope on.
Task<void> run_in(TaskScope scope) { co_await scope.join(); }
Task<void> hands_on() {
  TaskScope scope;
  co_await run_in(std::move(scope));
}

// The runtime's guard stays a guard for the missing-drop check, which lists
// both types.
struct Conn {
  friend class asyncdrop::access;
  Task<void> async_drop_impl() { co_return; }
};
Task<void> guard_joined_not_dropped() {
  auto conn = asyncdrop::make_guard<Conn>();
  co_await fetch(5);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.join()' on this path [asyncdrop-missing-async-drop]
// CHECK-MESSAGES-DEFAULT: :[[@LINE-2]]:1: warning: guard 'conn' of type 'AsyncDropGuard<Conn>' is destroyed without 'co_await conn.async_drop()' on this path [asyncdrop-missing-async-drop]

}  // namespace lib
