// Task<T> await chains: awaits per second and heap allocations per await.
//
//   BM_AwaitLoop        one coroutine awaiting a ready leaf Task<int> in a loop
//   BM_AwaitChain/D     a chain of D nested Tasks (each awaits the next), per
//                       chain: D awaits
//   BM_DropAwait        co_await guard.async_drop() alone (the guard made
//                       outside the timed region)
// allocs_per_await counts calls of the global operator new (replaced below)
// divided by the awaits performed.
#include "bench_util.hpp"

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

namespace {
std::atomic<std::size_t> g_allocations{0};
}

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

asyncdrop::Task<int> leaf(int x) { co_return x + 1; }

asyncdrop::Task<int> chain(int depth) {
  if (depth == 0) co_return 0;
  co_return 1 + co_await chain(depth - 1);
}

asyncdrop::Task<void> await_loop(benchmark::State& state, std::size_t& awaits) {
  int sum = 0;
  for (auto _ : state) {
    sum += co_await leaf(sum);
    ++awaits;
  }
  benchmark::DoNotOptimize(sum);
}

void BM_AwaitLoop(benchmark::State& state) {
  std::size_t awaits = 0;
  auto task = await_loop(state, awaits);
  std::size_t before = g_allocations.load();
  asyncdrop::sync_wait(std::move(task));
  std::size_t allocs = g_allocations.load() - before;
  state.SetItemsProcessed(static_cast<int64_t>(awaits));
  state.counters["allocs_per_await"] = static_cast<double>(allocs) / static_cast<double>(awaits);
}
BENCHMARK(BM_AwaitLoop);

asyncdrop::Task<void> chain_loop(benchmark::State& state, int depth) {
  for (auto _ : state) benchmark::DoNotOptimize(co_await chain(depth));
}

void BM_AwaitChain(benchmark::State& state) {
  int depth = static_cast<int>(state.range(0));
  auto task = chain_loop(state, depth);
  std::size_t before = g_allocations.load();
  asyncdrop::sync_wait(std::move(task));
  std::size_t allocs = g_allocations.load() - before;
  double awaits = static_cast<double>(state.iterations()) * (depth + 1);
  state.SetItemsProcessed(static_cast<int64_t>(awaits));
  state.counters["allocs_per_await"] = static_cast<double>(allocs) / awaits;
}
BENCHMARK(BM_AwaitChain)->Arg(1)->Arg(10)->Arg(100)->Arg(1000);

asyncdrop::Task<void> drop_loop(benchmark::State& state,
                                std::vector<asyncdrop::AsyncDropGuard<bench::Res<8>>>& guards) {
  std::size_t i = 0;
  for (auto _ : state) co_await guards[i++].async_drop();
}

void BM_DropAwait(benchmark::State& state) {
  // Guards made up front, in batches, outside the timed region.
  constexpr std::size_t kBatch = 1 << 16;
  std::vector<asyncdrop::AsyncDropGuard<bench::Res<8>>> guards;
  guards.reserve(kBatch);
  for (std::size_t i = 0; i < kBatch; ++i) guards.push_back(asyncdrop::make_guard<bench::Res<8>>());
  auto task = drop_loop(state, guards);
  std::size_t before = g_allocations.load();
  asyncdrop::sync_wait(std::move(task));
  std::size_t allocs = g_allocations.load() - before;
  state.counters["allocs_per_await"] =
      static_cast<double>(allocs) / static_cast<double>(state.iterations());
  // The guards that were not dropped in the timed loop.
  for (auto& g : guards) asyncdrop::sync_wait(g.async_drop());
}
BENCHMARK(BM_DropAwait)->Iterations(1 << 16);

}  // namespace

BENCHMARK_MAIN();
