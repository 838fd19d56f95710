// render_page, write_png and render_pngs: pixel sizes, where ink lands, PNG round trips, crops.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <thread>

#include "render/png_read.h"
#include "render_test_support.h"
#include "support/paths.h"

namespace zjgr::render {
namespace {

/// Reads a PNG back through render's own reader (render/png_read.h).
Raster read_png(const std::filesystem::path& path) {
  Diagnostics diagnostics;
  auto raster = render::read_png(path, diagnostics);
  if (!raster) ADD_FAILURE() << "cannot read " << path;
  return raster.value_or(Raster{});
}

struct Rgb {
  int r, g, b;
};
Rgb pixel(const Raster& r, int x, int y) {
  const std::size_t i = (static_cast<std::size_t>(y) * r.width + x) * 3;
  return {r.rgb[i], r.rgb[i + 1], r.rgb[i + 2]};
}
/// Pixels in [x0,x1)×[y0,y1) that are not white.
int inked(const Raster& r, int x0, int y0, int x1, int y1) {
  int n = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      const Rgb p = pixel(r, x, y);
      n += (p.r < 250 || p.g < 250 || p.b < 250) ? 1 : 0;
    }
  }
  return n;
}

struct PngTest : ::testing::Test {
  void SetUp() override {
    dir = zjgr::test::scratch_dir(std::string("png-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    photo = dir / "photo.jpg";
    test::write_jpeg(photo, 40, 30, 200, 30, 30);
  }
  std::filesystem::path dir, photo;
};

TEST_F(PngTest, PageAt72DpiHasOnePixelPerPointOfTheTrimAndInkWhereTheTextIs) {
  const frame::Document doc = test::one_page(photo);
  Diagnostics diagnostics;
  const Raster r = render_page(doc.pages[0], test::library(), 72, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors());
  ASSERT_EQ(r.width, 200);   // trim only, no bleed
  ASSERT_EQ(r.height, 120);
  ASSERT_EQ(r.rgb.size(), 200u * 120u * 3u);
  // Eight 20 pt ideographs from x=20 on the baseline y=40: ink in their body, white above.
  EXPECT_GT(inked(r, 20, 24, 180, 42), 800);
  EXPECT_EQ(inked(r, 0, 0, 200, 18), 0);
  for (int i = 0; i < 8; ++i) EXPECT_GT(inked(r, 20 + 20 * i, 24, 40 + 20 * i, 42), 20) << "character " << i;
  // The rule at y=50 (1 pt), the grey box's inside, the red photo's inside.
  EXPECT_LT(pixel(r, 100, 50).r, 60);
  const Rgb box = pixel(r, 50, 80);
  EXPECT_NEAR(box.r, 128, 3);
  EXPECT_NEAR(box.g, 128, 3);
  const Rgb photo_px = pixel(r, 140, 85);
  EXPECT_NEAR(photo_px.r, 200, 8);
  EXPECT_NEAR(photo_px.g, 30, 8);
}

TEST_F(PngTest, DpiScalesThePixelSize) {
  Diagnostics diagnostics;
  const Raster r = render_page(test::one_page(photo).pages[0], test::library(), 150, diagnostics);
  EXPECT_EQ(r.width, 417);  // 200 pt × 150/72 = 416.67
  EXPECT_EQ(r.height, 250);
}

TEST_F(PngTest, BadDpiIsReported) {
  Diagnostics diagnostics;
  const Raster r = render_page(test::one_page(photo).pages[0], test::library(), std::nan(""), diagnostics);
  EXPECT_TRUE(r.rgb.empty());
  ASSERT_TRUE(diagnostics.has_errors());
  EXPECT_EQ(diagnostics.items()[0].code, "bad-geometry");
}

TEST_F(PngTest, WritePngRoundTrips) {
  Raster r;
  r.width = 7;
  r.height = 5;
  for (int i = 0; i < r.width * r.height; ++i) {
    r.rgb.push_back(static_cast<std::uint8_t>(i * 7));
    r.rgb.push_back(static_cast<std::uint8_t>(255 - i));
    r.rgb.push_back(static_cast<std::uint8_t>(i * 3 % 256));
  }
  Diagnostics diagnostics;
  ASSERT_TRUE(write_png(r, dir / "r.png", diagnostics));
  const Raster back = read_png(dir / "r.png");
  EXPECT_EQ(back.width, 7);
  EXPECT_EQ(back.height, 5);
  EXPECT_EQ(back.rgb, r.rgb);
}

/// The PNG colour type byte of the IHDR chunk (0 grey, 2 RGB).
int png_colour_type(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  char header[26] = {};
  in.read(header, sizeof header);
  return static_cast<unsigned char>(header[25]);
}

TEST_F(PngTest, AGreyPageIsWrittenAsGreyWithTheSamePixelsAndAColouredOneAsRgb) {
  Raster grey;
  grey.width = 6;
  grey.height = 3;
  for (int i = 0; i < grey.width * grey.height; ++i) grey.rgb.insert(grey.rgb.end(), 3, static_cast<std::uint8_t>(i * 13));
  Raster colour = grey;
  colour.rgb[3 * 17 + 2] ^= 1;  // one pixel, one channel off grey (a proof mark, a photo)
  Diagnostics diagnostics;
  ASSERT_TRUE(write_png(grey, dir / "grey.png", diagnostics));
  ASSERT_TRUE(write_png(colour, dir / "colour.png", diagnostics));
  EXPECT_EQ(png_colour_type(dir / "grey.png"), 0);
  EXPECT_EQ(png_colour_type(dir / "colour.png"), 2);
  EXPECT_EQ(read_png(dir / "grey.png").rgb, grey.rgb);
  EXPECT_EQ(read_png(dir / "colour.png").rgb, colour.rgb);
}

TEST_F(PngTest, WritePngRejectsARasterWhoseBytesDoNotMatchItsSize) {
  Raster r{4, 4, std::vector<std::uint8_t>(10)};
  Diagnostics diagnostics;
  EXPECT_FALSE(write_png(r, dir / "r.png", diagnostics));
  EXPECT_FALSE(std::filesystem::exists(dir / "r.png"));
}

TEST_F(PngTest, RenderPngsWritesOneFilePerPage) {
  frame::Document doc = test::one_page(photo);
  doc.pages.push_back(doc.pages[0]);
  doc.pages.push_back(doc.pages[0]);
  Diagnostics diagnostics;
  ASSERT_TRUE(render_pngs(doc, test::library(), dir, 72, diagnostics));
  for (const char* name : {"page-01.png", "page-02.png", "page-03.png"}) {
    const Raster back = read_png(dir / name);
    EXPECT_EQ(back.width, 200) << name;
    EXPECT_EQ(back.height, 120) << name;
  }
  // Same page, same pixels, whichever thread drew it.
  Diagnostics single;
  const Raster direct = render_page(doc.pages[0], test::library(), 72, single);
  EXPECT_EQ(read_png(dir / "page-03.png").rgb, direct.rgb);
}

TEST_F(PngTest, ProofsDrawnInTheBackgroundMatchTheDirectRenderingAndReportInPageOrder) {
  frame::Document doc = test::one_page(photo);
  for (int i = 0; i < 4; ++i) doc.pages.push_back(doc.pages[0]);
  Diagnostics diagnostics;
  PngProofs proofs(doc, test::library(), dir, 72, 2);
  // … the caller's own work (the PDF) would run here …
  ASSERT_TRUE(proofs.finish(diagnostics));
  Diagnostics single;
  const Raster direct = render_page(doc.pages[0], test::library(), 72, single);
  for (std::size_t i = 1; i <= doc.pages.size(); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "page-%02zu.png", i);
    EXPECT_EQ(read_png(dir / name).rgb, direct.rgb) << name;
  }
}

TEST_F(PngTest, ProofsOfPagesAddedAsLayoutFinishesThemMatchTheDirectRendering) {
  // Four pages of different widths, handed in out of order from another thread (layout's), two
  // of them with their frames in a FrameStore, while the workers already draw.
  frame::Document doc = test::one_page(photo);
  for (int i = 0; i < 3; ++i) doc.pages.push_back(doc.pages[0]);
  std::vector<Raster> direct;
  for (std::size_t i = 0; i < doc.pages.size(); ++i) {
    doc.pages[i].trim.width += Length::pt(10 * static_cast<double>(i));
    Diagnostics single;
    direct.push_back(render_page(doc.pages[i], test::library(), 72, single));
  }
  auto store = std::make_shared<frame::FrameStore>(doc.pages.size());
  ASSERT_TRUE(store->put(0, doc.pages[0].frame));
  ASSERT_TRUE(store->put(2, doc.pages[2].frame));
  Diagnostics diagnostics;
  PngProofs proofs(doc.pages.size(), test::library(), dir, 72, 2);
  std::thread layout([&] {
    for (const std::size_t i : {3u, 1u, 0u, 2u}) proofs.add(i, doc.pages[i], store);
  });
  layout.join();
  ASSERT_TRUE(proofs.finish(diagnostics));
  for (std::size_t i = 0; i < doc.pages.size(); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "page-%02zu.png", i + 1);
    const Raster back = read_png(dir / name);
    EXPECT_EQ(back.width, direct[i].width) << name;
    EXPECT_EQ(back.rgb, direct[i].rgb) << name;
  }
}

