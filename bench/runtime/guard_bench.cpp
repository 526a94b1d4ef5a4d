// AsyncDropGuard<T> against cleaning the same value up by hand.
//
//   BM_GuardCreateDrop<N>   auto g = make_guard<Res<N>>(); co_await g.async_drop();
//   BM_ManualStackClose<N>  ManualRes<N> v; co_await v.close();          (no allocation)
//   BM_ManualHeapClose<N>   auto p = std::make_unique<ManualRes<N>>(); co_await p->close();
//   BM_Sizeof<T>            counters: sizeof(T), sizeof(AsyncDropGuard<T>),
//                           sizeof(std::optional<T>)
// Each loop runs inside one coroutine (driven by sync_wait once per
// benchmark run), so what is measured is the create + drop itself.
#include "bench_util.hpp"

#include <benchmark/benchmark.h>

#include <memory>
#include <optional>

namespace {

using bench::ManualRes;
using bench::Res;

template <std::size_t N>
asyncdrop::Task<void> guard_loop(benchmark::State& state) {
  for (auto _ : state) {
    auto g = asyncdrop::make_guard<Res<N>>();
    benchmark::DoNotOptimize(g->touch());
    co_await g.async_drop();
  }
}

template <std::size_t N>
asyncdrop::Task<void> manual_stack_loop(benchmark::State& state) {
  for (auto _ : state) {
    ManualRes<N> v;
    benchmark::DoNotOptimize(v.touch());
    co_await v.close();
  }
}

template <std::size_t N>
asyncdrop::Task<void> manual_heap_loop(benchmark::State& state) {
  for (auto _ : state) {
    auto p = std::make_unique<ManualRes<N>>();
    benchmark::DoNotOptimize(p->touch());
    co_await p->close();
  }
}

template <std::size_t N>
void BM_GuardCreateDrop(benchmark::State& state) {
  asyncdrop::sync_wait(guard_loop<N>(state));
}
template <std::size_t N>
void BM_ManualStackClose(benchmark::State& state) {
  asyncdrop::sync_wait(manual_stack_loop<N>(state));
}
template <std::size_t N>
void BM_ManualHeapClose(benchmark::State& state) {
  asyncdrop::sync_wait(manual_heap_loop<N>(state));
}

BENCHMARK_TEMPLATE(BM_GuardCreateDrop, 8);
BENCHMARK_TEMPLATE(BM_ManualStackClose, 8);
BENCHMARK_TEMPLATE(BM_ManualHeapClose, 8);
BENCHMARK_TEMPLATE(BM_GuardCreateDrop, 256);
BENCHMARK_TEMPLATE(BM_ManualStackClose, 256);
BENCHMARK_TEMPLATE(BM_ManualHeapClose, 256);
BENCHMARK_TEMPLATE(BM_GuardCreateDrop, 4096);
BENCHMARK_TEMPLATE(BM_ManualStackClose, 4096);
BENCHMARK_TEMPLATE(BM_ManualHeapClose, 4096);

template <class T>
void BM_Sizeof(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(sizeof(T));
  state.counters["sizeof_T"] = sizeof(T);
  state.counters["sizeof_guard"] = sizeof(asyncdrop::AsyncDropGuard<T>);
  state.counters["sizeof_optional_T"] = sizeof(std::optional<T>);
}
BENCHMARK_TEMPLATE(BM_Sizeof, Res<1>)->Iterations(1);
BENCHMARK_TEMPLATE(BM_Sizeof, Res<8>)->Iterations(1);
BENCHMARK_TEMPLATE(BM_Sizeof, Res<256>)->Iterations(1);
BENCHMARK_TEMPLATE(BM_Sizeof, Res<4096>)->Iterations(1);
BENCHMARK_TEMPLATE(BM_Sizeof, bench::Named)->Iterations(1);
BENCHMARK_TEMPLATE(BM_Sizeof, bench::TimedRes)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
