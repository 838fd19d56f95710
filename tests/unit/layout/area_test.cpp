// One article area set on its own, without a page (layout/area.h), on real fonts. The grid is
// the small test layout's: 3 columns of 12 characters of 9 pt; a paragraph of 46 Han characters
// with its 2 em indent is 4 lines (10 + 12 + 12 + 12), one of 10 characters is 1 line.
#include "layout/area.h"
#include "layout/copyfit.h"
#include "layout/proof_marks.h"
#include "layout/stack.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <utility>

#include "../compose/property_check.h"

namespace zjgr::layout {
namespace {

// Han characters without punctuation, so that no compression or 禁则 changes the counts.
std::string han(int n, int offset = 0) {
  static const std::u32string pool = U"浙江工会服务职工群众推进产业工人队伍建设改革劳动技能竞赛创新工作室";
  std::u32string out;
  for (int i = 0; i < n; ++i) out += pool[static_cast<std::size_t>(i + offset) % pool.size()];
  std::string utf8;
  for (char32_t c : out) {
    utf8 += static_cast<char>(0xE0 | (c >> 12));
    utf8 += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    utf8 += static_cast<char>(0x80 | (c & 0x3F));
  }
  return utf8;
}

model::Style style(const std::string& font, double size, model::Align align, double indent_em = 0) {
  model::Style s;
  s.font = font;
  s.size = Length::pt(size);
  s.leading = Length::pt(size * 1.55);
  s.indent = Length::pt(size * indent_em);
  s.align = align;
  return s;
}

model::Layout small_layout() {
  model::Layout layout;
  layout.name = "area-test";
  layout.page.width = Length::mm(148);
  layout.page.height = Length::mm(210);
  layout.page.margin = {Length::mm(15), Length::mm(15), Length::mm(12), Length::mm(12)};
  layout.grid.columns = 3;
  layout.grid.gutter = Length::pt(13.5);
  layout.grid.body_style = "body";
  layout.fonts = {{"song", {"Noto Serif CJK SC"}}, {"hei", {"Noto Sans CJK SC"}}};
  layout.styles = {{"body", style("song", 9, model::Align::Justify, 2)},
                   {"headline", style("hei", 16, model::Align::Center)},
                   {"subheadline", style("hei", 10.5, model::Align::Center)},
                   {"kicker", style("hei", 10.5, model::Align::Center)},
                   {"byline", style("song", 9, model::Align::Left)},
                   {"subhead", style("hei", 9, model::Align::Center)},
                   {"caption", style("song", 7.5, model::Align::Justify)},
                   {"jump", style("song", 9, model::Align::Right)}};
  return layout;
}

// The text of a frame's proof-only groups, spaces left out (labels set 超 8 行 with spaces).
void collect_proof_text(const frame::Frame& f, bool proof, std::string& out) {
  for (const auto& [at, item] : f.items) {
    if (const auto* run = std::get_if<frame::GlyphRunItem>(&item); run != nullptr && proof) {
      for (char ch : run->text) {
        if (ch != ' ') out += ch;
      }
    } else if (const auto* group = std::get_if<frame::GroupItem>(&item); group != nullptr && group->frame) {
      collect_proof_text(*group->frame, proof || group->proof_only, out);
    }
  }
}

std::string proof_text(const frame::Frame& f) {
  std::string out;
  collect_proof_text(f, false, out);
  return out;
}

// Lines per body column of an area, by the records' x.
std::vector<int> lines_per_column(const AreaResult& area) {
  std::map<std::int64_t, int> by_x;
  for (const auto& line : area.lines) {
    if (line.role == LineRole::Body) ++by_x[line.x.raw()];
  }
  std::vector<int> out;
  for (const auto& [x, n] : by_x) out.push_back(n);
  return out;
}

class Area : public ::testing::Test {
 protected:
  Area() : layout_(small_layout()), grid_(make_grid(layout_, 1)), styles_(layout_, fonts_) { article_.id = "a"; }

  void add_paragraphs(std::initializer_list<int> lengths) {
    int offset = 0;
    for (int n : lengths) {
      article_.body.push_back(model::Paragraph{han(n, offset), {}});
      offset += 7;
    }
  }

  // An area of `span` columns and `rows` rows at row 10 of page 1.
  AreaSpec fixed(int span, int rows) const {
    AreaSpec spec;
    spec.span = span;
    spec.row = 10;
    spec.rows = rows;
    spec.max_rows = grid_.lines - spec.row;
    spec.page = 1;
    return spec;
  }

  AreaResult set(int span, int rows) {
    AreaContext context{grid_, styles_, diagnostics_};
    return set_area(fixed(span, rows), shape_copy(article_, grid_, styles_, diagnostics_), context);
  }

  // The photo case's 3:2 lantern photo (2400 × 1600 pixels).
  static model::Photo lantern_photo() {
    model::Photo photo;
    photo.path = ZJGR_SOURCE_DIR "/tests/golden/cases/photo/articles/images/lantern.jpg";
    photo.pixel_width = 2400;
    photo.pixel_height = 1600;
    return photo;
  }

  int warnings(const std::string& code) const {
    int n = 0;
    for (const auto& d : diagnostics_.items()) n += d.code == code;
    return n;
  }

  // The message of the first warning of `code` ("" if none).
  std::string message(const std::string& code) const {
    for (const auto& d : diagnostics_.items()) {
      if (d.code == code) return d.message;
    }
    return "";
  }

