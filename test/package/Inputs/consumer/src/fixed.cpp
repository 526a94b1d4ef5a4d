// seeded.cpp, fixed: the session is dropped asynchronously.
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

asyncdrop::Task<void> run() {
  auto session = asyncdrop::make_guard<Session>();
  session->send("hello");
  co_await session.async_drop();
}
} // namespace app

int main() {
  asyncdrop::sync_wait(app::run());
  return 0;
}
