// The Knuth–Plass breaker: total-fit line breaking as a pure function of items, per-line widths
// and parameters (tex.web §813–§890). Knows nothing of Chinese: every rule is in the items.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "base/length.h"
#include "compose/item.h"

namespace zjgr::compose {

/// Width of each line, the last repeating (TeX \parshape).
class LineWidths {
 public:
  /// Every line `w` wide.
  static LineWidths uniform(Length w) { return LineWidths(std::vector<Length>{w}); }
  /// Line i is widths[i]; lines past the end repeat the last (an empty list means zero width).
  explicit LineWidths(std::vector<Length> widths) : widths_(std::move(widths)) {}
  /// The width of line `line` (0-based).
  Length at(std::size_t line) const {
    if (widths_.empty()) return Length();
    return line < widths_.size() ? widths_[line] : widths_.back();
  }
  /// How many lines have their own width (the last of them repeats).
  std::size_t distinct() const { return widths_.size(); }
  bool operator==(const LineWidths&) const = default;

 private:
  std::vector<Length> widths_;
};

/// Parameters of the breaker (TeX's names in comments).
struct BreakParams {
  double max_ratio = 2.0;          ///< first pass: loosest line accepted (\tolerance ≈ 800)
  int line_penalty = 10;           ///< \linepenalty
  int flagged_demerits = 3000;     ///< \doublehyphendemerits
  int fitness_demerits = 10000;    ///< \adjdemerits: adjacent lines two fitness classes apart
  Length ragged_stretch;           ///< stretch added to every line (ragged alignments, \rightskip)
  /// 先挤进，后推出 (CLREQ B4, JIS X 4051's push-in first): a line that fits by compressing
  /// its punctuation blanks alone (glue of the G2 punctuation levels, within the style's
  /// limits) is a normal setting, not a defect, so it costs no badness and counts as decent;
  /// a line that stretches pays the usual badness. The optimum then takes the next character
  /// into a line whenever compression makes room for it, instead of pushing it to the next
  /// line and spacing this one out. Off: TeX's badness for every shrink.
  bool push_in_first = true;
  /// TeX's \looseness: the best breaking with this many lines more (or, negative, fewer) than
  /// the optimum's, or the nearest count to that which the tolerance allows. Column breaking
  /// uses ±1 to move a paragraph's last line across a column's foot (孤行, H3).
  int looseness = 0;
  std::size_t max_active = 4096;   ///< bound on active nodes (hostile input terminates)
  /// Bounds on the optimum's work (HarfBuzz's max_len / max_ops): a list longer than
  /// `max_items`, or a pass that would examine more than `max_ops` (active node, breakpoint)
  /// pairs, is broken first-fit instead (BreakStats::first_fit says so). A newspaper
  /// paragraph has a few thousand items and needs well under 10⁵ operations per pass.
  std::size_t max_items = 200'000;
  std::size_t max_ops = 20'000'000;

  bool operator==(const BreakParams&) const = default;
};

/// What break_lines did, for reports and tests.
struct BreakStats {
  int passes = 0;              ///< optimum passes run (1: within tolerance; 2: emergency pass)
  std::size_t ops = 0;         ///< (active node, breakpoint) pairs examined in all passes
  std::size_t measured = 0;    ///< of those, the lines actually measured (the rest skipped as too loose)
  bool first_fit = false;      ///< the bounds were exceeded and first fit broke the lines
};

/// One chosen break.
struct Break {
  std::size_t at = 0;       ///< index of the break item; the line ends before it
  double ratio = 0;         ///< adjustment ratio of the line ending here
  int fitness = 1;          ///< 0 tight, 1 decent, 2 loose, 3 very loose
  double demerits = 0;      ///< total demerits up to this break
  bool overfull = false;    ///< the line is wider than its measure even fully shrunk
  bool emergency = false;   ///< found only by widening the tolerance (ratio > max_ratio)
};

/// Metrics of one candidate line [begin, end) ending at the break item `end`.
struct LineMetrics {
  Length natural, stretch, shrink;
  Length compression;  ///< the part of `shrink` that compresses punctuation (G2 levels 3–5, 7)
  bool fil = false;  ///< has infinite stretch (the paragraph's last line)
};

/// The first item of a line after a break at `at` (discardable glue and penalties skipped).
std::size_t line_start_after(std::span<const Item> items, std::size_t at);
/// Natural width, stretch and shrink of items [begin, end) plus the break penalty's width.
LineMetrics measure_line(std::span<const Item> items, std::size_t begin, std::size_t end);
/// TeX's adjustment ratio of a line of `m` set to `width` (0 for fil lines that fit; ±1e9 when
/// no glue can absorb the difference).
double adjustment_ratio(const LineMetrics& m, Length width);
/// True when a line of `m` fits `width` by compressing punctuation alone (B4 push-in).
bool fits_by_compression(const LineMetrics& m, Length width);
/// True for the G2 levels that compress punctuation (间隔号, brackets, 点号) rather than spacing.
constexpr bool is_punctuation_compression(ShrinkLevel level) {
  return level == ShrinkLevel::Interpunct || level == ShrinkLevel::Bracket || level == ShrinkLevel::Pause ||
         level == ShrinkLevel::Stop;
}

/// Total-fit breaking. Pass 1 accepts lines with ratio in [-1, max_ratio]; if no solution
/// exists, pass 2 accepts any looseness (marked `emergency`) and, where nothing fits at all,
/// an overfull line (marked `overfull`). Never fails: a last break at the final item is always
/// returned for a non-empty list. The list should end with a forced break (P(-inf)).
/// Bounded: see BreakParams::max_items and max_ops; `stats`, when given, says what was done.
std::vector<Break> break_lines(std::span<const Item> items, const LineWidths& widths, const BreakParams& params = {},
                               BreakStats* stats = nullptr);

/// First-fit breaking (the fallback when a paragraph exceeds the work bounds).
std::vector<Break> break_first_fit(std::span<const Item> items, const LineWidths& widths, const BreakParams& params = {});

}  // namespace zjgr::compose
