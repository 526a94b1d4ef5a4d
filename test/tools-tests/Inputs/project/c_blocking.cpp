#include <asyncdrop/asyncdrop.hpp>

namespace other {
class Writer {
  friend class asyncdrop::access;
  Writer() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
void flush_blocking(asyncdrop::AsyncDropGuard<Writer> w) {
  asyncdrop::SyncDrop<Writer> blocking(std::move(w));
}
} // namespace other
