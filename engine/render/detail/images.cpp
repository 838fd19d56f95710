// Images: libjpeg and libpng decoding into Cairo image surfaces; JPEG bytes kept for the PDF.
#include "render/detail/images.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <csetjmp>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include <jpeglib.h>

#include "render/detail/jpeg_io.h"
#include "render/detail/png_decode.h"

namespace zjgr::render::detail {
namespace {

// ---- JPEG ------------------------------------------------------------------------------------

// Whether Cairo 1.16 embeds these bytes as they are (CAIRO_MIME_TYPE_JPEG): its marker walk
// (_cairo_image_info_get_jpeg_info) is stricter than libjpeg and wants every segment to start
// right at 0xFF + marker, with no fill bytes, up to a frame header of 1, 3 or 4 components.
// When it refuses, Cairo embeds the surface's pixels instead, so those must then be whole.
bool cairo_passes_through(const Bytes& data) {
  std::size_t p = 0;
  const std::size_t n = data.size();
  while (p + 1 < n) {
    if (data[p] != 0xff) return false;
    const unsigned char marker = data[p + 1];
    if (marker == 0xff) return false;  // a fill byte: Cairo's walk stops here
    if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {  // TEM, RSTn, SOI: no length
      p += 2;
      continue;
    }
    const bool frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    if (frame) {
      if (p + 10 > n) return false;  // FF Cx, length, precision, height, width, components
      const unsigned components = data[p + 9];
      return components == 1 || components == 3 || components == 4;
    }
    if (p + 4 > n) return false;
    p += 2 + ((static_cast<std::size_t>(data[p + 2]) << 8) | data[p + 3]);
  }
  return false;
}

/// What the decoder produced, filled in by the setjmp-guarded part.
struct JpegPixels {
  int width = 0, height = 0, components = 0;
  bool adobe_inverted = false;  ///< CMYK stored inverted (Adobe's convention, Photoshop output)
  Bytes pixels;                 ///< width × height × components
};

// The N of the N/8 DCT scale: the smallest that gives at least `need` pixels (8: whole).
unsigned scale_for(const jpeg_decompress_struct& cinfo, PixelNeed need, bool passes_through) {
  if (need.none()) return passes_through ? 1 : 8;  // the PDF's thumbnail, or whole pixels for Cairo
  for (unsigned n = 1; n < 8; ++n) {
    const double w = std::ceil(cinfo.image_width * n / 8.0), h = std::ceil(cinfo.image_height * n / 8.0);
    if (w >= need.width && h >= need.height) return n;
  }
  return 8;
}

// Decodes into `out` at the scale `need` asks for; on a libjpeg error returns false with
// err.message set. Everything that must survive the longjmp lives in the caller's objects, so
// nothing here can be clobbered.
bool run_jpeg_decoder(jpeg_decompress_struct& cinfo, JpegError& err, const Bytes& data, PixelNeed need,
                      bool passes_through, JpegPixels& out) {
  if (setjmp(err.jump) != 0) return false;
  jpeg_mem_src(&cinfo, data.data(), static_cast<unsigned long>(data.size()));
  jpeg_read_header(&cinfo, TRUE);
  if (cinfo.image_width == 0 || cinfo.image_height == 0 || cinfo.image_width > kMaxImageSide ||
      cinfo.image_height > kMaxImageSide ||
      static_cast<std::int64_t>(cinfo.image_width) * cinfo.image_height > kMaxImagePixels) {
    std::snprintf(err.message, sizeof err.message, "image is %ux%u pixels (at most %d a side, %lld in all)",
                  cinfo.image_width, cinfo.image_height, kMaxImageSide, static_cast<long long>(kMaxImagePixels));
    return false;
  }
  // libjpeg converts grey and YCbCr to RGB, but not CMYK/YCCK: take those as CMYK.
  const bool cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
  cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
  out.adobe_inverted = cmyk && cinfo.saw_Adobe_marker;
  cinfo.scale_num = scale_for(cinfo, need, passes_through);
  cinfo.scale_denom = 8;
  jpeg_start_decompress(&cinfo);
  out.width = static_cast<int>(cinfo.output_width);
  out.height = static_cast<int>(cinfo.output_height);
  out.components = cinfo.output_components;
  const std::size_t row_bytes = static_cast<std::size_t>(out.width) * out.components;
  out.pixels.resize(row_bytes * out.height);
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = out.pixels.data() + row_bytes * cinfo.output_scanline;
    jpeg_read_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_decompress(&cinfo);
  return true;
}

std::uint32_t rgb24(unsigned r, unsigned g, unsigned b) { return 0xff000000u | (r << 16) | (g << 8) | b; }

// A 64-bit FNV-1a of the bytes: the same photo under two paths is still embedded once.
std::string content_id(const Bytes& data) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : data) h = (h ^ c) * 0x100000001b3ull;
  char buf[48];
  std::snprintf(buf, sizeof buf, "zjgr-jpeg-%016llx-%zu", static_cast<unsigned long long>(h), data.size());
  return buf;
}

