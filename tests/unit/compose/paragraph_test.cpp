// Justification (G1, G4), the character grid (P1), frames, balanced headlines and the seed
// property check with font-free shaping.
#include "compose/paragraph.h"

#include <gtest/gtest.h>

#include "fake_shaping.h"
#include "property_check.h"

namespace zjgr::compose {
namespace {

TEST(Justify, P1_HanLinesLandOnTheCharacterGridAt12CharactersOf9pt) {
  ParagraphStyle st;
  st.size = Length::pt(9);
  const Paragraph par(test::fake_shape("浙江总工会明确新年工作任务书坚持实干为先充分激发职工建功立业热情持续推进", st.size), st);
  Diagnostics d;
  const auto lines = par.break_lines(LineWidths::uniform(Length::pt(108)), d);
  ASSERT_GE(lines.size(), 3u);
  for (const Line& l : lines) {
    if (l.last) continue;
    EXPECT_EQ(l.natural, Length::pt(108)) << par.line_text(l) << " ended by " << to_string(l.ended_by);
    EXPECT_EQ(l.ratio, 0.0);
    int k = 0;
    for (const auto& [item, x] : par.box_positions(l)) EXPECT_EQ(x, Length::pt(9) * std::int64_t{k++});
    EXPECT_EQ(k, 12);
  }
  EXPECT_EQ(d.warning_count(), 0u);
}

TEST(Justify, G1_EveryLineButTheLastFillsTheMeasure) {
  const ParagraphStyle st = test::style10();
  const Paragraph par(test::fake_shape("甲乙丙丁戊，己庚辛壬癸。子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒", st.size), st);
  Diagnostics d;
  const auto lines = par.break_lines(LineWidths::uniform(Length::pt(50)), d);
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(par.line_text(lines[0]), "甲乙丙丁");
  EXPECT_EQ(lines[1].ended_by == EndedBy::Optimal || to_string(lines[1].ended_by).starts_with("kinsoku"), true) << to_string(lines[1].ended_by);
  EXPECT_EQ(lines[0].ended_by, EndedBy::KinsokuLineStart);
  for (const Line& l : lines) {
    const auto boxes = par.box_positions(l);
    const Length end = boxes.back().second + par.items()[boxes.back().first].width;
    if (!l.last) {
      EXPECT_EQ(end, Length::pt(50)) << par.line_text(l);
    }
  }
  // G3: line 1 has 4 characters spread over 5 em with equal gaps of ⅓ em.
  const auto b0 = par.box_positions(lines[0]);
  EXPECT_NEAR((b0[1].second - b0[0].second).to_pt(), 10 + 10.0 / 3, 0.001);
  EXPECT_NEAR((b0[2].second - b0[1].second).to_pt(), 10 + 10.0 / 3, 0.001);
  EXPECT_EQ(lines.back().ended_by, EndedBy::ParagraphEnd);
  EXPECT_EQ(lines.back().ratio, 0.0);
}

TEST(Justify, G4_LastLineIsAtNaturalWidthAndCenterShifts) {
  ParagraphStyle st = test::style10();
  st.align = Align::Center;
  const Paragraph par(test::fake_shape("浙江文化", st.size), st);
  Diagnostics d;
  const auto lines = par.break_lines(LineWidths::uniform(Length::pt(100)), d);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].natural, Length::pt(40));
  EXPECT_EQ(par.box_positions(lines[0]).front().second, Length::pt(30));
  const frame::Frame f = par.line_frame(lines[0]);
  EXPECT_EQ(f.size.width, Length::pt(100));
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].first.x, Length::pt(30));
}

TEST(Justify, H1_FirstLineIsIndentedTwoEm) {
  ParagraphStyle st = test::style10();
  st.indent = Length::pt(20);
  const Paragraph par(test::fake_shape("甲乙丙丁戊己庚辛壬癸子丑", st.size), st);
  Diagnostics d;
  const auto lines = par.break_lines(LineWidths::uniform(Length::pt(60)), d);
  ASSERT_EQ(lines.size(), 3u);  // 4 + 6 + 2
  EXPECT_EQ(par.line_text(lines[0]), "甲乙丙丁");
  EXPECT_EQ(par.box_positions(lines[0]).front().second, Length::pt(20));
}