TEST_F(PngTest, ProofsOfAPageNeverAddedFailNamingThePage) {
  const frame::Document doc = test::one_page(photo);
  Diagnostics diagnostics;
  PngProofs proofs(2, test::library(), dir, 72, 1);
  proofs.add(0, doc.pages[0], nullptr);
  EXPECT_FALSE(proofs.finish(diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "render-failed");
  EXPECT_NE(diagnostics.items()[0].message.find("page 2"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir / "page-01.png"));
}

TEST_F(PngTest, ProofsIntoAMissingFolderFailWithoutDrawing) {
  const frame::Document doc = test::one_page(photo);
  Diagnostics diagnostics;
  PngProofs proofs(doc, test::library(), dir / "missing", 72, 1);
  EXPECT_FALSE(proofs.finish(diagnostics));
  EXPECT_TRUE(diagnostics.has_errors());
  EXPECT_FALSE(std::filesystem::exists(dir / "missing"));
}

TEST_F(PngTest, CropShowsOnlyTheSelectedPartScaledToTheItem) {
  // A PNG source: left half red, right half blue.
  Raster src{20, 10, {}};
  for (int y = 0; y < 10; ++y) {
    for (int x = 0; x < 20; ++x) {
      const bool left = x < 10;
      src.rgb.insert(src.rgb.end(), {static_cast<std::uint8_t>(left ? 255 : 0), 0, static_cast<std::uint8_t>(left ? 0 : 255)});
    }
  }
  Diagnostics diagnostics;
  ASSERT_TRUE(write_png(src, dir / "halves.png", diagnostics));
  frame::PageFrame page;
  page.trim = {Length::pt(100), Length::pt(100)};
  frame::ImageItem image{(dir / "halves.png").string(), {Length::pt(40), Length::pt(20)}};
  image.crop_left = 0.5;  // the blue half fills the whole 40×20 item
  page.frame.push({Length::pt(10), Length::pt(10)}, image);
  const Raster r = render_page(page, test::library(), 72, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors());
  ASSERT_EQ(r.width, 100);
  for (int x : {12, 30, 48}) {
    const Rgb p = pixel(r, x, 20);
    EXPECT_LT(p.r, 10) << x;
    EXPECT_GT(p.b, 245) << x;
  }
  // Clipped to the item: white right of it and below it.
  EXPECT_EQ(inked(r, 51, 0, 100, 100), 0);
  EXPECT_EQ(inked(r, 0, 31, 100, 100), 0);
}

TEST_F(PngTest, GroupsAreTranslatedAndClipped) {
  frame::Frame inner;
  inner.push({Length::pt(0), Length::pt(0)},
             frame::BoxItem{{Length::pt(50), Length::pt(50)}, frame::Color::black(), std::nullopt});
  frame::PageFrame page;
  page.trim = {Length::pt(100), Length::pt(100)};
  page.frame.push({Length::pt(10), Length::pt(10)},
                  frame::GroupItem{std::make_shared<const frame::Frame>(std::move(inner)),
                                   Rect{{Length::pt(0), Length::pt(0)}, {Length::pt(20), Length::pt(20)}}});
  Diagnostics diagnostics;
  const Raster r = render_page(page, test::library(), 72, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors());
  EXPECT_EQ(inked(r, 10, 10, 30, 30), 400);
  EXPECT_EQ(inked(r, 0, 0, 100, 100), 400);
}

TEST_F(PngTest, UnknownFontIsReportedAndTheRestIsDrawn) {
  frame::Document doc = test::one_page(photo);
  std::get<frame::GlyphRunItem>(doc.pages[0].frame.items[0].second).font = 9999;
  Diagnostics diagnostics;
  const Raster r = render_page(doc.pages[0], test::library(), 72, diagnostics);
  ASSERT_EQ(diagnostics.error_count(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "missing-font");
  EXPECT_EQ(inked(r, 20, 24, 180, 42), 0);
  EXPECT_GT(inked(r, 20, 60, 80, 100), 2000);  // the box is still there
}

}  // namespace
}  // namespace zjgr::render
