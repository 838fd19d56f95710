// decode_png_bgra (render/detail/png_decode.h): libpng's classic API with bounds. Every colour
// type and depth comes out as 8-bit BGRA; text chunks are skipped; a header or a chunk past the
// bounds is refused before the pixels are asked for.
#include "render/detail/png_decode.h"

#include <png.h>

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace zjgr::render::detail {
namespace {

using Bytes = std::vector<unsigned char>;

/// A PNG made with libpng's writer: `rows` of the given colour type and depth, an optional tRNS
/// and palette, and optional zTXt text of `text_bytes` zeros.
struct PngSpec {
  int width = 2, height = 2, color = PNG_COLOR_TYPE_RGB, depth = 8;
  bool interlaced = false;
  std::vector<png_color> palette;
  std::vector<png_byte> trans;
  std::size_t text_bytes = 0;
  std::vector<Bytes> rows;
};

void on_write(png_structp png, png_bytep data, png_size_t n) {
  auto* out = static_cast<Bytes*>(png_get_io_ptr(png));
  out->insert(out->end(), data, data + n);
}

Bytes make_png(const PngSpec& spec) {
  Bytes out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  if (setjmp(png_jmpbuf(png)) != 0) {
    png_destroy_write_struct(&png, &info);
    return {};
  }
  png_set_write_fn(png, &out, on_write, nullptr);
  png_set_IHDR(png, info, spec.width, spec.height, spec.depth, spec.color,
               spec.interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  if (!spec.palette.empty()) png_set_PLTE(png, info, spec.palette.data(), static_cast<int>(spec.palette.size()));
  if (!spec.trans.empty()) png_set_tRNS(png, info, spec.trans.data(), static_cast<int>(spec.trans.size()), nullptr);
  std::string text(spec.text_bytes, 'z');
  char key[] = "Comment";
  png_text t{};
  if (spec.text_bytes > 0) {
    t.compression = PNG_TEXT_COMPRESSION_zTXt;
    t.key = key;
    t.text = text.data();
    t.text_length = text.size();
    png_set_text(png, info, &t, 1);
  }
  std::vector<png_bytep> rows;
  for (const Bytes& r : spec.rows) rows.push_back(const_cast<png_bytep>(r.data()));
  png_set_rows(png, info, rows.data());
  png_write_png(png, info, PNG_TRANSFORM_IDENTITY, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

/// Decodes into a BGRA buffer; "error: …" or the pixels as "bgra bgra …" in hex, rows by "|".
std::string decode(const Bytes& png, bool* asked = nullptr, PngBounds bounds = default_png_bounds()) {
  Bytes pixels;
  int width = 0, height = 0;
  bool alpha = false;
  const std::string why = decode_png_bgra(png.data(), png.size(), bounds, [&](const PngSize& s) -> PngTarget {
    if (asked != nullptr) *asked = true;
    width = s.width;
    height = s.height;
    alpha = s.alpha;
    pixels.assign(static_cast<std::size_t>(s.width) * s.height * 4, 0);
    return {pixels.data(), static_cast<std::ptrdiff_t>(s.width) * 4};
  });
  if (!why.empty()) return "error: " + why;
  std::string out = alpha ? "alpha " : "";
  char hex[16];
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const unsigned char* p = &pixels[(static_cast<std::size_t>(y) * width + x) * 4];
      std::snprintf(hex, sizeof hex, "%02x%02x%02x%02x", p[0], p[1], p[2], p[3]);
      out += (x > 0 ? " " : "") + std::string(hex);
    }
    if (y + 1 < height) out += "|";
  }
  return out;
}

TEST(PngDecode, RgbBecomesBgraWithOpaqueAlpha) {
  PngSpec spec;
  spec.rows = {{255, 0, 0, 0, 255, 0}, {0, 0, 255, 16, 32, 48}};
  EXPECT_EQ(decode(make_png(spec)), "0000ffff 00ff00ff|ff0000ff 302010ff");
}

TEST(PngDecode, InterlacedGivesTheSamePixels) {
  PngSpec spec;
  spec.interlaced = true;
  spec.rows = {{255, 0, 0, 0, 255, 0}, {0, 0, 255, 16, 32, 48}};
  EXPECT_EQ(decode(make_png(spec)), "0000ffff 00ff00ff|ff0000ff 302010ff");
}

TEST(PngDecode, SixteenBitGreyIsScaledAndSpread) {
  PngSpec spec;
  spec.color = PNG_COLOR_TYPE_GRAY;
  spec.depth = 16;
  spec.rows = {{0xff, 0xff, 0x80, 0x00}, {0x00, 0x00, 0x10, 0x10}};
  EXPECT_EQ(decode(make_png(spec)), "ffffffff 808080ff|000000ff 101010ff");
}

TEST(PngDecode, PaletteWithTransparencyHasAlpha) {
  PngSpec spec;
  spec.color = PNG_COLOR_TYPE_PALETTE;
  spec.palette = {{255, 0, 0}, {0, 0, 255}};
  spec.trans = {0x00, 0xff};
  spec.rows = {{0, 1}, {1, 0}};
  EXPECT_EQ(decode(make_png(spec)), "alpha 0000ff00 ff0000ff|ff0000ff 0000ff00");
}

TEST(PngDecode, CompressedTextIsSkippedUnread) {
  // 8 MiB of text: past the chunk memory bound, so libpng would refuse it if it inflated it.
  PngSpec spec;
  spec.text_bytes = 8u << 20;
  spec.rows = {{1, 2, 3, 4, 5, 6}, {7, 8, 9, 10, 11, 12}};
  EXPECT_EQ(decode(make_png(spec)), "030201ff 060504ff|090807ff 0c0b0aff");
}

TEST(PngDecode, HeaderPastTheBoundsIsRefusedBeforeAnyPixel) {
  PngSpec spec;
  spec.width = 40;
  spec.height = 30;
  spec.rows.assign(30, Bytes(40 * 3, 0));
  bool asked = false;
  EXPECT_EQ(decode(make_png(spec), &asked, PngBounds{50, 1000}), "error: image is 40x30 pixels (at most 50 a side, 1000 in all)");
  EXPECT_FALSE(asked);
  EXPECT_EQ(decode(make_png(spec), &asked, PngBounds{20, 100000}).substr(0, 6), "error:");
  EXPECT_FALSE(asked);
}

TEST(PngDecode, ChunkDeclaringMoreThanTheFileHoldsIsAnError) {
  PngSpec spec;
  spec.rows = {{1, 2, 3, 4, 5, 6}, {7, 8, 9, 10, 11, 12}};
  Bytes png = make_png(spec);
  // A tEXt chunk after IHDR (8 + 25 bytes) whose length says 1.78 GB, with 100 bytes after it.
  Bytes chunk = {0x6A, 0x18, 0x00, 0x00, 't', 'E', 'X', 't'};
  chunk.resize(chunk.size() + 100, 'x');
  png.insert(png.begin() + 33, chunk.begin(), chunk.end());
  bool asked = false;
  EXPECT_EQ(decode(png, &asked).substr(0, 6), "error:");
  EXPECT_FALSE(asked);
}

TEST(PngDecode, NotAPngIsAnError) {
  EXPECT_EQ(decode(Bytes{'G', 'I', 'F', '8', '9', 'a', 0, 0, 0}), "error: not a PNG file");
}

}  // namespace
}  // namespace zjgr::render::detail
