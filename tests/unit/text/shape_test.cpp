// text::shape against the system fonts (fonts-noto-cjk, fonts-lxgw-wenkai): run splitting by
// script and font, 1 em Han advances, byte-offset clusters, missing glyphs. A missing font fails.
#include "text/shape.h"

#include <gtest/gtest.h>
#include <hb.h>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>

#include "base/utf8.h"
#include "fonts/subset.h"

namespace zjgr::text {
namespace {

/// One library for the whole suite: fonts are loaded once, as in the product.
class Shape : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    library_ = new fonts::FontLibrary();
    Diagnostics d;
    song_ = library_->resolve("Noto Serif CJK SC", 400, d);
    kai_ = library_->resolve("LXGW WenKai", 400, d);
    ASSERT_FALSE(d.has_errors()) << "fonts-noto-cjk and fonts-lxgw-wenkai must be installed";
  }
  static void TearDownTestSuite() {
    delete library_;
    library_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(song_ && kai_); }

  ShapedText run(std::string_view text, std::vector<fonts::FontId> stack, Length size = Length::pt(10)) {
    ShapeOptions options;
    options.size = size;
    return shape(text, fonts::FontStack(std::move(stack)), *library_, options, diagnostics_, where_);
  }
  /// In Noto Serif CJK SC at 10 pt, for a vertical line (or a horizontal one, to compare).
  ShapedText vertical_run(std::string_view text, bool vertical, bool upright_digits = false, bool corner_quotes = false) {
    ShapeOptions options;
    options.size = Length::pt(10);
    options.vertical = vertical;
    options.upright_digits = upright_digits;
    options.corner_quotes = corner_quotes;
    return shape(text, fonts::FontStack({*song_}), *library_, options, diagnostics_);
  }

  static fonts::FontLibrary* library_;
  static std::optional<fonts::FontId> song_, kai_;
  Diagnostics diagnostics_;
  SourceRef where_{"articles/culture-trade.json", "/body/0", 0, 0, {}};
};
fonts::FontLibrary* Shape::library_ = nullptr;
std::optional<fonts::FontId> Shape::song_, Shape::kai_;

char32_t cp_at(const std::string& text, std::size_t byte) {
  std::size_t pos = byte;
  return decode_utf8(text, pos).value_or(0);
}

bool is_han(char32_t cp) { return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF); }

/// Runs tile the text; clusters are monotonic, start at code point boundaries, stay inside their
/// run, and every byte of the text belongs to some cluster (the text round-trips).
void expect_round_trip(const ShapedText& shaped) {
  std::size_t next_run = 0;
  std::size_t last_cluster = 0;
  bool first = true;
  std::string rebuilt;
  for (const GlyphRun& run : shaped.runs) {
    EXPECT_EQ(run.text.begin, next_run);
    next_run = run.text.end;
    ASSERT_FALSE(run.glyphs.empty());
    EXPECT_EQ(run.glyphs.front().cluster, run.text.begin);
    for (std::size_t i = 0; i < run.glyphs.size(); ++i) {
      const std::uint32_t c = run.glyphs[i].cluster;
      EXPECT_GE(c, run.text.begin);
      EXPECT_LT(c, run.text.end);
      if (!first) {
        EXPECT_GE(c, last_cluster) << "clusters must be monotonic";
      }
      std::size_t pos = c;
      EXPECT_TRUE(decode_utf8(shaped.text, pos).has_value()) << "cluster " << c << " inside a code point";
      if (first || c != last_cluster) {
        // The cluster's bytes run to the next cluster or the run's end.
        std::size_t end = run.text.end;
        for (std::size_t j = i + 1; j < run.glyphs.size(); ++j) {
          if (run.glyphs[j].cluster != c) { end = run.glyphs[j].cluster; break; }
        }
        rebuilt += shaped.text.substr(c, end - c);
      }
      last_cluster = c;
      first = false;
    }
  }
  EXPECT_EQ(next_run, shaped.text.size());
  EXPECT_EQ(rebuilt, shaped.text);
}

