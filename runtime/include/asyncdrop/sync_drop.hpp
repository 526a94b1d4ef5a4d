// SyncDrop<T>: FOR TESTS ONLY (pattern rule 8).
//
// Owns an AsyncDropGuard<T> and drops it in its destructor with
// sync_wait(guard.async_drop()), i.e. by BLOCKING the calling thread until the
// cleanup is done.  That is convenient in a unit test body, and wrong
// everywhere else: inside an event loop it blocks the loop, and if the cleanup
// needs that same loop to make progress it never finishes (deadlock).
//
//   TEST(Conn, Sends) {
//     asyncdrop::SyncDrop conn(asyncdrop::make_guard<Conn>(fd));
//     asyncdrop::sync_wait(conn->send("hi"));
//   }  // <- blocks here until Conn::async_drop_impl() is done
//
// A cleanup exception cannot leave a destructor: it goes to the cleanup-error
// handler.
#pragma once

#include <exception>
#include <utility>

#include "asyncdrop/guard.hpp"
#include "asyncdrop/handlers.hpp"
#include "asyncdrop/sync_wait.hpp"
#include "asyncdrop/type_name.hpp"

namespace asyncdrop {

template <class T>
class SyncDrop {
 public:
  // Takes a guard (make_guard<T>(...) or std::move(g)); see GuardHandoff for
  // why the parameter is not simply AsyncDropGuard<T>.
  explicit SyncDrop(GuardHandoff<T> guard) noexcept : guard_(std::move(guard).take()) {}
  SyncDrop(const SyncDrop&) = delete;
  SyncDrop& operator=(const SyncDrop&) = delete;

  ~SyncDrop() {
    try {
      sync_wait(guard_.async_drop());
    } catch (...) {
      detail::report_cleanup_error(std::current_exception(), type_name<T>(),
                                   "SyncDrop: a destructor cannot rethrow the cleanup's exception");
    }
  }

  T& operator*() noexcept { return *guard_; }
  const T& operator*() const noexcept { return *guard_; }
  T* operator->() noexcept { return guard_.get(); }
  const T* operator->() const noexcept { return guard_.get(); }
  T* get() noexcept { return guard_.get(); }
  const T* get() const noexcept { return guard_.get(); }
  // The guard itself, e.g. to drop it early (the destructor then has nothing
  // left to do).
  AsyncDropGuard<T>& guard() noexcept { return guard_; }

 private:
  AsyncDropGuard<T> guard_;
};

template <class T>
SyncDrop(AsyncDropGuard<T>) -> SyncDrop<T>;

}  // namespace asyncdrop
