// Stand-in for the P3149 counting scopes as stdexec provides them
// (exec::simple_counting_scope, exec::counting_scope), from the proposal:
// work is associated through spawn/spawn_future/associate/nest with the
// scope's token; join() is a sender; a scope never used may be destroyed,
// a used one only once joined. Neither copyable nor movable.
#pragma once
#include "../stdexec/execution.hpp"

namespace exec {
namespace __counting {
struct __join_sender : standin::awaitable_sender {};

class simple_counting_scope {
public:
  struct token {
    template <class Sender> Sender &&wrap(Sender &&sndr) const noexcept;
  };
  simple_counting_scope() noexcept;
  ~simple_counting_scope(); // terminates unless unused or joined
  simple_counting_scope(simple_counting_scope &&) = delete;
  token get_token() noexcept;
  void close() noexcept;
  [[nodiscard]] __join_sender join() noexcept;
};

class counting_scope {
public:
  struct token {
    template <class Sender> Sender &&wrap(Sender &&sndr) const noexcept;
  };
  counting_scope() noexcept;
  ~counting_scope();
  counting_scope(counting_scope &&) = delete;
  token get_token() noexcept;
  void close() noexcept;
  void request_stop() noexcept;
  [[nodiscard]] __join_sender join() noexcept;
};
} // namespace __counting
using __counting::counting_scope;
using __counting::simple_counting_scope;

template <class Sender, class Token> void spawn(Sender &&sndr, Token token);
template <class Sender, class Token>
standin::awaitable_sender spawn_future(Sender &&sndr, Token token);
template <class Sender, class Token>
standin::awaitable_sender associate(Sender &&sndr, Token token);
} // namespace exec
