// A scope type that cannot be moved (the profiles' scopes) held by a standard
// owner: the advice must be something that works for it, not "hold it
// directly" alone (that makes the owner immovable too).
// RUN: %check_asyncdrop_tidy %s asyncdrop-guard-in-std-container %t \
// RUN:   -- -config="{CheckOptions: {Profiles: 'cppcoro;folly'}}" -- -isystem %S/Inputs/profiles

#include <cppcoro/async_scope.hpp>
#include <folly/coro/AsyncScope.h>
#include <memory>
#include <optional>
#include <vector>

namespace app {

class Server {
  std::unique_ptr<cppcoro::async_scope> scope_;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unique_ptr' destroys the 'cppcoro::async_scope' it holds without dropping it; it cannot be moved: hold it directly where its owner need not move, or join it through the pointer ('co_await p->join()') in an 'async_drop_impl()' or close method of the owner, before the pointer is reset [asyncdrop-guard-in-std-container]
  std::optional<folly::coro::AsyncScope> folly_scope_;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::optional' destroys the 'folly::coro::AsyncScope' it holds without dropping it; it cannot be moved: hold it directly where its owner need not move, or join it through the pointer ('co_await p->joinAsync()') in an 'async_drop_impl()' or close method of the owner, before the pointer is reset [asyncdrop-guard-in-std-container]
};

void per_worker(int n) {
  std::vector<std::unique_ptr<cppcoro::async_scope>> owned;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unique_ptr' destroys the 'cppcoro::async_scope' it holds without dropping it; it cannot be moved: hold it directly where its owner need not move, or join it through the pointer ('co_await p->join()')
  std::vector<cppcoro::async_scope> scopes(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::vector' destroys the 'cppcoro::async_scope' it holds without dropping it; it cannot be moved: hold a fixed number of them directly, or join each ('co_await s.join()') in an 'async_drop_impl()' or close method of their owner before the container is destroyed [asyncdrop-guard-in-std-container]
  (void)n;
}

// Held directly: nothing to say here.
class Worker {
  cppcoro::async_scope scope_;
};

} // namespace app
