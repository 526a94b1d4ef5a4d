// Asio integration: types whose cleanup is an `asio::awaitable<void>`.
//
//   #include <asyncdrop/asio.hpp>   // before the types that use it
//
//   class Conn {
//     friend class asyncdrop::access;
//     explicit Conn(tcp::socket s);
//     asio::awaitable<void> async_drop_impl();   // say goodbye, shut down, wait for the peer
//   };
//
//   asio::awaitable<void> serve(...) {
//     auto conn = asyncdrop::make_guard<Conn>(std::move(socket));
//     ...
//     co_await conn.async_drop();                 // an asio::awaitable<void>
//   }
//
// Why a family of its own: an asio::awaitable coroutine can only co_await
// asio::awaitables and Asio asynchronous operations (its await_transform
// refuses anything else), and an asio::awaitable can only be awaited from
// another one.  So for such a type every drop is written as an
// asio::awaitable: AsyncDropGuard<T>::async_drop(), with_async_drop, drop_all
// (an overload here), AsyncDropArc, AsyncDropHashMap, AsyncDropResult,
// flatten_async_drop and AsyncOwned all return asio::awaitable<...> for it,
// and CleanupScope::join() is an Asio asynchronous operation.  Concurrent
// drops (drop_all, AsyncDropHashMap) are co_spawned onto the current executor
// and waited for with an experimental::parallel_group (wait_for_all).
//
// Cancellation.  Once a coroutine's cancellation slot has been triggered,
// Asio makes every later co_await in it throw asio::error::operation_aborted
// before the awaited thing even starts (unless the coroutine changed that
// with this_coro::throw_if_cancelled(false) or reset its cancellation state).
// A cleanup must run anyway, so:
//  * every drop, once started, is shielded: the cleanup runs co_spawned on
//    the same executor with no cancellation slot, so a cancellation that
//    arrives while it runs does not abort its I/O half-way;
//  * with_async_drop turns throw_if_cancelled off around its drop (and back
//    on after), so the body being cancelled still ends in the cleanup;
//  * AsyncOwned needs no co_await at all: the exception unwinding the
//    cancelled coroutine destroys it, which starts the cleanup in its
//    CleanupScope (spawned on the scope's executor);
//  * a bare `co_await guard.async_drop()` in a coroutine that is already
//    cancelled throws before the drop starts, like any co_await there (the
//    guard is then reported as a forgotten drop when the unwinding destroys
//    it).  Do `co_await asio::this_coro::throw_if_cancelled(false);` first,
//    or use with_async_drop / AsyncOwned.
//
// Destroying an io_context destroys the frames of the coroutines still
// suspended on it, synchronously: guards in those frames are destroyed
// undropped and reported as forgotten drops, and cleanups spawned then never
// run.  Shut down by cancelling, then `co_await scope.join()` on the loop,
// and only then let io_context::run() return (docs/runtime.md).
//
// Boost.Asio (the default; Asio 1.26 in Boost 1.81) or standalone Asio with
// -DASYNCDROP_ASIO_STANDALONE=1 (tested with Asio 1.22; under Clang it needs
// ASIO_HAS_CO_AWAIT and ASIO_HAS_STD_COROUTINE, defined here if this header
// comes first).  Only executors convertible to any_io_executor, i.e. the
// default asio::awaitable<void>, are supported.
#pragma once

#if defined(ASYNCDROP_ASIO_STANDALONE) && ASYNCDROP_ASIO_STANDALONE
#if defined(__clang__) && !defined(ASIO_HAS_CO_AWAIT)
#define ASIO_HAS_CO_AWAIT 1
#define ASIO_HAS_STD_COROUTINE 1
#endif
#include <asio/any_io_executor.hpp>
#include <asio/associated_executor.hpp>
#include <asio/async_result.hpp>
#include <asio/awaitable.hpp>
#include <asio/bind_cancellation_slot.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/co_spawn.hpp>
#include <asio/experimental/deferred.hpp>
#include <asio/experimental/parallel_group.hpp>
#include <asio/post.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/version.hpp>
#if !defined(ASIO_HAS_CO_AWAIT)
#error \
    "asyncdrop/asio.hpp: Asio has no coroutine support here (define ASIO_HAS_CO_AWAIT=1 and ASIO_HAS_STD_COROUTINE=1 under Clang)"
