// AtomicFile: writing an output next to its final name and renaming it into place only when
// the whole file was written, so a failed run never leaves a half-written PDF or PNG.
#pragma once

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <string>

#include "base/diagnostics.h"

namespace zjgr::render::detail {

/// A temporary file in the target's folder. commit() renames it over the target; the destructor
/// removes it unless committed. Not copyable.
class AtomicFile {
 public:
  /// Creates the temporary; on failure reports "write-failed" and ok() is false.
  AtomicFile(std::filesystem::path target, Diagnostics& diagnostics);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  bool ok() const { return file_ != nullptr && !failed_; }
  /// The open stream (nullptr when creation failed).
  std::FILE* stream() const { return file_; }
  /// Appends bytes; remembers a failure, which commit() then reports.
  bool write(const void* data, std::size_t size);
  /// Flushes, closes and renames over the target; false (reported) on any failure.
  bool commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  Diagnostics& diagnostics_;
  std::FILE* file_ = nullptr;
  bool failed_ = false;
  bool committed_ = false;
};

}  // namespace zjgr::render::detail
