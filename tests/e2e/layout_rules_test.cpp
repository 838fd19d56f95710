// Page rules checked on whole composed issues (the example in both layouts, and hand-built
// cases): baselines on the grid, nothing outside its area, no text on a photo, jumps carry
// exactly the rest of the text, overset counted as a person would count it.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "base/units.h"
#include "base/utf8.h"
#include "fonts/font_library.h"
#include "input/load.h"
#include "layout/characters.h"
#include "layout/grid.h"
#include "layout/issue_layout.h"
#include "layout/styles.h"
#include "support/frame_compare.h"
#include "support/paths.h"
#include "text/normalize.h"

namespace zjgr {
namespace {

namespace fs = std::filesystem;

struct Composed {
  model::Issue issue;
  layout::LayoutResult result;
  Diagnostics diagnostics;
};

// One FontLibrary for the whole test program (Cairo and FreeType keep faces by address).
fonts::FontLibrary& font_library() {
  static fonts::FontLibrary library;
  return library;
}

Composed compose(const fs::path& issue_file) {
  Composed c;
  input::LoadOptions options;
  options.layout_dirs.push_back(test::source_dir() / "layouts");
  // tests/fixtures/layout/overset uses the small e2e layout, outside its own folder; the golden
  // cases share theirs.
  options.layout_dirs.push_back(test::source_dir() / "tests/fixtures/e2e/small");
  options.layout_dirs.push_back(test::source_dir() / "tests/golden/cases");
  auto issue = input::load_issue(issue_file, options, c.diagnostics);
  EXPECT_TRUE(issue.has_value());
  for (const auto& d : c.diagnostics.items()) ADD_FAILURE() << format(d);
  if (!issue) return c;
  c.issue = std::move(*issue);
  c.result = layout::layout_issue(c.issue, font_library(), c.diagnostics);
  return c;
}

const layout::AreaReport* area_at(const layout::LayoutResult& r, int page, const std::string& article) {
  for (const auto& a : r.areas) {
    if (a.page == page && a.article == article) return &a;
  }
  return nullptr;
}

class ExampleIssue : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override { composed_ = compose(test::source_dir() / "examples/2021-02-25" / GetParam()); }
  Composed composed_;
};

// P2: every body line of every page sits on that page's baseline grid; a vertical (竖排) body
// line starts at its area's top, its axis a whole number of body pitches from its neighbours'.
TEST_P(ExampleIssue, P2_EveryBodyBaselineIsOnTheGrid) {
  int checked = 0;
  std::map<std::string, std::pair<Length, Length>> vertical;  // by area: a line's top and axis
  for (const auto& line : composed_.result.lines) {
    if (line.role != layout::LineRole::Body) continue;
    const layout::PageGrid grid = layout::make_grid(composed_.issue.layout, line.page);
    if (line.vertical) {
      const auto [it, first] = vertical.try_emplace(line.area, line.y, line.x);
      EXPECT_EQ(line.y, it->second.first) << "page " << line.page << " " << line.text;
      EXPECT_EQ((it->second.second - line.x).raw() % grid.pitch.raw(), 0) << "page " << line.page << " " << line.text;
      ++checked;
      continue;
    }
    const Length offset = line.y - grid.type_area.top() - grid.baseline_offset;
    EXPECT_EQ(offset.raw() % grid.pitch.raw(), 0) << "page " << line.page << " " << line.text;
    ++checked;
  }
  EXPECT_GT(checked, 300);
}

// P1: every justified body line is exactly the measure, a whole number of body characters.
TEST_P(ExampleIssue, P1_BodyMeasureIsAWholeNumberOfCharacters) {
  for (const auto& line : composed_.result.lines) {
    if (line.role != layout::LineRole::Body) continue;
    const layout::PageGrid grid = layout::make_grid(composed_.issue.layout, line.page);
    EXPECT_EQ(line.width.raw() % grid.body_size.raw(), 0) << line.text;
  }
}

// Nothing is set outside its area: every line of an article lies in the area's columns and lines.
TEST_P(ExampleIssue, NothingIsSetOutsideItsArea) {
  for (const auto& line : composed_.result.lines) {
    if (line.area == "template") continue;
    const layout::AreaReport* area = area_at(composed_.result, line.page, line.area);
    ASSERT_NE(area, nullptr) << line.area;
    const layout::PageGrid grid = layout::make_grid(composed_.issue.layout, line.page);
    const Length left = grid.column_x(area->column - 1);
    const Length right = left + grid.span_width(area->span);
    const Length top = grid.line_top(area->row);
    const Length bottom = grid.line_top(area->row + area->rows);
    if (line.vertical) {  // x is the axis, y the top of the first cell, width the length down
      EXPECT_GT(line.x, left) << line.text;
      EXPECT_LT(line.x, right) << line.text;
      EXPECT_GE(line.y, top) << line.text;
      EXPECT_LE(line.y + line.width, bottom + Length::pt(0.01)) << line.text;
      continue;
    }
    EXPECT_GE(line.x, left) << line.text;
    EXPECT_LE(line.x + line.width, right + Length::pt(0.01)) << line.text;
    EXPECT_GT(line.y, top) << line.text;
    EXPECT_LT(line.y, bottom) << line.text;
  }
}

// No body text overlaps a photo or its caption.
TEST_P(ExampleIssue, NoTextOverlapsAPhoto) {
  ASSERT_FALSE(composed_.result.photos.empty());
  for (const auto& photo : composed_.result.photos) {
    for (const auto& line : composed_.result.lines) {
      if (line.page != photo.page || line.role == layout::LineRole::Caption) continue;
      const layout::PageGrid grid = layout::make_grid(composed_.issue.layout, line.page);
      // The line's em box (a vertical line's about its axis, from its top).
      const Rect box = line.vertical ? Rect{{line.x - grid.body_size / 2, line.y}, {grid.body_size, line.width}}
                                     : Rect{{line.x, line.y - grid.body_size * 0.88}, {line.width, grid.body_size}};
      EXPECT_FALSE(box.intersects(photo.block)) << line.text;
    }
  }
}

/// An article's body as set (its body lines on every page, in order) and as written (its
/// paragraphs after punctuation normalisation), word spaces dropped: a word space at a line break
/// is discarded (as TeX discards glue at a break).
std::pair<std::string, std::string> body_set_and_written(const Composed& c, const std::string& article_id) {
  std::string set;
  for (const auto& line : c.result.lines) {
    if (line.area == article_id && line.role == layout::LineRole::Body) set += line.text;
  }
  std::string written;
  for (const auto& article : c.issue.articles) {
    if (article.id != article_id) continue;
    for (const auto& block : article.body) {
      if (const auto* p = std::get_if<model::Paragraph>(&block)) {
        int replaced = 0;
        written += text::normalize_punctuation(p->text, replaced);
      }
    }
  }
  std::erase(set, ' ');
  std::erase(written, ' ');
  return {set, written};
}

// A jump carries exactly the text that did not fit: page 1 and the continuation together hold
// every character of the article's body, in order, once.
TEST_P(ExampleIssue, JumpsCarryExactlyTheRestOfTheText) {
  int jumps = 0;
  for (const auto& area : composed_.result.areas) {
    if (area.continue_page == 0) continue;
    ++jumps;
    const auto [set, written] = body_set_and_written(composed_, area.article);
    EXPECT_TRUE(set == written) << area.article << ": " << set.size() << " bytes set, " << written.size() << " written";
  }
  EXPECT_GE(jumps, 1);
}

TEST_P(ExampleIssue, NoOversetAndEveryPageComposed) {
  EXPECT_EQ(composed_.result.pages.size(), std::string(GetParam()) == "issue.json" ? 3u : 2u);
  for (const auto& area : composed_.result.areas) EXPECT_EQ(area.overset_column_lines, 0) << area.article;
  for (const auto& d : composed_.diagnostics.items()) EXPECT_NE(d.code, "missing-glyph") << format(d);
}

// 底纹: a shaded article's tint is drawn under the article (before its first item), not over it.
TEST_P(ExampleIssue, ShadeIsDrawnUnderTheArticle) {
  // The article's area is one group on the page; inside it the tint comes before everything.
  const frame::Frame* area = nullptr;
  for (const auto& [at, item] : composed_.result.document.pages.at(0).frame.items) {
    const auto* group = std::get_if<frame::GroupItem>(&item);
    if (group == nullptr || !group->frame) continue;
    for (const auto& [inner_at, inner] : group->frame->items) {
      const auto* m = std::get_if<frame::MarkItem>(&inner);
      if (m != nullptr && m->title == "杭州亚运会 短视频大赛启动") area = group->frame.get();
    }
  }
  ASSERT_NE(area, nullptr);
  ASSERT_FALSE(area->items.empty());
  const auto* box = std::get_if<frame::BoxItem>(&area->items.front().second);
  ASSERT_NE(box, nullptr);
  ASSERT_TRUE(box->fill.has_value());
  EXPECT_EQ(*box->fill, layout::parse_color("#efe9dc"));
}

// The dump is derived from the frames: every article line's (x, baseline) in the dump is the
// origin of a group in its page's frame tree (line frames sit with their origin on the baseline).
void collect_origins(const frame::Frame& f, Point at, std::set<std::pair<std::int64_t, std::int64_t>>& out) {
  for (const auto& [p, item] : f.items) {
    const auto* group = std::get_if<frame::GroupItem>(&item);
    if (group == nullptr || !group->frame) continue;
    out.insert({(at + p).x.raw(), (at + p).y.raw()});
    collect_origins(*group->frame, at + p, out);
  }
}

TEST_P(ExampleIssue, DumpAndFrameAgreeOnEveryLinePosition) {
  std::map<int, std::set<std::pair<std::int64_t, std::int64_t>>> origins;
  for (const auto& page : composed_.result.document.pages) collect_origins(page.frame, {}, origins[page.number]);
  int checked = 0;
  for (const auto& line : composed_.result.lines) {
    if (line.area == "template") continue;
    EXPECT_TRUE(origins[line.page].contains({line.x.raw(), line.y.raw()}))
        << "page " << line.page << " " << line.area << " " << to_string(line.role) << ": " << line.text;
    ++checked;
  }
  EXPECT_GT(checked, 300);
}

// The CLI's layout (issue 17): each finished page's frame moved to a store and no line records
// kept gives the pages, frames, line counts and diagnostics of the layout that keeps everything.
// The issues whole-run comparisons go over: the example, a page 2 that jumps back to page 1 (so
// page 1 is finished last), pages 2 and 3 that jump to each other (a circle) beside independent
// pages, and every golden case (stacks, photos, vertical text).
std::vector<fs::path> whole_run_cases() {
  std::vector<fs::path> issues{test::source_dir() / "examples/2021-02-25/issue.json",
                               test::source_dir() / "tests/fixtures/e2e/small/issue-jump-back.json",
                               test::source_dir() / "tests/fixtures/e2e/small/issue-parallel.json"};
  for (const auto& entry : fs::directory_iterator(test::source_dir() / "tests/golden/cases")) {
    if (fs::exists(entry.path() / "issue.json")) issues.push_back(entry.path() / "issue.json");
  }
  std::sort(issues.begin(), issues.end());
  return issues;
}

// Every diagnostic, formatted, in the order reported.
std::vector<std::string> said(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics.items()) out.push_back(format(d));
  return out;
}

