// AtomicFile: temporary file + rename(2) in the same folder; temporaries of killed runs removed.
#include "base/atomic_file.h"

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstring>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

namespace zjgr {
namespace {

std::atomic<unsigned> g_counter{0};

std::string errno_text(int error) { return std::strerror(error); }

/// The longest part of the target's name a temporary keeps: the prefix, pid and counter take at
/// most 33 bytes of the 255 a name may have.
constexpr std::size_t kMaxNamePart = 200;

// Whether process `pid` runs on this machine (a process of another user counts).
bool process_alive(long pid) {
  if (pid <= 0 || pid > INT_MAX) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

}  // namespace

std::filesystem::path temporary_path(const std::filesystem::path& folder, std::string_view name) {
  if (name.size() > kMaxNamePart) {
    name = name.substr(0, kMaxNamePart);
    // Never cut a UTF-8 sequence: drop continuation bytes and the lead byte they belong to.
    while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80) name.remove_suffix(1);
    if (!name.empty() && (static_cast<unsigned char>(name.back()) & 0x80) != 0) name.remove_suffix(1);
  }
  std::string file(kTemporaryPrefix);
  file += std::to_string(::getpid());
  file += '-';
  file += std::to_string(g_counter.fetch_add(1));
  if (!name.empty()) {
    file += '-';
    file += name;
  }
  return folder / file;
}

long temporary_owner(std::string_view filename) {
  if (!filename.starts_with(kTemporaryPrefix)) return -1;
  filename.remove_prefix(kTemporaryPrefix.size());
  long pid = 0;
  std::size_t digits = 0;
  while (digits < filename.size() && filename[digits] >= '0' && filename[digits] <= '9') {
    if (digits == 10) return -1;  // no pid has more digits
    pid = pid * 10 + (filename[digits] - '0');
    ++digits;
  }
  if (digits == 0 || (digits < filename.size() && filename[digits] != '-')) return -1;
  return pid;
}

std::size_t remove_stale_temporaries(const std::filesystem::path& folder, std::chrono::seconds max_age) {
  std::size_t removed = 0;
  std::error_code ec;
  const long self = ::getpid();
  const time_t now = ::time(nullptr);
  for (auto it = std::filesystem::directory_iterator(folder, ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec)) {
    const std::filesystem::path& path = it->path();
    const long owner = temporary_owner(path.filename().string());
    if (owner < 0 || owner == self) continue;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) continue;
    const bool old = now - st.st_mtime > static_cast<time_t>(max_age.count());
    if (process_alive(owner) && !old) continue;  // perhaps a run writing here right now
    std::error_code remove_ec;
    if (S_ISDIR(st.st_mode)) {
      std::filesystem::remove_all(path, remove_ec);  // never follows a symlink inside
    } else {
      std::filesystem::remove(path, remove_ec);
    }
    if (!remove_ec) ++removed;
  }
  return removed;
}

AtomicFile::AtomicFile(std::filesystem::path target, Diagnostics& diagnostics)
    : target_(std::move(target)), diagnostics_(diagnostics) {
  const std::filesystem::path folder = target_.has_parent_path() ? target_.parent_path() : ".";
  // O_EXCL so an existing file is never reused, mode 0666 so the umask decides the final
  // permissions as for any ordinary output file.
  int error = 0;
  for (int attempt = 0; attempt < 100 && file_ == nullptr; ++attempt) {
    temp_ = temporary_path(folder, target_.filename().string());
    const int fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
      error = errno;
      if (error == EEXIST) continue;
      break;
    }
    file_ = ::fdopen(fd, "wb");
    if (file_ == nullptr) {
      error = errno;
      ::close(fd);
      ::unlink(temp_.c_str());
      break;
    }
  }
  if (file_ == nullptr) {
    temp_.clear();
    error_ = "cannot create a temporary file in \"" + folder.string() + "\": " + errno_text(error);
    reported_ = true;
    diagnostics_.error("write-failed", "cannot write \"" + target_.string() + "\": " + error_);
  }
}

AtomicFile::~AtomicFile() {
  if (file_ != nullptr) std::fclose(file_);
  if (!committed_ && !temp_.empty()) ::unlink(temp_.c_str());
}

void AtomicFile::fail(const std::string& reason) {
  if (error_.empty()) error_ = reason;
}

bool AtomicFile::write(const void* data, std::size_t size) {
  if (file_ == nullptr || !error_.empty()) return false;
  if (size > 0 && std::fwrite(data, 1, size, file_) != size) fail(errno_text(errno));
  return error_.empty();
}

bool AtomicFile::finish() {
  if (file_ != nullptr) {
    if (error_.empty() && std::fflush(file_) != 0) fail(errno_text(errno));
    if (std::fclose(file_) != 0) fail(errno_text(errno));
    file_ = nullptr;
    finished_ = true;
  }
  if (!error_.empty() && !reported_) {
    reported_ = true;
    diagnostics_.error("write-failed", "cannot write \"" + target_.string() + "\": " + error_);
  }
  return error_.empty() && finished_;
}

bool AtomicFile::commit() {
  if (committed_) return true;
  if (!finish()) return false;
  if (::rename(temp_.c_str(), target_.c_str()) != 0) {
    fail(errno_text(errno));
    reported_ = true;
    diagnostics_.error("write-failed", "cannot replace \"" + target_.string() + "\": " + error_);
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