#endif
#define ASYNCDROP_DETAIL_ASIO_VERSION ASIO_VERSION
namespace asyncdrop::detail {
namespace net = ::asio;
}  // namespace asyncdrop::detail
#else
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/version.hpp>
#define ASYNCDROP_DETAIL_ASIO_VERSION BOOST_ASIO_VERSION
namespace asyncdrop::detail {
namespace net = ::boost::asio;
}  // namespace asyncdrop::detail
#endif

#include <any>
#include <array>
#include <cassert>
#include <concepts>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <source_location>
#include <span>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "asyncdrop/access.hpp"
#include "asyncdrop/annotations.hpp"
#include "asyncdrop/awaitable_traits.hpp"
#include "asyncdrop/cleanup_scope.hpp"
#include "asyncdrop/drop_all.hpp"
#include "asyncdrop/drop_family.hpp"
#include "asyncdrop/guard.hpp"
#include "asyncdrop/handlers.hpp"
#include "asyncdrop/type_name.hpp"
#include "asyncdrop/with_async_drop.hpp"

// Asio 1.26 has ranged parallel groups and asio::deferred; older versions
// (standalone 1.22) get the fallbacks below.
#if ASYNCDROP_DETAIL_ASIO_VERSION >= 102600
#define ASYNCDROP_DETAIL_ASIO_RANGED_GROUP 1
#else
#define ASYNCDROP_DETAIL_ASIO_RANGED_GROUP 0
#endif

namespace asyncdrop {

namespace detail {

struct asio_family;

#if ASYNCDROP_DETAIL_ASIO_VERSION >= 102600
inline constexpr const auto& asio_deferred = net::deferred;
#else
inline constexpr const auto& asio_deferred = net::experimental::deferred;
#endif

// use_awaitable without the awaiting coroutine's cancellation slot: the
// awaited operation is not cancelled when the coroutine is.
inline auto uncancellable_use_awaitable() {
  return net::bind_cancellation_slot(net::cancellation_slot(), net::use_awaitable);
}

// The guard's drop: runs async_drop_impl()'s coroutine in a thread of its own
// on the same executor, shielded from the awaiting coroutine's cancellation.
inline net::awaitable<void> run_shielded(net::awaitable<void> cleanup) {
  net::any_io_executor executor = co_await net::this_coro::executor;
  co_await net::co_spawn(executor, std::move(cleanup), uncancellable_use_awaitable());
}

template <class G>
concept asio_owner = requires(G& owner) {
  { owner.async_drop() } -> std::same_as<net::awaitable<void>>;
};

template <class... G>
concept all_asio_owners = (asio_owner<G> && ...);

// drop_all's and drop_range's failure policy over the group's results.
template <class NameOf>
std::exception_ptr first_failure_reporting_the_rest(std::span<const std::exception_ptr> errors,
                                                    NameOf name_of, std::string_view context) {
  std::exception_ptr first;
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (!errors[i]) continue;
    if (!first) {
      first = errors[i];
    } else {
      report_cleanup_error(errors[i], name_of(i), context);
    }
  }
  return first;
}

template <class T>
net::awaitable<void> drop_owned(AsyncDropGuard<T> guard) {
  co_await guard.async_drop();
}

// Wakes a join that is an Asio asynchronous operation: the handler is posted
// to its associated executor with the join's outcome.
template <class Handler>
class asio_join_waiter final : public scope_waiter {
 public:
  asio_join_waiter(Handler handler, std::shared_ptr<scope_state> state, std::string_view type,
                   std::string_view context)
      : handler_(std::move(handler)), state_(std::move(state)), type_(type), context_(context) {}

  void wake() noexcept override { complete(state_->finish_join(type_, context_)); }
  void abandon() noexcept override { delete this; }

  void complete(std::exception_ptr error) noexcept {
    auto executor = net::get_associated_executor(handler_);
    net::post(executor, [handler = std::move(handler_), error = std::move(error)]() mutable {
      std::move(handler)(std::move(error));
    });
    delete this;
  }

