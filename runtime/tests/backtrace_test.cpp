// ASYNCDROP_BACKTRACE=1: the opt-in creation backtrace (asyncdrop/backtrace.hpp,
// runtime/src/backtrace.cpp).
//
// Built twice (tests/CMakeLists.txt): linked with asyncdrop::backtrace
// (ASYNCDROP_TEST_WITH_BACKTRACE_LIBRARY=1) and header-only.  Each binary runs
// twice: the BacktraceOff tests with the variable unset, the BacktraceOn
// tests with ASYNCDROP_BACKTRACE=1 (every test first checks that it runs in
// the environment it is meant for).  Compiled with -g: the reports' file and
// line come from the debug info.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <asyncdrop/asyncdrop.hpp>

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>

#include <unistd.h>  // environ

#include "test_support.hpp"

// ---- counting what the runtime does -------------------------------------------
//
// Every allocation of the program goes through these (all the replaceable
// forms a sanitizer runtime would otherwise pair differently).

namespace {
std::atomic<std::size_t> allocations{0};
std::atomic<int> backtrace_variable_reads{0};
}  // namespace

void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return ::operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return ::operator new(size, tag);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

// The program's getenv (this definition takes the C library's place), counting
// the reads of ASYNCDROP_BACKTRACE.
extern "C" char* getenv(const char* name) noexcept {
  std::string_view wanted(name);
  if (wanted == "ASYNCDROP_BACKTRACE") backtrace_variable_reads.fetch_add(1);
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    if (text.size() > wanted.size() && text.substr(0, wanted.size()) == wanted &&
        text[wanted.size()] == '=') {
      return *entry + wanted.size() + 1;
    }
  }
  return nullptr;
}

namespace {

// ASYNCDROP_BACKTRACE as the process got it, without going through getenv.
bool variable_is_set_to_one() {
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (std::strcmp(*entry, "ASYNCDROP_BACKTRACE=1") == 0) return true;
  }
  return false;
}

}  // namespace

// ---- a factory as the pattern writes them -------------------------------------

namespace backtrace_test_types {

using asyncdrop::AsyncDropGuard;
using asyncdrop::Task;

class Conn {
 public:
  // The make_guard call, and so the guard's creation site, is in here; the
  // report should also name the factory's caller.
  static constexpr int open_line = __LINE__ + 2;
  [[gnu::noinline]] static AsyncDropGuard<Conn> open(int id) {
    return asyncdrop::make_guard<Conn>(id);
  }
  // The same, inlined into its callers even without optimisation.
  static constexpr int open_inlined_line = __LINE__ + 2;
  [[gnu::always_inline]] static inline AsyncDropGuard<Conn> open_inlined(int id) {
    return asyncdrop::make_guard<Conn>(id);
  }

  int id() const { return id_; }

 private:
  friend class asyncdrop::access;
  explicit Conn(int id) : id_(id) {}
  Task<void> async_drop_impl() { co_return; }
  int id_;
};

}  // namespace backtrace_test_types

// The callers the reports should name: not inlined, so they are frames of
// their own, with names the tests can expect.
namespace backtrace_callers {

using backtrace_test_types::Conn;

ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN

[[maybe_unused]] constexpr int forget_line = __LINE__ + 1;
[[gnu::noinline]] void open_and_forget() { auto conn = Conn::open(1); }

[[maybe_unused]] constexpr int forget_inlined_line = __LINE__ + 1;
[[gnu::noinline]] void open_inlined_and_forget() { auto conn = Conn::open_inlined(2); }

[[maybe_unused]] constexpr int use_created_line = __LINE__ + 3;
[[maybe_unused]] constexpr int use_access_line = __LINE__ + 4;
[[gnu::noinline]] int open_drop_and_use() {
  auto conn = Conn::open(3);
  asyncdrop::sync_wait(conn.async_drop());
  return conn->id();
}

// In a coroutine: the runtime's resumption frames are not shown.
[[maybe_unused]] constexpr int coroutine_line = __LINE__ + 2;
asyncdrop::Task<void> open_in_a_coroutine() {
  auto conn = Conn::open(4);
  co_return;
}
[[maybe_unused]] constexpr int coroutine_caller_line = __LINE__ + 1;
[[gnu::noinline]] void run_the_coroutine() { asyncdrop::sync_wait(open_in_a_coroutine()); }

ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END

}  // namespace backtrace_callers

