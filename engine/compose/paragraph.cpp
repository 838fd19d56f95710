// Paragraph: the compose stage's driver. Build items once; break at given widths (Knuth–Plass,
// or balanced for headlines); describe each line; set a line into a Frame.
#include "compose/paragraph.h"

#include <optional>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <utility>

namespace zjgr::compose {
namespace {

// Squeezed breaking (copyfitting, 先挤进后推出): a line costs more than any badness a legal line
// can have ((l + 100)² − l² < l² for l = 1000), so a break sequence with one line fewer wins
// whenever one exists within the tolerance.
constexpr int kSqueezedLinePenalty = 1000;

std::string fmt_pt(Length l) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2fpt", l.to_pt());
  return buf;
}

/// x of every item of `line` (index i - first_item) and of its end, with the glue set.
///
/// Justification follows CLREQ's priority orders rather than TeX's one proportion: the
/// difference is taken from the G2 shrink levels (word spaces, bracket blanks, pause blanks,
/// Han–Latin gaps, stop blanks, Han–Han gaps) or given to the G3 stretch levels (word spaces,
/// Han–Latin gaps, then every other gap) one level after the other, each level used up before
/// the next, all glue of a level by the same proportion. Stretch beyond every level's capacity
/// (a loose line) goes to the last level present.
std::vector<Length> place_items(const ItemList& items, const Line& line, Align align) {
  const std::size_t first = line.first_item, end = std::min(line.end_item, items.size());
  const LineMetrics m = measure_line(items, first, end);
  const bool justify = align == Align::Justify && !line.last;
  // How much the glue changes in total, and by which component (stretch or shrink).
  Length diff;
  bool by_stretch = true;
  const Length gap = line.width - m.natural;
  if (justify && gap > Length() && m.stretch > Length()) {
    diff = gap;
  } else if (gap < Length() && m.shrink > Length()) {
    diff = max(gap, -m.shrink);
    by_stretch = false;
  }
  // Capacity per level, then the share of `diff` each level takes, in order.
  constexpr int kLevels = std::max(kShrinkLevels, kStretchLevels) + 1;
  std::array<Length, kLevels> capacity{}, share{};
  const auto level_of = [&](const Item& it) {
    return by_stretch ? static_cast<int>(it.stretch_level) : static_cast<int>(it.shrink_level);
  };
  for (std::size_t i = first; i < end; ++i) {
    const Item& it = items[i];
    if (!it.is_glue() || it.stretch_order > 0) continue;
    capacity[static_cast<std::size_t>(level_of(it))] += by_stretch ? it.stretch : it.shrink;
  }
  if (diff != Length()) {
    Length left = by_stretch ? diff : -diff;
    int last_level = -1;
    for (int l = 0; l < kLevels; ++l) {
      const auto k = static_cast<std::size_t>(l);
      if (capacity[k] <= Length()) continue;
      last_level = l;
      share[k] = min(left, capacity[k]);
      left -= share[k];
    }
    if (left > Length() && last_level >= 0) share[static_cast<std::size_t>(last_level)] += left;
    if (!by_stretch) {
      for (Length& sh : share) sh = -sh;
    }
  }
  const Length set_width = m.natural + diff;
  Length x;
  if (!justify || diff == Length()) {
    if (align == Align::Center) x = (line.width - set_width) / 2;
    else if (align == Align::Right) x = line.width - set_width;
  }
  if (x < Length() && align != Align::Right) x = Length();
  std::vector<Length> xs;
  xs.reserve(end - first + 1);
  // Within a level the adjustments are placed by rounding the cumulative share, so each level
  // (and so the line) ends exactly at natural + diff however the sp round.
  std::array<long double, kLevels> cum{};
  std::array<Length, kLevels> applied{};
  for (std::size_t i = first; i < end; ++i) {
    xs.push_back(x);
    const Item& it = items[i];
    if (it.is_box()) {
      x += it.width;
    } else if (it.is_glue()) {
      x += it.width;
      const Length part = it.stretch_order > 0 ? Length() : (by_stretch ? it.stretch : it.shrink);
      const auto k = static_cast<std::size_t>(level_of(it));
      // A negative part (a URL break's cancelling glue) gives back what its partner took.
      if (part != Length() && share[k] != Length()) {
        cum[k] += static_cast<long double>(part.raw());
        const auto target = static_cast<std::int64_t>(std::llround(
            static_cast<long double>(share[k].raw()) * cum[k] / static_cast<long double>(capacity[k].raw())));
        x += Length::sp(target) - applied[k];
        applied[k] = Length::sp(target);
      }
    }
  }
  xs.push_back(x);
  return xs;
}

/// Nothing of a line is drawn further than this many ems outside its measure. An overfull line
/// sticks out a little, as TeX's do, and a hanging mark (E1) fits; but a 32 KB unbreakable
/// token or 10,000 em dashes, tens of metres long, must not reach the page (issue 18): the boxes
/// past the limit are cut and the overfull warning says how many characters were not printed.
constexpr double kMaxOverhangEm = 1.0;

/// Whether a box at x, `width` wide, lies within the overhang limit of a line `measure` wide.
bool within_overhang(Length x, Length width, Length measure, Length em) {
  const Length limit = em * kMaxOverhangEm;
  return x >= -limit && x + width <= measure + limit;
}

/// The characters of glyph boxes of `line` that line_frame cuts (see kMaxOverhangEm).
std::size_t cut_characters(const ItemList& items, const Line& line, Align align, Length em, std::string_view text) {
  const std::vector<Length> xs = place_items(items, line, align);
  std::size_t chars = 0;
  for (std::size_t i = line.first_item; i < line.end_item && i < items.size(); ++i) {
    const Item& it = items[i];
    if (!it.is_box() || !it.has_glyphs() || within_overhang(xs[i - line.first_item], it.width, line.width, em)) continue;
    for (std::size_t b = it.text.begin; b < it.text.end && b < text.size(); ++b) {
      if ((static_cast<unsigned char>(text[b]) & 0xC0) != 0x80) ++chars;
    }
  }
  return chars;
}

/// The first box after item `from` that draws something, or items.size().
std::size_t next_box(const ItemList& items, std::size_t from) {
  while (from < items.size() && !items[from].is_box()) ++from;
  return from;
}

/// What decided the break of a non-last line [start, end) (see Line::ended_by). The natural
/// break is the last junction between two boxes where the line, fully shrunk, still fits the
/// measure, rules ignored. If the chosen break is there, or if some legal break lies between
/// the two, the optimum decided (Optimal); otherwise every junction up to the natural one
/// was forbidden and the rule forbidding the natural one decided.
EndedBy break_reason(const ItemList& items, std::size_t start, std::size_t end, Length width) {
  const Item& at = items[end];
  if (at.is_penalty() && at.rule == Rule::ThreePunctuation) return EndedBy::ThreePunctuation;  // B6
  if (at.is_penalty() && (at.rule == Rule::InsideWord || at.rule == Rule::InsideTitle)) return EndedBy::InsideWord;  // B9
  if (at.is_penalty() && at.rule == Rule::ManualBreak) return EndedBy::ManualBreak;
  if (at.is_penalty() && at.rule == Rule::Hanging) return EndedBy::Hanging;                      // E1
  // Walk on from the chosen break, junction by junction, while the longer line would fit.
  LineMetrics m = measure_line(items, start, end);
  std::size_t k = end;       // items [end, k) have been added to m
  std::optional<EndedBy> natural_rule;  // the rule forbidding the last fitting junction after `end`
  std::size_t box = next_box(items, end);
  while (box < items.size()) {
    // Add the items up to and including this box.
    for (; k <= box; ++k) {
      const Item& it = items[k];
      if (it.is_penalty()) continue;
      m.natural += it.width;
      if (it.is_glue() && it.stretch_order == 0) m.shrink += it.shrink;
    }
    if (m.natural - m.shrink > width) break;  // the line would not fit past this box
    // The junction after `box`: what lies between it and the next box.
    const std::size_t after = next_box(items, box + 1);
    if (after >= items.size()) break;  // the paragraph's end: the last line's business
    EndedBy rule = EndedBy::Unbreakable;  // box against box: inside a word, number, —— or ……
    bool legal = false;
    for (std::size_t j = box + 1; j < after; ++j) {
      const Item& it = items[j];
      const bool ragged_lead = it.rule == Rule::UrlBreak || it.rule == Rule::BeforeUrl;  // P(inf) of a ragged break
      if (it.is_penalty() && it.penalty >= kInfPenalty && !ragged_lead) {
        switch (it.rule) {
          case Rule::LineStartProhibited: rule = EndedBy::KinsokuLineStart; break;
          case Rule::LineEndProhibited: rule = EndedBy::KinsokuLineEnd; break;
          case Rule::Orphan: rule = EndedBy::Orphan; break;
          case Rule::ParagraphEnd: rule = EndedBy::ParagraphEnd; break;
          default: rule = EndedBy::Unbreakable; break;  // B7 number + unit, UAX #14, an indent
        }
        break;
      }
      if ((it.is_penalty() && it.penalty < kInfPenalty) || (it.is_glue() && j == box + 1)) {
        legal = true;
        break;
      }
    }
    if (legal) return EndedBy::Optimal;  // a longer legal line fitted: the optimum chose this one
    natural_rule = rule;
    box = after;
  }
  return natural_rule.value_or(EndedBy::Optimal);
}

}  // namespace

