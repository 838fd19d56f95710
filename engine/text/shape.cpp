// Shaping: itemize a paragraph by font and script in one pass over its code points, shape each
// run with HarfBuzz (one reused hb_buffer_t) and convert positions to Lengths.
//
// Outline:
//   1. Walk the code points; give each a font (the stack's first covering one; marks, variation
//      selectors, default ignorables and controls follow their base) and a script (ICU; Common
//      and Inherited join the run they are in, a leading Common run adopts the first real script).
//   2. Whenever font or script changes, shape the run so far: the whole paragraph is the
//      buffer's context (item_offset/length), so clusters are byte offsets into the paragraph.
//   3. Report each code point that no font covers once, as a "missing-glyph" warning.
// Vertical text (ShapeOptions::vertical): each code point's Vertical_Orientation (UAX #50, ICU)
// also splits the runs: upright ones are shaped top to bottom with `vert`/`vrt2`, rotated ones
// left to right to be turned when drawn, and a lone one- or two-digit number may be set upright
// side by side (纵中横).
// Before all that, combining marks past limits::kMaxCombiningMarks in a row are dropped with a
// "too-many-marks" warning: HarfBuzz 6.0 takes quadratic time on long runs of marks (issue 7).
#include "text/shape.h"

#include <hb.h>
#include <hb-ot.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cstdio>
#include <limits>

#include "base/limits.h"
#include "base/utf8.h"
#include "fonts/features.h"

namespace zjgr::text {
namespace {

/// One hb_buffer_t per thread, reused for every run of every call (no allocation per run once
/// the buffer has grown to the longest run).
hb_buffer_t* shared_buffer() {
  struct Holder {
    hb_buffer_t* buffer = hb_buffer_create();
    ~Holder() { hb_buffer_destroy(buffer); }
  };
  thread_local Holder holder;
  return holder.buffer;
}

/// Code points that have no glyph of their own to choose a font by: they take their base's font
/// (combining marks, variation selectors) or need none (default ignorables such as ZWJ, controls).
bool follows_base(char32_t cp) {
  // Fast path for what newspaper text is made of: printable ASCII and the CJK Unified block.
  if ((cp >= 0x20 && cp < 0x7F) || (cp >= 0x4E00 && cp <= 0x9FFF)) return false;
  const auto c = static_cast<UChar32>(cp);
  switch (u_charType(c)) {
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_CONTROL_CHAR:
      return true;
    default:
      break;
  }
  return u_hasBinaryProperty(c, UCHAR_VARIATION_SELECTOR) || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

bool is_combining_mark(char32_t cp) {
  if (cp < 0x300) return false;  // fast path: nothing below U+0300 is a mark
  switch (u_charType(static_cast<UChar32>(cp))) {
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
      return true;
    default:
      return false;
  }
}

/// Drops the combining marks past kMaxCombiningMarks in each run of marks. Returns the number
/// dropped (0: `text` is untouched) and, in `first`, the byte offset of the first one dropped.
std::size_t drop_excess_marks(std::string& text, std::size_t& first) {
  std::string kept;
  bool copying = false;
  std::size_t dropped = 0;
  int in_a_row = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t begin = pos;
    const auto cp = decode_utf8(text, pos);
    if (!cp) pos = begin + 1;
    in_a_row = cp && is_combining_mark(*cp) ? in_a_row + 1 : 0;
    if (in_a_row > limits::kMaxCombiningMarks) {
      if (!copying) {
        kept.assign(text, 0, begin);
        copying = true;
        first = begin;
      }
      ++dropped;
      continue;
    }
    if (copying) kept.append(text, begin, pos - begin);
  }
  if (copying) text = std::move(kept);
  return dropped;
}

/// Common, Inherited and Unknown (unassigned, private use) take the script of the run they are in.
bool is_neutral(UScriptCode script) {
  return script == USCRIPT_COMMON || script == USCRIPT_INHERITED || script == USCRIPT_UNKNOWN;
}

hb_script_t to_hb_script(UScriptCode script) {
  if (script == USCRIPT_INVALID_CODE) return HB_SCRIPT_UNKNOWN;
  const char* tag = uscript_getShortName(script);  // ISO 15924, e.g. "Hani", "Latn"
  return tag != nullptr ? hb_script_from_string(tag, -1) : HB_SCRIPT_UNKNOWN;
}

std::string missing_glyph_message(char32_t cp) {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
  std::string message = "no font of the font set has a glyph for ";
  message += code;
  if (cp >= 0x20) {
    message += " \"";
    append_utf8(message, cp);
    message += '"';
  }
  return message;
}

/// A run being collected: bytes [begin, end) of the paragraph, one font, one script.
struct PendingRun {
  std::size_t begin = 0, end = 0;
  fonts::FontId font = 0;
  UScriptCode script = USCRIPT_COMMON;
  bool apostrophe = false;  ///< an apostrophe inside a Latin word, shaped as English text
  Orientation orientation = Orientation::Horizontal;
};

/// UAX #50: U, Tu and Tr stand upright in a vertical line (Tu/Tr through the font's `vert`
/// glyphs), R is turned with the Latin text around it.
Orientation vertical_orientation(char32_t cp) {
  if (cp >= 0x4E00 && cp <= 0x9FFF) return Orientation::Upright;  // fast path: CJK Unified
  if (cp >= 0x20 && cp < 0x7F) return Orientation::Sideways;      // fast path: ASCII is R
  const auto vo = u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_VERTICAL_ORIENTATION);
  return vo == U_VO_ROTATED ? Orientation::Sideways : Orientation::Upright;
}

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

/// 纵中横 (CLREQ M4): bytes [begin, end) are one to three ASCII digits with no other ASCII
/// letter, digit or sign next to them (a longer number, "5%" or "A4" is turned as a whole).
bool is_short_number(std::string_view text, std::size_t begin, std::size_t end) {
  if (end - begin < 1 || end - begin > 3) return false;
  for (std::size_t i = begin; i < end; ++i) {
    if (!is_ascii_digit(text[i])) return false;
  }
  const auto ascii_word = [](char c) { return c > 0x20 && c < 0x7F; };
  return !(begin > 0 && ascii_word(text[begin - 1])) && !(end < text.size() && ascii_word(text[end]));
}

bool is_latin_letter(std::string_view text, std::size_t pos, bool before) {
  if (before) {
    if (pos == 0) return false;
    do --pos; while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80);
  }
  const auto cp = decode_utf8(text, pos);
  if (!cp) return false;
  UErrorCode status = U_ZERO_ERROR;
  return u_isalpha(static_cast<UChar32>(*cp)) && uscript_getScript(static_cast<UChar32>(*cp), &status) == USCRIPT_LATIN;
}

