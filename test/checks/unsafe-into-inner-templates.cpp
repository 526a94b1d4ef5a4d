// Pattern rule 7 in function templates (checked through their
// instantiations), and a released value handed whole to code outside the
// type's implementation.
// RUN: %check_asyncdrop_tidy %s asyncdrop-unsafe-into-inner %t.dir/src/unsafe_into_inner_templates

#include <asyncdrop/asyncdrop.hpp>
#include <utility>

namespace app {

class Socket {
  friend class asyncdrop::access;
  Socket() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
using SocketGuard = asyncdrop::AsyncDropGuard<Socket>;

// A generic helper outside every type's implementation: reported at the
// template's code, once, with a note naming the instantiation.
template <class T>
T take(asyncdrop::AsyncDropGuard<T> guard) {
  return std::move(guard).unsafe_into_inner_dont_drop();
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: 'unsafe_into_inner_dont_drop()' takes the 'Socket' out of its guard without running its cleanup; only 'Socket' itself (its member functions and friends) may do that [asyncdrop-unsafe-into-inner]
  // CHECK-NOTES: unsafe_into_inner_templates.cpp:{{[0-9]+}}:17: note: in the instantiation 'app::take<app::Socket>' requested here
}
// Negative: never instantiated.
template <class T>
T untouched(asyncdrop::AsyncDropGuard<T> guard) {
  return std::move(guard).unsafe_into_inner_dont_drop();
}

struct Batch;
void ship(Batch batch);
void ship_ref(Batch &&batch);
void inspect(const Batch &batch);

// A type that takes itself apart.
struct Batch {
  friend class asyncdrop::access;
  SocketGuard socket_;
  int size_ = 0;
  asyncdrop::Task<void> async_drop_impl() { co_await socket_.async_drop(); }

  Batch(Batch &&) = default;

  // Positive (seed gotcha 5): released, then handed whole to a function that
  // is not Batch's: nothing there knows that socket_ must be dropped.
  static void send(asyncdrop::AsyncDropGuard<Batch> self) {
    Batch batch = std::move(self).unsafe_into_inner_dont_drop();
    // CHECK-NOTES: :[[@LINE-1]]:35: warning: the 'Batch' taken out of its guard here still owns 'socket_', and is handed to 'ship', which is not part of 'Batch''s implementation and cannot know that it must be dropped
    ship(std::move(batch));
    // CHECK-NOTES: :[[@LINE-1]]:5: note: handed over here
  }
  static void send_now(asyncdrop::AsyncDropGuard<Batch> self) {
    ship(std::move(self).unsafe_into_inner_dont_drop());
    // CHECK-NOTES: :[[@LINE-1]]:26: warning: the 'Batch' taken out of its guard here still owns 'socket_', and is handed to 'ship'
    // CHECK-NOTES: :[[@LINE-2]]:5: note: handed over here
  }
  static void send_ref(asyncdrop::AsyncDropGuard<Batch> self) {
    auto batch = std::move(self).unsafe_into_inner_dont_drop();
    // CHECK-NOTES: :[[@LINE-1]]:34: warning: the 'Batch' taken out of its guard here still owns 'socket_', and is handed to 'ship_ref'
    inspect(batch);
    ship_ref(std::move(batch));
    // CHECK-NOTES: :[[@LINE-1]]:5: note: handed over here
  }

  // Negatives: the members it owns are dropped or moved on first, or the
  // value goes to the type's own code or back into a guard.
  static asyncdrop::Task<void> send_dropped(asyncdrop::AsyncDropGuard<Batch> self) {
    Batch batch = std::move(self).unsafe_into_inner_dont_drop();
    co_await batch.socket_.async_drop();
    ship(std::move(batch));
  }
  static void keep(Batch batch);
  static void send_to_self(asyncdrop::AsyncDropGuard<Batch> self) {
    keep(std::move(self).unsafe_into_inner_dont_drop());
  }
  static asyncdrop::AsyncDropGuard<Batch> reguard(asyncdrop::AsyncDropGuard<Batch> self) {
    return asyncdrop::make_guard<Batch>(std::move(self).unsafe_into_inner_dont_drop());
  }
  friend void adopt(Batch batch);
  static void send_to_friend(asyncdrop::AsyncDropGuard<Batch> self) {
    Batch batch = std::move(self).unsafe_into_inner_dont_drop();
    adopt(std::move(batch));
  }
};

// A member function template of the type itself: its own implementation,
// checked per instantiation for what the released value still owns.
struct Pair {
  friend class asyncdrop::access;
  SocketGuard first_;
  SocketGuard second_;
  asyncdrop::Task<void> async_drop_impl() {
    co_await asyncdrop::drop_all(first_, second_);
  }
  template <class Sink>
  static void split(asyncdrop::AsyncDropGuard<Pair> self, Sink sink) {
    auto pair = std::move(self).unsafe_into_inner_dont_drop();
    // CHECK-NOTES: :[[@LINE-1]]:33: warning: the 'Pair' taken out of its guard here still owns 'second_', which is neither dropped nor handed to another owner
    // CHECK-NOTES: unsafe_into_inner_templates.cpp:{{[0-9]+}}:15: note: 'second_' declared here
    sink(std::move(pair.first_));
  }
};

void use(SocketGuard socket, asyncdrop::AsyncDropGuard<Pair> pair) {
  Socket bare = take(std::move(socket)); // the instantiation the note names
  (void)bare;
  Pair::split(std::move(pair), [](SocketGuard) {});
}

} // namespace app