void free_bytes(void* data) { delete static_cast<Bytes*>(data); }

cairo_surface_t* decode_jpeg(const std::string& path, Bytes data, PixelNeed need, Diagnostics& diagnostics) {
  jpeg_decompress_struct cinfo{};
  JpegError err{};
  install_jpeg_error(*reinterpret_cast<jpeg_common_struct*>(&cinfo), err);
  jpeg_create_decompress(&cinfo);
  // libjpeg's own memory (coefficient buffers of a progressive file, sample rows) is bounded:
  // past it, it would spill to temporary files, which libjpeg-turbo's jmemnobs refuses with an
  // error instead ("insufficient memory").
  cinfo.mem->max_memory_to_use = limits::kMaxJpegDecoderBytes;
  JpegPixels px;
  const bool ok = run_jpeg_decoder(cinfo, err, data, need, need.none() && cairo_passes_through(data), px);
  jpeg_destroy_decompress(&cinfo);
  if (!ok) {
    diagnostics.error("image-unreadable", "cannot decode JPEG \"" + path + "\": " + err.message);
    return nullptr;
  }
  // Reported by the PDF's check only (need.none()), so each photo is reported once a run, not
  // once more per proof page.
  if (need.none()) warn_if_damaged(path, err.first_warning, diagnostics);

  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, px.width, px.height);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    diagnostics.error("image-unreadable", "no memory for image \"" + path + "\"");
    cairo_surface_destroy(surface);
    return nullptr;
  }
  cairo_surface_flush(surface);
  unsigned char* base = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  const std::size_t n = static_cast<std::size_t>(px.components);
  for (int y = 0; y < px.height; ++y) {
    auto* dst = reinterpret_cast<std::uint32_t*>(base + static_cast<std::ptrdiff_t>(y) * stride);
    const unsigned char* src = px.pixels.data() + static_cast<std::size_t>(y) * px.width * n;
    for (int x = 0; x < px.width; ++x, src += n) {
      if (n == 4) {
        // A naive CMYK → RGB for the proof and the fallback; the PDF gets the original DCT.
        unsigned c = src[0], m = src[1], ye = src[2], k = src[3];
        if (!px.adobe_inverted) { c = 255 - c; m = 255 - m; ye = 255 - ye; k = 255 - k; }
        dst[x] = rgb24(c * k / 255, m * k / 255, ye * k / 255);
      } else {
        dst[x] = rgb24(src[0], src[1], src[2]);
      }
    }
  }
  cairo_surface_mark_dirty(surface);

  // JPEG passthrough: the PDF embeds the original bytes as DCT; the unique id makes Cairo embed
  // a photo used twice only once (DESIGN.md §6).
  const std::string id = content_id(data);
  auto* id_bytes = new Bytes(id.begin(), id.end());
  cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_UNIQUE_ID, id_bytes->data(), id_bytes->size(),
                              free_bytes, id_bytes);
  auto* jpeg = new Bytes(std::move(data));
  cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG, jpeg->data(), jpeg->size(), free_bytes, jpeg);
  return surface;
}

