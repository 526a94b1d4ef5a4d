// AsyncDropResult: a result that holds an error owns nothing, so a path on
// which `r.has_value()` (or `bool(r)`) is false has nothing to drop; and
// `r.value()` is the guard the result holds: dropping, moving or using it
// acts on the result.
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-async-drop,asyncdrop-use-after-async-drop %t

#include "Inputs/flow-common.h"

namespace app {

using Result = asyncdrop::AsyncDropResult<Conn, int>;

// ---- not diagnosed: the idioms of a result ----

Task<int> error_returned_early() {
  auto r = co_await try_connect();
  if (!r)
    co_return r.error();
  r->send(1);
  co_await r.async_drop();
  co_return 0;
}

Task<void> has_value_tested_early() {
  auto r = co_await try_connect();
  if (!r.has_value())
    co_return;
  co_await r.async_drop();
}

Task<void> dropped_only_when_it_has_a_value() {
  auto r = co_await try_connect();
  if (r) {
    r->send(1);
    co_await r.async_drop();
  } else {
    log(r.error());
  }
}

Task<void> has_value_and_more(int limit) {
  auto r = co_await try_connect();
  if (r.has_value() && limit > 0) {
    co_await r.async_drop();
    co_return;
  }
  if (r.has_value())
    co_await r.async_drop();
}

Task<void> dropped_through_value() {
  auto r = co_await try_connect();
  if (!r)
    co_return;
  co_await r.value().async_drop();
}

Task<void> moved_out_through_value(Pool &pool) {
  auto r = co_await try_connect();
  if (!r)
    co_return;
  pool.put(std::move(r.value()));
}

Task<int> drop_tested_through_value() {
  Result r = co_await try_connect();
  if (r.has_value() && !r.value().is_dropped())
    co_await r.value().async_drop();
  co_return 0;
}

Task<void> in_a_loop(int n) {
  for (int i = 0; i < n; ++i) {
    auto r = co_await try_connect();
    if (!r)
      continue;
    r->send(i);
    co_await r.async_drop();
  }
}

auto in_a_lambda = []() -> Task<int> {
  auto r = co_await try_connect();
  if (!r)
    co_return r.error();
  co_await r.value().async_drop();
  co_return 0;
};

class Client {
public:
  Task<int> call() {
    auto r = co_await try_connect();
    if (!r.has_value())
      co_return r.error();
    r->send(calls_++);
    co_await r.async_drop();
    co_return 0;
  }

private:
  int calls_ = 0;
};

template <class Payload> Task<void> in_a_template(Payload p) {
  auto r = co_await try_connect();
  if (!r)
    co_return;
  r->send(static_cast<int>(p));
  co_await r.async_drop();
}
template Task<void> in_a_template<int>(int);

// ---- diagnosed ----

Task<int> early_return_after_the_test() {
  auto r = co_await try_connect();
  if (!r)
    co_return r.error();
  if (cond())
    co_return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'r' of type 'AsyncDropResult<Conn, int>' is destroyed without 'co_await r.async_drop()' on this path [asyncdrop-missing-async-drop]
  co_await r.async_drop();
  co_return 0;
}

Task<int> returns_when_it_has_a_value() {
  auto r = co_await try_connect();
  if (r)
    co_return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: guard 'r' of type 'AsyncDropResult<Conn, int>' is destroyed without 'co_await r.async_drop()' on this path [asyncdrop-missing-async-drop]
  co_return 0;
}

Task<void> only_the_error_handled() {
  auto r = co_await try_connect();
  if (!r.has_value())
    log(r.error());
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: guard 'r' of type 'AsyncDropResult<Conn, int>' is destroyed without 'co_await r.async_drop()' on this path [asyncdrop-missing-async-drop]

Task<void> used_after_dropping_its_value() {
  auto r = co_await try_connect();
  if (!r)
    co_return;
  co_await r.value().async_drop();
  r->send(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'r' is used after it was dropped [asyncdrop-use-after-async-drop]
  r.value()->send(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: guard 'r' is used after it was dropped [asyncdrop-use-after-async-drop]
}

Task<void> loop_continues_with_a_value(int n) {
  for (int i = 0; i < n; ++i) {
    auto r = co_await try_connect();
    if (r)
      continue;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guard 'r' of type 'AsyncDropResult<Conn, int>' is destroyed without 'co_await r.async_drop()' on this path [asyncdrop-missing-async-drop]
    log(r.error());
  }
}

} // namespace app
