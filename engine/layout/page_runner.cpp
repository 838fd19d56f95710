#include "layout/page_runner.h"

#include <algorithm>
#include <utility>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace zjgr::layout {

PageRunner::PageRunner(unsigned threads, std::function<void(std::size_t)> task, int niceness) : task_(std::move(task)) {
  if (threads <= 1) return;
  threads_.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this, niceness] { work(niceness); });
}

PageRunner::~PageRunner() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
    queue_.clear();
  }
  queued_.notify_all();
  for (auto& t : threads_) t.join();
}

void PageRunner::wait_unless(const std::function<bool(std::size_t)>& conflicts) {
  std::unique_lock<std::mutex> lock(mutex_);
  done_.wait(lock, [&] { return std::none_of(running_.begin(), running_.end(), conflicts); });
}

void PageRunner::start(std::size_t page) {
  if (threads_.empty()) {
    task_(page);
    return;
  }
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    running_.push_back(page);
    queue_.push_back(page);
  }
  queued_.notify_one();
}

void PageRunner::finish() {
  std::unique_lock<std::mutex> lock(mutex_);
  done_.wait(lock, [&] { return running_.empty(); });
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void PageRunner::work(int niceness) {
  if (niceness > 0) {
    // Linux keeps a nice value per thread (the id gettid gives); a failure only leaves it as it was.
    const int now = getpriority(PRIO_PROCESS, 0);
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), std::min(19, now + niceness));
  }
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    queued_.wait(lock, [&] { return closing_ || !queue_.empty(); });
    if (queue_.empty()) return;  // closing
    const std::size_t page = queue_.front();
    queue_.pop_front();
    if (!failure_) {
      lock.unlock();
      try {
        task_(page);
      } catch (...) {
        lock.lock();
        if (!failure_) failure_ = std::current_exception();
        lock.unlock();
      }
      lock.lock();
    }
    running_.erase(std::find(running_.begin(), running_.end(), page));
    done_.notify_all();
  }
}

unsigned layout_threads(unsigned requested) {
  if (requested > 0) return requested;
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace zjgr::layout