/// ’ or ‘ between two Latin letters ("It’s", "Xi’an") is an apostrophe: with language zh-Hans
/// a CJK font's `locl` gives it the full-width quote (It’ s); shaped as English it keeps the
/// font's proportional form. Quotes around Chinese text stay full width (D8).
bool is_apostrophe_in_word(std::string_view text, std::size_t begin, std::size_t end, char32_t cp) {
  return (cp == U'\u2019' || cp == U'\u2018') && is_latin_letter(text, begin, true) && is_latin_letter(text, end, false);
}

/// CLREQ M3: vertical text quotes with corner brackets. Each replacement has the same UTF-8
/// length (3 bytes), so byte offsets do not move; an apostrophe inside a Latin word stays.
void use_corner_quotes(std::string& text) {
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    if (text[i] != '\xE2' || text[i + 1] != '\x80') continue;
    const char last = text[i + 2];
    const char* corner = nullptr;
    switch (last) {
      case '\x9C': corner = "\xE3\x80\x8C"; break;  // “ → 「
      case '\x9D': corner = "\xE3\x80\x8D"; break;  // ” → 」
      case '\x98': corner = "\xE3\x80\x8E"; break;  // ‘ → 『
      case '\x99': corner = "\xE3\x80\x8F"; break;  // ’ → 』
      default: break;
    }
    if (corner == nullptr) continue;
    if ((last == '\x98' || last == '\x99') && is_latin_letter(text, i, true) && is_latin_letter(text, i + 3, false)) {
      continue;  // It’s, Xi’an
    }
    text.replace(i, 3, corner);
    i += 2;
  }
}

class Shaper {
 public:
  Shaper(std::string_view text, const fonts::FontLibrary& library, const ShapeOptions& options, ShapedText& out)
      : text_(text), library_(library), size_(options.size), out_(out), upright_digits_(options.upright_digits),
        language_(hb_language_from_string(options.language.data(), static_cast<int>(options.language.size()))),
        english_(hb_language_from_string("en", 2)) {}

