// Shared by a_blocking.cpp and b_clean.cpp: a diagnostic here is reported by
// both translation units and must come out once.
#pragma once
#include <asyncdrop/asyncdrop.hpp>

namespace app {
class Conn {
public:
  void send(int) {}

private:
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

inline asyncdrop::AsyncDropGuard<Conn> connect() {
  return asyncdrop::make_guard<Conn>();
}

using BlockingConn = asyncdrop::SyncDrop<Conn>;
} // namespace app
