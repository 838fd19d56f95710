// FrameStore: page frames kept out of memory. Layout moves each finished page's frame here
// (serialised into an unlinked temporary file) and render reads one back when it draws that
// page, so that a run's memory does not grow with its pages (issue 17). Same process, same
// build: the bytes are the structs' own, never a file format anyone else reads.
#pragma once

#include <cstddef>
#include <cstdio>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "frame/frame.h"

namespace zjgr::frame {

class FrameStore {
 public:
  /// A store for `pages` frames. Without a temporary file (none can be made) every put() fails
  /// and the caller keeps its frames in memory.
  explicit FrameStore(std::size_t pages);
  ~FrameStore();
  FrameStore(const FrameStore&) = delete;
  FrameStore& operator=(const FrameStore&) = delete;

  /// Moves page `index`'s frame into the store, leaving `frame` empty; false (and `frame`
  /// untouched) when it cannot be written — a full disk costs memory, never the page. Safe from
  /// several threads at once (pages laid out in parallel), each putting pages of its own.
  bool put(std::size_t index, Frame& frame);
  /// True when page `index`'s frame is in the store.
  bool has(std::size_t index) const { return index < spans_.size() && spans_[index].size > 0; }
  /// Page `index`'s frame read back (has(index) must hold). Safe from several threads at once.
  /// Throws std::runtime_error when the temporary cannot be read back (an I/O error).
  Frame load(std::size_t index) const;

 private:
  struct Span {
    std::uint64_t offset = 0, size = 0;
  };
  std::FILE* file_ = nullptr;
  std::mutex mutex_;  ///< guards the writes, failed_ and end_
  bool failed_ = false;
  std::uint64_t end_ = 0;
  std::vector<Span> spans_;
};

}  // namespace zjgr::frame
