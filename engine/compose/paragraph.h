// A composed paragraph: shaped once, items built once, broken into lines at any widths any
// number of times, each line set into a Frame. What layout/ calls; knows nothing of pages.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "compose/build_items.h"
#include "compose/item.h"
#include "compose/linebreak.h"
#include "compose/style.h"
#include "frame/frame.h"
#include "text/glyph_run.h"

namespace zjgr::compose {

/// What decided a line's break (Line::ended_by); to_string gives the name --dump-layout prints.
enum class EndedBy {
  Optimal,           ///< the optimum chose this legal break, or a longer line would not fit
  KinsokuLineStart,  ///< the longest fitting line would have broken where B1 forbids
  KinsokuLineEnd,    ///< … where B2 forbids
  Orphan,            ///< … where H2 (孤字) forbids
  Unbreakable,       ///< … inside a word, number + unit, ——, …… or a UAX #14 no-break
  ThreePunctuation,  ///< the B6 remedy (reported)
  InsideWord,        ///< B9 phrase breaking had to break inside a word or 《…》 “…” (reported)
  ManualBreak,       ///< a line feed in the text
  Hanging,           ///< E1 hanging punctuation
  Overfull,          ///< no break made it fit (reported)
  Underfull,         ///< an emergency loose line (reported)
  ParagraphEnd,      ///< the paragraph's last line
};
std::string_view to_string(EndedBy reason);

/// One composed line.
struct Line {
  std::size_t first_item = 0;  ///< first item of the line
  std::size_t end_item = 0;    ///< the break item; the line is items [first_item, end_item)
  Length width;                ///< the measure it was set to
  Length natural;              ///< natural width of its content (a hanging mark not counted)
  double ratio = 0;            ///< adjustment ratio (TeX r); 0 for ragged and last lines that fit
  /// What decided the break, from the items, not guessed: "paragraph-end" (the last line);
  /// "optimal" (the optimum chose this legal break, or a longer line would not fit);
  /// "kinsoku-line-start" / "kinsoku-line-end" (the longest fitting line would have broken
  /// where B1/B2 forbid, and every break up to there was forbidden too); "orphan" (the same,
  /// H2 孤字); "unbreakable" (the same, inside a word, number + unit, ——, …… or a UAX #14
  /// no-break); "three-punctuation" (B6 remedy, reported); "inside-word" (B9 phrase breaking
  /// broke inside a word or a title, reported); "manual-break" (a line feed in the text);
  /// "hanging" (E1); "overfull" (no
  /// break made it fit, reported); "underfull" (an emergency loose line, reported).
  EndedBy ended_by = EndedBy::Optimal;
  TextRange text;              ///< bytes of the paragraph text on this line
  bool last = false;           ///< the paragraph's last line
};

/// A paragraph shaped once (by the caller) with items built once; it can be broken at any
/// LineWidths any number of times without reshaping (columns, photo wrap, jumps).
class Paragraph {
 public:
  /// Builds the items of `shaped` by the CLREQ rules of `style`.
  Paragraph(text::ShapedText shaped, const ParagraphStyle& style);

  /// Knuth–Plass breaking at `widths`; reports "overfull-line" and "underfull-line" warnings at
  /// `where` (with chars set to the line's bytes).
  std::vector<Line> break_lines(const LineWidths& widths, Diagnostics& diagnostics, const SourceRef& where = {}) const;
  /// The same, preferring fewer lines (copyfitting's squeeze, 先挤进后推出): a high line penalty
  /// (TeX's \linepenalty) makes the optimum compress punctuation and tighten spacing, inside
  /// the same limits, wherever that saves a line. Never looser or tighter than the rules allow.
  std::vector<Line> break_lines_squeezed(const LineWidths& widths, Diagnostics& diagnostics,
                                         const SourceRef& where = {}) const;
  /// The same breaking (squeezed or not) with `looseness` lines more (negative: fewer) than its
  /// optimum: column breaking's alternatives for 孤行 (H3). Empty when no such breaking is as
  /// clean as a normal one — every line within the tolerance, nothing reported.
  std::vector<Line> break_lines_loosened(const LineWidths& widths, int looseness, bool squeezed) const;
  /// Headline balancing: fewest lines, then near-equal lengths (Blink's balance idea): the
  /// narrowest width that keeps the line count and breaks inside no more words (B9) than the
  /// full measure needs; lines keep `measure` as their width. Widths, not character counts.
  std::vector<Line> break_balanced(Length measure, Diagnostics& diagnostics, const SourceRef& where = {}) const;
  /// The line set into a frame: glyph runs with justified positions; origin at the left end of
  /// the baseline (y = 0 is the baseline, glyphs above have negative y); size.width = line.width.
  /// Justify fills the measure (the last line at natural width, left); Center/Right shift it.
  /// A vertical paragraph's line (ShapedText::vertical) runs down from its origin instead: the
  /// origin is the top of the line on its centre axis (x = 0), size {1 em, line.width}.
  frame::Frame line_frame(const Line& line) const;
  /// Whether the lines run top to bottom (竖排).
  bool vertical() const { return shaped_.vertical; }

  const text::ShapedText& shaped() const { return shaped_; }
  const ParagraphStyle& style() const { return style_; }
  const ItemList& items() const { return items_; }
  /// The UTF-8 text of a line.
  std::string line_text(const Line& line) const;
  /// Where each glyph-bearing box of a line starts (x from the line's left edge): for tests
  /// and the layout dump; same positions line_frame uses.
  std::vector<std::pair<std::size_t, Length>> box_positions(const Line& line) const;
  /// x of every item of a line (items [first_item, end_item)) and, last, of the line's end,
  /// with the glue set as line_frame sets it: a glue item's set width is xs[i + 1] - xs[i].
  std::vector<Length> item_positions(const Line& line) const;

 private:
  std::vector<Line> make_lines(const std::vector<Break>& breaks, const LineWidths& widths, bool ragged,
                               Diagnostics& diagnostics, const SourceRef& where) const;
  BreakParams params() const;
  std::vector<Line> break_with(const BreakParams& params, const LineWidths& widths, Diagnostics& diagnostics,
                               const SourceRef& where) const;
  /// compose::break_lines of the items, remembered for the last few widths and parameters:
  /// copyfitting's trials and column balancing break a paragraph the same way again and again
  /// (46 % of the calls on the 100-page benchmark issue). The breaker is a pure function of
  /// items, widths and parameters, so what comes back is what it would compute.
  std::vector<Break> breaks(const LineWidths& widths, const BreakParams& params, BreakStats& stats) const;

  /// The remembered breakings. A copied or moved paragraph starts with none; a lock, since a
  /// const paragraph may be broken from two threads.
  class BreakMemo {
   public:
    BreakMemo() = default;
    BreakMemo(const BreakMemo&) {}
    BreakMemo& operator=(const BreakMemo&) { return *this; }

    struct Entry {
      LineWidths widths;
      BreakParams params;
      std::vector<Break> breaks;
      BreakStats stats;
    };
    static constexpr std::size_t kEntries = 8;
    std::mutex mutex;
    std::vector<Entry> entries;  ///< the most recent last
  };

  text::ShapedText shaped_;
  ParagraphStyle style_;
  ItemList items_;
  mutable BreakMemo memo_;
};

}  // namespace zjgr::compose