std::string_view to_string(EndedBy reason) {
  switch (reason) {
    case EndedBy::Optimal: return "optimal";
    case EndedBy::KinsokuLineStart: return "kinsoku-line-start";
    case EndedBy::KinsokuLineEnd: return "kinsoku-line-end";
    case EndedBy::Orphan: return "orphan";
    case EndedBy::Unbreakable: return "unbreakable";
    case EndedBy::ThreePunctuation: return "three-punctuation";
    case EndedBy::InsideWord: return "inside-word";
    case EndedBy::ManualBreak: return "manual-break";
    case EndedBy::Hanging: return "hanging";
    case EndedBy::Overfull: return "overfull";
    case EndedBy::Underfull: return "underfull";
    case EndedBy::ParagraphEnd: return "paragraph-end";
  }
  return "optimal";
}

Paragraph::Paragraph(text::ShapedText shaped, const ParagraphStyle& style)
    : shaped_(std::move(shaped)), style_(style), items_(build_items(shaped_, style_)) {}

BreakParams Paragraph::params() const {
  BreakParams p;
  // Ragged alignments: TeX's \rightskip 0pt plus 2em, so lines need not fill the measure.
  if (style_.align != Align::Justify) p.ragged_stretch = style_.size * std::int64_t{2};
  return p;
}