namespace {

using backtrace_test_types::Conn;

std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::string("\\^$.|?*+()[]{}").find(c) != std::string::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string at(int line) { return escaped(__FILE__) + ":" + std::to_string(line); }
// A backtrace line names the file as the debug info does (absolute, or
// relative to the build directory).
[[maybe_unused]] std::string in_this_file(int line) {
  return "([^\n]*/)?backtrace_test\\.cpp:" + std::to_string(line);
}

// What a handler that must not allocate (the off path is measured) saw.
struct SeenReport {
  unsigned long line = 0;
  std::size_t backtrace_size = 0;
  char backtrace[2048] = {};
};
SeenReport seen;

void record_without_allocating(const asyncdrop::ForgottenDropInfo& info) {
  seen.line = info.line;
  seen.backtrace_size = info.backtrace.size();
  std::size_t n = info.backtrace.size() < sizeof seen.backtrace - 1 ? info.backtrace.size()
                                                                    : sizeof seen.backtrace - 1;
  std::memcpy(seen.backtrace, info.backtrace.data(), n);
  seen.backtrace[n] = '\0';
}

class Backtrace : public testing::Test {
 protected:
  void SetUp() override {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    previous_ = asyncdrop::set_forgotten_drop_handler(&record_without_allocating);
    seen = SeenReport{};
  }
  void TearDown() override { asyncdrop::set_forgotten_drop_handler(previous_); }

