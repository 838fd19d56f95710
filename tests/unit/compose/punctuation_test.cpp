// Punctuation widths (D1–D6), Han–Latin spacing (F1–F2) and hanging (E1) as item lists and
// positions, 1 em = 10 pt.
#include <gtest/gtest.h>

#include "fake_shaping.h"
#include "support/items.h"

namespace zjgr::compose {
namespace {

/// The items of `text`, boxes printed as their text; 孤字 off so the tail stays breakable.
std::string items_of(const std::string& text, ParagraphStyle style = test::style10()) {
  style.avoid_orphan = false;
  const Paragraph par(test::fake_shape(text, style.size), style);
  return test::print(par.items(), par.shaped().text);
}

TEST(Punctuation, D1_AdjacentMarksTakeOneAndAHalfEm) {
  // ：“ → 1.5 em (one blank half left, compressible); 。” → 1.5 em (the blank between dropped).
  EXPECT_EQ(items_of("他说：“好。”他"),
            "他<10pt> G<0pt+2.5pt-0.4pt> 说<10pt> P(inf) ：<5pt> G<5pt+2.5pt-5pt> “<5pt> P(inf) 好<10pt> P(inf) 。<5pt> "
            "P(inf) ”<5pt> G<5pt+2.5pt-5pt> 他<10pt> P(inf) G<0pt+fil> P(-inf)");
}

TEST(Punctuation, D1_ClosingBracketThenPause) {
  const std::string s = items_of("甲）、乙");
  EXPECT_NE(s.find("）<5pt> P(inf) 、<5pt> G<5pt+2.5pt-5pt> 乙"), std::string::npos) << s;
}

TEST(Punctuation, D2_LineEndMarkIsHalfWidthAndItsInkEndsAtTheMeasure) {
  const ParagraphStyle st = test::style10();
  const Paragraph par(test::fake_shape("甲乙丙丁戊己。庚辛壬", st.size), st);
  Diagnostics d;
  const auto lines = par.break_lines(LineWidths::uniform(Length::pt(65)), d);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(par.line_text(lines[0]), "甲乙丙丁戊己。");
  const auto boxes = par.box_positions(lines[0]);
  const auto& [last, x] = boxes.back();
  EXPECT_EQ(x + par.items()[last].width, Length::pt(65));
  EXPECT_DOUBLE_EQ(lines[0].ratio, 0.0);
}

TEST(Punctuation, D4_KaimingStyleSetsCommaHalfAndFullStopFull) {
  ParagraphStyle st = test::style10();
  st.punctuation = PunctuationStyle::Kaiming;
  EXPECT_EQ(items_of("甲，乙。丙", st),
            "甲<10pt> P(inf) ，<5pt> G<0pt+2.5pt-0pt> 乙<10pt> P(inf) 。<5pt> G<5pt+2.5pt-0pt> 丙<10pt> "
            "P(inf) G<0pt+fil> P(-inf)");
}

TEST(Punctuation, D4_HalfWidthAndLineEndHalfStyles) {
  ParagraphStyle half = test::style10();
  half.punctuation = PunctuationStyle::HalfWidth;
  EXPECT_NE(items_of("甲，乙", half).find("，<5pt> G<0pt+2.5pt-0pt> 乙"), std::string::npos);
  ParagraphStyle end_half = test::style10();
  end_half.punctuation = PunctuationStyle::LineEndHalf;
  // Full width mid-line and not compressible; the blank goes away only at a line end.
  EXPECT_NE(items_of("甲，乙", end_half).find("，<5pt> G<5pt+2.5pt-0pt> 乙"), std::string::npos);
}

TEST(Punctuation, D5_InterpunctIsAFixedHalfEm) {
  const std::string s = items_of("比尔·盖茨");
  EXPECT_NE(s.find("尔<10pt> P(inf) ·<5pt> G<0pt+2.5pt-0pt> 盖"), std::string::npos) << s;
}

TEST(Punctuation, D6_OpeningMarkIsShiftedLeftWhenCompressed) {
  const ParagraphStyle st = test::style10();
  const Paragraph par(test::fake_shape("甲“乙”", st.size), st);
  Diagnostics d;
  const auto lines = par.break_lines(LineWidths::uniform(Length::pt(100)), d);
  ASSERT_EQ(lines.size(), 1u);
  const frame::Frame f = par.line_frame(lines[0]);
  ASSERT_EQ(f.items.size(), 1u);
  const auto& run = std::get<frame::GlyphRunItem>(f.items[0].second);
  ASSERT_EQ(run.glyphs.size(), 4u);
  // 甲 at 0; the blank half before “ is 5pt, and the glyph is drawn 5pt left of its ink box.
  EXPECT_EQ(run.glyphs[1].at.x, Length::pt(10));
  EXPECT_EQ(run.glyphs[2].at.x, Length::pt(20));
  EXPECT_EQ(run.glyphs[3].at.x, Length::pt(30));
  EXPECT_EQ(run.text, "甲“乙”");
  std::uint32_t bytes = 0, glyphs = 0;
  for (const frame::Cluster& c : run.clusters) {
    bytes += c.bytes;
    glyphs += c.glyphs;
  }
  EXPECT_EQ(bytes, run.text.size());
  EXPECT_EQ(glyphs, run.glyphs.size());
}

TEST(Punctuation, E1_HangingPunctuationPassesTheMeasureOnlyWhenOn) {
  EXPECT_EQ(test::joined(test::set_lines("甲乙丙丁戊，己庚辛", 5)), "甲乙丙丁|戊，己庚辛");
  ParagraphStyle hang = test::style10();
  hang.hanging = true;
  EXPECT_EQ(test::joined(test::set_lines("甲乙丙丁戊，己庚辛", 5, hang)), "甲乙丙丁戊，|己庚辛");
}

TEST(Spacing, F1_QuarterEmBetweenHanAndLatinButNotNextToPunctuation) {
  const std::string s = items_of("累计降低11.6%；2025年");
  EXPECT_NE(s.find("低<10pt> G<2.5pt+2.5pt-1.25pt> 1<5pt>"), std::string::npos) << s;
  EXPECT_NE(s.find("%<5pt> P(inf) ；<5pt> G<5pt+2.5pt-5pt> 2<5pt>"), std::string::npos) << s;
  EXPECT_NE(s.find("5<5pt> P(inf) G<2.5pt+2.5pt-1.25pt> 年<10pt>"), std::string::npos) << s;
}

TEST(Spacing, F1_TypedSpaceBetweenHanAndLatinBecomesTheQuarterEm) {
  const std::string s = items_of("据 Reuters 报道");
  EXPECT_NE(s.find("据<10pt> G<2.5pt+2.5pt-1.25pt> R<5pt>"), std::string::npos) << s;
}

TEST(Spacing, F2_NoLetterSpacingInsideWordsOrNumbers) {
  // Between the letters of GDP and the digits of 5.2% there is no glue at all.
  const std::string s = items_of("GDP增长5.2%");
  EXPECT_NE(s.find("G<5pt> D<5pt> P<5pt>"), std::string::npos) << s;
  EXPECT_NE(s.find("5<5pt> .<5pt> 2<5pt> %<5pt>"), std::string::npos) << s;
}

TEST(Spacing, U4_NoGapInsideBrackets) {
  const std::string s = items_of("（甲乙）丙");
  EXPECT_NE(s.find("（<5pt> P(inf) 甲<10pt>"), std::string::npos) << s;
  EXPECT_NE(s.find("乙<10pt> P(inf) ）<5pt>"), std::string::npos) << s;
}

}  // namespace
}  // namespace zjgr::compose
