#include "layout/area.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <span>

#include "layout/flow.h"
#include "layout/photo.h"
#include "layout/proof_marks.h"
#include "layout/vertical.h"

namespace zjgr::layout {
namespace {

/// The body columns of an area, x from the area's left edge.
struct Columns {
  int count = 1;
  Length measure;
  std::vector<Length> x;
};

Columns article_columns(const PageGrid& grid, int span, int requested) {
  Columns c;
  c.count = std::clamp(requested, 1, std::max(1, span * 4));
  if (c.count == span) {
    c.measure = grid.measure;
    for (int k = 0; k < span; ++k) c.x.push_back((grid.measure + grid.gutter) * static_cast<std::int64_t>(k));
    return c;
  }
  // 破栏: whole body characters per column (P1), gutters absorbing the rest.
  const Length width = grid.span_width(span);
  const auto n = static_cast<std::int64_t>(c.count);
  const Length share = (width - grid.gutter * (n - 1)) / n;
  c.measure = grid.body_size * static_cast<std::int64_t>(std::max(1, grid.characters_in(share)));
  const Length gutter = n > 1 ? (width - c.measure * n) / (n - 1) : Length();
  for (std::int64_t k = 0; k < n; ++k) c.x.push_back((c.measure + gutter) * k);
  return c;
}

/// Columns of a given measure that fit in `span` grid columns (a continuation keeps the measure
/// its lines were broken at).
Columns columns_of_measure(const PageGrid& grid, int span, Length measure) {
  const Length width = grid.span_width(span);
  const int count = std::max(1, static_cast<int>((width + grid.gutter).raw() / (measure + grid.gutter).raw()));
  Columns c;
  c.count = count;
  c.measure = measure;
  const Length gutter = count > 1 ? (width - measure * static_cast<std::int64_t>(count)) / (count - 1) : Length();
  for (int k = 0; k < count; ++k) c.x.push_back((measure + gutter) * static_cast<std::int64_t>(k));
  return c;
}

/// The body's columns inside an area and what stands in them. Rows count from the area's top.
struct Body {
  Columns columns;
  int top = 0;                                            ///< first row below the headline group
  std::vector<int> tops;                                  ///< per column: first row free for text
  std::vector<std::vector<std::pair<int, int>>> blocked;  ///< per column: rows [from, to) photos take
  int min_rows = 0;                                       ///< the area reaches at least this row
};

// Every set piece goes into the area through these two: its frame at `at` and its records moved
// by the same offset, so that the dump is derived from where the frame went.
void put_line(AreaResult& area, Point at, frame::Frame frame, LineRecord record, int column) {
  if (!record.text.empty()) {
    record.column = column;
    record.x += at.x;
    record.y += at.y;
    area.lines.push_back(std::move(record));
  }
  area.frame.push_frame(at, std::move(frame));
}

void put(AreaResult& area, Point at, frame::Frame frame, std::vector<LineRecord> records, int column) {
  for (auto& r : records) {
    r.column = column;
    r.x += at.x;
    r.y += at.y;
    area.lines.push_back(std::move(r));
  }
  area.frame.push_frame(at, std::move(frame));
}


/// The headline group `rows` rows taller, its text moved down by half of them (白 above and below).
void add_head_rows(HeadBlock& head, int rows, const PageGrid& grid) {
  const Length shift = rows_height(grid, rows) / 2;
  frame::Frame taller;
  taller.size = {head.frame.size.width, head.frame.size.height + rows_height(grid, rows)};
  taller.push_frame({Length(), shift}, std::move(head.frame));
  head.frame = std::move(taller);
  for (auto& r : head.records) r.y += shift;
  head.lines += rows;
}

/// Photos at the top of the body in their columns, or at a given body row with the text flowing
/// above and below them (the columns beside are untouched).
void place_photos(const AreaSpec& spec, const model::Article& article, Body& body, AreaContext& c,
                  AreaResult& area) {
  const Columns& columns = body.columns;
  for (const auto& block : article.body) {
    const auto* photo = std::get_if<model::Photo>(&block);
    if (photo == nullptr) continue;
    const int first = std::clamp(photo->column.value_or(1), 1, columns.count) - 1;
    const int span = std::clamp(photo->span > 0 ? photo->span : columns.count, 1, columns.count - first);
    const auto first_u = static_cast<std::size_t>(first);
    const Length width = columns.x[first_u + static_cast<std::size_t>(span - 1)] + columns.measure - columns.x[first_u];
    model::Photo cropped = *photo;
    if (spec.photo_aspect) {
      cropped.fit = model::PhotoFit::Crop;
      cropped.aspect = spec.photo_aspect;
    }
    PhotoBlock placed = photo_block(cropped, width, c.grid, c.styles, c.diagnostics);
    if (placed.refused) continue;  // reported by photo_block
    if (spec.tuning.photo_rows != 0 && placed.image.height > Length()) {
      // Copyfitting: the picture whole rows shorter or taller, cropped from its centre, within
      // the policy's aspect range (the caption and the air below stay).
      const Length height = placed.image.height + rows_height(c.grid, spec.tuning.photo_rows);
      if (height > Length()) {
        cropped.fit = model::PhotoFit::Crop;
        cropped.aspect = std::clamp(width / height, spec.tuning.min_photo_aspect, spec.tuning.max_photo_aspect);
        placed = photo_block(cropped, width, c.grid, c.styles, c.diagnostics);
        if (placed.refused) continue;
      }
    }
    int top = 0;
    if (photo->line) {
      top = body.top + *photo->line;
      for (int k = first; k < first + span; ++k) body.blocked[static_cast<std::size_t>(k)].push_back({top, top + placed.lines});
    } else {
      for (int k = first; k < first + span; ++k) top = std::max(top, body.tops[static_cast<std::size_t>(k)]);
      for (int k = first; k < first + span; ++k) body.tops[static_cast<std::size_t>(k)] = top + placed.lines;
    }
    body.min_rows = std::max(body.min_rows, top + placed.lines);
    const Point origin{columns.x[first_u], rows_height(c.grid, top)};
    area.photos.push_back(photo_report(spec.page, article.id, *photo, placed,
                                       Rect{origin, {width, rows_height(c.grid, placed.lines)}}, c.diagnostics));
    put(area, origin, std::move(placed.frame), std::move(placed.records), first + 1);
  }
}

/// Runs of more than two empty rows in each body column, merged across neighbouring columns that
/// have the same run. `filled[k][r]`: row r of column k holds something.
std::vector<Hole> find_holes(const std::vector<std::vector<bool>>& filled, const AreaSpec& spec,
                             const std::string& article) {
  std::vector<Hole> holes;
  for (std::size_t k = 0; k < filled.size(); ++k) {
    const auto& column = filled[k];
    for (std::size_t r = 0; r < column.size();) {
      if (column[r]) {
        ++r;
        continue;
      }
      std::size_t end = r;
      while (end < column.size() && !column[end]) ++end;
      const int from = spec.row + static_cast<int>(r), rows = static_cast<int>(end - r);
      if (rows > 2) {
        const int col = static_cast<int>(k) + 1;
        Hole* previous = holes.empty() ? nullptr : &holes.back();
        if (previous != nullptr && previous->last_column == col - 1 && previous->first_row == from &&
            previous->rows == rows) {
          previous->last_column = col;
        } else {
          holes.push_back({spec.page, article, col, col, from, rows});
        }
      }
      r = end;
    }
  }
  return holes;
}

/// Balanced columns (P4): when all the copy fits, the open slots end level — the first columns
/// `depth` rows below the body's top, the others one row less, with as few full columns as
/// still take every item — so the last column is the shortest and no column stands empty while
/// another is full. Overset copy (nothing to balance) leaves the slots as they are.
void balance_columns(std::span<const VItem> items, std::vector<ColumnSlot>& slots, int body_top, int rows,
                     int lines_above) {
  if (items.empty() || flow(items, slots).next_item < items.size()) return;
  const int depth = balanced_depth(items, slots, body_top, 0, rows - body_top, lines_above);
  int columns = 0;
  for (const auto& s : slots) columns = std::max(columns, s.column + 1);
  std::vector<ColumnSlot> trial = slots;
  for (int full = 1; full <= columns; ++full) {
    for (std::size_t k = 0; k < trial.size(); ++k) {
      if (slots[k].open_end) trial[k].end_line = std::min(rows, body_top + (slots[k].column < full ? depth : depth - 1));
    }
    if (flow(items, trial).next_item == items.size()) {
      slots = std::move(trial);
      return;
    }
  }
}

/// Why a column ends short, for the warning.
std::string gap_reason(SlotEnd why) {
  switch (why) {
    case SlotEnd::Widow: return "so that a paragraph's last line does not open the next column alone (孤行, H3)";
    case SlotEnd::Orphan: return "so that a paragraph's first line does not end it alone (孤行, H3)";
    case SlotEnd::Heading: return "so that a subhead stands with the first lines of its text (P5)";
    default: return "because what comes next is taller than the rows left";
  }
}

/// The shaped body paragraph whose lines carry VItem::paragraph `index`, or null.
using ParagraphAt = std::function<const compose::Paragraph*(int index)>;

/// Flows `items` into the body's columns below `head`, sets the head on top, and reports.
/// Column breaking may set a paragraph that `paragraph_at` gives a line longer or shorter, broken
/// as the items were (`squeezed` or not).
void fill_body(const AreaSpec& spec, const model::Article& article, HeadBlock head, std::vector<VItem> items,
               const Body& body, const ParagraphAt& paragraph_at, bool squeezed, AreaContext& c, AreaResult& area) {
  const PageGrid& grid = c.grid;
  const Columns& columns = body.columns;
  const bool jumps = spec.continue_page.has_value();
  const Length area_width = grid.span_width(spec.span);

  // Slots: each column from its top to the area's foot, cut around the photos standing in it.
  std::vector<ColumnSlot> slots;
  for (int k = 0; k < columns.count; ++k) {
    const auto ku = static_cast<std::size_t>(k);
    auto blocked = body.blocked[ku];
    std::sort(blocked.begin(), blocked.end());
    int start = body.tops[ku];
    for (const auto& [from, to] : blocked) {
      if (from > start) slots.push_back({columns.x[ku], columns.measure, start, from, k, false});
      start = std::max(start, to);
    }
    slots.push_back({columns.x[ku], columns.measure, start, 0, k, true});
  }
  // Column breaking: a paragraph set a line longer or shorter where that fills a column that
  // the keeping rules would leave short (each variant broken once, however often it is tried).
  std::map<std::pair<int, int>, std::optional<std::vector<VItem>>> variants;
  const Rebreak rebreak = [&](int index, int looseness) -> std::optional<std::vector<VItem>> {
    auto it = variants.find({index, looseness});
    if (it != variants.end()) return it->second;
    std::optional<std::vector<VItem>> variant;
    if (const compose::Paragraph* paragraph = paragraph_at(index)) {
      const auto lines =
          paragraph->break_lines_loosened(compose::LineWidths::uniform(columns.measure), looseness, squeezed);
      if (!lines.empty()) variant = paragraph_items(*paragraph, lines, index, article.id, grid, columns.measure);
    }
    return variants.emplace(std::pair{index, looseness}, std::move(variant)).first->second;
  };
  // Beside a vertical headline strip the columns start above the body's top: the search for the
  // balanced depth starts lower by what they hold there.
  int lines_above = 0;
  if (spec.headline_vertical) {
    for (const auto& s : slots) lines_above += s.open_end ? std::max(0, body.top - s.first_line) : 0;
  }
  // Copy that fits beside the strip stays beside it, the columns ending level (nothing under the
  // strip): the area is as tall as the strip.
  std::optional<int> beside;
  if (spec.headline_vertical && !spec.rows && !jumps && !items.empty()) {
    std::vector<ColumnSlot> trial = slots;
    for (int depth = 1; depth <= std::min(body.top, spec.max_rows) && !beside; ++depth) {
      for (auto& t : trial) {
        if (t.open_end) t.end_line = std::max(t.first_line, std::min(depth, body.top));
      }
      if (flow(items, trial).next_item == items.size()) beside = depth;
    }
  }
  const int rows = spec.rows ? std::min(*spec.rows, spec.max_rows)
                   : beside  ? std::min(body.top, spec.max_rows)
                             : body.top + balanced_depth(items, slots, body.top, body.min_rows - body.top,
                                                         spec.max_rows - body.top, lines_above);
  for (auto& s : slots) {
    if (s.open_end) s.end_line = beside ? std::max(s.first_line, *beside) : rows;
  }
  // A jump keeps the last row of the last column for （下转第N版）.
  if (jumps) slots.back().end_line -= 1;
  // What the area holds, before balancing moves the columns' ends up.
  int capacity = 0;
  for (const auto& s : slots) capacity += std::max(0, s.end_line - s.first_line);
  if (!jumps && !article.sequential_columns && !beside) balance_columns(items, slots, body.top, rows, lines_above);
  // What the column breaking cannot settle is reported.
  const std::vector<ColumnGap> gaps = settle_columns(items, slots, rebreak);
  for (const ColumnGap& gap : gaps) {
    if (gap.rows > 2) continue;  // a hole, reported below
    c.diagnostics.warning("column-short",
                          "article \"" + article.id + "\": column " + std::to_string(slots[gap.slot].column + 1) +
                              " of its body ends " + counted(gap.rows, "row") + " short " + gap_reason(gap.why),
                          spec.where, {"add or cut a line of copy in that column"});
  }
  FlowResult flowed = flow(items, slots);
  for (const Placed& p : flowed.placed) {
    VItem& item = items[p.item];
    const ColumnSlot& slot = slots[static_cast<std::size_t>(p.slot)];
    put_line(area, {slot.x, rows_height(grid, p.line)}, std::move(item.frame), std::move(item.record), slot.column + 1);
  }
  // The head goes on top once the area's size is known.
  put(area, {}, std::move(head.frame), std::move(head.records), 0);

  // Column rules: a hairline in each gutter of the body, when the layout asks for them.
  if (c.column_rules) {
    for (int k = 1; k < columns.count; ++k) {
      const auto ku = static_cast<std::size_t>(k);
      const Length x = (columns.x[ku - 1] + columns.measure + columns.x[ku]) / 2;
      const int top = std::min(body.tops[ku - 1], body.tops[ku]);
      area.frame.push({x, rows_height(grid, top)},
                      frame::RuleItem{{Length(), rows_height(grid, rows - top) - (grid.pitch - grid.body_size)},
                                      Length::pt(0.25), frame::Color::black()});
    }
  }

  AreaReport& report = area.report;
  describe_area(report, spec, article.id, rows, columns.count, columns.measure);
  // What each column holds, row by row, for the holes.
  std::vector<std::vector<bool>> filled(static_cast<std::size_t>(columns.count),
                                        std::vector<bool>(static_cast<std::size_t>(std::max(rows, 0)), false));
  const auto fill_rows = [&](int column, int from, int to) {
    auto& col = filled[static_cast<std::size_t>(column)];
    for (int r = std::max(from, 0); r < std::min(to, rows); ++r) col[static_cast<std::size_t>(r)] = true;
  };
  for (int k = 0; k < columns.count; ++k) {
    fill_rows(k, 0, body.tops[static_cast<std::size_t>(k)]);
    for (const auto& [from, to] : body.blocked[static_cast<std::size_t>(k)]) fill_rows(k, from, to);
  }
  report.capacity_column_lines = capacity;
  for (std::size_t k = 0; k < slots.size(); ++k) {
    report.used_column_lines += flowed.lines_used[k];
    fill_rows(slots[k].column, slots[k].first_line, slots[k].first_line + flowed.lines_used[k]);
  }

  frame::Frame marks;  // proof-only
  const Rect whole{{}, {area_width, rows_height(grid, rows)}};
  std::vector<VItem> rest(std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(flowed.next_item)),
                          std::make_move_iterator(items.end()));
  if (jumps && !rest.empty()) {
    const ColumnSlot& last = slots.back();
    VItem note = text_item("（下转第" + std::to_string(*spec.continue_page) + "版）", "jump", compose::Align::Right, 1,
                           grid, columns.measure, LineRole::Jump, c.styles, c.diagnostics, spec.where);
    put_line(area, {last.x, rows_height(grid, rows - 1)}, std::move(note.frame), std::move(note.record), last.column + 1);
    fill_rows(last.column, rows - 1, rows);
    report.continue_page = *spec.continue_page;
    JumpedCopy jumped;
    jumped.measure = columns.measure;
    jumped.from_page = spec.page;
    jumped.squeezed = squeezed;
    for (const auto& item : rest) {
      report.jumped_column_lines += item.lines;
      if (item.kind != VItem::Kind::Line || item.line_in_paragraph != 0) continue;
      if (const compose::Paragraph* paragraph = paragraph_at(item.paragraph)) {
        jumped.paragraphs.emplace(item.paragraph, *paragraph);
      }
    }
    jumped.items = std::move(rest);
    area.rest = std::move(jumped);
  } else if (!rest.empty()) {
    for (const auto& item : rest) {
      if (report.overset_from_paragraph == 0 && item.paragraph >= 0) report.overset_from_paragraph = item.paragraph + 1;
      report.overset_column_lines += item.lines;
      report.overset_chars += item.chars;
      if (!report.overset_text.empty() && item.kind == VItem::Kind::Line && item.line_in_paragraph == 0) {
        report.overset_text += "\n";  // a new paragraph
      }
      report.overset_text += item.record.text;
    }
    c.diagnostics.warning("overset",
                          "article \"" + article.id + "\" does not fit its area: " +
                              counted(report.overset_column_lines, "column-line") + " (" +
                              counted(report.overset_chars, "character") + ") left over",
                          spec.where, {"give the area more rows or columns, or cut the copy"});
    // The proof shows where the text stops: the area outlined, its last line banded, and the
    // count at the foot of the area, inside it (the copy itself is in the margin note).
    const ColumnSlot& last = slots.back();
    mark_outline(marks, whole, kOversetMark);
    mark_band(marks, Rect{{last.x, rows_height(grid, std::max(last.first_line, last.end_line - 1))},
                          {columns.measure, grid.pitch}},
              kOversetMark);
    mark_label(marks, {area_width, whole.size.height}, Corner::BottomRight,
               overset_label(report.overset_column_lines, report.overset_chars), kOversetMark, grid, c.styles,
               c.diagnostics);
  }
  // A photo (with its caption) taller than a fixed area is drawn on below its foot, over the
  // area under it: said, counted and outlined, and copyfitting crops it when it may.
  if (spec.rows && body.min_rows > rows) {
    report.photo_overflow_rows = body.min_rows - rows;
    c.diagnostics.warning("photo-overflow",
                          "article \"" + article.id + "\": its photo reaches " +
                              counted(report.photo_overflow_rows, "row") + " below the foot of its area (" +
                              counted(rows, "row") + ")",
                          spec.where, {"give the area more rows, or the photo fewer columns or a wider crop"});
    const Rect below{{Length(), whole.bottom()}, {area_width, rows_height(grid, report.photo_overflow_rows)}};
    mark_outline(marks, whole, kOversetMark);
    mark_band(marks, below, kOversetMark);
    mark_label(marks, {below.right(), below.bottom()}, Corner::BottomRight,
               "图超 " + std::to_string(report.photo_overflow_rows) + " 行", kOversetMark, grid, c.styles, c.diagnostics);
  }
  report.holes = find_holes(filled, spec, article.id);
  const auto at_foot = [&](const Hole& hole) { return hole.first_row + hole.rows == spec.row + rows; };
  // Underset: empty column-lines at the foot of a fixed-height area's columns. Fewer than one
  // per column is the short last column that balanced columns have by design (P4): reported in
  // the figures, not warned about. The holes at the foot are the underset's: its warning and its
  // marks say them, once.
  bool underset_warned = false;
  if (spec.rows && report.overset_column_lines == 0 && report.jumped_column_lines == 0) {
    report.underset_column_lines = report.capacity_column_lines - report.used_column_lines;
    underset_warned = report.underset_column_lines >= columns.count;
  }
  if (underset_warned) {
    std::string holes_text;
    for (const Hole& hole : report.holes) {
      if (at_foot(hole)) holes_text += (holes_text.empty() ? ": " : "; ") + hole_text(hole);
    }
    c.diagnostics.warning("underset",
                          "article \"" + article.id + "\" leaves " + counted(report.underset_column_lines, "column-line") +
                              " empty at the foot of its " +
                              (columns.count == 1 ? std::string("column") : counted(columns.count, "column")) +
                              " (about " +
                              counted((report.underset_column_lines + columns.count - 1) / columns.count, "row") +
                              " of the area's " + std::to_string(rows) + ")" + holes_text,
                          spec.where, {"give the area fewer rows, or add copy"});
    // Each column's empty foot banded; the label at the foot of the emptiest (the last of equals).
    std::vector<int> empty_rows;
    std::optional<Rect> emptiest;
    for (std::size_t k = 0; k < slots.size(); ++k) {
      const int from = slots[k].first_line + flowed.lines_used[k];
      if (!slots[k].open_end || from >= rows) continue;
      const Rect band{{slots[k].x, rows_height(grid, from)}, {columns.measure, rows_height(grid, rows - from)}};
      mark_band(marks, band, kEmptyMark);
      empty_rows.push_back(rows - from);
      if (!emptiest || band.size.height >= emptiest->size.height) emptiest = band;
    }
    if (emptiest) {
      mark_label(marks, {emptiest->right(), emptiest->bottom()}, Corner::BottomRight, empty_label(empty_rows),
                 kEmptyMark, grid, c.styles, c.diagnostics);
    }
  }
  for (const Hole& hole : report.holes) {
    if (underset_warned && at_foot(hole)) continue;
    c.diagnostics.warning("hole", "article \"" + article.id + "\" has a hole in its body: " + hole_text(hole),
                          spec.where, {"balance the columns, give the area fewer rows, or add copy"});
    const auto first = static_cast<std::size_t>(hole.first_column - 1), last = static_cast<std::size_t>(hole.last_column - 1);
    const Rect band{{columns.x[first], rows_height(grid, hole.first_row - spec.row)},
                    {columns.x[last] + columns.measure - columns.x[first], rows_height(grid, hole.rows)}};
    mark_band(marks, band, kEmptyMark);
    mark_label(marks, {band.right(), band.bottom()}, Corner::BottomRight,
               empty_label(std::vector<int>(static_cast<std::size_t>(hole.last_column - hole.first_column + 1), hole.rows)),
               kEmptyMark, grid, c.styles, c.diagnostics);
  }

