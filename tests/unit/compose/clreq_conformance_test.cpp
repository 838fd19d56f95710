// CLREQ conformance with real fonts: every rule of CLREQ-RULES.md through text::shape with
// the layout's faces (Noto Serif CJK SC, Noto Sans CJK SC Bold, LXGW WenKai), named by rule id.
// The font-free tests (kinsoku_test, punctuation_test, clreq_rules_test) pin the logic; these
// pin what real glyph metrics, clusters and locl forms do to it.
#include <gtest/gtest.h>

#include "fake_shaping.h"
#include "real_fonts.h"

namespace zjgr::compose {
namespace {

using test::Face;
using test::joined;
using test::real_lines;
using test::real_style;

TEST(ClreqRealFonts, B3_TwoEmDashMayStartALineAtTheBasicLevel) {
  ParagraphStyle basic = real_style();
  basic.avoid_orphan = false;
  ParagraphStyle strict = basic;
  strict.kinsoku = Kinsoku::Strict;
  for (const Face face : {Face::Song, Face::Hei, Face::Kai}) {
    EXPECT_EQ(joined(real_lines("甲乙丙丁戊——己", 5, basic, face)), "甲乙丙丁戊|——己") << static_cast<int>(face);
    EXPECT_EQ(joined(real_lines("甲乙丙丁戊——己", 5, strict, face)), "甲乙丙丁|戊——己") << static_cast<int>(face);
  }
}

TEST(ClreqRealFonts, B4_PushInFirst) {
  EXPECT_EQ(joined(real_lines("甲乙，丙丁戊。庚辛", 6)), "甲乙，丙丁戊。|庚辛");
  // Issue 15's proof: compressing ， fits 湖。 on the line; nothing is pushed down.
  EXPECT_EQ(real_lines("上午，我们去了西湖。下午，我们回到了杭州城里的家中。", 9).front(), "上午，我们去了西湖。");
}

}  // namespace
}  // namespace zjgr::compose
