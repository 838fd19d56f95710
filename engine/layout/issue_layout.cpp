#include "layout/issue_layout.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "layout/block.h"
#include "layout/flow.h"
#include "layout/grid.h"
#include "layout/page_template.h"
#include "layout/photo.h"

namespace zjgr::layout {
namespace {

using Clock = std::chrono::steady_clock;

/// The body columns of an article inside its area (破栏 when the article asks for its own count).
struct Columns {
  int count = 1;
  Length measure;
  std::vector<Length> x;
};

Columns article_columns(const PageGrid& grid, Length area_x, int span, int requested) {
  Columns c;
  c.count = std::clamp(requested, 1, std::max(1, span * 4));
  if (c.count == span) {
    c.measure = grid.measure;
    for (int k = 0; k < span; ++k) c.x.push_back(area_x + (grid.measure + grid.gutter) * static_cast<std::int64_t>(k));
    return c;
  }
  // 破栏: whole body characters per column (P1), gutters absorbing the rest.
  const Length width = grid.span_width(span);
  const auto n = static_cast<std::int64_t>(c.count);
  const Length share = (width - grid.gutter * (n - 1)) / n;
  c.measure = grid.body_size * static_cast<std::int64_t>(std::max(1, grid.characters_in(share)));
  const Length gutter = n > 1 ? (width - c.measure * n) / (n - 1) : Length();
  for (std::int64_t k = 0; k < n; ++k) c.x.push_back(area_x + (c.measure + gutter) * k);
  return c;
}

/// Columns of a given measure that fit in `span` grid columns (a continuation keeps the measure
/// its lines were broken at).
Columns columns_of_measure(const PageGrid& grid, Length area_x, int span, Length measure) {
  const Length width = grid.span_width(span);
  const int count = std::max(1, static_cast<int>((width + grid.gutter).raw() / (measure + grid.gutter).raw()));
  Columns c;
  c.count = count;
  c.measure = measure;
  const Length gutter = count > 1 ? (width - measure * static_cast<std::int64_t>(count)) / (count - 1) : Length();
  for (int k = 0; k < count; ++k) c.x.push_back(area_x + (measure + gutter) * static_cast<std::int64_t>(k));
  return c;
}

/// What an area with a `continue` hands to its continuation.
struct Jump {
  std::vector<VItem> items;
  Length measure;
  int from_page = 0;
};

class IssueLayout {
 public:
  IssueLayout(const model::Issue& issue, fonts::FontLibrary& fonts, Diagnostics& diagnostics)
      : issue_(issue), styles_(issue.layout, fonts), diagnostics_(diagnostics) {}

  LayoutResult run(const PageCallback& on_page);

 private:
  /// Where an area sits on the grid, for the rules between neighbouring articles.
  struct AreaBox {
    int column = 0, span = 1, line = 0, lines = 0;  ///< 0-based column
    bool boxed = false;
  };
  struct PageState {
    PageGrid grid;
    frame::PageFrame frame;
    std::vector<AreaBox> areas;
    int reserved_lines = 0;  ///< lines at the top the page template keeps for itself
    std::size_t area_first_item = 0;  ///< index of the current area's first frame item
    double milliseconds = 0;
    int articles = 0;
  };
  /// The body's columns inside an area and what stands in them.
  struct Area {
    Columns columns;
    int body_top = 0;                                   ///< first grid line below the headline group
    std::vector<int> tops;                              ///< per column: first line free for text
    std::vector<std::vector<std::pair<int, int>>> blocked;  ///< per column: line ranges photos take
    int min_bottom = 0;                                 ///< the area reaches at least this line
  };

  void start_page(const model::PageSpec& spec, PageState& page);
  void place_article(const model::PageSpec& spec, const model::Placement& placement, PageState& page);
  void place_continuation(const model::PageSpec& spec, const model::Placement& placement, PageState& page);
  /// Flows `items` into the area below `head`, draws them, and returns what did not fit.
  std::vector<VItem> fill_area(const model::PageSpec& spec, const model::Placement& placement,
                               const model::Article& article, PageState& page, HeadBlock head,
                               std::vector<VItem> items, const Area& area);
  /// False (with an "out-of-grid" error at the placement) when the area leaves the page's grid
  /// or takes lines the page template reserves.
  bool area_fits_page(const model::PageSpec& spec, const model::Placement& placement, const PageState& page);
  void report_photo(const model::PageSpec& spec, const model::Article& article, const model::Photo& photo, Size placed,
                    double visible_width, Rect block);
  void draw_area_rules(PageState& page);
  void draw_records(std::vector<LineRecord> records, int page, const std::string& area, int column,
                    Point origin);
  /// One record, moved in (a body line: no copy of its strings).
  void draw_record(LineRecord record, int page, const std::string& area, int column, Point origin);

