// AsyncDropGuard<T>: the owner of a value whose cleanup is asynchronous.
//
// The owner must finish with `co_await guard.async_drop()` (or hand the guard
// on: return it, pass it by value, move it).  A guard destroyed while it still
// owns an undropped value is a bug that C++ cannot prevent, because destructors
// cannot co_await; it is reported through the forgotten-drop handler
// (handlers.hpp), and at compile time by -Wconsumed (annotations.hpp) and the
// project's Clang tooling.
//
// Using a guard after it was dropped or moved from (*g, g->, g.get()) is
// reported through the use-after-drop handler and aborts, in every build mode.
//
// Layout: the value lives in a heap block, so
//  * a guard is two words (sizeof == 2 * sizeof(void*)) whatever T is: the
//    block and the creation site (which outlives the block, for the report of
//    a use after drop); moving it copies two words;
//  * T may be non-copyable and non-movable (it is constructed in place by
//    make_guard) and its address never changes while it is alive, so the
//    value may hand `this` to callbacks, timers or other objects;
//  * the price is one allocation per guarded value, which is small next to the
//    I/O that makes a cleanup asynchronous in the first place.
#pragma once

#include <concepts>
#include <cstdint>
#include <exception>
#include <memory>
#include <source_location>
#include <utility>

#include "asyncdrop/access.hpp"
#include "asyncdrop/annotations.hpp"
#include "asyncdrop/backtrace.hpp"
#include "asyncdrop/handlers.hpp"
#include "asyncdrop/task.hpp"
#include "asyncdrop/type_name.hpp"

namespace asyncdrop {

template <class T>
class GuardHandoff;
template <class T>
class AsyncOwned;

// Typestate (-Wconsumed, Clang only): "unconsumed" while the guard owns a value
// that must still be dropped, "consumed" once it was dropped or moved from.
// See annotations.hpp for the states and docs/runtime.md for what is caught.
//
// The class template itself accepts incomplete T (like std::unique_ptr), so a
// header can declare functions returning AsyncDropGuard<Impl>; the AsyncDrop<T>
// requirement is checked where a guard is created.
template <class T>
class [[nodiscard]] ASYNCDROP_CONSUMABLE AsyncDropGuard {
 public:
  using element_type = T;

  // Takes over an existing value (an rvalue of exactly T).  `where` defaults
  // to the caller's line, which is what the forgotten-drop report shows.
  // A template only so that the AsyncDrop<T> check never runs for other
  // arguments: overload resolution for the guard's own copy/move (e.g. when a
  // class with an AsyncDropGuard<Impl> member is defined while Impl is still
  // incomplete) would otherwise evaluate, and cache, AsyncDrop<Impl> == false.
  template <class U = T>
    requires std::same_as<U, T> && AsyncDrop<U>
  explicit AsyncDropGuard(U&& value, std::source_location where = std::source_location::current())
      : AsyncDropGuard(std::in_place, where, std::move(value)) {}

  // Constructs the value in place from `args` (through asyncdrop::access, so
  // T's constructors may be private).  make_guard<T>(args...) is the usual
  // spelling; this overload exists for factories that forward their own
  // caller's location:
  //   static AsyncDropGuard<Conn> open(int fd, std::source_location where =
  //                                    std::source_location::current()) {
  //     return AsyncDropGuard<Conn>(std::in_place, where, fd);
  //   }
  template <class... Args>
    requires AsyncDrop<T>
  explicit AsyncDropGuard(std::in_place_t, std::source_location where, Args&&... args)
      : state_(reinterpret_cast<std::uintptr_t>(new access::box<T>(std::uncaught_exceptions(),
                                                                   detail::capture_creation_trace(),
                                                                   std::forward<Args>(args)...))),
        where_(where) {}

  // The move constructor needs no annotation: -Wconsumed already moves the
  // state to the new guard and marks the source consumed.
  AsyncDropGuard(AsyncDropGuard&& other) noexcept : state_(other.state_), where_(other.where_) {
    other.state_ = empty_state(other.trace(), /*dropped=*/false);
  }

