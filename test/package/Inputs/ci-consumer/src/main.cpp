#include "app/session.h"

int main() {
  asyncdrop::SyncDrop<app::Session> session(asyncdrop::make_guard<app::Session>());
  session->send("hello");
  return 0;
}
