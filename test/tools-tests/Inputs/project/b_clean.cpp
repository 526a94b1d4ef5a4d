#include "conn.h"

namespace app {
asyncdrop::Task<void> shutdown(int n) {
  auto conn = connect();
  if (n) {
    conn->send(n);
  }
  co_await conn.async_drop();
}
} // namespace app
