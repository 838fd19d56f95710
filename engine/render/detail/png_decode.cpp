#include "render/detail/png_decode.h"

#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <cstring>

#include "base/limits.h"

namespace zjgr::render::detail {
namespace {

/// The bytes being read and libpng's last complaint.
struct Reader {
  const unsigned char* data = nullptr;
  std::size_t size = 0, at = 0;
  char message[256] = {};
};

[[noreturn]] void on_error(png_structp png, png_const_charp message) {
  auto* reader = static_cast<Reader*>(png_get_error_ptr(png));
  std::snprintf(reader->message, sizeof reader->message, "%s", message);
  png_longjmp(png, 1);
}

void on_warning(png_structp, png_const_charp) {}

void on_read(png_structp png, png_bytep out, png_size_t length) {
  auto* reader = static_cast<Reader*>(png_get_io_ptr(png));
  if (length > reader->size - reader->at) png_error(png, "the file ends inside a chunk");
  std::memcpy(out, reader->data + reader->at, length);
  reader->at += length;
}

/// The chunks libpng knows but a photo's pixels do not need: skipped unread, so that neither
/// their size nor their compressed text costs anything (PNG 1.2 §4.2 and the 2003 extensions).
constexpr png_byte kSkipped[] = {
    't', 'E', 'X', 't', '\0', 'z', 'T', 'X', 't', '\0', 'i', 'T', 'X', 't', '\0', 'i', 'C', 'C', 'P', '\0',
    's', 'P', 'L', 'T', '\0', 'e', 'X', 'I', 'f', '\0', 't', 'I', 'M', 'E', '\0', 'h', 'I', 'S', 'T', '\0',
    'p', 'C', 'A', 'L', '\0', 's', 'C', 'A', 'L', '\0', 's', 'T', 'E', 'R', '\0', 'o', 'F', 'F', 's', '\0',
    'p', 'H', 'Y', 's', '\0'};

// The setjmp-guarded part: everything that must survive a longjmp lives in the caller's objects.
bool run(png_structp png, png_infop info, Reader& reader, const PngBounds& bounds,
         const std::function<PngTarget(const PngSize&)>& target, std::string& why) {
  if (setjmp(png_jmpbuf(png)) != 0) return false;
  png_set_read_fn(png, &reader, on_read);
  // Bounds before the header is read: libpng refuses larger sides itself, never allocates more
  // than this for one chunk, and keeps only so many ancillary chunks.
  png_set_user_limits(png, bounds.max_side, bounds.max_side);
  png_set_chunk_malloc_max(png, limits::kMaxPngChunkBytes);
  png_set_chunk_cache_max(png, limits::kMaxPngCachedChunks);
  png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, nullptr, 0);
  png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, kSkipped, static_cast<int>(sizeof kSkipped / 5));
  png_read_info(png, info);

  png_uint_32 width = 0, height = 0;
  int depth = 0, color = 0, interlace = 0;
  png_get_IHDR(png, info, &width, &height, &depth, &color, &interlace, nullptr, nullptr);
  if (width == 0 || height == 0 || width > bounds.max_side || height > bounds.max_side ||
      static_cast<std::int64_t>(width) * height > bounds.max_pixels) {
    why = "image is " + std::to_string(width) + "x" + std::to_string(height) + " pixels (at most " +
          std::to_string(bounds.max_side) + " a side, " + std::to_string(bounds.max_pixels) + " in all)";
    return false;
  }

  // Every colour type and depth to 8-bit B, G, R, A; a file without gAMA is taken as sRGB.
  png_set_gamma(png, PNG_DEFAULT_sRGB, PNG_DEFAULT_sRGB);
  if (color == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
  if (color == PNG_COLOR_TYPE_GRAY && depth < 8) png_set_expand_gray_1_2_4_to_8(png);
  bool alpha = (color & PNG_COLOR_MASK_ALPHA) != 0;
  if (png_get_valid(png, info, PNG_INFO_tRNS) != 0) {
    png_set_tRNS_to_alpha(png);
    alpha = true;
  }
  if (depth == 16) png_set_scale_16(png);
  if ((color & PNG_COLOR_MASK_COLOR) == 0) png_set_gray_to_rgb(png);
  png_set_bgr(png);
  if (!alpha) png_set_filler(png, 0xff, PNG_FILLER_AFTER);
  const int passes = png_set_interlace_handling(png);
  png_read_update_info(png, info);
  if (png_get_rowbytes(png, info) != static_cast<png_size_t>(width) * 4) {
    why = "unexpected row size after conversion";
    return false;
  }

  const PngTarget out = target(PngSize{static_cast<int>(width), static_cast<int>(height), alpha});
  if (out.base == nullptr) {
    why = "no memory for its pixels";
    return false;
  }
  // Row by row (each pass of an interlaced file refines the rows in place): no row table.
  for (int pass = 0; pass < passes; ++pass) {
    for (png_uint_32 y = 0; y < height; ++y) png_read_row(png, out.base + static_cast<std::ptrdiff_t>(y) * out.stride, nullptr);
  }
  png_read_end(png, nullptr);
  return true;
}

}  // namespace

PngBounds default_png_bounds() {
  return PngBounds{static_cast<std::uint32_t>(limits::kMaxImageSide), limits::kMaxImagePixels};
}

std::string decode_png_bgra(const unsigned char* data, std::size_t size, const PngBounds& bounds,
                            const std::function<PngTarget(const PngSize&)>& target) {
  Reader reader{data, size, 0, {}};
  if (data == nullptr || size < 8 || png_sig_cmp(data, 0, 8) != 0) return "not a PNG file";
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &reader, on_error, on_warning);
  if (png == nullptr) return "no memory for the decoder";
  png_infop info = png_create_info_struct(png);
  if (info == nullptr) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    return "no memory for the decoder";
  }
  std::string why;
  const bool ok = run(png, info, reader, bounds, target, why);
  png_destroy_read_struct(&png, &info, nullptr);
  if (ok) return {};
  return why.empty() ? std::string(reader.message[0] != '\0' ? reader.message : "libpng failed") : why;
}

}  // namespace zjgr::render::detail
