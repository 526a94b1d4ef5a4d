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

}  // namespace asyncdrop::detail

namespace asyncdrop::backtrace_library {

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

// The runtime's frames (its headers, this file, Boost.Stacktrace): skipped.
// Without debug info only the function name is known.
bool is_runtime_frame(const resolved_frame& frame) {
  static const std::string_view runtime_dir = [] {
    std::string_view header = detail::runtime_header_file;
    return header.substr(0, header.rfind('/') + 1);
  }();
  if (!frame.file.empty()) {
    return starts_with(frame.file, runtime_dir) || frame.file == __FILE__ ||
           frame.file.find("/boost/stacktrace/") != std::string::npos;
  }
  return starts_with(frame.function, "asyncdrop::") ||
         starts_with(frame.function, "boost::stacktrace::");
}

// `where` (a source_location's file name, as the compiler was given it) and
// a file name from the debug info name the same file.
// The debug info's name is absolute; `where` may be relative to the build
// directory ("../src/a.cpp"): compare what follows the leading "../".
bool same_file(std::string_view debug_info_file, std::string_view where_file) {
  std::string where = normal_path(std::string(where_file));
  std::string_view tail = where;
  while (starts_with(tail, "../")) tail.remove_prefix(3);
  if (debug_info_file == tail) return true;
  return debug_info_file.size() > tail.size() &&
         debug_info_file.substr(debug_info_file.size() - tail.size()) == tail &&
         debug_info_file[debug_info_file.size() - tail.size() - 1] == '/';
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
    std::vector<resolved_frame> frames;
    for (std::uintptr_t address : trace->frames) {
      resolved_frame frame = resolve(address);
      if (frames.empty() && is_runtime_frame(frame)) continue;
      frames.push_back(std::move(frame));
    }
    if (frames.empty()) return;
    // frames[0] is the function that called make_guard (or the guard's
    // constructor), usually at `where` itself: its caller is the first frame
    // outside the factory.  When the factory was inlined into its caller,
    // frames[0] already is that caller (at the line of the inlined call).
    std::size_t first = frames[0].line == where.line() && same_file(frames[0].file, where.file_name())
                            ? 1
                            : 0;
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

}  // namespace asyncdrop::backtrace_library

// Referenced by the asyncdrop::backtrace CMake target (-Wl,--undefined=...),
// so that the linker keeps this object although nothing calls into it.
extern "C" {
int asyncdrop_backtrace_installed =
    (asyncdrop::detail::installed_backtrace_provider.store(&asyncdrop::backtrace_library::provider,
                                                           std::memory_order_release),
     1);
}