TEST_F(Shape, MixedHanLatinSplitsIntoScriptRunsWithOneEmHan) {
  const std::string text = "2020年全省文化服务贸易进出口达141.57亿元，同比增长14.48%。propeller TV";
  const Length size = Length::pt(9);
  const ShapedText shaped = run(text, {*song_}, size);
  EXPECT_EQ(diagnostics_.items().size(), 0u);
  EXPECT_EQ(shaped.text, text);
  // Digits, ％ and Chinese punctuation are Common: they join the Han run; the Latin words and
  // the space between them make the second run.
  const std::size_t latin = text.find("propeller");
  ASSERT_EQ(shaped.runs.size(), 2u);
  EXPECT_EQ(shaped.runs[0].text.begin, 0u);
  EXPECT_EQ(shaped.runs[0].text.end, latin);
  EXPECT_EQ(shaped.runs[1].text.begin, latin);
  EXPECT_EQ(shaped.runs[1].text.end, text.size());
  for (const GlyphRun& r : shaped.runs) {
    EXPECT_EQ(r.font, *song_);
    EXPECT_EQ(r.size, size);
  }
  // One glyph per Han character, each exactly 1 em wide.
  std::size_t han_chars = 0;
  for (char32_t cp : to_u32(text)) han_chars += is_han(cp) ? 1 : 0;
  std::size_t han_glyphs = 0;
  for (const Glyph& g : shaped.runs[0].glyphs) {
    if (!is_han(cp_at(text, g.cluster))) continue;
    ++han_glyphs;
    EXPECT_EQ(g.advance, size) << "at byte " << g.cluster;
  }
  EXPECT_EQ(han_glyphs, han_chars);
  EXPECT_EQ(han_chars, 19u);
  // Latin is proportional: "propeller" is far narrower than 9 em.
  Length latin_width;
  for (const Glyph& g : shaped.runs[1].glyphs) latin_width += g.advance;
  EXPECT_LT(latin_width, size * std::int64_t{9});
  EXPECT_GT(latin_width, Length::zero());
  expect_round_trip(shaped);
}

TEST_F(Shape, D8_QuotesFromTheCjkFontAreFullWidth) {
  // CLREQ D8: “ ” in Chinese text come from the Chinese font, full width. (LXGW WenKai's
  // quotes are proportional, 0.35 em, in every locale: see fonts/README.md.)
  const std::string text = "他说“好”";
  for (const fonts::FontId font : {*song_}) {
    const ShapedText shaped = run(text, {font});
    ASSERT_EQ(shaped.runs.size(), 1u);
    for (const Glyph& g : shaped.runs[0].glyphs) {
      const char32_t cp = cp_at(text, g.cluster);
      if (cp == U'“' || cp == U'”') {
        EXPECT_EQ(g.advance, Length::pt(10)) << "font " << library_->font(font).family();
      }
    }
    EXPECT_EQ(shaped.runs[0].glyphs.size(), 5u);
    expect_round_trip(shaped);
  }
  EXPECT_FALSE(diagnostics_.has_errors());
}

TEST_F(Shape, FallbackFontTakesWhatTheFirstLacks) {
  // U+3400 㐀 is not in WenKai; Noto Serif CJK SC has it.
  ASSERT_FALSE(library_->font(*kai_).has_glyph(U'\u3400'));
  const std::string text = "文㐀字";
  const ShapedText shaped = run(text, {*kai_, *song_});
  EXPECT_EQ(diagnostics_.items().size(), 0u);
  ASSERT_EQ(shaped.runs.size(), 3u);
  EXPECT_EQ(shaped.runs[0].font, *kai_);
  EXPECT_EQ(shaped.runs[1].font, *song_);
  EXPECT_EQ(shaped.runs[2].font, *kai_);
  EXPECT_EQ(shaped.runs[1].text.begin, 3u);
  EXPECT_EQ(shaped.runs[1].text.end, 6u);
  EXPECT_NE(shaped.runs[1].glyphs.at(0).id, 0u);  // a real glyph, not .notdef
  expect_round_trip(shaped);
}

