// A member function that drops a member on every path, called on `this`
// from async_drop_impl(), drops that member (the message itself recommends
// such a helper).
// RUN: %check_asyncdrop_tidy %s asyncdrop-missing-member-delegation %t.dir/src/member_helpers

#include <asyncdrop/asyncdrop.hpp>

namespace app {

class Smtp {
  friend class asyncdrop::access;
  Smtp() = default;
  asyncdrop::Task<void> async_drop_impl() { co_return; }
};
using SmtpGuard = asyncdrop::AsyncDropGuard<Smtp>;
bool flag();

// ---- negatives ----

class Mailer {
  friend class asyncdrop::access;
  SmtpGuard smtp_;
  SmtpGuard backup_;
  asyncdrop::Task<void> close_smtp() { co_await smtp_.async_drop(); }
  asyncdrop::Task<void> close_backup() {
    if (flag()) {
      co_await backup_.async_drop();
      co_return;
    }
    co_await asyncdrop::drop_all(backup_);
  }
  asyncdrop::Task<void> async_drop_impl() {
    co_await this->close_smtp();
    co_await close_backup();
  }
};

// Helpers calling helpers, defined after their caller.
class Layered {
  friend class asyncdrop::access;
  SmtpGuard smtp_;
  asyncdrop::Task<void> async_drop_impl() { co_await shutdown(); }
  asyncdrop::Task<void> shutdown() { co_await close(); }
  asyncdrop::Task<void> close() {
    if (!smtp_.is_dropped())
      co_await smtp_.async_drop();
  }
};

// ---- positives ----

// The helper drops the member on one path only.
class SometimesCloses {
  friend class asyncdrop::access;
  SmtpGuard smtp_;
  asyncdrop::Task<void> maybe_close() {
    if (flag())
      co_await smtp_.async_drop();
  }
  asyncdrop::Task<void> async_drop_impl() {
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'async_drop_impl()' of 'SometimesCloses' does not drop 'smtp_' on every path
    co_await maybe_close();
  }
};

// The helper drops another member.
class WrongMember {
  friend class asyncdrop::access;
  SmtpGuard smtp_;
  SmtpGuard backup_;
  asyncdrop::Task<void> close_backup() { co_await backup_.async_drop(); }
  asyncdrop::Task<void> async_drop_impl() {
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'async_drop_impl()' of 'WrongMember' does not drop 'smtp_' on every path
    co_await close_backup();
  }
};

// A virtual helper may be overridden by one that does not drop.
class VirtualHelper {
  friend class asyncdrop::access;
  SmtpGuard smtp_;
  virtual asyncdrop::Task<void> close_smtp() { co_await smtp_.async_drop(); }
  asyncdrop::Task<void> async_drop_impl() {
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'async_drop_impl()' of 'VirtualHelper' does not drop 'smtp_' on every path
    co_await close_smtp();
  }

 public:
  virtual ~VirtualHelper() = default;
};

}  // namespace app
