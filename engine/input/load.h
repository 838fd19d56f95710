// Reading an issue, its layout and its articles from JSON (and article text files) into the
// model, with file, JSON pointer and line:column on every diagnostic. The format is described in
// the README's "Input format" section and the JSON Schemas in engine/input/schema/. Knows nothing of fonts,
// layout or rendering.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "base/diagnostics.h"
#include "model/article.h"
#include "model/issue.h"
#include "model/layout.h"

namespace zjgr::input {

/// How files named by other files are found.
struct LoadOptions {
  std::vector<std::filesystem::path> layout_dirs;  ///< searched after the issue's folder for a layout name
  bool allow_outside_paths = false;                ///< articles/photos may leave the issue's folder
  bool keep_overlapping = false;                   ///< return the issue when overlapping areas are its only errors
};

/// Loads the issue, its layout and every article it places, and validates across them (grid
/// positions, overlaps, jumps, templates). Returns nullopt when any error was reported (but the
/// issue, with the errors reported, when `keep_overlapping` and overlaps are the only ones).
std::optional<model::Issue> load_issue(const std::filesystem::path& file, const LoadOptions& options,
                                       Diagnostics& diagnostics);

/// Loads one layout file. Returns nullopt when any error was reported.
std::optional<model::Layout> load_layout(const std::filesystem::path& file, Diagnostics& diagnostics);

/// Loads one article file; photos and body_file resolve relative to it and must stay inside
/// `issue_dir` unless options.allow_outside_paths. Returns nullopt when any error was reported.
std::optional<model::Article> load_article(const std::filesystem::path& file, const std::filesystem::path& issue_dir,
                                           const LoadOptions& options, Diagnostics& diagnostics);

}  // namespace zjgr::input
