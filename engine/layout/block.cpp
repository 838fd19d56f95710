#include "layout/block.h"

#include <algorithm>
#include <iterator>

namespace zjgr::layout {
namespace {

// A CJK line's em box: ascent 0.88 em above the baseline (see grid.cpp).
constexpr double kAscent = 0.88;

}  // namespace

Length heading_leading(const model::Style& style) {
  return style.leading > Length() ? style.leading : style.size * 1.25;
}

int count_chars(const std::string& text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(),
                                        [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

int lines_for(Length height, const PageGrid& grid) {
  if (height <= Length()) return 0;
  return static_cast<int>((height.raw() + grid.pitch.raw() - 1) / grid.pitch.raw());
}

Length text_height(const model::Style& style, int lines) {
  if (lines <= 0) return Length();
  return style.size * kAscent + heading_leading(style) * static_cast<std::int64_t>(lines - 1) +
         style.size * (1 - kAscent);
}

TextBlock set_text(const std::string& text, const ResolvedStyle& style, Length width, bool balanced,
                   LineRole role, StyleBook& styles, Diagnostics& diagnostics, const SourceRef& where,
                   std::optional<Length> max_height) {
  TextBlock block;
  if (text.empty() || style.stack.empty()) return block;
  const compose::Paragraph paragraph = styles.paragraph(text, style, diagnostics, where);
  std::vector<compose::Line> lines = balanced
      ? paragraph.break_balanced(width, diagnostics, where)
      : paragraph.break_lines(compose::LineWidths::uniform(width), diagnostics, where);
  // Bounded height (issue 18): a text taller than allowed is cut after the last line that fits,
  // so that no block reaches past the page (a 10,900-character headline is 25 m of lines).
  const Length limit = max_height.value_or(styles.max_text_height());
  std::size_t fit = 1;
  while (fit < lines.size() && text_height(*style.style, static_cast<int>(fit) + 1) <= limit) ++fit;
  if (fit < lines.size()) {
    block.cut_lines = static_cast<int>(lines.size() - fit);
    for (std::size_t i = fit; i < lines.size(); ++i) block.cut_chars += count_chars(paragraph.line_text(lines[i]));
    lines.resize(fit);
    if (!max_height) {
      diagnostics.warning("overset",
                          std::string(to_string(role)) + " does not fit the type area: " + counted(block.cut_lines, "line") + " (" +
                              counted(block.cut_chars, "character") + ") not set",
                          where, {"shorten the text"});
    }
  }
  const Length leading = heading_leading(*style.style);
  const Length ascent = style.style->size * kAscent;
  Length baseline = ascent;
  for (const auto& line : lines) {
    block.frame.push_frame({Length(), baseline}, paragraph.line_frame(line));
    block.records.push_back(LineRecord{0, "", role, 0, Length(), baseline, line.width, line.natural,
                                       line.ratio, line.ended_by, paragraph.line_text(line)});
    baseline += leading;
  }
  block.line_count = static_cast<int>(lines.size());
  const Length height = lines.empty() ? Length()
      : ascent + leading * static_cast<std::int64_t>(lines.size() - 1) + style.style->size * (1 - kAscent);
  block.frame.size = {width, height};
  return block;
}

HeadBlock headline_group(const model::Article& article, const PageGrid& grid, Length width,
                         const std::string& headline_style, StyleBook& styles, Diagnostics& diagnostics,
                         std::optional<Length> headline_size) {
  HeadBlock head;
  struct Part { const std::string* text; std::string style; LineRole role; const char* pointer; };
  const Part parts[] = {{&article.kicker, "kicker", LineRole::Kicker, "/kicker"},
                        {&article.headline, headline_style, LineRole::Headline, "/headline"},
                        {&article.subheadline, "subheadline", LineRole::Subheadline, "/subheadline"}};
  frame::Frame group;
  Length y;
  const Length gap = grid.body_size * 0.5;  // between the parts of the group
  for (const auto& part : parts) {
    if (part.text->empty()) continue;
    const ResolvedStyle* style = styles.get(part.style, diagnostics, article.where);
    if (style == nullptr) continue;
    model::Style resized_storage;
    ResolvedStyle resized_style;
    if (part.role == LineRole::Headline && headline_size) {
      resized_style = resized(*style, *headline_size, resized_storage);
      style = &resized_style;
    }
    SourceRef where = article.where;
    where.json_pointer = part.pointer;
    // 引题, 主题 and 副题 break between words and never inside 《…》 “…” (B9); a line feed in
    // the text is kept as a break.
    ResolvedStyle by_words = *style;
    by_words.paragraph.phrase_breaks = true;
    // Headlines never run to the very edge of their area: leave one body character each side.
    const Length inner = width - grid.body_size * 2;
    TextBlock block = set_text(*part.text, by_words, inner, true, part.role, styles, diagnostics, where);
    if (y > Length()) y += gap;
    for (auto& r : block.records) {
      r.x = grid.body_size;
      r.y += y;
      head.records.push_back(r);
    }
    group.push_frame({grid.body_size, y}, std::move(block.frame));
    y += block.frame.size.height;
  }
  if (group.items.empty()) return head;
  // 占行 (P2): the group takes whole grid lines with at least half a line of air, so that the
  // body below stays on the baseline grid; a third of the air goes above, two thirds below, which
  // sets the group off from the text it introduces.
  head.lines = lines_for(y + grid.pitch * 0.5, grid);
  const Length room = grid.pitch * static_cast<std::int64_t>(head.lines);
  const Length top = (room - y) / 3;
  for (auto& r : head.records) r.y += top;
  head.frame.size = {width, room};
  head.frame.push_frame({Length(), top}, std::move(group));
  return head;
}

VItem text_item(const std::string& text, const std::string& style_name, compose::Align align, int min_lines,
                const PageGrid& grid, Length measure, LineRole role,
                StyleBook& styles, Diagnostics& diagnostics, const SourceRef& where) {
  VItem item;
  item.kind = VItem::Kind::Heading;
  item.chars = count_chars(text);
  const ResolvedStyle* style = styles.get(style_name, diagnostics, where);
  if (style == nullptr) return item;
  ResolvedStyle aligned = *style;
  aligned.paragraph.align = align;
  aligned.paragraph.indent = Length();
  TextBlock block = set_text(text, aligned, measure, false, role, styles, diagnostics, where);
  // The zone from the top of the first grid line's em box to the bottom of the last one's.
  const Length height = block.frame.size.height;
  item.lines = std::max(min_lines, 1 + lines_for(height - grid.body_size, grid));
  const Length zone = grid.pitch * static_cast<std::int64_t>(item.lines - 1) + grid.body_size;
  const Length top = grid.baseline_offset - grid.body_size * kAscent + (zone - height) / 2;
  if (!block.records.empty()) {
    item.record = block.records.front();
    item.record.y += top;
  }
  item.frame.size = {measure, grid.pitch * static_cast<std::int64_t>(item.lines)};
  item.frame.push_frame({Length(), top}, std::move(block.frame));
  return item;
}

std::vector<VItem> paragraph_items(const compose::Paragraph& paragraph, const std::vector<compose::Line>& lines,
                                   int index, const std::string& article_id, const PageGrid& grid, Length measure) {
  std::vector<VItem> items;
  items.reserve(lines.size());
  int n = 0;
  for (const auto& line : lines) {
    VItem item;
    item.paragraph = index;
    item.line_in_paragraph = n++;
    item.paragraph_lines = static_cast<int>(lines.size());
    item.record = LineRecord{0, article_id, LineRole::Body, 0, Length(), grid.baseline_offset, line.width,
                             line.natural, line.ratio, line.ended_by, paragraph.line_text(line)};
    item.chars = count_chars(item.record.text);
    item.frame.size = {measure, grid.pitch};
    item.frame.push_frame({Length(), grid.baseline_offset}, paragraph.line_frame(line));
    items.push_back(std::move(item));
  }
  return items;
}

std::vector<VItem> body_items(const model::Article& article,
                              const std::vector<std::optional<compose::Paragraph>>& paragraphs,
                              const PageGrid& grid, Length measure, StyleBook& styles, Diagnostics& diagnostics,
                              bool squeeze) {
  std::vector<VItem> items;
  if (!article.byline.empty()) {
    SourceRef where = article.where;
    where.json_pointer = "/byline";
    items.push_back(text_item(article.byline, "byline", compose::Align::Left, 1, grid, measure,
                              LineRole::Byline, styles, diagnostics, where));
  }
  int paragraph_index = 0;
  for (std::size_t b = 0; b < article.body.size(); ++b) {
    const auto& block = article.body[b];
    if (const auto* p = std::get_if<model::Paragraph>(&block)) {
      if (b >= paragraphs.size() || !paragraphs[b]) continue;
      const compose::Paragraph& paragraph = *paragraphs[b];
      const auto widths = compose::LineWidths::uniform(measure);
      const auto lines = squeeze ? paragraph.break_lines_squeezed(widths, diagnostics, p->where)
                                 : paragraph.break_lines(widths, diagnostics, p->where);
      auto line_items = paragraph_items(paragraph, lines, paragraph_index++, article.id, grid, measure);
      std::move(line_items.begin(), line_items.end(), std::back_inserter(items));
    } else if (const auto* s = std::get_if<model::Subhead>(&block)) {
      // A 小标题 occupies two grid lines (占行, P2) and keeps with the text after it (P5).
      VItem item = text_item(s->text, "subhead", compose::Align::Center, 2, grid, measure, LineRole::Subhead,
                             styles, diagnostics, s->where);
      item.record.area = article.id;
      item.keep_with_next = true;
      items.push_back(std::move(item));
    }
  }
  return items;
}

}  // namespace zjgr::layout
