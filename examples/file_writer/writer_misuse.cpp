// A buffered file writer: bytes written are only on disk after the final
// flush, which is asynchronous, so the writer is an AsyncDrop type.
//
// expect: asyncdrop-unawaited-async-drop
// The deliberate misuse: save_report() calls writer.async_drop() without
// co_await. Tasks are lazy, so nothing is flushed and the guard is destroyed
// undropped. asyncdrop-unawaited-async-drop reports the call and offers the
// `co_await ` fix.
#include "../common/sim_loop.hpp"

#include <string>
#include <vector>

namespace files {

class FileWriter {
 public:
  // Buffers; every 4 KiB goes to the disk, which takes a round trip.
  asyncdrop::Task<void> write(std::string_view bytes) {
    buffer_.append(bytes);
    if (buffer_.size() - flushed_ >= 4096) {
      co_await examples::loop().io();
      flushed_ = buffer_.size();
    }
  }

 private:
  friend class asyncdrop::access;
  explicit FileWriter(std::string path) : path_(std::move(path)) {}

  asyncdrop::Task<void> async_drop_impl() {
    co_await examples::loop().io();  // write(2) the buffer, then fsync
    std::printf("flushed %zu bytes to %s\n", buffer_.size(), path_.c_str());
  }

  std::string path_;
  std::string buffer_;
  std::size_t flushed_ = 0;
};

asyncdrop::Task<void> save_report(std::vector<std::string> lines) {
  auto writer = asyncdrop::make_guard<FileWriter>("report.txt");
  for (const std::string& line : lines) {
    co_await writer->write(line);
    co_await writer->write("\n");
  }
  writer.async_drop();  // BUG: the flush task is created and thrown away
}

}  // namespace files

int main() {
  // Not run: the forgotten flush would abort the program.
  return 0;
}
