// Profiles: 'seastar': an output_stream is closed before it is destroyed
// (unless default-constructed and never given a stream), a gate that was
// entered is closed, a sharded service that was started is stopped. Each
// drop is a future: counted where awaited, waited for with get(), or
// handed on.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop,asyncdrop-unawaited-async-drop,asyncdrop-use-after-async-drop %t \
// RUN:   -- -config="{CheckOptions: {Profiles: 'seastar'}}" -- -isystem %S/Inputs/profiles
// A class that closes its member itself needs no async_drop_impl():
// RUN: %check_asyncdrop_tidy --check-suffix=MEMBER %s asyncdrop-missing-member-delegation %t-member \
// RUN:   -- -config="{CheckOptions: {Profiles: 'seastar'}}" -- -isystem %S/Inputs/profiles

#include <seastar/core/gate.hh>
#include <seastar/core/iostream.hh>
#include <seastar/core/sharded.hh>
#include <utility>

using seastar::future;
bool failed();
struct cache {};

// --- correct code: no finding ----------------------------------------------

future<> written_and_closed(seastar::connected_socket &sock) {
  auto out = sock.output();
  co_await out.write("hello");
  co_await out.flush();
  co_await out.close();
}

// In a seastar thread, the close is waited for with get().
void closed_in_a_thread(seastar::connected_socket &sock) {
  auto out = sock.output();
  out.write("hello").get();
  out.close().get();
}

// A default-constructed stream holds nothing until it is given one.
future<> assigned_later(seastar::connected_socket &sock) {
  seastar::output_stream<char> out;
  if (failed())
    co_return;
  out = sock.output();
  co_await out.close();
}

// The stream handed on (moved) to whoever closes it.
future<> send_and_close(seastar::output_stream<char> out);
future<> handed_on(seastar::connected_socket &sock) {
  auto out = sock.output();
  return send_and_close(std::move(out));
}

future<> unused_gate() {
  seastar::gate g;
  co_return;
}

future<> gate_closed() {
  seastar::gate g;
  co_await seastar::with_gate(g, [] { return seastar::make_ready_future(); });
  g.enter();
  g.leave();
  co_await g.close();
  if (g.is_closed() && g.get_count() == 0)
    co_return;
}

future<> service_stopped() {
  seastar::sharded<cache> caches;
  co_await caches.start();
  co_await caches.invoke_on_all([](cache &) {});
  co_await caches.stop();
}

class Server {
public:
  void request() { gate_.enter(); }
  future<> stop() { co_await gate_.close(); }

private:
  seastar::gate gate_;
};

// --- misuse: found ---------------------------------------------------------

future<> early_return(seastar::connected_socket &sock) {
  auto out = sock.output();
  if (failed())
    co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: stream 'out' of type 'output_stream<char>' is destroyed without 'co_await out.close()' on this path [asyncdrop-missing-async-drop]
  co_await out.close();
}

future<> throws(seastar::connected_socket &sock) {
  auto out = sock.output();
  if (failed())
    throw 42;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: stream 'out' of type 'output_stream<char>' is destroyed without 'co_await out.close()' on this exception path [asyncdrop-missing-async-drop]
  co_await out.close();
}

void closed_in_a_thread_but_not_on_error(seastar::connected_socket &sock) {
  auto out = sock.output();
  if (failed())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: stream 'out' of type 'output_stream<char>' is destroyed without 'out.close().get()' on this path [asyncdrop-missing-async-drop]
  out.close().get();
}

future<> close_not_awaited(seastar::connected_socket &sock) {
  auto out = sock.output();
  co_await out.write("x");
  out.close();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the future returned by 'out.close()' is discarded without 'co_await': nothing is closed [asyncdrop-unawaited-async-drop]
  // CHECK-FIXES: {{^}}  co_await out.close();{{$}}
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: stream 'out' of type 'output_stream<char>' is destroyed without 'co_await out.close()' on this path [asyncdrop-missing-async-drop]

future<> gate_returns_from_catch() {
  seastar::gate g;
  try {
    g.enter();
    co_await seastar::make_ready_future();
  } catch (...) {
    co_return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: gate 'g' of type 'gate' is destroyed without 'co_await g.close()' on this exception path [asyncdrop-missing-async-drop]
  }
  g.leave();
  co_await g.close();
}

future<> enter_after_close() {
  seastar::gate g;
  co_await g.close();
  g.enter();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: gate 'g' is used after it was closed [asyncdrop-use-after-async-drop]
}

future<> service_not_stopped() {
  seastar::sharded<cache> caches;
  co_await caches.start();
  if (failed())
    co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: service 'caches' of type 'sharded<cache>' is destroyed without 'co_await caches.stop()' on this path [asyncdrop-missing-async-drop]
  co_await caches.stop();
}
