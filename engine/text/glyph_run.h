// Shaped text: glyph runs produced by HarfBuzz, in Lengths. What compose/ builds items from.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/length.h"
#include "fonts/font.h"

namespace zjgr::text {

/// One shaped glyph; positions in Lengths at the run's size.
struct Glyph {
  std::uint32_t id = 0;        ///< glyph index in the run's font
  Length advance;              ///< horizontal advance
  Length x_offset, y_offset;   ///< HarfBuzz offsets (y up, as HarfBuzz gives them)
  std::uint32_t cluster = 0;   ///< byte offset into ShapedText::text of the cluster's first char
};

/// Glyphs of one font, one script, one direction, covering `text` of the paragraph.
struct GlyphRun {
  fonts::FontId font = 0;
  Length size;
  TextRange text;              ///< bytes of ShapedText::text this run covers
  std::vector<Glyph> glyphs;   ///< in visual (= logical, LTR) order
};

/// A shaped paragraph: its UTF-8 text and the runs covering it in order.
struct ShapedText {
  std::string text;
  std::vector<GlyphRun> runs;
};

}  // namespace zjgr::text
