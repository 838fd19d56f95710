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
  int width = 0, height = 0;  ///< pixels, as stored (before the orientation is applied)
  int orientation = 1;        ///< EXIF orientation 1–8 (1 when there is none or it is not valid)
};

/// The largest side and area we accept, in pixels (base/limits.h).
inline constexpr int kMaxImageSide = limits::kMaxImageSide;
inline constexpr std::int64_t kMaxImagePixels = limits::kMaxImagePixels;

/// The image's format and size, or a lowercase message saying what is wrong (not an image,
/// truncated header, no frame header, implausible size).
std::variant<ImageInfo, std::string> probe_image(const std::filesystem::path& path);

/// The orientation (tag 0x0112 of IFD0, 1–8) in the payload of a JPEG APP1 segment, the bytes
/// after its length: "Exif\0\0", then a TIFF header and IFD0. 1 when the payload is not Exif,
/// has no orientation, or is damaged in any way (a truncated table, an offset past the end, a
/// value outside 1–8). Reads IFD0 only, at most `size` bytes, and follows no offset chains.
int exif_orientation(const unsigned char* data, std::size_t size);

}  // namespace zjgr::input::detail