std::vector<Line> Paragraph::break_lines(const LineWidths& widths, Diagnostics& diagnostics, const SourceRef& where) const {
  return break_with(params(), widths, diagnostics, where);
}

std::vector<Line> Paragraph::break_lines_squeezed(const LineWidths& widths, Diagnostics& diagnostics,
                                                  const SourceRef& where) const {
  BreakParams p = params();
  p.line_penalty = kSqueezedLinePenalty;
  return break_with(p, widths, diagnostics, where);
}

std::vector<Line> Paragraph::break_lines_loosened(const LineWidths& widths, int looseness, bool squeezed) const {
  BreakParams p = params();
  if (squeezed) p.line_penalty = kSqueezedLinePenalty;
  p.looseness = looseness;
  BreakStats stats;
  const std::vector<Break> breaks = this->breaks(widths, p, stats);
  if (stats.first_fit || stats.passes > 1) return {};  // only lines the first pass accepts
  Diagnostics quiet;
  std::vector<Line> lines = make_lines(breaks, widths, style_.align != Align::Justify, quiet, {});
  if (quiet.warning_count() + quiet.error_count() > 0) return {};
  return lines;
}

std::vector<Break> Paragraph::breaks(const LineWidths& widths, const BreakParams& params, BreakStats& stats) const {
  {
    const std::lock_guard lock(memo_.mutex);
    for (const BreakMemo::Entry& e : memo_.entries) {
      if (e.params == params && e.widths == widths) {
        stats = e.stats;
        return e.breaks;
      }
    }
  }
  std::vector<Break> result = compose::break_lines(items_, widths, params, &stats);
  const std::lock_guard lock(memo_.mutex);
  if (memo_.entries.size() == BreakMemo::kEntries) memo_.entries.erase(memo_.entries.begin());
  memo_.entries.push_back({widths, params, result, stats});
  return result;
}

