// decode_image and ImageCache (render/detail/images.h): JPEGs decoded at the smallest N/8 DCT
// scale that gives the pixels a render needs (⅛ for the PDF, which embeds the original bytes
// carried as mime data), PNGs always whole, unreadable files reported once.
#include "render/detail/images.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "render_test_support.h"
#include "support/paths.h"

namespace zjgr::render::detail {
namespace {

/// Owns one surface reference (decode_image returns a new one).
struct Surface {
  explicit Surface(cairo_surface_t* s) : get(s) {}
  ~Surface() {
    if (get != nullptr) cairo_surface_destroy(get);
  }
  Surface(const Surface&) = delete;
  Surface& operator=(const Surface&) = delete;
  cairo_surface_t* get;
};

/// "WxH" of an image surface, "null" for none.
std::string size_of(cairo_surface_t* s) {
  if (s == nullptr) return "null";
  return std::to_string(cairo_image_surface_get_width(s)) + "x" + std::to_string(cairo_image_surface_get_height(s));
}

/// The surface's mime data of `type` as bytes; empty when it has none.
std::string mime(cairo_surface_t* s, const char* type) {
  const unsigned char* data = nullptr;
  unsigned long length = 0;
  cairo_surface_get_mime_data(s, type, &data, &length);
  return data == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(data), length);
}

/// The RGB of a pixel of an RGB24 / ARGB32 surface.
struct Rgb {
  int r, g, b;
};
Rgb pixel(cairo_surface_t* s, int x, int y) {
  cairo_surface_flush(s);
  const unsigned char* row = cairo_image_surface_get_data(s) + static_cast<std::ptrdiff_t>(y) * cairo_image_surface_get_stride(s);
  std::uint32_t p;
  std::memcpy(&p, row + 4 * x, 4);
  return {static_cast<int>((p >> 16) & 0xff), static_cast<int>((p >> 8) & 0xff), static_cast<int>(p & 0xff)};
}

void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

struct ImagesTest : ::testing::Test {
  void SetUp() override {
    dir = zjgr::test::scratch_dir(std::string("images-") +
                                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  /// A solid-colour JPEG written with libjpeg (quality 95), its path.
  std::string jpeg(const std::string& name, int width, int height, int r = 200, int g = 30, int b = 30) {
    const auto path = dir / name;
    test::write_jpeg(path, width, height, r, g, b);
    return path.string();
  }
  /// The size of the surface decode_image gives for `need`, with no diagnostic expected.
  std::string decoded_size(const std::string& path, PixelNeed need) {
    Diagnostics diagnostics;
    Surface s(decode_image(path, need, diagnostics));
    for (const auto& d : diagnostics.items()) ADD_FAILURE() << format(d);
    return size_of(s.get);
  }
  std::filesystem::path dir;
};

TEST_F(ImagesTest, NoNeedGivesAnEighthScaleThumbnailCarryingTheOriginalJpeg) {
  const std::string path = jpeg("photo.jpg", 2400, 1600);
  Diagnostics diagnostics;
  Surface s(decode_image(path, PixelNeed{}, diagnostics));
  ASSERT_NE(s.get, nullptr);
  EXPECT_TRUE(diagnostics.items().empty());
  EXPECT_EQ(size_of(s.get), "300x200");
  EXPECT_EQ(cairo_image_surface_get_format(s.get), CAIRO_FORMAT_RGB24);
  // The PDF embeds the file's own bytes, all of them; the id names them.
  EXPECT_EQ(mime(s.get, CAIRO_MIME_TYPE_JPEG), test::slurp(path));
  const std::string id = mime(s.get, CAIRO_MIME_TYPE_UNIQUE_ID);
  EXPECT_EQ(id.rfind("zjgr-jpeg-", 0), 0u) << id;
  // The thumbnail still shows the photo's colour.
  const Rgb p = pixel(s.get, 150, 100);
  EXPECT_NEAR(p.r, 200, 6);
  EXPECT_NEAR(p.g, 30, 6);
  EXPECT_NEAR(p.b, 30, 6);
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

/// The PDF Cairo writes when it paints `image` on a page (uncompressed dictionaries are enough to
/// read an image XObject's /Width and /Filter).
std::string pdf_with(cairo_surface_t* image) {
  std::string pdf;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &pdf, 200, 200);
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, 100.0 / cairo_image_surface_get_width(image), 100.0 / cairo_image_surface_get_width(image));
  cairo_set_source_surface(cr, image, 0, 0);
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return pdf;
}

// The PDF path's thumbnail only works because Cairo embeds the JPEG's bytes. Cairo 1.16's marker
// walk refuses a fill byte (0xFF 0xFF, legal in T.81 B.1.1.2, read silently by libjpeg) and then
// embeds the surface's pixels: so such a file is decoded whole, never printed at ⅛.
TEST_F(ImagesTest, JpegThatCairoCannotPassThroughIsDecodedWholeForThePdf) {
  const std::string good = jpeg("good.jpg", 800, 600);
  std::string bytes = test::slurp(good);
  ASSERT_EQ(static_cast<unsigned char>(bytes[3]), 0xe0u) << "APP0 (JFIF) right after SOI";
  const std::size_t after_app0 = 4 + ((static_cast<unsigned char>(bytes[4]) << 8) | static_cast<unsigned char>(bytes[5]));
  bytes.insert(after_app0, 1, '\xff');
  const auto filled = (dir / "filled.jpg").string();
  write_bytes(filled, bytes);

  Diagnostics diagnostics;
  Surface thumb(decode_image(good, PixelNeed{}, diagnostics));
  Surface whole(decode_image(filled, PixelNeed{}, diagnostics));
  EXPECT_TRUE(diagnostics.items().empty());
  EXPECT_EQ(size_of(thumb.get), "100x75");
  EXPECT_EQ(size_of(whole.get), "800x600");
  // What reaches the PDF: the good file as DCT at 800 pixels; the filled one as Cairo's own
  // re-encoding of the whole pixels, still 800 wide.
  const std::string good_pdf = pdf_with(thumb.get), filled_pdf = pdf_with(whole.get);
  EXPECT_NE(good_pdf.find("/DCTDecode"), std::string::npos);
  EXPECT_NE(good_pdf.find("/Width 800"), std::string::npos);
  EXPECT_EQ(filled_pdf.find("/DCTDecode"), std::string::npos);
  EXPECT_NE(filled_pdf.find("/Width 800"), std::string::npos);
}

// jpeg_color: the header facts finish_pdf needs to give an inverted CMYK JPEG its /Decode.
TEST_F(ImagesTest, JpegColorReadsComponentsAndTheAdobeSegment) {
  const auto color_of = [](const std::string& bytes) {
    return jpeg_color(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  };
  const std::string rgb = test::slurp(jpeg("rgb.jpg", 16, 16));
  ASSERT_TRUE(color_of(rgb).has_value());
  EXPECT_EQ(color_of(rgb)->components, 3);
  EXPECT_FALSE(color_of(rgb)->adobe);
  // ImageMagick's CMYK (YCCK with an Adobe APP14 segment, as Photoshop writes).
  const std::string cmyk = test::slurp(zjgr::test::source_dir() / "tests/fixtures/input/cmyk-adobe-16x12.jpg");
  ASSERT_TRUE(color_of(cmyk).has_value());
  EXPECT_EQ(color_of(cmyk)->components, 4);
  EXPECT_TRUE(color_of(cmyk)->inverted_cmyk());
  // A fill byte before a marker is legal and skipped.
  std::string filled = cmyk;
  filled.insert(2, 1, '\xff');
  ASSERT_TRUE(color_of(filled).has_value());
  EXPECT_TRUE(color_of(filled)->inverted_cmyk());
  // Every cut before the frame header's components, and no JPEG at all: no answer, no overread.
  const std::size_t sof = cmyk.find("\xff\xc0");
  ASSERT_NE(sof, std::string::npos);
  for (std::size_t n = 0; n < sof + 10; ++n) EXPECT_FALSE(color_of(cmyk.substr(0, n)).has_value()) << "cut at " << n;
  EXPECT_FALSE(color_of("GIF89a").has_value());
  EXPECT_FALSE(jpeg_color(nullptr, 0).has_value());
}

// The proof's CMYK → RGB of ImageMagick's file: the red it was made from, not a dark one.
TEST_F(ImagesTest, CmykJpegDecodesToItsColourForTheProof) {
  Diagnostics diagnostics;
  Surface s(decode_image((zjgr::test::source_dir() / "tests/fixtures/input/cmyk-adobe-16x12.jpg").string(),
                         PixelNeed{16, 12}, diagnostics));
  ASSERT_NE(s.get, nullptr);
  EXPECT_TRUE(diagnostics.items().empty());
  const Rgb p = pixel(s.get, 8, 6);
  EXPECT_NEAR(p.r, 0xd0, 12);
  EXPECT_NEAR(p.g, 0x10, 12);
  EXPECT_NEAR(p.b, 0x20, 12);
}

TEST_F(ImagesTest, OddSizedJpegScalesRoundUp) {
  const std::string path = jpeg("odd.jpg", 17, 9);
  EXPECT_EQ(decoded_size(path, PixelNeed{}), "3x2");        // ⌈17/8⌉ × ⌈9/8⌉
  EXPECT_EQ(decoded_size(path, PixelNeed{3, 2}), "3x2");    // 1/8 is enough
  EXPECT_EQ(decoded_size(path, PixelNeed{4, 1}), "5x3");    // 2/8: ⌈34/8⌉ × ⌈18/8⌉
  EXPECT_EQ(decoded_size(path, PixelNeed{15, 1}), "15x8");  // 7/8: ⌈119/8⌉ × ⌈63/8⌉
  EXPECT_EQ(decoded_size(path, PixelNeed{16, 1}), "17x9");  // 8/8: whole
}

TEST_F(ImagesTest, NeedPicksTheSmallestEighthScaleThatGivesEnoughPixels) {
  const std::string path = jpeg("photo.jpg", 2400, 1600);
  EXPECT_EQ(decoded_size(path, PixelNeed{600, 10}), "600x400");   // 2/8, exactly enough
  EXPECT_EQ(decoded_size(path, PixelNeed{601, 10}), "900x600");   // one more pixel: 3/8
  EXPECT_EQ(decoded_size(path, PixelNeed{600.5, 0}), "900x600");  // fractional need rounds up
  EXPECT_EQ(decoded_size(path, PixelNeed{10, 401}), "900x600");   // the height decides
  EXPECT_EQ(decoded_size(path, PixelNeed{2100, 1}), "2100x1400"); // 7/8
  EXPECT_EQ(decoded_size(path, PixelNeed{2101, 1}), "2400x1600");
  EXPECT_EQ(decoded_size(path, PixelNeed{1e9, 1e9}), "2400x1600");  // never more than whole
}

TEST_F(ImagesTest, ScaledJpegStillCarriesTheOriginalBytesAndTheSameId) {
  const std::string path = jpeg("photo.jpg", 2400, 1600);
  Diagnostics diagnostics;
  Surface thumb(decode_image(path, PixelNeed{}, diagnostics));
  Surface proof(decode_image(path, PixelNeed{600, 400}, diagnostics));
  ASSERT_NE(thumb.get, nullptr);
  ASSERT_NE(proof.get, nullptr);
  EXPECT_EQ(mime(proof.get, CAIRO_MIME_TYPE_JPEG), test::slurp(path));
  EXPECT_EQ(mime(proof.get, CAIRO_MIME_TYPE_UNIQUE_ID), mime(thumb.get, CAIRO_MIME_TYPE_UNIQUE_ID));
}

TEST_F(ImagesTest, UniqueIdFollowsTheBytesNotThePath) {
  const std::string a = jpeg("a.jpg", 40, 30, 200, 30, 30);
  const std::string b = jpeg("b.jpg", 40, 30, 30, 30, 200);
  std::filesystem::copy_file(a, dir / "a-copy.jpg");
  Diagnostics diagnostics;
  Surface sa(decode_image(a, PixelNeed{}, diagnostics));
  Surface sa2(decode_image((dir / "a-copy.jpg").string(), PixelNeed{}, diagnostics));
  Surface sb(decode_image(b, PixelNeed{}, diagnostics));
  ASSERT_TRUE(sa.get != nullptr && sa2.get != nullptr && sb.get != nullptr);
  EXPECT_EQ(mime(sa.get, CAIRO_MIME_TYPE_UNIQUE_ID), mime(sa2.get, CAIRO_MIME_TYPE_UNIQUE_ID));
  EXPECT_NE(mime(sa.get, CAIRO_MIME_TYPE_UNIQUE_ID), mime(sb.get, CAIRO_MIME_TYPE_UNIQUE_ID));
}

TEST_F(ImagesTest, PngIsDecodedWholeWhateverTheNeedAndCarriesNoJpeg) {
  // 17×9 RGB without alpha, written by Cairo.
  cairo_surface_t* src = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 17, 9);
  cairo_t* cr = cairo_create(src);
  cairo_set_source_rgb(cr, 0, 0.5, 1);
  cairo_paint(cr);
  cairo_destroy(cr);
  const auto path = (dir / "flat.png").string();
  ASSERT_EQ(cairo_surface_write_to_png(src, path.c_str()), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(src);

  EXPECT_EQ(decoded_size(path, PixelNeed{}), "17x9");
  EXPECT_EQ(decoded_size(path, PixelNeed{2, 2}), "17x9");
  EXPECT_EQ(decoded_size(path, PixelNeed{1e9, 1e9}), "17x9");
  Diagnostics diagnostics;
  Surface s(decode_image(path, PixelNeed{}, diagnostics));
  ASSERT_NE(s.get, nullptr);
  EXPECT_EQ(cairo_image_surface_get_format(s.get), CAIRO_FORMAT_RGB24);
  EXPECT_EQ(mime(s.get, CAIRO_MIME_TYPE_JPEG), "");
  const Rgb p = pixel(s.get, 16, 8);
  EXPECT_EQ(p.r, 0);
  EXPECT_NEAR(p.g, 128, 1);
  EXPECT_EQ(p.b, 255);
}

TEST_F(ImagesTest, JpegCutInsideItsHeaderIsUnreadable) {
  // The robustness catalogue's jpeg-truncated-data case: its 172-byte photo cut to 150 bytes,
  // which ends inside the start-of-scan header (it begins at byte 147).
  const std::string whole = test::slurp(zjgr::test::source_dir() / "tests/robustness/base/images/photo.jpg");
  ASSERT_EQ(whole.size(), 172u);
  const auto path = (dir / "cut.jpg").string();
  write_bytes(path, whole.substr(0, 150));
  Diagnostics diagnostics;
  Surface s(decode_image(path, PixelNeed{}, diagnostics));
  EXPECT_EQ(s.get, nullptr);
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "image-unreadable");
  EXPECT_EQ(diagnostics.items()[0].severity, Severity::Error);
  EXPECT_NE(diagnostics.items()[0].message.find("cut.jpg"), std::string::npos) << diagnostics.items()[0].message;
}

TEST_F(ImagesTest, JpegCutInsideItsEntropyCodedDataDecodesWithAWarning) {
  // libjpeg's documented behaviour (libjpeg.txt, "premature end of data"; jdatasrc.c): the data
  // source warns (JWRN_JPEG_EOF) and inserts a fake EOI, and the missing blocks decode as if
  // their coefficients were zero. So a file cut after its headers gives a surface of the full
  // size, and the PDF's check (PixelNeed{}) passes libjpeg's warning on as "photo-damaged"; a
  // proof's decode stays quiet (the PDF's check reports it once a run).
  const std::string path = jpeg("photo.jpg", 2400, 1600);
  const std::string whole = test::slurp(path);
  const std::size_t sos = whole.find("\xff\xda");
  ASSERT_NE(sos, std::string::npos);
  const std::size_t data = sos + 2 + ((static_cast<unsigned char>(whole[sos + 2]) << 8) | static_cast<unsigned char>(whole[sos + 3]));
  ASSERT_LT(data + 100, whole.size());
  const std::string cut = whole.substr(0, data + (whole.size() - data) / 2);
  const auto cut_path = (dir / "cut.jpg").string();
  write_bytes(cut_path, cut);
  Diagnostics diagnostics;
  Surface s(decode_image(cut_path, PixelNeed{}, diagnostics));
  ASSERT_NE(s.get, nullptr);
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "photo-damaged");
  EXPECT_EQ(diagnostics.items()[0].severity, Severity::Warning);
  EXPECT_NE(diagnostics.items()[0].message.find("cut.jpg"), std::string::npos) << diagnostics.items()[0].message;
  Diagnostics proof_diagnostics;
  Surface proof(decode_image(cut_path, PixelNeed{600, 400}, proof_diagnostics));
  ASSERT_NE(proof.get, nullptr);
  EXPECT_TRUE(proof_diagnostics.items().empty());
  EXPECT_EQ(size_of(s.get), "300x200");
  EXPECT_EQ(mime(s.get, CAIRO_MIME_TYPE_JPEG), cut);  // the truncated bytes go into the PDF as they are
  // The top rows were in the data that is left: the photo's colour there.
  const Rgb top = pixel(s.get, 150, 0);
  EXPECT_NEAR(top.r, 200, 6);
}

TEST_F(ImagesTest, MissingFileAndNonImageAreUnreadable) {
  Diagnostics diagnostics;
  EXPECT_EQ(decode_image((dir / "missing.jpg").string(), PixelNeed{}, diagnostics), nullptr);
  const auto text = (dir / "text.jpg").string();
  write_bytes(text, "not an image");
  EXPECT_EQ(decode_image(text, PixelNeed{600, 400}, diagnostics), nullptr);
  ASSERT_EQ(diagnostics.items().size(), 2u);
  EXPECT_EQ(diagnostics.items()[0].code, "image-unreadable");
  EXPECT_EQ(diagnostics.items()[1].code, "image-unreadable");
}

TEST_F(ImagesTest, CacheDecodesOncePerNeedAndGivesEachNeedItsOwnSize) {
  const std::string path = jpeg("photo.jpg", 2400, 1600);
  ImageCache cache;
  Diagnostics diagnostics;
  cairo_surface_t* pdf = cache.get(path, PixelNeed{}, diagnostics);
  cairo_surface_t* proof = cache.get(path, PixelNeed{600, 400}, diagnostics);
  ASSERT_NE(pdf, nullptr);
  ASSERT_NE(proof, nullptr);
  EXPECT_NE(pdf, proof);
  EXPECT_EQ(size_of(pdf), "300x200");
  EXPECT_EQ(size_of(proof), "600x400");
  // Asked again (the need rounded up to whole pixels is the key): the same surfaces.
  EXPECT_EQ(cache.get(path, PixelNeed{}, diagnostics), pdf);
  EXPECT_EQ(cache.get(path, PixelNeed{599.5, 399.2}, diagnostics), proof);
  EXPECT_TRUE(diagnostics.items().empty());
}

TEST_F(ImagesTest, CacheReportsAnUnreadablePathOnceWhateverTheNeed) {
  const auto path = (dir / "missing.jpg").string();
  ImageCache cache;
  Diagnostics diagnostics;
  EXPECT_EQ(cache.get(path, PixelNeed{}, diagnostics), nullptr);
  EXPECT_EQ(cache.get(path, PixelNeed{600, 400}, diagnostics), nullptr);
  EXPECT_EQ(cache.get(path, PixelNeed{}, diagnostics), nullptr);
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "image-unreadable");
}

}  // namespace
}  // namespace zjgr::render::detail