  if (article.shade) {
    // 底纹: the tint goes under everything the area drew, half a character beyond its edges.
    const Length pad = grid.body_size * 0.5;
    frame::BoxItem tint{{area_width + pad * 2, whole.size.height + pad}, parse_color(*article.shade), std::nullopt,
                        Length()};
    area.frame.items.insert(area.frame.items.begin(), {Point{-pad, -pad}, frame::FrameItem{tint}});
  }
  if (article.box) {
    const Length pad = grid.body_size * 0.5;
    area.frame.push({-pad, -pad}, frame::BoxItem{{area_width + pad * 2, whole.size.height + pad}, std::nullopt,
                                                 frame::Color::black(), Length::pt(0.5)});
  }
  if (!marks.items.empty()) area.frame.push_proof_frame({}, std::move(marks));
  area.frame.size = whole.size;
}

Body start_body(const Columns& columns, int head_rows) {
  Body body;
  body.columns = columns;
  body.top = head_rows;
  body.tops.assign(static_cast<std::size_t>(columns.count), head_rows);
  body.blocked.resize(static_cast<std::size_t>(columns.count));
  return body;
}

}  // namespace

void describe_area(AreaReport& report, const AreaSpec& spec, const std::string& article, int rows, int columns,
                   Length measure) {
  report.page = spec.page;
  report.article = article;
  report.column = spec.column + 1;
  report.span = spec.span;
  report.row = spec.row;
  report.rows = rows;
  report.columns = columns;
  report.measure = measure;
  report.where = spec.where;
}

