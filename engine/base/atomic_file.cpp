#include "base/atomic_file.h"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <system_error>

namespace zjgr {

std::filesystem::path temporary_path_for(const std::filesystem::path& target) {
  static std::atomic<unsigned> counter{0};
  auto name = "." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  return target.parent_path() / name;
}

bool write_atomically(const std::filesystem::path& target, const std::function<bool(const std::filesystem::path&)>& write,
                      std::string& error) {
  const auto temp = temporary_path_for(target);
  std::error_code ec;
  bool ok = false;
  try {
    ok = write(temp);
  } catch (...) {
    std::filesystem::remove(temp, ec);
    throw;
  }
  if (!ok) {
    if (error.empty()) error = "could not write " + target.string();
    std::filesystem::remove(temp, ec);
    return false;
  }
  std::filesystem::rename(temp, target, ec);
  if (ec) {
    error = "could not move " + temp.string() + " to " + target.string() + ": " + ec.message();
    std::filesystem::remove(temp, ec);
    return false;
  }
  return true;
}

bool write_file_atomically(const std::filesystem::path& target, std::string_view content, std::string& error) {
  return write_atomically(target, [&](const std::filesystem::path& temp) {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = "cannot create " + temp.string();
      return false;
    }
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
      error = "cannot write " + temp.string();
      return false;
    }
    return true;
  }, error);
}

}  // namespace zjgr
