// Files the catalogue makes at test time instead of committing them: big, deep or binary
// inputs (a 1 MB paragraph, JSON nested 10,000 deep, a 1,000-page issue, image headers that
// claim 30000×30000 pixels, truncated and corrupted copies of good files).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace zjgr::robustness {

/// Runs the generator named by `words[0]` with its arguments in the case tree `tree` (paths are
/// relative to it). Returns an empty string, or what is wrong with the line.
std::string generate(const std::vector<std::string>& words, const std::filesystem::path& tree);

}  // namespace zjgr::robustness
