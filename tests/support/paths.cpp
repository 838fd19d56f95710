#include "support/paths.h"

namespace zjgr::test {

std::filesystem::path source_dir() { return ZJGR_SOURCE_DIR; }
std::filesystem::path binary_dir() { return ZJGR_BINARY_DIR; }

std::filesystem::path scratch_dir(const std::string& name) {
  auto dir = binary_dir() / "test-output" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace zjgr::test
