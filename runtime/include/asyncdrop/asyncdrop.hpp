// The asyncdrop runtime: everything behind one include.
//
//   task.hpp             Task<T>: lazy coroutine, the return type of cleanups
//   sync_wait.hpp        sync_wait(awaitable): block until done (main, tests)
//   awaitable_traits.hpp Awaitable concept, await_result_t
//   access.hpp           asyncdrop::access (befriend it), AsyncDrop concept
//   handlers.hpp         forgotten-drop and cleanup-error handlers
//   guard.hpp            AsyncDropGuard<T>
//   make_guard.hpp       make_guard<T>(args...)
//   with_async_drop.hpp  with_async_drop(guard, body): drop on every exit
//   drop_all.hpp         drop_all(a, b, ...): concurrent drops
//   sync_drop.hpp        SyncDrop<T>: blocking drop, tests only
//   arc.hpp              AsyncDropArc<T>: shared ownership, the last drop cleans up
//   mutex.hpp            AsyncDropMutex<T>: coroutine-aware mutex around a value
//   hash_map.hpp         AsyncDropHashMap<K, V>: map of guarded values, dropped concurrently
//   result.hpp           AsyncDropResult<T, E>, Unexpected<E>: a value or an error
//   flatten.hpp          flatten_async_drop(a, b), AsyncDropPair, FlattenError
//   shared.hpp           AsyncDropShared<T>: one in-flight creation, many awaiters
//   cleanup_scope.hpp    CleanupScope: starts cleanups nobody awaits, join() waits for them
//   async_owned.hpp      AsyncOwned<T>: a guard whose destructor starts its cleanup in a scope
//   drop_family.hpp      how the helpers drive Task (and, with asio.hpp, Asio) cleanups
//
// Not included here: asio.hpp (Asio integration; needs Boost.Asio or Asio).
//   annotations.hpp      ASYNCDROP_DROPS and the -Wconsumed attribute macros
//   type_name.hpp        type_name<T>() for diagnostics
#pragma once

#include "asyncdrop/access.hpp"
#include "asyncdrop/annotations.hpp"
#include "asyncdrop/arc.hpp"
#include "asyncdrop/async_owned.hpp"
#include "asyncdrop/awaitable_traits.hpp"
#include "asyncdrop/cleanup_scope.hpp"
#include "asyncdrop/drop_all.hpp"
#include "asyncdrop/drop_family.hpp"
#include "asyncdrop/flatten.hpp"
#include "asyncdrop/guard.hpp"
#include "asyncdrop/handlers.hpp"
#include "asyncdrop/hash_map.hpp"
#include "asyncdrop/make_guard.hpp"
#include "asyncdrop/mutex.hpp"
#include "asyncdrop/result.hpp"
#include "asyncdrop/shared.hpp"
#include "asyncdrop/sync_drop.hpp"
#include "asyncdrop/sync_wait.hpp"
#include "asyncdrop/task.hpp"
#include "asyncdrop/type_name.hpp"
#include "asyncdrop/with_async_drop.hpp"