  model::Layout layout_;
  fonts::FontLibrary fonts_;
  PageGrid grid_;
  StyleBook styles_;
  Diagnostics diagnostics_;
  model::Article article_;
};

TEST_F(Area, TheGridIsTwelveCharactersWide) {
  EXPECT_EQ(grid_.characters_in(grid_.measure), 12);
}

TEST_F(Area, FullAreaHasNoOversetNoUndersetNoHole) {
  add_paragraphs({46, 46});
  const AreaResult area = set(1, 8);
  EXPECT_EQ(area.report.rows, 8);
  EXPECT_EQ(area.report.columns, 1);
  EXPECT_EQ(area.report.capacity_column_lines, 8);
  EXPECT_EQ(area.report.used_column_lines, 8);
  EXPECT_EQ(area.report.overset_column_lines, 0);
  EXPECT_EQ(area.report.underset_column_lines, 0);
  EXPECT_TRUE(area.report.holes.empty());
  EXPECT_EQ(area.lines.size(), 8u);
  EXPECT_EQ(diagnostics_.warning_count(), 0u);
}

// Three paragraphs (12 lines) in 5 rows: paragraph 1 and the first line of paragraph 2 fit;
// paragraph 2's last 3 lines (36 characters) and all of paragraph 3 (46) are over.
TEST_F(Area, OversetByAKnownCount) {
  add_paragraphs({46, 46, 46});
  const AreaResult area = set(1, 5);
  EXPECT_EQ(area.report.used_column_lines, 5);
  EXPECT_EQ(area.report.overset_column_lines, 7);
  EXPECT_EQ(area.report.overset_chars, 36 + 46);
  EXPECT_EQ(area.report.overset_text, han(36, 7 + 10) + "\n" + han(46, 14));
  EXPECT_EQ(area.report.underset_column_lines, 0);
  EXPECT_EQ(warnings("overset"), 1);
  EXPECT_TRUE(area.rest.items.empty()) << "an area without a jump returns nothing to continue";
}

// One paragraph (4 lines) in 2 columns of 6 rows: balanced 2 + 2, so 8 column-lines are empty,
// 4 rows at the foot of both columns: one hole across columns 1–2.
TEST_F(Area, UndersetByAKnownCountWithTheEmptyRowsAHole) {
  add_paragraphs({46});
  const AreaResult area = set(2, 6);
  EXPECT_EQ(area.report.capacity_column_lines, 12);
  EXPECT_EQ(area.report.used_column_lines, 4);
  EXPECT_EQ(area.report.underset_column_lines, 8);
  ASSERT_EQ(area.report.holes.size(), 1u);
  const Hole& hole = area.report.holes.front();
  EXPECT_EQ(hole.first_column, 1);
  EXPECT_EQ(hole.last_column, 2);
  EXPECT_EQ(hole.first_row, 12);  // page rows: the area starts at row 10
  EXPECT_EQ(hole.rows, 4);
  // One warning says it all: the underset names the hole at its foot, which is not warned twice.
  ASSERT_EQ(warnings("underset"), 1);
  EXPECT_EQ(warnings("hole"), 0);
  EXPECT_EQ(message("underset"),
            "article \"a\" leaves 8 column-lines empty at the foot of its 2 columns (about 4 rows of the area's 6): "
            "4 rows in columns 1–2 (page rows 12–15)");
  EXPECT_NE(proof_text(area.frame).find("空4行×2栏"), std::string::npos) << proof_text(area.frame);
}

// A column of briefs filled one column after the other (12 lines in 2 columns of 8 rows: 8 + 4):
// its last column ends 4 rows short, a hole with its page, column and rows, named by the
// underset's warning and labelled with its rows in one column on the proof.
TEST_F(Area, HoleInTheLastColumn) {
  add_paragraphs({46, 46, 46});
  article_.sequential_columns = true;
  const AreaResult area = set(2, 8);
  EXPECT_EQ(lines_per_column(area), (std::vector<int>{8, 4}));
  EXPECT_EQ(area.report.underset_column_lines, 4);
  ASSERT_EQ(area.report.holes.size(), 1u);
  const Hole& hole = area.report.holes.front();
  EXPECT_EQ(hole.page, 1);
  EXPECT_EQ(hole.article, "a");
  EXPECT_EQ(hole.first_column, 2);
  EXPECT_EQ(hole.last_column, 2);
  EXPECT_EQ(hole.first_row, 14);
  EXPECT_EQ(hole.rows, 4);
  EXPECT_EQ(message("underset"),
            "article \"a\" leaves 4 column-lines empty at the foot of its 2 columns (about 2 rows of the area's 8): "
            "4 rows in column 2 (page rows 14–17)");
  EXPECT_EQ(warnings("hole"), 0);
  EXPECT_NE(proof_text(area.frame).find("空4行"), std::string::npos) << proof_text(area.frame);
}

// A hole the underset does not warn about: under 破栏 (4 columns of 8 characters across 3 grid
// columns), 21 lines filled one column after the other in 6 rows are 6 + 6 + 6 + 3: 3 empty
// column-lines, less than a row in each column, so no underset warning; the last column's
// 3 empty rows are a hole, warned and labelled as one.
TEST_F(Area, AHoleTheUndersetDoesNotCoverIsWarnedAsAHole) {
  add_paragraphs({46, 46, 46, 22});  // 6 + 6 + 6 + 3 lines of 8 characters
  article_.sequential_columns = true;
  article_.columns = 4;
  const AreaResult area = set(3, 6);
  EXPECT_EQ(lines_per_column(area), (std::vector<int>{6, 6, 6, 3}));
  EXPECT_EQ(area.report.underset_column_lines, 3);
  EXPECT_EQ(warnings("underset"), 0);
  EXPECT_EQ(message("hole"), "article \"a\" has a hole in its body: 3 rows in column 4 (page rows 13–15)");
  EXPECT_NE(proof_text(area.frame).find("空3行"), std::string::npos) << proof_text(area.frame);
}

// "column_fill": "sequential" (a column of briefs): no balancing.
TEST_F(Area, SequentialColumnsAreFilledOneAfterTheOther) {
  add_paragraphs({46, 46, 46});  // 12 lines in 3 columns of 8 rows: 8 + 4 and none, not 4 + 4 + 4
  article_.sequential_columns = true;
  EXPECT_EQ(lines_per_column(set(3, 8)), (std::vector<int>{8, 4}));
  article_.sequential_columns = false;
  EXPECT_EQ(lines_per_column(set(3, 8)), (std::vector<int>{4, 4, 4}));
}

// P4: 13 lines in 3 columns of 6 rows end level, 5 + 4 + 4, the last column the shortest; filled
// column by column they would be 6 + 6 + 1, the last column a hole of 5 rows.
TEST_F(Area, BalancedColumnsEndLevelWithTheLastTheShortest) {
  add_paragraphs({46, 10, 46, 46});
  const AreaResult area = set(3, 6);
  EXPECT_EQ(area.report.used_column_lines, 13);
  EXPECT_EQ(area.report.underset_column_lines, 5);
  EXPECT_EQ(lines_per_column(area), (std::vector<int>{5, 4, 4}));
  EXPECT_TRUE(area.report.holes.empty());
  EXPECT_EQ(warnings("hole"), 0);
  EXPECT_EQ(warnings("underset"), 1) << "5 column-lines in 3 columns: more than one row short";
}

// 17 lines in 3 columns of 6 rows: 6 + 6 + 5, one column-line short, no warning.
TEST_F(Area, AColumnOneRowShortIsNoUnderset) {
  add_paragraphs({46, 46, 46, 46, 10});
  const AreaResult area = set(3, 6);
  EXPECT_EQ(lines_per_column(area), (std::vector<int>{6, 6, 5}));
  EXPECT_EQ(area.report.underset_column_lines, 1);
  EXPECT_EQ(diagnostics_.warning_count(), 0u);
}

// An area that jumps is filled to its foot, never balanced: the rest goes on.
TEST_F(Area, AJumpingAreaIsFilledNotBalanced) {
  add_paragraphs({46, 46, 46, 46, 46});
  AreaSpec spec;
  spec.span = 2;
  spec.rows = 6;
  spec.max_rows = 40;
  spec.continue_page = 2;
  AreaContext context{grid_, styles_, diagnostics_};
  const AreaResult area = set_area(spec, shape_copy(article_, grid_, styles_, diagnostics_), context);
  EXPECT_EQ(area.report.used_column_lines, 11);  // the last row keeps （下转第2版）
  EXPECT_EQ(area.report.jumped_column_lines, 20 - 11);
  EXPECT_EQ(area.rest.items.size(), 9u);
  EXPECT_EQ(area.rest.from_page, 0);
}

TEST_F(Area, PhotoInsideTheBodyHasTextAboveAndBelowAndNoLineOverIt) {
  add_paragraphs({46, 46, 46});
  model::Photo photo = lantern_photo();
  photo.line = 2;  // below the body's second row
  article_.body.insert(article_.body.begin() + 1, photo);
  const AreaResult area = set(1, 20);
  ASSERT_EQ(area.photos.size(), 1u);
  const Rect block = area.photos.front().block;
  EXPECT_EQ(block.top(), grid_.pitch * 2);
  int above = 0, below = 0;
  for (const auto& line : area.lines) {
    if (line.role != LineRole::Body) continue;
    EXPECT_FALSE(line.y > block.top() && line.y < block.bottom()) << line.text << " is set over the photo";
    (line.y < block.top() ? above : below) += 1;
  }
  EXPECT_EQ(above, 2);
  EXPECT_EQ(below, 10);
  EXPECT_EQ(area.report.used_column_lines, 12);
}

// A photo story in a fixed area shorter than its photo: the photo is drawn on past the area's
// foot (over what is below), and that is said, counted and outlined on the proof.
TEST_F(Area, APhotoPastTheFootOfAFixedAreaIsWarnedCountedAndMarked) {
  article_.body.push_back(lantern_photo());  // one column wide: 3:2 with its caption, about 7 rows
  const AreaResult fits = set(1, 20);
  EXPECT_EQ(fits.report.photo_overflow_rows, 0);
  EXPECT_EQ(warnings("photo-overflow"), 0);
  const AreaResult area = set(1, 3);
  ASSERT_EQ(area.photos.size(), 1u);
  const int reaches = static_cast<int>((area.photos[0].block.bottom().raw() + grid_.pitch.raw() - 1) / grid_.pitch.raw());
  EXPECT_GT(reaches, 3);
  EXPECT_EQ(area.report.photo_overflow_rows, reaches - 3);
  EXPECT_EQ(warnings("photo-overflow"), 1);
  EXPECT_NE(message("photo-overflow").find(std::to_string(reaches - 3) + " rows below the foot of its area (3 rows)"),
            std::string::npos) << message("photo-overflow");
  EXPECT_EQ(proof_text(area.frame), "图超" + std::to_string(reaches - 3) + "行");
  EXPECT_FALSE(fills_area(area.report));
}

TEST_F(Area, OpenAreaIsAsTallAsItsCopy) {
  add_paragraphs({46, 46});
  AreaSpec spec;
  spec.max_rows = 50;
  AreaContext context{grid_, styles_, diagnostics_};
  const AreaResult area = set_area(spec, shape_copy(article_, grid_, styles_, diagnostics_), context);
  EXPECT_EQ(area.report.rows, 8);
  EXPECT_EQ(area.report.underset_column_lines, 0);
}

TEST_F(Area, SettingTheSameAreaAgainGivesTheSameLines) {
  add_paragraphs({46, 46, 46, 10});
  const ArticleCopy copy = shape_copy(article_, grid_, styles_, diagnostics_);
  AreaSpec spec;
  spec.span = 2;
  spec.rows = 7;
  spec.max_rows = 40;
  AreaContext context{grid_, styles_, diagnostics_};
  const AreaResult first = set_area(spec, copy, context);
  const AreaResult second = set_area(spec, copy, context);
  ASSERT_EQ(first.lines.size(), second.lines.size());
  for (std::size_t i = 0; i < first.lines.size(); ++i) {
    EXPECT_EQ(first.lines[i].text, second.lines[i].text);
    EXPECT_EQ(first.lines[i].x, second.lines[i].x);
    EXPECT_EQ(first.lines[i].y, second.lines[i].y);
  }
}

// Every line's record is where its glyphs are drawn: each record's (x, baseline) is the origin
// of a group in the area's frame tree (line frames are placed with their origin on the baseline).
void collect_origins(const frame::Frame& f, Point at, std::set<std::pair<std::int64_t, std::int64_t>>& out) {
  for (const auto& [p, item] : f.items) {
    const auto* group = std::get_if<frame::GroupItem>(&item);
    if (group == nullptr || !group->frame) continue;
    const Point origin = at + p;
    out.insert({origin.x.raw(), origin.y.raw()});
    collect_origins(*group->frame, origin, out);
  }
}

TEST_F(Area, EveryRecordIsWhereTheFrameDrawsItsLine) {
  article_.headline = "职工书屋走进车间";
  article_.byline = "本报记者 王小明";
  add_paragraphs({46, 46, 10});
  article_.body.insert(article_.body.begin() + 1, model::Subhead{"小标题", {}});
  const AreaResult area = set(2, 12);
  std::set<std::pair<std::int64_t, std::int64_t>> origins;
  collect_origins(area.frame, {}, origins);
  ASSERT_GT(area.lines.size(), 8u);
  for (const auto& line : area.lines) {
    EXPECT_TRUE(origins.contains({line.x.raw(), line.y.raw()})) << to_string(line.role) << " " << line.text;
  }
}

TEST_F(Area, ProofMarksNeverReachThePdf) {
  add_paragraphs({46, 46, 46});
  const AreaResult area = set(1, 5);
  int proof_groups = 0;
  for (const auto& [at, item] : area.frame.items) {
    const auto* group = std::get_if<frame::GroupItem>(&item);
    proof_groups += group != nullptr && group->proof_only;
  }
  EXPECT_EQ(proof_groups, 1) << "the overset marks are one proof-only group";
}

// ---- proof labels and margin notes (layout/proof_marks.h) -----------------------------------

TEST_F(Area, APageMemoShapesTheSameTextInTheSameStyleForTheSamePlaceOnce) {
  const ResolvedStyle* headline = styles_.get("headline", diagnostics_);
  ASSERT_NE(headline, nullptr);
  // 𝄞 (U+1D11E) is in no font of the layout: shaping warns, and a remembered paragraph says so again.
  const std::string text = han(9) + "\U0001D11E";
  SourceRef here;
  here.json_pointer = "/headline";
  Diagnostics breaking;
  const auto lines = [&breaking](const compose::Paragraph& p) {
    std::vector<std::string> out;
    for (const auto& line : p.break_lines(compose::LineWidths::uniform(Length::pt(60)), breaking)) {
      out.push_back(p.line_text(line));
    }
    return out;
  };
  const auto natural = [&breaking](const compose::Paragraph& p) {
    return p.break_lines(compose::LineWidths::uniform(Length::pt(1000)), breaking).front().natural;
  };
  const TextStats none = styles_.stats();
  const compose::Paragraph unremembered = styles_.paragraph(text, *headline, diagnostics_, here);
  const TextStats before = styles_.stats();
  const int characters = before.characters - none.characters;
  ASSERT_GT(characters, 0);

  const StyleBook::PageMemo memo(styles_);
  Diagnostics first, second, elsewhere;
  const compose::Paragraph a = styles_.paragraph(text, *headline, first, here);
  const compose::Paragraph b = styles_.paragraph(text, *headline, second, here);
  EXPECT_EQ(memo.size(), 1u);
  EXPECT_EQ(lines(a), lines(unremembered));
  EXPECT_EQ(lines(b), lines(unremembered));
  ASSERT_EQ(first.warning_count(), 1u);
  ASSERT_EQ(second.warning_count(), 1u);
  EXPECT_EQ(second.items()[0].code, "missing-glyph");
  EXPECT_EQ(second.items()[0].where.json_pointer, "/headline");
  // Counted as often as it was asked for, as without the memo.
  EXPECT_EQ(styles_.stats().paragraphs, before.paragraphs + 2);
  EXPECT_EQ(styles_.stats().characters, before.characters + 2 * characters);

  // Another place, another size (a headline stepped down) or another direction: shaped anew.
  SourceRef there = here;
  there.json_pointer = "/kicker";
  styles_.paragraph(text, *headline, elsewhere, there);
  ASSERT_EQ(elsewhere.warning_count(), 1u);
  EXPECT_EQ(elsewhere.items()[0].where.json_pointer, "/kicker");
  model::Style storage;
  const ResolvedStyle smaller = resized(*headline, Length::pt(14), storage);
  const compose::Paragraph c = styles_.paragraph(text, smaller, elsewhere, here);
  EXPECT_LT(natural(c), natural(a));
  styles_.paragraph(text, *headline, elsewhere, here, true);
  EXPECT_EQ(memo.size(), 4u);
  // An article's body is shaped once for the page and kept there: not remembered.
  styles_.paragraph(text, *headline, elsewhere, here, false, false);
  EXPECT_EQ(memo.size(), 4u);
  // Another book on the same thread (its own fonts, its own ids) neither reads nor fills it.
  StyleBook other(layout_, fonts_);
  const ResolvedStyle* other_headline = other.get("headline", elsewhere);
  ASSERT_NE(other_headline, nullptr);
  other.paragraph(text, *other_headline, elsewhere, here);
  EXPECT_EQ(memo.size(), 4u);
}

TEST(ProofLabels, NameRowsAndColumns) {
  EXPECT_EQ(overset_label(8, 87), "超 8 行 / 87 字");
  EXPECT_EQ(empty_label({4}), "空 4 行");
  EXPECT_EQ(empty_label({4, 4}), "空 4 行 × 2 栏");
  EXPECT_EQ(empty_label({14, 14, 13, 13, 12}), "空 66 行（约 14 行 × 5 栏）");
  EXPECT_EQ(empty_label({1, 2, 2}), "空 5 行（约 2 行 × 3 栏）");
  EXPECT_EQ(empty_label({}), "");
}

// Every piece of a frame with its place on the page: note boxes, glyph runs, rules.
struct Drawn {
  std::vector<Rect> boxes;
  std::vector<Point> runs;
  std::vector<std::pair<Point, Point>> rules;  // from, to
};

void collect_drawn(const frame::Frame& f, Point at, Drawn& out) {
  for (const auto& [p, item] : f.items) {
    const Point origin = at + p;
    if (const auto* box = std::get_if<frame::BoxItem>(&item)) out.boxes.push_back({origin, box->size});
    if (std::holds_alternative<frame::GlyphRunItem>(item)) out.runs.push_back(origin);
    if (const auto* rule = std::get_if<frame::RuleItem>(&item)) out.rules.emplace_back(origin, origin + rule->to);
    if (const auto* group = std::get_if<frame::GroupItem>(&item); group != nullptr && group->frame) {
      collect_drawn(*group->frame, origin, out);
    }
  }
}

// Notes stand in the side margins, in the one nearer their area; two notes for areas at the
// same height are stacked, not overlapped; the hairline from an area to its note runs in the
// leading between two rows (below the em box of the row above), never across a line of text,
// and leaves the type area only where it bends down the margin.
TEST_F(Area, MarginNotesStandInTheMarginsAndTheirLeadersRunInTheLeading) {
  const Rect& type = grid_.type_area;
  const auto rect = [&](int column, int span, int row) {
    return Rect{{grid_.column_x(column), grid_.line_top(row)}, {grid_.span_width(span), grid_.pitch * 8}};
  };
  std::vector<MarginNote> notes{{rect(2, 1, 10), overset_label(3, 31) + "：" + han(40), kOversetMark},
                                {rect(1, 2, 10), "调整：挤排", kFittedMark},
                                {rect(0, 1, 20), "调整：题 二号→小二", kFittedMark}};
  frame::Frame marks;
  place_margin_notes(marks, notes, layout_.page.width, grid_, styles_, diagnostics_);
  Drawn drawn;
  collect_drawn(marks, {}, drawn);
  ASSERT_EQ(drawn.boxes.size(), 3u);
  std::vector<Rect> right;
  for (const Rect& box : drawn.boxes) {
    EXPECT_TRUE(box.right() <= type.left() || box.left() >= type.right()) << "a note over the type area";
    if (box.left() >= type.right()) right.push_back(box);
  }
  ASSERT_EQ(right.size(), 2u) << "the areas of columns 3 and 2–3 are nearer the right margin";
  EXPECT_TRUE(right[0].bottom() <= right[1].top() || right[1].bottom() <= right[0].top()) << "notes overlap";
  for (const Point& run : drawn.runs) EXPECT_TRUE(run.x < type.left() || run.x > type.right());
  ASSERT_FALSE(drawn.rules.empty());
  for (const auto& [from, to] : drawn.rules) {
    if (from.y != to.y) {
      EXPECT_TRUE(from.x < type.left() || from.x > type.right()) << "a leader bends down inside the type area";
      continue;
    }
    if (std::max(from.x, to.x) <= type.left() || std::min(from.x, to.x) >= type.right()) continue;  // in a margin
    const Length into_row = (from.y - type.top()) - grid_.pitch * ((from.y - type.top()).raw() / grid_.pitch.raw());
    EXPECT_GE(into_row, grid_.body_size) << "a leader crosses a row's characters at y " << from.y.to_pt();
  }
}

// ---- copyfitting (layout/copyfit.h) ----------------------------------------------------------

TEST(Copyfit, HaoStepsFollowTheSizeTable) {
  EXPECT_EQ(hao_step(Length::pt(22), -1), Length::pt(18));   // 二号 → 小二
  EXPECT_EQ(hao_step(Length::pt(22), -2), Length::pt(16));   // → 三号
  EXPECT_EQ(hao_step(Length::pt(24), 1), Length::pt(26));    // 小一 → 一号
  EXPECT_EQ(hao_step(Length::pt(20), -1), Length::pt(18));   // between sizes: the next smaller is one step
  EXPECT_EQ(hao_step(Length::pt(20), 1), Length::pt(22));
  EXPECT_EQ(hao_step(Length::pt(42), 3), Length::pt(42));    // 初号 is the largest
}

class Fit : public Area {
 protected:
  AreaResult fit(int span, int rows, const model::CopyfitPolicy& policy) {
    AreaContext context{grid_, styles_, diagnostics_};
    return fit_area(fixed(span, rows), shape_copy(article_, grid_, styles_, diagnostics_), context, policy);
  }
  // The rows at which the unfitted area is `over` column-lines overset (or -`over` empty), if any.
  std::optional<int> rows_where(int span, int over) {
    for (int rows = 2; rows < 60; ++rows) {
      Diagnostics quiet;
      AreaContext context{grid_, styles_, quiet};
      const AreaReport r = set_area(fixed(span, rows), shape_copy(article_, grid_, styles_, quiet), context).report;
      if (over > 0 ? r.overset_column_lines == over : r.overset_column_lines == 0 && r.underset_column_lines == -over) {
        return rows;
      }
    }
    return std::nullopt;
  }
  static model::CopyfitPolicy only(model::FitStep step) {
    model::CopyfitPolicy p;
    p.steps = {step};
    return p;
  }
};

TEST_F(Fit, AnAreaThatFitsIsLeftAsSet) {
  add_paragraphs({46, 46});
  const AreaResult area = fit(1, 8, model::CopyfitPolicy{});
  ASSERT_TRUE(area.report.copyfit.has_value());
  EXPECT_EQ(area.report.copyfit->result, FitResult::AsSet);
  EXPECT_EQ(area.report.copyfit->trials, 1);
}

// A headline that must step down: three column-lines over in two columns; a smaller 主题 on one
// line instead of two frees two rows (four column-lines), leaving one column a row short.
TEST_F(Fit, AHeadlineStepsDownToTakeOneLineMore) {
  article_.headline = "全省职工书屋走进车间生产一线";  // 14 characters: two lines at 16 pt, one at 14 pt
  add_paragraphs({46, 46, 46, 46, 46, 10});  // 21 lines: some height leaves exactly four over
  const auto rows = rows_where(2, 4);
  ASSERT_TRUE(rows.has_value());
  const AreaResult area = fit(2, *rows, only(model::FitStep::Headline));
  const CopyfitReport& f = *area.report.copyfit;
  EXPECT_EQ(f.result, FitResult::Fitted) << f.trials << " trials at " << *rows << " rows";
  EXPECT_LT(f.headline_to, f.headline_from);
  EXPECT_EQ(area.report.overset_column_lines, 0);
  EXPECT_TRUE(fills_area(area.report));
  EXPECT_EQ(copyfit_label(f), "调整：题 三号→小三");
  EXPECT_EQ(proof_text(area.frame), "") << "what copyfitting did is a margin note, never drawn over the area";
}

// A photo that must lose rows: two column-lines over in one column.
TEST_F(Fit, APhotoLosesRowsByCropping) {
  add_paragraphs({46, 46, 46});
  article_.body.insert(article_.body.begin(), lantern_photo());
  const auto rows = rows_where(1, 2);
  ASSERT_TRUE(rows.has_value());
  model::CopyfitPolicy policy = only(model::FitStep::Photo);
  policy.max_photo_aspect = 3;  // 3:2 two rows shorter is about 2.4:1
  const AreaResult area = fit(1, *rows, policy);
  EXPECT_EQ(area.report.copyfit->result, FitResult::Fitted);
  EXPECT_EQ(area.report.copyfit->photo_rows, -2);
  EXPECT_EQ(area.report.overset_column_lines, 0);
  ASSERT_EQ(area.photos.size(), 1u);
  EXPECT_GT(area.photos[0].width / area.photos[0].height, 1.5) << "cropped wider than 3:2";
}

// A photo story whose photo is taller than its area: copyfitting crops the photo's rows until it
// ends at the area's foot (within the policy's aspects), or reports the area as overset.
TEST_F(Fit, APhotoPastTheFootIsCroppedUntilItFits) {
  article_.body.push_back(lantern_photo());
  int natural = 0;
  {
    Diagnostics quiet;
    AreaContext context{grid_, styles_, quiet};
    const AreaReport open = set_area(fixed(1, 30), shape_copy(article_, grid_, styles_, quiet), context).report;
    ASSERT_EQ(open.photo_overflow_rows, 0);
  }
  for (int rows = 1; rows < 30 && natural == 0; ++rows) {
    Diagnostics quiet;
    AreaContext context{grid_, styles_, quiet};
    if (set_area(fixed(1, rows), shape_copy(article_, grid_, styles_, quiet), context).report.photo_overflow_rows == 0) {
      natural = rows;
    }
  }
  ASSERT_GT(natural, 2);
  model::CopyfitPolicy policy = only(model::FitStep::Photo);
  policy.max_photo_aspect = 3;
  const AreaResult area = fit(1, natural - 1, policy);
  EXPECT_EQ(area.report.photo_overflow_rows, 0);
  EXPECT_EQ(area.report.copyfit->photo_rows, -1);
  EXPECT_NE(area.report.copyfit->result, FitResult::Overset);
  // Too short for any crop the policy allows: reported as overset, and no cut of copy is asked for.
  const AreaResult cut = fit(1, 1, policy);
  EXPECT_GT(cut.report.photo_overflow_rows, 0);
  EXPECT_EQ(cut.report.copyfit->result, FitResult::Overset);
  EXPECT_EQ(copyfit_label(*cut.report.copyfit).find("需删"), std::string::npos) << copyfit_label(*cut.report.copyfit);
}

// Too long or too short by 1, 3 and 10 lines: the area is fitted, or the report says exactly
// what cut or copy it needs; no fitted line is looser or tighter than the composer allows.
TEST_F(Fit, TooLongOrTooShortIsFittedOrTheCutIsReported) {
  article_.headline = "职工书屋走进车间";
  for (int p = 0; p < 6; ++p) article_.body.push_back(model::Paragraph{han(40, p * 3) + "。" + han(20, p) + "。", {}});
  for (int off : {1, 3, 10, -2, -6, -20}) {
    SCOPED_TRACE(off);
    const auto rows = rows_where(2, off);
    if (!rows) continue;  // no height gives exactly this (lines come in whole rows across 2 columns)
    const AreaResult area = fit(2, *rows, model::CopyfitPolicy{});
    const CopyfitReport& f = *area.report.copyfit;
    if (f.result == FitResult::Overset) {
      EXPECT_EQ(f.cut_chars, area.report.overset_chars);
      EXPECT_GT(f.cut_from_paragraph, 0);
      EXPECT_TRUE(f.last_fitting_sentence.ends_with("。")) << f.last_fitting_sentence;
    } else if (f.result == FitResult::Underset) {
      EXPECT_GT(f.missing_chars, 0);
    } else {
      EXPECT_EQ(f.result, FitResult::Fitted);
      EXPECT_TRUE(fills_area(area.report));
    }
    EXPECT_LE(area.report.overset_column_lines, std::max(off, 0)) << "fitting never makes it worse";
    for (const auto& line : area.lines) {
      if (line.role != LineRole::Body || line.ended_by == compose::EndedBy::Overfull) continue;
      EXPECT_GE(line.ratio, -1.0) << line.text;
    }
  }
}

TEST_F(Fit, WithoutStepsTheSmallestCutIsReported) {
  article_.body.push_back(model::Paragraph{han(30) + "。" + han(22, 3) + "。", {}});
  article_.body.push_back(model::Paragraph{han(40, 5) + "。" + han(20, 9) + "。", {}});
  model::CopyfitPolicy none;
  none.steps.clear();
  const AreaResult area = fit(1, 6, none);
  const CopyfitReport& f = *area.report.copyfit;
  EXPECT_EQ(f.result, FitResult::Overset);
  EXPECT_EQ(f.cut_chars, area.report.overset_chars);
  EXPECT_EQ(f.cut_from_paragraph, 2);
  EXPECT_EQ(f.last_fitting_sentence, han(22, 3) + "。");
}

// Still underset: the copy missing is counted in full lines of the area's own columns. Under 破栏
// (4 columns across 3 grid columns of 12 characters, gutters 1.5 em: (39 − 4.5) / 4 → 8
// characters) one paragraph of 46 is 6 lines (6 + 8 × 5) of the 40 column-lines; filling all but
// one row of the last three columns needs 40 − 3 − 6 = 31 lines more, 31 × 8 characters.
TEST_F(Fit, MissingCopyIsCountedInLinesOfTheAreasOwnColumns) {
  add_paragraphs({46});
  article_.columns = 4;
  model::CopyfitPolicy none;
  none.steps.clear();
  const AreaResult area = fit(3, 10, none);
  const CopyfitReport& f = *area.report.copyfit;
  ASSERT_EQ(f.result, FitResult::Underset);
  EXPECT_EQ(grid_.characters_in(area.report.measure), 8);
  EXPECT_EQ(area.report.used_column_lines, 6);
  EXPECT_EQ(f.missing_chars, 31 * 8);
}

// A vertical (竖排) area is copyfitted as a horizontal one is: too long, its paragraphs are
// squeezed into fewer vertical lines or the cut is reported; still short, the missing copy is
// counted in its own vertical lines. No photo-row or headline-row step is taken.
TEST_F(Fit, AVerticalAreaIsSqueezedOrItsCutOrMissingCopyIsReported) {
  article_.headline = "职工书屋";
  for (int p = 0; p < 6; ++p) {
    article_.body.push_back(
        model::Paragraph{han(30 + 9 * p, p) + "，" + han(12 + 5 * p, p + 1) + "。“" + han(8, p + 2) + "”。", {}});
  }
  int fitted = 0, over = 0, under = 0;
  for (int i = 0; i < 3 * 34; ++i) {
    const int span = 2 + i / 34, rows = 6 + i % 34;
    SCOPED_TRACE(std::to_string(span) + " columns, " + std::to_string(rows) + " rows");
    const auto vertical = [&](int r) {
      AreaSpec spec = fixed(span, r);
      spec.vertical = true;
      return spec;
    };
    Diagnostics quiet;
    AreaContext trial{grid_, styles_, quiet};
    const AreaReport as_set = set_area(vertical(rows), shape_copy(article_, grid_, styles_, quiet), trial).report;
    if (fills_area(as_set)) continue;
    AreaContext context{grid_, styles_, quiet};
    const AreaResult area =
        fit_area(vertical(rows), shape_copy(article_, grid_, styles_, quiet), context, model::CopyfitPolicy{});
    const CopyfitReport& f = *area.report.copyfit;
    EXPECT_EQ(f.photo_rows, 0);
    EXPECT_EQ(f.head_rows, 0);
    EXPECT_LE(area.report.overset_column_lines, as_set.overset_column_lines) << "fitting never makes it worse";
    if (f.result == FitResult::Fitted) {
      ++fitted;
      EXPECT_TRUE(fills_area(area.report));
      EXPECT_TRUE(f.squeezed || f.headline_to != f.headline_from);
    } else if (f.result == FitResult::Overset) {
      ++over;
      EXPECT_EQ(f.cut_chars, area.report.overset_chars);
      EXPECT_GT(f.cut_from_paragraph, 0);
    } else {
      ASSERT_EQ(f.result, FitResult::Underset);
      ++under;
      EXPECT_EQ(f.missing_chars, area.report.underset_column_lines * grid_.characters_in(area.report.measure));
    }
  }
  EXPECT_GT(fitted, 0);
  EXPECT_GT(over, 0);
  EXPECT_GT(under, 0);
}

// --- stacks of areas (layout/stack.h) ------------------------------------------------------

// A member that fills from `low` to `high` rows (its copy as set takes `natural`), overset below
// and underset above; each row away from its natural height costs a copyfit step.
StackMember synthetic(int natural, int low, int high, int columns = 1) {
  StackMember m;
  m.height = StackMember::Height::Fill;
  m.trial = [=](std::optional<int> rows) {
    AreaReport r;
    r.columns = columns;
    r.rows = rows.value_or(natural);
    if (r.rows < low) r.overset_column_lines = (low - r.rows) * columns;
    if (r.rows > high) r.underset_column_lines = (r.rows - high) * columns;
    if (r.rows != natural && r.rows >= low && r.rows <= high) {
      CopyfitReport fit;
      fit.photo_rows = r.rows - natural;
      r.copyfit = fit;
    }
    return r;
  };
  return m;
}

StackMember given(int rows) {
  StackMember m;
  m.height = StackMember::Height::Given;
  m.rows = rows;
  return m;
}

TEST(Stack, RowsMoveToTheAreasThatCanTakeThem) {
  // Copy for 10 + 8 rows in a band of 24 beside a 3-row given area: 3 rows to share, the first
  // can take 1 more, the second 2.
  const StackPlan plan = plan_stack({synthetic(10, 9, 11), given(3), synthetic(8, 8, 10)}, 24);
  ASSERT_TRUE(plan.room);
  EXPECT_EQ(plan.rows, (std::vector<int>{11, 3, 10}));
  EXPECT_EQ(plan.natural_rows, (std::vector<int>{10, 3, 8}));
}

TEST(Stack, AnOversetAreaTakesRowsFromTheOthers) {
  // 12 + 8 rows of copy in 18: the first can give up 1, the second 1.
  const StackPlan plan = plan_stack({synthetic(12, 11, 12), synthetic(8, 7, 9)}, 18);
  EXPECT_EQ(plan.rows, (std::vector<int>{11, 7}));
}

TEST(Stack, RowsNoAreaCanFillAreLeftInTheLastArea) {
  // 9 rows more than the copy: the first two take one each, the last the 7 that are left.
  const StackPlan plan = plan_stack({synthetic(10, 10, 11), synthetic(5, 5, 6), synthetic(6, 6, 6)}, 30);
  EXPECT_EQ(plan.rows, (std::vector<int>{11, 6, 13}));
  // Copy 2 rows too long that no area can take: the last is overset, the others stay whole.
  EXPECT_EQ(plan_stack({synthetic(10, 10, 10), synthetic(5, 5, 5), synthetic(6, 6, 6)}, 19).rows,
            (std::vector<int>{10, 5, 4}));
}

TEST(Stack, AnAreaThatJumpsTakesTheRest) {
  StackMember jumps = synthetic(0, 0, 0);
  jumps.absorbs = true;
  const StackPlan plan = plan_stack({synthetic(10, 9, 11), jumps}, 40);
  EXPECT_EQ(plan.rows, (std::vector<int>{10, 30}));
}

TEST(Stack, ABandWithoutARowForEachAreaHasNoRoom) {
  EXPECT_FALSE(plan_stack({given(9), synthetic(4, 4, 4), synthetic(4, 4, 4)}, 10).room);
}

TEST(Stack, CostsGrowWithTheStepsAndHolesAndMostForCopyLeftOver) {
  AreaReport clean;
  clean.columns = 2;
  EXPECT_EQ(setting_cost(clean), 0);
  AreaReport stepped = clean;
  stepped.copyfit = CopyfitReport{};
  stepped.copyfit->squeezed = true;
  stepped.copyfit->headline_from = Length::pt(24);
  stepped.copyfit->headline_to = Length::pt(18);  // 小一 → 二号 → 小二: two steps
  EXPECT_EQ(setting_cost(stepped), 1 + 6);
  AreaReport holed = clean;
  holed.holes.push_back({1, "a", 1, 1, 5, 3, false});
  EXPECT_GT(setting_cost(holed), setting_cost(stepped));
  AreaReport over = clean;
  over.overset_column_lines = 1;
  EXPECT_GT(setting_cost(over), setting_cost(holed));
}

// A stack of three real areas fitted together: the band 2 rows shorter than the copy (two of
// the areas take a smaller 主题), as long, or 3 rows longer (rows go where a step can fill them).
TEST_F(Fit, AStackOfThreeAreasIsFittedTogether) {
  std::vector<model::Article> articles(3);
  const std::vector<std::vector<int>> copy{{46, 46, 46, 46, 46, 46}, {46, 46, 10}, {46, 46, 46, 46}};
  for (std::size_t a = 0; a < articles.size(); ++a) {
    articles[a].id = "s" + std::to_string(a);
    articles[a].headline = "全省职工书屋走进车间生产一线";  // two lines at 16 pt, one a 号 step down
    for (std::size_t p = 0; p < copy[a].size(); ++p) {
      articles[a].body.push_back(model::Paragraph{han(copy[a][p], static_cast<int>(p * 5 + a)), {}});
    }
  }
  std::vector<ArticleCopy> copies;
  for (const auto& a : articles) copies.push_back(shape_copy(a, grid_, styles_, diagnostics_));
  const model::CopyfitPolicy policy;
  Diagnostics quiet;
  AreaContext context{grid_, styles_, quiet};
  std::vector<StackMember> members(3);
  for (std::size_t m = 0; m < members.size(); ++m) {
    members[m].height = StackMember::Height::Fill;
    members[m].trial = [&, m](std::optional<int> rows) {
      AreaSpec spec = fixed(2, rows.value_or(0));
      spec.rows = rows;
      return rows ? fit_area(spec, copies[m], context, policy).report : set_area(spec, copies[m], context).report;
    };
  }
  int natural = 0;
  for (auto& m : members) natural += m.trial(std::nullopt).rows;
  for (const int extra : {-2, 0, 3}) {
    SCOPED_TRACE(extra);
    const StackPlan plan = plan_stack(members, natural + extra);
    ASSERT_TRUE(plan.room);
    int sum = 0;
    for (std::size_t m = 0; m < members.size(); ++m) {
      sum += plan.rows[m];
      const AreaReport report = members[m].trial(plan.rows[m]);
      EXPECT_TRUE(fills_area(report)) << "area " << m << " at " << plan.rows[m] << " rows: over "
                                      << report.overset_column_lines << ", under " << report.underset_column_lines;
    }
    EXPECT_EQ(sum, natural + extra);
  }
}

// No fitted area breaks a CLREQ rule or leaves the grid: real copy (the seed's paragraphs, with
// their punctuation) fitted into areas from much too short to much too long.
TEST_F(Fit, FittedAreasKeepTheClreqRulesAndTheGrid) {
  article_.headline = "全省职工书屋走进车间生产一线";
  // The seed's news paragraphs (its first lines are the masthead's, with long Latin codes).
  for (const std::string& p : test::seed_paragraphs()) {
    if (p.size() > 150 && article_.body.size() < 10) article_.body.push_back(model::Paragraph{p, {}});
  }
  ASSERT_EQ(article_.body.size(), 10u);
  const ArticleCopy copy = shape_copy(article_, grid_, styles_, diagnostics_);
  Diagnostics quiet;
  AreaContext context{grid_, styles_, quiet};
  AreaSpec open = fixed(3, 0);
  open.rows.reset();
  const int natural = set_area(open, copy, context).report.rows;
  int checked = 0;
  for (int rows = natural - 8; rows <= natural + 8; rows += 2) {
    SCOPED_TRACE(rows);
    const AreaResult area = fit_area(fixed(3, rows), copy, context, model::CopyfitPolicy{});
    std::optional<std::int64_t> baseline;
    const LineRecord* previous = nullptr;
    for (const LineRecord& line : area.lines) {
      if (line.role != LineRole::Body) continue;
      // On the grid: every body baseline sits at the same height within its row.
      const std::int64_t in_row = line.y.raw() % grid_.pitch.raw();
      if (!baseline) baseline = in_row;
      EXPECT_EQ(in_row, *baseline) << line.text;
      const bool reported = line.ended_by == compose::EndedBy::Overfull || line.ended_by == compose::EndedBy::Underfull ||
                            line.ended_by == compose::EndedBy::Unbreakable;
      if (line.ended_by != compose::EndedBy::ParagraphEnd && !reported) {
        EXPECT_GE(line.ratio, -1.0) << line.text;
        EXPECT_LE(line.ratio, 2.0) << line.text;
      }
      // B1/B2: no closing mark, pause or stop opens a line; no opening mark ends one.
      const std::u32string cps = to_u32(line.text);
      ASSERT_FALSE(cps.empty());
      const bool continues = previous != nullptr && previous->ended_by != compose::EndedBy::ParagraphEnd &&
                             previous->ended_by != compose::EndedBy::ThreePunctuation;
      const text::CharClass first = text::classify(cps.front());
      if (continues) {
        EXPECT_FALSE(first == text::CharClass::ClosingMark || first == text::CharClass::Pause ||
                     first == text::CharClass::Stop)
            << "prohibited line start: " << line.text;
        // H2: a paragraph's last line holds two characters or more (no 孤字).
        if (line.ended_by == compose::EndedBy::ParagraphEnd) {
          int counted = 0;
          for (const char32_t c : cps) counted += text::is_punctuation(text::classify(c)) ? 0 : 1;
          EXPECT_GE(counted, 2) << "孤字: " << line.text;
        }
      }
      if (line.ended_by != compose::EndedBy::ParagraphEnd && line.ended_by != compose::EndedBy::ThreePunctuation) {
        EXPECT_NE(text::classify(cps.back()), text::CharClass::OpeningMark) << "line ends with an opening mark: " << line.text;
      }
      previous = &line;
      ++checked;
    }
  }
  EXPECT_GT(checked, 200);
}

}  // namespace
}  // namespace zjgr::layout

