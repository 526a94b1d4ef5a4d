// A guard leaked on an early return, under a #line directive: every host
// names the physical file and line 20 (line-directive.test).
#include <asyncdrop/asyncdrop.hpp>

class Connection {
public:
  void send(int) {}

private:
  friend class asyncdrop::access;
  Connection() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

#line 700 "handlers.y"
asyncdrop::Task<void> early_return(bool quick) {
  auto conn = asyncdrop::make_guard<Connection>();
  conn->send(1);
  if (quick)
    co_return;
//  ^~~~~~~~~ diag: asyncdrop-missing-async-drop message~guard 'conn'
  co_await conn.async_drop();
}