// Each page's frame of `got` (in memory or in its store) is the one `want` keeps in memory.
void expect_same_frames(const layout::LayoutResult& got, const layout::LayoutResult& want) {
  for (std::size_t i = 0; i < got.document.pages.size(); ++i) {
    frame::Frame loaded;
    EXPECT_EQ(test::frame_difference(got.document.frame(i, loaded), want.document.pages[i].frame), "")
        << "page " << i + 1;
  }
}

TEST(SpilledLayout, GivesTheSamePagesAsTheLayoutKeptInMemory) {
  const std::vector<fs::path> issues = whole_run_cases();
  ASSERT_GE(issues.size(), 10u);
  for (const fs::path& file : issues) {
    SCOPED_TRACE(file.string());
    const Composed kept = compose(file);
    ASSERT_FALSE(kept.result.document.pages.empty());
    Diagnostics diagnostics;
    layout::LayoutOptions options;
    options.spill_frames = true;
    options.line_records = false;
    const layout::LayoutResult spilled = layout::layout_issue(kept.issue, font_library(), diagnostics, {}, options);
    ASSERT_NE(spilled.document.frames, nullptr);
    ASSERT_EQ(spilled.document.pages.size(), kept.result.document.pages.size());
    EXPECT_TRUE(spilled.lines.empty());
    for (std::size_t i = 0; i < spilled.document.pages.size(); ++i) {
      EXPECT_TRUE(spilled.document.frames->has(i)) << "page " << i + 1;
      EXPECT_TRUE(spilled.document.pages[i].frame.items.empty()) << "page " << i + 1;
      EXPECT_EQ(spilled.pages[i].lines, kept.result.pages[i].lines) << "page " << i + 1;
    }
    expect_same_frames(spilled, kept.result);
    EXPECT_EQ(said(diagnostics), said(kept.diagnostics));
  }
}

