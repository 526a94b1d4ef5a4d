// AsyncDropArc clone + drop against std::shared_ptr copy + destroy, on one
// thread and on 4 threads sharing one value (each thread clones the same,
// const, global handle: like copying a shared_ptr that several threads read).
//
//   BM_ArcCloneDrop     auto c = arc.clone(); co_await c.async_drop();
//   BM_SharedPtrCopy    auto c = sp; (destroyed at the end of the iteration)
// Needs <asyncdrop/arc.hpp>; without it only a placeholder is built.
#include <benchmark/benchmark.h>

#if __has_include(<asyncdrop/arc.hpp>)
#include "bench_util.hpp"

#include <asyncdrop/arc.hpp>

#include <memory>
#include <optional>

namespace {

using Value = bench::Res<64>;
struct PlainValue {
  unsigned char data[64] = {};
};

// Made before the benchmark threads start, dropped after they are done.
std::optional<asyncdrop::AsyncDropArc<Value>> g_arc;
std::shared_ptr<PlainValue> g_shared = std::make_shared<PlainValue>();

asyncdrop::Task<void> arc_loop(benchmark::State& state, const asyncdrop::AsyncDropArc<Value>& arc) {
  for (auto _ : state) {
    auto c = arc.clone();
    benchmark::DoNotOptimize(c.get());
    co_await c.async_drop();
  }
}

void BM_ArcCloneDrop(benchmark::State& state) { asyncdrop::sync_wait(arc_loop(state, *g_arc)); }
BENCHMARK(BM_ArcCloneDrop)->Threads(1)->Threads(4)->UseRealTime();

void BM_SharedPtrCopy(benchmark::State& state) {
  const std::shared_ptr<PlainValue>& sp = g_shared;
  for (auto _ : state) {
    auto c = sp;
    benchmark::DoNotOptimize(c.get());
  }
}
BENCHMARK(BM_SharedPtrCopy)->Threads(1)->Threads(4)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  g_arc.emplace(asyncdrop::make_guard<Value>());
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  asyncdrop::sync_wait(g_arc->async_drop());
  return 0;
}

#else
static void BM_ArcNotAvailable(benchmark::State& state) {
  for (auto _ : state) {
  }
  state.SetLabel("<asyncdrop/arc.hpp> not available");
}
BENCHMARK(BM_ArcNotAvailable)->Iterations(1);
BENCHMARK_MAIN();
#endif