TEST(Justify, UnbreakableStringLongerThanTheMeasureIsReportedOverfull) {
  const ParagraphStyle st = test::style10();
  const Paragraph par(test::fake_shape("甲乙ABCDEFGHIJKLMNOPQRSTUVWXYZ丙丁", st.size), st);
  Diagnostics d;
  const auto lines = par.break_lines(LineWidths::uniform(Length::pt(50)), d);
  ASSERT_FALSE(lines.empty());
  ASSERT_GE(d.warning_count(), 1u);
  EXPECT_EQ(d.items()[0].code, "overfull-line");
  EXPECT_NE(d.items()[0].message.find("too wide"), std::string::npos);
  bool overfull = false;
  for (const Line& l : lines) overfull = overfull || l.ended_by == EndedBy::Overfull || l.natural > l.width;
  EXPECT_TRUE(overfull);
}

TEST(Justify, AnOverfullLineIsDrawnAtMostOneEmPastItsMeasure) {
  // 400 Latin letters with no break (issue 18: a 32 KB token is 30 m of line): the line is
  // overfull; what lies beyond 1 em past the measure is not drawn, and the warning says so.
  const ParagraphStyle st = test::style10();
  const Paragraph par(test::fake_shape("甲乙" + std::string(400, 'A') + "丙丁", st.size), st);
  Diagnostics d;
  const auto lines = par.break_lines(LineWidths::uniform(Length::pt(50)), d);
  ASSERT_FALSE(lines.empty());
  std::size_t drawn = 0;
  std::string overfull_message;
  for (const Line& l : lines) {
    const frame::Frame f = par.line_frame(l);
    for (const auto& [at, item] : f.items) {
      const auto& run = std::get<frame::GlyphRunItem>(item);
      for (const auto& g : run.glyphs) {
        EXPECT_LE((at.x + g.at.x).to_pt(), 50 + 10) << par.line_text(l);  // the glyph's origin
        ++drawn;
      }
    }
  }
  for (const Diagnostic& w : d.items()) {
    if (w.code == "overfull-line") overfull_message = w.message;
  }
  EXPECT_NE(overfull_message.find("characters not printed"), std::string::npos) << overfull_message;
  EXPECT_LT(drawn, 404u);
  EXPECT_GT(drawn, 4u);

  // A line overfull by less than 1 em sticks out whole, as TeX's do.
  const Paragraph short_one(test::fake_shape("ABCDEFGHIJK", st.size), st);  // 55 pt
  Diagnostics d2;
  const auto one = short_one.break_lines(LineWidths::uniform(Length::pt(50)), d2);
  ASSERT_EQ(one.size(), 1u);
  std::size_t glyphs = 0;
  for (const auto& [at, item] : short_one.line_frame(one[0]).items) glyphs += std::get<frame::GlyphRunItem>(item).glyphs.size();
  EXPECT_EQ(glyphs, 11u);
  ASSERT_EQ(d2.warning_count(), 1u);
  EXPECT_EQ(d2.items()[0].message.find("not printed"), std::string::npos) << d2.items()[0].message;
}

TEST(Justify, AnIndentWiderThanTheMeasureIsNamedInTheOverfullWarning) {
  ParagraphStyle st = test::style10();
  st.indent = Length::pt(60);
  const Paragraph par(test::fake_shape("甲乙丙丁戊己", st.size), st);
  Diagnostics d;
  par.break_lines(LineWidths::uniform(Length::pt(50)), d);
  ASSERT_GE(d.warning_count(), 1u);
  EXPECT_EQ(d.items()[0].code, "overfull-line");
  ASSERT_EQ(d.items()[0].hints.size(), 1u);
  EXPECT_NE(d.items()[0].hints[0].find("indent"), std::string::npos);
}

