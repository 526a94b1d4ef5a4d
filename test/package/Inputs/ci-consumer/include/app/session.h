// The project's own header, with a finding: asyncdrop-tidy's default header
// filter (CMake's source directory) reports it.
#pragma once
#include <asyncdrop/asyncdrop.hpp>

#include <cstdio>

namespace app {
class Session {
public:
  void send(const char *what) { std::printf("session: %s\n", what); }

private:
  friend class asyncdrop::access;
  Session() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

using BlockingSession = asyncdrop::SyncDrop<Session>;
} // namespace app
