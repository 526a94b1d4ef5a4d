// AsyncDropArc<T>: shared ownership of one guarded value (pattern rule 9).
//
//   asyncdrop::AsyncDropArc<Conn> a(asyncdrop::make_guard<Conn>(fd));
//   auto b = a.clone();                // strong_count() == 2
//   co_await a.async_drop();           // not the last: only gives up a's share
//   co_await b.async_drop();           // the last: runs Conn's cleanup
//
// Why every clone is dropped with co_await, unlike std::shared_ptr: whichever
// handle goes last has to run an asynchronous cleanup, and only a coroutine
// can wait for it.  So each handle is an owner in the sense of the pattern: an
// undropped handle is a forgotten drop, reported with the line that created
// that handle (the constructor or the clone() call).  Clones are explicit
// (no copy constructor) for the same reason: every copy is one more drop.
//
// Thread safety: like std::shared_ptr.  Different handles to one value may be
// cloned and dropped concurrently from any threads; the count is atomic and
// the cleanup runs exactly once, in the async_drop() of the handle that
// brought the count to zero (on that thread).  One handle is not to be used
// from two threads at once, and the value itself is as shared as with
// shared_ptr: synchronise access to it yourself or use AsyncDropMutex.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <memory>
#include <source_location>
#include <stdexcept>
#include <string>
#include <utility>

#include "asyncdrop/access.hpp"
#include "asyncdrop/backtrace.hpp"
#include "asyncdrop/guard.hpp"
#include "asyncdrop/handlers.hpp"
#include "asyncdrop/type_name.hpp"

namespace asyncdrop {

template <class T>
class AsyncDropArc {
 public:
  using element_type = T;

  // Takes over the guard (make_guard<T>(...) or std::move(g)); GuardHandoff
  // keeps Clang's -Wconsumed silent at the call site (see guard.hpp).
  explicit AsyncDropArc(GuardHandoff<T> guard,
                        std::source_location where = std::source_location::current())
      : block_(new control_block(std::move(guard).take())),
        where_(where),
        uncaught_(std::uncaught_exceptions()),
        trace_(detail::capture_creation_trace()) {}

  AsyncDropArc(AsyncDropArc&& other) noexcept
      : block_(std::exchange(other.block_, nullptr)),
        dropped_(std::exchange(other.dropped_, false)),
        where_(other.where_),
        uncaught_(other.uncaught_),
        trace_(other.trace_) {}

  // Assigning over a handle that still holds a share reports it as a
  // forgotten drop first (like AsyncDropGuard).
  AsyncDropArc& operator=(AsyncDropArc&& other) noexcept {
    if (this != &other) {
      forget_share();
      block_ = std::exchange(other.block_, nullptr);
      dropped_ = std::exchange(other.dropped_, false);
      where_ = other.where_;
      uncaught_ = other.uncaught_;
      trace_ = other.trace_;
    }
    return *this;
  }

  AsyncDropArc(const AsyncDropArc&) = delete;
  AsyncDropArc& operator=(const AsyncDropArc&) = delete;

  ~AsyncDropArc() { forget_share(); }

  // Another handle to the same value; it has to be dropped too.
  // Precondition: this handle holds a share (not dropped, not moved from);
  // else reported like an access.
  [[nodiscard]] AsyncDropArc clone(
      std::source_location where = std::source_location::current()) const noexcept {
    checked_block();
    // Relaxed like shared_ptr: a new share can only come from an existing
    // one, which keeps the count above zero meanwhile.
    block_->count.fetch_add(1, std::memory_order_relaxed);
    return AsyncDropArc(block_, where);
  }

  // The number of handles that hold a share (0 for a dropped or moved-from
  // handle).  Like shared_ptr::use_count, only a snapshot when other threads
  // hold handles too.
  [[nodiscard]] std::size_t strong_count() const noexcept {
    return block_ ? block_->count.load(std::memory_order_acquire) : 0;
  }

