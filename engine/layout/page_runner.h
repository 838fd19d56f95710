// PageRunner: lays out pages on several threads. The caller decides the order pages start in
// (the order a serial run sets them) and waits, before starting a page, for the running pages it
// must not overlap (those sharing an article with it); each page's task reports into buffers of
// its own, merged in that order afterwards, so the output does not depend on the threads.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace zjgr::layout {

class PageRunner {
 public:
  /// `threads` ≤ 1: every task runs in start(), on the caller's thread, as a serial run does.
  /// `niceness` > 0: the threads run that much below the process's priority (Linux: per thread).
  PageRunner(unsigned threads, std::function<void(std::size_t)> task, int niceness = 0);
  ~PageRunner();
  PageRunner(const PageRunner&) = delete;
  PageRunner& operator=(const PageRunner&) = delete;

  /// Blocks until no page started and not yet done satisfies `conflicts(page)`.
  void wait_unless(const std::function<bool(std::size_t)>& conflicts);
  /// Runs the task of `page`, now or on the next free thread.
  void start(std::size_t page);
  /// Waits for every task started; rethrows the first exception a task threw (the tasks not yet
  /// begun then are skipped).
  void finish();

 private:
  void work(int niceness);

  std::function<void(std::size_t)> task_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable queued_, done_;
  std::deque<std::size_t> queue_;
  std::vector<std::size_t> running_;  ///< started (queued or begun), not yet done
  std::exception_ptr failure_;
  bool closing_ = false;
};

/// Threads for page layout when the caller asks for `requested` (0: one per core).
unsigned layout_threads(unsigned requested);

}  // namespace zjgr::layout
