// Images: decoding the JPEG and PNG files that ImageItems name into Cairo image surfaces, with
// the original JPEG bytes attached for passthrough into the PDF. Private to render/.
#pragma once

#include <map>
#include <string>

#include <cairo.h>

#include "base/diagnostics.h"
#include "base/limits.h"

namespace zjgr::render::detail {

/// Largest image side and area accepted, in pixels (a hostile header must not allocate
/// gigabytes); the same limits input/ checks when it probes a photo (base/limits.h).
constexpr int kMaxImageSide = limits::kMaxImageSide;
constexpr std::int64_t kMaxImagePixels = limits::kMaxImagePixels;

/// Decodes `path` (JPEG or PNG, sniffed from its bytes) into a new surface: CAIRO_FORMAT_RGB24
/// (or ARGB32 for a PNG with alpha). A JPEG keeps its original bytes as CAIRO_MIME_TYPE_JPEG and
/// a CAIRO_MIME_TYPE_UNIQUE_ID derived from them. nullptr with "image-unreadable" on failure.
cairo_surface_t* decode_image(const std::string& path, Diagnostics& diagnostics);

/// Decoded images by path, for one render call (one thread). Owns one reference per surface.
class ImageCache {
 public:
  ImageCache() = default;
  ~ImageCache();
  ImageCache(const ImageCache&) = delete;
  ImageCache& operator=(const ImageCache&) = delete;

  /// The surface of `path`, decoded on first use; nullptr (reported once) when unreadable.
  cairo_surface_t* get(const std::string& path, Diagnostics& diagnostics);

 private:
  std::map<std::string, cairo_surface_t*> surfaces_;
};

}  // namespace zjgr::render::detail