std::vector<Line> Paragraph::break_with(const BreakParams& params, const LineWidths& widths, Diagnostics& diagnostics,
                                        const SourceRef& where) const {
  BreakStats stats;
  const std::vector<Break> breaks = this->breaks(widths, params, stats);
  if (stats.first_fit) {
    // Bounded work (DESIGN.md §5): the optimum gave up on this paragraph; say so.
    diagnostics.warning("paragraph-first-fit",
                        "paragraph too long for optimum line breaking (" +
                            counted(static_cast<long long>(items_.size()), "item") + "); broken first-fit",
                        where);
  }
  return make_lines(breaks, widths, style_.align != Align::Justify, diagnostics, where);
}

namespace {

/// B9: the ideographic spaces of a headline mark its phrases. When breaking at n - 1 of them
/// sets it in n lines, each within the measure, those breaks (the most even choice) are the
/// balanced ones; nothing when no such choice exists.
std::optional<std::vector<Break>> break_at_phrase_spaces(const ItemList& items, std::size_t n, Length measure,
                                                         const Break& end) {
  std::vector<std::size_t> spaces;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].is_penalty() && items[i].rule == Rule::PhraseSpace) spaces.push_back(i);
  }
  constexpr std::size_t kMaxSpaces = 12;  // bounded enumeration: headlines have a few
  if (spaces.size() < n - 1 || spaces.size() > kMaxSpaces) return std::nullopt;
  std::optional<std::vector<Break>> best;
  Length best_widest;
  std::vector<std::size_t> chosen;
  // Every way of choosing n - 1 of the spaces, in order.
  const auto choose = [&](auto&& self, std::size_t from) -> void {
    if (chosen.size() == n - 1) {
      std::vector<Break> breaks;
      for (std::size_t at : chosen) breaks.push_back(Break{at});
      breaks.push_back(end);
      Length widest;
      std::size_t start = 0;
      for (const Break& b : breaks) {
        const LineMetrics m = measure_line(items, start, b.at);
        if (m.natural - m.shrink > measure) return;
        widest = max(widest, m.natural);
        start = line_start_after(items, b.at);
      }
      if (!best || widest < best_widest) {
        best = std::move(breaks);
        best_widest = widest;
      }
      return;
    }
    for (std::size_t k = from; k < spaces.size(); ++k) {
      chosen.push_back(spaces[k]);
      self(self, k + 1);
      chosen.pop_back();
    }
  };
  choose(choose, 0);
  return best;
}

}  // namespace

std::vector<Line> Paragraph::break_balanced(Length measure, Diagnostics& diagnostics, const SourceRef& where) const {
  // Blink's balancing: find the fewest lines at the full measure, then the narrowest width
  // that still gives that many lines without an overfull line; break there.
  BreakStats stats;
  const auto run = [&](Length w) {
    BreakParams p;
    p.ragged_stretch = w;  // any shortfall is fine: the count and the penalties decide
    return breaks(LineWidths::uniform(w), p, stats);
  };
  // B9: costly breaks (inside words or titles, before a one-character word) a narrower width
  // may not add.
  const auto inside_words = [&](const std::vector<Break>& b) {
    return std::count_if(b.begin(), b.end(), [&](const Break& x) {
      const Rule r = items_[x.at].rule;
      return r == Rule::InsideWord || r == Rule::InsideTitle || r == Rule::BeforeShortWord;
    });
  };
  std::ptrdiff_t allowed_inside = 0;
  const auto ok = [&](const std::vector<Break>& b, std::size_t n) {
    if (b.size() > n || inside_words(b) > allowed_inside) return false;
    for (const Break& x : b) {
      if (x.overfull) return false;
    }
    return true;
  };
  std::vector<Break> best = run(measure);
  const std::size_t n = best.size();
  if (n > 1 && !stats.first_fit) {
    if (auto phrased = break_at_phrase_spaces(items_, n, measure, best.back())) {
      return make_lines(*phrased, LineWidths::uniform(measure), true, diagnostics, where);
    }
  }
  allowed_inside = inside_words(best);
  // Bounded work: balancing is for headlines of a few lines; a text that needs more than
  // kMaxBalancedLines lines, or that the optimum gave up on, is set as broken.
  constexpr std::size_t kMaxBalancedLines = 8;
  if (n > 1 && n <= kMaxBalancedLines && !stats.first_fit && ok(best, n)) {
    std::int64_t lo = 0, hi = measure.raw();  // hi always feasible
    while (hi - lo > Length::pt(0.25).raw()) {
      const std::int64_t mid = lo + (hi - lo) / 2;
      std::vector<Break> b = run(Length::sp(mid));
      if (ok(b, n)) {
        hi = mid;
        best = std::move(b);
      } else {
        lo = mid;
      }
    }
  }
  return make_lines(best, LineWidths::uniform(measure), true, diagnostics, where);
}