// ---- PNG -------------------------------------------------------------------------------------

cairo_surface_t* decode_png(const std::string& path, const Bytes& data, Diagnostics& diagnostics) {
  // Cairo's 32-bit pixels are native-endian ARGB; BGRA bytes are that on little-endian machines.
  static_assert(std::endian::native == std::endian::little, "pixel layout assumes little-endian");
  cairo_surface_t* surface = nullptr;
  bool alpha = false;
  const std::string why =
      decode_png_bgra(data.data(), data.size(), default_png_bounds(), [&](const PngSize& size) -> PngTarget {
        // Allocated only once the header passed the bounds.
        alpha = size.alpha;
        surface = cairo_image_surface_create(alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, size.width, size.height);
        if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) return {};
        cairo_surface_flush(surface);
        return {cairo_image_surface_get_data(surface), cairo_image_surface_get_stride(surface)};
      });
  if (!why.empty()) {
    if (surface != nullptr) cairo_surface_destroy(surface);
    diagnostics.error("image-unreadable", "cannot decode PNG \"" + path + "\": " + why);
    return nullptr;
  }
  if (alpha) {
    // Cairo wants premultiplied alpha.
    unsigned char* base = cairo_image_surface_get_data(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    const int width = cairo_image_surface_get_width(surface), height = cairo_image_surface_get_height(surface);
    for (int y = 0; y < height; ++y) {
      unsigned char* p = base + static_cast<std::ptrdiff_t>(y) * stride;
      for (int x = 0; x < width; ++x, p += 4) {
        const unsigned a = p[3];
        for (int c = 0; c < 3; ++c) p[c] = static_cast<unsigned char>((p[c] * a + 127) / 255);
      }
    }
  }
  cairo_surface_mark_dirty(surface);
  return surface;
}

}  // namespace

namespace {

// T.81 Annex B: SOI, then segments of FF marker, a big-endian length (counting itself) and the
// payload, up to a frame header (SOFn) or the scan; fill bytes FF may precede a marker. Calls
// visit(marker, payload, payload_size) for each segment with a length until it returns false.
// Every step moves forward, so the walk ends within `size` bytes. False when the bytes are not
// a JPEG or a segment runs past the end.
template <class Visit>
bool walk_jpeg_segments(const unsigned char* data, std::size_t size, Visit&& visit) {
  if (data == nullptr || size < 4 || data[0] != 0xff || data[1] != 0xd8) return false;
  std::size_t p = 2;
  while (p + 4 <= size) {
    if (data[p] != 0xff) return false;
    const unsigned char marker = data[p + 1];
    if (marker == 0xff) {  // a fill byte
      ++p;
      continue;
    }
    if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {  // TEM, RSTn, SOI: no length
      p += 2;
      continue;
    }
    if (marker == 0xd9) return false;  // EOI before anything of interest
    const std::size_t length = (static_cast<std::size_t>(data[p + 2]) << 8) | data[p + 3];
    if (length < 2 || p + 2 + length > size) return false;
    if (!visit(marker, data + p + 4, length - 2)) return true;
    p += 2 + length;
  }
  return false;
}

bool is_frame_header(unsigned char marker) {
  return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
}

}  // namespace

std::optional<JpegColor> jpeg_color(const unsigned char* data, std::size_t size) {
  JpegColor color;
  bool found = false;
  walk_jpeg_segments(data, size, [&](unsigned char marker, const unsigned char* payload, std::size_t n) {
    if (marker == 0xda) return false;  // scan data before a frame
    if (is_frame_header(marker)) {
      if (n >= 6) {  // precision, height, width, components
        color.components = payload[5];
        found = true;
      }
      return false;
    }
    if (marker == 0xee && n >= 12 && std::memcmp(payload, "Adobe", 5) == 0) color.adobe = true;
    return true;
  });
  if (!found) return std::nullopt;
  return color;
}

