// Paths of the source and build trees, for tests that read fixtures or run the CLI.
#pragma once

#include <filesystem>
#include <string>

namespace zjgr::test {

std::filesystem::path source_dir();   ///< the project's root
std::filesystem::path binary_dir();   ///< the build tree's root
/// A fresh empty folder under the build tree for one test's outputs.
std::filesystem::path scratch_dir(const std::string& name);

}  // namespace zjgr::test