// Pages laid out on several threads (issue 17) give what one thread gives, in the same order:
// frames, line records, area and photo reports, page counts, the text counts and every
// diagnostic. Run under ThreadSanitizer by scripts/tsan.sh.
std::vector<std::string> described(const layout::LayoutResult& r) {
  std::vector<std::string> out;
  for (const auto& l : r.lines) {
    out.push_back("line " + std::to_string(l.page) + " " + l.area + " " + std::to_string(l.x.raw()) + "," +
                  std::to_string(l.y.raw()) + " " + std::to_string(l.ratio) + " " + l.text);
  }
  for (const auto& a : r.areas) {
    out.push_back("area " + std::to_string(a.page) + " " + a.article + " " + std::to_string(a.column) + "+" +
                  std::to_string(a.span) + " rows " + std::to_string(a.row) + "+" + std::to_string(a.rows) +
                  " overset " + std::to_string(a.overset_column_lines) + " underset " +
                  std::to_string(a.underset_column_lines));
  }
  for (const auto& p : r.photos) {
    out.push_back("photo " + std::to_string(p.block.origin.x.raw()) + "," + std::to_string(p.block.origin.y.raw()));
  }
  for (const auto& p : r.pages) out.push_back("page " + std::to_string(p.number) + " " + std::to_string(p.lines));
  out.push_back("stats " + std::to_string(r.stats.paragraphs) + " " + std::to_string(r.stats.characters) + " " +
                std::to_string(r.stats.normalized_punctuation));
  return out;
}

TEST(ParallelLayout, GivesWhatOneThreadGivesByteForByte) {
  const std::vector<fs::path> issues = whole_run_cases();
  ASSERT_GE(issues.size(), 10u);
  for (const fs::path& file : issues) {
    SCOPED_TRACE(file.string());
    const Composed serial = compose(file);
    ASSERT_FALSE(serial.result.document.pages.empty());
    for (const unsigned threads : {2u, 4u}) {
      SCOPED_TRACE(std::to_string(threads) + " threads");
      for (const bool spill : {false, true}) {
        Diagnostics diagnostics;
        layout::LayoutOptions options;
        options.threads = threads;
        options.spill_frames = spill;
        const layout::LayoutResult parallel = layout::layout_issue(serial.issue, font_library(), diagnostics, {}, options);
        ASSERT_EQ(parallel.document.pages.size(), serial.result.document.pages.size());
        expect_same_frames(parallel, serial.result);
        EXPECT_EQ(described(parallel), described(serial.result));
        EXPECT_EQ(said(diagnostics), said(serial.diagnostics));
        EXPECT_EQ(diagnostics.warning_count(), serial.diagnostics.warning_count());
      }
    }
  }
}

// The PDF's fonts are cut before layout to layout::issue_characters (render::PdfStream): every
// character a page shows in the PDF must be in what its font was cut to — the body style's fonts
// to `body` and `everywhere`, the others to `everywhere` — or the PDF is drawn twice.
void expect_foreseen(const frame::Frame& f, const layout::IssueCharacters& foreseen,
                     const std::vector<fonts::FontId>& body_fonts, int page) {
  const auto in = [](const std::u32string& set, char32_t c) { return std::binary_search(set.begin(), set.end(), c); };
  for (const auto& [at, item] : f.items) {
    if (const auto* run = std::get_if<frame::GlyphRunItem>(&item)) {
      const bool body = std::find(body_fonts.begin(), body_fonts.end(), run->font) != body_fonts.end();
      for (const char32_t c : to_u32(run->text)) {
        EXPECT_TRUE(in(foreseen.everywhere, c) || (body && in(foreseen.body, c)))
            << "page " << page << ": U+" << std::hex << static_cast<unsigned>(c) << " of \"" << run->text << "\" in "
            << (body ? "a body font" : "a font the body style does not use");
      }
    } else if (const auto* group = std::get_if<frame::GroupItem>(&item); group && group->frame && !group->proof_only) {
      expect_foreseen(*group->frame, foreseen, body_fonts, page);
    }
  }
}

