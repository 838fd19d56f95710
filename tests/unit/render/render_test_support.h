// Shared fixtures of the render tests: the Noto Serif CJK SC font, glyph runs built from its
// cmap, tiny JPEG files, a one-page document, and running poppler-utils.
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <jpeglib.h>

#include "base/utf8.h"
#include "fonts/font_library.h"
#include "frame/document.h"
#include "render/render.h"

namespace zjgr::render::test {

/// One FontLibrary for the whole test program (fontconfig on): Cairo keeps faces in global
/// caches, so faces must not be freed and reallocated between tests (DESIGN.md §6).
inline fonts::FontLibrary& library() {
  static fonts::FontLibrary* lib = new fonts::FontLibrary();  // deliberately never freed
  return *lib;
}

/// "Noto Serif CJK SC" regular; fails the calling test when it is missing.
inline fonts::FontId serif() {
  static std::optional<fonts::FontId> id = [] {
    Diagnostics diagnostics;
    return library().resolve("Noto Serif CJK SC", 400, diagnostics);
  }();
  if (!id) ADD_FAILURE() << "font \"Noto Serif CJK SC\" not found (install fonts-noto-cjk)";
  return id.value_or(0);
}

/// A run of `text` with one glyph per code point (nominal glyphs, advances from the font), one
/// cluster per character, origin on the baseline.
inline frame::GlyphRunItem run(fonts::FontId font, const std::string& text, Length size) {
  frame::GlyphRunItem item;
  item.font = font;
  item.size = size;
  item.text = text;
  const fonts::Font& f = library().font(font);
  Length x;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const auto cp = decode_utf8(text, pos);
    if (!cp) {
      ADD_FAILURE() << "bad utf-8 in test text";
      break;
    }
    const auto glyph = f.nominal_glyph(*cp);
    EXPECT_TRUE(glyph.has_value()) << "no glyph for U+" << std::hex << static_cast<unsigned>(*cp);
    item.glyphs.push_back({glyph.value_or(0), Point{x, Length()}});
    item.clusters.push_back({static_cast<std::uint32_t>(pos - start), 1});
    x += f.advance(*cp, size);
  }
  return item;
}

/// Writes a `width`×`height` JPEG filled with `r,g,b` with libjpeg.
inline void write_jpeg(const std::filesystem::path& path, int width, int height, int r, int g, int b) {
  jpeg_compress_struct cinfo{};
  jpeg_error_mgr err{};
  cinfo.err = jpeg_std_error(&err);
  jpeg_create_compress(&cinfo);
  FILE* fp = std::fopen(path.c_str(), "wb");
  ASSERT_NE(fp, nullptr) << path;
  jpeg_stdio_dest(&cinfo, fp);
  cinfo.image_width = static_cast<JDIMENSION>(width);
  cinfo.image_height = static_cast<JDIMENSION>(height);
  cinfo.input_components = 3;
  cinfo.in_color_space = JCS_RGB;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, 95, TRUE);
  jpeg_start_compress(&cinfo, TRUE);
  std::vector<JSAMPLE> row(static_cast<std::size_t>(width) * 3);
  for (int x = 0; x < width; ++x) {
    row[3 * x] = static_cast<JSAMPLE>(r);
    row[3 * x + 1] = static_cast<JSAMPLE>(g);
    row[3 * x + 2] = static_cast<JSAMPLE>(b);
  }
  while (cinfo.next_scanline < cinfo.image_height) {
    JSAMPROW p = row.data();
    jpeg_write_scanlines(&cinfo, &p, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  std::fclose(fp);
}

/// The test page: 200×120 pt trim, 3 mm bleed; at (20,40) the run 浙江工人日报工会 at 20 pt, a
/// 2 pt rule under it at y=50, a grey box at (20,60) 60×40, the JPEG `photo` at (100,60) 80×50, and a
/// bookmark "头版".
inline frame::Document one_page(const std::filesystem::path& photo) {
  frame::Document doc;
  doc.metadata.title = "浙江工人日报 2021年2月25日";
  doc.metadata.author = "浙江工人日报";
  doc.metadata.year = 2021;
  doc.metadata.month = 2;
  doc.metadata.day = 25;
  frame::PageFrame page;
  page.number = 1;
  page.label = "第1版";
  page.trim = {Length::pt(200), Length::pt(120)};
  page.bleed = Length::mm(3);
  frame::Frame& f = page.frame;
  f.size = page.trim;
  f.push({Length::pt(20), Length::pt(40)}, run(serif(), "浙江工人日报工会", Length::pt(20)));
  f.push({Length::pt(20), Length::pt(50)}, frame::RuleItem{{Length::pt(160), Length()}, Length::pt(2)});
  f.push({Length::pt(20), Length::pt(60)},
         frame::BoxItem{{Length::pt(60), Length::pt(40)}, frame::Color{128, 128, 128}, frame::Color::black()});
  f.push({Length::pt(100), Length::pt(60)}, frame::ImageItem{photo.string(), {Length::pt(80), Length::pt(50)}});
  f.push({Length::pt(20), Length::pt(20)}, frame::MarkItem{"头版", 1});
  doc.pages.push_back(std::move(page));
  return doc;
}

/// Stdout of a shell command; the test fails if the command exits non-zero.
inline std::string run_command(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    return out;
  }
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  const int status = pclose(pipe);
  EXPECT_EQ(status, 0) << command << " failed:\n" << out;
  return out;
}

/// The whole file's bytes.
inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace zjgr::render::test
