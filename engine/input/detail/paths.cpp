#include "input/detail/paths.h"

#include <algorithm>
#include <system_error>

namespace zjgr::input::detail {

std::filesystem::path join(const std::filesystem::path& base_dir, const std::string& relative) {
  const std::filesystem::path rel(relative);
  if (rel.is_absolute()) return rel.lexically_normal();
  return (base_dir / rel).lexically_normal();
}

bool is_inside(const std::filesystem::path& path, const std::filesystem::path& dir) {
  std::error_code ec;
  const auto real_path = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  if (ec) return false;
  const auto real_dir = std::filesystem::weakly_canonical(std::filesystem::absolute(dir, ec), ec);
  if (ec) return false;
  // Compare component by component ("/a/bc" is not inside "/a/b"); a trailing "" from "dir/" is ignored.
  auto dir_end = real_dir.end();
  if (dir_end != real_dir.begin() && std::prev(dir_end)->empty()) --dir_end;
  const auto [d, p] = std::mismatch(real_dir.begin(), dir_end, real_path.begin(), real_path.end());
  return d == dir_end;
}

}  // namespace zjgr::input::detail