TEST(IssueCharacters, HoldEveryCharacterThePdfShowsInTheFontsThatShowIt) {
  const std::vector<fs::path> issues = whole_run_cases();
  ASSERT_GE(issues.size(), 10u);
  for (const fs::path& file : issues) {
    SCOPED_TRACE(file.string());
    const Composed composed = compose(file);
    const layout::IssueCharacters foreseen = layout::issue_characters(composed.issue);
    ASSERT_TRUE(std::is_sorted(foreseen.everywhere.begin(), foreseen.everywhere.end()));
    ASSERT_TRUE(std::is_sorted(foreseen.body.begin(), foreseen.body.end()));
    Diagnostics resolving;
    const std::vector<fonts::FontId> body_fonts = layout::body_fonts(composed.issue.layout, font_library(), resolving);
    ASSERT_FALSE(body_fonts.empty());
    for (std::size_t i = 0; i < composed.result.document.pages.size(); ++i) {
      expect_foreseen(composed.result.document.pages[i].frame, foreseen, body_fonts, static_cast<int>(i) + 1);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Layouts, ExampleIssue, ::testing::Values("issue.json", "issue-tabloid.json"),
                         [](const ::testing::TestParamInfo<const char*>& param_info) {
                           return std::string(param_info.param) == "issue.json" ? std::string("broadsheet") : std::string("tabloid");
                         });

// M4 (issue 16): the example's page 3 (钱塘副刊) sets an essay 竖排 and a story with a vertical
// headline strip; the stories beside and below them stay horizontal.
TEST(ExampleVerticalPage, M4_EssayAndHeadlineStripAreVerticalTheStoriesBesideThemHorizontal) {
  const Composed c = compose(test::source_dir() / "examples/2021-02-25/issue.json");
  std::map<std::pair<std::string, layout::LineRole>, std::pair<int, int>> lines;  // vertical, horizontal
  for (const auto& line : c.result.lines) {
    if (line.page != 3 || line.area == "template") continue;
    auto& count = lines[{line.area, line.role}];
    (line.vertical ? count.first : count.second) += 1;
  }
  const auto count = [&](const char* area, layout::LineRole role) { return lines[{area, role}]; };
  EXPECT_GT(count("canal-night", layout::LineRole::Body).first, 25);
  EXPECT_EQ(count("canal-night", layout::LineRole::Body).second, 0);
  EXPECT_EQ(count("canal-night", layout::LineRole::Headline), std::make_pair(1, 0));
  EXPECT_EQ(count("art-exhibition", layout::LineRole::Headline).second, 0);
  EXPECT_GE(count("art-exhibition", layout::LineRole::Headline).first, 1);
  EXPECT_EQ(count("art-exhibition", layout::LineRole::Body).first, 0);
  EXPECT_GT(count("art-exhibition", layout::LineRole::Body).second, 20);
  EXPECT_EQ(count("mobile-bookshelf", layout::LineRole::Body).first, 0);
  // The essay's quotes are corner brackets and its short numbers stand upright (the body
  // style's corner_quotes and upright_digits), in vertical lines only.
  std::string essay, story;
  for (const auto& line : c.result.lines) {
    if (line.area == "canal-night") essay += line.text;
    if (line.area == "mobile-bookshelf") story += line.text;
  }
  EXPECT_NE(essay.find("「慢点走」"), std::string::npos);
  EXPECT_EQ(essay.find("“"), std::string::npos);
  EXPECT_NE(story.find("“流动书架”"), std::string::npos);
  // No warning on the page (the example is set clean, --strict passes).
  for (const auto& d : c.diagnostics.items()) EXPECT_NE(d.severity, Severity::Warning) << format(d);
}

// ---- CLREQ P6 and P7: the broadsheet layout's styles on its real fonts ----------------------

struct Broadsheet {
  model::Layout layout;
  Diagnostics diagnostics;
  std::unique_ptr<layout::StyleBook> styles;
  Broadsheet() {
    auto loaded = input::load_layout(test::source_dir() / "layouts/broadsheet.json", diagnostics);
    EXPECT_TRUE(loaded.has_value());
    if (loaded) layout = std::move(*loaded);
    styles = std::make_unique<layout::StyleBook>(layout, font_library());
  }
  const layout::ResolvedStyle& style(const std::string& name) {
    const layout::ResolvedStyle* s = styles->get(name, diagnostics);
    EXPECT_NE(s, nullptr) << name;
    static const layout::ResolvedStyle none;
    return s != nullptr ? *s : none;
  }
};

// P7: body text is 小五 = 9 pt: the grid's em, and every Han character set in the body style
// on the real font is 9 pt wide; 五号 (the subhead) is 10.5 pt.
TEST(Styles, P7_BodyTextIsXiaoWuNinePoint) {
  Broadsheet b;
  EXPECT_EQ(hao_size("小五"), Length::pt(9));
  EXPECT_EQ(b.layout.style("body")->size, Length::pt(9));
  EXPECT_EQ(b.layout.style("subhead")->size, Length::pt(10.5));
  EXPECT_EQ(layout::make_grid(b.layout, 1).body_size, Length::pt(9));
  const compose::Paragraph par = b.styles->paragraph("浙江工人日报社论", b.style("body"), b.diagnostics, {});
  int han = 0;
  for (const compose::Item& it : par.items()) {
    if (!it.is_box() || !it.has_glyphs()) continue;
    EXPECT_EQ(it.width, Length::pt(9));
    ++han;
  }
  EXPECT_EQ(han, 8);
  EXPECT_EQ(b.diagnostics.warning_count() + b.diagnostics.error_count(), 0u);
}

// P6: headings are set in 黑 (Noto Sans CJK SC), the large and medium ones centred, in 号 sizes
// that step down from the lead story's 主题 to the subhead, all larger than the body.
TEST(Styles, P6_HeadingsAreHeiCentredAndStepDownInHaoSizes) {
  Broadsheet b;
  const char* headings[] = {"headline-lead", "headline-major", "headline", "headline-minor", "continued",
                            "subheadline", "subhead"};
  Length previous = Length::pt(1000);
  for (const char* name : headings) {
    const layout::ResolvedStyle& s = b.style(name);
    ASSERT_FALSE(s.stack.empty()) << name;
    EXPECT_EQ(font_library().font(s.stack.fonts().front()).family(), "Noto Sans CJK SC") << name;
    EXPECT_EQ(s.paragraph.align, compose::Align::Center) << name;
    EXPECT_LT(s.paragraph.size, previous) << name;
    previous = s.paragraph.size;
  }
  EXPECT_GT(previous, b.layout.style("body")->size);
  // Bold where the layout asks for it: the 主题 styles are the bold face of the family.
  EXPECT_GE(font_library().font(b.style("headline").stack.fonts().front()).weight(), 700);
}

// A cropped photo shows fewer pixels: party-badge is 3:2 cropped to 3:4 on the broadsheet, so
// half its width is visible, and its effective resolution is half that of the whole picture.
// Stacked placements (issue 13): each run of columns of the 2021-03-09 example is one stack of
// "auto"/"fill" areas. Every band is filled exactly, the areas follow each other without a gap
// or an overlap, and every fitted area fills its rows.
void expect_stacks_fill_their_bands(const Composed& c) {
  std::map<std::tuple<int, int, int>, std::vector<const layout::AreaReport*>> bands;
  for (const auto& a : c.result.areas) {
    if (a.stack) bands[{a.page, a.column, a.stack->band_first_row}].push_back(&a);
    if (a.copyfit) {
      EXPECT_NE(a.copyfit->result, layout::FitResult::Overset) << a.article;
    }
  }
  EXPECT_GE(bands.size(), 8u);
  for (const auto& [key, areas] : bands) {
    const auto& [page, column, first_row] = key;
    int rows = 0, next = first_row;
    for (const layout::AreaReport* a : areas) {
      rows += a->rows;
      EXPECT_EQ(a->rows, a->stack->rows) << a->article;
      EXPECT_EQ(a->row, next) << a->article << " follows the area above it";
      next = a->row + a->rows;
    }
    EXPECT_EQ(rows, areas.front()->stack->band_rows) << "page " << page << " column " << column;
  }
}

TEST(Stacks, TheStackedExampleFillsEveryBand) {
  const Composed c = compose(test::source_dir() / "examples/2021-03-09/issue.json");
  expect_stacks_fill_their_bands(c);
  for (const auto& a : c.result.areas) {
    EXPECT_EQ(a.overset_column_lines, 0) << a.article;
    if (a.stack && !a.stack->takes_rest) {
      // Copy short of its stack's rows by at most two rows a column (digital-factory: 24
      // characters short, its last column two rows shorter than the others).
      EXPECT_LE(a.underset_column_lines, 2 * a.columns) << a.article;
    }
  }
  for (const auto& p : c.result.pages) {
    for (const auto& band : p.bands) EXPECT_TRUE(band.foot) << "a band between areas on page " << p.number;
  }
  // What is left is reported as underset or a hole (README of the example), nothing else.
  for (const auto& d : c.diagnostics.items()) {
    EXPECT_TRUE(d.code == "hole" || d.code == "underset") << format(d);
  }
  int hole_rows = 0;
  for (const auto& a : c.result.areas) {
    for (const auto& h : a.holes) hole_rows += h.rows * (h.last_column - h.first_column + 1);
  }
  EXPECT_LE(hole_rows, 3);
}

// A placement with a line number ends the stack above it: the band stops at its first row, and
// the areas of the stack grow or shrink to meet it instead of overlapping it.
TEST(Stacks, AFixedPlacementBelowEndsTheBand) {
  Composed c;
  input::LoadOptions options;
  options.layout_dirs.push_back(test::source_dir() / "layouts");
  auto issue = input::load_issue(test::source_dir() / "examples/2021-03-09/issue.json", options, c.diagnostics);
  ASSERT_TRUE(issue.has_value());
  model::Placement& briefs = issue->pages[2].articles[3];
  briefs.line_auto = false;
  briefs.lines_fill = false;
  briefs.line = 84;
  briefs.lines = 18;
  c.result = layout::layout_issue(*issue, font_library(), c.diagnostics);
  const layout::AreaReport* interview = area_at(c.result, 3, "interview");
  ASSERT_NE(interview, nullptr);
  ASSERT_TRUE(interview->stack.has_value());
  EXPECT_EQ(interview->stack->band_first_row, 3);
  EXPECT_EQ(interview->stack->band_rows, 84 - 3);
  EXPECT_EQ(interview->row + interview->rows, 84);
  for (const auto& d : c.diagnostics.items()) EXPECT_NE(d.code, "overlap") << format(d);
}

// The report's text counts are the issue's text, each piece once: copyfitting's trials, the
// stack's trials and the proof's labels are not counted, so fitting changes none of them.
TEST(Stacks, FittingCountsTheTextOnce) {
  for (const char* file : {"issue.json", "issue-fixed.json"}) {
    SCOPED_TRACE(file);
    Diagnostics diagnostics;
    input::LoadOptions options;
    options.layout_dirs.push_back(test::source_dir() / "layouts");
    const auto issue = input::load_issue(test::source_dir() / "examples/2021-03-09" / file, options, diagnostics);
    ASSERT_TRUE(issue.has_value());
    const layout::TextStats fitted = layout::layout_issue(*issue, font_library(), diagnostics).stats;
    layout::LayoutOptions no_fit;
    no_fit.fit = false;
    const layout::TextStats as_set = layout::layout_issue(*issue, font_library(), diagnostics, {}, no_fit).stats;
    EXPECT_EQ(fitted.paragraphs, as_set.paragraphs);
    EXPECT_EQ(fitted.characters, as_set.characters);
    EXPECT_LT(fitted.paragraphs, 600) << "about 270 body paragraphs and the headings of 15 areas and 4 pages";
  }
}

TEST(Photos, EffectiveResolutionCountsOnlyTheCropShown) {
  Composed c = compose(test::source_dir() / "examples/2021-02-25/issue.json");
  bool seen = false;
  for (const auto& photo : c.result.photos) {
    if (photo.article != "party-badge") continue;
    seen = true;
    const double inches = photo.width.to_pt() / 72.0;
    EXPECT_NEAR(photo.effective_ppi, 0.5 * photo.pixel_width / inches, 0.5);
    EXPECT_GE(photo.effective_ppi, 200);  // and still fit for newsprint
  }
  EXPECT_TRUE(seen);
}

// Overset counted by hand: three paragraphs of 46 Han characters are 4 lines each at a measure
// of 12 characters with a 2 em indent; an area of 5 lines in one column holds paragraph 1 and the
// first line of paragraph 2, so 7 lines are left over: paragraph 2's last 3 lines (36
// characters) and all of paragraph 3 (46 characters).
TEST(Overset, CountsMatchAHandComputedCase) {
  Composed c = compose(test::source_dir() / "tests/fixtures/layout/overset/issue.json");
  const layout::AreaReport* area = area_at(c.result, 1, "overset");
  ASSERT_NE(area, nullptr);
  EXPECT_EQ(area->rows, 5);
  EXPECT_EQ(area->used_column_lines, 5);
  EXPECT_EQ(area->overset_column_lines, 7);
  EXPECT_EQ(area->overset_chars, 36 + 46);
  int warnings = 0;
  for (const auto& d : c.diagnostics.items()) warnings += d.code == "overset";
  EXPECT_EQ(warnings, 1);
}

// 竖排: a vertical headline group far wider than its one-column strip, in a fixed area that the
// broadsheet's policy copyfits (the area set many times): its lines are cut with one warning.
TEST(Overset, M4_ATooWideVerticalHeadlineIsCutWithOneWarning) {
  Composed c = compose(test::source_dir() / "tests/fixtures/layout/vertical-cut/issue.json");
  const layout::AreaReport* area = area_at(c.result, 1, "cut");
  ASSERT_NE(area, nullptr);
  EXPECT_TRUE(area->vertical_headline);
  ASSERT_TRUE(area->copyfit.has_value());
  int cuts = 0;
  for (const auto& d : c.diagnostics.items()) {
    cuts += d.code == "overset" && d.message.find("\"cut\": the vertical headline group is wider than its strip") !=
                                       std::string::npos;
  }
  EXPECT_EQ(cuts, 1);
  int head = 0;
  for (const auto& r : c.result.lines) head += r.area == "cut" && r.vertical;
  EXPECT_GT(head, 1);
  // A strip in an area five rows tall: its 主题 lines hold three characters, and the warning
  // says the area is too short rather than the strip too narrow.
  int short_area = 0;
  for (const auto& d : c.diagnostics.items()) {
    if (d.code != "overset" || d.message.find("\"short\"") == std::string::npos) continue;
    ASSERT_FALSE(d.hints.empty());
    EXPECT_NE(d.hints.front().find("the area is too short for a vertical headline"), std::string::npos) << d.hints.front();
    ++short_area;
  }
  EXPECT_EQ(short_area, 1);
}

// The proof-only text of a page, spaces left out, in two parts: what stands over the type area
// (labels on their areas) and what stands in the margins (notes).
struct ProofText {
  std::string inside, margin;
};

void collect_proof_text(const frame::Frame& f, Point at, bool proof, const Rect& type, ProofText& out) {
  for (const auto& [p, item] : f.items) {
    const Point origin = at + p;
    if (const auto* run = std::get_if<frame::GlyphRunItem>(&item); run != nullptr && proof) {
      std::string& to = origin.x >= type.left() && origin.x < type.right() ? out.inside : out.margin;
      for (char ch : run->text) {
        if (ch != ' ') to += ch;
      }
    } else if (const auto* group = std::get_if<frame::GroupItem>(&item); group != nullptr && group->frame) {
      collect_proof_text(*group->frame, origin, proof || group->proof_only, type, out);
    }
  }
}

ProofText proof_text(const Composed& c, std::size_t page) {
  ProofText out;
  const layout::PageGrid grid = layout::make_grid(c.issue.layout, c.result.document.pages[page].number);
  collect_proof_text(c.result.document.pages[page].frame, {}, false, grid.type_area, out);
  return out;
}

// The proof's words: an overset area's note in the margin starts with its count and goes on with
// the copy that did not fit; over the type area only the short labels (超 8 行 / 87 字 at the
// area's foot, 空 N 行 × M 栏 on empty rows), never a note.
TEST(ProofMarks, OversetNoteInTheMarginStartsWithItsCount) {
  const Composed c = compose(test::source_dir() / "tests/golden/cases/proof-marks/issue.json");
  const ProofText text = proof_text(c, 0);
  EXPECT_EQ(text.margin.rfind("超8行/87字：夜班职工", 0), 0u) << text.margin;
  EXPECT_NE(text.inside.find("超8行/87字"), std::string::npos) << text.inside;
  EXPECT_EQ(text.inside.find("超8行/87字："), std::string::npos) << "the note's copy stands over the type area";
  EXPECT_NE(text.inside.find("空3行×2栏"), std::string::npos) << text.inside;  // safety's foot, rows 26–28
  EXPECT_NE(text.inside.find("空8行×2栏"), std::string::npos) << text.inside;  // the band between areas
}

// What copyfitting did (调整：…) is a margin note on every page of the fitted draft, never a
// label over the areas' text.
TEST(ProofMarks, CopyfitLabelsAreMarginNotes) {
  const Composed c = compose(test::source_dir() / "examples/2021-03-09/issue-fixed.json");
  int notes = 0;
  for (std::size_t page = 0; page < c.result.document.pages.size(); ++page) {
    const ProofText text = proof_text(c, page);
    EXPECT_EQ(text.inside.find("调整"), std::string::npos) << "page " << page + 1 << ": " << text.inside;
    for (std::size_t at = text.margin.find("调整"); at != std::string::npos; at = text.margin.find("调整", at + 1)) {
      ++notes;
    }
  }
  int fitted = 0;
  for (const auto& a : c.result.areas) {
    fitted += a.copyfit && a.copyfit->result != layout::FitResult::AsSet && a.overset_column_lines == 0;
  }
  EXPECT_GT(fitted, 0);
  EXPECT_EQ(notes, fitted) << "one note for each area copyfitting changed or could not fill";
}

// 竖排 (issue 16) on the golden case tests/golden/cases/vertical: vertical headline strips beside
// horizontal stories (page 1) and a vertical essay (page 2).
class Vertical : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    composed_ = new Composed(compose(test::source_dir() / "tests/golden/cases/vertical/issue.json"));
  }
  static void TearDownTestSuite() {
    delete composed_;
    composed_ = nullptr;
  }
  static std::vector<const layout::LineRecord*> lines(int page, const std::string& area, bool vertical) {
    std::vector<const layout::LineRecord*> out;
    for (const auto& r : composed_->result.lines) {
      if (r.page == page && r.area == area && r.vertical == vertical) out.push_back(&r);
    }
    return out;
  }
  /// The body's vertical lines of `area` on `page`, in reading order.
  static std::vector<const layout::LineRecord*> body_lines(int page, const std::string& area) {
    std::vector<const layout::LineRecord*> out;
    for (const auto* l : lines(page, area, true)) {
      if (l->role == layout::LineRole::Body) out.push_back(l);
    }
    return out;
  }
  static Composed* composed_;
};
Composed* Vertical::composed_ = nullptr;

