// Reading the pixel size of a JPEG or PNG from its header, by hand (no image library in input/).
#pragma once

#include <filesystem>
#include <string>
#include <variant>

#include "model/article.h"

namespace zjgr::input::detail {

/// What a photo file's header says.
struct ImageInfo {
  model::ImageFormat format = model::ImageFormat::Jpeg;
  int width = 0, height = 0;  ///< pixels
};

/// The largest side we accept, in pixels (a newspaper photo is at most a few thousand).
inline constexpr int kMaxImageSide = 20000;

/// The image's format and size, or a lowercase message saying what is wrong (not an image,
/// truncated header, no frame header, implausible size).
std::variant<ImageInfo, std::string> probe_image(const std::filesystem::path& path);

}  // namespace zjgr::input::detail
