// The Knuth–Plass breaker on hand-built item lists (font-free, STYLE.md §5.5).
#include "compose/linebreak.h"

#include <gtest/gtest.h>

#include "support/items.h"

namespace zjgr::compose {
namespace {

std::string han_list(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += (i ? " G<0pt+1pt-0pt> " : "") + std::string("H<10pt>");
  return s + " P(inf) G<0pt+fil> P(-inf)";
}

TEST(BreakLines, HanTextFillsWholeLinesOfTheCharacterGrid) {
  const ItemList items = test::items(han_list(10));
  const auto breaks = break_lines(items, LineWidths::uniform(Length::pt(40)));
  EXPECT_EQ(test::lines(items, breaks), "HHHH|HHHH|HH");
  for (std::size_t i = 0; i + 1 < breaks.size(); ++i) EXPECT_EQ(breaks[i].ratio, 0.0);
}

TEST(BreakLines, NotationRoundTrips) {
  const std::string text = "H<10pt> G<0pt+2.5pt-0.4pt> P(50,f) P(0)<-5pt> H<5pt> G<0pt+fil> P(-inf)";
  EXPECT_EQ(test::print(test::items(text)), text);
  EXPECT_EQ(to_string(test::items(text)), text);
}

TEST(BreakLines, TotalFitBeatsFirstFit) {
  // First fit fills line 1 tightly and leaves line 2 very loose; total fit evens them out.
  const ItemList items = test::items(
      "H<10pt> G<5pt+3pt-1pt> H<10pt> G<5pt+3pt-1pt> H<10pt> G<5pt+3pt-1pt> H<30pt> G<5pt+3pt-1pt> "
      "H<10pt> G<5pt+3pt-1pt> H<20pt> P(inf) G<0pt+fil> P(-inf)");
  const auto kp = break_lines(items, LineWidths::uniform(Length::pt(60)));
  const auto ff = break_first_fit(items, LineWidths::uniform(Length::pt(60)));
  ASSERT_FALSE(kp.empty());
  ASSERT_FALSE(ff.empty());
  double kp_worst = 0, ff_worst = 0;
  for (std::size_t i = 0; i + 1 < kp.size(); ++i) kp_worst = std::max(kp_worst, std::abs(kp[i].ratio));
  for (std::size_t i = 0; i + 1 < ff.size(); ++i) ff_worst = std::max(ff_worst, std::abs(ff[i].ratio));
  EXPECT_LE(kp_worst, ff_worst);
}

TEST(BreakLines, PerLineWidthsAreUsedInOrder) {
  const ItemList items = test::items(han_list(9));
  const auto breaks = break_lines(items, LineWidths({Length::pt(20), Length::pt(30)}));
  EXPECT_EQ(test::lines(items, breaks), "HH|HHH|HHH|H");
}

std::string stretchy_han_list(int n, const std::string& glue) {
  std::string s;
  for (int i = 0; i < n; ++i) s += (i ? " " + glue + " " : "") + std::string("H<10pt>");
  return s + " P(inf) G<0pt+fil> P(-inf)";
}

// TeX's \looseness, column breaking's tool against 孤行 (H3): the best breaking with a line more
// or a line fewer, every line still within the tolerance.
TEST(BreakLines, LoosenessSetsALineMoreOrFewerWithinTheTolerance) {
  const ItemList items = test::items(stretchy_han_list(10, "G<0pt+5pt-3pt>"));
  const auto widths = LineWidths::uniform(Length::pt(40));
  EXPECT_EQ(test::lines(items, break_lines(items, widths)), "HHHH|HHHH|HH");
  BreakParams looser;
  looser.looseness = 1;
  const auto four = break_lines(items, widths, looser);
  ASSERT_EQ(four.size(), 4u);
  BreakParams tighter;
  tighter.looseness = -1;
  const auto two = break_lines(items, widths, tighter);
  EXPECT_EQ(test::lines(items, two), "HHHHH|HHHHH");
  for (const auto* breaks : {&four, &two}) {
    for (const Break& b : *breaks) {
      EXPECT_FALSE(b.emergency);
      EXPECT_LE(b.ratio, looser.max_ratio);
      EXPECT_GE(b.ratio, -1.0);
    }
  }
}

TEST(BreakLines, LoosenessTakesTheNearestCountTheToleranceAllows) {
  // 1pt of stretch per gap: a fourth line would be far too loose, a second one overfull.
  const ItemList items = test::items(han_list(10));
  BreakParams looser;
  looser.looseness = 1;
  EXPECT_EQ(test::lines(items, break_lines(items, LineWidths::uniform(Length::pt(40)), looser)), "HHHH|HHHH|HH");
  BreakParams tighter;
  tighter.looseness = -1;
  EXPECT_EQ(test::lines(items, break_lines(items, LineWidths::uniform(Length::pt(40)), tighter)), "HHHH|HHHH|HH");
}

TEST(BreakLines, WidensTheToleranceBeforeGivingUp) {
  // Only 2pt of stretch for a 10pt shortfall: ratio 5, accepted as an emergency.
  const ItemList items = test::items("H<30pt> G<0pt+2pt-0pt> H<30pt> G<0pt+2pt-0pt> H<30pt> P(inf) G<0pt+fil> P(-inf)");
  const auto breaks = break_lines(items, LineWidths::uniform(Length::pt(70)));
  ASSERT_EQ(breaks.size(), 2u);
  EXPECT_TRUE(breaks[0].emergency);
  EXPECT_FALSE(breaks[0].overfull);
  EXPECT_NEAR(breaks[0].ratio, 5.0, 1e-9);
}

TEST(BreakLines, AnUnbreakableBoxWiderThanTheMeasureIsOverfullNotAHang) {
  const ItemList items = test::items("H<10pt> G<0pt+1pt-0pt> H<100pt> G<0pt+1pt-0pt> H<10pt> P(inf) G<0pt+fil> P(-inf)");
  const auto breaks = break_lines(items, LineWidths::uniform(Length::pt(30)));
  ASSERT_FALSE(breaks.empty());
  EXPECT_EQ(breaks.back().at, items.size() - 1);
  bool any_overfull = false;
  for (const Break& b : breaks) any_overfull = any_overfull || b.overfull;
  EXPECT_TRUE(any_overfull);
}

TEST(BreakLines, ForcedBreaksAlwaysBreak) {
  const ItemList items = test::items("H<10pt> P(-inf) H<10pt> G<0pt+fil> P(-inf)");
  EXPECT_EQ(test::lines(items, break_lines(items, LineWidths::uniform(Length::pt(100)))), "H|H");
}

TEST(BreakLines, InfinitePenaltyForbidsAndNegativePenaltyAttracts) {
  // Breaking after box 2 is forbidden; the break moves to after box 1 or 3.
  const ItemList items = test::items(
      "H<10pt> G<0pt+10pt-0pt> H<10pt> P(inf) G<0pt+10pt-0pt> H<10pt> G<0pt+10pt-0pt> H<10pt> P(inf) G<0pt+fil> P(-inf)");
  const std::string got = test::lines(items, break_lines(items, LineWidths::uniform(Length::pt(25))));
  EXPECT_NE(got.substr(0, 3), "HH|");
}

TEST(BreakLines, PenaltyWidthCountsOnlyAtTheBreak) {
  // A hanging-style penalty: breaking there removes 5pt from the line.
  const ItemList items = test::items("H<10pt> H<10pt> H<10pt> P(0)<-5pt> G<0pt+0pt-0pt> H<10pt> P(inf) G<0pt+fil> P(-inf)");
  const auto breaks = break_lines(items, LineWidths::uniform(Length::pt(25)));
  ASSERT_EQ(breaks.size(), 2u);
  EXPECT_EQ(breaks[0].at, 3u);
  EXPECT_FALSE(breaks[0].overfull);
}

TEST(BreakLines, LongParagraphTerminatesQuickly) {
  std::string s;
  for (int i = 0; i < 5000; ++i) s += "H<10pt> G<0pt+2.5pt-0.4pt> ";
  s += "H<10pt> P(inf) G<0pt+fil> P(-inf)";
  const ItemList items = test::items(s);
  const auto breaks = break_lines(items, LineWidths::uniform(Length::pt(120)));
  EXPECT_EQ(breaks.size(), 5001u / 12 + 1);
}

}  // namespace
}  // namespace zjgr::compose
