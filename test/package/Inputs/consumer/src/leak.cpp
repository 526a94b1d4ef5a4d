// A second seeded bug, for asyncdrop-missing-async-drop: the early return
// destroys the guard without its asynchronous cleanup.
#include <asyncdrop/asyncdrop.hpp>

#include <cstdio>

namespace app {
class Session {
public:
  bool ready() const { return false; }

private:
  friend class asyncdrop::access;
  Session() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

asyncdrop::Task<void> run() {
  auto session = asyncdrop::make_guard<Session>();
  if (!session->ready())
    co_return;
  co_await session.async_drop();
}
} // namespace app

int main() {
  asyncdrop::sync_wait(app::run());
  return 0;
}