TEST_F(Shape, CodePointNoFontHasIsReportedOnceAndKept) {
  const std::string text = "甲\uE000乙\uE000丙";
  ASSERT_FALSE(library_->font(*song_).has_glyph(U'\uE000'));
  ASSERT_FALSE(library_->font(*kai_).has_glyph(U'\uE000'));
  const ShapedText shaped = run(text, {*kai_, *song_});
  ASSERT_EQ(diagnostics_.items().size(), 1u);
  const Diagnostic& d = diagnostics_.items()[0];
  EXPECT_EQ(d.severity, Severity::Warning);
  EXPECT_EQ(d.code, "missing-glyph");
  EXPECT_NE(d.message.find("U+E000"), std::string::npos) << d.message;
  EXPECT_EQ(d.where.file, "articles/culture-trade.json");
  EXPECT_EQ(d.where.chars.begin, 3u);
  EXPECT_EQ(d.where.chars.end, 6u);
  // Shaped with the stack's first font (.notdef), so nothing is lost.
  ASSERT_EQ(shaped.runs.size(), 1u);
  EXPECT_EQ(shaped.runs[0].font, *kai_);
  ASSERT_EQ(shaped.runs[0].glyphs.size(), 5u);
  EXPECT_EQ(shaped.runs[0].glyphs[1].id, 0u);
  EXPECT_EQ(shaped.runs[0].glyphs[3].id, 0u);
  expect_round_trip(shaped);
}

TEST_F(Shape, VariationSelectorAndMarkStayWithTheirBase) {
  // A variation selector after a Kai character must not start a run in another font, nor be
  // reported as missing; nor a combining acute after a Latin letter.
  const std::string text = "葛\uFE00e\u0301";
  const ShapedText shaped = run(text, {*kai_, *song_});
  EXPECT_EQ(diagnostics_.items().size(), 0u);
  ASSERT_EQ(shaped.runs.size(), 2u);  // Han, then Latin
  EXPECT_EQ(shaped.runs[0].font, *kai_);
  EXPECT_EQ(shaped.runs[1].font, *kai_);
  EXPECT_EQ(shaped.runs[0].text.end, std::string("葛\uFE00").size());
  expect_round_trip(shaped);
}

TEST_F(Shape, LeadingCommonJoinsTheFollowingScript) {
  // "“2021”年": quotes and digits are Common and join the Han run that follows.
  const ShapedText shaped = run("“2021”年", {*song_});
  EXPECT_EQ(shaped.runs.size(), 1u);
  expect_round_trip(shaped);
}

TEST_F(Shape, EmptyTextAndEmptyStack) {
  EXPECT_TRUE(run("", {*song_}).runs.empty());
  EXPECT_TRUE(diagnostics_.items().empty());
  const ShapedText shaped = run("中", {});
  EXPECT_TRUE(shaped.runs.empty());
  EXPECT_EQ(shaped.text, "中");
  ASSERT_EQ(diagnostics_.items().size(), 1u);
  EXPECT_EQ(diagnostics_.items()[0].code, "missing-font");
}

TEST_F(Shape, InvalidUtf8ByteIsKeptAsItsOwnCluster) {
  const std::string text = "中\xff文";
  const ShapedText shaped = run(text, {*song_});
  ASSERT_EQ(shaped.runs.size(), 1u);
  ASSERT_EQ(shaped.runs[0].glyphs.size(), 3u);
  EXPECT_EQ(shaped.runs[0].glyphs[1].cluster, 3u);
  EXPECT_EQ(shaped.runs[0].glyphs[2].cluster, 4u);
}

// Vertical setting (竖排, issue 16) on the real Noto Serif CJK SC: the vertical forms of
// punctuation, vertical advances and origins, Latin turned sideways and 纵中横.

TEST_F(Shape, VerticalFullStopTakesItsVerticalForm) {
  const ShapedText h = vertical_run("。", false), v = vertical_run("。", true);
  ASSERT_EQ(h.runs.size(), 1u);
  ASSERT_EQ(v.runs.size(), 1u);
  ASSERT_EQ(v.runs[0].glyphs.size(), 1u);
  EXPECT_EQ(v.runs[0].orientation, Orientation::Upright);
  // Noto's `vert` moves 。 to the upper right of the cell: another glyph than the horizontal one.
  EXPECT_NE(h.runs[0].glyphs[0].id, v.runs[0].glyphs[0].id);
  // Its ink lies in the upper right quarter of the cell: right of the axis, above the middle
  // (the glyph's origin is 880 units below the cell's top: the middle is 380 above it).
  const fonts::Font& font = library_->font(*song_);
  hb_glyph_extents_t ink{};
  ASSERT_TRUE(hb_font_get_glyph_extents(font.hb_font(), v.runs[0].glyphs[0].id, &ink));
  const int upem = font.units_per_em();
  EXPECT_GE(ink.x_bearing, upem / 2);
  EXPECT_GT(ink.y_bearing + ink.height, upem * 38 / 100);
}

