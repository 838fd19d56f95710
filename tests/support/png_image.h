// Reading PNGs and comparing two of them pixel by pixel, for golden tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace zjgr::test {

/// An 8-bit RGB image.
struct Image {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgb;
};

std::optional<Image> read_png(const std::filesystem::path& path);

struct ImageDiff {
  bool same_size = false;
  long differing_pixels = 0;   ///< pixels where some channel differs by more than the tolerance
  int max_channel_difference = 0;
};

ImageDiff compare(const Image& expected, const Image& actual, int tolerance);

/// Compares `actual` with the golden `expected`; with ZJGR_UPDATE_REFS=1 copies actual over it.
/// Returns an empty string when they match, else what differs.
std::string check_golden_png(const std::filesystem::path& expected, const std::filesystem::path& actual,
                             int tolerance = 2, long max_differing_pixels = 0);

}  // namespace zjgr::test