namespace zjgr::layout {
namespace {

// Body lines of an area column by column, each top to bottom.
std::vector<std::vector<const LineRecord*>> body_columns(const AreaResult& area) {
  std::map<std::int64_t, std::vector<const LineRecord*>> by_x;
  for (const auto& line : area.lines) {
    if (line.role == LineRole::Body) by_x[line.x.raw()].push_back(&line);
  }
  std::vector<std::vector<const LineRecord*>> out;
  for (auto& [x, lines] : by_x) {
    std::sort(lines.begin(), lines.end(), [](const auto* a, const auto* b) { return a->y < b->y; });
    out.push_back(std::move(lines));
  }
  return out;
}

// H3 on real fonts and copy with punctuation, at every height of a 3-column area: no paragraph's
// last line opens a column alone and no first line of a longer paragraph ends one; at some
// heights column breaking sets a paragraph a line longer or shorter to keep a column full.
TEST_F(Area, H3_NoLineAloneAtAColumnsTopOrFootAtAnyHeight) {
  for (int p = 0; p < 9; ++p) {
    article_.body.push_back(model::Paragraph{han(14 + 9 * (p % 4), p) + "，" + han(12 + 5 * p % 17, p + 3) + "。", {}});
  }
  int natural = 0;
  {
    Diagnostics quiet;
    AreaContext context{grid_, styles_, quiet};
    AreaSpec open = fixed(3, 0);
    open.rows.reset();
    natural = set_area(open, shape_copy(article_, grid_, styles_, quiet), context).report.used_column_lines;
  }
  int rebroken = 0;
  for (int rows = 6; rows <= 16; ++rows) {
    SCOPED_TRACE(rows);
    Diagnostics quiet;
    AreaContext context{grid_, styles_, quiet};
    const AreaResult area = set_area(fixed(3, rows), shape_copy(article_, grid_, styles_, quiet), context);
    const auto columns = body_columns(area);
    for (std::size_t c = 0; c + 1 < columns.size(); ++c) {
      const LineRecord& foot = *columns[c].back();
      const LineRecord& top = *columns[c + 1].front();
      const bool foot_ends = foot.ended_by == compose::EndedBy::ParagraphEnd;
      const bool foot_starts = columns[c].size() < 2 || columns[c][columns[c].size() - 2]->ended_by == compose::EndedBy::ParagraphEnd;
      EXPECT_FALSE(!foot_ends && foot_starts) << "a first line alone at the foot of column " << c + 1 << ": " << foot.text;
      EXPECT_FALSE(!foot_ends && top.ended_by == compose::EndedBy::ParagraphEnd)
          << "a last line alone at the top of column " << c + 2 << ": " << top.text;
    }
    rebroken += area.report.used_column_lines + area.report.overset_column_lines != natural;
  }
  EXPECT_GT(rebroken, 0) << "some height needs a paragraph set a line longer or shorter";
}

}  // namespace
}  // namespace zjgr::layout