 private:
  asyncdrop::ForgottenDropHandler previous_ = nullptr;
};

// ---- ASYNCDROP_BACKTRACE unset: nothing captured, nothing allocated ------------

class BacktraceOff : public Backtrace {
 protected:
  void SetUp() override {
    ASSERT_FALSE(variable_is_set_to_one())
        << "run the BacktraceOff tests without ASYNCDROP_BACKTRACE";
    Backtrace::SetUp();
  }
};

ASYNCDROP_TEST_MISUSES_ON_PURPOSE_BEGIN

TEST_F(BacktraceOff, MakingAGuardAllocatesOnlyItsBlock) {
  asyncdrop::sync_wait(Conn::open(0).async_drop());  // the variable is read here at the latest
  for (int i = 0; i < 100; ++i) {
    std::size_t before = allocations.load();
    auto conn = Conn::open(i);
    EXPECT_EQ(allocations.load() - before, 1u);  // the heap block of the value
    asyncdrop::sync_wait(conn.async_drop());
  }
}

TEST_F(BacktraceOff, AForgottenDropReportAllocatesNothing) {
  asyncdrop::sync_wait(Conn::open(0).async_drop());
  std::size_t before = allocations.load();
  backtrace_callers::open_and_forget();
  EXPECT_EQ(allocations.load() - before, 1u);  // the block again; the report: nothing
  EXPECT_EQ(seen.line, static_cast<unsigned long>(Conn::open_line));
  EXPECT_EQ(seen.backtrace_size, 0u);
}

TEST_F(BacktraceOff, TheDefaultReportNamesTheFactoryLineOnly) {
  EXPECT_DEATH(
      {
        asyncdrop::set_forgotten_drop_handler(nullptr);
        backtrace_callers::open_and_forget();
      },
      "forgot to call async_drop\\(\\) on backtrace_test_types::Conn created at " +
          at(Conn::open_line) + "\n$");
}

ASYNCDROP_TEST_MISUSES_ON_PURPOSE_END

TEST_F(BacktraceOff, TheVariableIsReadOnce) {
  for (int i = 0; i < 10; ++i) asyncdrop::sync_wait(Conn::open(i).async_drop());
  backtrace_callers::open_and_forget();
  EXPECT_EQ(backtrace_variable_reads.load(), 1);
}

// ---- ASYNCDROP_BACKTRACE=1 ---------------------------------------------------

class BacktraceOn : public Backtrace {
 protected:
  void SetUp() override {
    ASSERT_TRUE(variable_is_set_to_one()) << "run the BacktraceOn tests with ASYNCDROP_BACKTRACE=1";
    Backtrace::SetUp();
  }
};

TEST_F(BacktraceOn, TheVariableIsReadOnce) {
  for (int i = 0; i < 10; ++i) asyncdrop::sync_wait(Conn::open(i).async_drop());
  backtrace_callers::open_and_forget();
  EXPECT_EQ(backtrace_variable_reads.load(), 1);
}

#if ASYNCDROP_TEST_WITH_BACKTRACE_LIBRARY

TEST_F(BacktraceOn, AForgottenDropNamesTheFactorysCaller) {
  EXPECT_DEATH(
      {
        asyncdrop::set_forgotten_drop_handler(nullptr);
        backtrace_callers::open_and_forget();
      },
      "forgot to call async_drop\\(\\) on backtrace_test_types::Conn created at " +
          at(Conn::open_line) + "\nasyncdrop:   called from " +
          in_this_file(backtrace_callers::forget_line) +
          " \\(in backtrace_callers::open_and_forget\\(\\)\\)\n");
}

TEST_F(BacktraceOn, AnInlinedFactoryIsSeenThrough) {
  EXPECT_DEATH(
      {
        asyncdrop::set_forgotten_drop_handler(nullptr);
        backtrace_callers::open_inlined_and_forget();
      },
      "on backtrace_test_types::Conn created at " + at(Conn::open_inlined_line) +
          "\nasyncdrop:   called from " + in_this_file(backtrace_callers::forget_inlined_line) +
          " \\(in backtrace_callers::open_inlined_and_forget\\(\\)\\)\n");
}

TEST_F(BacktraceOn, AUseAfterDropNamesTheCallerAndTheAccess) {
  EXPECT_DEATH(backtrace_callers::open_drop_and_use(),
               "use after async_drop\\(\\) of backtrace_test_types::Conn created at " +
                   at(Conn::open_line) + "\nasyncdrop:   called from " +
                   in_this_file(backtrace_callers::use_created_line) +
                   " \\(in backtrace_callers::open_drop_and_use\\(\\)\\)\n(.|\n)*"
                   "asyncdrop:   accessed at " +
                   in_this_file(backtrace_callers::use_access_line) +
                   " \\(in backtrace_callers::open_drop_and_use\\(\\)\\)\n");
}

TEST_F(BacktraceOn, InACoroutineTheRuntimesFramesAreLeftOut) {
  backtrace_callers::run_the_coroutine();
  EXPECT_EQ(seen.line, static_cast<unsigned long>(Conn::open_line));
  EXPECT_THAT(std::string(seen.backtrace),
              testing::ContainsRegex("^asyncdrop:   called from " +
                                     in_this_file(backtrace_callers::coroutine_line) +
                                     " \\(in [^\n]*open_in_a_coroutine[^\n]*\n"
                                     "asyncdrop:   called from " +
                                     in_this_file(backtrace_callers::coroutine_caller_line) +
                                     " \\(in backtrace_callers::run_the_coroutine\\(\\)\\)\n"));
  EXPECT_THAT(std::string(seen.backtrace), testing::Not(testing::HasSubstr("include/asyncdrop/")));
}

TEST_F(BacktraceOn, TheHandlerGetsTheBacktraceLines) {
  backtrace_callers::open_and_forget();
  EXPECT_EQ(seen.line, static_cast<unsigned long>(Conn::open_line));
  EXPECT_THAT(std::string(seen.backtrace),
              testing::ContainsRegex("^asyncdrop:   called from " +
                                     in_this_file(backtrace_callers::forget_line) +
                                     " \\(in backtrace_callers::open_and_forget\\(\\)\\)\n"));
}

TEST_F(BacktraceOn, TheCaptureIsWhatTheOffTestsWouldSee) {
  // The counter sees the capture's allocations (so BacktraceOff's "only the
  // block" can fail): on, a creation allocates more than the block.
  asyncdrop::sync_wait(Conn::open(0).async_drop());
  std::size_t before = allocations.load();
  auto conn = Conn::open(1);
  EXPECT_GT(allocations.load() - before, 1u);
  asyncdrop::sync_wait(conn.async_drop());
}

using asyncdrop::detail::creation_trace;

[[gnu::noinline]] const creation_trace* capture_at_one_place() {
  return asyncdrop::detail::capture_creation_trace();
}
// Twice from one call site (a loop the compiler must not unroll into two).
[[gnu::noinline]] void capture_twice(const creation_trace** traces) {
  volatile int count = 2;
#if defined(__clang__)
#pragma clang loop unroll(disable)
#else
#pragma GCC unroll 1
#endif
  for (int i = 0; i < count; ++i) traces[i] = capture_at_one_place();
}

TEST_F(BacktraceOn, OneCreationStackKeepsOneTrace) {
  // Traces are interned (and kept): a loop creating guards at one place
  // stores one, and a dropped guard may keep pointing at it.
  const creation_trace* traces[2] = {nullptr, nullptr};
  capture_twice(traces);
  ASSERT_NE(traces[0], nullptr);
  EXPECT_EQ(traces[0], traces[1]);
  EXPECT_NE(asyncdrop::detail::capture_creation_trace(), traces[0]);  // another line
}

#else

TEST_F(BacktraceOn, WithoutTheLibraryTheReportSaysWhatIsMissing) {
  backtrace_callers::open_and_forget();
  EXPECT_THAT(std::string(seen.backtrace),
              testing::HasSubstr("ASYNCDROP_BACKTRACE=1 needs the program linked with "
                                 "asyncdrop::backtrace"));
}

TEST_F(BacktraceOn, WithoutTheLibraryNothingIsAllocated) {
  asyncdrop::sync_wait(Conn::open(0).async_drop());
  std::size_t before = allocations.load();
  auto conn = Conn::open(1);
  EXPECT_EQ(allocations.load() - before, 1u);
  asyncdrop::sync_wait(conn.async_drop());
}

#endif

}  // namespace
