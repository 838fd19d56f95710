// Photos as they print: CMYK and YCCK JPEGs (Adobe-inverted as Photoshop and ImageMagick write
// them, or plain) and EXIF orientation, through render_pdf — read back by Ghostscript, as a
// plant's RIP would — and through render_page (the PNG proof). The colours are checked where the
// photo lies on the page; a CMYK photo embedded without its inversion comes out nearly black.
#include <gtest/gtest.h>
#include <jpeglib.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <regex>
#include <functional>
#include <string>
#include <vector>

#include "render/png_read.h"
#include "render_test_support.h"
#include "support/paths.h"

namespace zjgr::render {
namespace {

using test::run_command;

/// How a test JPEG stores its samples.
enum class Store {
  Rgb,        ///< YCbCr (JFIF), from RGB
  AdobeCmyk,  ///< CMYK with an Adobe APP14 segment, inverted (0 = full ink): Photoshop's way
  AdobeYcck,  ///< YCCK with an Adobe APP14 segment (transform 2), inverted: ImageMagick's way
  PlainCmyk,  ///< CMYK without APP14, not inverted (255 = full ink)
};

using Pixel = std::array<std::uint8_t, 4>;  ///< RGB (the fourth unused) or CMYK ink, 255 = full

/// Writes a `width`×`height` JPEG with libjpeg (quality 95, no chroma subsampling) whose pixel
/// (x, y) is `colour(x, y)`, with an APP1 segment `app1` (its payload) right after the others.
void write_jpeg(const std::filesystem::path& path, int width, int height, Store store,
                const std::function<Pixel(int, int)>& colour, const std::vector<unsigned char>& app1 = {}) {
  jpeg_compress_struct cinfo{};
  jpeg_error_mgr err{};
  cinfo.err = jpeg_std_error(&err);
  jpeg_create_compress(&cinfo);
  FILE* fp = std::fopen(path.c_str(), "wb");
  ASSERT_NE(fp, nullptr) << path;
  jpeg_stdio_dest(&cinfo, fp);
  cinfo.image_width = static_cast<JDIMENSION>(width);
  cinfo.image_height = static_cast<JDIMENSION>(height);
  const bool cmyk = store != Store::Rgb;
  cinfo.input_components = cmyk ? 4 : 3;
  cinfo.in_color_space = cmyk ? JCS_CMYK : JCS_RGB;
  jpeg_set_defaults(&cinfo);
  if (store == Store::AdobeYcck) jpeg_set_colorspace(&cinfo, JCS_YCCK);
  if (store == Store::PlainCmyk) cinfo.write_Adobe_marker = FALSE;
  for (int c = 0; c < cinfo.num_components; ++c) cinfo.comp_info[c].h_samp_factor = cinfo.comp_info[c].v_samp_factor = 1;
  jpeg_set_quality(&cinfo, 95, TRUE);
  jpeg_start_compress(&cinfo, TRUE);
  if (!app1.empty()) jpeg_write_marker(&cinfo, JPEG_APP0 + 1, app1.data(), static_cast<unsigned>(app1.size()));
  const int n = cinfo.input_components;
  const bool inverted = store == Store::AdobeCmyk || store == Store::AdobeYcck;
  std::vector<JSAMPLE> row(static_cast<std::size_t>(width) * n);
  while (cinfo.next_scanline < cinfo.image_height) {
    const int y = static_cast<int>(cinfo.next_scanline);
    for (int x = 0; x < width; ++x) {
      const Pixel p = colour(x, y);
      for (int c = 0; c < n; ++c) row[static_cast<std::size_t>(x * n + c)] = static_cast<JSAMPLE>(inverted ? 255 - p[c] : p[c]);
    }
    JSAMPROW r = row.data();
    jpeg_write_scanlines(&cinfo, &r, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  std::fclose(fp);
}

/// An APP1 payload "Exif\0\0" + a big-endian TIFF header whose IFD0 holds Orientation = `value`.
std::vector<unsigned char> exif_orientation(int value) {
  return {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8,    // TIFF header, IFD0 at 8
          0, 1,                                                     // one entry
          0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, static_cast<unsigned char>(value), 0, 0,  // SHORT ×1
          0, 0, 0, 0};                                              // no next IFD
}

struct Rgb {
  int r, g, b;
};
std::ostream& operator<<(std::ostream& os, const Rgb& c) { return os << "rgb(" << c.r << "," << c.g << "," << c.b << ")"; }

Rgb pixel(const Raster& r, int x, int y) {
  const std::size_t i = (static_cast<std::size_t>(y) * r.width + x) * 3;
  return {r.rgb[i], r.rgb[i + 1], r.rgb[i + 2]};
}

/// Whether `c` is near `want`, each component within `tolerance`.
bool near(Rgb c, Rgb want, int tolerance) {
  return std::abs(c.r - want.r) <= tolerance && std::abs(c.g - want.g) <= tolerance && std::abs(c.b - want.b) <= tolerance;
}

/// The test page: 200×120 pt trim, 3 mm bleed, nothing on it but `image` at (100, 20) (its size
/// and orientation as given).
frame::Document photo_page(frame::ImageItem image) {
  frame::Document doc;
  doc.metadata.title = "浙江工人日报";
  doc.metadata.year = 2021, doc.metadata.month = 2, doc.metadata.day = 25;
  frame::PageFrame page;
  page.number = 1;
  page.trim = {Length::pt(200), Length::pt(120)};
  page.bleed = Length::mm(3);
  page.frame.size = page.trim;
  page.frame.push({Length::pt(100), Length::pt(20)}, std::move(image));
  doc.pages.push_back(std::move(page));
  return doc;
}

struct PhotosTest : ::testing::Test {
  void SetUp() override {
    dir = zjgr::test::scratch_dir(std::string("photos-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  /// render_pdf into dir/name, rasterized by Ghostscript at 72 dpi over the trim box (1 px = 1 pt,
  /// trim coordinates); fails the test on any diagnostic (a preflight warning included).
  Raster pdf_raster(const frame::Document& doc, const std::string& name, bool print) {
    const auto pdf = dir / (name + ".pdf"), png = dir / (name + ".png");
    PdfOptions options;
    options.print = print;
    Diagnostics diagnostics;
    EXPECT_TRUE(render_pdf(doc, test::library(), pdf, options, diagnostics));
    for (const auto& d : diagnostics.items()) ADD_FAILURE() << format(d);
    run_command("gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=png16m -r72 -dUseTrimBox -o '" + png.string() + "' '" +
                pdf.string() + "' 2>&1");
    auto raster = read_png(png, diagnostics);
    if (!raster) ADD_FAILURE() << "cannot read " << png;
    return raster.value_or(Raster{});
  }
  Raster proof(const frame::Document& doc) {
    Diagnostics diagnostics;
    Raster r = render_page(doc.pages[0], test::library(), 72, diagnostics);
    for (const auto& d : diagnostics.items()) ADD_FAILURE() << format(d);
    return r;
  }
  std::filesystem::path dir;
};

// ---- CMYK ------------------------------------------------------------------------------------

// A flat patch of 100 % magenta + yellow (press red) beside one of 100 % cyan, in each way a
// CMYK JPEG comes: as a press prints it (Ghostscript renders DeviceCMYK through its CMYK profile,
// red near (237, 28, 36) and cyan near (0, 174, 239)), never nearly black.
TEST_F(PhotosTest, CmykAndYcckJpegsPrintTheirColourInScreenAndPrintPdfs) {
  const auto colour = [](int x, int) -> Pixel { return x < 40 ? Pixel{0, 255, 255, 0} : Pixel{255, 0, 0, 0}; };
  for (const Store store : {Store::AdobeCmyk, Store::AdobeYcck, Store::PlainCmyk}) {
    const std::string name = "cmyk-" + std::to_string(static_cast<int>(store));
    const auto path = dir / (name + ".jpg");
    write_jpeg(path, 80, 48, store, colour);
    const frame::Document doc = photo_page(frame::ImageItem{path.string(), {Length::pt(80), Length::pt(48)}});
    for (const bool print : {false, true}) {
      SCOPED_TRACE(name + (print ? " --print" : " screen"));
      const Raster r = pdf_raster(doc, name + (print ? "-print" : "-screen"), print);
      ASSERT_EQ(r.width, 200);
      ASSERT_EQ(r.height, 120);
      // The patches' middles: red at (120, 44), cyan at (160, 44); paper white outside.
      const Rgb red = pixel(r, 120, 44), cyan = pixel(r, 160, 44);
      EXPECT_TRUE(near(red, {237, 28, 36}, 40)) << red;
      EXPECT_TRUE(near(cyan, {0, 174, 239}, 40)) << cyan;
      EXPECT_TRUE(near(pixel(r, 50, 44), {255, 255, 255}, 2)) << pixel(r, 50, 44);
    }
    // The PNG proof's own CMYK → RGB (naive, no profile): red and cyan, not black.
    const Raster p = proof(doc);
    EXPECT_TRUE(near(pixel(p, 120, 44), {255, 0, 0}, 30)) << pixel(p, 120, 44);
    EXPECT_TRUE(near(pixel(p, 160, 44), {0, 255, 255}, 30)) << pixel(p, 160, 44);
  }
}

// The screen PDF still carries the photo's own bytes: the inversion is a /Decode array on the
// image, not a re-encoding.
TEST_F(PhotosTest, AdobeCmykJpegIsPassedThroughWithAnInvertingDecode) {
  const auto path = dir / "adobe.jpg";
  write_jpeg(path, 80, 48, Store::AdobeCmyk, [](int, int) -> Pixel { return {0, 255, 255, 0}; });
  const auto pdf = dir / "adobe.pdf";
  PdfOptions options;
  Diagnostics diagnostics;
  ASSERT_TRUE(render_pdf(photo_page(frame::ImageItem{path.string(), {Length::pt(80), Length::pt(48)}}), test::library(),
                         pdf, options, diagnostics));
  const std::string list = run_command("pdfimages -list '" + pdf.string() + "'");
  EXPECT_TRUE(std::regex_search(list, std::regex(R"(image\s+80\s+48\s+cmyk\s+4\s+8\s+jpeg)"))) << list;
  // The finished file has no object streams: the image's dictionary is plain text in it.
  EXPECT_NE(test::slurp(pdf).find("/Decode [ 1 0 1 0 1 0 1 0 ]"), std::string::npos);
  ASSERT_EQ(run_command("pdfimages -j '" + pdf.string() + "' '" + (dir / "img").string() + "'"), "");
  EXPECT_EQ(test::slurp(dir / "img-000.jpg"), test::slurp(path)) << "the JPEG is not embedded as its own bytes";
}

// A CMYK photo of 400 % ink (all four inks full, stored inverted): the preflight reads its ink
// through the /Decode (400 %, not 0 %) in a screen file; --print keeps the photo's inks but
// limits them to the ink limit, so the press file passes its preflight.
TEST_F(PhotosTest, CmykJpegInkIsReadThroughItsDecodeAndLimitedWithPrint) {
  const auto path = dir / "full.jpg";
  write_jpeg(path, 32, 32, Store::AdobeCmyk, [](int, int) -> Pixel { return {255, 255, 255, 255}; });
  const frame::Document doc = photo_page(frame::ImageItem{path.string(), {Length::pt(32), Length::pt(32)}});
  for (const bool print : {false, true}) {
    SCOPED_TRACE(print ? "--print" : "screen");
    PdfOptions options;
    options.print = print;
    Diagnostics diagnostics;
    Preflight preflight;
    ASSERT_TRUE(render_pdf(doc, test::library(), dir / (print ? "print.pdf" : "screen.pdf"), options, diagnostics, &preflight));
    for (const auto& d : diagnostics.items()) ADD_FAILURE() << format(d);
    ASSERT_EQ(preflight.images.size(), 1u);
    EXPECT_EQ(preflight.images[0].color_space, "DeviceCMYK");
    EXPECT_EQ(preflight.images[0].filter, "DCTDecode");  // --print: the press photo is a CMYK JPEG too
    if (print) {
      EXPECT_LE(preflight.images[0].max_ink, 240.0);
      // Black kept, colour scaled to fit beside it, under the limit less the 12 levels (4.7 %)
      // the press photo leaves for JPEG's error.
      EXPECT_GE(preflight.images[0].max_ink, 235.0);
    } else {
      EXPECT_GE(preflight.images[0].max_ink, 395.0);
    }
  }
}

// ---- EXIF orientation ------------------------------------------------------------------------

// The upright picture: four quadrants, red top left, green top right, blue bottom left, yellow
// bottom right. Any turn or mirror moves at least two of them.
Pixel quadrant(bool right, bool bottom) {
  if (!bottom) return right ? Pixel{0, 170, 0, 0} : Pixel{220, 0, 0, 0};
  return right ? Pixel{240, 220, 0, 0} : Pixel{0, 0, 220, 0};
}

// Where an upright picture's pixel (u, v) is stored, for each orientation (Exif 2.3, tag 0x0112:
// the value says where the stored 0th row and 0th column are seen), for an upright size uw × uh.
std::pair<int, int> stored_of(int orientation, int u, int v, int uw, int uh) {
  switch (orientation) {
    case 2: return {uw - 1 - u, v};           // row 0 top, column 0 right
    case 3: return {uw - 1 - u, uh - 1 - v};  // row 0 bottom, column 0 right
    case 4: return {u, uh - 1 - v};           // row 0 bottom, column 0 left
    case 5: return {v, u};                    // row 0 left, column 0 top
    case 6: return {v, uw - 1 - u};           // row 0 right, column 0 top
    case 7: return {uh - 1 - v, uw - 1 - u};  // row 0 right, column 0 bottom
    case 8: return {uh - 1 - v, u};           // row 0 left, column 0 bottom
    default: return {u, v};
  }
}

// For every orientation: a portrait picture 48×64 upright, stored as the camera would (turned
// or mirrored, with the orientation tag), placed 48×64 pt: the PDF (Ghostscript) and the proof
// both show the quadrants where the upright picture has them.
TEST_F(PhotosTest, EveryExifOrientationIsDrawnUprightInThePdfAndTheProof) {
  constexpr int uw = 48, uh = 64;
  for (int orientation = 1; orientation <= 8; ++orientation) {
    SCOPED_TRACE("orientation " + std::to_string(orientation));
    const bool quarter = orientation >= 5;
    const int sw = quarter ? uh : uw, sh = quarter ? uw : uh;
    // Each stored pixel gets the colour of the upright pixel it is seen as.
    std::vector<Pixel> stored(static_cast<std::size_t>(sw * sh));
    for (int v = 0; v < uh; ++v) {
      for (int u = 0; u < uw; ++u) {
        const auto [x, y] = stored_of(orientation, u, v, uw, uh);
        stored[static_cast<std::size_t>(y * sw + x)] = quadrant(u >= uw / 2, v >= uh / 2);
      }
    }
    const auto path = dir / ("o" + std::to_string(orientation) + ".jpg");
    write_jpeg(path, sw, sh, Store::Rgb, [&](int x, int y) { return stored[static_cast<std::size_t>(y * sw + x)]; },
               exif_orientation(orientation));
    frame::ImageItem item{path.string(), {Length::pt(uw), Length::pt(uh)}};
    item.orientation = orientation;
    const frame::Document doc = photo_page(item);
    const Raster pdf = pdf_raster(doc, "o" + std::to_string(orientation), false), png = proof(doc);
    for (const Raster* r : {&pdf, &png}) {
      SCOPED_TRACE(r == &pdf ? "pdf" : "proof");
      ASSERT_EQ(r->width, 200);
      // Quadrant middles on the page (the photo's top left at (100, 20)).
      for (const bool bottom : {false, true}) {
        for (const bool right : {false, true}) {
          const Pixel want = quadrant(right, bottom);
          const Rgb got = pixel(*r, 100 + (right ? 36 : 12), 20 + (bottom ? 48 : 16));
          EXPECT_TRUE(near(got, {want[0], want[1], want[2]}, 40))
              << (bottom ? "bottom " : "top ") << (right ? "right" : "left") << ": " << got;
        }
      }
    }
  }
}

// A crop window is in upright coordinates: the top half of an orientation-6 picture shows red and
// green (its upright top), stretched over the whole item.
TEST_F(PhotosTest, CropOfAnExifTurnedPictureIsInUprightCoordinates) {
  constexpr int uw = 48, uh = 64;
  const auto path = dir / "o6.jpg";
  write_jpeg(path, uh, uw, Store::Rgb,
             [&](int x, int y) {
               // stored (x, y) of orientation 6 is upright (u, v) = (uw - 1 - y, x)
               return quadrant(uw - 1 - y >= uw / 2, x >= uh / 2);
             },
             exif_orientation(6));
  frame::ImageItem item{path.string(), {Length::pt(48), Length::pt(32)}};
  item.orientation = 6;
  item.crop_bottom = 0.5;
  const frame::Document doc = photo_page(item);
  const Raster pdf = pdf_raster(doc, "crop", false), png = proof(doc);
  for (const Raster* r : {&pdf, &png}) {
    SCOPED_TRACE(r == &pdf ? "pdf" : "proof");
    EXPECT_TRUE(near(pixel(*r, 112, 28), {220, 0, 0}, 40)) << pixel(*r, 112, 28);
    EXPECT_TRUE(near(pixel(*r, 136, 44), {0, 170, 0}, 40)) << pixel(*r, 136, 44);
  }
}

}  // namespace
}  // namespace zjgr::render
