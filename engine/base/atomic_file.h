// Writing output files atomically: a temporary file in the target's folder, renamed over the
// target only when complete, so a failed run never leaves a truncated PDF, PNG or report, and
// never destroys the old one.
#pragma once

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/diagnostics.h"

namespace zjgr {

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

/// Writes `content` to `target` atomically; on failure false, with the reason in `error`.
bool write_file_atomically(const std::filesystem::path& target, std::string_view content, std::string& error);

}  // namespace zjgr
