// Decoding a PNG held in memory with libpng's bounded classic API (issue 18): the simplified
// API cannot be given limits, and with it a 181-byte file declaring a 1.78 GB text chunk
// allocated 1.7 GB, a 4 MB file of compressed text chunks inflated 4 GB. Private to render/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace zjgr::render::detail {

/// What the header says, checked against the limits before any pixel is allocated.
struct PngSize {
  int width = 0, height = 0;
  bool alpha = false;  ///< an alpha channel or a tRNS chunk
};

/// Where the decoded rows go: `base` of height rows of `stride` bytes, each pixel 4 bytes B, G, R,
/// A (Cairo's native-endian ARGB32 on little-endian machines), alpha not premultiplied, 255 when
/// the image has none. `base` null means no memory for them.
struct PngTarget {
  unsigned char* base = nullptr;
  std::ptrdiff_t stride = 0;
};

/// The bounds a decode keeps: sides and area (a header is refused before allocating), and the
/// memory libpng may take for ancillary chunks. Defaults: base/limits.h.
struct PngBounds {
  std::uint32_t max_side;
  std::int64_t max_pixels;
};
PngBounds default_png_bounds();

/// Decodes `size` bytes of PNG: every colour type and depth to 8-bit BGRA, gamma to sRGB. Text,
/// ICC profile and unknown chunks are skipped unread (their data is not inflated), no chunk may
/// make libpng allocate more than limits::kMaxPngChunkBytes, and at most
/// limits::kMaxPngCachedChunks ancillary chunks are kept. `target` is called once, after the header
/// passed `bounds`. Returns an empty string, or why the file cannot be decoded.
std::string decode_png_bgra(const unsigned char* data, std::size_t size, const PngBounds& bounds,
                            const std::function<PngTarget(const PngSize&)>& target);

}  // namespace zjgr::render::detail