TEST_F(Vertical, M4_HeadlineStripReadsRightToLeftWithCornerQuotesAndUprightShortNumbers) {
  const auto head = lines(1, "welder", true);
  ASSERT_EQ(head.size(), 3u);
  // 引题 at the right, then the 主题, then the 副题: right to left, tops level.
  EXPECT_EQ(head[0]->role, layout::LineRole::Kicker);
  EXPECT_EQ(head[1]->role, layout::LineRole::Headline);
  EXPECT_EQ(head[2]->role, layout::LineRole::Subheadline);
  EXPECT_GT(head[0]->x, head[1]->x);
  EXPECT_GT(head[1]->x, head[2]->x);
  // M4/M3: corner brackets replace the curly quotes; 20 and 12 stay in the text (set 纵中横).
  EXPECT_EQ(head[1]->text, "焊花里写就「青春答卷」");
  EXPECT_NE(head[0]->text.find("20"), std::string::npos);
  const auto* report = area_at(composed_->result, 1, "welder");
  ASSERT_NE(report, nullptr);
  EXPECT_TRUE(report->vertical_headline);
  EXPECT_TRUE(lines(1, "welder", false).size() > 20);
}

TEST_F(Vertical, M4_BodyBesideTheStripNeverReachesIntoIt) {
  for (const std::string area : {"welder", "night-school"}) {
    const auto head = lines(1, area, true);
    ASSERT_FALSE(head.empty()) << area;
    Length left = head.front()->x, right = head.front()->x, bottom;
    for (const auto* h : head) {
      left = min(left, h->x - Length::pt(12));
      right = max(right, h->x + Length::pt(12));
      bottom = max(bottom, h->y + h->width);
    }
    for (const auto* line : lines(1, area, false)) {
      if (line->y > bottom) continue;  // below the strip the body takes the whole width
      EXPECT_TRUE(line->x + line->width <= left || line->x >= right)
          << area << ": \"" << line->text << "\" runs into the headline strip";
    }
  }
}

