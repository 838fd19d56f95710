// FontLibrary, Font and FontStack against the system fonts the paper uses (Debian packages
// fonts-noto-cjk and fonts-lxgw-wenkai). A missing font fails these tests; it never skips them.
#include "fonts/font_library.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

namespace zjgr::fonts {
namespace {

const std::filesystem::path kNotoDir = "/usr/share/fonts/opentype/noto";

std::string codes(const Diagnostics& d) {
  std::string out;
  for (const auto& item : d.items()) out += item.code + ";";
  return out;
}

TEST(FontLibrary, ResolvesNotoSerifCjkScRegularToTheScFaceOfTheCollection) {
  FontLibrary library;
  Diagnostics diagnostics;
  const auto id = library.resolve("Noto Serif CJK SC", 400, diagnostics);
  ASSERT_TRUE(id.has_value()) << "fonts-noto-cjk not installed? " << codes(diagnostics);
  EXPECT_FALSE(diagnostics.has_errors());
  const Font& font = library.font(*id);
  EXPECT_EQ(font.file().filename(), "NotoSerifCJK-Regular.ttc");
  EXPECT_EQ(font.face_index(), 2u);  // JP=0 KR=1 SC=2 TC=3 HK=4 (DESIGN.md §6)
  EXPECT_EQ(font.weight(), 400);
  EXPECT_TRUE(font.loaded());
  EXPECT_EQ(font.units_per_em(), 1000);
  EXPECT_TRUE(font.has_glyph(U'中'));
  // FreeType got the same face as HarfBuzz.
  ASSERT_NE(font.ft_face(), nullptr);
  EXPECT_EQ(font.ft_face()->face_index, 2);
  EXPECT_STREQ(font.ft_face()->family_name, "Noto Serif CJK SC");
}

// has_glyph remembers its answers per BMP code point (font fallback asks for every character):
// asked twice, from two threads, it answers as the cmap does, above the BMP too.
TEST(FontLibrary, HasGlyphAnswersAsTheCmapFromAnyThreadAndAgain) {
  FontLibrary library;
  Diagnostics diagnostics;
  const auto id = library.resolve("LXGW WenKai", 400, diagnostics);
  ASSERT_TRUE(id.has_value()) << "fonts-lxgw-wenkai not installed?";
  const Font& font = library.font(*id);
  std::vector<char32_t> probes;
  for (char32_t cp = 0x20; cp < 0xFFFF; cp += 7) probes.push_back(cp);
  for (const char32_t cp : {U'\U00020000', U'\U0001F600'}) probes.push_back(cp);
  const auto check = [&] {
    int differ = 0;
    for (const char32_t cp : probes) differ += font.has_glyph(cp) != font.nominal_glyph(cp).has_value();
    return differ;
  };
  int on_other_thread = -1;
  std::thread other([&] { on_other_thread = check(); });
  const int here = check();
  other.join();
  EXPECT_EQ(here, 0);
  EXPECT_EQ(on_other_thread, 0);
  EXPECT_EQ(check(), 0);  // the remembered answers
  EXPECT_TRUE(font.has_glyph(U'中'));
  EXPECT_FALSE(font.has_glyph(U'\u3400'));
}

TEST(FontLibrary, ResolvesNotoSansCjkScBold) {
  FontLibrary library;
  Diagnostics diagnostics;
  const auto id = library.resolve("Noto Sans CJK SC", 700, diagnostics);
  ASSERT_TRUE(id.has_value()) << codes(diagnostics);
  const Font& font = library.font(*id);
  EXPECT_EQ(font.file().filename(), "NotoSansCJK-Bold.ttc");
  EXPECT_EQ(font.face_index(), 2u);
  EXPECT_EQ(font.weight(), 700);
  ASSERT_NE(font.ft_face(), nullptr);
  EXPECT_EQ(font.ft_face()->face_index, 2);
}

TEST(FontLibrary, ResolvesLxgwWenKaiByItsEnglishAndChineseNames) {
  FontLibrary library;
  Diagnostics diagnostics;
  const auto id = library.resolve("LXGW WenKai", 400, diagnostics);
  ASSERT_TRUE(id.has_value()) << "fonts-lxgw-wenkai not installed? " << codes(diagnostics);
  EXPECT_EQ(library.font(*id).file().filename(), "LXGWWenKai-Regular.ttf");
  EXPECT_EQ(library.font(*id).face_index(), 0u);
  // Another name of the same face loads nothing new.
  const auto chinese = library.resolve("霞鹜文楷", 400, diagnostics);
  ASSERT_TRUE(chinese.has_value()) << codes(diagnostics);
  EXPECT_EQ(*chinese, *id);
  EXPECT_EQ(library.size(), 1u);
}

TEST(FontLibrary, MissingFamilyIsAnErrorNotASubstitute) {
  FontLibrary library;
  Diagnostics diagnostics;
  SourceRef where;
  where.file = "layouts/broadsheet.json";
  where.json_pointer = "/fonts/song/0";
  EXPECT_FALSE(library.resolve("Zjgr Nonexistent Song", 400, diagnostics, where).has_value());
  ASSERT_EQ(diagnostics.items().size(), 1u);
  const Diagnostic& d = diagnostics.items()[0];
  EXPECT_EQ(d.severity, Severity::Error);
  EXPECT_EQ(d.code, "missing-font");
  EXPECT_NE(d.message.find("Zjgr Nonexistent Song"), std::string::npos);
  EXPECT_EQ(d.where.json_pointer, "/fonts/song/0");
  EXPECT_EQ(library.size(), 0u);
  // Asked again from elsewhere: reported again (each place is an input problem), still nothing loaded.
  EXPECT_FALSE(library.resolve("Zjgr Nonexistent Song", 400, diagnostics).has_value());
  EXPECT_EQ(diagnostics.error_count(), 2u);
  EXPECT_EQ(library.size(), 0u);
}

TEST(FontLibrary, EachFaceIsLoadedOnce) {
  FontLibrary library;
  Diagnostics diagnostics;
  const auto first = library.resolve("Noto Serif CJK SC", 400, diagnostics);
  ASSERT_TRUE(first.has_value()) << codes(diagnostics);
  EXPECT_EQ(library.size(), 1u);
  EXPECT_EQ(library.resolve("Noto Serif CJK SC", 400, diagnostics), first);
  // Blanks and ASCII case do not make another family (as fontconfig compares names).
  EXPECT_EQ(library.resolve("noto serif cjk sc", 400, diagnostics), first);
  // 380 rounds to the same Regular face: same FontId, nothing new loaded.
  EXPECT_EQ(library.resolve("Noto Serif CJK SC", 380, diagnostics), first);
  EXPECT_EQ(library.size(), 1u);
  const auto bold = library.resolve("Noto Serif CJK SC", 700, diagnostics);
  ASSERT_TRUE(bold.has_value());
  EXPECT_NE(*bold, *first);
  EXPECT_EQ(library.size(), 2u);
  EXPECT_FALSE(diagnostics.has_errors());
}

TEST(FontLibrary, WithoutFontconfigOnlyTheDirectoriesAreSearched) {
  FontLibraryOptions options;
  options.use_fontconfig = false;
  options.directories = {kNotoDir};
  FontLibrary library(options);
  Diagnostics diagnostics;
  const auto regular = library.resolve("Noto Serif CJK SC", 400, diagnostics);
  ASSERT_TRUE(regular.has_value()) << codes(diagnostics);
  EXPECT_EQ(library.font(*regular).file(), kNotoDir / "NotoSerifCJK-Regular.ttc");
  EXPECT_EQ(library.font(*regular).face_index(), 2u);
  const auto bold = library.resolve("Noto Sans CJK SC", 700, diagnostics);
  ASSERT_TRUE(bold.has_value()) << codes(diagnostics);
  EXPECT_EQ(library.font(*bold).file(), kNotoDir / "NotoSansCJK-Bold.ttc");
  EXPECT_EQ(library.font(*bold).face_index(), 2u);
  EXPECT_FALSE(diagnostics.has_errors());
  // WenKai is installed, but not in these directories.
  EXPECT_FALSE(library.resolve("LXGW WenKai", 400, diagnostics).has_value());
  EXPECT_EQ(codes(diagnostics), "missing-font;");
}

TEST(ScanFontDirectory, ListsEveryFaceOfACollectionWithItsFamily) {
  const auto faces = scan_font_directory(kNotoDir);
  auto find = [&](const std::string& file, unsigned index) -> const FontLibrary::FaceInfo* {
    for (const auto& f : faces) {
      if (f.file.filename() == file && f.index == index) return &f;
    }
    return nullptr;
  };
  // fc-query -f '%{index}: %{family[0]}\n' NotoSerifCJK-Regular.ttc
  const char* expected[] = {"Noto Serif CJK JP", "Noto Serif CJK KR", "Noto Serif CJK SC", "Noto Serif CJK TC",
                            "Noto Serif CJK HK"};
  for (unsigned i = 0; i < 5; ++i) {
    const auto* face = find("NotoSerifCJK-Regular.ttc", i);
    ASSERT_NE(face, nullptr) << "face " << i;
    EXPECT_NE(std::find(face->families.begin(), face->families.end(), expected[i]), face->families.end())
        << "face " << i;
    EXPECT_EQ(face->weight, 400);
  }
}

TEST(Font, HanAdvanceIsOneEmAndMetricsAreInside) {
  FontLibrary library;
  Diagnostics diagnostics;
  const auto id = library.resolve("Noto Serif CJK SC", 400, diagnostics);
  ASSERT_TRUE(id.has_value()) << codes(diagnostics);
  const Font& font = library.font(*id);
  const Length size = Length::pt(9);  // 小五
  EXPECT_EQ(font.advance(U'中', size), size);
  EXPECT_EQ(font.advance(U'\uE000', size), Length::zero());  // no glyph
  EXPECT_LT(font.advance(U'l', size), size / 2);               // Latin is proportional
  const VerticalMetrics m = font.metrics(size);
  EXPECT_GT(m.ascender, size / 2);
  EXPECT_GT(m.descender, Length::zero());
  EXPECT_LT(m.descender, m.ascender);
  EXPECT_LE(m.ascender + m.descender, size * 1.5);
  EXPECT_EQ(font.to_length(500, Length::pt(10)), Length::pt(5));
  EXPECT_EQ(font.to_length(-1, Length::sp(1000)), -Length::sp(1));
}

TEST(FontStack, FallsBackToTheFirstFontThatHasTheGlyph) {
  FontLibrary library;
  Diagnostics diagnostics;
  const auto kai = library.resolve("LXGW WenKai", 400, diagnostics);
  const auto song = library.resolve("Noto Serif CJK SC", 400, diagnostics);
  ASSERT_TRUE(kai && song) << codes(diagnostics);
  const FontStack stack({*kai, *song});
  // U+3400 㐀 (CJK Extension A): WenKai lacks it, Noto Serif CJK SC has it.
  ASSERT_FALSE(library.font(*kai).has_glyph(U'\u3400'));
  ASSERT_TRUE(library.font(*song).has_glyph(U'\u3400'));
  EXPECT_EQ(stack.font_for(U'\u3400', library), song);
  EXPECT_EQ(stack.font_for(U'中', library), kai);
  EXPECT_EQ(stack.font_for(U'\uE000', library), std::nullopt);  // private use: nobody
  EXPECT_EQ(FontStack().font_for(U'中', library), std::nullopt);
}

}  // namespace
}  // namespace zjgr::fonts
