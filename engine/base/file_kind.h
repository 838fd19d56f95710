// What a path names when it is not a regular file: the words every error about an input or an
// output that cannot be read or replaced uses ("is a folder", "is a named pipe (FIFO)" …).
#pragma once

#include <filesystem>
#include <string>

#include <sys/types.h>

namespace zjgr {

/// "a folder", "a named pipe (FIFO)", "a socket", "a character device", "a block device",
/// "a symbolic link", "not a regular file" for a stat() mode; empty for a regular file.
std::string file_kind(mode_t mode);

/// Why `path` cannot be read as a file, following symlinks, as a predicate for a message that
/// names it ("\"x\" " + why): "is a folder", "is a named pipe (FIFO)", "is a symbolic link to
/// nothing", "does not exist", "cannot be looked at (Permission denied)" …; empty when it is a
/// regular file.
std::string why_not_a_file(const std::filesystem::path& path);

}  // namespace zjgr
