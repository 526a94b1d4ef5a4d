// The seeded bug: SyncDrop in production code blocks the thread on cleanup
// (asyncdrop-sync-drop-outside-tests).
#include <asyncdrop/asyncdrop.hpp>

#include <cstdio>

namespace app {
class Session {
public:
  void send(const char *what) { std::printf("session: %s\n", what); }

private:
  friend class asyncdrop::access;
  Session() = default;
  asyncdrop::Task<void> async_drop_impl() {
    std::printf("session: goodbye\n");
    co_return;
  }
};
} // namespace app

int main() {
  asyncdrop::SyncDrop<app::Session> session(asyncdrop::make_guard<app::Session>());
  session->send("hello");
  return 0;
}