 private:
  Handler handler_;
  std::shared_ptr<scope_state> state_;
  std::string_view type_;
  std::string_view context_;
};

struct asio_join_initiation {
  template <class Handler>
  void operator()(Handler&& handler, std::shared_ptr<scope_state> state, std::string_view type,
                  std::string_view context) const {
    auto* waiter = new asio_join_waiter<std::decay_t<Handler>>(std::forward<Handler>(handler),
                                                               state, type, context);
    switch (state->ready_or_wait(*waiter)) {
      case scope_state::join_state::ready:
        waiter->wake();
        break;
      case scope_state::join_state::waiting:
        break;
      case scope_state::join_state::busy:
        waiter->complete(std::make_exception_ptr(
            std::logic_error("asyncdrop: CleanupScope::join() awaited twice at the same time")));
        break;
    }
  }
};

template <class CompletionToken>
auto async_join_with(const std::shared_ptr<scope_state>& state, std::string_view type,
                     std::string_view context, CompletionToken&& token) {
  return net::async_initiate<CompletionToken, void(std::exception_ptr)>(
      asio_join_initiation{}, token, state, type, context);
}

// CleanupScope::join(token) and co_await scope.join() (found by
// argument-dependent lookup from cleanup_scope.hpp).
template <class CompletionToken>
  requires net::completion_token_for<CompletionToken, void(std::exception_ptr)>
auto async_join(scope_hook, const std::shared_ptr<scope_state>& state, CompletionToken&& token) {
  return async_join_with(state, "",
                         "CleanupScope::join: an earlier cleanup failed too; that exception is "
                         "propagated",
                         std::forward<CompletionToken>(token));
}

// CleanupScope(executor) (found by argument-dependent lookup).
template <class Executor>
  requires(!std::same_as<Executor, std::nullptr_t>) &&
          std::is_constructible_v<net::any_io_executor, const Executor&>
std::any erase_scope_executor(scope_hook, const Executor& executor) {
  return std::any(net::any_io_executor(executor));
}

struct asio_family {
  template <class U = void>
  using coroutine = net::awaitable<U>;

  // All drops are co_spawned on the current executor before any is waited
  // for; the wait itself is not cancellable (see the top of this header).
  template <class G>
  static net::awaitable<void> drop_range(std::span<G> owners, std::string_view context) {
    if (owners.empty()) co_return;
    net::any_io_executor executor = co_await net::this_coro::executor;
#if ASYNCDROP_DETAIL_ASIO_RANGED_GROUP
    using operation =
        decltype(net::co_spawn(executor, std::declval<G&>().async_drop(), asio_deferred));
    std::vector<operation> operations;
    operations.reserve(owners.size());
    for (G& owner : owners) {
      operations.push_back(net::co_spawn(executor, owner.async_drop(), asio_deferred));
    }
    auto [order, errors] =
        co_await net::experimental::make_parallel_group(std::move(operations))
            .async_wait(net::experimental::wait_for_all(), uncancellable_use_awaitable());
    (void)order;
    std::exception_ptr first = first_failure_reporting_the_rest(
        std::span<const std::exception_ptr>(errors),
        [](std::size_t) { return owner_type_name<G>(); }, context);
#else
    // No ranged parallel group before Asio 1.24: count the spawned drops
    // with the machinery of CleanupScope (errors come back in start order).
    auto state = std::make_shared<scope_state>(std::source_location::current());
    for (G& owner : owners) {
      scope_ticket ticket(state, state->enter());
      net::co_spawn(executor, owner.async_drop(),
                    [ticket = std::move(ticket)](std::exception_ptr error) mutable {
                      ticket(std::move(error));
                    });
    }
    std::exception_ptr first;
    try {
      co_await async_join_with(state, owner_type_name<G>(), context, uncancellable_use_awaitable());
    } catch (...) {
      first = std::current_exception();
    }
#endif
    if (first) std::rethrow_exception(first);
  }

  template <class T, class Done>
  static void start_detached(AsyncDropGuard<T>&& guard, Done done,
                             const std::any& executor) noexcept {
    const auto* ex = std::any_cast<net::any_io_executor>(&executor);
    assert(ex != nullptr && "asyncdrop: CleanupScope without an executor (check_scope)");
    net::co_spawn(
        *ex, drop_owned(std::move(guard)),
        [done = std::move(done)](std::exception_ptr error) mutable { done(std::move(error)); });
  }