  void shape_run(const PendingRun& run) {
    if (run.end <= run.begin) return;
    const fonts::Font& font = library_.font(run.font);
    Orientation orientation = run.orientation;
    if (orientation == Orientation::Sideways && upright_digits_ && is_short_number(text_, run.begin, run.end)) {
      orientation = Orientation::Combined;  // 纵中横
    }
    hb_buffer_t* buffer = shared_buffer();
    hb_buffer_clear_contents(buffer);
    hb_buffer_set_direction(buffer, orientation == Orientation::Upright ? HB_DIRECTION_TTB : HB_DIRECTION_LTR);
    hb_buffer_set_script(buffer, to_hb_script(run.script));
    hb_buffer_set_language(buffer, run.apostrophe ? english_ : language_);
    unsigned flags = HB_BUFFER_FLAG_DEFAULT;
    if (run.begin == 0) flags |= HB_BUFFER_FLAG_BOT;
    if (run.end == text_.size()) flags |= HB_BUFFER_FLAG_EOT;
    hb_buffer_set_flags(buffer, static_cast<hb_buffer_flags_t>(flags));
    // The whole paragraph is context (for contextual forms across run boundaries); only the
    // run's bytes are shaped, and clusters come out as byte offsets into the paragraph.
    hb_buffer_add_utf8(buffer, text_.data(), static_cast<int>(text_.size()), static_cast<unsigned>(run.begin),
                       static_cast<int>(run.end - run.begin));
    // An apostrophe in a Latin word takes the font's proportional form (OpenType pwid); upright
    // vertical text its vertical forms (vert, and vrt2 where the font has it); 纵中横 digits
    // their half-width forms (hwid), two to a cell.
    const hb_feature_t* features = nullptr;
    unsigned feature_count = 0;
    if (run.apostrophe) {
      features = fonts::kProportionalFeatures.data();
      feature_count = fonts::kProportionalFeatures.size();
    } else if (orientation == Orientation::Upright) {
      features = fonts::kVerticalFeatures.data();
      feature_count = fonts::kVerticalFeatures.size();
    } else if (orientation == Orientation::Combined) {
      features = fonts::kHalfWidthFeatures.data();
      feature_count = fonts::kHalfWidthFeatures.size();
    }
    hb_shape(font.hb_font(), buffer, features, feature_count);

    unsigned count = 0;
    const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
    const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, &count);
    GlyphRun& glyph_run = out_.runs.emplace_back();
    glyph_run.font = run.font;
    glyph_run.size = size_;
    glyph_run.text = TextRange{run.begin, run.end};
    glyph_run.orientation = orientation;
    glyph_run.glyphs.resize(count);
    for (unsigned i = 0; i < count; ++i) {
      Glyph& g = glyph_run.glyphs[i];
      g.id = infos[i].codepoint;
      g.cluster = infos[i].cluster;
      // TTB: HarfBuzz advances downwards as a negative y; its offsets already lead from the pen
      // (on the axis, at the cell's top) to the glyph's horizontal origin (VORG / vmtx).
      g.advance = font.to_length(orientation == Orientation::Upright ? -positions[i].y_advance : positions[i].x_advance, size_);
      g.x_offset = font.to_length(positions[i].x_offset, size_);
      g.y_offset = font.to_length(positions[i].y_offset, size_);
    }
    if (orientation == Orientation::Sideways) {
      // Turned text sits with the centre of the ideographic em box on the line's axis.
      const Length central = font.to_length(em_box(font).central, size_);
      for (Glyph& g : glyph_run.glyphs) g.y_offset -= central;
    } else if (orientation == Orientation::Combined) {
      // 纵中横: the digits centred across the axis in one 1 em cell, their baseline where an
      // upright ideograph's is; one cluster, the whole advance on its last glyph. Half-width
      // digits wider than the em together (three of them: the fonts have no third widths) are
      // narrowed to it.
      Length width;
      for (const Glyph& g : glyph_run.glyphs) width += g.advance;
      if (width > size_) {
        glyph_run.x_scale = static_cast<double>(size_.raw()) / static_cast<double>(width.raw());
        for (Glyph& g : glyph_run.glyphs) {
          g.advance = g.advance * glyph_run.x_scale;
          g.x_offset = g.x_offset * glyph_run.x_scale;
        }
        width = size_;
      }
      Length x = -width / 2;
      const Length top = font.to_length(em_box(font).top, size_);
      for (Glyph& g : glyph_run.glyphs) {
        g.x_offset += x;
        g.y_offset -= top;
        x += g.advance;
        g.advance = Length();
        g.cluster = static_cast<std::uint32_t>(run.begin);
      }
      if (!glyph_run.glyphs.empty()) glyph_run.glyphs.back().advance = size_;
    }
  }

 private:
  /// The ideographic em box in font units (BASE idtp/ideo; 0.88 and −0.12 em without a BASE table).
  struct EmBox {
    hb_position_t top = 0, central = 0;
  };
  static EmBox em_box(const fonts::Font& font) {
    const hb_position_t upem = font.units_per_em();
    hb_position_t top = upem * 88 / 100, bottom = -upem * 12 / 100;
    hb_ot_layout_get_baseline(font.hb_font(), HB_OT_LAYOUT_BASELINE_TAG_IDEO_EMBOX_TOP_OR_RIGHT, HB_DIRECTION_LTR,
                              HB_TAG('h', 'a', 'n', 'i'), HB_TAG_NONE, &top);
    hb_ot_layout_get_baseline(font.hb_font(), HB_OT_LAYOUT_BASELINE_TAG_IDEO_EMBOX_BOTTOM_OR_LEFT, HB_DIRECTION_LTR,
                              HB_TAG('h', 'a', 'n', 'i'), HB_TAG_NONE, &bottom);
    return {top, (top + bottom) / 2};
  }

  std::string_view text_;
  const fonts::FontLibrary& library_;
  Length size_;
  ShapedText& out_;
  bool upright_digits_;
  hb_language_t language_;
  hb_language_t english_;
};

}  // namespace

