// Shared by one.cpp and two.cpp: its fix-it is reported by both translation
// units and must be applied once.
#pragma once
#include <asyncdrop/asyncdrop.hpp>

namespace app {
class Writer {
  friend class asyncdrop::access;
  Writer() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }

public:
  static asyncdrop::AsyncDropGuard<Writer> open() { return asyncdrop::make_guard<Writer>(); }
};

inline asyncdrop::Task<void> flush_shared() {
  auto w = Writer::open();
  w.async_drop();
  co_return;
}
} // namespace app
