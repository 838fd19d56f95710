// The seed property check with real shaping (Noto Serif CJK SC through text::shape): every
// paragraph at measures of 9–15 characters keeps every rule. Fails when the font is missing.
#include <gtest/gtest.h>

#include "compose/paragraph.h"
#include "fonts/font_library.h"
#include "property_check.h"
#include "text/shape.h"

namespace zjgr::compose {
namespace {

TEST(Property, SeedParagraphsKeepEveryRuleAtMeasuresOf9To15Characters_RealShaping) {
  fonts::FontLibraryOptions options;
  options.use_fontconfig = false;
  options.directories = {"/usr/share/fonts/opentype/noto"};
  fonts::FontLibrary library(options);
  Diagnostics fd;
  const auto font = library.resolve("Noto Serif CJK SC", 400, fd);
  ASSERT_TRUE(font.has_value()) << "font fixture missing: Noto Serif CJK SC in /usr/share/fonts/opentype/noto";
  const fonts::FontStack stack({*font});

  ParagraphStyle st;
  st.size = Length::pt(9);
  st.indent = Length::pt(18);
  const auto paragraphs = test::varied_seed_paragraphs();
  ASSERT_GT(paragraphs.size(), 50u);
  std::size_t checked = 0, reported = 0, d7_groups = 0;
  for (const std::string& p : paragraphs) {
    Diagnostics sd;
    text::ShapedText shaped = text::shape(p, stack, library, text::ShapeOptions{st.size, "zh-Hans"}, sd);
    const Paragraph par(std::move(shaped), st);
    for (const Item& it : par.items()) d7_groups += it.rule == Rule::QuestionExclamation ? 1 : 0;
    for (int n = 9; n <= 15; ++n) {
      Diagnostics d;
      const Length measure = st.size * std::int64_t{n};
      checked += test::check_lines(par, par.break_lines(LineWidths::uniform(measure), d), d, measure);
      reported += d.warning_count();
    }
  }
  EXPECT_GT(checked, 1000u);
  EXPECT_GT(d7_groups, 20u) << "the varied seed must exercise D7";
  // Emergencies are allowed but must stay rare.
  EXPECT_LT(reported * 50, checked) << reported << " reported lines of " << checked;
}

}  // namespace
}  // namespace zjgr::compose