  const model::Issue& issue_;
  StyleBook styles_;
  Diagnostics& diagnostics_;
  LayoutResult result_;
  std::map<int, Jump> jumps_;  ///< by article index
};

LayoutResult IssueLayout::run(const PageCallback& on_page) {
  auto& meta = result_.document.metadata;
  meta.title = issue_.newspaper + " " + std::to_string(issue_.date.year) + "年" + std::to_string(issue_.date.month) +
               "月" + std::to_string(issue_.date.day) + "日 总第" + std::to_string(issue_.number) + "号";
  meta.author = issue_.newspaper;
  meta.subject = issue_.newspaper + " 第" + std::to_string(issue_.number) + "号";
  meta.year = issue_.date.year;
  meta.month = issue_.date.month;
  meta.day = issue_.date.day;

  std::vector<PageState> pages(issue_.pages.size());
  // Pass 1: templates and articles that start on a page; pass 2: continuations, whose text
  // comes from a jump on any page (before or after them in the issue).
  for (std::size_t i = 0; i < issue_.pages.size(); ++i) {
    const auto start = Clock::now();
    start_page(issue_.pages[i], pages[i]);
    for (const auto& placement : issue_.pages[i].articles) {
      if (!placement.continued) place_article(issue_.pages[i], placement, pages[i]);
    }
    pages[i].milliseconds += std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  }
  for (std::size_t i = 0; i < issue_.pages.size(); ++i) {
    const auto start = Clock::now();
    for (const auto& placement : issue_.pages[i].articles) {
      if (placement.continued) place_continuation(issue_.pages[i], placement, pages[i]);
    }
    draw_area_rules(pages[i]);
    pages[i].milliseconds += std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  }
  // Lines per page in one pass over the records (they arrive in pass order, not page order).
  std::map<int, int> lines_per_page;
  for (const auto& r : result_.lines) ++lines_per_page[r.page];
  for (std::size_t i = 0; i < issue_.pages.size(); ++i) {
    PageReport report;
    report.number = issue_.pages[i].number;
    report.articles = pages[i].articles;
    report.lines = lines_per_page[report.number];
    report.milliseconds = pages[i].milliseconds;
    result_.pages.push_back(report);
    result_.document.pages.push_back(std::move(pages[i].frame));
    if (on_page) on_page(report);
  }
  for (const auto& [article, jump] : jumps_) {
    if (!jump.items.empty()) {
      diagnostics_.warning("jump-without-continuation",
                           "article \"" + issue_.articles[static_cast<std::size_t>(article)].id +
                               "\" jumps but no page continues it; " + std::to_string(jump.items.size()) + " lines lost",
                           issue_.articles[static_cast<std::size_t>(article)].where);
    }
  }
  result_.stats = styles_.stats();
  return std::move(result_);
}

void IssueLayout::start_page(const model::PageSpec& spec, PageState& page) {
  const auto& geometry = issue_.layout.page;
  page.grid = make_grid(issue_.layout, spec.number);
  page.frame.number = spec.number;
  page.frame.label = "第" + std::to_string(spec.number) + "版";
  page.frame.trim = {geometry.width, geometry.height};
  page.frame.bleed = geometry.bleed;
  page.frame.frame.size = page.frame.trim;
  page.frame.frame.push({}, frame::MarkItem{page.frame.label + " " + spec.section, 1});
  if (spec.template_name.empty()) return;
  auto it = issue_.layout.templates.find(spec.template_name);
  if (it == issue_.layout.templates.end()) return;  // input/ reported it
  page.reserved_lines = it->second.reserved_lines;
  draw_template(it->second, template_variables(issue_, spec), page.grid, styles_, page.frame.frame, result_.lines,
                spec.number, diagnostics_);
}

void IssueLayout::draw_records(std::vector<LineRecord> records, int page, const std::string& area, int column,
                               Point origin) {
  for (auto& r : records) draw_record(std::move(r), page, area, column, origin);
}

void IssueLayout::draw_record(LineRecord record, int page, const std::string& area, int column, Point origin) {
  record.page = page;
  record.area = area;
  record.column = column;
  record.x += origin.x;
  record.y += origin.y;
  result_.lines.push_back(std::move(record));
}

bool IssueLayout::area_fits_page(const model::PageSpec& spec, const model::Placement& placement,
                                 const PageState& page) {
  const int lines = page.grid.lines;
  const int end = placement.lines ? placement.line + *placement.lines : placement.line + 1;
  std::string problem;
  if (placement.line >= lines || end > lines) {
    problem = "the area's grid lines " + std::to_string(placement.line) + "–" + std::to_string(end - 1) +
              " run past the page, which has lines 0–" + std::to_string(lines - 1);
  } else if (placement.line < page.reserved_lines) {
    problem = "the area starts at line " + std::to_string(placement.line) + ", inside the " +
              std::to_string(page.reserved_lines) + " lines that template \"" + spec.template_name + "\" reserves";
  }
  if (problem.empty()) return true;
  diagnostics_.error("out-of-grid", problem, placement.where);
  return false;
}

void IssueLayout::place_article(const model::PageSpec& spec, const model::Placement& placement, PageState& page) {
  if (!area_fits_page(spec, placement, page)) return;
  page.area_first_item = page.frame.frame.items.size();
  const model::Article& article = issue_.articles.at(static_cast<std::size_t>(placement.article));
  const PageGrid& grid = page.grid;
  const Length area_x = grid.column_x(placement.column - 1);
  ++page.articles;
  if (!article.headline.empty()) {
    page.frame.frame.push({area_x, grid.line_top(placement.line)}, frame::MarkItem{article.headline, 2});
  }

  // The headline group spans the area, or head_span columns at its left with the body beside it.
  const int head_span = std::clamp(placement.head_span.value_or(placement.span), 1, placement.span);
  const Length head_right = area_x + grid.span_width(head_span);
  HeadBlock head = headline_group(article, grid, grid.span_width(head_span),
                                  placement.headline_style.empty() ? "headline" : placement.headline_style, styles_,
                                  diagnostics_);
  const Columns columns = article_columns(grid, area_x, placement.span, article.columns.value_or(placement.span));
  Area area;
  area.columns = columns;
  area.body_top = placement.line + head.lines;
  for (int k = 0; k < columns.count; ++k) {
    const bool under_head = columns.x[static_cast<std::size_t>(k)] < head_right;
    area.tops.push_back(under_head ? area.body_top : placement.line);
  }
  area.blocked.resize(static_cast<std::size_t>(columns.count));

  // Photos: at the top of the body in their columns, or at a given body line with the text
  // flowing above and below them (the columns beside are untouched).
  for (const auto& block : article.body) {
    const auto* photo = std::get_if<model::Photo>(&block);
    if (photo == nullptr) continue;
    const int first = std::clamp(photo->column.value_or(1), 1, columns.count) - 1;
    const int span = std::clamp(photo->span > 0 ? photo->span : columns.count, 1, columns.count - first);
    const Length width = columns.x[static_cast<std::size_t>(first + span - 1)] + columns.measure -
                         columns.x[static_cast<std::size_t>(first)];
    model::Photo cropped = *photo;
    if (placement.photo_aspect) {
      cropped.fit = model::PhotoFit::Crop;
      cropped.aspect = placement.photo_aspect;
    }
    PhotoBlock placed = photo_block(cropped, width, grid, styles_, diagnostics_);
    int top = 0;
    if (photo->line) {
      top = area.body_top + *photo->line;
      for (int k = first; k < first + span; ++k) area.blocked[static_cast<std::size_t>(k)].push_back({top, top + placed.lines});
    } else {
      for (int k = first; k < first + span; ++k) top = std::max(top, area.tops[static_cast<std::size_t>(k)]);
      for (int k = first; k < first + span; ++k) area.tops[static_cast<std::size_t>(k)] = top + placed.lines;
    }
    area.min_bottom = std::max(area.min_bottom, top + placed.lines);
    const Point origin{columns.x[static_cast<std::size_t>(first)], grid.line_top(top)};
    const Rect block_rect{origin, {width, grid.pitch * static_cast<std::int64_t>(placed.lines)}};
    draw_records(placed.records, spec.number, article.id, first + 1, origin);
    page.frame.frame.push_frame(origin, std::move(placed.frame));
    report_photo(spec, article, *photo, placed.image, placed.visible_width, block_rect);
  }

  std::vector<VItem> items = body_items(article, grid, columns.measure, styles_, diagnostics_);
  std::vector<VItem> rest = fill_area(spec, placement, article, page, std::move(head), std::move(items), area);
  if (placement.continue_page && !rest.empty()) {
    jumps_[placement.article] = Jump{std::move(rest), columns.measure, spec.number};
  }
}

void IssueLayout::report_photo(const model::PageSpec& spec, const model::Article& article, const model::Photo& photo,
                               Size placed, double visible_width, Rect block) {
  PhotoReport report;
  report.page = spec.number;
  report.article = article.id;
  report.path = photo.path;
  report.pixel_width = photo.pixel_width;
  report.pixel_height = photo.pixel_height;
  report.width = placed.width;
  report.height = placed.height;
  report.block = block;
  // Effective resolution at the placed size: the pixels of the part shown (a crop shows fewer)
  // over the inches they fill; the crop keeps the aspect, so one axis tells.
  report.effective_ppi =
      placed.width > Length() ? photo.pixel_width * visible_width / (placed.width.to_pt() / 72.0) : 0;
  if (report.effective_ppi < 200) {
    diagnostics_.warning("low-resolution-photo",
                         "photo is " + std::to_string(static_cast<int>(report.effective_ppi)) +
                             " ppi at its placed size (newsprint wants at least 200)",
                         photo.where);
  }
  result_.photos.push_back(report);
}

void IssueLayout::place_continuation(const model::PageSpec& spec, const model::Placement& placement,
                                     PageState& page) {
  if (!area_fits_page(spec, placement, page)) return;
  page.area_first_item = page.frame.frame.items.size();
  const model::Article& article = issue_.articles.at(static_cast<std::size_t>(placement.article));
  const PageGrid& grid = page.grid;
  ++page.articles;
  auto it = jumps_.find(placement.article);
  if (it == jumps_.end()) {
    diagnostics_.warning("empty-continuation", "nothing of article \"" + article.id + "\" is left to continue here",
                         placement.where);
    return;
  }
  Jump jump = std::move(it->second);
  jumps_.erase(it);
  const Length area_x = grid.column_x(placement.column - 1);
  const Length area_width = grid.span_width(placement.span);

  // A short continuation headline: the 主题 in the layout's "continued" style (or its 副题 style).
  HeadBlock head;
  const char* head_style = issue_.layout.styles.contains("continued") ? "continued" : "subheadline";
  if (const ResolvedStyle* style = styles_.get(head_style, diagnostics_, placement.where)) {
    TextBlock text = set_text(article.headline, *style, area_width - grid.body_size * 2, true, "headline", styles_,
                              diagnostics_, article.where);
    head.lines = lines_for(text.frame.size.height + grid.pitch * 0.5, grid);
    const Length room = grid.pitch * static_cast<std::int64_t>(head.lines);
    const Length top = (room - text.frame.size.height) / 2;
    for (auto& r : text.records) {
      r.x += grid.body_size;
      r.y += top;
    }
    head.records = std::move(text.records);
    head.frame.size = {area_width, room};
    head.frame.push_frame({grid.body_size, top}, std::move(text.frame));
  }
  page.frame.frame.push({area_x, grid.line_top(placement.line)},
                        frame::MarkItem{article.headline + "（上接第" + std::to_string(jump.from_page) + "版）", 2});
  Area area;
  area.columns = columns_of_measure(grid, area_x, placement.span, jump.measure);
  area.body_top = placement.line + head.lines;
  area.tops.assign(static_cast<std::size_t>(area.columns.count), area.body_top);
  area.blocked.resize(static_cast<std::size_t>(area.columns.count));
  std::vector<VItem> items;
  items.push_back(text_item("（上接第" + std::to_string(jump.from_page) + "版）", "jump", compose::Align::Left, 1, grid,
                            area.columns.measure, "jump", styles_, diagnostics_, placement.where));
  std::move(jump.items.begin(), jump.items.end(), std::back_inserter(items));
  fill_area(spec, placement, article, page, std::move(head), std::move(items), area);
}

std::vector<VItem> IssueLayout::fill_area(const model::PageSpec& spec, const model::Placement& placement,
                                          const model::Article& article, PageState& page, HeadBlock head,
                                          std::vector<VItem> items, const Area& area) {
  const PageGrid& grid = page.grid;
  const Length area_x = grid.column_x(placement.column - 1);
  const int max_lines = std::max(0, grid.lines - placement.line);
  const bool jumps = placement.continue_page.has_value() && !placement.continued;

  // Slots: each column from its top to the area's foot, cut around the photos standing in it.
  std::vector<ColumnSlot> slots;
  for (int k = 0; k < area.columns.count; ++k) {
    const auto ku = static_cast<std::size_t>(k);
    auto blocked = area.blocked[ku];
    std::sort(blocked.begin(), blocked.end());
    int start = area.tops[ku];
    for (const auto& [from, to] : blocked) {
      if (from > start) slots.push_back({area.columns.x[ku], area.columns.measure, start, from, k, false});
      start = std::max(start, to);
    }
    slots.push_back({area.columns.x[ku], area.columns.measure, start, 0, k, true});
  }
  int area_lines = 0;
  if (placement.lines) {
    area_lines = std::min(*placement.lines, max_lines);
  } else {
    const int depth = balanced_depth(items, slots, area.body_top, area.min_bottom - area.body_top,
                                     max_lines - (area.body_top - placement.line));
    area_lines = area.body_top - placement.line + depth;
  }
  const int area_end = placement.line + area_lines;
  for (auto& s : slots) {
    if (s.open_end) s.end_line = area_end;
  }
  // A jump keeps the last line of the last column for （下转第N版）.
  if (jumps) slots.back().end_line -= 1;

  FlowResult flowed = flow(items, slots);
  for (const Placed& p : flowed.placed) {
    VItem& item = items[p.item];
    const ColumnSlot& slot = slots[static_cast<std::size_t>(p.slot)];
    const Point origin{slot.x, grid.line_top(p.line)};
    if (!item.record.text.empty()) draw_record(std::move(item.record), spec.number, article.id, slot.column + 1, origin);
    page.frame.frame.push_frame(origin, std::move(item.frame));
  }

  // The head goes on top once the area's size is known.
  draw_records(head.records, spec.number, article.id, 0, {area_x, grid.line_top(placement.line)});
  page.frame.frame.push_frame({area_x, grid.line_top(placement.line)}, std::move(head.frame));

  // Column rules: a hairline in each gutter of the body, when the layout asks for them.
  if (issue_.layout.grid.column_rules) {
    for (int k = 1; k < area.columns.count; ++k) {
      const auto ku = static_cast<std::size_t>(k);
      const Length x = (area.columns.x[ku - 1] + area.columns.measure + area.columns.x[ku]) / 2;
      const int top = std::min(area.tops[ku - 1], area.tops[ku]);
      page.frame.frame.push({x, grid.line_top(top)},
                            frame::RuleItem{{Length(), grid.pitch * static_cast<std::int64_t>(area_end - top) -
                                                           (grid.pitch - grid.body_size)},
                                            Length::pt(0.25), frame::Color::black()});
    }
  }

  AreaReport report;
  report.page = spec.number;
  report.article = article.id;
  report.column = placement.column;
  report.span = placement.span;
  report.line = placement.line;
  report.lines = area_lines;
  report.where = placement.where;
  for (std::size_t k = 0; k < slots.size(); ++k) {
    report.body_lines_capacity += std::max(0, slots[k].end_line - slots[k].first_line);
    report.body_lines_used += flowed.lines_used[k];
  }
  std::vector<VItem> rest(std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(flowed.next_item)),
                          std::make_move_iterator(items.end()));
  if (jumps && !rest.empty()) {
    VItem note = text_item("（下转第" + std::to_string(*placement.continue_page) + "版）", "jump", compose::Align::Right, 1,
                           grid, area.columns.measure, "jump", styles_, diagnostics_, placement.where);
    const Point origin{slots.back().x, grid.line_top(area_end - 1)};
    draw_records({note.record}, spec.number, article.id, slots.back().column + 1, origin);
    page.frame.frame.push_frame(origin, std::move(note.frame));
    report.continue_page = *placement.continue_page;
    for (const auto& item : rest) report.jumped_lines += item.lines;
  } else if (!rest.empty()) {
    for (const auto& item : rest) {
      report.overset_lines += item.lines;
      report.overset_chars += item.chars;
    }
    diagnostics_.warning("overset",
                         "article \"" + article.id + "\" does not fit its area: " + std::to_string(report.overset_lines) +
                             " lines (" + std::to_string(report.overset_chars) + " characters) left over",
                         placement.where, {"give the area more lines or columns, or cut the copy"});
    // The proof marks the area; the printed page does not.
    page.frame.frame.push({area_x, grid.line_top(placement.line)},
                          frame::BoxItem{{grid.span_width(placement.span), grid.pitch * static_cast<std::int64_t>(area_lines)},
                                         frame::Color{255, 0, 0}, frame::Color{255, 0, 0}, Length::pt(2), true});
    rest.clear();
  }
  // Underset: empty lines at the foot of a fixed-height area's columns. Fewer empty lines than
  // columns is the short last column that balanced columns have by design (P4): reported in
  // the figures, not warned about.
  if (placement.lines && report.overset_lines == 0 && report.jumped_lines == 0) {
    report.underset_lines = report.body_lines_capacity - report.body_lines_used;
    if (report.underset_lines >= area.columns.count) {
      diagnostics_.warning("underset",
                           "article \"" + article.id + "\" leaves " + std::to_string(report.underset_lines) +
                               " empty lines at the foot of its area",
                           placement.where, {"give the area fewer lines, or add copy"});
    }
  }
  if (article.shade) {
    // 底纹: the tint goes under everything the area drew, half a character beyond its edges.
    const Length pad = grid.body_size * 0.5;
    frame::BoxItem tint{{grid.span_width(placement.span) + pad * 2, grid.pitch * static_cast<std::int64_t>(area_lines) + pad},
                        parse_color(*article.shade), std::nullopt, Length()};
    auto& drawn = page.frame.frame.items;
    drawn.insert(drawn.begin() + static_cast<std::ptrdiff_t>(page.area_first_item),
                 {Point{area_x - pad, grid.line_top(placement.line) - pad}, frame::FrameItem{tint}});
  }
  if (article.box) {
    const Length pad = grid.body_size * 0.5;
    page.frame.frame.push({area_x - pad, grid.line_top(placement.line) - pad},
                          frame::BoxItem{{grid.span_width(placement.span) + pad * 2,
                                          grid.pitch * static_cast<std::int64_t>(area_lines) + pad},
                                         std::nullopt, frame::Color::black(), Length::pt(0.5)});
  }
  page.areas.push_back({placement.column - 1, placement.span, placement.line, area_lines, article.box || article.shade.has_value()});
  result_.areas.push_back(report);
  return rest;
}

void IssueLayout::draw_area_rules(PageState& page) {
  // A hairline between neighbouring articles: under an area that has another right below it,
  // and in the gutter between areas side by side (boxed articles carry their own rule).
  const PageGrid& grid = page.grid;
  const Length thin = Length::pt(0.5);
  for (const auto& a : page.areas) {
    for (const auto& b : page.areas) {
      if (&a == &b || a.boxed || b.boxed) continue;
      const int col_from = std::max(a.column, b.column);
      const int col_to = std::min(a.column + a.span, b.column + b.span);
      if (a.line + a.lines == b.line && col_from < col_to) {
        const Length y = grid.line_top(b.line) - (grid.pitch - grid.body_size) / 2;
        const Length x = grid.column_x(col_from);
        const Length width = grid.column_x(col_to - 1) + grid.measure - x;
        page.frame.frame.push({x, y}, frame::RuleItem{{width, Length()}, thin, frame::Color::black()});
      }
      const int line_from = std::max(a.line, b.line);
      const int line_to = std::min(a.line + a.lines, b.line + b.lines);
      if (a.column + a.span == b.column && line_from < line_to) {
        const Length x = grid.column_x(b.column) - grid.gutter / 2;
        const Length y = grid.line_top(line_from);
        const Length height = grid.line_top(line_to - 1) + grid.body_size - y;
        page.frame.frame.push({x, y}, frame::RuleItem{{Length(), height}, thin, frame::Color::black()});
      }
    }
  }
}

}  // namespace

LayoutResult layout_issue(const model::Issue& issue, fonts::FontLibrary& fonts, Diagnostics& diagnostics,
                          const PageCallback& on_page) {
  return IssueLayout(issue, fonts, diagnostics).run(on_page);
}

}  // namespace zjgr::layout
