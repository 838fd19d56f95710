// FontFaces and collect_glyphs: PDF fonts cut to the used glyphs with hb-subset (DESIGN.md §6)
// draw exactly what the whole font draws.
#include "render/detail/font_faces.h"

#include <cairo.h>

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <vector>

#include "render/detail/cairo_canvas.h"
#include "render/detail/images.h"
#include "render_test_support.h"

namespace zjgr::render {
namespace {

frame::GlyphRunItem glyphs(fonts::FontId font, std::vector<std::uint32_t> ids) {
  frame::GlyphRunItem run;
  run.font = font;
  run.size = Length::pt(10);
  for (const auto id : ids) run.glyphs.push_back({id, Point{}});
  return run;
}

TEST(CollectGlyphs, EveryGlyphOfEveryPageByFontSortedOnceEach) {
  frame::Document doc;
  doc.pages.resize(2);
  doc.pages[0].frame.push(Point{}, glyphs(0, {7, 3, 7}));
  frame::Frame inner;
  inner.push(Point{}, glyphs(1, {9}));
  frame::Frame group;
  group.push_frame(Point{}, std::move(inner));
  doc.pages[0].frame.push_frame(Point{}, std::move(group));
  doc.pages[1].frame.push(Point{}, glyphs(0, {5, 3}));

  const detail::GlyphUsage used = detail::collect_glyphs(doc);
  ASSERT_EQ(used.size(), 2u);
  EXPECT_EQ(used.at(0), (std::vector<std::uint32_t>{3, 5, 7}));
  EXPECT_EQ(used.at(1), (std::vector<std::uint32_t>{9}));
}

// Draws `page` at 4× (288 dpi) with `faces` and returns the pixels.
std::vector<unsigned char> draw(const frame::Frame& page, detail::FontFaces& faces) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 800, 200);
  cairo_t* cr = cairo_create(surface);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options(cr, options);
  cairo_font_options_destroy(options);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, 4, 4);
  Diagnostics diagnostics;
  detail::ImageCache images;
  detail::Canvas canvas{cr, faces, images, diagnostics, false, {}};
  detail::draw_frame(canvas, page);
  EXPECT_FALSE(diagnostics.has_errors());
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  std::vector<unsigned char> pixels(data, data + cairo_image_surface_get_stride(surface) * 200);
  cairo_surface_destroy(surface);
  return pixels;
}

TEST(FontFaces, SubsetFontDrawsTheSamePixelsAsTheWholeFont) {
  frame::Document doc;
  doc.pages.resize(1);
  doc.pages[0].frame.push(Point{Length::pt(5), Length::pt(30)},
                          test::run(test::serif(), "浙江工人日报——“工会”，141.57亿元。", Length::pt(10)));
  detail::FontFaces whole(test::library());
  detail::FontFaces subset(test::library(), detail::collect_glyphs(doc));
  const auto a = draw(doc.pages[0].frame, whole);
  const auto b = draw(doc.pages[0].frame, subset);
  ASSERT_EQ(a.size(), b.size());
  EXPECT_NE(std::count(a.begin(), a.end(), 0xFF), static_cast<std::ptrdiff_t>(a.size()));  // something drawn
  EXPECT_TRUE(a == b) << "a subset face draws different pixels";
  // Different faces: the subset is a font of its own, not the library's.
  Diagnostics diagnostics;
  EXPECT_NE(whole.face(test::serif(), diagnostics)->cairo, subset.face(test::serif(), diagnostics)->cairo);
}

}  // namespace
}  // namespace zjgr::render