ShapedText shape(std::string_view utf8, const fonts::FontStack& stack, const fonts::FontLibrary& library,
                 const ShapeOptions& options, Diagnostics& diagnostics, const SourceRef& where) {
  ShapedText out;
  out.text.assign(utf8);
  if (utf8.empty()) return out;
  if (stack.empty()) {
    diagnostics.error("missing-font", "no font to shape the text with", where);
    return out;
  }
  if (utf8.size() > static_cast<std::size_t>(std::numeric_limits<int>::max() / 2)) {
    diagnostics.error("text-too-long", "paragraph is too long to shape", where);
    return out;
  }

  std::size_t first_dropped = 0;
  if (const std::size_t dropped = drop_excess_marks(out.text, first_dropped)) {
    SourceRef at = where;
    at.chars = TextRange{first_dropped, first_dropped + 1};
    diagnostics.warning("too-many-marks",
                        counted(static_cast<long long>(dropped), "combining mark") + " dropped: at most " +
                            std::to_string(limits::kMaxCombiningMarks) + " may follow one character",
                        std::move(at), {"the text is probably damaged; check the copy"});
  }

  if (options.vertical) {
    out.vertical = true;
    if (options.corner_quotes) use_corner_quotes(out.text);
  }
  const std::string_view text = out.text;
  const fonts::FontId fallback = stack.fonts().front();  // its .notdef shows what no font has
  std::vector<char32_t> reported;                          // missing code points, each once
  Shaper shaper(text, library, options, out);

  PendingRun run;
  bool run_open = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    // 1. The code point; an invalid byte counts as U+FFFD on its own, as HarfBuzz reads it.
    const std::size_t begin = pos;
    char32_t cp = 0xFFFD;
    if (const auto decoded = decode_utf8(text, pos)) {
      cp = *decoded;
    } else {
      pos = begin + 1;
    }

    // 2. Its font: marks and the like stay with their base's font.
    fonts::FontId font = fallback;
    if (run_open && follows_base(cp)) {
      font = run.font;
    } else if (const auto found = stack.font_for(cp, library)) {
      font = *found;
    } else if (!follows_base(cp)) {
      if (std::find(reported.begin(), reported.end(), cp) == reported.end()) {
        reported.push_back(cp);
        SourceRef at = where;
        at.chars = TextRange{begin, pos};
        diagnostics.warning("missing-glyph", missing_glyph_message(cp), std::move(at),
                            {"add a font that covers it to the style's font set"});
      }
    }

    // 3. Its script: Common and Inherited join the current run.
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(static_cast<UChar32>(cp), &status);
    if (U_FAILURE(status)) script = USCRIPT_COMMON;

    // 4. Its orientation in a vertical line (UAX #50); marks and the like follow their base.
    Orientation orientation = Orientation::Horizontal;
    if (options.vertical) orientation = run_open && follows_base(cp) ? run.orientation : vertical_orientation(cp);

    // 5. Extend the current run or shape it and start a new one.
    const bool apostrophe = is_apostrophe_in_word(text, begin, pos, cp);
    if (run_open && font == run.font && apostrophe == run.apostrophe && orientation == run.orientation &&
        (is_neutral(script) || is_neutral(run.script) || script == run.script)) {
      if (is_neutral(run.script) && !is_neutral(script)) run.script = script;  // a leading Common adopts it
      run.end = pos;
      continue;
    }
    if (run_open) shaper.shape_run(run);
    run = PendingRun{begin, pos, font, is_neutral(script) ? USCRIPT_COMMON : script, apostrophe, orientation};
    run_open = true;
  }
  if (run_open) shaper.shape_run(run);
  return out;
}

}  // namespace zjgr::text