int jpeg_quality(const unsigned char* data, std::size_t size) {
  // T.81 Annex K.1's luminance table (natural order) and the zigzag order DQT stores it in.
  static constexpr int kLuminance[64] = {
      16, 11, 10, 16, 24,  40,  51,  61,  12, 12, 14, 19, 26,  58,  60,  55,
      14, 13, 16, 24, 40,  57,  69,  56,  14, 17, 22, 29, 51,  87,  80,  62,
      18, 22, 37, 56, 68,  109, 103, 77,  24, 35, 55, 64, 81,  104, 113, 92,
      49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};
  static constexpr int kZigzag[64] = {0,  1,  8,  16, 9,  2,  3,  10, 17, 24, 32, 25, 18, 11, 4,  5,
                                      12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6,  7,  14, 21, 28,
                                      35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
                                      58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};
  int table[64] = {};
  bool found = false;
  walk_jpeg_segments(data, size, [&](unsigned char marker, const unsigned char* payload, std::size_t n) {
    if (marker == 0xda) return false;
    if (marker != 0xdb) return true;
    // Tables of 1 + 64 or 1 + 128 bytes (8- or 16-bit values); table 0 is the luminance one.
    for (std::size_t at = 0; at < n;) {
      const int precision = payload[at] >> 4, id = payload[at] & 15;
      const std::size_t bytes = precision == 0 ? 64 : 128;
      if (at + 1 + bytes > n) return false;
      if (id == 0) {
        for (int k = 0; k < 64; ++k) {
          table[kZigzag[k]] = precision == 0 ? payload[at + 1 + k]
                                             : (payload[at + 1 + 2 * k] << 8) | payload[at + 2 + 2 * k];
        }
        found = true;
      }
      at += 1 + bytes;
    }
    return true;
  });
  if (!found) return 0;
  // libjpeg's jpeg_set_quality: scale 5000/q below 50, 200 - 2q from 50; the nearest wins.
  int best = 0;
  long best_error = -1;
  for (int q = 1; q <= 100; ++q) {
    const long scale = q < 50 ? 5000 / q : 200 - 2 * q;
    long error = 0;
    for (int i = 0; i < 64; ++i) {
      const long v = std::clamp((kLuminance[i] * scale + 50) / 100, 1l, 255l);
      error += std::labs(v - table[i]);
    }
    if (best_error < 0 || error < best_error) best = q, best_error = error;
  }
  return best;
}

cairo_surface_t* decode_image(const std::string& path, PixelNeed need, Diagnostics& diagnostics) {
  Bytes data;
  if (!read_image_file(path, data)) {
    diagnostics.error("image-unreadable", "cannot read image \"" + path + "\" (or it is larger than " +
                                              std::to_string(limits::kMaxImageFileBytes) + " bytes)");
    return nullptr;
  }
  static constexpr unsigned char kPng[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (data.size() >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff) {
    return decode_jpeg(path, std::move(data), need, diagnostics);
  }
  if (data.size() >= 8 && std::memcmp(data.data(), kPng, 8) == 0) return decode_png(path, data, diagnostics);
  diagnostics.error("image-unreadable", "\"" + path + "\" is neither a JPEG nor a PNG file");
  return nullptr;
}

ImageCache::~ImageCache() {
  for (auto& [path, surface] : surfaces_) {
    if (surface != nullptr) cairo_surface_destroy(surface);
  }
}

cairo_surface_t* ImageCache::get(const std::string& path, PixelNeed need, Diagnostics& diagnostics) {
  if (unreadable_.count(path) != 0) return nullptr;
  // Clamped: a crop window of almost nothing asks for absurd sizes (the decoder caps them anyway).
  const auto rounded = [](double v) { return std::lround(std::ceil(std::clamp(v, 0.0, 1e9))); };
  const auto key = std::make_tuple(path, rounded(need.width), rounded(need.height));
  if (auto it = surfaces_.find(key); it != surfaces_.end()) return it->second;
  cairo_surface_t* surface = decode_image(path, need, diagnostics);
  if (surface == nullptr) {
    unreadable_.insert(path);
    return nullptr;
  }
  surfaces_.emplace(key, surface);
  return surface;
}

}  // namespace zjgr::render::detail