TEST_F(Vertical, M4_EssayLinesRunRightToLeftOnTheBodyPitch) {
  const auto body = body_lines(2, "tide");
  ASSERT_GT(body.size(), 10u);
  const Length pitch = Length::pt(9) * 1.55;
  for (std::size_t k = 1; k < body.size(); ++k) {
    EXPECT_NEAR((body[k - 1]->x - body[k]->x).to_pt(), pitch.to_pt(), 0.01) << body[k]->text;
    EXPECT_EQ(body[k]->y, body[0]->y);  // every line starts at the area's top
    EXPECT_EQ(body[k]->width, body[0]->width);
  }
  const auto* report = area_at(composed_->result, 2, "tide");
  ASSERT_NE(report, nullptr);
  EXPECT_TRUE(report->vertical);
  EXPECT_EQ(report->overset_column_lines, 0);
}

// A photo in a vertical essay stands where it is in the copy: in whole line slots between the
// lines before it (at its right) and after it (at its left), its top level with theirs, its
// caption set horizontally under the picture.
TEST_F(Vertical, PhotoStandsBetweenTheLinesBeforeAndAfterItWithItsCaptionUnder) {
  const layout::PhotoReport* photo = nullptr;
  for (const auto& p : composed_->result.photos) {
    if (p.page == 3 && p.article == "lantern-maker") photo = &p;
  }
  ASSERT_NE(photo, nullptr);
  const auto body = lines(3, "lantern-maker", true);
  ASSERT_GT(body.size(), 8u);
  const Length half = Length::pt(9) / 2;  // the body's em across a line
  const layout::LineRecord* last_before = nullptr;
  const layout::LineRecord* first_after = nullptr;
  for (const auto* l : body) {
    EXPECT_TRUE(l->x + half <= photo->block.left() || l->x - half >= photo->block.right()) << l->text;
    if (l->x > photo->block.right()) last_before = l;
    if (l->x < photo->block.left() && first_after == nullptr) first_after = l;
  }
  ASSERT_NE(last_before, nullptr);
  ASSERT_NE(first_after, nullptr);
  EXPECT_NE(last_before->text.find("稠了会皱。"), std::string::npos) << last_before->text;
  EXPECT_EQ(first_after->text.rfind("这几年", 0), 0u) << first_after->text;
  EXPECT_EQ(photo->block.top(), body.front()->y);
  // The picture taller than wide (cropped 3:4), above its caption.
  EXPECT_GT(photo->height, photo->width);
  const auto captions = lines(3, "lantern-maker", false);
  ASSERT_FALSE(captions.empty());
  for (const auto* c : captions) {
    EXPECT_EQ(c->role, layout::LineRole::Caption);
    EXPECT_GT(c->y, photo->block.top() + photo->height);
    EXPECT_GE(c->x, photo->block.left());
  }
  const auto* report = area_at(composed_->result, 3, "lantern-maker");
  ASSERT_NE(report, nullptr);
  EXPECT_EQ(report->overset_column_lines, 0);
}

