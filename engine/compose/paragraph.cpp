// Paragraph: the compose stage's driver. Build items once; break at given widths (Knuth–Plass,
// or balanced for headlines); describe each line; set a line into a Frame.
#include "compose/paragraph.h"

#include <cmath>
#include <cstdio>
#include <utility>

namespace zjgr::compose {
namespace {

std::string fmt_pt(Length l) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2fpt", l.to_pt());
  return buf;
}

/// x of every item of `line` (index i - first_item) and of its end, with the glue set.
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
  const Length total = by_stretch ? m.stretch : m.shrink;
  const Length set_width = m.natural + diff;
  Length x;
  if (!justify || diff == Length()) {
    if (align == Align::Center) x = (line.width - set_width) / 2;
    else if (align == Align::Right) x = line.width - set_width;
  }
  if (x < Length() && align != Align::Right) x = Length();
  std::vector<Length> xs;
  xs.reserve(end - first + 1);
  // Glue adjustments are placed by rounding the cumulative share, so the line ends exactly
  // at natural + diff however the sp round.
  long double cum = 0;
  Length applied;
  for (std::size_t i = first; i < end; ++i) {
    xs.push_back(x);
    const Item& it = items[i];
    if (it.is_box()) {
      x += it.width;
    } else if (it.is_glue()) {
      x += it.width;
      const Length part = it.stretch_order > 0 ? Length() : (by_stretch ? it.stretch : it.shrink);
      if (part > Length() && total > Length() && diff != Length()) {
        cum += static_cast<long double>(part.raw());
        const auto target = static_cast<std::int64_t>(std::llround(
            static_cast<long double>(diff.raw()) * cum / static_cast<long double>(total.raw())));
        x += Length::sp(target) - applied;
        applied = Length::sp(target);
      }
    }
  }
  xs.push_back(x);
  return xs;
}

}  // namespace

Paragraph::Paragraph(text::ShapedText shaped, const ParagraphStyle& style)
    : shaped_(std::move(shaped)), style_(style), items_(build_items(shaped_, style_)) {}

BreakParams Paragraph::params() const {
  BreakParams p;
  // Ragged alignments: TeX's \rightskip 0pt plus 2em, so lines need not fill the measure.
  if (style_.align != Align::Justify) p.ragged_stretch = style_.size * std::int64_t{2};
  return p;
}

std::vector<Line> Paragraph::break_lines(const LineWidths& widths, Diagnostics& diagnostics, const SourceRef& where) const {
  const std::vector<Break> breaks = compose::break_lines(items_, widths, params());
  return make_lines(breaks, widths, style_.align != Align::Justify, diagnostics, where);
}

std::vector<Line> Paragraph::break_balanced(Length measure, Diagnostics& diagnostics, const SourceRef& where) const {
  // Blink's balancing: find the fewest lines at the full measure, then the narrowest width
  // that still gives that many lines without an overfull line; break there.
  const auto run = [&](Length w) {
    BreakParams p;
    p.ragged_stretch = w;  // any shortfall is fine: the count and the penalties decide
    return compose::break_lines(items_, LineWidths::uniform(w), p);
  };
  const auto ok = [](const std::vector<Break>& b, std::size_t n) {
    if (b.size() > n) return false;
    for (const Break& x : b) {
      if (x.overfull) return false;
    }
    return true;
  };
  std::vector<Break> best = run(measure);
  const std::size_t n = best.size();
  if (n > 1 && ok(best, n)) {
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
    // What decided the break.
    const std::size_t next = line_start_after(items_, line.end_item);
    if (line.last) {
      line.ended_by = "paragraph-end";
    } else if (breaks[i].overfull || r < -1.0) {
      line.ended_by = "overfull";
    } else if (!ragged && r > BreakParams{}.max_ratio) {
      line.ended_by = "underfull";
    } else {
      line.ended_by = "optimal";
      if (next < items_.size() && items_[next].is_box()) {
        // Would one more unit have fitted? Then the rule keeping it off this line decided.
        Length more = items_[next].width;
        std::size_t after = next + 1;
        if (after < items_.size() && items_[after].is_penalty() && items_[after].penalty >= kInfPenalty &&
            items_[after].rule != Rule::ParagraphEnd) {
          const bool fits = m.natural + more - m.shrink <= line.width;
          if (fits) line.ended_by = to_string(items_[after].rule);
        } else if (items_[next].cls == text::CharClass::OpeningMark &&
                   m.natural + more - m.shrink <= line.width) {
          line.ended_by = "kinsoku-line-end";
        }
      }
    }
    // Reports, worded as TeX reports boxes.
    SourceRef at = where;
    at.chars = line.text;
    if (r < -1.0 && m.natural - m.shrink > line.width) {
      diagnostics.warning("overfull-line", "line is " + fmt_pt(m.natural - m.shrink - line.width) + " too wide", at);
    } else if (!ragged && !line.last && r > BreakParams{}.max_ratio) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "line is loosely spaced (adjustment ratio %.2f)", r > 1e8 ? 1e9 : r);
      diagnostics.warning("underfull-line", buf, at);
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

frame::Frame Paragraph::line_frame(const Line& line) const {
  frame::Frame f;
  f.size = Size{line.width, style_.size};
  const std::vector<Length> xs = place_items(items_, line, style_.align);
  // One GlyphRunItem per stretch of boxes from the same glyph run.
  std::optional<std::uint32_t> run;
  frame::GlyphRunItem seg;
  Length seg_x;
  const auto flush = [&]() {
    if (run && !seg.glyphs.empty()) f.push(Point{seg_x, Length()}, std::move(seg));
    seg = frame::GlyphRunItem{};
    run.reset();
  };
  for (std::size_t i = line.first_item; i < line.end_item && i < items_.size(); ++i) {
    const Item& it = items_[i];
    if (!it.is_box() || !it.has_glyphs() || it.run >= shaped_.runs.size()) continue;
    const text::GlyphRun& gr = shaped_.runs[it.run];
    if (!run || *run != it.run) {
      flush();
      run = it.run;
      seg_x = xs[i - line.first_item];
      seg.font = gr.font;
      seg.size = gr.size;
      seg.color = style_.color;
    }
    Length pen = xs[i - line.first_item] + it.draw_offset - seg_x;
    const std::uint32_t g_end = std::min<std::uint32_t>(it.glyph_end, static_cast<std::uint32_t>(gr.glyphs.size()));
    for (std::uint32_t g = it.glyph_begin; g < g_end; ++g) {
      const text::Glyph& glyph = gr.glyphs[g];
      seg.glyphs.push_back(frame::PositionedGlyph{glyph.id, Point{pen + glyph.x_offset, -glyph.y_offset}});
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
