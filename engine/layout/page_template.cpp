#include "layout/page_template.h"

#include <algorithm>

#include "layout/block.h"

namespace zjgr::layout {
namespace {

const char* const kWeekdays[] = {"日", "一", "二", "三", "四", "五", "六"};

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t nl = text.find('\n', start);
    out.push_back(text.substr(start, nl - start));
    if (nl == std::string::npos) return out;
    start = nl + 1;
  }
}

}  // namespace

std::map<std::string, std::string> template_variables(const model::Issue& issue, const model::PageSpec& page) {
  std::map<std::string, std::string> v(issue.fields.begin(), issue.fields.end());
  v["newspaper"] = issue.newspaper;
  v["date"] = std::to_string(issue.date.year) + "年" + std::to_string(issue.date.month) + "月" +
              std::to_string(issue.date.day) + "日";
  v["weekday"] = kWeekdays[issue.date.weekday()];
  v["lunar_date"] = issue.lunar_date;
  v["number"] = std::to_string(issue.number);
  v["page"] = std::to_string(page.number);
  v["section"] = page.section;
  return v;
}

std::string expand(const std::string& text, const std::map<std::string, std::string>& variables,
                   Diagnostics& diagnostics, const SourceRef& where) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find('{', pos);
    const std::size_t close = open == std::string::npos ? open : text.find('}', open);
    if (close == std::string::npos) {
      out.append(text, pos);
      break;
    }
    out.append(text, pos, open - pos);
    const std::string name = text.substr(open + 1, close - open - 1);
    if (auto it = variables.find(name); it != variables.end()) {
      out += it->second;
    } else {
      diagnostics.warning("unknown-variable", "template variable {" + name + "} has no value", where,
                          {"add \"" + name + "\" to the issue's \"fields\""});
      out.append(text, open, close - open + 1);
    }
    pos = close + 1;
  }
  return out;
}

void draw_template(const model::PageTemplate& page_template, const std::map<std::string, std::string>& variables,
                   const PageGrid& grid, StyleBook& styles, frame::Frame& page, std::vector<LineRecord>& records,
                   int page_number, Diagnostics& diagnostics) {
  for (const auto& t : page_template.texts) {
    const ResolvedStyle* style = styles.get(t.style, diagnostics, t.where);
    if (style == nullptr) continue;
    ResolvedStyle aligned = *style;
    aligned.paragraph.align = static_cast<compose::Align>(t.align);
    aligned.paragraph.indent = Length();
    const Length x = grid.column_x(t.column - 1);
    const Length width = grid.span_width(t.span);
    // Each line of the text is its own paragraph; the block is centred in its grid lines. It may
    // not grow past them (issue 18: a section name of thousands of characters in a one-line
    // header): the lines that do not fit are cut, with an "overset" warning at the template text.
    const Length zone = grid.pitch * static_cast<std::int64_t>(t.lines - 1) + grid.body_size;
    const Length gap = style->style->size * 0.25;
    frame::Frame block;
    std::vector<LineRecord> block_records;
    Length y;
    int cut_lines = 0, cut_chars = 0;
    bool first = true;
    for (const auto& line : split_lines(expand(t.text, variables, diagnostics, t.where))) {
      const Length one_line = text_height(*style->style, 1);
      if (!first) {
        if (zone - (y + gap) < one_line) {
          ++cut_lines;
          cut_chars += count_chars(line);
          continue;
        }
        y += gap;
      }
      first = false;
      TextBlock text = set_text(line, aligned, width, false, LineRole::Template, styles, diagnostics, t.where,
                                std::max(zone - y, one_line));
      cut_lines += text.cut_lines;
      cut_chars += text.cut_chars;
      for (auto& r : text.records) {
        r.y += y;
        block_records.push_back(r);
      }
      block.push_frame({Length(), y}, std::move(text.frame));
      y += text.frame.size.height;
    }
    if (cut_lines > 0) {
      diagnostics.warning("overset",
                          "template text does not fit its " + counted(t.lines, "grid line") + ": " +
                              counted(cut_lines, "line") + " (" + counted(cut_chars, "character") + ") not printed",
                          t.where, {"give it more lines, or shorten the text or what its {variables} stand for"});
    }
    const Length top = grid.line_top(t.line) + (zone - y) / 2;
    for (auto& r : block_records) {
      r.page = page_number;
      r.area = "template";
      r.x += x;
      r.y += top;
      records.push_back(std::move(r));
    }
    page.push_frame({x, top}, std::move(block));
  }
  for (const auto& rule : page_template.rules) {
    const int span = rule.span > 0 ? rule.span : grid.columns - rule.column + 1;
    const Length x = grid.column_x(rule.column - 1);
    // Between this line's em box and the next line's.
    const Length y = grid.line_top(rule.line) + grid.body_size + (grid.pitch - grid.body_size) / 2;
    const Length width = grid.span_width(span);
    page.push({x, y}, frame::RuleItem{{width, Length()}, rule.thickness, frame::Color::black()});
    if (rule.double_rule) {
      const Length second = y + rule.thickness + Length::pt(1.5);
      page.push({x, second}, frame::RuleItem{{width, Length()}, Length::pt(0.5), frame::Color::black()});
    }
  }
}

}  // namespace zjgr::layout
