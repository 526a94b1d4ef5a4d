// The corrected twin of writer_misuse.cpp: the flush is awaited.
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
  co_await writer.async_drop();
}

}  // namespace files

int main() { examples::loop().run(files::save_report({"revenue: 12", "costs: 7"})); }