  // Access to the value.  Preconditions: this handle holds a share; a
  // dropped or moved-from handle is reported (type and creation site of the
  // handle) through the use-after-drop handler and aborts, in every build
  // mode.  Shared ownership, not shared immutability (as with
  // std::shared_ptr).
  T& operator*() const noexcept { return *get(); }
  T* operator->() const noexcept { return get(); }
  T* get() const noexcept { return checked_block()->guard.get(); }

  // True once async_drop() has started on this handle.
  [[nodiscard]] bool is_dropped() const noexcept { return dropped_; }

  // Gives up this handle's share; the handle that gives up the last one runs
  // the value's cleanup (and gets its exception).  Lazy: nothing happens
  // until it is awaited.  A second call is a no-op.
  [[nodiscard]] auto async_drop() { return drop_coroutine(); }

  // The guard, if this is the only handle (strong_count() == 1): the value
  // is then owned by the returned guard and this handle is empty (its drop is
  // a no-op).  Otherwise throws std::logic_error and the handle keeps its
  // share.  The check is race-free: with a count of one nobody else has a
  // handle to clone from.
  [[nodiscard]] AsyncDropGuard<T> into_inner() && {
    if (block_ == nullptr || block_->count.load(std::memory_order_acquire) != 1) {
      throw std::logic_error("asyncdrop: AsyncDropArc::into_inner() on a shared or empty handle");
    }
    control_block* block = std::exchange(block_, nullptr);
    AsyncDropGuard<T> guard = std::move(block->guard);
    delete block;
    return guard;
  }

 private:
  // One allocation per shared value: the count next to the guard.
  struct control_block {
    explicit control_block(AsyncDropGuard<T>&& g) noexcept : guard(std::move(g)) {}
    std::atomic<std::size_t> count{1};
    AsyncDropGuard<T> guard;
  };

  AsyncDropArc(control_block* block, std::source_location where) noexcept
      : block_(block),
        where_(where),
        uncaught_(std::uncaught_exceptions()),
        trace_(detail::capture_creation_trace()) {}

  control_block* checked_block() const noexcept {
    if (block_ == nullptr) [[unlikely]] {
      detail::report_use_after_drop(type_name<AsyncDropArc<T>>(), where_, !dropped_, trace_);
    }
    return block_;
  }

  template <class U = T>
  drop_coroutine_t<U> drop_coroutine() {
    control_block* block = std::exchange(block_, nullptr);
    if (block == nullptr) co_return;
    dropped_ = true;
    // acq_rel: the last one sees everything the other handles did to the
    // value before they let go (the cleanup may read it).
    if (block->count.fetch_sub(1, std::memory_order_acq_rel) != 1) co_return;
    std::unique_ptr<control_block> owned(block);
    co_await owned->guard.async_drop();
  }

  void forget_share() noexcept {
    control_block* block = std::exchange(block_, nullptr);
    if (block == nullptr) return;
    std::string backtrace = detail::describe_backtrace(trace_, where_, false);
    detail::report_forgotten_drop(
        ForgottenDropInfo{type_name<AsyncDropArc<T>>(), where_.file_name(), where_.line(),
                          std::uncaught_exceptions() > uncaught_, backtrace});
    // The share is given up all the same; if it was the last one, the value
    // itself now goes undropped and its guard reports that too.
    if (block->count.fetch_sub(1, std::memory_order_acq_rel) == 1) delete block;
  }

  control_block* block_ = nullptr;
  bool dropped_ = false;
  std::source_location where_;
  int uncaught_ = 0;
  const detail::creation_trace* trace_ = nullptr;  // ASYNCDROP_BACKTRACE=1 only
};

// AsyncDropArc(make_guard<Conn>(...)) deduces AsyncDropArc<Conn>.
template <class T>
AsyncDropArc(AsyncDropGuard<T>) -> AsyncDropArc<T>;

}  // namespace asyncdrop