std::string columns_text(int first, int last) {
  return (first == last ? "column " : "columns ") + span_text(first, last);
}

std::string hole_text(const Hole& hole) {
  return counted(hole.rows, "row") + " in " + columns_text(hole.first_column, hole.last_column) + " (page rows " +
         span_text(hole.first_row, hole.first_row + hole.rows - 1) + ")";
}

ArticleCopy shape_copy(const model::Article& article, const PageGrid& grid, StyleBook& styles,
                       Diagnostics& diagnostics) {
  ArticleCopy copy;
  copy.article = &article;
  copy.paragraphs.resize(article.body.size());
  const ResolvedStyle* body = styles.get(grid.body_style, diagnostics, article.where);
  if (body == nullptr) return copy;
  for (std::size_t b = 0; b < article.body.size(); ++b) {
    if (const auto* p = std::get_if<model::Paragraph>(&article.body[b])) {
      // Shaped once for the page, which keeps the copy: nothing for a PageMemo to remember.
      copy.paragraphs[b].emplace(styles.paragraph(p->text, *body, diagnostics, p->where, false, false));
    }
  }
  return copy;
}

namespace {

/// `make(reports)`, or its copy from `cache` when an earlier setting made it; what it reported is
/// passed on to `diagnostics` either way.
template <class Key, class Value, class Make>
Value made_once(std::map<Key, TrialCache::Made<Value>>* cache, const Key& key, Diagnostics& diagnostics,
                const Make& make) {
  if (cache == nullptr) return make(diagnostics);
  auto it = cache->find(key);
  if (it == cache->end()) {
    TrialCache::Made<Value> made;
    made.value = make(made.reports);
    it = cache->emplace(key, std::move(made)).first;
  }
  diagnostics.add_all(it->second.reports);
  return it->second.value;
}

}  // namespace