// A story under a vertical headline strip jumps as a horizontal one does: its body fills the
// columns beside and below the strip, keeps the last row for （下转第2版）, and page 2 carries
// exactly the rest.
TEST(VerticalHeadline, AStoryUnderAStripJumpsAndItsContinuationCarriesTheRest) {
  const Composed c = compose(test::source_dir() / "tests/golden/cases/vertical/issue-jump.json");
  for (const auto& d : c.diagnostics.items()) EXPECT_NE(d.severity, Severity::Error) << format(d);
  const auto* first = area_at(c.result, 1, "welder");
  ASSERT_NE(first, nullptr);
  EXPECT_TRUE(first->vertical_headline);
  EXPECT_EQ(first->continue_page, 2);
  EXPECT_GT(first->jumped_column_lines, 5);
  int notes = 0, continued = 0;
  for (const auto& line : c.result.lines) {
    if (line.area != "welder") continue;
    if (line.role == layout::LineRole::Jump) ++notes;
    if (line.page == 2 && line.role == layout::LineRole::Body) ++continued;
  }
  EXPECT_EQ(notes, 2);  // 下转 on page 1, 上接 on page 2
  EXPECT_GT(continued, 5);
  const auto [set, written] = body_set_and_written(c, "welder");
  EXPECT_TRUE(set == written) << set.size() << " bytes set, " << written.size() << " written";
}

