#include "conn.h"

namespace app {
void shutdown_blocking(int n) {
  asyncdrop::SyncDrop<Conn> conn(connect());
  if (n)
    conn->send(n);
}
} // namespace app
