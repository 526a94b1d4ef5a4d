// Stand-in for the parts of <stdexec/execution.hpp> the profile tests use:
// a sender factory and sync_wait, a customization point object.
#pragma once
#include "../standin_coroutine.hpp"

namespace stdexec {
struct __just_sender : standin::awaitable_sender {};
inline __just_sender just() noexcept { return {}; }
struct sync_wait_t {
  template <class Sender> void operator()(Sender &&sndr) const;
};
inline constexpr sync_wait_t sync_wait{};
} // namespace stdexec
