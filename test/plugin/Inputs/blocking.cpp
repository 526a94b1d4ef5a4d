// One finding of asyncdrop-sync-drop-outside-tests, at line 12.
#include <asyncdrop/asyncdrop.hpp>

namespace app {
class Conn {
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

void shutdown_blocking(asyncdrop::AsyncDropGuard<Conn> guard) {
  asyncdrop::SyncDrop<Conn> conn(std::move(guard));
}

int answer() { return 42; }
} // namespace app
