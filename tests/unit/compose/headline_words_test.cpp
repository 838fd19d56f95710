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

// An ideographic space separates a headline's phrases: where breaking there gives as many lines,
// the break is there (ICU reads 前三名将获 as 前三|名将|获, so balancing by width alone broke
// after 名将). The space does not count at the line's end, so the line stays centred.
TEST(HeadlineWords, B9_AnIdeographicSpaceIsWhereTheLinesBreak) {
  for (double w = 15; w <= 24; w += 1) {
    Diagnostics d;
    const auto lines = balanced("132名选手同台比武　前三名将获“浙江省技术能手”称号", w, d);
    EXPECT_EQ(test::joined(lines), "132名选手同台比武　|前三名将获“浙江省技术能手”称号") << "W=" << w;
    EXPECT_EQ(d.warning_count(), 0u);
  }
  // Too long for a phrase a line: balanced by width as before.
  Diagnostics d;
  EXPECT_GT(balanced("全省职工书屋　走进车间生产一线服务产业工人", 6, d).size(), 2u);
  // Short enough for one line: not broken.
  EXPECT_EQ(balanced("职工书屋　走进车间", 12, d).size(), 1u);
  // The space's width is not in the line: the first line is as wide as its text.
  ParagraphStyle st = headline_style();
  const Paragraph par(test::real_shape("职工书屋走进车间　生产一线", st, test::Face::Hei), st);
  const auto lines = par.break_balanced(st.size * 10, d);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].natural, st.size * 8);
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