// A vertical article jumps as a horizontal one does: the last (leftmost) line slot keeps
// （下转第4版） at its foot, the continuation on page 4 is vertical too, its 主题 and （上接第3版）
// at the right, then exactly the rest.
TEST(VerticalArticle, JumpsToAVerticalContinuationThatCarriesExactlyTheRest) {
  const Composed c = compose(test::source_dir() / "tests/golden/cases/vertical/issue-jump.json");
  for (const auto& d : c.diagnostics.items()) EXPECT_NE(d.severity, Severity::Error) << format(d);
  const auto* first = area_at(c.result, 3, "tide");
  const auto* rest = area_at(c.result, 4, "tide");
  ASSERT_NE(first, nullptr);
  ASSERT_NE(rest, nullptr);
  EXPECT_TRUE(first->vertical);
  EXPECT_TRUE(rest->vertical);
  EXPECT_EQ(first->continue_page, 4);
  EXPECT_EQ(first->overset_column_lines, 0);
  EXPECT_GT(first->jumped_column_lines, 5);
  EXPECT_EQ(rest->overset_column_lines, 0);
  std::vector<const layout::LineRecord*> page3, page4;
  for (const auto& line : c.result.lines) {
    if (line.area != "tide") continue;
    EXPECT_TRUE(line.vertical) << line.text;
    (line.page == 3 ? page3 : page4).push_back(&line);
  }
  ASSERT_FALSE(page3.empty());
  ASSERT_GT(page4.size(), 3u);
  // 下转 is the leftmost line of page 3, ending at the foot of its slot.
  EXPECT_EQ(page3.back()->role, layout::LineRole::Jump);
  EXPECT_EQ(page3.back()->text, "（下转第4版）");
  for (const auto* l : page3) EXPECT_GE(l->x, page3.back()->x) << l->text;
  EXPECT_LT(page3.back()->natural, page3.back()->width);
  // Page 4: the 主题, then 上接, then the body, right to left.
  EXPECT_EQ(page4[0]->role, layout::LineRole::Headline);
  EXPECT_EQ(page4[1]->role, layout::LineRole::Jump);
  EXPECT_EQ(page4[1]->text, "（上接第3版）");
  EXPECT_GT(page4[1]->x, page4[2]->x);
  // The paragraph cut at the jump goes on at the next character.
  EXPECT_EQ(page4[2]->text.rfind("亲已经退休", 0), 0u) << page4[2]->text;
  // Every character of the body once, in order (the vertical lines' corner brackets read back).
  auto [set, written] = body_set_and_written(c, "tide");
  for (const auto& [corner, curly] : {std::pair{"「", "“"}, {"」", "”"}, {"『", "‘"}, {"』", "’"}}) {
    for (std::size_t at = set.find(corner); at != std::string::npos; at = set.find(corner, at)) set.replace(at, 3, curly);
  }
  EXPECT_TRUE(set == written) << set << "\n" << written;
}

// 分栏竖排: an essay in two bands fills the top band right to left, then the bottom one, its
// lines one length in both, the bands a grid row apart.
TEST_F(Vertical, TwoBandsAreReadTopBandFirstEachRightToLeft) {
  const auto body = body_lines(4, "ferry");
  ASSERT_GT(body.size(), 20u);
  const Length pitch = Length::pt(9) * 1.55;
  const Length top = body.front()->y;
  std::size_t in_top = 0;
  while (in_top < body.size() && body[in_top]->y == top) ++in_top;
  ASSERT_GT(in_top, 5u);
  ASSERT_LT(in_top, body.size());
  // 16 rows: two bands of 7 and a row between them.
  EXPECT_NEAR((body[in_top]->y - top).to_pt(), (pitch * static_cast<std::int64_t>(8)).to_pt(), 0.01);
  for (std::size_t k = 1; k < body.size(); ++k) {
    EXPECT_EQ(body[k]->width, body[0]->width);
    EXPECT_EQ(body[k]->column, body[k - 1]->column + 1) << body[k]->text;
    if (k == in_top) {
      EXPECT_GT(body[k]->x, body[k - 1]->x) << "the bottom band starts again at the right";
      continue;
    }
    EXPECT_EQ(body[k]->y, body[k < in_top ? 0 : in_top]->y) << body[k]->text;
    EXPECT_LT(body[k]->x, body[k - 1]->x) << body[k]->text;
  }
  const auto* report = area_at(composed_->result, 4, "ferry");
  ASSERT_NE(report, nullptr);
  EXPECT_EQ(report->overset_column_lines, 0);
  EXPECT_EQ(report->underset_column_lines, 0);
}

TEST_F(Vertical, B1_NoVerticalLineStartsWithAClosingOrPauseMark) {
  static const std::vector<std::string> kMarks = {"。", "，", "、", "；", "：", "」", "』", "）", "》", "！", "？"};
  int checked = 0;
  for (const auto& r : composed_->result.lines) {
    if (!r.vertical || r.text.empty()) continue;
    ++checked;
    for (const auto& mark : kMarks) EXPECT_NE(r.text.rfind(mark, 0), 0u) << "line starts with " << mark << ": " << r.text;
  }
  EXPECT_GT(checked, 20);
}

}  // namespace
}  // namespace zjgr
