// A NOLINTBEGIN without its NOLINTEND: clang-tidy reports the comment as an
// error (and then does not honour it); so does the plugin.
#include <asyncdrop/asyncdrop.hpp>

class Conn {
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

// NOLINTBEGIN(asyncdrop-sync-drop-outside-tests)
void first(asyncdrop::SyncDrop<Conn> *conn);
void second(asyncdrop::SyncDrop<Conn> *conn);
