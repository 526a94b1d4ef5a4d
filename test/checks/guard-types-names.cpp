// GuardTypes and AsyncDropTypes names match the class they name as users
// write it: through a typedef or alias, an alias template, a
// using-declaration, a namespace alias, and a namespace's using-directive.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop,asyncdrop-use-after-async-drop %t \
// RUN:   -- -config="{CheckOptions: { \
// RUN:        asyncdrop-missing-async-drop.GuardTypes: '::lib::Scope;::lib::TaskGroup;::lib::Joiner;::streams::Stream;::pool::Pool;::lib::Scpoe;::elsewhere::Scope', \
// RUN:        asyncdrop-missing-async-drop.DropMethods: 'join', \
// RUN:        asyncdrop-use-after-async-drop.GuardTypes: '::lib::Scope;::lib::Scpoe', \
// RUN:        asyncdrop-use-after-async-drop.DropMethods: 'join'}}"
//
// A configured name whose namespace this translation unit declares but that
// reaches no class is a configuration diagnostic, shown once however many
// checks have it configured; a name of a namespace the translation unit
// never declares ('::elsewhere::Scope') is no concern of this one.
// RUN: %clang_tidy -load=%asyncdrop_tidy_module --quiet \
// RUN:   --checks='-*,asyncdrop-missing-async-drop,asyncdrop-use-after-async-drop' \
// RUN:   -config="{CheckOptions: { \
// RUN:        asyncdrop-missing-async-drop.GuardTypes: '::lib::Scope;::lib::Scpoe;::lib::make_scope;::elsewhere::Scope', \
// RUN:        asyncdrop-use-after-async-drop.GuardTypes: '::lib::Scpoe', \
// RUN:        Profiles: 'cppcoro;boost'}}" \
// RUN:   %s -- %asyncdrop_cxxflags 2>&1 | FileCheck %s --check-prefix=CONFIG --implicit-check-not=clang-tidy-config
// CONFIG-DAG: warning: configured asyncdrop type '::lib::Scpoe' matches no class or class template in this translation unit, though its namespace is declared: it is not tracked (misspelt? the name of a function or variable?) [clang-tidy-config]
// CONFIG-DAG: warning: configured asyncdrop type '::lib::make_scope' matches no class or class template in this translation unit, though its namespace is declared: it is not tracked (misspelt? the name of a function or variable?) [clang-tidy-config]
// CONFIG-DAG: warning: unknown asyncdrop profile 'boost' in the Profiles option (known: cppcoro, stdexec, unifex, folly, seastar) [clang-tidy-config]

#include <asyncdrop/asyncdrop.hpp>

using asyncdrop::Task;

namespace lib {
namespace detail {
class ScopeImpl {
public:
  ~ScopeImpl();
  Task<void> join();
  void spawn(Task<void>);
};
template <class T> class BasicGroup {
public:
  ~BasicGroup();
  Task<void> join();
};
class Joiner {
public:
  ~Joiner();
  Task<void> join();
};
} // namespace detail
using Scope = detail::ScopeImpl;                      // an alias
template <class T> using TaskGroup = detail::BasicGroup<T>; // an alias template
using detail::Joiner;                                 // a using-declaration
detail::ScopeImpl make_scope();
} // namespace lib

namespace io::v2 {
class Stream {
public:
  ~Stream();
  Task<void> join();
};
} // namespace io::v2
namespace streams = io::v2; // a namespace alias

namespace pool {
namespace impl {
class Pool {
public:
  ~Pool();
  Task<void> join();
};
} // namespace impl
using namespace impl; // a using-directive
} // namespace pool

Task<void> work();
bool failed();

Task<void> every_spelling() {
  lib::detail::ScopeImpl scope;
  lib::detail::BasicGroup<int> group;
  lib::Joiner joiner;
  pool::impl::Pool pool;
  io::v2::Stream stream;
  if (failed())
    co_return;
  // CHECK-MESSAGES-DAG: :[[@LINE-1]]:5: warning: guard 'scope' of type 'ScopeImpl' is destroyed without 'co_await scope.join()' on this path [asyncdrop-missing-async-drop]
  // CHECK-MESSAGES-DAG: :[[@LINE-2]]:5: warning: guard 'group' of type 'BasicGroup<int>' is destroyed without 'co_await group.join()' on this path [asyncdrop-missing-async-drop]
  // CHECK-MESSAGES-DAG: :[[@LINE-3]]:5: warning: guard 'joiner' of type 'Joiner' is destroyed without 'co_await joiner.join()' on this path [asyncdrop-missing-async-drop]
  // CHECK-MESSAGES-DAG: :[[@LINE-4]]:5: warning: guard 'pool' of type 'Pool' is destroyed without 'co_await pool.join()' on this path [asyncdrop-missing-async-drop]
  // CHECK-MESSAGES-DAG: :[[@LINE-5]]:5: warning: guard 'stream' of type 'Stream' is destroyed without 'co_await stream.join()' on this path [asyncdrop-missing-async-drop]
  co_await stream.join();
  co_await scope.join();
  co_await group.join();
  co_await joiner.join();
  co_await pool.join();
}

Task<void> use_after_join() {
  lib::Scope scope;
  co_await scope.join();
  scope.spawn(work());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'scope' is used after it was dropped [asyncdrop-use-after-async-drop]
}
