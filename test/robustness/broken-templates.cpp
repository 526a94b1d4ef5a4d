// Templates that hold guards, with errors that only show up when they are
// instantiated (and a few that show up at once): a dependent member that does
// not exist, a dependent guard type with a bad argument, a generic lambda with
// an error, a variadic drop of things that are not guards.  The checks must
// skip the failed instantiations without crashing.
//
// RUN: %check_asyncdrop_tidy --no-fix %s 'asyncdrop-*' %t
// RUN: not %clangxx -fsyntax-only -fno-caret-diagnostics %host_plugin_flags %asyncdrop_cxxflags %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PLUGIN %no_crash_no_asyncdrop
// PLUGIN: {{(fatal )?}}error:

#include <asyncdrop/asyncdrop.hpp>

#include <utility>

namespace app {

class Conn {
 public:
  asyncdrop::Task<int> read() { co_return 1; }

 private:
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

template <class T>
asyncdrop::Task<int> use_member() {
  auto g = asyncdrop::make_guard<T>();
  int n = co_await g->no_such_member();
  // CHECK-MESSAGES: :[[@LINE-1]]:23: error: no member named 'no_such_member' in 'app::Conn' [clang-diagnostic-error]
  co_await g.async_drop();
  co_return n;
}

template <class T>
asyncdrop::Task<void> guard_of_pointer() {
  auto g = asyncdrop::make_guard<T*>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: error: no matching function for call to 'make_guard' [clang-diagnostic-error]
  co_await g.async_drop();
}

template <class... G>
asyncdrop::Task<void> drop_everything(G&... g) {
  co_await asyncdrop::drop_all(g...);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: error: no matching function for call to 'drop_all' [clang-diagnostic-error]
}

asyncdrop::Task<void> instantiate() {
  co_await use_member<Conn>();
  co_await guard_of_pointer<Conn>();
  int a = 1, b = 2;
  co_await drop_everything(a, b);
  auto conn = asyncdrop::make_guard<Conn>();
  auto lambda = [](auto& guard) -> asyncdrop::Task<void> {
    co_await guard.async_drop(1, 2, 3);
    // CHECK-MESSAGES: :[[@LINE-1]]:31: error: too many arguments to function call, expected 0, have 3 [clang-diagnostic-error]
  };
  co_await lambda(conn);
  co_await conn.async_drop();
}

}  // namespace app