std::vector<Line> Paragraph::make_lines(const std::vector<Break>& breaks, const LineWidths& widths, bool ragged,
                                        Diagnostics& diagnostics, const SourceRef& where) const {
  std::vector<Line> lines;
  lines.reserve(breaks.size());
  std::size_t first = 0;
  for (std::size_t i = 0; i < breaks.size(); ++i) {
    Line line;
    line.first_item = first;
    line.end_item = breaks[i].at;
    line.width = widths.at(i);
    line.last = i + 1 == breaks.size();
    const LineMetrics m = measure_line(items_, line.first_item, line.end_item);
    line.natural = m.natural;
    const double r = adjustment_ratio(m, line.width);
    line.ratio = (!ragged && !line.last) || r < 0 ? r : 0.0;
    // The text: from the first to the last glyph box of the line.
    bool any = false;
    for (std::size_t k = line.first_item; k < line.end_item; ++k) {
      const Item& it = items_[k];
      if (!it.is_box() || !it.has_glyphs()) continue;
      if (!any) line.text.begin = it.text.begin;
      line.text.end = it.text.end;
      any = true;
    }
    if (!any) line.text = TextRange{0, 0};
    // What decided the break (printed by --dump-layout).
    const std::size_t next = line_start_after(items_, line.end_item);
    if (line.last) {
      line.ended_by = EndedBy::ParagraphEnd;
    } else if (breaks[i].overfull || r < -1.0) {
      line.ended_by = EndedBy::Overfull;
    } else {
      line.ended_by = break_reason(items_, line.first_item, line.end_item, line.width);
      if (line.ended_by == EndedBy::Optimal && !ragged && r > BreakParams{}.max_ratio) line.ended_by = EndedBy::Underfull;
    }
    // Reports, worded as TeX reports boxes.
    SourceRef at = where;
    at.chars = line.text;
    if (r < -1.0 && m.natural - m.shrink > line.width) {
      std::string message = "line is " + fmt_pt(m.natural - m.shrink - line.width) + " too wide";
      if (m.natural - m.shrink > line.width + style_.size * kMaxOverhangEm) {
        const std::size_t cut = cut_characters(items_, line, style_.align, style_.size, shaped_.text);
        if (cut > 0) message += "; cut 1 em past the measure, " + counted(static_cast<long long>(cut), "character") + " not printed";
      }
      std::vector<std::string> hints;
      if (i == 0 && style_.indent >= line.width) {
        hints.push_back("the style's first-line indent (" + fmt_pt(style_.indent) + ") is not less than the measure (" +
                        fmt_pt(line.width) + ")");
      }
      diagnostics.warning("overfull-line", std::move(message), at, std::move(hints));
    } else if (!ragged && !line.last && r > BreakParams{}.max_ratio) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "line is loosely spaced (adjustment ratio %.2f)", r > 1e8 ? 1e9 : r);
      diagnostics.warning("underfull-line", buf, at);
    }
    if (line.ended_by == EndedBy::InsideWord) {
      diagnostics.warning("word-split",
                          std::string("line broken inside ") +
                              (items_[line.end_item].rule == Rule::InsideTitle ? "a title or quotation" : "a word") +
                              ": no break between words fits (B9)",
                          at, {"shorten the headline, or type a line break (\\n) where it should break"});
    }
    if (line.ended_by == EndedBy::ThreePunctuation) {
      diagnostics.warning("three-punctuation-remedy",
                          "line broken inside a run of three punctuation marks to avoid a loose line (B6)", at);
    }
    lines.push_back(line);
    first = next;
  }
  return lines;
}

std::string Paragraph::line_text(const Line& line) const {
  if (line.text.end > shaped_.text.size() || line.text.empty()) return {};
  return shaped_.text.substr(line.text.begin, line.text.end - line.text.begin);
}

