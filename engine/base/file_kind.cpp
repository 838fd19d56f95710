#include "base/file_kind.h"

#include <cerrno>
#include <cstring>

#include <sys/stat.h>

namespace zjgr {

std::string file_kind(mode_t mode) {
  if (S_ISREG(mode)) return "";
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

std::string why_not_a_file(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    const std::string kind = file_kind(st.st_mode);
    if (kind.empty()) return "";
    return kind.starts_with("not ") ? "is " + kind : "is " + kind + ", not a file";
  }
  const int error = errno;
  if (error == ENOENT) {
    struct stat link {};
    return ::lstat(path.c_str(), &link) == 0 ? "is a symbolic link to nothing" : "does not exist";
  }
  if (error == ENOTDIR) return "does not exist (a folder on its way is a file)";
  return std::string("cannot be looked at (") + std::strerror(error) + ")";
}

}  // namespace zjgr
