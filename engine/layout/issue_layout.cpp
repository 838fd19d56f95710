#include "layout/issue_layout.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "frame/frame_store.h"
#include "layout/area.h"
#include "layout/copyfit.h"
#include "layout/grid.h"
#include "layout/page_runner.h"
#include "layout/page_template.h"
#include "layout/proof_marks.h"
#include "layout/stack.h"

namespace zjgr::layout {
namespace {

using Clock = std::chrono::steady_clock;

/// Where an area sits on the page's grid, once set.
struct PlacedArea {
  int column = 0, span = 1, row = 0, rows = 0;  ///< 0-based grid column
  bool fixed = false;                           ///< its height was given (`lines`)
  bool boxed = false;
  std::string article;
};

class IssueLayout {
 public:
  IssueLayout(const model::Issue& issue, fonts::FontLibrary& fonts, Diagnostics& diagnostics,
              const LayoutOptions& options)
      : issue_(issue), styles_(issue.layout, fonts), diagnostics_(diagnostics), options_(options) {}

  LayoutResult run(const PageCallback& on_page);

 private:
  struct PageState {
    PageGrid grid;
    frame::PageFrame frame;
    std::vector<PlacedArea> areas;
    frame::Frame marks;      ///< proof-only marks of the page (bands, overlaps, notes)
    std::vector<MarginNote> notes;  ///< the areas' margin notes, set when the page is finished
    int reserved_rows = 0;   ///< rows at the top the page template keeps for itself
    /// Per placement of the page, in its order: the first row and the rows it took, once set.
    std::vector<std::optional<std::pair<int, int>>> extents;
    double milliseconds = 0;
    int articles = 0;
    int lines = 0;           ///< lines set on the page (the line records', kept or not)
    std::vector<Hole> bands; ///< found when the page is finished
    Diagnostics finish_report;  ///< what finishing the page said, added after every page is set
    bool finished = false;
    // What setting the page adds to the run's result, kept here until collect() adds it in the
    // order a serial run sets the pages (pages may be set on several threads).
    Diagnostics report;
    std::vector<LineRecord> line_records;
    std::vector<AreaReport> area_reports;
    std::vector<PhotoReport> photos;
  };

  /// Adds what setting `page` reported and recorded to the run's diagnostics and result.
  void collect(PageState& page);
  /// Takes what is left of a jumping article for its continuation, if anything is.
  std::optional<JumpedCopy> take_jump(int article);

