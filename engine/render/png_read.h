// Reading PNGs back into a Raster, for the visual-regression tool (cli/diff.h): libpng stays
// inside render/, so the diff tool sees pixels, never png.h.
#pragma once

#include <filesystem>
#include <optional>

#include "base/diagnostics.h"
#include "render/render.h"

namespace zjgr::render {

/// Reads a PNG of any colour type and bit depth as 8-bit RGB; transparent pixels are composited
/// on white (a page's paper). Pictures larger than 20000 px a side are refused (a proof that big
/// is a mistake, and its pixels would not fit in memory). On failure reports "file-not-found" or
/// "bad-image" naming the file and returns nullopt.
std::optional<Raster> read_png(const std::filesystem::path& path, Diagnostics& diagnostics);

}  // namespace zjgr::render
