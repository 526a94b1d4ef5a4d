// RUN: %check_asyncdrop_tidy %s asyncdrop-unsafe-into-inner %t.dir/src/unsafe_into_inner
//
// Test code (here: a file under tests/) is not checked:
// RUN: %check_asyncdrop_tidy --check-suffix=TEST %s asyncdrop-unsafe-into-inner %t.dir/tests/unsafe_into_inner

#include <asyncdrop/asyncdrop.hpp>
#include <utility>

namespace app {

class Socket {
  friend class asyncdrop::access;
  Socket() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }

public:
  Socket(Socket &&) = default;
};
using SocketGuard = asyncdrop::AsyncDropGuard<Socket>;

class Buffer {
  friend class asyncdrop::access;
  Buffer() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
using BufferGuard = asyncdrop::AsyncDropGuard<Buffer>;

asyncdrop::Task<void> keep(SocketGuard socket);
asyncdrop::Task<void> close_buffer(BufferGuard &buffer) {
  co_await buffer.async_drop();
}

// A connection made of a socket and a buffer.
class Conn {
  friend class asyncdrop::access;
  Conn(SocketGuard socket, BufferGuard buffer)
      : socket_(std::move(socket)), buffer_(std::move(buffer)) {}
  asyncdrop::Task<void> async_drop_impl() {
    co_await asyncdrop::drop_all(buffer_, socket_);
  }
  SocketGuard socket_;
  BufferGuard buffer_;
  int id_ = 0;

public:
  Conn(Conn &&) = default;

  // Negative: the type's own member takes itself apart and drops or hands
  // on every guard-like member.
  static asyncdrop::Task<SocketGuard> into_socket(asyncdrop::AsyncDropGuard<Conn> self) {
    Conn inner = std::move(self).unsafe_into_inner_dont_drop();
    co_await inner.buffer_.async_drop();
    co_return std::move(inner.socket_);
  }
  static asyncdrop::Task<void> detach(asyncdrop::AsyncDropGuard<Conn> self) {
    auto inner = std::move(self).unsafe_into_inner_dont_drop();
    co_await close_buffer(inner.buffer_);
    co_await keep(std::move(inner.socket_));
  }
  // Negatives: every way of moving a member on counts as a move
  // (std::move_if_noexcept moves a guard: it is nothrow-movable and not
  // copyable; a cast to an rvalue reference is what std::move does).
  static asyncdrop::Task<void> detach_moves(asyncdrop::AsyncDropGuard<Conn> self) {
    auto inner = std::move(self).unsafe_into_inner_dont_drop();
    co_await keep(std::move_if_noexcept(inner.socket_));
    BufferGuard buffer = static_cast<BufferGuard &&>(inner.buffer_);
    co_await buffer.async_drop();
  }
  static asyncdrop::Task<void> detach_forward(asyncdrop::AsyncDropGuard<Conn> self) {
    auto inner = std::move(self).unsafe_into_inner_dont_drop();
    co_await keep(std::forward<SocketGuard>(inner.socket_));
    co_await close_buffer(inner.buffer_);
  }
  // Negative: the whole value is handed on.
  static Conn release(asyncdrop::AsyncDropGuard<Conn> self) {
    return std::move(self).unsafe_into_inner_dont_drop();
  }
  static asyncdrop::AsyncDropGuard<Conn> reguard(asyncdrop::AsyncDropGuard<Conn> self) {
    Conn inner = std::move(self).unsafe_into_inner_dont_drop();
    return asyncdrop::AsyncDropGuard<Conn>(std::move(inner));
  }

  // Positive: the buffer is forgotten.
  static asyncdrop::Task<SocketGuard> leaks_buffer(asyncdrop::AsyncDropGuard<Conn> self) {
    Conn inner = std::move(self).unsafe_into_inner_dont_drop();
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: the 'Conn' taken out of its guard here still owns 'buffer_', which is neither dropped nor handed to another owner [asyncdrop-unsafe-into-inner]
    co_return std::move(inner.socket_);
  }
  // Positive: a member of the temporary is taken, the rest dies with it.
  static SocketGuard only_socket(asyncdrop::AsyncDropGuard<Conn> self) {
    return std::move(std::move(self).unsafe_into_inner_dont_drop().socket_);
    // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: the 'Conn' taken out of its guard here still owns 'buffer_', which is neither dropped nor handed to another owner
  }
  // Positive: the released value is discarded.
  static void discard(asyncdrop::AsyncDropGuard<Conn> self) {
    std::move(self).unsafe_into_inner_dont_drop();
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: the 'Conn' taken out of its guard here still owns 'socket_' and 'buffer_', which are neither dropped nor handed to another owner
  }
  // Positive: members only looked at.
  static int peek(asyncdrop::AsyncDropGuard<Conn> self) {
    auto inner = std::move(self).unsafe_into_inner_dont_drop();
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: the 'Conn' taken out of its guard here still owns 'socket_' and 'buffer_'
    return inner.socket_.is_dropped() + inner.id_;
  }

  friend asyncdrop::Task<void> friend_detach(asyncdrop::AsyncDropGuard<Conn> self);
};

// Negative: a friend is part of the type's implementation.
asyncdrop::Task<void> friend_detach(asyncdrop::AsyncDropGuard<Conn> self) {
  auto inner = std::move(self).unsafe_into_inner_dont_drop();
  co_await asyncdrop::drop_all(inner.socket_, inner.buffer_);
}

// Positive: anywhere else.
Socket steal(SocketGuard guard) {
  return std::move(guard).unsafe_into_inner_dont_drop();
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'unsafe_into_inner_dont_drop()' takes the 'Socket' out of its guard without running its cleanup; only 'Socket' itself (its member functions and friends) may do that
}
struct Other {
  static Socket steal(SocketGuard guard) {
    auto lambda = [&] { return std::move(guard).unsafe_into_inner_dont_drop(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: 'unsafe_into_inner_dont_drop()' takes the 'Socket' out of its guard
    return lambda();
  }
};

// A class template, reported on its pattern once.
template <class T>
class Holder {
  friend class asyncdrop::access;
  explicit Holder(asyncdrop::AsyncDropGuard<T> value) : value_(std::move(value)) {}
  asyncdrop::Task<void> async_drop_impl() { co_await value_.async_drop(); }
  asyncdrop::AsyncDropGuard<T> value_;

public:
  Holder(Holder &&) = default;
  static void forget(asyncdrop::AsyncDropGuard<Holder> self) {
    auto inner = std::move(self).unsafe_into_inner_dont_drop();
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: the 'Holder' taken out of its guard here still owns 'value_'
  }
  static asyncdrop::AsyncDropGuard<T> unwrap(asyncdrop::AsyncDropGuard<Holder> self) {
    auto inner = std::move(self).unsafe_into_inner_dont_drop();
    return std::move(inner.value_);
  }
};
void instantiate(asyncdrop::AsyncDropGuard<Holder<Socket>> a,
                 asyncdrop::AsyncDropGuard<Holder<Buffer>> b) {
  Holder<Socket>::forget(std::move(a));
  Holder<Buffer>::forget(std::move(b));
}

// A guard of a template parameter: the type is not known, nothing is said.
template <class T>
T take(asyncdrop::AsyncDropGuard<T> guard) {
  return std::move(guard).unsafe_into_inner_dont_drop();
}

} // namespace app