AreaResult set_area(const AreaSpec& spec, const ArticleCopy& copy, AreaContext& context) {
  const model::Article& article = *copy.article;
  if (spec.vertical) return set_vertical_area(spec, article, context);
  const PageGrid& grid = context.grid;
  AreaResult area;
  if (!article.headline.empty()) area.frame.push({}, frame::MarkItem{article.headline, 2});

  // The headline group spans the area, or head_span columns at its left with the body beside it,
  // or stands 竖排 in a strip of headline_columns at one side with the body beside and below it.
  // The head occupies [head_left, head_right) across and its rows down; columns clear of it
  // start at the top.
  Length head_left, head_right;
  HeadBlock head;
  if (spec.headline_vertical) {
    const Length area_width = grid.span_width(spec.span);
    const Length strip = grid.span_width(std::clamp(spec.headline_columns, 1, spec.span));
    head_left = spec.headline_left ? Length() : area_width - strip;
    head_right = head_left + strip;
    // Made once for copyfitting's trials, as the horizontal group is (an area's trials are all
    // strips or all horizontal groups, so the same key serves).
    const std::pair<std::int64_t, std::int64_t> head_key{strip.raw(), spec.tuning.headline_size.value_or(Length()).raw()};
    head = made_once(context.trials ? &context.trials->heads : nullptr, head_key, context.diagnostics,
                     [&](Diagnostics& reports) {
                       return vertical_headline_group(
                           article, grid, strip, rows_height(grid, std::min(spec.rows.value_or(spec.max_rows), spec.max_rows)),
                           spec.headline_style, context.styles, reports, spec.tuning.headline_size);
                     });
    // The strip's frame and records moved to its side of the area.
    frame::Frame placed;
    placed.size = {area_width, head.frame.size.height};
    for (auto& r : head.records) r.x += head_left;
    placed.push_frame({head_left, Length()}, std::move(head.frame));
    head.frame = std::move(placed);
    area.report.vertical_headline = true;
  } else {
    const int head_span = spec.head_span > 0 ? std::clamp(spec.head_span, 1, spec.span) : spec.span;
    head_right = grid.span_width(head_span);
    const std::pair<std::int64_t, std::int64_t> head_key{head_right.raw(),
                                                         spec.tuning.headline_size.value_or(Length()).raw()};
    head = made_once(context.trials ? &context.trials->heads : nullptr, head_key, context.diagnostics,
                     [&](Diagnostics& reports) {
                       return headline_group(article, grid, head_right, spec.headline_style, context.styles,
                                             reports, spec.tuning.headline_size);
                     });
  }
  if (spec.tuning.head_rows > 0 && head.lines > 0) add_head_rows(head, spec.tuning.head_rows, grid);
  Body body = start_body(article_columns(grid, spec.span, article.columns.value_or(spec.span)), head.lines);
  if (spec.headline_vertical) body.min_rows = head.lines;  // an open area is at least as tall as its strip
  for (int k = 0; k < body.columns.count; ++k) {
    const Length x = body.columns.x[static_cast<std::size_t>(k)];
    if (x >= head_right || x + body.columns.measure <= head_left) body.tops[static_cast<std::size_t>(k)] = 0;
  }
  place_photos(spec, article, body, context, area);
  const std::pair<std::int64_t, bool> body_key{body.columns.measure.raw(), spec.tuning.squeeze};
  std::vector<VItem> items =
      made_once(context.trials ? &context.trials->bodies : nullptr, body_key, context.diagnostics,
                [&](Diagnostics& reports) {
                  return body_items(article, copy.paragraphs, grid, body.columns.measure, context.styles, reports,
                                    spec.tuning.squeeze);
                });
  // VItem::paragraph counts the shaped paragraphs of the body.
  std::vector<const compose::Paragraph*> shaped;
  for (const auto& p : copy.paragraphs) {
    if (p) shaped.push_back(&*p);
  }
  const ParagraphAt paragraph_at = [&](int index) -> const compose::Paragraph* {
    return index >= 0 && static_cast<std::size_t>(index) < shaped.size() ? shaped[static_cast<std::size_t>(index)]
                                                                         : nullptr;
  };
  fill_body(spec, article, std::move(head), std::move(items), body, paragraph_at, spec.tuning.squeeze, context, area);
  return area;
}

