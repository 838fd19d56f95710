// CLREQ conformance with real fonts: every rule of CLREQ-RULES.md through text::shape with
// the layout's faces (Noto Serif CJK SC, Noto Sans CJK SC Bold, LXGW WenKai), named by rule id.
// The font-free tests (kinsoku_test, punctuation_test, clreq_rules_test) pin the logic; these
// pin what real glyph metrics, clusters and locl forms do to it.
#include <gtest/gtest.h>
#include <hb.h>

#include <optional>
#include <tuple>

#include "fake_shaping.h"
#include "real_fonts.h"
#include "support/items.h"

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


/// Lines of `text` at every measure lo … hi em (real shaping, the body face).
std::vector<std::vector<std::string>> at_measures(const std::string& text, double lo, double hi,
                                                  const ParagraphStyle& st = real_style()) {
  std::vector<std::vector<std::string>> out;
  for (double w = lo; w <= hi; w += 1) out.push_back(real_lines(text, w, st));
  return out;
}

bool starts_with(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }
bool ends_with(const std::string& s, const std::string& p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

/// The paragraph of `text` (body face) and its lines at `measure_em`.
struct Set {
  Paragraph par;
  std::vector<Line> lines;
  Diagnostics d;
  Set(const std::string& text, double measure_em, const ParagraphStyle& st = real_style(), Face face = Face::Song)
      : par(test::real_shape(text, st, face), st) {
    lines = par.break_lines(LineWidths::uniform(st.size * measure_em), d);
  }
  std::string text(std::size_t i) const { return par.line_text(lines.at(i)); }
};

const Length kEm = Length::pt(9);

TEST(ClreqRealFonts, C1_C7_ShapedClustersKeepTheirClasses) {
  // Every mark of the tables shapes to a cluster of its own class (no ligature merges classes).
  const std::string marks = "甲、乙，丙。丁；戊：己？庚！辛“壬”癸（子）丑《寅》卯·辰／巳";
  const Paragraph par(test::real_shape(marks, real_style()), real_style());
  std::string seen;
  for (const Item& it : par.items()) {
    if (it.is_box() && it.has_glyphs()) seen += par.shaped().text.substr(it.text.begin, it.text.end - it.text.begin);
  }
  EXPECT_EQ(seen, marks);
}

TEST(ClreqRealFonts, C4_U1_TwoEmDashIsOneTwoEmUnit) {
  EXPECT_EQ(box_width("甲——乙", "——"), kEm * std::int64_t{2});
  for (const auto& lines : at_measures("甲乙丙丁戊——己庚辛壬癸子丑寅卯", 3, 10)) {
    for (const auto& l : lines) EXPECT_FALSE(ends_with(l, "—") && !ends_with(l, "——")) << joined(lines);
  }
  EXPECT_EQ(real_lines("娜拉走后怎样？——别人可是也发表过意见的。", 9).front(), "娜拉走后怎样？——");
}

TEST(ClreqRealFonts, C5_U3_ConnectorIsNotStretched) {
  Set s("从2024–2025年，甲乙丙丁戊己庚辛壬癸子丑", 10);
  ASSERT_GE(s.lines.size(), 2u);
  const auto xs = s.par.item_positions(s.lines[0]);
  for (std::size_t i = s.lines[0].first_item; i < s.lines[0].end_item; ++i) {
    const Item& it = s.par.items()[i];
    if (!it.is_box() || !it.has_glyphs() || s.par.shaped().text.compare(it.text.begin, 3, "–") != 0) continue;
    // No gap on either side of –: its neighbours touch it.
    const std::size_t k = i - s.lines[0].first_item;
    EXPECT_EQ(xs[k + 1] - xs[k], it.width);
    EXPECT_TRUE(s.par.items()[i - 1].is_box());
  }
}

TEST(ClreqRealFonts, C6_D5_InterpunctIsAFixedHalfEm) {
  EXPECT_EQ(box_width("比尔·盖茨", "·"), kEm / 2);
  EXPECT_EQ(box_width("春／夏", "／"), kEm / 2);  // C7
}

TEST(ClreqRealFonts, B1_ClosingAndPauseMarksNeverStartALine) {
  const std::vector<std::string> lines = real_lines("甲乙丙丁戊，己庚", 5);
  EXPECT_EQ(joined(lines), "甲乙丙丁|戊，己庚");
  for (const std::string mark : {"，", "。", "、", "；", "：", "？", "！", "）", "》", "”", "…", "·", "%"}) {
    const auto l = real_lines("甲乙丙丁戊" + mark + "己庚辛", 5);
    for (std::size_t i = 1; i < l.size(); ++i) EXPECT_FALSE(starts_with(l[i], mark)) << joined(l);
  }
}

TEST(ClreqRealFonts, B2_OpeningMarksNeverEndALine) {
  EXPECT_EQ(joined(real_lines("甲乙丙丁“戊己”", 5)), "甲乙丙丁|“戊己”");
  for (const std::string mark : {"（", "《", "「", "【", "“", "‘"}) {
    const auto l = real_lines("甲乙丙丁" + mark + "戊己庚辛", 5);
    for (std::size_t i = 0; i + 1 < l.size(); ++i) EXPECT_FALSE(ends_with(l[i], mark)) << joined(l);
  }
}

TEST(ClreqRealFonts, B5_InterpunctNeverStartsALine) {
  for (const auto& lines : at_measures("噫，克里斯蒂娜·罗塞蒂，还有阿加莎·克里斯蒂！", 4, 12)) {
    for (const auto& l : lines) EXPECT_FALSE(starts_with(l, "·")) << joined(lines);
  }
}

TEST(ClreqRealFonts, B6_ThreeMarksBreakOnlyAsAReportedLastResort) {
  ParagraphStyle st = real_style();
  st.avoid_orphan = false;
  Set s("甲乙丙。”）丁", 4, st);
  bool remedy = false;
  for (const Line& l : s.lines) remedy = remedy || l.ended_by == EndedBy::ThreePunctuation;
  if (remedy) {
    EXPECT_GE(s.d.warning_count(), 1u);
  }
  // With room, the run stays whole.
  EXPECT_EQ(joined(real_lines("甲乙丙。”）丁戊己庚", 6, st)).find("|”"), std::string::npos);
}

TEST(ClreqRealFonts, B7_NumbersWithTheirUnitsNeverSplit) {
  const struct { const char* text; const char* whole; } cases[] = {
      {"每年的消费量约4,000吨", "4,000吨"}, {"全省文化服务贸易进出口达141.57亿元，同比增长", "141.57亿元"},
      {"占比提高到14.48%，位居全国前列", "14.48%"}, {"今天最高气温37℃，注意防暑", "37℃"}};
  for (const auto& c : cases) {
    for (const auto& lines : at_measures(c.text, 5, 12)) {
      bool whole = false;
      for (const auto& l : lines) whole = whole || l.find(c.whole) != std::string::npos;
      EXPECT_TRUE(whole) << joined(lines);
    }
  }
}

TEST(ClreqRealFonts, B8_LatinWordMovesAsAWhole) {
  for (const auto& lines : at_measures("据Reuters报道，今年的情况有所好转", 5, 10)) {
    bool whole = false;
    for (const auto& l : lines) whole = whole || l.find("Reuters") != std::string::npos;
    EXPECT_TRUE(whole) << joined(lines);
  }
}

TEST(ClreqRealFonts, B9_HeadlineBreaksBetweenWordsNotInside) {
  ParagraphStyle st = real_style();
  st.phrase_breaks = true;
  st.align = Align::Center;
  const Paragraph par(test::real_shape("中文需要按词断行", st, Face::Hei), st);
  Diagnostics d;
  for (const Line& l : par.break_balanced(st.size * 5, d)) EXPECT_FALSE(ends_with(par.line_text(l), "中")) << par.line_text(l);
  EXPECT_EQ(d.warning_count(), 0u);
}

TEST(ClreqRealFonts, U2_EllipsisStaysTogether) {
  EXPECT_EQ(Set("戏剧……", 20).par.item_positions(Set("戏剧……", 20).lines[0]).back(), kEm * std::int64_t{4});
  for (const auto& lines : at_measures("一篇戏剧……之后还有很多", 3, 10)) {
    for (const auto& l : lines) EXPECT_FALSE(ends_with(l, "…") && !ends_with(l, "……")) << joined(lines);
  }
}

TEST(ClreqRealFonts, U4_D1_NoGapInsideBracketsAndAdjacentMarksTakeOneAndAHalfEm) {
  // 。” together: 1.5 em (half + half + one blank half).
  Set s("他说：“好。”他走了", 20);
  const auto xs = s.par.item_positions(s.lines[0]);
  const std::string& t = s.par.shaped().text;
  Length colon, after_quote;
  for (std::size_t i = s.lines[0].first_item; i < s.lines[0].end_item; ++i) {
    const Item& it = s.par.items()[i];
    if (!it.is_box() || !it.has_glyphs()) continue;
    const std::string ch = t.substr(it.text.begin, it.text.end - it.text.begin);
    if (ch == "：") colon = xs[i - s.lines[0].first_item];
    if (ch == "好") after_quote = xs[i - s.lines[0].first_item];
  }
  EXPECT_EQ(after_quote - colon, kEm * 3 / 2);  // ：“ = 1.5 em, “ hugs 好
}

TEST(ClreqRealFonts, D2_G1_LineEndMarkIsHalfWidthAndTheLineFillsTheMeasure) {
  Set s("甲乙丙丁戊己。庚辛壬癸子丑寅卯辰", 6.5);
  ASSERT_GE(s.lines.size(), 2u);
  EXPECT_EQ(s.text(0), "甲乙丙丁戊己。");
  const auto xs = s.par.item_positions(s.lines[0]);
  EXPECT_EQ(xs.back(), kEm * 13 / 2);
}

TEST(ClreqRealFonts, D3_LineStartOpeningBracketIsTrimmedAfterAnIndent) {
  ParagraphStyle st = real_style();
  st.indent = kEm * std::int64_t{2};
  Set s("《新生》的出版引起了很多人的注意", 12, st);
  const auto boxes = s.par.box_positions(s.lines[0]);
  ASSERT_FALSE(boxes.empty());
  // After the indent the house style keeps 《 whole (its glyph at 2 em, CLREQ's option); at a
  // line start without indent its blank half is trimmed: the ink starts at the left edge.
  const Item& open = s.par.items()[boxes.front().first];
  EXPECT_EQ(boxes.front().second + open.draw_offset, kEm * std::int64_t{2});
  Set t("《新生》的出版引起了很多人的注意", 12);
  const auto b = t.par.box_positions(t.lines[0]);
  EXPECT_EQ(b.front().second + t.par.items()[b.front().first].draw_offset, -kEm / 2);
}

TEST(ClreqRealFonts, D4_KaimingSetsCommaHalfAndFullStopFull) {
  ParagraphStyle st = real_style();
  st.punctuation = PunctuationStyle::Kaiming;
  Set s("甲，乙。丙", 20, st);
  EXPECT_EQ(s.par.item_positions(s.lines[0]).back(), kEm * 9 / 2);  // 甲 ，½ 乙 。1 丙 (natural: last line)
}

TEST(ClreqRealFonts, D7_QuestionExclamationPairIsOneEm) {
  Set s("真的吗？！好", 20);
  EXPECT_EQ(s.par.item_positions(s.lines[0]).back(), kEm * 5);
}

TEST(ClreqRealFonts, D8_QuotesComeFromTheCjkFontFullWidth) {
  EXPECT_EQ(box_width("他说“好”", "“"), kEm / 2);  // ink half of a 1-em glyph; the blank is glue
  EXPECT_EQ(box_width("他说“好”", "”"), kEm / 2);
}

TEST(ClreqRealFonts, E1_NothingPassesTheRightEdgeByDefault) {
  Set s("第二天我起得非常迟，午饭之后，出去看了朋友。", 7);
  for (const Line& l : s.lines) {
    if (!l.last) {
      EXPECT_EQ(s.par.item_positions(l).back(), kEm * 7) << s.par.line_text(l);
    }
  }
}

TEST(ClreqRealFonts, F1_QuarterEmBetweenHanAndLatinNotNextToPunctuation) {
  const Paragraph par(test::real_shape("累计降低11.6%；2025年", real_style()), real_style());
  const std::string items = test::print(par.items(), par.shaped().text);
  EXPECT_NE(items.find("低<9pt> G<2.25pt"), std::string::npos) << items;  // ¼ em
  EXPECT_NE(items.find("%<"), std::string::npos);
  EXPECT_EQ(items.find("%<7.2pt> G<2.25pt"), std::string::npos) << items;  // none before ；
}

TEST(ClreqRealFonts, F2_G3_JustificationNeverLetterSpacesWordsOrNumbers) {
  Set s("据报道GDP增长5.2%，甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉", 14);
  ASSERT_GE(s.lines.size(), 2u);
  const auto xs = s.par.item_positions(s.lines[0]);
  for (std::size_t i = s.lines[0].first_item; i + 1 < s.lines[0].end_item; ++i) {
    const Item& a = s.par.items()[i];
    const Item& b = s.par.items()[i + 1];
    if (a.is_box() && b.is_box() && a.cls != text::CharClass::Han) {
      const std::size_t k = i - s.lines[0].first_item;
      EXPECT_EQ(xs[k + 1] - xs[k], a.width);  // box against box: no space added
    }
  }
}

TEST(ClreqRealFonts, G4_TheLastLineIsNotJustified) {
  Set s("甲乙丙丁戊己庚辛壬癸子丑", 10);
  ASSERT_EQ(s.lines.size(), 2u);
  EXPECT_EQ(s.par.item_positions(s.lines[1]).back(), kEm * 2);
}

TEST(ClreqRealFonts, H1_FirstLineIndentTwoEm) {
  ParagraphStyle st = real_style();
  st.indent = kEm * std::int64_t{2};
  Set s("甲乙丙丁戊己庚辛壬癸子丑", 8, st);
  EXPECT_EQ(s.par.box_positions(s.lines[0]).front().second, kEm * std::int64_t{2});
}

TEST(ClreqRealFonts, H2_NoOrphanCharacterOnTheLastLine) {
  for (const auto& lines : at_measures("第二天我起得非常迟，午饭之后，出去看了朋友。", 5, 14)) {
    if (lines.size() < 2) continue;
    EXPECT_NE(lines.back(), "友。") << joined(lines);
  }
}

/// The x of the glyph-bearing box drawing `needle` on line `i` (the first one), or nullopt.
std::optional<Length> x_of(const Set& s, std::size_t i, const std::string& needle) {
  const std::string& t = s.par.shaped().text;
  for (const auto& [item, x] : s.par.box_positions(s.lines.at(i))) {
    const Item& it = s.par.items()[item];
    if (t.compare(it.text.begin, it.text.end - it.text.begin, needle) == 0) return x;
  }
  return std::nullopt;
}

/// The box drawing `needle` in a set paragraph.
const Item* box_of(const Set& s, const std::string& needle) {
  const std::string& t = s.par.shaped().text;
  for (const Item& it : s.par.items()) {
    if (it.is_box() && it.has_glyphs() && t.compare(it.text.begin, it.text.end - it.text.begin, needle) == 0) return &it;
  }
  return nullptr;
}

/// A bracket of class `cls` in `text` (one line, natural width): its box is the ink half, drawn
/// at `draw_offset` from the box, the box at `mark_x` and the character `next` after it at `next_x`.
void expect_bracket(const std::string& text, const std::string& mark, text::CharClass cls, Length draw_offset,
                    Length mark_x, const std::string& next, Length next_x) {
  SCOPED_TRACE(mark);
  const Set s(text, 20);
  const Item* box = box_of(s, mark);
  ASSERT_NE(box, nullptr);
  EXPECT_EQ(box->cls, cls);
  EXPECT_EQ(box->width, kEm / 2);
  EXPECT_EQ(box->draw_offset, draw_offset);
  EXPECT_EQ(x_of(s, 0, mark), mark_x);
  EXPECT_EQ(x_of(s, 0, next), next_x);
}

TEST(ClreqRealFonts, C2_OpeningBracketsAreOpeningMarksWithTheirBlankBefore) {
  // The ink is the right half (drawn ½ em left of its box); the blank half stands before it.
  for (const std::string mark : {"“", "‘", "（", "《", "〈", "「", "『", "【", "〖", "〔", "［", "｛"}) {
    expect_bracket("甲" + mark + "乙丙", mark, text::CharClass::OpeningMark, -kEm / 2, kEm * 3 / 2, "乙",
                   kEm * std::int64_t{2});
  }
}

TEST(ClreqRealFonts, C3_ClosingBracketsAreClosingMarksWithTheirBlankAfter) {
  // The ink is the left half; the blank half follows it.
  for (const std::string mark : {"”", "’", "）", "》", "〉", "」", "』", "】", "〗", "〕", "］", "｝"}) {
    expect_bracket("甲乙" + mark + "丙", mark, text::CharClass::ClosingMark, Length(), kEm * std::int64_t{2}, "丙",
                   kEm * std::int64_t{3});
  }
}

TEST(ClreqRealFonts, C9_PrefixesPostfixesGroupedNumeralsAndUnitsStayWithTheirNumber) {
  const struct { const char* text; const char* whole; text::CharClass cls; const char* mark; } cases[] = {
      {"这件商品的售价是¥100，比去年便宜", "¥100", text::CharClass::NumericPrefix, "¥"},
      {"网上支付￥2,500元的订单越来越多", "￥2,500元", text::CharClass::NumericPrefix, "￥"},
      {"今年的合格率达到了99.5%，创历史新高", "99.5%", text::CharClass::NumericPostfix, "%"},
      {"人口自然增长率为3.5‰，比上年有所下降", "3.5‰", text::CharClass::NumericPostfix, "‰"},
      {"今天最高气温37℃，注意防暑降温工作", "37℃", text::CharClass::NumericPostfix, "℃"},
      {"这条新修的公路全长12km，已经通车", "12km", text::CharClass::LatinLetter, "k"}};
  for (const auto& c : cases) {
    const Set whole(c.text, 40);
    const Item* box = box_of(whole, c.mark);
    ASSERT_NE(box, nullptr) << c.text;
    EXPECT_EQ(box->cls, c.cls) << c.text;
    for (const auto& lines : at_measures(c.text, 4, 12)) {
      bool kept = false;
      for (const auto& l : lines) kept = kept || l.find(c.whole) != std::string::npos;
      EXPECT_TRUE(kept) << c.whole << ": " << joined(lines);
    }
  }
}

TEST(ClreqRealFonts, D6_MainlandCommaHasItsInkLeftBottomAndCompressesOnTheRight) {
  // The zh-Hans form of ， in Noto Serif CJK SC: ink in the left-bottom quadrant of the em box.
  const ParagraphStyle st = real_style();
  const text::ShapedText shaped = test::real_shape("甲，乙", st);
  const text::GlyphRun& run = shaped.runs.at(0);
  const fonts::Font& font = test::RealFonts::get().library().font(run.font);
  hb_glyph_extents_t ink{};
  ASSERT_TRUE(hb_font_get_glyph_extents(font.hb_font(), run.glyphs.at(1).id, &ink));
  const int upem = font.units_per_em();
  EXPECT_GE(ink.x_bearing, 0);
  EXPECT_LE(ink.x_bearing + ink.width, upem / 2);          // left half
  EXPECT_LE(ink.y_bearing, static_cast<int>(upem * 0.38));  // below the em box's middle (0.88 ascent)
  // Only the right side is adjustable: the box is the ink half at x = 1 em; pushing in (B4, W=6)
  // moves what follows, never the mark.
  Set s("甲乙，丙丁戊。庚辛", 6);
  ASSERT_EQ(s.text(0), "甲乙，丙丁戊。");
  const Item* comma = box_of(s, "，");
  ASSERT_NE(comma, nullptr);
  EXPECT_EQ(comma->draw_offset, Length());
  EXPECT_EQ(comma->width, kEm / 2);
  EXPECT_EQ(x_of(s, 0, "，"), kEm * std::int64_t{2});
  EXPECT_EQ(x_of(s, 0, "丙"), kEm * 5 / 2);  // the blank after ， pushed in to nothing
}

/// Each glue of line `i` with the width it is set at and its natural width, keyed by the text of
/// the box before it.
std::vector<std::tuple<std::string, Length, Length>> glue_set(const Set& s, std::size_t i) {
  const Line& l = s.lines.at(i);
  const auto xs = s.par.item_positions(l);
  std::vector<std::tuple<std::string, Length, Length>> out;
  std::string before;
  for (std::size_t k = l.first_item; k < l.end_item; ++k) {
    const Item& it = s.par.items()[k];
    if (it.is_box() && it.has_glyphs()) before = s.par.shaped().text.substr(it.text.begin, it.text.end - it.text.begin);
    if (it.is_glue()) out.emplace_back(before, xs[k - l.first_item + 1] - xs[k - l.first_item], it.width);
  }
  return out;
}

TEST(ClreqRealFonts, G2_LineEndMarkFirstThenBracketsBeforeCommas) {
  // 甲（乙丙）丁，戊己。 is 10 em with 。 full width: at W = 9.5 step (1) alone fits it, 。 at ½ em,
  // and no other glue is touched.
  Set s("甲（乙丙）丁，戊己。庚辛", 9.5);
  ASSERT_EQ(s.text(0), "甲（乙丙）丁，戊己。");
  EXPECT_EQ(s.par.item_positions(s.lines[0]).back(), kEm * 19 / 2);
  for (const auto& [before, set, natural] : glue_set(s, 0)) EXPECT_EQ(set, natural) << "after " << before;
  // At W = 9.25 the next quarter em comes from the brackets' outer blanks (step 4); the comma's
  // blank (step 5) keeps its half em.
  Set t("甲（乙丙）丁，戊己。庚辛", 9.25);
  ASSERT_EQ(t.text(0), "甲（乙丙）丁，戊己。");
  Length bracket_shrink;
  for (const auto& [before, set, natural] : glue_set(t, 0)) {
    if (before == "，") {
      EXPECT_EQ(set, natural);
    }
    if (before == "甲" || before == "）") bracket_shrink += natural - set;
  }
  EXPECT_EQ(bracket_shrink, kEm / 4);
}

TEST(ClreqRealFonts, H4_OrphanCharacterAvoidanceIsAHouseStyleSwitch) {
  // Case (e) of H4, a 孤字 inside a page, is enforced or not by the style's avoid_orphan.
  ParagraphStyle off = real_style();
  off.avoid_orphan = false;
  int orphans_off = 0, orphans_on = 0;
  for (double w = 5; w <= 14; w += 1) {
    orphans_off += real_lines("第二天我起得非常迟，午饭之后，出去看了朋友。", w, off).back() == "友。";
    orphans_on += real_lines("第二天我起得非常迟，午饭之后，出去看了朋友。", w).back() == "友。";
  }
  EXPECT_GT(orphans_off, 0);
  EXPECT_EQ(orphans_on, 0);
}

TEST(MixedText, ALineBrokenInsideAUrlIsSetFlushNotSpacedOut) {
  int url_lines = 0, before_url_lines = 0;
  const auto ragged = [](Rule r) { return r == Rule::UrlBreak || r == Rule::BeforeUrl; };
  for (double w = 8; w <= 16; w += 1) {
    Set s("获奖名单见本报网站www.zjgrbb.com.cn/award7/list.html，欢迎查阅", w);
    EXPECT_EQ(s.d.warning_count(), 0u) << "W=" << w << ": " << (s.d.items().empty() ? "" : s.d.items().front().message);
    for (const Line& l : s.lines) {
      const Rule end = s.par.items()[l.end_item].rule;
      if (!ragged(end)) continue;
      ++(end == Rule::UrlBreak ? url_lines : before_url_lines);
      // The slack goes to the end of the line first: inside a URL no glue before the break is
      // stretched; before a URL, none past the tolerance's ratio (a short line is not spaced out).
      const auto xs = s.par.item_positions(l);
      EXPECT_EQ(xs.back(), kEm * w);
      const double limit = end == Rule::UrlBreak ? 0.0 : BreakParams{}.max_ratio;
      for (std::size_t i = l.first_item; i < l.end_item; ++i) {
        const Item& it = s.par.items()[i];
        if (it.is_glue() && !ragged(it.rule)) {
          EXPECT_LE((xs[i - l.first_item + 1] - xs[i - l.first_item]).to_pt(), (it.width + it.stretch * limit).to_pt() + 1e-3)
              << "W=" << w << ": " << s.par.line_text(l);
        }
      }
    }
  }
  EXPECT_GT(before_url_lines, 0) << "the line before a URL that does not fit is flush too";
  EXPECT_GT(url_lines, 0);
}

}  // namespace
}  // namespace zjgr::compose