std::vector<std::pair<std::size_t, Length>> Paragraph::box_positions(const Line& line) const {
  const std::vector<Length> xs = place_items(items_, line, style_.align);
  std::vector<std::pair<std::size_t, Length>> out;
  for (std::size_t i = line.first_item; i < line.end_item && i < items_.size(); ++i) {
    if (items_[i].is_box() && items_[i].has_glyphs()) out.emplace_back(i, xs[i - line.first_item]);
  }
  return out;
}

std::vector<Length> Paragraph::item_positions(const Line& line) const {
  return place_items(items_, line, style_.align);
}

frame::Frame Paragraph::line_frame(const Line& line) const {
  // 竖排 (shaped_.vertical): the same positions along the line as a horizontal line's x, taken
  // downwards. Upright glyphs (and 纵中横 cells) are drawn from their vertical origins on the
  // axis; each stretch of a sideways run is a group of horizontal glyphs turned a quarter
  // clockwise about the axis.
  const bool vertical = shaped_.vertical;
  frame::Frame f;
  f.size = vertical ? Size{style_.size, line.width} : Size{line.width, style_.size};
  const std::vector<Length> xs = place_items(items_, line, style_.align);
  // One GlyphRunItem per stretch of boxes from the same glyph run.
  std::optional<std::uint32_t> run;
  frame::GlyphRunItem seg;
  Length seg_x;
  // Room for the whole line in the first segment (a line is usually one run); later segments of a
  // line that changes fonts grow as they need (reserving a line for each could be quadratic).
  const std::size_t boxes = line.end_item - std::min(line.first_item, line.end_item);
  bool first_segment = true;
  const auto flush = [&]() {
    if (run && !seg.glyphs.empty()) {
      if (!vertical) {
        f.push(Point{seg_x, Length()}, std::move(seg));
      } else if (shaped_.runs[*run].orientation == text::Orientation::Sideways) {
        frame::Frame turned;
        turned.size = Size{line.width - seg_x, style_.size};
        turned.push(Point{}, std::move(seg));
        f.items.emplace_back(Point{Length(), seg_x},
                             frame::GroupItem{std::make_shared<const frame::Frame>(std::move(turned)), std::nullopt,
                                              false, 1});
      } else {
        f.push(Point{Length(), seg_x}, std::move(seg));
      }
    }
    seg = frame::GlyphRunItem{};
    run.reset();
  };
  for (std::size_t i = line.first_item; i < line.end_item && i < items_.size(); ++i) {
    const Item& it = items_[i];
    if (!it.is_box() || !it.has_glyphs() || it.run >= shaped_.runs.size()) continue;
    if (!within_overhang(xs[i - line.first_item], it.width, line.width, style_.size)) continue;  // cut, reported
    const text::GlyphRun& gr = shaped_.runs[it.run];
    if (!run || *run != it.run) {
      flush();
      if (first_segment) {
        seg.glyphs.reserve(boxes);
        seg.clusters.reserve(boxes);
        first_segment = false;
      }
      run = it.run;
      seg_x = xs[i - line.first_item];
      seg.font = gr.font;
      seg.size = gr.size;
      seg.x_scale = gr.x_scale;
      seg.color = style_.color;
    }
    const bool upright = gr.orientation == text::Orientation::Upright || gr.orientation == text::Orientation::Combined;
    Length pen = xs[i - line.first_item] + it.draw_offset - seg_x;
    const std::uint32_t g_end = std::min<std::uint32_t>(it.glyph_end, static_cast<std::uint32_t>(gr.glyphs.size()));
    for (std::uint32_t g = it.glyph_begin; g < g_end; ++g) {
      const text::Glyph& glyph = gr.glyphs[g];
      const Point at = upright ? Point{glyph.x_offset, pen - glyph.y_offset} : Point{pen + glyph.x_offset, -glyph.y_offset};
      seg.glyphs.push_back(frame::PositionedGlyph{glyph.id, at});
      pen += glyph.advance;
    }
    const std::size_t tb = std::min(it.text.begin, shaped_.text.size());
    const std::size_t te = std::min(std::max(it.text.end, tb), shaped_.text.size());
    seg.text.append(shaped_.text, tb, te - tb);
    seg.clusters.push_back(frame::Cluster{static_cast<std::uint32_t>(te - tb), g_end - it.glyph_begin});
  }
  flush();
  return f;
}

}  // namespace zjgr::compose
