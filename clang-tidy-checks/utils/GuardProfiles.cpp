// The built-in profiles of the Profiles option: other libraries' types that
// must be joined, closed or stopped before they are destroyed, each with its
// own rules (GuardRule). Written from the libraries' documented interfaces;
// docs/profiles/<name>.md says, per profile, what is followed and what not.
// Names are the ones users write: a name that reaches its class only through
// a using-declaration or an alias (`exec::async_scope`,
// `unifex::async_scope`) is resolved in each translation unit
// (GuardTypes::resolveNames).

#include "GuardTypes.h"

namespace clang::tidy::asyncdrop {

namespace {

GuardRule scopeRule(llvm::StringRef Name, llvm::StringRef Profile) {
  GuardRule R;
  R.Name = Name.str();
  R.Profile = Profile.str();
  R.Noun = "scope";
  R.DropVerbPast = "joined";
  R.NonMovable = true;
  return R;
}

// cppcoro::async_scope: `spawn(awaitable)` starts work; `co_await
// scope.join()` must have completed before the destructor runs (it asserts
// so, even for a scope nothing was spawned into).
void cppcoroRules(std::vector<GuardRule> &Rules) {
  GuardRule R = scopeRule("cppcoro::async_scope", "cppcoro");
  R.DropMethods = {"join"};
  R.SpawnMethods = {"spawn"};
  R.ResultNoun = "awaitable";
  R.BlockingWait = "cppcoro::sync_wait($)";
  Rules.push_back(std::move(R));
}

// stdexec: exec::async_scope (spawn/spawn_future/nest; `on_empty()` and
// `when_empty(sndr)` are senders that complete once no work is left, and
// the scope stays usable afterwards); exec::simple_counting_scope and
// exec::counting_scope (work enters through spawn/spawn_future/nest/
// associate with the scope or its token; `join()` is a sender). Each may be
// destroyed unused; once work was started, the destructor requires it to
// have finished (a join, or on_empty(), awaited or waited for).
void stdexecRules(std::vector<GuardRule> &Rules) {
  GuardRule Scope = scopeRule("exec::async_scope", "stdexec");
  Scope.DropMethods = {"on_empty", "when_empty"};
  Scope.SpawnMethods = {"spawn", "spawn_future", "nest"};
  Scope.OwedOnlyAfterSpawn = true;
  Scope.ReusableAfterDrop = true;
  Scope.ResultNoun = "sender";
  Scope.BlockingWait = "stdexec::sync_wait($)";
  Rules.push_back(std::move(Scope));
  for (llvm::StringRef Name :
       {"exec::simple_counting_scope", "exec::counting_scope"}) {
    GuardRule Counting = scopeRule(Name, "stdexec");
    Counting.DropMethods = {"join"};
    Counting.AllowedAfterDrop = {"get_token", "close", "request_stop"};
    Counting.SpawnFunctions = {"spawn", "spawn_future", "nest", "associate"};
    Counting.OwedOnlyAfterSpawn = true;
    Counting.ResultNoun = "sender";
    Counting.BlockingWait = "stdexec::sync_wait($)";
    Rules.push_back(std::move(Counting));
  }
}

// libunifex: unifex::async_scope (v1: spawn*/attach* members, `cleanup()`
// requests stop and waits, `complete()` waits; its destructor asserts that
// one of them ran, used or not) and unifex::v2::async_scope (work enters
// through nest/spawn_detached/spawn_future with the scope; `join()`, also
// spelt `join(scope)`, is a sender that must have completed).
void unifexRules(std::vector<GuardRule> &Rules) {
  GuardRule V1 = scopeRule("unifex::async_scope", "unifex");
  V1.DropMethods = {"cleanup", "complete"};
  V1.SpawnMethods = {"spawn",  "spawn_on",  "spawn_call_on",
                     "attach", "attach_on", "attach_call_on"};
  V1.AllowedAfterDrop = {"get_stop_token", "request_stop"};
  V1.ResultNoun = "sender";
  V1.BlockingWait = "unifex::sync_wait($)";
  Rules.push_back(std::move(V1));
  GuardRule V2 = scopeRule("unifex::v2::async_scope", "unifex");
  V2.DropMethods = {"join"};
  V2.DropFunctions = {"join"};
  V2.SpawnFunctions = {"nest", "spawn_detached", "spawn_future"};
  V2.ResultNoun = "sender";
  V2.BlockingWait = "unifex::sync_wait($)";
  Rules.push_back(std::move(V2));
}

// folly::coro::AsyncScope and CancellableAsyncScope: `add(...)` starts
// work; `joinAsync()` (or `cleanup()`, which for the cancellable scope
// requests cancellation first) returns a Task that must have completed
// before the destructor, which checks it once anything was added.
void follyRules(std::vector<GuardRule> &Rules) {
  for (llvm::StringRef Name :
       {"folly::coro::AsyncScope", "folly::coro::CancellableAsyncScope"}) {
    GuardRule R = scopeRule(Name, "folly");
    R.DropMethods = {"joinAsync", "cleanup"};
    R.SpawnMethods = {"add", "addWithSourceLoc"};
    R.AllowedAfterDrop = {"remaining", "requestCancellation",
                          "isScopeCancellationRequested",
                          "getCancellationToken"};
    R.OwedOnlyAfterSpawn = true;
    R.ResultNoun = "task";
    R.BlockingWait = "folly::coro::blockingWait($)";
    Rules.push_back(std::move(R));
  }
}

// seastar: an output_stream must be closed (its future waited for) before
// it is destroyed, unless it was default-constructed and never given a
// stream; a gate that was entered (enter(), hold(), with_gate) must be
// closed; a sharded<T> that was started must be stopped.
void seastarRules(std::vector<GuardRule> &Rules) {
  GuardRule Stream;
  Stream.Name = "seastar::output_stream";
  Stream.Profile = "seastar";
  Stream.DropMethods = {"close"};
  Stream.EmptyWhenDefaultConstructed = true;
  Stream.ResultNoun = "future";
  Stream.Noun = "stream";
  Stream.DropVerbPast = "closed";
  Stream.BlockingWait = "$.get()";
  Rules.push_back(std::move(Stream));

  GuardRule Gate;
  Gate.Name = "seastar::gate";
  Gate.Profile = "seastar";
  Gate.DropMethods = {"close"};
  Gate.SpawnMethods = {"enter", "hold"};
  Gate.SpawnFunctions = {"with_gate", "try_with_gate"};
  Gate.AllowedAfterDrop = {"leave", "is_closed", "get_count", "check"};
  Gate.OwedOnlyAfterSpawn = true;
  Gate.ResultNoun = "future";
  Gate.Noun = "gate";
  Gate.DropVerbPast = "closed";
  Gate.BlockingWait = "$.get()";
  Rules.push_back(std::move(Gate));

  GuardRule Sharded;
  Sharded.Name = "seastar::sharded";
  Sharded.Profile = "seastar";
  Sharded.DropMethods = {"stop"};
  Sharded.SpawnMethods = {"start", "start_single"};
  Sharded.OwedOnlyAfterSpawn = true;
  Sharded.NonMovable = true;
  Sharded.ResultNoun = "future";
  Sharded.Noun = "service";
  Sharded.DropVerbPast = "stopped";
  Sharded.BlockingWait = "$.get()";
  Rules.push_back(std::move(Sharded));
}

constexpr llvm::StringLiteral ProfileNames[] = {"cppcoro", "stdexec", "unifex",
                                                "folly", "seastar"};

} // namespace

llvm::ArrayRef<llvm::StringLiteral> GuardTypes::knownProfiles() {
  return ProfileNames;
}

bool appendProfileRules(llvm::StringRef Name, std::vector<GuardRule> &Rules) {
  if (Name == "cppcoro")
    cppcoroRules(Rules);
  else if (Name == "stdexec")
    stdexecRules(Rules);
  else if (Name == "unifex")
    unifexRules(Rules);
  else if (Name == "folly")
    follyRules(Rules);
  else if (Name == "seastar")
    seastarRules(Rules);
  else
    return false;
  return true;
}

} // namespace clang::tidy::asyncdrop
