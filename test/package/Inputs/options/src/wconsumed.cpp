// Correct for this project, which tests what happens when a guard is
// forgotten; -Wconsumed reports it, and the project builds with -Werror.
#include <asyncdrop/asyncdrop.hpp>

class Probe {
  friend class asyncdrop::access;
  Probe() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};

asyncdrop::Task<void> forget_on_purpose() {
  auto probe = asyncdrop::make_guard<Probe>();
  co_return;
}
