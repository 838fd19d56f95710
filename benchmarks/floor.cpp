// zjgr-floor: the physical floor of our own libraries for issue 8 — the same text the engine sets,
// shaped with HarfBuzz and drawn with cairo_show_glyphs into a PDF with no composition at all:
// no CLREQ items, no line breaking beyond cutting at the measure, no layout, one show_glyphs call
// per line. bench.sh times it in a fresh process beside zjgr-typeset so the ratio engine / floor
// is measured in the same run, not against a number from another day.
//
// Usage: zjgr-floor TEXT FONT_FILE FACE_INDEX OUT.pdf
//   TEXT: UTF-8, one paragraph per line (make-bench-issue's text.txt). Set at 9.5 pt, leading
//   1.55, in 6 columns of 11.5 em on 390 × 545 mm pages with 20 mm margins (the figures).
#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ot.h>
#include <hb.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kPageWidth = 390 * kMm, kPageHeight = 545 * kMm, kMargin = 20 * kMm;
constexpr double kSize = 9.5, kLeading = 1.55 * kSize, kMeasure = 11.5 * kSize;
constexpr int kColumns = 6;

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: zjgr-floor TEXT FONT_FILE FACE_INDEX OUT.pdf\n");
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "zjgr-floor: cannot read %s\n", argv[1]);
    return 1;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  const unsigned face_index = static_cast<unsigned>(std::atoi(argv[3]));

  // The font as the engine loads it: one memory map shared by HarfBuzz and FreeType.
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(argv[2]);
  if (blob == nullptr) {
    std::fprintf(stderr, "zjgr-floor: cannot read font %s\n", argv[2]);
    return 1;
  }
  hb_face_t* face = hb_face_create(blob, face_index);
  hb_font_t* font = hb_font_create(face);
  const double upem = hb_face_get_upem(face);
  hb_font_set_scale(font, static_cast<int>(upem), static_cast<int>(upem));
  FT_Library ft = nullptr;
  FT_Face ft_face = nullptr;
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  if (FT_Init_FreeType(&ft) != 0 ||
      FT_New_Memory_Face(ft, reinterpret_cast<const FT_Byte*>(data), static_cast<FT_Long>(length),
                         static_cast<FT_Long>(face_index), &ft_face) != 0) {
    std::fprintf(stderr, "zjgr-floor: freetype cannot open %s\n", argv[2]);
    return 1;
  }

  cairo_surface_t* surface = cairo_pdf_surface_create(argv[4], kPageWidth, kPageHeight);
  cairo_t* cr = cairo_create(surface);
  cairo_font_face_t* cairo_face = cairo_ft_font_face_create_for_ft_face(ft_face, 0);
  cairo_set_font_face(cr, cairo_face);
  cairo_set_font_size(cr, kSize);

  const double gutter = (kPageWidth - 2 * kMargin - kColumns * kMeasure) / (kColumns - 1);
  const int lines_per_column = static_cast<int>((kPageHeight - 2 * kMargin) / kLeading);
  int column = 0, line = 0, pages = 1;
  std::size_t glyph_count = 0;
  double shape_ms = 0;
  hb_buffer_t* buf = hb_buffer_create();
  std::vector<cairo_glyph_t> glyphs;
  auto next_line = [&] {
    if (++line < lines_per_column) return;
    line = 0;
    if (++column < kColumns) return;
    column = 0;
    cairo_show_page(cr);
    ++pages;
  };
  auto flush = [&] {
    cairo_show_glyphs(cr, glyphs.data(), static_cast<int>(glyphs.size()));
    glyphs.clear();
    next_line();
  };

  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    if (end > begin) {
      const auto shape_start = std::chrono::steady_clock::now();
      hb_buffer_clear_contents(buf);
      hb_buffer_add_utf8(buf, text.data() + begin, static_cast<int>(end - begin), 0, static_cast<int>(end - begin));
      hb_buffer_guess_segment_properties(buf);
      hb_buffer_set_language(buf, hb_language_from_string("zh-Hans", -1));
      hb_shape(font, buf, nullptr, 0);
      shape_ms += ms_since(shape_start);
      unsigned n = 0;
      const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
      const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
      glyph_count += n;
      // No composition: glyphs advance along the line and wrap when the measure is full.
      double x = 0;
      for (unsigned i = 0; i < n; ++i) {
        const double advance = pos[i].x_advance * kSize / upem;
        if (x + advance > kMeasure + 0.01 && !glyphs.empty()) {
          flush();
          x = 0;
        }
        const double left = kMargin + column * (kMeasure + gutter);
        const double baseline = kMargin + (line + 1) * kLeading;
        glyphs.push_back({info[i].codepoint, left + x + pos[i].x_offset * kSize / upem,
                          baseline - pos[i].y_offset * kSize / upem});
        x += advance;
      }
      if (!glyphs.empty()) flush();
    }
    begin = end + 1;
  }
  const double draw_ms = ms_since(start);
  cairo_destroy(cr);
  const auto finish_start = std::chrono::steady_clock::now();
  cairo_surface_finish(surface);
  const double finish_ms = ms_since(finish_start);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  cairo_font_face_destroy(cairo_face);
  hb_buffer_destroy(buf);
  if (status != CAIRO_STATUS_SUCCESS) {
    std::fprintf(stderr, "zjgr-floor: cairo: %s\n", cairo_status_to_string(status));
    return 1;
  }
  std::fprintf(stderr, "zjgr-floor: %zu glyphs, %d pages; shape %.1f ms, shape+draw %.1f ms, finish %.1f ms\n",
               glyph_count, pages, shape_ms, draw_ms, finish_ms);
  // Cairo may still hold the face in its caches; the process ends here, so the FT_Face and the
  // blob are left to the OS rather than freed under Cairo (DESIGN.md §6 "Font lifetime").
  hb_font_destroy(font);
  hb_face_destroy(face);
  return 0;
}
