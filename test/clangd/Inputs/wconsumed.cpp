// Stock clangd, no asyncdrop tooling: -Wconsumed and the runtime's typestate
// attributes still flag a guard leaked on an early return.
#include <asyncdrop/asyncdrop.hpp>

class Conn {
  friend class asyncdrop::access;
  Conn() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

bool failed();

asyncdrop::Task<void> early_co_return() {
  auto conn = asyncdrop::make_guard<Conn>();
  if (failed())
    co_return;
//  ^~~~~~~~~ diag: -Wconsumed message~'conn' while it is in the 'unconsumed' state
  co_await conn.async_drop();
}
