// The corrected twin of shutdown_misuse.cpp: the cleanup is awaited inside
// the event loop, so the loop keeps running while the last batch is pushed.
#include "../common/sim_loop.hpp"

#include <string>

namespace metrics {

class Exporter {
 public:
  void record(std::string name) { last_ = std::move(name); }

  static asyncdrop::AsyncDropGuard<Exporter> create() { return asyncdrop::make_guard<Exporter>(); }

 private:
  friend class asyncdrop::access;
  Exporter() = default;
  asyncdrop::Task<void> async_drop_impl() {
    co_await examples::loop().io();  // push the last batch
    std::printf("exporter: pushed %s\n", last_.c_str());
  }
  std::string last_;
};

asyncdrop::Task<void> shutdown_exporter(asyncdrop::AsyncDropGuard<Exporter> exporter) {
  co_await asyncdrop::with_async_drop(std::move(exporter),
                                      [](Exporter& e) -> asyncdrop::Task<void> {
                                        e.record("requests_total");
                                        co_return;
                                      });
}

}  // namespace metrics

int main() { examples::loop().run(metrics::shutdown_exporter(metrics::Exporter::create())); }