  // Assigning over a guard that still owns an undropped value reports a
  // forgotten drop, so -Wconsumed wants the target consumed (or unknown).
  // Afterwards the target is assumed to own a value again; assigning a
  // dropped or moved-from guard then needs a (no-op) async_drop() to satisfy
  // the analysis.
  ASYNCDROP_CALLABLE_WHEN("consumed", "unknown")
  ASYNCDROP_SET_TYPESTATE(unconsumed)
  AsyncDropGuard& operator=(AsyncDropGuard&& other) noexcept {
    if (this != &other) {
      forget_value();
      state_ = other.state_;
      where_ = other.where_;
      other.state_ = empty_state(other.trace(), /*dropped=*/false);
    }
    return *this;
  }

  AsyncDropGuard(const AsyncDropGuard&) = delete;
  AsyncDropGuard& operator=(const AsyncDropGuard&) = delete;

  // "unknown" is allowed so that a guard handed to a function by reference
  // (which may or may not have dropped it) does not produce a warning.
  ASYNCDROP_CALLABLE_WHEN("consumed", "unknown")
  ~AsyncDropGuard() { forget_value(); }

  // Access to the value.  Preconditions: not dropped, not moved from; a
  // violation is reported (type and creation site) through the use-after-drop
  // handler and aborts, in every build mode.
  ASYNCDROP_CALLABLE_WHEN("unconsumed", "unknown")
  T& operator*() noexcept { return checked_box()->value; }
  ASYNCDROP_CALLABLE_WHEN("unconsumed", "unknown")
  const T& operator*() const noexcept { return checked_box()->value; }
  ASYNCDROP_CALLABLE_WHEN("unconsumed", "unknown")
  T* operator->() noexcept { return get(); }
  ASYNCDROP_CALLABLE_WHEN("unconsumed", "unknown")
  const T* operator->() const noexcept { return get(); }
  // Never nullptr: the same precondition and report as operator*.
  ASYNCDROP_CALLABLE_WHEN("unconsumed", "unknown")
  T* get() noexcept { return std::addressof(checked_box()->value); }
  ASYNCDROP_CALLABLE_WHEN("unconsumed", "unknown")
  const T* get() const noexcept { return std::addressof(checked_box()->value); }

  // True once async_drop() has started on this guard (or on the guard it was
  // moved from).  False for a live guard and for a moved-from one.
  [[nodiscard]] bool is_dropped() const noexcept { return (state_ & dropped_bit) != 0; }

  // The cleanup.  Lazy like every Task: nothing happens until it is awaited.
  // When awaited it runs T::async_drop_impl() and destroys the value; the
  // guard counts as dropped from the start, so
  //  * a second async_drop() (or one on a moved-from guard) completes at once;
  //  * if async_drop_impl() throws, the exception reaches the awaiter, the
  //    value is still destroyed, and there is no second attempt.
  // The guard is only touched before the cleanup's first suspension (the value
  // is detached from it), so it may be moved or destroyed while the cleanup
  // is in flight.
  // Returns drop_coroutine_t<T>: Task<void>, or asio::awaitable<void> for a
  // type whose async_drop_impl() returns one (asio.hpp).  The return type is
  // deduced so that declaring AsyncDropGuard<Incomplete> does not need it.
  ASYNCDROP_SET_TYPESTATE(consumed)
  [[nodiscard]] auto async_drop() { return drop_coroutine(); }

  // Lets a constructor take the guard as a GuardHandoff<T> (see below).
  ASYNCDROP_CALLABLE_WHEN("unconsumed", "unknown")
  ASYNCDROP_SET_TYPESTATE(consumed)
  operator GuardHandoff<T>() && noexcept { return GuardHandoff<T>(std::move(*this)); }

  // Releases the value without running its cleanup, for the type's own
  // implementation (pattern rule 7).  Only for move-constructible T.
  ASYNCDROP_CALLABLE_WHEN("unconsumed", "unknown")
  ASYNCDROP_SET_TYPESTATE(consumed)
  T unsafe_into_inner_dont_drop() && {
    checked_box();
    std::unique_ptr<access::box<T>> owned(take_box(/*dropped=*/false));
    return access::take(owned->value);
  }

 private:
  // AsyncOwned asks whether there is a value to clean up (holds_value).
  template <class>
  friend class AsyncOwned;

