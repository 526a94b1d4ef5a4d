#include "writer.h"

namespace app {
asyncdrop::Task<void> flush_two() {
  auto w = Writer::open();
  w.async_drop();
  co_return;
}
} // namespace app
