#include "writer.h"

namespace app {
asyncdrop::Task<void> flush_one() {
  auto w = Writer::open();
  w.async_drop();
  co_return;
}
} // namespace app