  /// Sets every page: in order, except that a page waits until every article it continues has
  /// been set on its own page (a jump can go to an earlier page), so that a continuation's height
  /// is known when the areas stacked below it are set. Jumps that go round in a circle are broken
  /// by setting the rest of the pages in order, their unready continuations last.
  void set_pages(std::vector<PageState>& pages);
  void start_page(const model::PageSpec& spec, PageState& page);
  /// Sets a page's placements in their order (a stack at once); a continuation whose copy is not
  /// set yet is left for later in `deferred` when given, else set with what there is.
  void set_page(std::size_t index, PageState& page, std::vector<std::pair<std::size_t, std::size_t>>* deferred);
  /// Marks, rules and bands, once every area of the page is set; then the page's frame goes to
  /// the document's store when the run keeps frames out of memory (LayoutOptions::spill_frames).
  void finish_page(std::size_t index, PageState& page);
  /// The first row of placement `index`: its `line`, or below the placements listed before it
  /// that share a column with it ("line": "auto").
  int start_row(const model::PageSpec& spec, std::size_t index, const PageState& page) const;
  /// The placements stacked in the columns of `index` below it: it and the "auto" placements
  /// that follow it in the same columns with nothing else in those columns between them.
  std::vector<std::size_t> stack_from(const model::PageSpec& spec, std::size_t index) const;
  /// The row a stack's band ends at: the first row of the next placement with a `line` below
  /// it in its columns, listed after it, or the foot of the type area.
  int band_end(const model::PageSpec& spec, const std::vector<std::size_t>& stack, int top, const PageState& page) const;
  /// The area's spec at `row` with `rows`, or nothing (with an "out-of-grid" error at the
  /// placement) when it leaves the page's grid or takes rows the page template reserves.
  std::optional<AreaSpec> area_spec(const model::PageSpec& spec, const model::Placement& placement, int row,
                                    std::optional<int> rows, PageState& page);
  /// Sets an article's area, fitted when the layout has a policy and the area a fixed height.
  AreaResult set_article(const model::Placement& placement, const AreaSpec& area, const ArticleCopy& copy,
                         AreaContext& context) const;
  /// `copy`: the article's copy when its stack has shaped it already.
  void place_article(const model::PageSpec& spec, std::size_t index, int row, std::optional<int> rows,
                     PageState& page, std::optional<StackShare> share = std::nullopt,
                     const ArticleCopy* copy = nullptr);
  void place_continuation(const model::PageSpec& spec, std::size_t index, int row, std::optional<int> rows,
                          PageState& page, std::optional<StackShare> share = std::nullopt);
  /// A stack with an area that fills: its band shared out by plan_stack, each area then set and placed.
  void place_stack(const model::PageSpec& spec, const std::vector<std::size_t>& stack, PageState& page);
  /// Puts a set area on the page: its frame at its grid position, its records and reports moved
  /// by the same offset (the one place where area coordinates become page coordinates).
  void place_area(const AreaSpec& spec, const model::Placement& placement, std::size_t index, AreaResult area,
                  PageState& page);
  /// The area's note for the page margin (proofs only), if it has one: what copyfitting did or
  /// still needs, and the copy that did not fit, starting with its count.
  static std::optional<MarginNote> margin_note(const AreaReport& report, Rect area);
  /// Areas that grew to their copy into another area: a warning naming both, marked on the proof.
  void check_overlaps(PageState& page, Diagnostics& diagnostics);
  /// Empty bands of more than two rows between areas (and below the last), per run of columns.
  std::vector<Hole> find_bands(PageState& page, int number, Diagnostics& diagnostics);
  void draw_area_rules(PageState& page);

  const model::Issue& issue_;
  StyleBook styles_;
  Diagnostics& diagnostics_;
  LayoutOptions options_;
  LayoutResult result_;
  /// What did not fit of a jumping article, by article index, for its continuation. Pages set
  /// at once share no article, but the map itself is shared: jumps_mutex_ guards it.
  std::map<int, JumpedCopy> jumps_;
  std::mutex jumps_mutex_;
  /// By article index: its own (not continued) area is set. One byte each, so that pages set at
  /// once write their own articles' flags without touching each other's.
  std::vector<char> article_set_;
  std::shared_ptr<frame::FrameStore> frames_;  ///< where finished pages' frames go (spill_frames)
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