  static void check_scope(const std::any& executor) {
    if (std::any_cast<net::any_io_executor>(&executor) == nullptr) {
      throw std::invalid_argument(
          "asyncdrop: an asio::awaitable cleanup needs a CleanupScope made with an executor: "
          "CleanupScope scope(io.get_executor())");
    }
  }
};

}  // namespace detail

// The one addition to the list of what async_drop_impl() may return.
template <>
struct async_drop_result_traits<detail::net::awaitable<void>> {
  static constexpr bool supported = true;
  template <class U>
  using coroutine = detail::net::awaitable<U>;
  using family = detail::asio_family;
  static detail::net::awaitable<void> as_awaitable(detail::net::awaitable<void>&& cleanup) {
    return detail::run_shielded(std::move(cleanup));
  }
};

// drop_all for owners whose drops are asio::awaitables: the same contract as
// the Task version (drop_all.hpp), run as an Asio parallel group.  Chosen over
// it because its constraints include the Task version's.
template <class... G>
  requires detail::all_have_async_drop<G...> && detail::all_asio_owners<G...>
detail::net::awaitable<void> drop_all(ASYNCDROP_DROPS G&... owners) {
  namespace net = detail::net;
  if constexpr (sizeof...(G) == 0) {
    co_return;
  } else {
    net::any_io_executor executor = co_await net::this_coro::executor;
    auto results =
        co_await net::experimental::make_parallel_group(
            net::co_spawn(executor, owners.async_drop(), detail::asio_deferred)...)
            .async_wait(net::experimental::wait_for_all(), detail::uncancellable_use_awaitable());
    // results: (completion order, one exception_ptr per owner)
    std::array<std::exception_ptr, sizeof...(G)> errors = std::apply(
        [](auto&, auto&... error) {
          return std::array<std::exception_ptr, sizeof...(G)>{std::move(error)...};
        },
        results);
    static constexpr std::array<std::string_view, sizeof...(G)> names{
        detail::owner_type_name<G>()...};
    std::exception_ptr first = detail::first_failure_reporting_the_rest(
        std::span<const std::exception_ptr>(errors), [](std::size_t i) { return names[i]; },
        "drop_all: an earlier argument's cleanup failed too; that exception is propagated");
    if (first) std::rethrow_exception(first);
  }
}

// with_async_drop for a guard whose drop is an asio::awaitable and a body
// returning an asio::awaitable: the contract of the Task version
// (with_async_drop.hpp), plus: the drop also runs when the body ended because
// the coroutine was cancelled (throw_if_cancelled is off around the drop and
// restored after).
template <class T, class F>
  requires std::invocable<F&, T&> && Awaitable<std::invoke_result_t<F&, T&>> &&
           std::same_as<drop_family_t<T>, detail::asio_family>
detail::net::awaitable<detail::with_async_drop_result_t<T, F>> with_async_drop(
    AsyncDropGuard<T> guard, F body) {
  namespace net = detail::net;
  using result_type = detail::with_async_drop_result_t<T, F>;
  detail::pending_result<result_type> result;
  std::exception_ptr body_error;
  try {
    if constexpr (std::is_void_v<result_type>) {
      co_await std::invoke(body, *guard);
    } else {
      result.set(co_await std::invoke(body, *guard));
    }
  } catch (...) {
    body_error = std::current_exception();
  }
  const bool throws_if_cancelled = co_await net::this_coro::throw_if_cancelled();
  co_await net::this_coro::throw_if_cancelled(false);
  std::exception_ptr cleanup_error;
  try {
    co_await guard.async_drop();
  } catch (...) {
    cleanup_error = std::current_exception();
  }
  co_await net::this_coro::throw_if_cancelled(throws_if_cancelled);
  if (body_error) {
    if (cleanup_error) {
      detail::report_cleanup_error(std::move(cleanup_error), type_name<T>(),
                                   "with_async_drop: the cleanup threw after the body threw; "
                                   "the body's exception is propagated");
    }
    std::rethrow_exception(body_error);
  }
  if (cleanup_error) std::rethrow_exception(cleanup_error);
  co_return result.take();
}

}  // namespace asyncdrop
