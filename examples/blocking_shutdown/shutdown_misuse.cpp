// Shutting down a metrics exporter whose cleanup pushes the last batch.
//
// expect: asyncdrop-sync-drop-outside-tests
// The deliberate misuse: the exporter is held in asyncdrop::SyncDrop so its
// destructor blocks until the push finishes. Here the cleanup needs the same
// thread's event loop to make progress, which SyncDrop blocks: in a real
// server this hangs at shutdown. asyncdrop-sync-drop-outside-tests reports
// SyncDrop outside tests.
#include "../common/sim_loop.hpp"

#include <string>

namespace metrics {

class Exporter {
 public:
  void record(std::string name) { last_ = std::move(name); }

 private:
  friend class asyncdrop::access;
  Exporter() = default;
  asyncdrop::Task<void> async_drop_impl() {
    co_await examples::loop().io();  // push the last batch
    std::printf("exporter: pushed %s\n", last_.c_str());
  }
  std::string last_;
};

void shutdown_exporter(asyncdrop::AsyncDropGuard<Exporter> exporter) {
  asyncdrop::SyncDrop<Exporter> blocking(std::move(exporter));  // BUG
  blocking->record("requests_total");
}

}  // namespace metrics

int main() {
  // Not run: SyncDrop would wait forever for the loop it blocks.
  return 0;
}
