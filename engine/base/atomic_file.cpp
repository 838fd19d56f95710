// AtomicFile: temporary file + rename(2) in the same folder.
#include "base/atomic_file.h"

#include <atomic>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace zjgr {
namespace {

std::atomic<unsigned> g_counter{0};

std::string errno_text() { return std::strerror(errno); }

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target, Diagnostics& diagnostics)
    : target_(std::move(target)), diagnostics_(diagnostics) {
  const std::filesystem::path folder = target_.has_parent_path() ? target_.parent_path() : ".";
  // A hidden name unique per process and call; O_EXCL so an existing file is never reused, mode
  // 0666 so the umask decides the final permissions as for any ordinary output file.
  for (int attempt = 0; attempt < 100 && file_ == nullptr; ++attempt) {
    temp_ = folder / ("." + target_.filename().string() + "." + std::to_string(::getpid()) + "." +
                      std::to_string(g_counter.fetch_add(1)) + ".tmp");
    const int fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
      if (errno == EEXIST) continue;
      break;
    }
    file_ = ::fdopen(fd, "wb");
    if (file_ == nullptr) {
      ::close(fd);
      ::unlink(temp_.c_str());
      break;
    }
  }
  if (file_ == nullptr) {
    diagnostics_.error("write-failed", "cannot create a file in \"" + folder.string() + "\": " + errno_text());
    temp_.clear();
  }
}

AtomicFile::~AtomicFile() {
  if (file_ != nullptr) std::fclose(file_);
  if (!committed_ && !temp_.empty()) ::unlink(temp_.c_str());
}

bool AtomicFile::write(const void* data, std::size_t size) {
  if (file_ == nullptr || failed_) return false;
  if (size > 0 && std::fwrite(data, 1, size, file_) != size) failed_ = true;
  return !failed_;
}

bool AtomicFile::commit() {
  if (file_ == nullptr) return false;
  bool ok = !failed_ && !std::ferror(file_) && std::fflush(file_) == 0;
  const std::string why = ok ? "" : errno_text();
  ok = (std::fclose(file_) == 0) && ok;
  file_ = nullptr;
  if (!ok) {
    diagnostics_.error("write-failed", "cannot write \"" + target_.string() + "\": " + (why.empty() ? errno_text() : why));
    return false;
  }
  if (::rename(temp_.c_str(), target_.c_str()) != 0) {
    diagnostics_.error("write-failed", "cannot replace \"" + target_.string() + "\": " + errno_text());
    return false;
  }
  committed_ = true;
  return true;
}

bool write_file_atomically(const std::filesystem::path& target, std::string_view content, std::string& error) {
  Diagnostics diagnostics;
  AtomicFile file(target, diagnostics);
  if (file.ok()) {
    file.write(content.data(), content.size());  // a failure is reported by commit()
    if (file.commit()) return true;
  }
  error = diagnostics.items().empty() ? "cannot write \"" + target.string() + "\"" : diagnostics.items().front().message;
  return false;
}

}  // namespace zjgr
