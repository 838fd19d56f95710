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

/// The advance of the first box that draws `needle` in `text` shaped with `face`.
Length box_width(const std::string& text, const std::string& needle, Face face = Face::Song) {
  const ParagraphStyle st = real_style();
  const Paragraph par(test::real_shape(text, st, face), st);
  const std::size_t at = par.shaped().text.find(needle);
  for (const Item& it : par.items()) {
    if (it.is_box() && it.has_glyphs() && it.text.begin == at) return it.width;
  }
  ADD_FAILURE() << needle << " not found in " << par.shaped().text;
  return Length();
}

TEST(MixedText, ApostrophesInsideLatinWordsKeepTheirProportionalForm) {
  // Issue 15: It’s was set It’ s (the CJK font's full-width ’ under zh-Hans locl).
  for (const Face face : {Face::Song, Face::Hei, Face::Kai}) {
    EXPECT_LT(box_width("他说It’s ok", "’", face), Length::pt(4.5)) << static_cast<int>(face);
    EXPECT_LT(box_width("他说It's ok", "'", face), Length::pt(4.5)) << static_cast<int>(face);
  }
  // Quotes around Chinese text stay the CJK font's full-width marks (D8): ink half + blank.
  EXPECT_EQ(box_width("他说“好”", "“"), Length::pt(4.5));
  // The ASCII apostrophe is not changed.
  const ParagraphStyle st = real_style();
  EXPECT_EQ(test::real_shape("他说It's ok", st).text, "他说It's ok");
}

TEST(MixedText, AsciiPunctuationNextToHanIsFullWidth) {
  const ParagraphStyle st = real_style();
  EXPECT_EQ(test::real_shape("电话:0571-85551234", st).text, "电话：0571-85551234");
  EXPECT_EQ(test::real_shape("见(附件)", st).text, "见（附件）");
  EXPECT_EQ(test::real_shape("时间12:30，比分3:2", st).text, "时间12:30，比分3:2");
  EXPECT_EQ(box_width("电话:0571", "："), Length::pt(4.5));  // ink half; its blank is glue
}

/// Lines of `text` at W = lo … hi em: a URL or address breaks only after / or before . and @,
/// never leaving www. alone, and never splits a label.
void expect_url_breaks(const std::string& text, double lo, double hi) {
  for (double w = lo; w <= hi; w += 1) {
    const auto lines = real_lines(text, w);
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
      const std::string& a = lines[i];
      const std::string& b = lines[i + 1];
      const bool after_slash = a.back() == '/';
      const bool before_mark = b.front() == '.' || b.front() == '@';
      const bool latin_a = std::isalnum(static_cast<unsigned char>(a.back())) != 0;
      const bool latin_b = std::isalnum(static_cast<unsigned char>(b.front())) != 0 || before_mark;
      if (latin_a || latin_b) {
        EXPECT_TRUE(after_slash || before_mark || !latin_a || !latin_b) << "W=" << w << ": " << joined(lines);
      }
      EXPECT_FALSE(a.size() >= 3 && a.substr(a.size() - 3) == "www") << "W=" << w << ": " << joined(lines);
      EXPECT_NE(a.back(), '.') << "W=" << w << ": " << joined(lines);
    }
  }
}

TEST(MixedText, B8_UrlsAndAddressesBreakAfterSlashOrBeforeDotAndAt) {
  expect_url_breaks("获奖名单见本报网站www.zjgrbb.com.cn/award7/list.html，欢迎查阅", 6, 14);
  expect_url_breaks("来稿请寄电子邮箱zjgrxxw@163.com，或寄本报编辑部", 6, 12);
  // Kept whole where it fits.
  EXPECT_EQ(real_lines("网址www.zjgrbb.com", 12).size(), 1u);
}

}  // namespace
}  // namespace zjgr::compose
