// Writing output files atomically: a temporary file in the same folder, renamed over the target
// only when complete, so a failed run never leaves a truncated file or destroys the old one.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace zjgr {

/// A temporary path next to `target` (same folder, so rename is atomic), unique to this process.
std::filesystem::path temporary_path_for(const std::filesystem::path& target);

/// Calls `write(temp)`; on true renames temp over `target`, on false (or any failure) removes
/// temp and leaves `target` untouched. Sets `error` on failure.
bool write_atomically(const std::filesystem::path& target, const std::function<bool(const std::filesystem::path&)>& write,
                      std::string& error);

/// Writes `content` to `target` atomically.
bool write_file_atomically(const std::filesystem::path& target, std::string_view content, std::string& error);

}  // namespace zjgr