TEST(Frames, ClustersCoverTextAndGlyphsAndRunsAreSegmentsNotGlyphs) {
  ParagraphStyle st = test::style10();
  text::ShapedText s = test::fake_shape("浙江ABC工会", st.size);
  // Split into two runs (as a Latin fallback font would): 浙江 | ABC工会.
  text::GlyphRun second = s.runs[0];
  second.font = 1;
  second.glyphs.erase(second.glyphs.begin(), second.glyphs.begin() + 2);
  second.text.begin = 6;
  s.runs[0].glyphs.resize(2);
  s.runs[0].text.end = 6;
  s.runs.push_back(second);
  const Paragraph par(std::move(s), st);
  Diagnostics d;
  const auto lines = par.break_lines(LineWidths::uniform(Length::pt(200)), d);
  ASSERT_EQ(lines.size(), 1u);
  const frame::Frame f = par.line_frame(lines[0]);
  ASSERT_EQ(f.items.size(), 2u);
  std::string text;
  for (const auto& [at, item] : f.items) {
    const auto& run = std::get<frame::GlyphRunItem>(item);
    std::uint32_t bytes = 0, glyphs = 0;
    for (const frame::Cluster& c : run.clusters) {
      bytes += c.bytes;
      glyphs += c.glyphs;
    }
    EXPECT_EQ(bytes, run.text.size());
    EXPECT_EQ(glyphs, run.glyphs.size());
    text += run.text;
  }
  EXPECT_EQ(text, "浙江ABC工会");
  EXPECT_EQ(par.line_text(lines[0]), "浙江ABC工会");
}

TEST(Headline, BalancedLinesHaveNearEqualLengths) {
  ParagraphStyle st = test::style10();
  st.align = Align::Center;
  const Paragraph par(test::fake_shape("浙江文化走向世界", st.size), st);
  Diagnostics d;
  const auto greedy = par.break_lines(LineWidths::uniform(Length::pt(70)), d);
  ASSERT_EQ(greedy.size(), 2u);
  const auto lines = par.break_balanced(Length::pt(70), d);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(par.line_text(lines[0]), "浙江文化");
  EXPECT_EQ(par.line_text(lines[1]), "走向世界");
  EXPECT_EQ(lines[0].width, Length::pt(70));
}

TEST(Headline, ASpaceMarksThePreferredBreak) {
  ParagraphStyle st = test::style10();
  st.align = Align::Center;
  const Paragraph par(test::fake_shape("倾情关注劳动群体 全心服务工会组织", st.size), st);
  Diagnostics d;
  const auto lines = par.break_balanced(Length::pt(120), d);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(par.line_text(lines[0]), "倾情关注劳动群体");
  EXPECT_EQ(par.line_text(lines[1]), "全心服务工会组织");
}

TEST(Headline, NeverOneCharacterAlone) {
  ParagraphStyle st = test::style10();
  st.align = Align::Center;
  const Paragraph par(test::fake_shape("省总工会明确新年工作任务书", st.size), st);
  Diagnostics d;
  for (double w = 40; w <= 130; w += 10) {
    for (const Line& l : par.break_balanced(Length::pt(w), d)) {
      EXPECT_GE(to_u32(par.line_text(l)).size(), 2u) << w;
    }
  }
}

TEST(Property, SeedParagraphsKeepEveryRuleAtMeasuresOf9To15Characters_FakeShaping) {
  const auto paragraphs = test::varied_seed_paragraphs();
  ASSERT_GT(paragraphs.size(), 50u);
  ParagraphStyle st;
  st.size = Length::pt(9);
  st.indent = Length::pt(18);
  std::size_t checked = 0;
  for (const std::string& p : paragraphs) {
    const Paragraph par(test::fake_shape(p, st.size), st);
    for (int n = 9; n <= 15; ++n) {
      Diagnostics d;
      const Length measure = st.size * std::int64_t{n};
      checked += test::check_lines(par, par.break_lines(LineWidths::uniform(measure), d), d, measure);
    }
  }
  EXPECT_GT(checked, 1000u);
}