  // state_ is the heap block while the guard owns a value.  Once the guard was
  // dropped, moved from or released it is the value's creation trace (or
  // nullptr) tagged with empty_bit, plus dropped_bit after a drop: what the
  // report of a later access needs.  Blocks and traces are at least 4-byte
  // aligned, so the two low bits are free.
  static constexpr std::uintptr_t empty_bit = 1;
  static constexpr std::uintptr_t dropped_bit = 2;

  static std::uintptr_t empty_state(const detail::creation_trace* trace, bool dropped) noexcept {
    return reinterpret_cast<std::uintptr_t>(trace) | empty_bit | (dropped ? dropped_bit : 0);
  }

  bool holds_value() const noexcept { return (state_ & empty_bit) == 0; }
  access::box<T>* box() const noexcept { return reinterpret_cast<access::box<T>*>(state_); }
  const detail::creation_trace* trace() const noexcept {
    if (holds_value()) return box()->trace;
    return reinterpret_cast<const detail::creation_trace*>(state_ & ~(empty_bit | dropped_bit));
  }

  // The block, or the report of a use after drop (which does not return).
  access::box<T>* checked_box() const noexcept {
    if (!holds_value()) [[unlikely]] {
      detail::report_use_after_drop(type_name<T>(), where_, !is_dropped(), trace());
    }
    return box();
  }

  // Detaches the block (the caller owns it now) and leaves the guard empty.
  access::box<T>* take_box(bool dropped) noexcept {
    access::box<T>* block = box();
    state_ = empty_state(block->trace, dropped);
    return block;
  }

  void forget_value() noexcept {
    if (!holds_value()) return;
    std::unique_ptr<access::box<T>> owned(take_box(/*dropped=*/false));
    std::string backtrace = detail::describe_backtrace(owned->trace, where_, false);
    detail::report_forgotten_drop(
        ForgottenDropInfo{type_name<T>(), where_.file_name(), where_.line(),
                          std::uncaught_exceptions() > owned->uncaught, backtrace});
    // A handler that returns (custom, or during unwinding) gets the value
    // destroyed synchronously, without its cleanup.
  }

  // The body of async_drop(), a template only to defer its return type.
  template <class U = T>
  drop_coroutine_t<U> drop_coroutine() {
    if (!holds_value()) {
      co_return;
    }
    std::unique_ptr<access::box<T>> owned(take_box(/*dropped=*/true));
    co_await access::async_drop_impl(owned->value);
  }

  std::uintptr_t state_;
  std::source_location where_;
};

// AsyncDropGuard(std::move(value)) deduces the guarded type.
template <class T>
AsyncDropGuard(T) -> AsyncDropGuard<T>;

template <class T>
inline constexpr bool is_consumable_v<AsyncDropGuard<T>> = true;

// The parameter type for constructors of owner types (SyncDrop, and owners
// outside the runtime) that take over a guard:
//
//   explicit Owner(asyncdrop::GuardHandoff<Conn> conn) : conn_(std::move(conn).take()) {}
//   Owner owner(asyncdrop::make_guard<Conn>());   // or Owner owner(std::move(g));
//
// Why not simply `Owner(AsyncDropGuard<Conn>)`?  Clang's -Wconsumed marks a
// guard passed by value to a *function* as consumed, but ignores the arguments
// of *constructors* (a known gap of the analysis), so the caller's temporary
// would be reported as destroyed undropped.  The conversion to GuardHandoff is
// a member call annotated set_typestate(consumed), which the analysis does
// understand.  Functions (and make_guard<Owner>(...), which forwards) can keep
// taking AsyncDropGuard<T> by value.
template <class T>
class GuardHandoff {
 public:
  GuardHandoff(GuardHandoff&&) noexcept = default;
  GuardHandoff& operator=(GuardHandoff&&) = delete;

  // Returns a reference rather than a value: a guard prvalue in a
  // mem-initializer is bound to a temporary that -Wconsumed checks (and
  // would report), a move from an xvalue is not.
  AsyncDropGuard<T>&& take() && noexcept { return std::move(guard_); }

 private:
  friend class AsyncDropGuard<T>;
  explicit GuardHandoff(AsyncDropGuard<T>&& guard) noexcept : guard_(std::move(guard)) {}
  AsyncDropGuard<T> guard_;
};

}  // namespace asyncdrop

// Guards are made with make_guard<T>(...); keep that a single include away.
#include "asyncdrop/make_guard.hpp"
