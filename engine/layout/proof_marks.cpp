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

std::string overset_label(int column_lines, int chars) {
  return "超 " + std::to_string(column_lines) + " 行 / " + std::to_string(chars) + " 字";
}

std::string empty_label(const std::vector<int>& rows_per_column) {
  if (rows_per_column.empty()) return "";
  const auto columns = static_cast<int>(rows_per_column.size());
  const int first = rows_per_column.front();
  int total = 0;
  for (int rows : rows_per_column) total += rows;
  if (columns == 1) return "空 " + std::to_string(first) + " 行";
  if (total == first * columns) return "空 " + std::to_string(first) + " 行 × " + std::to_string(columns) + " 栏";
  return "空 " + std::to_string(total) + " 行（约 " + std::to_string((total + columns - 1) / columns) + " 行 × " +
         std::to_string(columns) + " 栏）";
}

namespace {

// A note's box: its text at 6 pt in `width`, at most as tall as its area, on a white ground.
frame::Frame note_frame(const MarginNote& note, Length width, const PageGrid& grid, StyleBook& styles,
                        Diagnostics& diagnostics) {
  const Length size = Length::pt(6), pad = Length::pt(2);
  const int per_line = std::max(1, static_cast<int>(width.raw() / size.raw()));
  const int max_lines = std::max(4, static_cast<int>(note.area.size.height.raw() / (size * 1.2).raw()));
  std::string shown = note.text;
  if (count_chars(shown) > per_line * max_lines) {
    // Cut at a code point: the note only has to show where the copy went on.
    std::u32string cut = to_u32(shown);
    cut.resize(static_cast<std::size_t>(per_line * max_lines - 1));
    shown = to_utf8(cut) + "…";
  }
  TextBlock block = set_mark_text(shown, size, width, note.color, grid, styles, diagnostics);
  frame::Frame box;
  if (block.records.empty()) return box;
  box.size = {width + pad * 2, block.frame.size.height + pad * 2};
  box.push({}, frame::BoxItem{box.size, frame::Color{255, 255, 255, 220}, note.color, Length::pt(0.5)});
  box.push_frame({pad, pad}, std::move(block.frame));
  return box;
}

}  // namespace

void place_margin_notes(frame::Frame& marks, std::vector<MarginNote> notes, Length page_width, const PageGrid& grid,
                        StyleBook& styles, Diagnostics& diagnostics) {
  const Rect& type = grid.type_area;
  const Length gap = Length::pt(3), pad = Length::pt(2), thin = Length::pt(0.5);
  // Top to bottom, so that a note pushed down by the one above keeps the order of the areas.
  std::stable_sort(notes.begin(), notes.end(),
                   [](const MarginNote& a, const MarginNote& b) { return a.area.top() < b.area.top(); });
  Length free_left = Length(), free_right = Length();  // the first free y in each margin
  for (const MarginNote& note : notes) {
    const bool on_right = note.area.left() + note.area.right() > type.left() * 2 + type.size.width;
    const Length margin = on_right ? page_width - type.right() : type.left();
    const Length width = margin - gap * 2 - pad * 2;
    if (width < Length::pt(18)) continue;  // no room for a readable note
    frame::Frame box = note_frame(note, width, grid, styles, diagnostics);
    if (box.items.empty()) continue;
    // The leader's level: the middle of the leading above the area's first row.
    const Length lead_y = note.area.top() - (grid.pitch - grid.body_size) / 2;
    Length& free = on_right ? free_right : free_left;
    const Length top = std::max(lead_y - Length::pt(4), free);
    const Length note_x = on_right ? type.right() + gap : gap;
    const Length box_height = box.size.height;
    marks.push_frame({note_x, top}, std::move(box));
    free = top + box_height + Length::pt(2);
    // The hairline: along the leading from the area's side to the margin, then down the margin
    // to the note when it was pushed below that level.
    const Length area_x = on_right ? note.area.right() : note.area.left();
    const Length bend_x = on_right ? type.right() + gap / 2 : type.left() - gap / 2;
    const Length note_edge = on_right ? note_x : note_x + width + pad * 2;
    const Length join_y = std::max(lead_y, top + Length::pt(4));
    marks.push({area_x, lead_y}, frame::RuleItem{{bend_x - area_x, Length()}, thin, note.color});
    if (join_y > lead_y) marks.push({bend_x, lead_y}, frame::RuleItem{{Length(), join_y - lead_y}, thin, note.color});
    marks.push({bend_x, join_y}, frame::RuleItem{{note_edge - bend_x, Length()}, thin, note.color});
  }
}

}  // namespace zjgr::layout
