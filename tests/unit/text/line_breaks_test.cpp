// ICU line-break opportunities per byte (UAX #14 as ICU implements it for "zh").
#include "text/line_breaks.h"

#include <gtest/gtest.h>

#include <string>

namespace zjgr::text {
namespace {

/// The text with '|' at every allowed break and '!' at every mandatory one (the end excluded).
std::string marked(const std::string& s) {
  const std::vector<BreakKind> b = line_breaks(s);
  EXPECT_EQ(b.size(), s.size() + 1);
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (b[i] == BreakKind::Allowed) out += '|';
    if (b[i] == BreakKind::Mandatory) out += '!';
    out += s[i];
  }
  return out;
}

TEST(LineBreaks, BetweenIdeographsEveryBoundaryIsAnOpportunityAtCharacterBoundariesOnly) {
  EXPECT_EQ(marked("浙江工人"), "浙|江|工|人");
  const auto b = line_breaks("浙江");
  EXPECT_EQ(b.front(), BreakKind::None);
  EXPECT_EQ(b.back(), BreakKind::Mandatory);
  EXPECT_EQ(b[1], BreakKind::None);  // inside the UTF-8 of 浙
}

TEST(LineBreaks, UAX14KeepsClosingPunctuationWithWhatPrecedes) {
  // LB13: × CL/EX/IS; LB30 keeps a number together with its separators.
  EXPECT_EQ(marked("甲，乙。"), "甲，|乙。");
  EXPECT_EQ(marked("达141.57亿元"), "达|141.57|亿|元");
}

TEST(LineBreaks, LatinWordsBreakAfterSpacesOnly) {
  EXPECT_EQ(marked("据Reuters报道"), "据|Reuters|报|道");
  EXPECT_EQ(marked("the quick fox"), "the |quick |fox");
}

TEST(LineBreaks, WhereUAX14AndClreqDisagree) {
  // LB22 (× IN) keeps …… with what precedes; CLREQ basic lets …… start a line (compose/ overrides).
  EXPECT_EQ(marked("甲……乙"), "甲……|乙");
  // U+00B7 is AL: ICU breaks before it; CLREQ B5 forbids that (compose/ overrides).
  EXPECT_EQ(marked("甲·乙"), "甲|·|乙");
  // B7: ICU breaks between a number and a following ideograph; compose/ keeps 2020年 whole.
  EXPECT_EQ(marked("2020年"), "2020|年");
  // Circled and Roman numerals (AI, resolved to AL) never break: CLREQ has no class for them,
  // so compose/ follows ICU here.
  EXPECT_EQ(marked("①②③"), "①②③");
}

TEST(LineBreaks, LineFeedIsAMandatoryBreak) {
  EXPECT_EQ(marked("甲\n乙"), "甲\n!乙");
}

TEST(LineBreaks, InvalidUtf8NeverCrashesAndKeepsTheSize) {
  const std::string bad = "甲\xff\xfe乙\xe4";
  EXPECT_EQ(line_breaks(bad).size(), bad.size() + 1);
  EXPECT_EQ(line_breaks("").size(), 1u);
}

TEST(WordBoundaries, IcuDictionarySegmentsChineseIntoWords) {
  // 摸底|土地|储备|贷款|风险: no boundary inside 储备 (the 储|备 headline break).
  const std::string text = "摸底土地储备贷款风险";
  const std::vector<bool> b = word_boundaries(text);
  ASSERT_EQ(b.size(), text.size() + 1);
  EXPECT_TRUE(b[0]);
  EXPECT_TRUE(b[text.size()]);
  EXPECT_TRUE(b[12]);   // 摸底土地|储备
  EXPECT_FALSE(b[15]);  // 储|备
  EXPECT_TRUE(b[18]);   // 储备|贷款
  EXPECT_FALSE(b[1]);   // inside a character
}

TEST(WordBoundaries, EmptyText) { EXPECT_EQ(word_boundaries(""), std::vector<bool>{true}); }

}  // namespace
}  // namespace zjgr::text
