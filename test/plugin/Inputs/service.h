// A header with a finding: reported only when HeaderFilterRegex matches it,
// as clang-tidy does.
#pragma once
#include <asyncdrop/asyncdrop.hpp>

namespace app {
class HeaderConn {
  friend class asyncdrop::access;
  HeaderConn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
inline void header_blocking(asyncdrop::SyncDrop<HeaderConn> *conn) {}
} // namespace app
