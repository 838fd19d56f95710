// base/file_kind.h: what a path that is no regular file is called in errors.
#include "base/file_kind.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <string>

#include "support/paths.h"

namespace zjgr {
namespace {

namespace fs = std::filesystem;

TEST(FileKind, SaysWhatAPathIsWhenItIsNoRegularFile) {
  const fs::path dir = test::scratch_dir("file-kind-" + std::to_string(::getpid()));
  std::ofstream(dir / "file") << "x";
  fs::create_directory(dir / "folder");
  ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0644), 0);
  fs::create_symlink("nowhere", dir / "dangling");
  fs::create_symlink("file", dir / "link-to-file");
  EXPECT_EQ(why_not_a_file(dir / "file"), "");
  EXPECT_EQ(why_not_a_file(dir / "link-to-file"), "");  // symlinks are followed
  EXPECT_EQ(why_not_a_file(dir / "folder"), "is a folder, not a file");
  EXPECT_EQ(why_not_a_file(dir / "fifo"), "is a named pipe (FIFO), not a file");
  EXPECT_EQ(why_not_a_file(dir / "dangling"), "is a symbolic link to nothing");
  EXPECT_EQ(why_not_a_file(dir / "missing"), "does not exist");
  EXPECT_EQ(why_not_a_file(dir / "file" / "below"), "does not exist (a folder on its way is a file)");
  EXPECT_EQ(why_not_a_file("/dev/null"), "is a character device, not a file");

  // A socket, bound in the scratch folder (a path of at most 107 bytes).
  const fs::path socket_path = dir / "socket";
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (socket_path.string().size() >= sizeof address.sun_path) GTEST_SKIP() << "scratch path too long for a socket";
  std::strcpy(address.sun_path, socket_path.c_str());
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
  EXPECT_EQ(why_not_a_file(socket_path), "is a socket, not a file");
  ::close(fd);
}

}  // namespace
}  // namespace zjgr
