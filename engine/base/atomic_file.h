// Writing output files atomically: a temporary file in the target's folder, renamed over the
// target only when complete, so a failed run never leaves a truncated PDF, PNG or report, and
// never destroys the old one. Every temporary is named ".zjgr-tmp-<pid>-<n>-<name>", so that
// what a killed run left behind can be recognised and removed by the next run
// (remove_stale_temporaries).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/diagnostics.h"

namespace zjgr {

/// The start of the name of every temporary file or folder this program makes.
inline constexpr std::string_view kTemporaryPrefix = ".zjgr-tmp-";

/// A fresh name for a temporary in `folder`: ".zjgr-tmp-<pid>-<n>-<name>" (`name` shortened so
/// the whole stays within a file name's limit), unique per process and call.
std::filesystem::path temporary_path(const std::filesystem::path& folder, std::string_view name);

/// The process id a temporary's file name carries, or -1 when `filename` is not one of ours
/// (".zjgr-tmp-" followed by digits, then the end of the name or "-").
long temporary_owner(std::string_view filename);

/// Removes what earlier runs that were killed left in `folder` (not below it): every entry whose
/// name temporary_owner() accepts and whose process no longer runs on this machine, or which was
/// last modified more than `max_age` ago whoever its owner (a pid reused by another process must
/// not keep a leftover forever; no run takes an hour). A temporary of this process is never
/// removed. Folders (the PNG staging folder) are removed with what they hold; symlinks are
/// removed, never followed. Returns how many entries were removed.
std::size_t remove_stale_temporaries(const std::filesystem::path& folder,
                                     std::chrono::seconds max_age = std::chrono::hours(1));

/// A temporary file in the target's folder. finish() writes it out and closes it; commit()
/// renames it over the target; the destructor removes it unless committed. Not copyable.
/// Every failure is reported as "write-failed", naming the target and the system's reason.
class AtomicFile {
 public:
  /// Creates the temporary; on failure reports "write-failed" and ok() is false.
  AtomicFile(std::filesystem::path target, Diagnostics& diagnostics);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  bool ok() const { return (file_ != nullptr || finished_) && error_.empty(); }
  const std::filesystem::path& target() const { return target_; }
  const std::filesystem::path& temporary() const { return temp_; }
  /// Appends bytes; remembers the first failure with its reason, which finish() then reports.
  bool write(const void* data, std::size_t size);
  /// Flushes and closes the temporary, without renaming it; false (reported) on any failure,
  /// including one remembered by write(). Idempotent.
  bool finish();
  /// finish(), then renames over the target; false (reported) on any failure.
  bool commit();

 private:
  void fail(const std::string& reason);

  std::filesystem::path target_;
  std::filesystem::path temp_;
  Diagnostics& diagnostics_;
  std::FILE* file_ = nullptr;
  std::string error_;       ///< the first failure's reason (strerror)
  bool reported_ = false;   ///< error_ has been reported
  bool finished_ = false;
  bool committed_ = false;
};

/// Writes `content` to `target` atomically; on failure false, with the reason in `error`.
bool write_file_atomically(const std::filesystem::path& target, std::string_view content, std::string& error);

}  // namespace zjgr
