// CLREQ prohibition rules (B1–B8, U1–U2, H2) on font-free shaped text, 1 em = 10 pt.
#include <gtest/gtest.h>

#include "fake_shaping.h"
#include "support/items.h"

namespace zjgr::compose {
namespace {

using test::joined;
using test::set_lines;

TEST(Kinsoku, B1_ClosingMarkNeverStartsALine) {
  EXPECT_EQ(joined(set_lines("甲乙丙丁戊，己庚", 5)), "甲乙丙丁|戊，己庚");
}

TEST(Kinsoku, B1_EveryLineStartProhibitedMarkIsCarriedToTheBreak) {
  // With W=5 the natural break falls right before the mark; the mark must not start line 2.
  for (const std::string mark : {"，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "】", "〕", "”", "’", "…",
                                 "—", "·", "%"}) {
    const std::vector<std::string> lines = set_lines("甲乙丙丁戊" + mark + "己庚辛", 5);
    ASSERT_GE(lines.size(), 2u) << mark;
    for (std::size_t i = 1; i < lines.size(); ++i) {
      EXPECT_NE(lines[i].rfind(mark, 0), 0u) << "line " << i << " starts with " << mark << ": " << joined(lines);
    }
    EXPECT_EQ(lines[0], "甲乙丙丁") << mark << ": " << joined(lines);
  }
}

TEST(Kinsoku, B2_EveryOpeningMarkIsCarriedToTheNextLine) {
  for (const std::string mark : {"（", "《", "「", "『", "【", "〔", "“", "‘"}) {
    const std::vector<std::string> lines = set_lines("甲乙丙丁" + mark + "戊己庚辛", 5);
    ASSERT_GE(lines.size(), 2u) << mark;
    EXPECT_EQ(lines[0], "甲乙丙丁") << mark << ": " << joined(lines);
    EXPECT_EQ(lines[1].rfind(mark, 0), 0u) << mark << ": " << joined(lines);
  }
}

TEST(Kinsoku, B2_OpeningQuoteExample) {
  EXPECT_EQ(joined(set_lines("甲乙丙丁“戊己”", 5)), "甲乙丙丁|“戊己”");
}

TEST(Kinsoku, B3_StrictLevelKeepsDashOffTheLineStart) {
  ParagraphStyle basic = test::style10();
  basic.avoid_orphan = false;
  ParagraphStyle strict = basic;
  strict.kinsoku = Kinsoku::Strict;
  EXPECT_EQ(joined(set_lines("甲乙丙丁戊——己", 5, basic)), "甲乙丙丁戊|——己");
  EXPECT_EQ(joined(set_lines("甲乙丙丁戊——己", 5, strict)), "甲乙丙丁|戊——己");
}

TEST(Kinsoku, B3_NoneLevelAllowsAnyBreak) {
  ParagraphStyle none = test::style10();
  none.kinsoku = Kinsoku::None;
  none.avoid_orphan = false;
  EXPECT_EQ(joined(set_lines("甲乙丙丁戊，己庚", 5, none)), "甲乙丙丁戊|，己庚");
}

TEST(Kinsoku, B4_PushInBeforePushingOut) {
  // ， shrinks to ½ and the line-end 。 is ½: 5 + ½ + ½ = 6 em. Pushing 戊 down is wrong.
  EXPECT_EQ(joined(set_lines("甲乙，丙丁戊。庚辛", 6)), "甲乙，丙丁戊。|庚辛");
}

TEST(Kinsoku, B4_PushInFirst_CompressingTheCommaBeatsPushingACharacterDown) {
  // Issue 15: at W=9, 上午，我们去了西湖。 fits line 1 when ， gives up its blank half (and the
  // line-end 。 is ½); the old optimum pushed 湖 down and spaced 上午，我们去了西 out instead.
  const std::string text = "上午，我们去了西湖。下午，我们回到了杭州城里的家中。";
  EXPECT_EQ(set_lines(text, 9).front(), "上午，我们去了西湖。");
  // The cost model says so: the same items without push-in first give the spaced-out line.
  const Paragraph par(test::fake_shape(text, Length::pt(10)), test::style10());
  const auto first_line = [&](bool push_in) {
    BreakParams p;
    p.push_in_first = push_in;
    const auto breaks = break_lines(par.items(), LineWidths::uniform(Length::pt(90)), p);
    std::size_t end = 0;
    for (std::size_t i = 0; i < breaks.front().at; ++i) {
      if (par.items()[i].has_glyphs()) end = par.items()[i].text.end;
    }
    return text.substr(0, end);
  };
  EXPECT_EQ(first_line(true), "上午，我们去了西湖。");
  EXPECT_EQ(first_line(false), "上午，我们去了西");
}

TEST(Kinsoku, B4_ALineThatFitsByCompressionAloneCostsNoBadness) {
  const ItemList items = test::items("H<10pt> G<5pt+0pt-5pt> H<10pt> P(inf) G<0pt+fil> P(-inf)");
  ItemList compressible = items;
  compressible[1].shrink_level = ShrinkLevel::Pause;
  LineMetrics m = measure_line(compressible, 0, 3);
  EXPECT_EQ(m.compression, Length::pt(5));
  EXPECT_TRUE(fits_by_compression(m, Length::pt(21)));
  EXPECT_FALSE(fits_by_compression(m, Length::pt(25)));  // fits without shrinking: nothing to push in
  EXPECT_FALSE(fits_by_compression(m, Length::pt(19)));  // needs more than the punctuation gives
  EXPECT_FALSE(fits_by_compression(measure_line(items, 0, 3), Length::pt(21)));  // inter-character shrink
}

TEST(Kinsoku, B5_InterpunctNeverStartsALine) {
  const std::string text = "噫，克里斯蒂娜·罗塞蒂，还有阿加莎·克里斯蒂！";
  for (double w = 4; w <= 12; w += 1) {
    const auto lines = set_lines(text, w);
    for (const std::string& l : lines) EXPECT_NE(l.rfind("·", 0), 0u) << "W=" << w << ": " << joined(lines);
  }
}

/// True when `needle` is inside one line at every measure in [lo, hi] em.
void expect_never_split(const std::string& text, const std::string& needle, double lo, double hi) {
  for (double w = lo; w <= hi; w += 0.5) {
    const auto lines = set_lines(text, w);
    bool whole = false;
    for (const std::string& l : lines) whole = whole || l.find(needle) != std::string::npos;
    EXPECT_TRUE(whole) << needle << " split at W=" << w << ": " << joined(lines);
  }
}

TEST(Kinsoku, B7_DigitGroupsAndUnitsNeverSplit) {
  expect_never_split("每年的消费量约4,000吨", "4,000吨", 3, 9);
  expect_never_split("全省文化服务贸易进出口达141.57亿元，同比增长", "141.57亿元", 5, 12);
  expect_never_split("占比提高到14.48%，位居全国前列", "14.48%", 4, 12);
  expect_never_split("今天最高气温37℃，注意防暑", "37℃", 3, 10);
}

TEST(Kinsoku, B8_LatinWordMovesAsAWhole) {
  expect_never_split("据Reuters报道，今年的情况有所好转", "Reuters", 5, 10);
}

TEST(Kinsoku, B8_UrlsAndAddressesBreakOnlyAfterSeparators) {
  for (const std::string text : {"电子版：www.zjgrbb.com", "电子邮箱：zjgrxxw@163.com"}) {
    for (double w = 4; w <= 9; w += 1) {
      const auto lines = set_lines(text, w);
      for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        const char last = lines[i].back();
        const unsigned char first = static_cast<unsigned char>(lines[i + 1].front());
        if (std::isalnum(static_cast<unsigned char>(last)) && std::isalnum(first)) {
          ADD_FAILURE() << "word split at W=" << w << ": " << joined(lines);
        }
      }
    }
  }
}

TEST(Kinsoku, U1_TwoEmDashStaysTogether) {
  EXPECT_EQ(set_lines("娜拉走后怎样？——别人可是也发表过意见的。", 9).front(), "娜拉走后怎样？——");
  expect_never_split("甲乙丙丁戊——己庚辛壬癸子丑寅卯", "——", 3, 10);
}

TEST(Kinsoku, U2_EllipsisStaysTogether) {
  expect_never_split("一篇戏剧……之后还有很多", "……", 3, 10);
}

TEST(Kinsoku, H2_NoOrphanCharacterOnTheLastLine) {
  // At W=10 the natural break would leave 子。 alone.
  const auto lines = set_lines("甲乙丙丁戊己庚辛壬癸子。", 10);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], "癸子。");
  ParagraphStyle off = test::style10();
  off.avoid_orphan = false;
  EXPECT_EQ(set_lines("甲乙丙丁戊己庚辛壬癸子。", 10, off)[1], "子。");
}

TEST(Kinsoku, H2_ExampleFromClreq) {
  const std::string text = "第二天我起得非常迟，午饭之后，出去看了朋友。";
  for (double w = 5; w <= 12; w += 1) {
    const auto lines = set_lines(text, w);
    const std::string& last = lines.back();
    EXPECT_GE(last.size(), std::string("朋友").size()) << "W=" << w << ": " << joined(lines);
  }
}

}  // namespace
}  // namespace zjgr::compose
