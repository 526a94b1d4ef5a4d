// One asyncdrop finding and one of a built-in clang-tidy module.
#include <asyncdrop/asyncdrop.hpp>

class Conn {
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

void take(asyncdrop::SyncDrop<Conn> *conn);
//                   ^~~~~~~~ diag: asyncdrop-sync-drop-outside-tests message~blocks the calling thread

void reset(int *p) {
  p = 0;
//    ^ diag: modernize-use-nullptr
}