// The breaker stops measuring active nodes at the first one too loose when all lines share one
// width (later starts are looser still). LineWidths{w, w} means the same lines but turns that
// shortcut off, so both must choose exactly the same breaks, pass for pass.
TEST(Property, EarlyStopAtTheFirstLooseNodeChangesNoBreak_FakeShaping) {
  const auto paragraphs = test::varied_seed_paragraphs();
  ParagraphStyle st;
  st.size = Length::pt(9);
  st.indent = Length::pt(18);
  std::size_t compared = 0, fast_measured = 0, full_measured = 0;
  for (const std::string& p : paragraphs) {
    const Paragraph par(test::fake_shape(p, st.size), st);
    for (int n = 5; n <= 15; ++n) {
      const Length measure = st.size * std::int64_t{n};
      BreakStats fast_stats, full_stats;
      const auto fast = compose::break_lines(par.items(), LineWidths::uniform(measure), BreakParams{}, &fast_stats);
      const auto full = compose::break_lines(par.items(), LineWidths({measure, measure}), BreakParams{}, &full_stats);
      ASSERT_EQ(fast.size(), full.size()) << p << " at " << n;
      for (std::size_t i = 0; i < fast.size(); ++i) {
        EXPECT_EQ(fast[i].at, full[i].at) << p << " at " << n << ", break " << i;
        EXPECT_EQ(fast[i].demerits, full[i].demerits);
      }
      EXPECT_EQ(fast_stats.passes, full_stats.passes);
      fast_measured += fast_stats.measured;
      full_measured += full_stats.measured;
      ++compared;
    }
  }
  EXPECT_GT(compared, 500u);
  // About half the lines measured without the shortcut are skipped with it (417 k of 818 k).
  EXPECT_LT(fast_measured * 3, full_measured * 2) << "the shortcut should skip many measurements";
}

// The same with a forced break inside the paragraph (no fil before it, so the lines ending there
// may be loose): at a forced break every node is examined, so both runs agree, and no line
// runs across it.
TEST(Property, EarlyStopKeepsNoNodeAcrossAForcedBreak_FakeShaping) {
  const auto paragraphs = test::varied_seed_paragraphs();
  ParagraphStyle st;
  st.size = Length::pt(9);
  std::size_t compared = 0;
  for (const std::string& p : paragraphs) {
    const Paragraph par(test::fake_shape(p, st.size), st);
    for (std::size_t at : {std::size_t{17}, std::size_t{31}, std::size_t{46}}) {
      ItemList items = par.items();
      if (at + 4 >= items.size()) continue;
      items.insert(items.begin() + static_cast<std::ptrdiff_t>(at), Item::make_penalty(-kInfPenalty, Rule::ParagraphEnd));
      for (int n = 6; n <= 14; n += 2) {
        const Length measure = st.size * std::int64_t{n};
        const auto fast = compose::break_lines(items, LineWidths::uniform(measure), BreakParams{});
        const auto full = compose::break_lines(items, LineWidths({measure, measure}), BreakParams{});
        ASSERT_EQ(fast.size(), full.size()) << p << " forced at " << at << ", " << n;
        for (std::size_t i = 0; i < fast.size(); ++i) EXPECT_EQ(fast[i].at, full[i].at) << p << " at " << n;
        // No line holds boxes from both sides of the forced break: some break lies at it or
        // before it with nothing but glue and penalties in between.
        const bool ends_at_forced = std::any_of(fast.begin(), fast.end(), [&](const Break& b) {
          return b.at <= at && std::none_of(items.begin() + static_cast<std::ptrdiff_t>(b.at),
                                            items.begin() + static_cast<std::ptrdiff_t>(at),
                                            [](const Item& it) { return it.is_box(); });
        });
        EXPECT_TRUE(ends_at_forced) << p << " forced at " << at << ", " << n;
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 300u);
}

}  // namespace
}  // namespace zjgr::compose
