// subset_font: a small standalone font that draws the kept glyph ids exactly as the original.
#include "fonts/subset.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H
#include <hb.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "fonts/font_library.h"

namespace zjgr::fonts {
namespace {

TEST(SubsetFont, KeepsGlyphIdsAndOutlinesOfTheUsedGlyphsOnly) {
  FontLibrary library;
  Diagnostics diagnostics;
  const auto id = library.resolve("Noto Serif CJK SC", 400, diagnostics);
  ASSERT_TRUE(id.has_value()) << "fonts-noto-cjk not installed?";
  const Font& font = library.font(*id);
  const auto zhong = font.nominal_glyph(U'中');
  const auto wen = font.nominal_glyph(U'文');
  const auto guo = font.nominal_glyph(U'国');  // not kept
  ASSERT_TRUE(zhong && wen && guo);
  const std::vector<std::uint32_t> used = {*zhong, *wen};

  const std::vector<char> bytes = subset_font(font, used);
  ASSERT_FALSE(bytes.empty());
  EXPECT_LT(bytes.size(), std::filesystem::file_size(font.file()) / 20);

  hb_blob_t* blob = hb_blob_create(bytes.data(), static_cast<unsigned>(bytes.size()), HB_MEMORY_MODE_READONLY,
                                   nullptr, nullptr);
  hb_face_t* face = hb_face_create(blob, 0);
  hb_font_t* subset = hb_font_create(face);
  EXPECT_EQ(hb_face_get_upem(face), 1000u);
  EXPECT_GT(hb_face_get_glyph_count(face), *zhong);  // ids retained
  for (const std::uint32_t g : used) {
    hb_glyph_extents_t original{}, kept{};
    ASSERT_TRUE(hb_font_get_glyph_extents(font.hb_font(), g, &original));
    ASSERT_TRUE(hb_font_get_glyph_extents(subset, g, &kept));
    EXPECT_EQ(kept.width, original.width) << "glyph " << g;
    EXPECT_EQ(kept.height, original.height) << "glyph " << g;
    EXPECT_GT(kept.width, 0);
    EXPECT_EQ(hb_font_get_glyph_h_advance(subset, g), 1000);
  }
  hb_glyph_extents_t dropped{};
  hb_font_get_glyph_extents(subset, *guo, &dropped);
  EXPECT_EQ(dropped.width, 0);  // outline gone
  // FreeType (what cairo-ft will use) opens it and finds the glyph where it was.
  FT_Library ft = nullptr;
  ASSERT_EQ(FT_Init_FreeType(&ft), 0);
  FT_Face ft_face = nullptr;
  ASSERT_EQ(FT_New_Memory_Face(ft, reinterpret_cast<const FT_Byte*>(bytes.data()), static_cast<FT_Long>(bytes.size()),
                               0, &ft_face), 0);
  EXPECT_GT(ft_face->num_glyphs, static_cast<FT_Long>(*zhong));
  EXPECT_EQ(FT_Load_Glyph(ft_face, *zhong, FT_LOAD_NO_SCALE), 0);
  EXPECT_GT(ft_face->glyph->outline.n_points, 0);
  FT_Done_Face(ft_face);
  FT_Done_FreeType(ft);
  hb_font_destroy(subset);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
}

TEST(SubsetFont, UnloadedFontGivesNothing) {
  const Font font(0, "Nothing", "/nonexistent.otf", 0, 400);
  const std::uint32_t glyph = 1;
  EXPECT_TRUE(subset_font(font, std::span(&glyph, 1)).empty());
}

TEST(SubsetFace, OwnsAFreeTypeFaceOfTheSubsetWithTheGlyphsWhereTheyWere) {
  FontLibrary library;
  Diagnostics diagnostics;
  const auto id = library.resolve("Noto Serif CJK SC", 400, diagnostics);
  ASSERT_TRUE(id.has_value()) << "fonts-noto-cjk not installed?";
  const Font& font = library.font(*id);
  const auto zhong = font.nominal_glyph(U'中');
  const auto guo = font.nominal_glyph(U'国');  // not kept
  ASSERT_TRUE(zhong && guo);
  const std::vector<std::uint32_t> used = {*zhong};

  const auto subset = SubsetFace::make(font, used);
  ASSERT_NE(subset, nullptr);
  EXPECT_LT(subset->size(), std::filesystem::file_size(font.file()) / 20);
  FT_Face face = subset->ft_face();
  ASSERT_NE(face, nullptr);
  EXPECT_NE(face, font.ft_face());
  EXPECT_EQ(face->units_per_EM, 1000);
  // Noto CJK is CFF: a compact subset, .notdef then 中.
  EXPECT_EQ(subset->glyph(*zhong), 1u);
  EXPECT_EQ(subset->glyph(*guo), 0u);  // not kept: .notdef
  ASSERT_EQ(FT_Load_Glyph(face, subset->glyph(*zhong), FT_LOAD_NO_SCALE), 0);
  const int points = face->glyph->outline.n_points;
  EXPECT_GT(points, 0);
  EXPECT_EQ(face->glyph->metrics.horiAdvance, 1000);
  EXPECT_EQ(face->num_glyphs, 2);
  // The same outline as in the whole font.
  ASSERT_EQ(FT_Load_Glyph(font.ft_face(), *zhong, FT_LOAD_NO_SCALE), 0);
  EXPECT_EQ(font.ft_face()->glyph->outline.n_points, points);
}

TEST(SubsetFace, UnloadedFontGivesNone) {
  const Font font(0, "Nothing", "/nonexistent.otf", 0, 400);
  const std::uint32_t glyph = 1;
  EXPECT_EQ(SubsetFace::make(font, std::span(&glyph, 1)), nullptr);
}

}  // namespace
}  // namespace zjgr::fonts

namespace zjgr::fonts {
namespace {

// hb-subset adds glyphs of its own (GSUB alternates of the quotes), so a compact subset's ids are
// not simply ranks: every mapped glyph must be the same outline with the same advance.
TEST(SubsetFace, CompactSubsetMapsEveryGlyphToTheSameOutline) {
  FontLibrary library;
  Diagnostics diagnostics;
  const auto id = library.resolve("Noto Serif CJK SC", 400, diagnostics);
  ASSERT_TRUE(id);
  const Font& font = library.font(*id);
  std::vector<std::uint32_t> used;
  for (char32_t c : std::u32string(U"浙江工人日报——“工会”，141.57亿元。")) {
    if (auto g = font.nominal_glyph(c)) used.push_back(*g);
  }
  std::sort(used.begin(), used.end());
  used.erase(std::unique(used.begin(), used.end()), used.end());
  const auto subset = SubsetFace::make(font, used);
  ASSERT_NE(subset, nullptr);
  FT_Face face = subset->ft_face();
  EXPECT_LT(face->num_glyphs, 30);  // compact, not 65,000 retained ids
  for (const std::uint32_t g : used) {
    ASSERT_EQ(FT_Load_Glyph(font.ft_face(), g, FT_LOAD_NO_SCALE), 0);
    const auto points = font.ft_face()->glyph->outline.n_points;
    const auto advance = font.ft_face()->glyph->metrics.horiAdvance;
    ASSERT_EQ(FT_Load_Glyph(face, subset->glyph(g), FT_LOAD_NO_SCALE), 0);
    EXPECT_EQ(face->glyph->outline.n_points, points) << "glyph " << g;
    EXPECT_EQ(face->glyph->metrics.horiAdvance, advance) << "glyph " << g;
  }
}

}  // namespace
}  // namespace zjgr::fonts
