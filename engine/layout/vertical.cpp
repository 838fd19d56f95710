// Vertical setting (竖排): lines composed by compose::Paragraph from vertically shaped text, put
// down the page with their axes right to left.
//
// A vertical line's frame has its origin at the top of the line on its centre axis
// (compose::Paragraph::line_frame); its LineRecord has x = the axis, y = the top, vertical = true.
#include "layout/vertical.h"

#include <algorithm>
#include <deque>

#include "layout/photo.h"
#include "layout/proof_marks.h"

namespace zjgr::layout {
namespace {

/// One text of the headline group, broken into vertical lines.
struct VerticalPart {
  compose::Paragraph paragraph;
  std::vector<compose::Line> lines;
  Length size;      ///< the em across a line
  Length leading;   ///< axis to axis
  LineRole role;
  SourceRef where;
};

/// A group of vertical lines set from the right edge of `width` leftwards, tops at y = 0.
struct VerticalGroup {
  frame::Frame frame;
  std::vector<LineRecord> records;
  Length used;      ///< from the right edge to the left edge of the last line set
  Length length;    ///< the longest line
};

LineRecord vertical_record(const compose::Paragraph& paragraph, const compose::Line& line, Point at, LineRole role,
                           const std::string& area, int column) {
  LineRecord record{0, area, role, column, at.x, at.y, line.width, line.natural, line.ratio, line.ended_by,
                    paragraph.line_text(line)};
  record.vertical = true;
  return record;
}

/// The 引题, 主题 and 副题 as vertical lines, each broken balanced and by phrases (B9) at `measure`;
/// `headline_only`: the 主题 alone (a continuation's).
std::vector<VerticalPart> group_parts(const model::Article& article, const std::string& headline_style, Length measure,
                                      StyleBook& styles, Diagnostics& diagnostics, std::optional<Length> headline_size,
                                      bool headline_only = false) {
  struct Part { const std::string* text; std::string style; LineRole role; const char* pointer; };
  const Part parts[] = {{&article.kicker, "kicker", LineRole::Kicker, "/kicker"},
                        {&article.headline, headline_style, LineRole::Headline, "/headline"},
                        {&article.subheadline, "subheadline", LineRole::Subheadline, "/subheadline"}};
  std::vector<VerticalPart> out;
  for (const auto& part : parts) {
    if (part.text->empty() || (headline_only && part.role != LineRole::Headline)) continue;
    const ResolvedStyle* style = styles.get(part.style, diagnostics, article.where);
    if (style == nullptr || style->stack.empty()) continue;
    model::Style storage;
    ResolvedStyle sized = *style;
    if (part.role == LineRole::Headline && headline_size) sized = resized(*style, *headline_size, storage);
    sized.paragraph.phrase_breaks = true;
    SourceRef where = article.where;
    where.json_pointer = part.pointer;
    compose::Paragraph paragraph = styles.paragraph(*part.text, sized, diagnostics, where, true);
    std::vector<compose::Line> lines = paragraph.break_balanced(measure, diagnostics, where);
    out.push_back(VerticalPart{std::move(paragraph), std::move(lines), sized.style->size,
                               heading_leading(*sized.style), part.role, where});
  }
  return out;
}

/// Sets the parts right to left from the right edge of `width`, half a body character between
/// parts; lines that would reach past the left edge are cut, with one "overset" warning.
VerticalGroup set_group(std::vector<VerticalPart>& parts, Length width, const PageGrid& grid,
                        const std::string& article_id, Diagnostics& diagnostics) {
  VerticalGroup group;
  for (const auto& part : parts) {
    for (const auto& line : part.lines) group.length = max(group.length, min(line.natural, line.width));
  }
  const Length gap = grid.body_size * 0.5;
  Length right = width;
  int cut_lines = 0, cut_chars = 0;
  std::optional<SourceRef> cut_at;
  for (auto& part : parts) {
    if (&part != &parts.front()) right -= gap;
    Length axis = right - part.size / 2;
    for (auto& line : part.lines) {
      if (axis - part.size / 2 < Length()) {
        ++cut_lines;
        cut_chars += count_chars(part.paragraph.line_text(line));
        if (!cut_at) cut_at = part.where;
      } else {
        line.width = group.length;  // the group's lines centred (or justified) on its longest
        const Point at{axis, Length()};
        group.frame.push_frame(at, part.paragraph.line_frame(line));
        group.records.push_back(vertical_record(part.paragraph, line, at, part.role, "", 0));
        group.used = width - (axis - part.size / 2);
      }
      axis -= part.leading;
    }
    right = axis + part.leading - part.size / 2;
  }
  if (cut_at) {
    // 主题 lines of a few characters say the area is too short for the group, not the strip too narrow.
    int longest = 0;
    for (const auto& part : parts) {
      if (part.role != LineRole::Headline) continue;
      for (const auto& line : part.lines) longest = std::max(longest, count_chars(part.paragraph.line_text(line)));
    }
    std::vector<std::string> hints{"give the strip more columns (\"headline_columns\"), or shorten the headline"};
    if (longest < 4) {
      hints.insert(hints.begin(), "the area is too short for a vertical headline: its lines hold " +
                                      counted(longest, "character") + "; give the area more rows or set the headline horizontally");
    }
    diagnostics.warning("overset",
                        "article \"" + article_id + "\": the vertical headline group is wider than its strip: " +
                            counted(cut_lines, "line") + " (" + counted(cut_chars, "character") + ") not set",
                        *cut_at, std::move(hints));
  }
  group.frame.size = {width, group.length};
  return group;
}

/// A photo among vertical lines: the picture and its caption under it (set horizontally, as
/// wide as the picture) together as tall as the lines, the width following from the picture's
/// aspect (or its crop) but at most `max_width`, in which case the block is shorter. The block's
/// frame is moved up so that the picture's top is at the lines' top (y = 0).
PhotoBlock vertical_photo(const model::Photo& photo, Length height, Length max_width, const PageGrid& grid,
                          StyleBook& styles, Diagnostics& diagnostics) {
  const double aspect = shown_aspect(photo);
  const Length top = grid.baseline_offset - grid.body_size * 0.88;  // where photo_block puts the picture
  Length width = min(max_width, height * aspect);
  PhotoBlock block;
  // The caption's height depends on the width, the width on the room the caption leaves: a few
  // rounds, each shrinking the picture by what the block is still too tall.
  for (int round = 0; round < 4; ++round) {
    block = photo_block(photo, width, grid, styles, diagnostics);
    if (block.refused) return block;
    const Length excess = block.frame.size.height - top - height;
    if (excess <= Length() || block.image.height <= excess) break;
    width = (block.image.height - excess) * aspect;
  }
  frame::Frame shifted;
  shifted.size = block.frame.size;
  shifted.push_frame({Length(), -top}, std::move(block.frame));
  block.frame = std::move(shifted);
  for (auto& r : block.records) r.y -= top;
  return block;
}

/// A vertical article's copy as blocks, in order: the byline, then the body's paragraphs,
/// subheads (two line slots each) and photos.
std::vector<VerticalBlock> vertical_copy(const model::Article& article, const PageGrid& grid) {
  std::vector<VerticalBlock> copy;
  if (!article.byline.empty()) {
    SourceRef where = article.where;
    where.json_pointer = "/byline";
    copy.push_back(VerticalBlock{article.byline, "byline", LineRole::Byline, compose::Align::Right, 1, false, nullptr, -1, where});
  }
  int paragraphs = 0;
  for (const auto& block : article.body) {
    if (const auto* p = std::get_if<model::Paragraph>(&block)) {
      copy.push_back(
          VerticalBlock{p->text, grid.body_style, LineRole::Body, compose::Align::Justify, 1, true, nullptr, paragraphs++, p->where});
    } else if (const auto* s = std::get_if<model::Subhead>(&block)) {
      copy.push_back(VerticalBlock{s->text, "subhead", LineRole::Subhead, compose::Align::Center, 2, false, nullptr, -1, s->where});
    } else if (const auto* photo = std::get_if<model::Photo>(&block)) {
      copy.push_back(VerticalBlock{{}, {}, LineRole::Caption, compose::Align::Justify, 1, true, photo, -1, photo->where});
    }
  }
  return copy;
}

/// One vertical line (or photo) of a vertical article's copy, in reading order.
struct VerticalPiece {
  const compose::Paragraph* paragraph;  ///< null: a photo
  compose::Line line;
  std::size_t block;                     ///< in the copy
  int slots = 1;
  bool first_of_block = false;
  PhotoBlock* photo = nullptr;
};

/// A block's text as a vertical paragraph in its style, kept in `texts`: all but body text aligned
/// as the block asks, without the first-line indent where it has none. Null without a style to set it in.
const compose::Paragraph* vertical_paragraph(const VerticalBlock& block, StyleBook& styles, Diagnostics& diagnostics,
                                             std::deque<compose::Paragraph>& texts) {
  const ResolvedStyle* style = styles.get(block.style, diagnostics, block.where);
  if (style == nullptr || style->stack.empty() || block.text.empty()) return nullptr;
  ResolvedStyle set = *style;
  if (block.role != LineRole::Body) set.paragraph.align = block.align;
  if (!block.indent) set.paragraph.indent = Length();
  return &texts.emplace_back(styles.paragraph(block.text, set, diagnostics, block.where, true));
}

/// The copy as vertical lines of `measure` (body paragraphs squeezed into as few lines as the
/// rules allow with `squeeze`) and photos as tall as a band, at most `max_photo_width` wide, each
/// in whole line slots. Paragraphs and photo blocks are kept in `texts` and `photos`.
std::vector<VerticalPiece> vertical_pieces(const std::vector<VerticalBlock>& copy, Length measure, Length band_height,
                                           Length max_photo_width, bool squeeze, AreaContext& c,
                                           std::deque<compose::Paragraph>& texts, std::deque<PhotoBlock>& photos) {
  const PageGrid& grid = c.grid;
  std::vector<VerticalPiece> pieces;
  for (std::size_t b = 0; b < copy.size(); ++b) {
    const VerticalBlock& block = copy[b];
    if (block.photo != nullptr) {
      PhotoBlock& placed =
          photos.emplace_back(vertical_photo(*block.photo, band_height, max_photo_width, grid, c.styles, c.diagnostics));
      if (placed.refused) continue;  // reported by photo_block
      const Length across = placed.frame.size.width;
      const int slots =
          1 + static_cast<int>(std::max<std::int64_t>(0, ((across - grid.body_size).raw() + grid.pitch.raw() - 1) / grid.pitch.raw()));
      pieces.push_back(VerticalPiece{nullptr, {}, b, slots, true, &placed});
      continue;
    }
    const compose::Paragraph* paragraph = vertical_paragraph(block, c.styles, c.diagnostics, texts);
    if (paragraph == nullptr) continue;
    const auto widths = compose::LineWidths::uniform(measure);
    const auto lines = squeeze && block.role == LineRole::Body
                           ? paragraph->break_lines_squeezed(widths, c.diagnostics, block.where)
                           : paragraph->break_lines(widths, c.diagnostics, block.where);
    bool first = true;
    for (const auto& line : lines) {
      pieces.push_back(VerticalPiece{paragraph, line, b, block.slots, first});
      first = false;
    }
  }
  return pieces;
}

/// What a vertical area could not hold, pieces[first] on, as blocks for its continuation: a
/// paragraph cut at a line goes on from that line's first character, without its indent.
JumpedCopy vertical_rest(const std::vector<VerticalBlock>& copy, const std::vector<VerticalPiece>& pieces,
                         std::size_t first, int from_page) {
  JumpedCopy jumped;
  jumped.from_page = from_page;
  for (std::size_t k = first; k < pieces.size(); ++k) {
    const VerticalPiece& piece = pieces[k];
    jumped.vertical_lines += piece.slots;
    if (k != first && piece.block == pieces[k - 1].block) continue;
    VerticalBlock block = copy[piece.block];
    if (piece.paragraph != nullptr && !piece.first_of_block) {
      block.text = piece.paragraph->shaped().text.substr(piece.line.text.begin);
      block.indent = false;
    }
    jumped.vertical.push_back(std::move(block));
  }
  return jumped;
}

}  // namespace

HeadBlock vertical_headline_group(const model::Article& article, const PageGrid& grid, Length width, Length max_height,
                                  const std::string& headline_style, StyleBook& styles, Diagnostics& diagnostics,
                                  std::optional<Length> headline_size) {
  HeadBlock head;
  // One body character of air above and below the lines, as a horizontal group keeps at its sides.
  const Length measure = max(max_height - grid.body_size * 2, grid.body_size);
  std::vector<VerticalPart> parts = group_parts(article, headline_style, measure, styles, diagnostics, headline_size);
  if (parts.empty()) return head;
  VerticalGroup group = set_group(parts, width, grid, article.id, diagnostics);
  if (group.records.empty()) return head;
  // The strip: whole grid rows (P2), the group centred in it across and down.
  head.lines = lines_for(group.length + grid.body_size * 2, grid);
  const Length room = rows_height(grid, head.lines);
  const Point at{-(width - group.used) / 2, (room - group.length) / 2};
  for (auto& r : group.records) {
    r.x += at.x;
    r.y += at.y;
  }
  head.records = std::move(group.records);
  head.frame.size = {width, room};
  head.frame.push_frame(at, std::move(group.frame));
  return head;
}

AreaResult set_vertical_area(const AreaSpec& spec, const model::Article& article, AreaContext& c,
                             const JumpedCopy* continued) {
  const PageGrid& grid = c.grid;
  AreaResult area;
  const std::string from = continued != nullptr ? "（上接第" + std::to_string(continued->from_page) + "版）" : "";
  if (!article.headline.empty()) area.frame.push({}, frame::MarkItem{article.headline + from, 2});
  const int rows = std::min(spec.rows.value_or(spec.max_rows), spec.max_rows);
  const Length width = grid.span_width(spec.span);
  const Length height = rows_height(grid, rows);
  // 分栏竖排: the area's rows in `bands` equal bands, one row between them, the lines running
  // down each band and the bands read top to bottom; one band is the whole area.
  const int bands = std::clamp(spec.bands, 1, std::max(1, (rows + 1) / 2));
  const int band_rows = std::max(1, (rows - (bands - 1)) / bands);
  const Length band_height = rows_height(grid, band_rows);
  const Length band_step = rows_height(grid, band_rows + 1);
  // Each line as long as its band is tall, in whole body characters (P1), from the top of its
  // first row's line box to the bottom of its last row's em box.
  const Length measure = grid.body_size * static_cast<std::int64_t>(
                                              std::max(1, grid.characters_in(band_height - (grid.pitch - grid.body_size))));

  // 1. The headline group at the right, its lines as long as the body's (a continuation: its
  // 主题 alone, in the layout's "continued" style).
  std::vector<VerticalPart> parts =
      continued != nullptr
          ? group_parts(article, c.styles.has("continued") ? "continued" : "subheadline", measure, c.styles,
                        c.diagnostics, std::nullopt, true)
          : group_parts(article, spec.headline_style, measure, c.styles, c.diagnostics, spec.tuning.headline_size);
  VerticalGroup head = set_group(parts, width, grid, article.id, c.diagnostics);
  for (auto& r : head.records) area.lines.push_back(std::move(r));
  area.frame.push_frame({}, std::move(head.frame));
  // The body's lines start one body character left of the group (in the first band), on the
  // body's pitch; a jump keeps the last (leftmost) slot of the last band for （下转第N版）.
  const auto slots_left_of = [&](Length right) {
    return right >= grid.body_size ? 1 + static_cast<int>((right - grid.body_size).raw() / grid.pitch.raw()) : 0;
  };
  const Length first_right = head.used > Length() ? width - head.used - grid.body_size : width;
  const auto band_right = [&](int band) { return band == 0 ? first_right : width; };
  const auto band_slots = [&](int band) { return slots_left_of(band_right(band)); };
  const bool jumps = spec.continue_page.has_value();
  const auto usable_slots = [&](int band) { return band_slots(band) - (jumps && band == bands - 1 ? 1 : 0); };
  int usable = 0;
  for (int b = 0; b < bands; ++b) usable += std::max(0, usable_slots(b));

  // 2. What goes in the lines: the byline, the paragraphs and the subheads (two lines each), as
  // vertical lines, and the photos where they stand in the copy, each in as many line slots as
  // it is wide; a continuation's copy is what its first page could not hold, after （上接第N版）.
  std::vector<VerticalBlock> copy;
  if (continued != nullptr) {
    copy.push_back(VerticalBlock{from, "jump", LineRole::Jump, compose::Align::Left, 1, false, nullptr, -1, spec.where});
    copy.insert(copy.end(), continued->vertical.begin(), continued->vertical.end());
  } else {
    copy = vertical_copy(article, grid);
  }
  std::deque<compose::Paragraph> texts;  // stable addresses for the pieces
  std::deque<PhotoBlock> photos;
  std::vector<VerticalPiece> pieces =
      vertical_pieces(copy, measure, band_height, width / 2, spec.tuning.squeeze, c, texts, photos);

  // 3. The lines right to left, each in its slot(s); what does not fit jumps, or is overset.
  AreaReport& report = area.report;
  const auto at_slot = [&](int band, int first_slot, int piece_slots) {
    // A piece of two slots (a subhead) stands between them; the others on their slot's axis.
    return Point{band_right(band) - grid.body_size / 2 - grid.pitch * static_cast<std::int64_t>(first_slot) -
                     grid.pitch * static_cast<std::int64_t>(piece_slots - 1) / 2,
                 band_step * static_cast<std::int64_t>(band)};
  };
  int band = 0, slot = 0, used = 0;
  std::size_t k = 0;
  for (; k < pieces.size(); ++k) {
    VerticalPiece& piece = pieces[k];
    while (band < bands && slot + piece.slots > usable_slots(band)) {  // on in the next band
      ++band;
      slot = 0;
    }
    if (band == bands) break;
    const int column = used + 1;  // the record's column: vertical lines counted through the bands
    used += piece.slots;
    if (piece.photo != nullptr) {
      // The photo centred in its slots: from the right edge of the first slot's cell to the left
      // edge of the last one's.
      const Length slots_right = band_right(band) - grid.pitch * static_cast<std::int64_t>(slot);
      const Length slots_width = grid.pitch * static_cast<std::int64_t>(piece.slots - 1) + grid.body_size;
      const Point at{slots_right - slots_width + (slots_width - piece.photo->frame.size.width) / 2,
                     band_step * static_cast<std::int64_t>(band)};
      area.photos.push_back(photo_report(spec.page, article.id, *copy[piece.block].photo, *piece.photo,
                                         Rect{at, piece.photo->frame.size}, c.diagnostics));
      for (auto& r : piece.photo->records) {
        r.x += at.x;
        r.y += at.y;
        r.column = column;
        area.lines.push_back(std::move(r));
      }
      area.frame.push_frame(at, std::move(piece.photo->frame));
      slot += piece.slots;
      continue;
    }
    const Point at = at_slot(band, slot, piece.slots);
    area.frame.push_frame(at, piece.paragraph->line_frame(piece.line));
    area.lines.push_back(vertical_record(*piece.paragraph, piece.line, at, copy[piece.block].role, article.id, column));
    slot += piece.slots;
  }
  if (jumps && k < pieces.size()) {
    // （下转第N版） at the foot of the last slot; the rest goes on as blocks, a paragraph cut at a
    // line going on from that line's first character without its indent.
    const VerticalBlock note{"（下转第" + std::to_string(*spec.continue_page) + "版）", "jump", LineRole::Jump,
                             compose::Align::Right, 1, false, nullptr, -1, spec.where};
    if (const compose::Paragraph* paragraph = vertical_paragraph(note, c.styles, c.diagnostics, texts)) {
      const auto lines = paragraph->break_lines(compose::LineWidths::uniform(measure), c.diagnostics, note.where);
      if (!lines.empty()) {
        const Point at = at_slot(bands - 1, band_slots(bands - 1) - 1, 1);
        area.frame.push_frame(at, paragraph->line_frame(lines.front()));
        area.lines.push_back(vertical_record(*paragraph, lines.front(), at, LineRole::Jump, article.id, usable + 1));
      }
    }
    report.continue_page = *spec.continue_page;
    JumpedCopy jumped = vertical_rest(copy, pieces, k, spec.page);
    report.jumped_column_lines = jumped.vertical_lines;
    area.rest = std::move(jumped);
  } else {
    for (std::size_t rest = k; rest < pieces.size(); ++rest) {
      const VerticalPiece& piece = pieces[rest];
      if (piece.photo != nullptr) {
        c.diagnostics.warning("photo-refused", "article \"" + article.id + "\": no room is left for the photo in its vertical area",
                              copy[piece.block].photo->where, {"give the area more columns, or cut the copy before the photo"});
        continue;
      }
      if (report.overset_column_lines > 0 && piece.first_of_block) report.overset_text += "\n";
      if (report.overset_from_paragraph == 0 && copy[piece.block].paragraph >= 0) {
        report.overset_from_paragraph = copy[piece.block].paragraph + 1;
      }
      const std::string text = piece.paragraph->line_text(piece.line);
      report.overset_column_lines += piece.slots;
      report.overset_chars += count_chars(text);
      report.overset_text += text;
    }
  }

  describe_area(report, spec, article.id, rows, usable, measure);
  report.capacity_column_lines = usable;
  report.used_column_lines = used;
  report.vertical = true;
  frame::Frame marks;  // proof-only
  const Rect whole{{}, {width, height}};
  if (report.overset_column_lines > 0) {
    c.diagnostics.warning("overset",
                          "article \"" + article.id + "\" does not fit its area: " +
                              counted(report.overset_column_lines, "vertical line") + " (" +
                              counted(report.overset_chars, "character") + ") left over",
                          spec.where, {"give the area more columns or rows, or cut the copy"});
    mark_outline(marks, whole, kOversetMark);
    mark_label(marks, {width, height}, Corner::BottomRight,
               overset_label(report.overset_column_lines, report.overset_chars), kOversetMark, grid, c.styles,
               c.diagnostics);
  } else if (report.continue_page == 0 && usable - used > 2) {
    report.underset_column_lines = usable - used;
    c.diagnostics.warning("underset",
                          "article \"" + article.id + "\" leaves " + counted(usable - used, "vertical line") +
                              " empty at the left of its " + (bands > 1 ? "last band" : "area"),
                          spec.where, {"give the area fewer columns, or add copy"});
    // The empty part: in the band where the copy ends, from the area's left edge to the leading
    // left of the last line set; the bands below it whole.
    const int last = std::min(band, bands - 1);
    const Length used_left = slot > 0 ? band_right(last) - grid.pitch * static_cast<std::int64_t>(slot - 1) - grid.body_size
                                      : band_right(last);
    for (int b = last; b < bands; ++b) {
      const Length right_edge = b == last ? max(used_left - (grid.pitch - grid.body_size), Length()) : width;
      mark_band(marks, Rect{{Length(), band_step * static_cast<std::int64_t>(b)}, {right_edge, band_height}}, kEmptyMark);
    }
  }
  if (!marks.items.empty()) area.frame.push_proof_frame({}, std::move(marks));
  area.frame.size = whole.size;
  return area;
}

}  // namespace zjgr::layout
