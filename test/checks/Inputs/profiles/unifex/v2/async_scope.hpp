// Stand-in for libunifex's <unifex/v2/async_scope.hpp>, from its
// documentation: work enters through the nest/spawn_detached/spawn_future
// function objects, which take the scope by reference; join() is a sender
// that must have completed before the destructor. The free `join(scope)`
// spelling is also followed (the profile accepts both).
#pragma once
#include "../async_scope.hpp"

namespace unifex {
namespace v2 {
namespace _async_scope {
struct _join_sender : standin::awaitable_sender {};
class async_scope {
public:
  async_scope() noexcept;
  ~async_scope(); // asserts that join() completed
  async_scope(async_scope &&) = delete;
  [[nodiscard]] _join_sender join() noexcept;
};
[[nodiscard]] _join_sender join(async_scope &scope) noexcept;
} // namespace _async_scope
using _async_scope::async_scope;
using _async_scope::join;
} // namespace v2

namespace _nest {
struct _fn {
  template <class Sender, class Scope>
  standin::awaitable_sender operator()(Sender &&sndr, Scope &scope) const;
};
} // namespace _nest
inline constexpr _nest::_fn nest{};
namespace _spawn_detached {
struct _fn {
  template <class Sender, class Scope>
  void operator()(Sender &&sndr, Scope &scope) const;
};
} // namespace _spawn_detached
inline constexpr _spawn_detached::_fn spawn_detached{};
} // namespace unifex
