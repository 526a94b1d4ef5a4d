// A guard leaked on an early return, and a drop task that is never awaited.
#include <asyncdrop/asyncdrop.hpp>

#include <string>
#include <utility>

class Connection {
public:
  void send(std::string bytes) { sent_ += bytes; }

private:
  friend class asyncdrop::access;
  explicit Connection(std::string peer) : peer_(std::move(peer)) {}
  asyncdrop::Task<void> async_drop_impl() { co_return; }

  std::string peer_;
  std::string sent_;
};

asyncdrop::Task<void> early_return(bool quick) {
  auto conn = asyncdrop::make_guard<Connection>("peer");
  if (quick)
    co_return;
//  ^~~~~~~~~ diag: asyncdrop-missing-async-drop message~guard 'conn'
  co_await conn.async_drop();
}

// The fix is offered inside a coroutine only (co_await needs one).
asyncdrop::Task<void> not_awaited() {
  auto first = asyncdrop::make_guard<Connection>("first");
  co_await first.async_drop();
  auto conn = asyncdrop::make_guard<Connection>("peer");
  conn->send("bye");
  conn.async_drop();
//^~~~ fix: asyncdrop-unawaited-async-drop inserts 'co_await '
}
