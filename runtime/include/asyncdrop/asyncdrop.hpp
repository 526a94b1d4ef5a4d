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
//   annotations.hpp      ASYNCDROP_DROPS and the -Wconsumed attribute macros
//   type_name.hpp        type_name<T>() for diagnostics
#pragma once

#include "asyncdrop/access.hpp"
#include "asyncdrop/annotations.hpp"
#include "asyncdrop/awaitable_traits.hpp"
#include "asyncdrop/drop_all.hpp"
#include "asyncdrop/guard.hpp"
#include "asyncdrop/handlers.hpp"
#include "asyncdrop/make_guard.hpp"
#include "asyncdrop/sync_drop.hpp"
#include "asyncdrop/sync_wait.hpp"
#include "asyncdrop/task.hpp"
#include "asyncdrop/type_name.hpp"
#include "asyncdrop/with_async_drop.hpp"
