// Shaping: a paragraph's UTF-8 text into GlyphRuns, split by font (the stack's fallback) and by
// script, shaped with HarfBuzz and converted to Lengths. Knows nothing of lines or pages.
#pragma once

#include <string>
#include <string_view>

#include "base/diagnostics.h"
#include "base/length.h"
#include "fonts/font_library.h"
#include "text/glyph_run.h"

namespace zjgr::text {

/// How to shape one piece of text.
struct ShapeOptions {
  Length size;                         ///< font size; positions are scaled to it
  std::string language = "zh-Hans";    ///< BCP 47; zh-Hans makes `locl` pick mainland punctuation
  /// 竖排: shape for a vertical line. Each code point's Unicode Vertical_Orientation (UAX #50)
  /// decides: U, Tu, Tr upright (direction TTB, `vert`/`vrt2`, vertical advances and origins);
  /// R sideways (shaped LTR, turned 90° clockwise when drawn).
  bool vertical = false;
  /// With `vertical`: a number of one or two ASCII digits standing alone is set upright side by
  /// side in one cell (纵中横, half-width forms), not turned.
  bool upright_digits = false;
  /// With `vertical`: “ ” ‘ ’ become 「 」 『 』 (CLREQ M3: corner brackets in vertical text).
  bool corner_quotes = false;

  bool operator==(const ShapeOptions&) const = default;
};

/// Splits `text` into runs by font (first font of the stack covering each code point; combining
/// marks and variation selectors stay with their base) and by script (ICU uscript_getScript,
/// Common/Inherited joining the neighbouring run), shapes each run with HarfBuzz
/// (direction LTR, script, language zh-Hans so that `locl` gives the mainland punctuation forms)
/// and converts positions to Lengths at options.size. Code points that no font of the stack has
/// are reported once each as a "missing-glyph" warning at `where` (with chars set to the byte
/// range) and are shaped with the stack's first font (its .notdef) so nothing is lost.
/// Glyph::cluster is a byte offset into the result's text; every byte belongs to a cluster.
/// With options.vertical, runs are also split by orientation (GlyphRun::orientation).
ShapedText shape(std::string_view utf8, const fonts::FontStack& stack, const fonts::FontLibrary& library,
                 const ShapeOptions& options, Diagnostics& diagnostics, const SourceRef& where = {});

}  // namespace zjgr::text