TEST_F(Shape, VerticalHanAdvancesDownTheLineByOneEm) {
  const ShapedText v = vertical_run("浙江工人", true);
  ASSERT_EQ(v.runs.size(), 1u);
  EXPECT_TRUE(v.vertical);
  ASSERT_EQ(v.runs[0].glyphs.size(), 4u);
  for (const Glyph& g : v.runs[0].glyphs) {
    EXPECT_EQ(g.advance, Length::pt(10));
    // The glyph's horizontal origin is half its width left of the axis and one ascent below the
    // cell's top (VORG 880 of 1000).
    EXPECT_EQ(g.x_offset, Length::pt(-5));
    EXPECT_NEAR(g.y_offset.to_pt(), -8.8, 0.01);
  }
  // HarfBuzz itself: direction TTB gives y advances of one em and no x advance.
  hb_buffer_t* buffer = hb_buffer_create();
  hb_buffer_add_utf8(buffer, "浙", -1, 0, -1);
  hb_buffer_set_direction(buffer, HB_DIRECTION_TTB);
  hb_buffer_set_script(buffer, HB_SCRIPT_HAN);
  hb_buffer_set_language(buffer, hb_language_from_string("zh-Hans", -1));
  const fonts::Font& font = library_->font(*song_);
  hb_shape(font.hb_font(), buffer, nullptr, 0);
  unsigned count = 0;
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
  ASSERT_EQ(count, 1u);
  EXPECT_EQ(pos[0].x_advance, 0);
  EXPECT_EQ(pos[0].y_advance, -font.units_per_em());
  hb_buffer_destroy(buffer);
}

TEST_F(Shape, VerticalLatinWordIsASidewaysRun) {
  const ShapedText v = vertical_run("采用AI技术", true);
  ASSERT_EQ(v.runs.size(), 3u);
  EXPECT_EQ(v.runs[0].orientation, Orientation::Upright);
  EXPECT_EQ(v.runs[1].orientation, Orientation::Sideways);
  EXPECT_EQ(v.text.substr(v.runs[1].text.begin, v.runs[1].text.end - v.runs[1].text.begin), "AI");
  EXPECT_EQ(v.runs[2].orientation, Orientation::Upright);
  // Turned text advances by its horizontal widths, proportional (A is wider than I).
  ASSERT_EQ(v.runs[1].glyphs.size(), 2u);
  EXPECT_GT(v.runs[1].glyphs[0].advance, v.runs[1].glyphs[1].advance);
}

TEST_F(Shape, VerticalTwoDigitsAreUprightTateChuYokoFourAreSideways) {
  const ShapedText v = vertical_run("12月", true, true);
  ASSERT_EQ(v.runs.size(), 2u);
  EXPECT_EQ(v.runs[0].orientation, Orientation::Combined);
  // One cluster, one em along the line, the digits side by side across the axis.
  ASSERT_EQ(v.runs[0].glyphs.size(), 2u);
  EXPECT_EQ(v.runs[0].glyphs[0].cluster, v.runs[0].glyphs[1].cluster);
  EXPECT_EQ(v.runs[0].glyphs[0].advance + v.runs[0].glyphs[1].advance, Length::pt(10));
  EXPECT_LT(v.runs[0].glyphs[0].x_offset, Length());
  EXPECT_GE(v.runs[0].glyphs[1].x_offset, Length::pt(-0.5));
  const ShapedText year = vertical_run("2026年", true, true);
  ASSERT_EQ(year.runs.size(), 2u);
  EXPECT_EQ(year.runs[0].orientation, Orientation::Sideways);
  // Without the style's upright_digits, two digits are turned as well.
  EXPECT_EQ(vertical_run("12月", true, false).runs[0].orientation, Orientation::Sideways);
}

