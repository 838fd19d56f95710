// subset_font: a small standalone font that draws the kept glyph ids exactly as the original.
#include "fonts/subset.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

#include <gtest/gtest.h>

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
  ASSERT_EQ(FT_Load_Glyph(face, *zhong, FT_LOAD_NO_SCALE), 0);
  EXPECT_GT(face->glyph->outline.n_points, 0);
  EXPECT_EQ(face->glyph->metrics.horiAdvance, 1000);
  // A glyph not kept has no outline: past the subset's last id, or an empty charstring.
  if (FT_Load_Glyph(face, *guo, FT_LOAD_NO_SCALE) == 0) {
    EXPECT_EQ(face->glyph->outline.n_points, 0);
  }
}

TEST(SubsetFace, UnloadedFontGivesNone) {
  const Font font(0, "Nothing", "/nonexistent.otf", 0, 400);
  const std::uint32_t glyph = 1;
  EXPECT_EQ(SubsetFace::make(font, std::span(&glyph, 1)), nullptr);
}

}  // namespace
}  // namespace zjgr::fonts