// ---- CLREQ P1–P5 on real fonts (CLREQ-RULES.md a.9) ----------------------------------------

namespace zjgr::layout {
namespace {

// x of every glyph drawn in `f`, by baseline y (frame origins added up).
void glyph_xs(const frame::Frame& f, Point at, std::map<std::int64_t, std::vector<std::int64_t>>& out) {
  for (const auto& [p, item] : f.items) {
    if (const auto* run = std::get_if<frame::GlyphRunItem>(&item)) {
      for (const auto& g : run->glyphs) out[(at + p + g.at).y.raw()].push_back((at + p + g.at).x.raw());
    } else if (const auto* group = std::get_if<frame::GroupItem>(&item); group != nullptr && group->frame) {
      glyph_xs(*group->frame, at + p, out);
    }
  }
}

// P1: the measure is 12 characters of 9 pt exactly, and every Han character of a paragraph,
// on every line (the indented first and the short last included), sits on one of the 12 cells.
TEST_F(Area, P1_MeasureInWholeCharactersAndHanOnTheSameCellsOnEveryLine) {
  EXPECT_EQ(grid_.measure, Length::pt(9) * std::int64_t{12});
  add_paragraphs({46, 40});
  const AreaResult area = set(1, 8);
  std::map<std::int64_t, std::vector<std::int64_t>> by_line;
  glyph_xs(area.frame, {}, by_line);
  ASSERT_EQ(by_line.size(), 8u);
  int full = 0;
  for (const auto& [y, xs] : by_line) {
    for (const std::int64_t x : xs) {
      EXPECT_EQ(x % Length::pt(9).raw(), 0) << "a glyph off the character grid at y " << y;
      EXPECT_LT(x, grid_.measure.raw());
    }
    full += xs.size() == 12;
  }
  EXPECT_EQ(full, 5) << "4 + 4 lines: 12 + 12 + 12 characters in each paragraph but the first line (10) and the last";
}

// The 3-column area with its headline group over columns 1–2 (head_span 2): the body beside
// it in column 3 starts at the top.
class Heading : public Area {
 protected:
  AreaResult set_with_head() {
    article_.headline = "职工书屋走进车间生产一线";
    article_.kicker = "全省工会服务职工";
    add_paragraphs({46, 46, 46, 46, 46, 46, 46});
    AreaSpec spec = fixed(3, 14);
    spec.head_span = 2;
    AreaContext context{grid_, styles_, diagnostics_};
    return set_area(spec, shape_copy(article_, grid_, styles_, diagnostics_), context);
  }
  // The body lines of (1-based) column `column`, top to bottom.
  static std::vector<const LineRecord*> body_in(const AreaResult& area, int column) {
    std::vector<const LineRecord*> out;
    for (const auto& l : area.lines) {
      if (l.role == LineRole::Body && l.column == column) out.push_back(&l);
    }
    std::sort(out.begin(), out.end(), [](const auto* a, const auto* b) { return a->y < b->y; });
    return out;
  }
};

// P2: the headline group takes a whole number of body lines (占行): the first body baseline
// below it is baseline n + 1 of the column beside it, n being the rows the group occupies.
TEST_F(Heading, P2_HeadlineGroupOccupiesWholeBodyLines) {
  const AreaResult area = set_with_head();
  const auto col1 = body_in(area, 1), col3 = body_in(area, 3);
  ASSERT_FALSE(col1.empty());
  ASSERT_FALSE(col3.empty());
  const Length drop = col1.front()->y - col3.front()->y;
  EXPECT_EQ(drop.raw() % grid_.pitch.raw(), 0) << "the body below the headline is off the grid beside it";
  const std::int64_t rows = drop.raw() / grid_.pitch.raw();
  EXPECT_GE(rows, 2) << "引题 and 主题 take more than one body line";
  // Every baseline of column 1 is a baseline of column 3.
  for (const LineRecord* l : col1) EXPECT_EQ((l->y - col3.front()->y).raw() % grid_.pitch.raw(), 0) << l->text;
  // The group's lines are all inside its rows, above the first body line's row.
  for (const auto& l : area.lines) {
    if (l.role == LineRole::Headline || l.role == LineRole::Kicker) {
      EXPECT_LT(l.y, grid_.pitch * rows) << l.text;
      EXPECT_LT(l.x, grid_.span_width(2));
    }
  }
}

// P3: a heading over some of the columns is a wall for them only: columns 1–2 start below it,
// column 3 beside it starts at the top, and the text runs column 1, 2, then 3.
TEST_F(Heading, P3_AHeadingOverSomeColumnsIsAWallForThoseColumnsOnly) {
  const AreaResult area = set_with_head();
  const auto col1 = body_in(area, 1), col2 = body_in(area, 2), col3 = body_in(area, 3);
  ASSERT_FALSE(col1.empty());
  ASSERT_FALSE(col2.empty());
  ASSERT_FALSE(col3.empty());
  EXPECT_EQ(col3.front()->y, grid_.baseline_offset) << "column 3 starts at the area's first row";
  EXPECT_EQ(col1.front()->y, col2.front()->y);
  EXPECT_GT(col1.front()->y, col3.front()->y);
  Length head_bottom;
  for (const auto& l : area.lines) {
    if (l.role == LineRole::Headline) head_bottom = max(head_bottom, l.y);
  }
  EXPECT_GT(col1.front()->y, head_bottom);
  // Reading order: column 3 continues where column 2 ends.
  EXPECT_EQ(area.lines.front().role, LineRole::Body);
  std::vector<const LineRecord*> order;
  for (const auto& l : area.lines) {
    if (l.role == LineRole::Body) order.push_back(&l);
  }
  EXPECT_EQ(order.front(), col1.front());
  EXPECT_EQ(order[col1.size()], col2.front());
  EXPECT_EQ(order[col1.size() + col2.size()], col3.front());
}

// P4: CLREQ's case, 29 lines in 3 columns: 10 + 10 + 9 (7 paragraphs of 4 lines and one of 1).
TEST_F(Area, P4_TwentyNineLinesInThreeColumnsAreTenTenNine) {
  add_paragraphs({46, 46, 46, 46, 46, 46, 46, 10});
  AreaSpec open = fixed(3, 0);
  open.rows.reset();
  AreaContext context{grid_, styles_, diagnostics_};
  const AreaResult area = set_area(open, shape_copy(article_, grid_, styles_, diagnostics_), context);
  EXPECT_EQ(area.report.rows, 10);
  EXPECT_EQ(lines_per_column(area), (std::vector<int>{10, 10, 9}));
}

// P5: a 小标题 that would fall on a column's last two rows moves to the top of the next column.
TEST_F(Area, P5_ASubheadThatWouldEndAColumnMovesToTheNext) {
  add_paragraphs({46, 10, 10});  // 6 lines: the subhead's 2 rows would be rows 7–8 of 8
  article_.body.push_back(model::Subhead{"小标题", {}});
  article_.body.push_back(model::Paragraph{han(46, 3), {}});
  article_.sequential_columns = true;
  const AreaResult area = set(2, 8);
  const LineRecord* subhead = nullptr;
  const LineRecord* after = nullptr;
  for (const auto& l : area.lines) {
    if (l.role == LineRole::Subhead) subhead = &l;
    if (subhead != nullptr && after == nullptr && l.role == LineRole::Body && &l != subhead) after = &l;
  }
  ASSERT_NE(subhead, nullptr);
  EXPECT_EQ(subhead->column, 2);
  EXPECT_LT(subhead->y, grid_.pitch * std::int64_t{2}) << "at the top of column 2";
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(after->column, 2) << "its text follows it in the same column";
  EXPECT_GT(after->y, subhead->y);
}

}  // namespace
}  // namespace zjgr::layout
