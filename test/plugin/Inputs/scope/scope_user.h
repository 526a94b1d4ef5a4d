// A user header: its findings are shown with a HeaderFilterRegex that
// matches it, by both hosts alike (system-header-scope.test).
#pragma once
#include <asyncdrop/asyncdrop.hpp>

namespace usr {
class Res {
private:
  friend class asyncdrop::access;
  Res() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

inline asyncdrop::Task<void> header_leak(bool early) {
  auto r = asyncdrop::make_guard<Res>();
  if (early)
    co_return;
  co_await r.async_drop();
}
} // namespace usr
