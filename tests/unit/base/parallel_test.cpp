// parallel_for: every index once, on several threads, the first exception carried to the caller.
#include "base/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace zjgr {
namespace {

TEST(ParallelFor, CallsTheJobOnceForEveryIndex) {
  for (const unsigned threads : {0u, 1u, 3u, 16u}) {
    std::vector<std::atomic<int>> calls(50);
    parallel_for(calls.size(), threads, [&](std::size_t i) { ++calls[i]; });
    for (std::size_t i = 0; i < calls.size(); ++i) EXPECT_EQ(calls[i].load(), 1) << "index " << i << ", " << threads << " threads";
  }
  parallel_for(0, 4, [](std::size_t) { FAIL() << "no index to run"; });
}

TEST(ParallelFor, RunsOnTheCallerAndOnMoreThreadsWhenAskedFor) {
  // Two jobs that wait for each other finish only if they run at the same time.
  std::atomic<int> arrived{0};
  std::mutex mutex;
  std::set<std::thread::id> on;
  parallel_for(2, 2, [&](std::size_t) {
    {
      const std::lock_guard lock(mutex);
      on.insert(std::this_thread::get_id());
    }
    ++arrived;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (arrived.load() < 2 && std::chrono::steady_clock::now() < give_up) std::this_thread::yield();
  });
  EXPECT_EQ(arrived.load(), 2);
  EXPECT_EQ(on.size(), 2u);
  EXPECT_EQ(on.count(std::this_thread::get_id()), 1u);
}

TEST(ParallelFor, OneThreadRunsTheIndicesInOrderOnTheCaller) {
  const std::thread::id caller = std::this_thread::get_id();
  std::vector<std::size_t> order;
  parallel_for(5, 1, [&](std::size_t i) {
    EXPECT_EQ(std::this_thread::get_id(), caller);
    order.push_back(i);
  });
  EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

TEST(ParallelFor, AJobsExceptionReachesTheCallerAndStopsTheJobsNotBegun) {
  std::atomic<int> ran{0};
  EXPECT_THROW(parallel_for(1000, 2, [&](std::size_t i) {
                 if (i == 0) throw std::runtime_error("job 0 failed");
                 ++ran;
                 std::this_thread::sleep_for(std::chrono::microseconds(100));
               }),
               std::runtime_error);
  EXPECT_LT(ran.load(), 999);
}

}  // namespace
}  // namespace zjgr
