// Concurrent drops: N values whose cleanup is one 1 ms timer round trip
// (asio::steady_timer), dropped together.  If the drops overlap, the wall
// time stays near one cleanup's latency (1 ms) plus the per-value overhead;
// dropped one after the other it would be N ms.
//
//   BM_DropAll/N            co_await drop_all(g1, ..., gN)  (N = 1, 10, 100)
//   BM_HashMapDrop/N        co_await map.async_drop()       (N = 1 .. 100000)
//   BM_Sequential/N         co_await g.async_drop() for each, in turn (N <= 100)
// Reported: real time per drop of all N, and latency_multiple = that time /
// 1 ms.  Setting the values up is outside the timed region.
#include "bench_util.hpp"

#include <benchmark/benchmark.h>

#if __has_include(<asyncdrop/hash_map.hpp>)
#include <asyncdrop/hash_map.hpp>
#define BENCH_HAVE_HASH_MAP 1
#endif

#include <chrono>
#include <utility>
#include <vector>

namespace {

using namespace std::chrono_literals;
using bench::TimedRes;
using Guard = asyncdrop::AsyncDropGuard<TimedRes>;
constexpr auto kLatency = 1ms;

void report(benchmark::State& state) {
  state.counters["latency_multiple"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * 1e-3,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

template <std::size_t... I>
asyncdrop::Task<void> drop_all_of(std::vector<Guard>& g, std::index_sequence<I...>) {
  co_await asyncdrop::drop_all(g[I]...);
}

template <std::size_t N>
void BM_DropAll(benchmark::State& state) {
  asio::io_context io;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<Guard> guards;
    guards.reserve(N);
    for (std::size_t i = 0; i < N; ++i)
      guards.push_back(asyncdrop::make_guard<TimedRes>(io, kLatency));
    state.ResumeTiming();
    bench::run_on(io, drop_all_of(guards, std::make_index_sequence<N>()));
  }
  report(state);
}
BENCHMARK_TEMPLATE(BM_DropAll, 1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_DropAll, 10)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_DropAll, 100)->UseRealTime()->Unit(benchmark::kMillisecond);

asyncdrop::Task<void> drop_in_turn(std::vector<Guard>& guards) {
  for (auto& g : guards) co_await g.async_drop();
}

void BM_Sequential(benchmark::State& state) {
  asio::io_context io;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<Guard> guards;
    for (int64_t i = 0; i < state.range(0); ++i)
      guards.push_back(asyncdrop::make_guard<TimedRes>(io, kLatency));
    state.ResumeTiming();
    bench::run_on(io, drop_in_turn(guards));
  }
  report(state);
}
BENCHMARK(BM_Sequential)->Arg(1)->Arg(10)->Arg(100)->UseRealTime()->Unit(benchmark::kMillisecond);

#ifdef BENCH_HAVE_HASH_MAP
asyncdrop::Task<void> drop_map(asyncdrop::AsyncDropHashMap<int, TimedRes>& map) {
  co_await map.async_drop();
}

void BM_HashMapDrop(benchmark::State& state) {
  asio::io_context io;
  for (auto _ : state) {
    state.PauseTiming();
    asyncdrop::AsyncDropHashMap<int, TimedRes> map;
    for (int i = 0; i < state.range(0); ++i)
      map.try_insert(i, asyncdrop::make_guard<TimedRes>(io, kLatency));
    state.ResumeTiming();
    bench::run_on(io, drop_map(map));
  }
  report(state);
}
BENCHMARK(BM_HashMapDrop)
    ->Arg(1)
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
#endif

}  // namespace

BENCHMARK_MAIN();
