// B9 phrase breaking for headlines, with the headline face (Noto Sans CJK SC Bold) and ICU's
// dictionary word segmentation: balanced lines break between words, never inside 《…》 “…”, a
// number with its unit or a Latin word; a line feed is kept; a break inside a word is reported.
#include <gtest/gtest.h>

#include "fake_shaping.h"
#include "real_fonts.h"

namespace zjgr::compose {
namespace {

ParagraphStyle headline_style() {
  ParagraphStyle st;
  st.size = Length::pt(24);
  st.align = Align::Center;
  st.phrase_breaks = true;
  return st;
}

/// The balanced lines of `text` at `measure_em` em, and the warnings.
std::vector<std::string> balanced(const std::string& text, double measure_em, Diagnostics& d,
                                  ParagraphStyle st = headline_style()) {
  const Paragraph par(test::real_shape(text, st, test::Face::Hei), st);
  std::vector<std::string> out;
  for (const Line& l : par.break_balanced(st.size * measure_em, d)) out.push_back(par.line_text(l));
  return out;
}

TEST(HeadlineWords, B9_IssueHeadlinesBreakBetweenWords) {
  // The issue's proofs: 摸底土地储|备贷款风险, 推进产业工人队伍建|设改革再上新台阶, 手游《诛神|OL》获金翎奖.
  struct Case { const char* text; double measure; const char* bad; };
  for (const Case& c : {Case{"摸底土地储备贷款风险", 7, "储|备"}, Case{"推进产业工人队伍建设改革再上新台阶", 12, "建|设"},
                        Case{"手游《诛神OL》获金翎奖", 7, "神|O"}}) {
    Diagnostics d;
    const auto lines = balanced(c.text, c.measure, d);
    const std::string j = test::joined(lines);
    EXPECT_EQ(lines.size(), 2u) << j;
    EXPECT_EQ(j.find(c.bad), std::string::npos) << j;
    EXPECT_EQ(d.warning_count(), 0u) << j;
  }
  Diagnostics d;
  EXPECT_EQ(test::joined(balanced("手游《诛神OL》获金翎奖", 7, d)), "手游《诛神OL》|获金翎奖");
}

TEST(HeadlineWords, B9_NumbersWithUnitsAndLatinWordsStayWhole) {
  Diagnostics d;
  for (double w = 5; w <= 10; w += 1) {
    const std::string j = test::joined(balanced("全省文化服务贸易进出口达141.57亿元", w, d));
    EXPECT_NE(j.find("141.57亿元"), std::string::npos) << "W=" << w << ": " << j;
    const std::string k = test::joined(balanced("浙江企业借力Alibaba平台走向世界", w, d));
    EXPECT_NE(k.find("Alibaba"), std::string::npos) << "W=" << w << ": " << k;
  }
}

TEST(HeadlineWords, B9_ALineFeedInTheTextIsKept) {
  Diagnostics d;
  EXPECT_EQ(test::joined(balanced("浙江文化\n走向世界", 20, d)), "浙江文化|走向世界");
  // Body text keeps it too.
  EXPECT_EQ(test::joined(test::real_lines("甲乙丙\n丁戊己庚", 10)), "甲乙丙|丁戊己庚");
}

TEST(HeadlineWords, B9_ABreakInsideAWordOnlyWhenNothingElseFitsAndReported) {
  // 《三国演义》 does not fit 3 em: it must be split inside the title, and that is reported.
  Diagnostics d;
  const auto lines = balanced("读《三国演义》", 3, d);
  EXPECT_GE(lines.size(), 2u);
  ASSERT_GE(d.warning_count(), 1u);
  EXPECT_EQ(d.items().front().code, "word-split");
}

TEST(HeadlineWords, B9_BodyTextIsNotBrokenByWords) {
  // Phrase breaking is the headline's: the body style breaks between any two characters.
  ParagraphStyle body = test::real_style();
  body.avoid_orphan = false;
  EXPECT_EQ(test::joined(test::real_lines("摸底土地储备贷款风险", 5, body)), "摸底土地储|备贷款风险");
}

}  // namespace
}  // namespace zjgr::compose
