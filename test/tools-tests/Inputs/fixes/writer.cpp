#include <asyncdrop/asyncdrop.hpp>

namespace app {
class Writer {
  friend class asyncdrop::access;
  Writer() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

asyncdrop::Task<void> flush(bool twice) {
  auto w = asyncdrop::make_guard<Writer>();
  w.async_drop();
  if (twice)
    co_await w.async_drop();
}

asyncdrop::Task<void> early(bool quit) {
  auto w = asyncdrop::make_guard<Writer>();
  if (quit)
    co_return;
  co_await w.async_drop();
}
} // namespace app