AreaResult set_continuation(const AreaSpec& spec, const model::Article& article, JumpedCopy jumped,
                            AreaContext& context) {
  if (spec.vertical) return set_vertical_area(spec, article, context, &jumped);
  const PageGrid& grid = context.grid;
  const Length area_width = grid.span_width(spec.span);
  const std::string from = "（上接第" + std::to_string(jumped.from_page) + "版）";
  AreaResult area;
  area.frame.push({}, frame::MarkItem{article.headline + from, 2});

  // A short continuation headline: the 主题 in the layout's "continued" style (or its 副题 style).
  HeadBlock head;
  const std::string head_style = context.styles.has("continued") ? "continued" : "subheadline";
  if (const ResolvedStyle* style = context.styles.get(head_style, context.diagnostics, spec.where)) {
    TextBlock text = set_text(article.headline, *style, area_width - grid.body_size * 2, true, LineRole::Headline,
                              context.styles, context.diagnostics, article.where);
    head.lines = lines_for(text.frame.size.height + grid.pitch * 0.5, grid);
    const Length room = rows_height(grid, head.lines);
    const Length top = (room - text.frame.size.height) / 2;
    for (auto& r : text.records) {
      r.x += grid.body_size;
      r.y += top;
    }
    head.records = std::move(text.records);
    head.frame.size = {area_width, room};
    head.frame.push_frame({grid.body_size, top}, std::move(text.frame));
  }
  const Body body = start_body(columns_of_measure(grid, spec.span, jumped.measure), head.lines);
  std::vector<VItem> items;
  items.reserve(jumped.items.size() + 1);
  items.push_back(text_item(from, "jump", compose::Align::Left, 1, grid, body.columns.measure, LineRole::Jump, context.styles,
                            context.diagnostics, spec.where));
  std::move(jumped.items.begin(), jumped.items.end(), std::back_inserter(items));
  // Only paragraphs that jumped whole may be re-broken here.
  const ParagraphAt paragraph_at = [&](int index) -> const compose::Paragraph* {
    const auto it = jumped.paragraphs.find(index);
    return it == jumped.paragraphs.end() ? nullptr : &it->second;
  };
  fill_body(spec, article, std::move(head), std::move(items), body, paragraph_at, jumped.squeezed, context, area);
  return area;
}

}  // namespace zjgr::layout
