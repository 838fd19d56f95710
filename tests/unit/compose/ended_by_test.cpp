// Line::ended_by says which rule decided each break (printed by --dump-layout), and the
// breaker's work bounds on hostile input. 1 em = 10 pt, font-free shaping.
#include <gtest/gtest.h>

#include <chrono>

#include "fake_shaping.h"
#include "property_check.h"
#include "support/items.h"

namespace zjgr::compose {
namespace {

/// ended_by of every line of `text` at `measure_em`, joined with '|'.
std::string reasons(const std::string& text, double measure_em, ParagraphStyle st = test::style10()) {
  const Paragraph par(test::fake_shape(text, st.size), st);
  Diagnostics d;
  std::string out;
  for (const Line& l : par.break_lines(LineWidths::uniform(st.size * measure_em), d)) {
    out += (out.empty() ? "" : "|") + par.line_text(l) + ":" + std::string(to_string(l.ended_by));
  }
  return out;
}

TEST(EndedBy, OptimalWhenTheNaturalBreakIsLegal) {
  EXPECT_EQ(reasons("甲乙丙丁戊己庚辛壬癸", 5), "甲乙丙丁戊:optimal|己庚辛壬癸:paragraph-end");
}

TEST(EndedBy, B1_KinsokuLineStartWhenAClosingMarkMovedTheBreak) {
  EXPECT_EQ(reasons("甲乙丙丁戊，己庚", 5), "甲乙丙丁:kinsoku-line-start|戊，己庚:paragraph-end");
}

TEST(EndedBy, B2_KinsokuLineEndWhenAnOpeningMarkMovedTheBreak) {
  // The longest fitting line would end with “ (4 em + its ½-em blank + ½ em of ink).
  EXPECT_EQ(reasons("甲乙丙丁“戊己”", 5), "甲乙丙丁:kinsoku-line-end|“戊己”:paragraph-end");
}

TEST(EndedBy, H2_OrphanWhenTheLastLineNeededASecondCharacter) {
  EXPECT_EQ(reasons("甲乙丙丁戊己庚辛壬癸子。", 10), "甲乙丙丁戊己庚辛壬:orphan|癸子。:paragraph-end");
}

TEST(EndedBy, B8_UnbreakableWhenAWordMovedTheBreak) {
  EXPECT_EQ(reasons("甲乙丙Reuters报道说", 5), "甲乙丙:unbreakable|Reuters报:optimal|道说:paragraph-end");
}

TEST(EndedBy, B7_UnbreakableWhenANumberAndItsUnitMovedTheBreak) {
  // 甲乙丙丁2020 would fit; 年 may not leave 2020.
  EXPECT_EQ(reasons("甲乙丙丁20年戊己庚辛", 5.5).substr(0, std::string("甲乙丙丁:unbreakable").size()),
            "甲乙丙丁:unbreakable");
}

TEST(EndedBy, OptimalWhenTheOptimumPrefersAShorterLegalLine) {
  // A break before the natural one, chosen although a longer legal line fitted: still the
  // optimum's decision, never a rule's.
  const std::string text = "甲乙丙丁戊己庚辛壬癸子丑";
  ParagraphStyle st = test::style10();
  st.avoid_orphan = false;
  const Paragraph par(test::fake_shape(text, st.size), st);
  Diagnostics d;
  const auto lines = par.break_lines(LineWidths::uniform(Length::pt(57)), d);
  for (const Line& l : lines) {
    if (!l.last) {
      EXPECT_EQ(l.ended_by, EndedBy::Optimal) << par.line_text(l);
    }
  }
}

TEST(EndedBy, OverfullWhenNothingFits) {
  const std::string s = reasons("甲ABCDEFGHIJKLMNOPQRSTUVWXYZ乙丙丁戊", 5);
  EXPECT_NE(s.find("ABCDEFGHIJKLMNOPQRSTUVWXYZ:overfull"), std::string::npos) << s;
}

// --- bounds on hostile input --------------------------------------------------------------------

TEST(Bounds, ParagraphOf200000CharactersCompletesWithCorrectLines) {
  // A real newspaper sentence repeated to 200,000 characters: too long for the optimum
  // (max_items), broken first-fit with a warning; every line still keeps every rule.
  const std::u32string unit = U"记者日前从省商务厅获悉，2020年，全省文化服务贸易进出口达141.57亿元，同比增长14.48%。";
  std::u32string big;
  while (big.size() < 200000) big += unit;
  std::string text;
  for (const char32_t c : big) append_utf8(text, c);
  ParagraphStyle st;
  st.size = Length::pt(9);
  st.indent = Length::pt(18);
  const auto t0 = std::chrono::steady_clock::now();
  const Paragraph par(test::fake_shape(text, st.size), st);
  Diagnostics d;
  const Length measure = st.size * std::int64_t{12};
  const auto lines = par.break_lines(LineWidths::uniform(measure), d);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_GT(lines.size(), 200000u / 13);
  bool warned = false;
  for (const Diagnostic& x : d.items()) warned = warned || x.code == "paragraph-first-fit";
  EXPECT_TRUE(warned);
  test::check_lines(par, lines, d, measure);
  RecordProperty("seconds", std::to_string(seconds));
}

TEST(Bounds, UnbreakableStringOf5000CharactersIsOneOverfullLine) {
  std::string text = "浙江工人日报";
  for (int i = 0; i < 5000; ++i) text += static_cast<char>('a' + i % 26);
  text += "记者日前从省商务厅获悉";
  const ParagraphStyle st = test::style10();
  const Paragraph par(test::fake_shape(text, st.size), st);
  Diagnostics d;
  const auto lines = par.break_lines(LineWidths::uniform(Length::pt(120)), d);
  ASSERT_LE(lines.size(), 3u);
  // The string is whole on one line, which is overfull and reported as such.
  std::size_t holding = 0;
  for (const Line& l : lines) {
    if (par.line_text(l).find(text.substr(18, 5000)) == std::string::npos) continue;
    ++holding;
    EXPECT_EQ(l.ended_by, EndedBy::Overfull);
  }
  EXPECT_EQ(holding, 1u);
  bool overfull = false;
  for (const Diagnostic& x : d.items()) overfull = overfull || x.code == "overfull-line";
  EXPECT_TRUE(overfull);
}

TEST(Bounds, ExhaustedOperationBudgetFallsBackToFirstFit) {
  const ItemList items = test::items(
      "H<10pt> G<0pt+1pt-0pt> H<10pt> G<0pt+1pt-0pt> H<10pt> G<0pt+1pt-0pt> H<10pt> G<0pt+1pt-0pt> "
      "H<10pt> G<0pt+1pt-0pt> H<10pt> G<0pt+fil> P(-inf)");
  BreakParams p;
  BreakStats stats;
  const auto optimum = break_lines(items, LineWidths::uniform(Length::pt(30)), p, &stats);
  EXPECT_FALSE(stats.first_fit);
  EXPECT_EQ(stats.passes, 1);
  EXPECT_GT(stats.ops, 0u);
  p.max_ops = 3;
  const auto bounded = break_lines(items, LineWidths::uniform(Length::pt(30)), p, &stats);
  EXPECT_TRUE(stats.first_fit);
  EXPECT_EQ(test::lines(items, bounded), "HHH|HHH");
  p.max_ops = 20'000'000;
  p.max_items = 5;
  break_lines(items, LineWidths::uniform(Length::pt(30)), p, &stats);
  EXPECT_TRUE(stats.first_fit);
  EXPECT_EQ(stats.passes, 0);
}

}  // namespace
}  // namespace zjgr::compose
