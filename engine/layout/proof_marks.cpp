#include "layout/proof_marks.h"

#include <algorithm>

#include "base/utf8.h"
#include "layout/block.h"

namespace zjgr::layout {
namespace {

frame::Color translucent(frame::Color color, std::uint8_t alpha) {
  color.alpha = alpha;
  return color;
}

// The body style's fonts at a small size in the mark's colour, set flush left.
TextBlock set_mark_text(const std::string& text, Length size, Length width, frame::Color color, const PageGrid& grid,
                        StyleBook& styles, Diagnostics& diagnostics) {
  const ResolvedStyle* body = styles.get(grid.body_style, diagnostics);
  if (body == nullptr) return {};
  model::Style small;
  ResolvedStyle style = resized(*body, size, small);
  small.leading = size * 1.2;
  style.paragraph.tracking = Length();
  style.paragraph.indent = Length();
  style.paragraph.align = compose::Align::Left;
  style.paragraph.color = color;
  const StyleBook::StatsPause proof_text(styles);  // the proof's own words are not the issue's
  return set_text(text, style, width, false, LineRole::Proof, styles, diagnostics, {});
}

}  // namespace

void mark_band(frame::Frame& marks, Rect rect, frame::Color color) {
  marks.push(rect.origin, frame::BoxItem{rect.size, translucent(color, 56), std::nullopt, Length()});
}

void mark_outline(frame::Frame& marks, Rect rect, frame::Color color) {
  marks.push(rect.origin, frame::BoxItem{rect.size, std::nullopt, color, Length::pt(1.5)});
}

void mark_label(frame::Frame& marks, Point at, Corner corner, const std::string& text, frame::Color color,
                const PageGrid& grid, StyleBook& styles, Diagnostics& diagnostics) {
  const Length size = Length::pt(7);
  // Wide enough for the label on one line (a label is a few characters).
  TextBlock block = set_mark_text(text, size, size * static_cast<std::int64_t>(count_chars(text) + 2), color, grid,
                                  styles, diagnostics);
  if (block.records.empty()) return;
  const Length pad = Length::pt(1.5);
  const Length width = block.records.front().natural + pad * 2;
  const Length height = block.frame.size.height + pad * 2;
  const Point top_left{at.x - width, corner == Corner::TopRight ? at.y : at.y - height};
  marks.push(top_left, frame::BoxItem{{width, height}, frame::Color{255, 255, 255, 200}, color, Length::pt(0.5)});
  marks.push_frame({top_left.x + pad, top_left.y + pad}, std::move(block.frame));
}

void mark_note(frame::Frame& marks, Point at, Length width, const std::string& text, int max_lines,
               frame::Color color, const PageGrid& grid, StyleBook& styles, Diagnostics& diagnostics) {
  const Length size = Length::pt(6);
  const int per_line = std::max(1, static_cast<int>(width.raw() / size.raw()));
  std::string shown = text;
  if (count_chars(text) > per_line * max_lines) {
    // Cut at a code point: the note only has to show where the copy went on.
    std::u32string cut = to_u32(text);
    cut.resize(static_cast<std::size_t>(per_line * max_lines - 1));
    shown = to_utf8(cut) + "…";
  }
  TextBlock block = set_mark_text(shown, size, width, color, grid, styles, diagnostics);
  if (block.records.empty()) return;
  const Length pad = Length::pt(2);
  marks.push(at, frame::BoxItem{{width + pad * 2, block.frame.size.height + pad * 2}, frame::Color{255, 255, 255, 220},
                                color, Length::pt(0.5)});
  marks.push_frame({at.x + pad, at.y + pad}, std::move(block.frame));
}

}  // namespace zjgr::layout
