// Resolving the paths one input file gives for another, and keeping them inside the issue folder.
#pragma once

#include <filesystem>
#include <string>

namespace zjgr::input::detail {

/// `relative` joined to `base_dir`, lexically normalised (the form shown in diagnostics).
std::filesystem::path join(const std::filesystem::path& base_dir, const std::string& relative);

/// Whether `path` lies inside `dir` once symlinks and ".." are resolved.
bool is_inside(const std::filesystem::path& path, const std::filesystem::path& dir);

}  // namespace zjgr::input::detail