TEST_F(Shape, M4_VerticalThreeDigitsAreNarrowedIntoOneUprightCell) {
  const ShapedText v = vertical_run("第300吨", true, true);
  ASSERT_EQ(v.runs.size(), 3u);
  const GlyphRun& digits = v.runs[1];
  EXPECT_EQ(digits.orientation, Orientation::Combined);
  ASSERT_EQ(digits.glyphs.size(), 3u);
  // Three half-width digits (1.5 em) narrowed to the em: two thirds, centred across the axis.
  EXPECT_NEAR(digits.x_scale, 2.0 / 3.0, 0.01);
  EXPECT_EQ(digits.glyphs[2].advance, Length::pt(10));  // one em down the line, on the last glyph
  EXPECT_NEAR(digits.glyphs[0].x_offset.to_pt(), -5.0, 0.05);
  EXPECT_NEAR(digits.glyphs[2].x_offset.to_pt(), 5.0 - 10.0 / 3.0, 0.05);
  EXPECT_EQ(digits.glyphs[0].cluster, digits.glyphs[2].cluster);
  // Two digits keep their full half widths.
  EXPECT_EQ(vertical_run("12月", true, true).runs[0].x_scale, 1.0);
}

TEST_F(Shape, VerticalCornerQuotesReplaceCurlyQuotes) {
  const ShapedText v = vertical_run("喜迎“五一”", true, false, true);
  EXPECT_EQ(v.text, "喜迎「五一」");
  EXPECT_EQ(vertical_run("喜迎“五一”", true).text, "喜迎“五一”");
  // An apostrophe inside a Latin word stays.
  EXPECT_EQ(vertical_run("It’s‘好’", true, false, true).text, "It’s『好』");
}

TEST_F(Shape, VerticalHorizontalShapingIsUnchanged) {
  const ShapedText h = vertical_run("浙江AI", false);
  EXPECT_FALSE(h.vertical);
  for (const GlyphRun& r : h.runs) EXPECT_EQ(r.orientation, Orientation::Horizontal);
}

// The PDF's fonts are cut before layout to fonts::shaping_closure of the characters
// (render::PdfStream): every glyph shaping gives must be in it — vertical forms, 纵中横 half
// widths, an apostrophe's proportional form, corner quotes — and it must stay a cut.
TEST_F(Shape, ShapingClosureHoldsEveryGlyphShapingGivesAndNoMore) {
  const std::string text = "职工“书屋”开放，2021年共12场。It’s Xi’an（杭州）——好！";
  std::u32string characters = to_u32(text);
  characters += U"「」『』";  // what corner_quotes writes in place of “ ” ‘ ’
  std::map<fonts::FontId, std::vector<std::uint32_t>> closures;
  const auto expect_in_closure = [&](const ShapedText& shaped, const char* how) {
    for (const GlyphRun& r : shaped.runs) {
      auto [it, fresh] = closures.try_emplace(r.font);
      if (fresh) it->second = fonts::shaping_closure(library_->font(r.font), characters);
      for (const Glyph& g : r.glyphs) {
        EXPECT_TRUE(std::binary_search(it->second.begin(), it->second.end(), g.id))
            << how << ": glyph " << g.id << " of cluster at byte " << g.cluster << " is not in the cut";
      }
    }
  };
  expect_in_closure(run(text, {*song_}), "horizontal");
  expect_in_closure(run(text, {*kai_, *song_}), "horizontal, WenKai first");
  expect_in_closure(vertical_run(text, true, true, true), "vertical, 纵中横, corner quotes");
  ASSERT_TRUE(diagnostics_.items().empty());
  const std::vector<std::uint32_t>& song = closures[*song_];
  EXPECT_EQ(song.front(), 0u);  // .notdef
  EXPECT_TRUE(std::is_sorted(song.begin(), song.end()));
  // A cut, not the font: the closure of ~40 characters under a few features is a few hundred
  // glyphs of Noto's 65,000.
  EXPECT_LT(song.size(), 1000u);
  EXPECT_GT(song.size(), characters.size());  // vertical forms and alternates beside the nominal glyphs
}

}  // namespace
}  // namespace zjgr::text
