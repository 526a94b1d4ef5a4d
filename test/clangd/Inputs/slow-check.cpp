// asyncdrop-* and misc-const-correctness (which clangd measured as slow).
#include <asyncdrop/asyncdrop.hpp>

class Conn {
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

void take(asyncdrop::SyncDrop<Conn> *conn);
//                   ^~~~~~~~ diag: asyncdrop-sync-drop-outside-tests

int answer() {
  int value = 42;
  return value;
}
