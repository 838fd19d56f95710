// PageRunner on plain tasks (no fonts): serial when given one thread, overlapping pages kept
// apart by wait_unless, a task's exception carried to finish().
#include "layout/page_runner.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace zjgr::layout {
namespace {

TEST(PageRunner, OneThreadRunsEachPageAtStartOnTheCallersThread) {
  std::vector<std::size_t> ran;
  std::vector<std::thread::id> on;
  PageRunner runner(1, [&](std::size_t page) {
    ran.push_back(page);
    on.push_back(std::this_thread::get_id());
  });
  runner.start(2);
  EXPECT_EQ(ran, (std::vector<std::size_t>{2}));  // already done when start() returns
  runner.start(0);
  runner.finish();
  EXPECT_EQ(ran, (std::vector<std::size_t>{2, 0}));
  for (const auto& id : on) EXPECT_EQ(id, std::this_thread::get_id());
}

TEST(PageRunner, EveryPageRunsOnceAndPagesThatConflictNeverOverlap) {
  // Pages conflict when they have the same parity (as pages sharing an article would): at most
  // one even and one odd page may be running at any moment.
  constexpr std::size_t kPages = 40;
  std::atomic<int> running[2] = {0, 0};
  std::atomic<int> worst{0}, overlapping{0};
  std::vector<std::atomic<int>> runs(kPages);
  PageRunner runner(4, [&](std::size_t page) {
    const int now = ++running[page % 2];
    if (now > 1) ++overlapping;
    worst = std::max(worst.load(), now);
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    ++runs[page];
    --running[page % 2];
  });
  for (std::size_t page = 0; page < kPages; ++page) {
    runner.wait_unless([&](std::size_t other) { return other % 2 == page % 2; });
    runner.start(page);
  }
  runner.finish();
  for (std::size_t page = 0; page < kPages; ++page) EXPECT_EQ(runs[page].load(), 1) << "page " << page;
  EXPECT_EQ(overlapping.load(), 0);
  EXPECT_EQ(worst.load(), 1);
}

TEST(PageRunner, PagesThatShareNothingRunAtOnce) {
  // Two pages that wait for each other can only both finish if they run at the same time.
  std::atomic<int> arrived{0};
  PageRunner runner(2, [&](std::size_t) {
    ++arrived;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (arrived.load() < 2 && std::chrono::steady_clock::now() < give_up) std::this_thread::yield();
  });
  runner.start(0);
  runner.start(1);
  runner.finish();
  EXPECT_EQ(arrived.load(), 2);
}

TEST(PageRunner, ATasksExceptionReachesFinishAndLaterPagesAreSkipped) {
  std::mutex mutex;
  std::vector<std::size_t> ran;
  PageRunner runner(2, [&](std::size_t page) {
    if (page == 0) throw std::runtime_error("page 1 failed");
    const std::lock_guard<std::mutex> lock(mutex);
    ran.push_back(page);
  });
  runner.start(0);
  runner.wait_unless([](std::size_t) { return true; });  // page 0 is done (it threw)
  for (std::size_t page = 1; page < 5; ++page) runner.start(page);
  EXPECT_THROW(runner.finish(), std::runtime_error);
  EXPECT_TRUE(ran.empty());
}

TEST(PageRunner, NicenessPutsItsThreadsBelowTheCallersPriorityAndLeavesTheCallerAsItWas) {
  const int caller = getpriority(PRIO_PROCESS, 0);
  std::mutex mutex;
  std::vector<int> seen;
  for (const int niceness : {0, 5}) {
    PageRunner runner(2, [&](std::size_t) {
      const int mine = getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)));
      const std::lock_guard<std::mutex> lock(mutex);
      seen.push_back(mine);
    }, niceness);
    runner.start(0);
    runner.finish();
  }
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], caller);
  EXPECT_EQ(seen[1], std::min(19, caller + 5));
  EXPECT_EQ(getpriority(PRIO_PROCESS, 0), caller);
}

TEST(PageRunner, ThreadsAskedForOrOnePerCore) {
  EXPECT_EQ(layout_threads(3), 3u);
  EXPECT_GE(layout_threads(0), 1u);
}

}  // namespace
}  // namespace zjgr::layout
