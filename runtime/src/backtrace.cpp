// The asyncdrop::backtrace library: creation backtraces for the runtime's
// reports (ASYNCDROP_BACKTRACE=1, see asyncdrop/backtrace.hpp), with
// Boost.Stacktrace (libbacktrace backend: function, file and line from the
// program's debug info).
//
// Linking this library installs it in the runtime's hook during static
// initialisation; CMake's asyncdrop::backtrace target also makes the linker
// keep it (it is referenced by nothing else).
#include <asyncdrop/backtrace.hpp>

#include <boost/stacktrace/frame.hpp>
#include <boost/stacktrace/stacktrace.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace asyncdrop::detail {

// The return addresses of one creation stack, innermost first.
struct creation_trace {
  std::vector<std::uintptr_t> frames;
  auto operator<=>(const creation_trace&) const = default;
};
// The guard keeps two flag bits in the low bits of a trace pointer.
static_assert(alignof(creation_trace) >= 4);

}  // namespace asyncdrop::detail

// Internal linkage, but a namespace the reports recognise as the runtime's
// when the debug info has no file for a frame.
namespace asyncdrop::backtrace_library {
namespace {

using detail::creation_trace;

// Deep enough for the factory's callers; the rest of the stack is not shown.
constexpr std::size_t max_captured_frames = 48;
constexpr std::size_t max_reported_frames = 6;

// Every distinct creation stack, kept for the life of the process (a loop
// creating guards at one place stores one trace).  Leaked on purpose: guards
// destroyed during static destruction may still be reported.
std::mutex& table_mutex() {
  static std::mutex* mutex = new std::mutex;
  return *mutex;
}
std::set<creation_trace>& table() {
  static std::set<creation_trace>* traces = new std::set<creation_trace>;
  return *traces;
}

// One frame, symbolised.  A captured address is a return address: the call
// is the instruction before it (which matters when the call ends a line).
struct resolved_frame {
  std::string function;
  std::string file;
  std::size_t line = 0;
};

// "/build/../src/a.cpp" -> "/src/a.cpp" (debug info joins the compilation
// directory and the file name as given to the compiler).
std::string normal_path(const std::string& file) {
  if (file.empty()) return file;
  return std::filesystem::path(file).lexically_normal().string();
}

resolved_frame resolve(std::uintptr_t return_address) {
  boost::stacktrace::frame frame(reinterpret_cast<const void*>(return_address - 1));
  return resolved_frame{frame.name(), normal_path(frame.source_file()), frame.source_line()};
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Leading "../" removed: what a path relative to some build directory has in
// common with the absolute one in the debug info (a compiler cache such as
// ccache with base_dir makes __FILE__ relative).
std::string_view without_leading_parents(std::string_view path) {
  while (starts_with(path, "../")) path.remove_prefix(3);
  return path;
}

// `path` (from the debug info: absolute) ends with `tail` at a '/' boundary.
bool ends_with_path(std::string_view path, std::string_view tail) {
  if (path == tail) return true;
  return path.size() > tail.size() && path.substr(path.size() - tail.size()) == tail &&
         path[path.size() - tail.size() - 1] == '/';
}

// `source_file` (a source_location's or __FILE__, as the compiler was given
// it: maybe relative) and a file name from the debug info name the same file.
bool same_file(std::string_view debug_info_file, std::string_view source_file) {
  std::string normal = normal_path(std::string(source_file));
  return ends_with_path(debug_info_file, without_leading_parents(normal));
}

// The function's qualified name in a demangled signature: without a return
// type and the parameters ("decltype(auto) asyncdrop::sync_wait<X>(X&&)" ->
// "asyncdrop::sync_wait<X>", "ns::G<int> ns::make<int>()" -> "ns::make<int>").
std::string_view qualified_name(std::string_view signature) {
  std::size_t i = 0;
  if (starts_with(signature, "decltype(")) {
    int parens = 0;
    for (; i < signature.size(); ++i) {
      if (signature[i] == '(') ++parens;
      if (signature[i] == ')' && --parens == 0) break;
    }
  }
  std::size_t start = 0;
  int depth = 0;
  for (; i < signature.size(); ++i) {
    char c = signature[i];
    if (c == '<') ++depth;
    if (c == '>') --depth;
    if (c == '(' && depth == 0) break;
    if (c == ' ' && depth == 0) start = i + 1;
  }
  return signature.substr(start, i - start);
}

// The runtime's frames (its headers, this file, Boost.Stacktrace) and the
// standard library's (std::coroutine_handle::resume between a coroutine and
// the runtime code that resumed it): skipped.  Without debug info only the
// function name is known.
bool is_runtime_frame(const resolved_frame& frame) {
  std::string_view name = qualified_name(frame.function);
  if (starts_with(name, "std::")) return true;
  static const std::string runtime_dir = [] {
    std::string header = normal_path(std::string(detail::runtime_header_file));
    return std::string(without_leading_parents(header.substr(0, header.rfind('/'))));
  }();
  if (!frame.file.empty()) {
    std::string_view dir = std::string_view(frame.file).substr(0, frame.file.rfind('/'));
    return ends_with_path(dir, runtime_dir) || same_file(frame.file, __FILE__) ||
           frame.file.find("/boost/stacktrace/") != std::string::npos;
  }
  return starts_with(name, "asyncdrop::") || starts_with(name, "boost::stacktrace::");
}

// `demangled` ("ns::Conn::open(int)", "ns::G<int> ns::make<int>()") is the
// function `where` is in (its function_name(): "static ns::G<ns::Conn>
// ns::Conn::open(int)", "ns::G<T> ns::make() [T = int]"): the qualified name,
// without template arguments, followed by '(' there.  For frames whose line
// the debug info does not give.
bool is_function_of(std::string_view demangled, std::string_view where_function) {
  std::string_view name = qualified_name(demangled);
  if (!name.empty() && name.back() == '>') name = name.substr(0, name.find('<'));
  if (name.empty()) return false;
  return where_function.find(std::string(name) + "(") != std::string_view::npos;
}

void append_frame(std::string_view label, const resolved_frame& frame, std::string& out) {
  out += "asyncdrop:   ";
  out += label;
  out += ' ';
  if (!frame.file.empty()) {
    out += frame.file;
    out += ':';
    out += std::to_string(frame.line);
    if (!frame.function.empty()) out += " (in " + frame.function + ")";
  } else {
    out += frame.function.empty() ? std::string("??") : frame.function;
  }
  out += '\n';
}

std::vector<std::uintptr_t> current_return_addresses() {
  boost::stacktrace::stacktrace stack(0, max_captured_frames);
  std::vector<std::uintptr_t> frames;
  frames.reserve(stack.size());
  for (const boost::stacktrace::frame& frame : stack) {
    frames.push_back(reinterpret_cast<std::uintptr_t>(frame.address()));
  }
  return frames;
}

const creation_trace* capture() noexcept {
  try {
    creation_trace trace{current_return_addresses()};
    std::lock_guard lock(table_mutex());
    return &*table().insert(std::move(trace)).first;
  } catch (...) {
    return nullptr;
  }
}

void append_callers(const creation_trace* trace, std::source_location where,
                    std::string& out) noexcept {
  try {
    // The runtime's frames are skipped everywhere, not only the innermost
    // ones: a guard made in a coroutine has the runtime's resumption code
    // between the coroutine and whoever awaited it.
    std::vector<resolved_frame> frames;
    for (std::uintptr_t address : trace->frames) {
      resolved_frame frame = resolve(address);
      if (!is_runtime_frame(frame)) frames.push_back(std::move(frame));
      if (frames.size() > max_reported_frames + 1) break;
    }
    if (frames.empty()) return;
    // frames[0] is the function that called make_guard (or the guard's
    // constructor), usually at `where` itself: its caller is the first frame
    // outside the factory.  When the factory was inlined into its caller,
    // frames[0] already is that caller (at the line of the inlined call).
    bool at_where =
        frames[0].file.empty()
            ? is_function_of(frames[0].function, where.function_name())
            : frames[0].line == where.line() && same_file(frames[0].file, where.file_name());
    std::size_t first = at_where ? 1 : 0;
    // Up to main, or to the first frame without debug info (a library's,
    // such as a test framework's), which is shown only if it comes first.
    for (std::size_t i = first; i < frames.size() && i < first + max_reported_frames; ++i) {
      if (frames[i].file.empty() && (i > first || frames[i].function.empty())) break;
      append_frame("called from", frames[i], out);
      if (frames[i].function == "main") break;
    }
  } catch (...) {
  }
}

void append_access_site(std::string& out) noexcept {
  try {
    for (std::uintptr_t address : current_return_addresses()) {
      resolved_frame frame = resolve(address);
      if (is_runtime_frame(frame)) continue;
      append_frame("accessed at", frame, out);
      return;
    }
  } catch (...) {
  }
}

constexpr detail::backtrace_provider provider{&capture, &append_callers, &append_access_site};

}  // namespace
}  // namespace asyncdrop::backtrace_library

// Referenced by the asyncdrop::backtrace CMake target (-Wl,--undefined=...),
// so that the linker keeps this object although nothing calls into it.
extern "C" {
int asyncdrop_backtrace_installed =
    (asyncdrop::detail::installed_backtrace_provider.store(&asyncdrop::backtrace_library::provider,
                                                           std::memory_order_release),
     1);
}
