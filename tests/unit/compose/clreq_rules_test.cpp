// CLREQ rules added on top of the first composer: ICU opportunities overridden by the CLREQ
// classes, B6 (three-punctuation remedy), D7 (？！ combinations), G2/G3 (shrink and stretch
// priority orders). 1 em = 10 pt, font-free shaping.
#include <gtest/gtest.h>

#include "fake_shaping.h"
#include "support/items.h"

namespace zjgr::compose {
namespace {

using test::joined;
using test::set_lines;

std::string items_of(const std::string& text, ParagraphStyle style = test::style10()) {
  style.avoid_orphan = false;
  const Paragraph par(test::fake_shape(text, style.size), style);
  return test::print(par.items(), par.shaped().text);
}

// --- ICU line BreakIterator as the source, CLREQ classes overriding ----------------------------

TEST(Uax14, SymbolsWithoutAClreqClassFollowIcu) {
  // ①②③ are AI (resolved to AL) in UAX #14: ICU keeps them together; CLREQ has no class for
  // them, so ICU decides and the breaker never splits them.
  const std::string s = items_of("甲①②③乙");
  EXPECT_NE(s.find("①<5pt> P(inf) ②<5pt> P(inf) ③<5pt>"), std::string::npos) << s;
  for (double w = 2; w <= 6; w += 0.5) {
    bool whole = false;
    for (const std::string& l : set_lines("甲乙丙①②③丁戊己庚", w)) whole = whole || l.find("①②③") != std::string::npos;
    EXPECT_TRUE(whole) << "W=" << w << ": " << joined(set_lines("甲乙丙①②③丁戊己庚", w));
  }
}

TEST(Uax14, B5_ClreqForbidsWhereIcuAllows) {
  // ICU allows a break before · (AL); B5 forbids it.
  const std::string s = items_of("尔·盖");
  EXPECT_NE(s.find("尔<10pt> P(inf) ·<5pt>"), std::string::npos) << s;
}

TEST(Uax14, B3_ClreqAllowsWhereIcuForbids) {
  // LB22 keeps …… with what precedes it; at the basic level CLREQ lets …… start a line.
  ParagraphStyle basic = test::style10();
  basic.avoid_orphan = false;
  EXPECT_EQ(joined(set_lines("甲乙丙丁戊……己", 5, basic)), "甲乙丙丁戊|……己");
}

// --- B6 three-punctuation remedy ----------------------------------------------------------------

TEST(ThreePunctuation, B6_RunOfThreeMarksMayBreakAsALastResortAndIsReported) {
  // W=4: keeping 。”） together needs 丙 pushed down and 甲乙 spread over 4 em (ratio 8), or
  // an overfull line. The remedy breaks inside the run instead, and says so.
  const ParagraphStyle st = test::style10();
  const Paragraph par(test::fake_shape("甲乙丙。”）丁戊己庚", st.size), st);
  Diagnostics d;
  const auto lines = par.break_lines(LineWidths::uniform(Length::pt(40)), d);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(par.line_text(lines[0]), "甲乙丙。");
  EXPECT_EQ(lines[0].ended_by, EndedBy::ThreePunctuation);
  EXPECT_LE(lines[0].ratio, 2.0);
  ASSERT_GE(d.warning_count(), 1u);
  EXPECT_EQ(d.items()[0].code, "three-punctuation-remedy");
  EXPECT_EQ(d.items()[0].where.chars.begin, lines[0].text.begin);
}

TEST(ThreePunctuation, B6_NotUsedWhenAToleratedLineExists) {
  // W=6: 甲乙丙丁。”） fits (4 + 1.5 em); nothing is broken inside the run, nothing reported.
  const ParagraphStyle st = test::style10();
  const Paragraph par(test::fake_shape("甲乙丙丁。”）戊己庚辛壬", st.size), st);
  Diagnostics d;
  const auto lines = par.break_lines(LineWidths::uniform(Length::pt(60)), d);
  EXPECT_EQ(par.line_text(lines[0]), "甲乙丙丁。”）");
  EXPECT_EQ(d.warning_count(), 0u);
}

TEST(ThreePunctuation, B6_TwoMarksNeverBreak) {
  // 。” is only two marks: no remedy, B1 holds even at the price of a loose line.
  const std::string s = items_of("甲。”乙");
  EXPECT_EQ(s.find("P(3000)"), std::string::npos) << s;
  EXPECT_NE(items_of("甲。”）乙").find("。<5pt> P(3000) ”<5pt> P(3000) ）<5pt>"), std::string::npos);
}

// --- D7 ？！ combinations -------------------------------------------------------------------------

TEST(QuestionExclamation, D7_PairsTakeOneEmAndTriplesTwo) {
  EXPECT_NE(items_of("真的吗？！好").find("吗<10pt> P(inf) ？<5pt> ！<5pt> G<0pt+2.5pt-0pt> 好"), std::string::npos)
      << items_of("真的吗？！好");
  EXPECT_NE(items_of("真的吗？？好").find("？<5pt> ？<5pt> G<0pt+2.5pt-0pt> 好"), std::string::npos);
  // ？？？ = three half-width marks and one blank half: 2 em.
  EXPECT_NE(items_of("真的吗？？？好").find("？<5pt> ？<5pt> ？<5pt> G<5pt+2.5pt-5pt> 好"), std::string::npos)
      << items_of("真的吗？？？好");
}

TEST(QuestionExclamation, D7_PairIsOneCellOfTheGrid) {
  // 甲乙？！丙丁 at W=5: 2 + 1 + 2 em, set at natural width on the character grid.
  const ParagraphStyle st = test::style10();
  const Paragraph par(test::fake_shape("甲乙？！丙丁戊己庚", st.size), st);
  Diagnostics d;
  const auto lines = par.break_lines(LineWidths::uniform(Length::pt(50)), d);
  ASSERT_EQ(par.line_text(lines[0]), "甲乙？！丙丁");
  const auto boxes = par.box_positions(lines[0]);
  ASSERT_EQ(boxes.size(), 6u);
  EXPECT_EQ(boxes[4].second, Length::pt(30));  // 丙 starts the fourth cell
  EXPECT_EQ(lines[0].ratio, 0.0);
}

// --- G2 / G3 priority orders ----------------------------------------------------------------------

/// The set width minus the natural width of every glue of line `l`, by rule.
struct GlueChange {
  Rule rule;
  Length natural, change;
};
std::vector<GlueChange> glue_changes(const Paragraph& par, const Line& l) {
  const std::vector<Length> xs = par.item_positions(l);
  std::vector<GlueChange> out;
  for (std::size_t i = l.first_item; i < l.end_item; ++i) {
    const Item& it = par.items()[i];
    if (!it.is_glue()) continue;
    const Length set = xs[i - l.first_item + 1] - xs[i - l.first_item];
    out.push_back(GlueChange{it.rule, it.width, set - it.width});
  }
  return out;
}

TEST(Justify, G2_LineEndPunctuationFirstThenBracketsBeforeCommas) {
  // W=7.75: with the line-end 。 at ½ em (G2 step 1, by D2) （甲乙）丙，丁戊。 is 8 em wide
  // naturally (5 Han, four ½-em marks, the blanks after ） and ，) and needs ¼ em of shrink:
  // only the bracket's outer blank (step 4) gives it; the comma's blank (step 5) and the Han
  // gaps keep their widths.
  ParagraphStyle st = test::style10();
  st.avoid_orphan = false;
  const Paragraph par(test::fake_shape("（甲乙）丙，丁戊。己庚辛壬癸", st.size), st);
  Diagnostics d;
  const auto lines = par.break_lines(LineWidths::uniform(Length::pt(77.5)), d);
  ASSERT_GE(lines.size(), 2u);
  ASSERT_EQ(par.line_text(lines[0]), "（甲乙）丙，丁戊。");
  for (const GlueChange& g : glue_changes(par, lines[0])) {
    if (g.natural == Length::pt(5) && g.change != Length()) {
      // Only the blank after ） shrank: by the whole ¼ em.
      EXPECT_EQ(g.change, Length::pt(-2.5));
    }
  }
  const auto changes = glue_changes(par, lines[0]);
  int shrunk = 0;
  for (const GlueChange& g : changes) shrunk += g.change < Length() ? 1 : 0;
  EXPECT_EQ(shrunk, 1) << "only the bracket blank shrinks";
  const auto boxes = par.box_positions(lines[0]);
  const Length end = boxes.back().second + par.items()[boxes.back().first].width;
  EXPECT_EQ(end, Length::pt(77.5));
}

TEST(Justify, G3_WordSpacesThenHanLatinGapsThenHanGaps) {
  // "甲乙A B丙丁": a small shortfall is taken by the word space between A and B alone; the
  // word XYZW after it does not fit, so the line is stretched.
  ParagraphStyle st = test::style10();
  st.avoid_orphan = false;
  const std::string text = "甲乙A B丙丁XYZW己庚辛";
  const Paragraph par(test::fake_shape(text, st.size), st);
  // Natural: 甲乙 20 + ¼ em + A 5 + space 2.5 + B 5 + ¼ em + 丙丁 20 = 57.5 pt.
  for (const double w : {58.5, 63.0, 70.0}) {
    Diagnostics d;
    const auto lines = par.break_lines(LineWidths::uniform(Length::pt(w)), d);
    ASSERT_GE(lines.size(), 2u);
    ASSERT_EQ(par.line_text(lines[0]), "甲乙A B丙丁") << w;
    Length word, han_latin, han;
    for (const GlueChange& g : glue_changes(par, lines[0])) {
      if (g.rule == Rule::WordSpace) word += g.change;
      else if (g.rule == Rule::HanLatinSpace) han_latin += g.change;
      else han += g.change;
    }
    if (w == 58.5) {
      // 1 pt: the word space alone (it may grow by ¼ em = 2.5 pt).
      EXPECT_EQ(word, Length::pt(1)) << w;
      EXPECT_EQ(han_latin, Length()) << w;
      EXPECT_EQ(han, Length()) << w;
    } else if (w == 63.0) {
      // 5.5 pt: word space full (2.5), then the Han–Latin gaps share 3 pt; Han gaps untouched.
      EXPECT_EQ(word, Length::pt(2.5)) << w;
      EXPECT_EQ(han_latin, Length::pt(3)) << w;
      EXPECT_EQ(han, Length()) << w;
    } else {
      // 12.5 pt: word space 2.5, Han–Latin 5 (both full), the Han gaps the last 5 pt.
      EXPECT_EQ(word, Length::pt(2.5)) << w;
      EXPECT_EQ(han_latin, Length::pt(5)) << w;
      EXPECT_EQ(han, Length::pt(5)) << w;
    }
  }
}

}  // namespace
}  // namespace zjgr::compose
