// Reading the pixel size of a JPEG or PNG from its header, by hand (no image library in input/).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>

#include "base/limits.h"
#include "model/article.h"

namespace zjgr::input::detail {

/// What a photo file's header says.
struct ImageInfo {
  model::ImageFormat format = model::ImageFormat::Jpeg;
  int width = 0, height = 0;  ///< pixels
};

/// The largest side and area we accept, in pixels (base/limits.h).
inline constexpr int kMaxImageSide = limits::kMaxImageSide;
inline constexpr std::int64_t kMaxImagePixels = limits::kMaxImagePixels;

/// The image's format and size, or a lowercase message saying what is wrong (not an image,
/// truncated header, no frame header, implausible size).
std::variant<ImageInfo, std::string> probe_image(const std::filesystem::path& path);

}  // namespace zjgr::input::detail
