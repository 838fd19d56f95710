// Shaped text: glyph runs produced by HarfBuzz, in Lengths. What compose/ builds items from.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/length.h"
#include "fonts/font.h"

namespace zjgr::text {

/// How a run's glyphs stand in their line (vertical setting, 竖排: UAX #50 Vertical_Orientation).
enum class Orientation : std::uint8_t {
  Horizontal,  ///< shaped left to right on a horizontal line
  Upright,     ///< shaped top to bottom (`vert`/`vrt2`): advances down the line, offsets from the
               ///< glyph's vertical origin (VORG/vmtx); Han, kana, CJK punctuation
  Sideways,    ///< shaped left to right and turned 90° clockwise in a vertical line: Latin words,
               ///< numbers of four digits or more; offsets put the ideographic em box's centre on the axis
  Combined,    ///< 纵中横 (tate-chu-yoko): one to three digits shaped left to right, set upright side
               ///< by side in one 1 em cell (three narrowed to fit, GlyphRun::x_scale); drawn as
               ///< Upright glyphs (offsets from the cell's top centre)
};

/// One shaped glyph; positions in Lengths at the run's size.
struct Glyph {
  std::uint32_t id = 0;        ///< glyph index in the run's font
  Length advance;              ///< advance along the line: horizontal, or down a vertical line
  Length x_offset, y_offset;   ///< HarfBuzz offsets (y up, as HarfBuzz gives them); Upright and
                               ///< Combined glyphs: from the pen on the line's axis at the cell's top
  std::uint32_t cluster = 0;   ///< byte offset into ShapedText::text of the cluster's first char
};

/// Glyphs of one font, one script, one direction, covering `text` of the paragraph.
struct GlyphRun {
  fonts::FontId font = 0;
  Length size;
  TextRange text;              ///< bytes of ShapedText::text this run covers
  Orientation orientation = Orientation::Horizontal;
  std::vector<Glyph> glyphs;   ///< in visual (= logical, LTR or TTB) order
  /// Each glyph drawn this much narrower than its size, about its own origin (positions already
  /// take it into account): three 纵中横 digits in one em. 1 everywhere else.
  double x_scale = 1;
};

/// A shaped paragraph: its UTF-8 text and the runs covering it in order.
struct ShapedText {
  std::string text;
  bool vertical = false;       ///< set in a vertical line (runs Upright, Sideways or Combined)
  std::vector<GlyphRun> runs;
};

}  // namespace zjgr::text
