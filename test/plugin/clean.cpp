// Code that follows the pattern compiles with every asyncdrop-* check loaded
// and prints nothing at all.
// RUN: rm -rf %t.dir && mkdir -p %t.dir/src && cp %s %t.dir/src/clean.cpp
// RUN: %clangxx %asyncdrop_cxxflags -fsyntax-only -Wall -Wextra \
// RUN:   -fplugin=%asyncdrop_plugin -fplugin-arg-asyncdrop-config={} \
// RUN:   %t.dir/src/clean.cpp 2>&1 | count 0
// RUN: %clangxx %asyncdrop_cxxflags -c -o %t.dir/clean.o -Wall -Wextra \
// RUN:   -fplugin=%asyncdrop_plugin -fplugin-arg-asyncdrop-werror \
// RUN:   -fplugin-arg-asyncdrop-config={} %t.dir/src/clean.cpp 2>&1 | count 0

#include <asyncdrop/asyncdrop.hpp>

#include <string>
#include <utility>

namespace app {
class Connection {
public:
  void send(std::string bytes) { sent_ += bytes; }

private:
  friend class asyncdrop::access;
  explicit Connection(std::string peer) : peer_(std::move(peer)) {}
  asyncdrop::Task<void> async_drop_impl() { co_return; }

  std::string peer_;
  std::string sent_;
};

asyncdrop::Task<void> greet(std::string peer) {
  auto conn = asyncdrop::make_guard<Connection>(std::move(peer));
  conn->send("hello");
  co_await conn.async_drop();
}

asyncdrop::AsyncDropGuard<Connection> open(std::string peer) {
  return asyncdrop::make_guard<Connection>(std::move(peer));
}

asyncdrop::Task<void> greet_twice(std::string peer) {
  auto conn = open(std::move(peer));
  for (int i = 0; i < 2; ++i)
    conn->send("hello");
  co_await conn.async_drop();
}
} // namespace app