  // The body style first, before any page: what loading the fonts says once a run (fontconfig's
  // skipped files) then comes first, whichever thread would have loaded a face first.
  styles_.get(issue_.layout.grid.body_style, diagnostics_);
  std::vector<PageState> pages(issue_.pages.size());
  if (options_.spill_frames) result_.document.frames = frames_ = std::make_shared<frame::FrameStore>(pages.size());
  set_pages(pages);
  // What finishing the pages said, in page order, after what setting them said (pages are
  // finished as soon as they are complete, which is not page order when an article jumps back).
  for (auto& page : pages) diagnostics_.add_all(page.finish_report);
  for (std::size_t i = 0; i < issue_.pages.size(); ++i) {
    PageReport report;
    report.number = issue_.pages[i].number;
    report.articles = pages[i].articles;
    report.lines = pages[i].lines;
    report.bands = std::move(pages[i].bands);
    report.milliseconds = pages[i].milliseconds;
    if (on_page) on_page(report);
    result_.pages.push_back(std::move(report));
    result_.document.pages.push_back(std::move(pages[i].frame));
  }
  for (const auto& [article, jump] : jumps_) {
    if (!jump.empty()) {
      int lines = jump.vertical_lines;
      for (const auto& item : jump.items) lines += item.lines;
      diagnostics_.warning("jump-without-continuation",
                           "article \"" + issue_.articles[static_cast<std::size_t>(article)].id +
                               "\" jumps but no page continues it; " + counted(lines, "column-line") + " lost",
                           issue_.articles[static_cast<std::size_t>(article)].where);
    }
  }
  result_.stats = styles_.stats();
  return std::move(result_);
}

void IssueLayout::set_pages(std::vector<PageState>& pages) {
  article_set_.assign(issue_.articles.size(), 0);
  std::vector<bool> placed_somewhere(issue_.articles.size(), false);
  // The articles each page places or continues: pages that share none are set at once.
  std::vector<std::vector<int>> articles_of(issue_.pages.size());
  for (std::size_t i = 0; i < issue_.pages.size(); ++i) {
    for (const auto& p : issue_.pages[i].articles) {
      if (p.article < 0) continue;
      if (!p.continued) placed_somewhere[static_cast<std::size_t>(p.article)] = true;
      articles_of[i].push_back(p.article);
    }
    std::sort(articles_of[i].begin(), articles_of[i].end());
  }
  const auto share_article = [&](std::size_t a, std::size_t b) {
    const auto &x = articles_of[a], &y = articles_of[b];
    for (auto i = x.begin(), j = y.begin(); i != x.end() && j != y.end();) {
      if (*i == *j) return true;
      *i < *j ? ++i : ++j;
    }
    return false;
  };
  const auto ready = [&](std::size_t i) {
    return std::all_of(issue_.pages[i].articles.begin(), issue_.pages[i].articles.end(), [&](const model::Placement& p) {
      const auto a = static_cast<std::size_t>(p.article);
      return !p.continued || article_set_[a] != 0 || !placed_somewhere[a];
    });
  };
  // The pages in the order a serial run sets them. A page is looked at once every page sharing
  // an article with it is done, so that it sees what a serial run would (an article set, a
  // jump's rest) and its articles are never set on two threads.
  std::vector<std::size_t> order;
  {
    PageRunner runner(layout_threads(options_.threads), [&](std::size_t i) {
      const StyleBook::PageMemo memo(styles_);
      set_page(i, pages[i], nullptr);
      finish_page(i, pages[i]);
    }, options_.yield_to_drawing ? 10 : 0);
    std::vector<bool> done(issue_.pages.size(), false);
    for (bool progress = true; progress;) {
      progress = false;
      for (std::size_t i = 0; i < issue_.pages.size(); ++i) {
        if (done[i]) continue;
        runner.wait_unless([&](std::size_t running) { return share_article(i, running); });
        if (!ready(i)) continue;
        runner.start(i);
        order.push_back(i);
        done[i] = progress = true;
      }
    }
    runner.finish();
  }
  for (std::size_t i : order) collect(pages[i]);
  // Jumps that go round in a circle: the rest of the pages in order, on this thread.
  std::vector<std::pair<std::size_t, std::size_t>> deferred;
  for (std::size_t i = 0; i < issue_.pages.size(); ++i) {
    if (pages[i].finished) continue;
    const StyleBook::PageMemo memo(styles_);
    set_page(i, pages[i], &deferred);
    collect(pages[i]);
  }
  for (const auto& [i, index] : deferred) {
    const auto start = Clock::now();
    place_continuation(issue_.pages[i], index, pages[i].extents[index]->first, issue_.pages[i].articles[index].lines,
                       pages[i]);
    pages[i].milliseconds += std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    collect(pages[i]);
  }
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (!pages[i].finished) finish_page(i, pages[i]);
  }
}

std::optional<JumpedCopy> IssueLayout::take_jump(int article) {
  const std::lock_guard<std::mutex> lock(jumps_mutex_);
  auto it = jumps_.find(article);
  if (it == jumps_.end()) return std::nullopt;
  JumpedCopy jumped = std::move(it->second);
  jumps_.erase(it);
  return jumped;
}

void IssueLayout::collect(PageState& page) {
  diagnostics_.add_all(page.report);
  page.report = Diagnostics{};
  const auto append = [](auto& to, auto& from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
    from.clear();
  };
  append(result_.lines, page.line_records);
  append(result_.areas, page.area_reports);
  append(result_.photos, page.photos);
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
  page.reserved_rows = it->second.reserved_lines;
  const std::size_t records = page.line_records.size();
  draw_template(it->second, template_variables(issue_, spec), page.grid, styles_, page.frame.frame, page.line_records,
                spec.number, page.report);
  page.lines += static_cast<int>(page.line_records.size() - records);
  if (!options_.line_records) page.line_records.resize(records);
}

void IssueLayout::set_page(std::size_t index, PageState& page,
                           std::vector<std::pair<std::size_t, std::size_t>>* deferred) {
  const auto start = Clock::now();
  const model::PageSpec& spec = issue_.pages[index];
  start_page(spec, page);
  page.extents.assign(spec.articles.size(), std::nullopt);
  for (std::size_t i = 0; i < spec.articles.size(); ++i) {
    if (page.extents[i]) continue;  // set with its stack
    const model::Placement& placement = spec.articles[i];
    const std::vector<std::size_t> stack = stack_from(spec, i);
    if (std::any_of(stack.begin(), stack.end(), [&](std::size_t k) { return spec.articles[k].lines_fill; })) {
      place_stack(spec, stack, page);
      continue;
    }
    const int row = start_row(spec, i, page);
    if (!placement.continued) {
      place_article(spec, i, row, placement.lines, page);
    } else if (deferred != nullptr && article_set_[static_cast<std::size_t>(placement.article)] == 0) {
      page.extents[i] = {row, placement.lines.value_or(0)};
      deferred->emplace_back(index, i);
    } else {
      place_continuation(spec, i, row, placement.lines, page);
    }
  }
  page.milliseconds += std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void IssueLayout::finish_page(std::size_t index, PageState& page) {
  const auto start = Clock::now();
  draw_area_rules(page);
  check_overlaps(page, page.finish_report);
  page.bands = find_bands(page, issue_.pages[index].number, page.finish_report);
  place_margin_notes(page.marks, std::move(page.notes), page.frame.trim.width, page.grid, styles_, page.finish_report);
  if (!page.marks.items.empty()) page.frame.frame.push_proof_frame({}, std::move(page.marks));
  if (frames_) frames_->put(index, page.frame.frame);  // kept in memory if it cannot be stored
  page.finished = true;
  page.milliseconds += std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  if (options_.on_page_finished) options_.on_page_finished(index, page.frame, frames_);
}

namespace {

bool share_columns(const model::Placement& a, const model::Placement& b) {
  return a.column < b.column + b.span && b.column < a.column + a.span;
}

}  // namespace

int IssueLayout::start_row(const model::PageSpec& spec, std::size_t index, const PageState& page) const {
  const model::Placement& placement = spec.articles[index];
  if (!placement.line_auto) return placement.line;
  int row = page.reserved_rows;
  for (std::size_t k = 0; k < index; ++k) {
    if (page.extents[k] && share_columns(spec.articles[k], placement)) {
      row = std::max(row, page.extents[k]->first + page.extents[k]->second);
    }
  }
  return row;
}

std::vector<std::size_t> IssueLayout::stack_from(const model::PageSpec& spec, std::size_t index) const {
  std::vector<std::size_t> stack{index};
  const model::Placement& head = spec.articles[index];
  for (std::size_t k = index + 1; k < spec.articles.size(); ++k) {
    const model::Placement& p = spec.articles[k];
    if (!share_columns(p, head)) continue;
    if (!p.line_auto || p.column != head.column || p.span != head.span) break;
    stack.push_back(k);
  }
  return stack;
}

int IssueLayout::band_end(const model::PageSpec& spec, const std::vector<std::size_t>& stack, int top,
                          const PageState& page) const {
  const model::Placement& head = spec.articles[stack.front()];
  int end = page.grid.lines;
  for (std::size_t k = stack.front() + 1; k < spec.articles.size(); ++k) {
    const model::Placement& p = spec.articles[k];
    if (!p.line_auto && p.line > top && share_columns(p, head)) end = std::min(end, p.line);
  }
  return end;
}

std::optional<AreaSpec> IssueLayout::area_spec(const model::PageSpec& spec, const model::Placement& placement,
                                               int row, std::optional<int> rows, PageState& page) {
  const int grid_rows = page.grid.lines;
  const int end = rows ? row + *rows : row + 1;
  const std::string stacked = placement.line_auto ? " (\"line\": \"auto\" put it below the areas listed before it)" : "";
  std::string problem;
  if (row >= grid_rows || end > grid_rows) {
    problem = "the area's grid rows " + span_text(row, end - 1) + " run past the page, which has rows 0–" +
              std::to_string(grid_rows - 1) + stacked;
  } else if (row < page.reserved_rows) {
    problem = "the area starts at row " + std::to_string(row) + ", inside the " + counted(page.reserved_rows, "row") +
              " that template \"" + spec.template_name + "\" reserves";
  }
  if (!problem.empty()) {
    page.report.error("out-of-grid", problem, placement.where);
    return std::nullopt;
  }
  AreaSpec area;
  area.column = placement.column - 1;
  area.span = placement.span;
  area.row = row;
  area.rows = rows;
  area.max_rows = std::max(0, grid_rows - row);
  area.head_span = placement.head_span.value_or(0);
  area.vertical = placement.vertical;
  area.headline_vertical = placement.headline_vertical;
  area.headline_left = placement.headline_left;
  area.headline_columns = placement.headline_columns;
  area.bands = placement.bands;
  if (!placement.headline_style.empty()) area.headline_style = placement.headline_style;
  area.photo_aspect = placement.photo_aspect;
  if (!placement.continued) area.continue_page = placement.continue_page;
  area.page = spec.number;
  area.where = placement.where;
  return area;
}

AreaResult IssueLayout::set_article(const model::Placement& placement, const AreaSpec& area, const ArticleCopy& copy,
                                    AreaContext& context) const {
  // A fixed area that does not jump is fitted to its copy when the layout has a policy.
  const bool fit = options_.fit && issue_.layout.copyfit && placement.fit && area.rows && !area.continue_page;
  return fit ? fit_area(area, copy, context, *issue_.layout.copyfit) : set_area(area, copy, context);
}

void IssueLayout::place_article(const model::PageSpec& spec, std::size_t index, int row, std::optional<int> rows,
                                PageState& page, std::optional<StackShare> share, const ArticleCopy* copy) {
  const model::Placement& placement = spec.articles[index];
  const std::optional<AreaSpec> area = area_spec(spec, placement, row, rows, page);
  if (!area) return;
  const model::Article& article = issue_.articles.at(static_cast<std::size_t>(placement.article));
  AreaContext context{page.grid, styles_, page.report, issue_.layout.grid.column_rules};
  AreaResult set = copy != nullptr ? set_article(placement, *area, *copy, context)
                                   : set_article(placement, *area, shape_copy(article, page.grid, styles_, page.report), context);
  set.report.stack = share;
  place_area(*area, placement, index, std::move(set), page);
}

void IssueLayout::place_continuation(const model::PageSpec& spec, std::size_t index, int row,
                                     std::optional<int> rows, PageState& page, std::optional<StackShare> share) {
  const model::Placement& placement = spec.articles[index];
  const std::optional<AreaSpec> area = area_spec(spec, placement, row, rows, page);
  if (!area) return;
  const model::Article& article = issue_.articles.at(static_cast<std::size_t>(placement.article));
  std::optional<JumpedCopy> jumped = take_jump(placement.article);
  if (!jumped) {
    page.report.warning("empty-continuation", "nothing of article \"" + article.id + "\" is left to continue here",
                         placement.where);
    ++page.articles;
    page.extents[index] = {row, rows.value_or(0)};
    return;
  }
  AreaContext context{page.grid, styles_, page.report, issue_.layout.grid.column_rules};
  AreaResult set = set_continuation(*area, article, std::move(*jumped), context);
  set.report.stack = share;
  place_area(*area, placement, index, std::move(set), page);
}

void IssueLayout::place_stack(const model::PageSpec& spec, const std::vector<std::size_t>& stack, PageState& page) {
  const int top = start_row(spec, stack.front(), page);
  const int end = band_end(spec, stack, top, page);
  const int band = end - top;
  const model::Placement& head = spec.articles[stack.front()];
  const auto no_room = [&](int rows_needed) {
    page.report.error("out-of-grid",
                       "the " + counted(static_cast<long long>(stack.size()), "area") + " stacked in grid columns " +
                           span_text(head.column, head.column + head.span - 1) + " from row " + std::to_string(top) +
                           " need " + counted(rows_needed, "row") + " or more, but there are " +
                           counted(std::max(0, band), "row") + " down to " +
                           (end == page.grid.lines ? "the foot of the type area" : "the area at row " + std::to_string(end)),
                       head.where, {"give an area of the stack fewer `lines`, or move the area below it down"});
    for (std::size_t k : stack) page.extents[k] = {top, 0};
  };
  if (top < page.grid.lines && band < 1) return no_room(static_cast<int>(stack.size()));
  if (!area_spec(spec, head, top, std::nullopt, page)) {
    for (std::size_t k : stack) page.extents[k] = {top, 0};
    return;
  }
  // Trials set each area at the band's top, reporting nothing; the chosen heights are then set
  // for real, each at its own row.
  std::vector<std::optional<ArticleCopy>> copies(stack.size());
  std::vector<StackMember> members(stack.size());
  Diagnostics quiet;
  AreaContext trial_context{page.grid, styles_, quiet, issue_.layout.grid.column_rules};
  for (std::size_t m = 0; m < stack.size(); ++m) {
    const model::Placement& placement = spec.articles[stack[m]];
    const model::Article& article = issue_.articles.at(static_cast<std::size_t>(placement.article));
    AreaSpec area = *area_spec(spec, placement, top, std::nullopt, page);
    area.max_rows = band;
    StackMember& member = members[m];
    member.height = placement.lines_fill ? StackMember::Height::Fill
                    : placement.lines    ? StackMember::Height::Given
                                         : StackMember::Height::Content;
    member.rows = placement.lines.value_or(0);
    if (placement.continued) {
      // A copy of the rest to try with: the map may change while this page is set.
      std::optional<JumpedCopy> rest;
      {
        const std::lock_guard<std::mutex> lock(jumps_mutex_);
        if (auto it = jumps_.find(placement.article); it != jumps_.end()) rest = it->second;
      }
      member.trial = [this, &trial_context, &article, rest = std::move(rest), area](std::optional<int> rows) mutable {
        if (!rest) return AreaReport{};
        area.rows = rows;
        return set_continuation(area, article, *rest, trial_context).report;
      };
      continue;
    }
    copies[m] = shape_copy(article, page.grid, styles_, page.report);
    member.absorbs = placement.lines_fill && placement.continue_page.has_value();
    member.trial = [this, &placement, &trial_context, &copy = *copies[m], area](std::optional<int> rows) mutable {
      area.rows = rows;
      return set_article(placement, area, copy, trial_context).report;
    };
  }
  const StackPlan plan = [&] {
    const StyleBook::StatsPause trying(styles_);  // each area is counted when it is placed
    return plan_stack(members, band);
  }();
  if (!plan.room) {
    int needed = 0;
    for (std::size_t m = 0; m < stack.size(); ++m) needed += std::max(1, plan.natural_rows[m]);
    return no_room(needed);
  }
  int row = top;
  for (std::size_t m = 0; m < stack.size(); ++m) {
    const std::size_t k = stack[m];
    const model::Placement& placement = spec.articles[k];
    std::optional<StackShare> share;
    std::optional<int> rows = placement.lines;
    if (members[m].height == StackMember::Height::Fill) {
      const bool rest = members[m].absorbs;
      share = StackShare{top, band, static_cast<int>(stack.size()), rest ? plan.rows[m] : plan.natural_rows[m],
                         plan.rows[m], rest};
      rows = plan.rows[m];
    }
    if (placement.continued) {
      place_continuation(spec, k, row, rows, page, share);
    } else {
      place_article(spec, k, row, rows, page, share, &*copies[m]);
    }
    if (!page.extents[k]) page.extents[k] = {row, plan.rows[m]};
    row = page.extents[k]->first + page.extents[k]->second;
  }
}

void IssueLayout::place_area(const AreaSpec& spec, const model::Placement& placement, std::size_t index,
                             AreaResult area, PageState& page) {
  const model::Article& article = issue_.articles.at(static_cast<std::size_t>(placement.article));
  if (!placement.continued) article_set_[static_cast<std::size_t>(placement.article)] = 1;
  if (!area.rest.empty()) {
    const std::lock_guard<std::mutex> lock(jumps_mutex_);
    jumps_[placement.article] = std::move(area.rest);
  }
  ++page.articles;
  page.extents[index] = {spec.row, area.report.rows};
  const Point origin{page.grid.column_x(spec.column), page.grid.line_top(spec.row)};
  page.lines += static_cast<int>(area.lines.size());
  if (options_.line_records) {
    for (auto& r : area.lines) {
      r.page = spec.page;
      r.area = article.id;
      r.x += origin.x;
      r.y += origin.y;
      page.line_records.push_back(std::move(r));
    }
  }
  for (auto& photo : area.photos) {
    photo.block.origin = photo.block.origin + origin;
    page.photos.push_back(std::move(photo));
  }
  page.frame.frame.push_frame(origin, std::move(area.frame));
  const Rect rect{origin, {page.grid.span_width(spec.span), page.grid.pitch * static_cast<std::int64_t>(area.report.rows)}};
  if (auto note = margin_note(area.report, rect)) page.notes.push_back(std::move(*note));
  page.areas.push_back({spec.column, spec.span, spec.row, area.report.rows,
                        placement.lines.has_value() && !placement.line_auto, article.box || article.shade.has_value(),
                        article.id});
  page.area_reports.push_back(std::move(area.report));
}

std::optional<MarginNote> IssueLayout::margin_note(const AreaReport& report, Rect area) {
  MarginNote note{area, "", kOversetMark};
  if (report.overset_column_lines > 0) {
    // The count first, then what copyfitting tried (已…), then the copy that did not fit.
    const std::string steps = report.copyfit ? copyfit_steps(*report.copyfit) : "";
    note.text = overset_label(report.overset_column_lines, report.overset_chars) +
                (steps.empty() ? "" : "（已" + steps + "）") + "：" + report.overset_text;
  } else if (report.copyfit && report.copyfit->result != FitResult::AsSet) {
    note.text = copyfit_label(*report.copyfit);
    note.color = report.copyfit->result == FitResult::Underset ? kEmptyMark : kFittedMark;
  } else {
    return std::nullopt;
  }
  return note;
}

void IssueLayout::check_overlaps(PageState& page, Diagnostics& diagnostics) {
  // Two fixed areas that overlap are an input error (marked here for --proof-on-error); an area
  // as tall as its copy can grow into the one below it, which only layout can tell.
  const auto& areas = page.areas;
  for (std::size_t a = 0; a < areas.size(); ++a) {
    for (std::size_t b = a + 1; b < areas.size(); ++b) {
      const PlacedArea& x = areas[a];
      const PlacedArea& y = areas[b];
      const int col_from = std::max(x.column, y.column), col_to = std::min(x.column + x.span, y.column + y.span);
      const int row_from = std::max(x.row, y.row), row_to = std::min(x.row + x.rows, y.row + y.rows);
      if (col_from >= col_to || row_from >= row_to) continue;
      const Rect overlap{{page.grid.column_x(col_from), page.grid.line_top(row_from)},
                         {page.grid.span_width(col_to - col_from),
                          page.grid.pitch * static_cast<std::int64_t>(row_to - row_from)}};
      mark_band(page.marks, overlap, kOversetMark);
      mark_outline(page.marks, overlap, kOversetMark);
      if (x.fixed && y.fixed) continue;  // input/ reported it
      const PlacedArea& upper = x.row <= y.row ? x : y;
      const PlacedArea& lower = x.row <= y.row ? y : x;
      diagnostics.warning("overlap",
                           "on page " + std::to_string(page.frame.number) + " the area of \"" + upper.article +
                               "\" (rows " + span_text(upper.row, upper.row + upper.rows - 1) + ") overlaps \"" +
                               lower.article + "\" in columns " + span_text(col_from + 1, col_to) + ", rows " +
                               span_text(row_from, row_to - 1) + "; \"" + lower.article + "\" would have to move down " +
                               counted(upper.row + upper.rows - lower.row, "row"),
                           {}, {"give the upper area a fixed `lines`, or move the lower one down"});
    }
  }
}

std::vector<Hole> IssueLayout::find_bands(PageState& page, int number, Diagnostics& diagnostics) {
  const PageGrid& grid = page.grid;
  std::vector<Hole> bands;
  std::vector<bool> filled(static_cast<std::size_t>(grid.lines));
  for (int column = 0; column < grid.columns; ++column) {
    std::fill(filled.begin(), filled.end(), false);
    for (int r = 0; r < std::min(page.reserved_rows, grid.lines); ++r) filled[static_cast<std::size_t>(r)] = true;
    for (const PlacedArea& a : page.areas) {
      if (column < a.column || column >= a.column + a.span) continue;
      for (int r = std::max(a.row, 0); r < std::min(a.row + a.rows, grid.lines); ++r) filled[static_cast<std::size_t>(r)] = true;
    }
    for (int r = 0; r < grid.lines;) {
      if (filled[static_cast<std::size_t>(r)]) {
        ++r;
        continue;
      }
      int end = r;
      while (end < grid.lines && !filled[static_cast<std::size_t>(end)]) ++end;
      if (end - r > 2) {
        // The same rows empty in the column to the left: one band across both.
        auto same = std::find_if(bands.begin(), bands.end(), [&](const Hole& h) {
          return h.last_column == column && h.first_row == r && h.rows == end - r;
        });
        if (same != bands.end()) {
          same->last_column = column + 1;
        } else {
          bands.push_back({number, "", column + 1, column + 1, r, end - r, end == grid.lines});
        }
      }
      r = end;
    }
  }
  for (const Hole& band : bands) {
    const Rect rect{{grid.column_x(band.first_column - 1), grid.line_top(band.first_row)},
                    {grid.span_width(band.last_column - band.first_column + 1),
                     grid.pitch * static_cast<std::int64_t>(band.rows)}};
    mark_band(page.marks, rect, kEmptyMark);
    mark_label(page.marks, {rect.right(), rect.bottom()}, Corner::BottomRight,
               empty_label(std::vector<int>(static_cast<std::size_t>(band.last_column - band.first_column + 1), band.rows)),
               kEmptyMark, grid, styles_, diagnostics);
    // The space below a page's last areas is shown and reported, not warned about: a page can
    // be planned short (a continuation page still to be filled); a gap between areas cannot.
    if (band.foot) continue;
    diagnostics.warning("hole",
                         "page " + std::to_string(number) + " has " + counted(band.rows, "empty row") + " in grid " +
                             columns_text(band.first_column, band.last_column) +
                             " (rows " + span_text(band.first_row, band.first_row + band.rows - 1) +
                             "), between the areas above and below",
                         {}, {"move an area into the gap or give the area above it more rows"});
  }
  return bands;
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
      if (a.row + a.rows == b.row && col_from < col_to) {
        const Length y = grid.line_top(b.row) - (grid.pitch - grid.body_size) / 2;
        const Length x = grid.column_x(col_from);
        const Length width = grid.column_x(col_to - 1) + grid.measure - x;
        page.frame.frame.push({x, y}, frame::RuleItem{{width, Length()}, thin, frame::Color::black()});
      }
      const int row_from = std::max(a.row, b.row);
      const int row_to = std::min(a.row + a.rows, b.row + b.rows);
      if (a.column + a.span == b.column && row_from < row_to) {
        const Length x = grid.column_x(b.column) - grid.gutter / 2;
        const Length y = grid.line_top(row_from);
        const Length height = grid.line_top(row_to - 1) + grid.body_size - y;
        page.frame.frame.push({x, y}, frame::RuleItem{{Length(), height}, thin, frame::Color::black()});
      }
    }
  }
}

}  // namespace

LayoutResult layout_issue(const model::Issue& issue, fonts::FontLibrary& fonts, Diagnostics& diagnostics,
                          const PageCallback& on_page, const LayoutOptions& options) {
  return IssueLayout(issue, fonts, diagnostics, options).run(on_page);
}

}  // namespace zjgr::layout
