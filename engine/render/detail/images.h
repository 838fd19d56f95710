// Images: decoding the JPEG and PNG files that ImageItems name into Cairo image surfaces, with
// the original JPEG bytes attached for passthrough into the PDF. Private to render/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>

#include <cairo.h>

#include "base/diagnostics.h"
#include "base/limits.h"

namespace zjgr::render::detail {

/// Largest image side and area accepted, in pixels (a hostile header must not allocate
/// gigabytes); the same limits input/ checks when it probes a photo (base/limits.h).
constexpr int kMaxImageSide = limits::kMaxImageSide;
constexpr std::int64_t kMaxImagePixels = limits::kMaxImagePixels;

/// How many pixels of a photo a render needs, across the whole (uncropped) image. A JPEG is
/// decoded with libjpeg's DCT scaling at the smallest N/8 that still gives width × height pixels
/// (a 2400-pixel photo shown 600 pixels wide on a proof decodes at 2/8: a sixteenth of the work).
struct PixelNeed {
  /// 0 × 0: none — the PDF path. Cairo embeds a JPEG's own bytes (CAIRO_MIME_TYPE_JPEG) and draws
  /// any image XObject into the unit square scaled by the *surface's* size, so the surface may be
  /// a ⅛-scale thumbnail: decoding it still reads every entropy-coded block (a corrupt file is an
  /// error) but costs a fraction of a whole decode and 1/64 of the memory.
  double width = 0, height = 0;
  bool none() const { return !(width > 0) && !(height > 0); }
};

/// What a JPEG's header says about its colour, from a bounded walk over its marker segments
/// (no decoding).
struct JpegColor {
  int components = 0;  ///< of the frame header: 1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK
  /// An Adobe APP14 segment ("Adobe", at least 12 bytes, as libjpeg requires): with 4 components
  /// the data is stored inverted (0 = full ink), the convention of Photoshop and ImageMagick.
  bool adobe = false;
  bool inverted_cmyk() const { return components == 4 && adobe; }
};

/// The colour facts of a JPEG's header; nullopt when the bytes are not a JPEG whose markers reach
/// a frame header.
std::optional<JpegColor> jpeg_color(const unsigned char* data, std::size_t size);

/// The libjpeg quality (1–100) whose scaled standard luminance table is nearest to the JPEG's
/// quantisation table 0, as preflight tools estimate it; 0 when the JPEG has no such table.
int jpeg_quality(const unsigned char* data, std::size_t size);

/// Decodes `path` (JPEG or PNG, sniffed from its bytes) into a new surface: CAIRO_FORMAT_RGB24
/// (or ARGB32 for a PNG with alpha). A JPEG keeps its original bytes as CAIRO_MIME_TYPE_JPEG and
/// a CAIRO_MIME_TYPE_UNIQUE_ID derived from them. A PNG is always decoded whole (Cairo embeds its
/// pixels). nullptr with "image-unreadable" on failure.
cairo_surface_t* decode_image(const std::string& path, PixelNeed need, Diagnostics& diagnostics);

/// Decoded images by path and scale, for one render call (one thread). Owns one reference per surface.
class ImageCache {
 public:
  ImageCache() = default;
  ~ImageCache();
  ImageCache(const ImageCache&) = delete;
  ImageCache& operator=(const ImageCache&) = delete;

  /// The surface of `path` for `need`, decoded on first use; nullptr (reported once) when unreadable.
  cairo_surface_t* get(const std::string& path, PixelNeed need, Diagnostics& diagnostics);

 private:
  /// By path and the pixels needed, rounded up (a photo shown at two sizes is decoded twice).
  std::map<std::tuple<std::string, long, long>, cairo_surface_t*> surfaces_;
  std::set<std::string> unreadable_;  ///< reported once per path, whatever the size
};

}  // namespace zjgr::render::detail
