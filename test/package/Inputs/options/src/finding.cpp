// A finding of asyncdrop-sync-drop-outside-tests.
#include <asyncdrop/asyncdrop.hpp>

class Session {
  friend class asyncdrop::access;
  Session() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

void blocking() {
  asyncdrop::SyncDrop<Session> session(asyncdrop::make_guard<Session>());
}
