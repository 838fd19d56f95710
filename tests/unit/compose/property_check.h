// The seed-text property check shared by the font-free and the real-shaping tests: every
// paragraph at measures of 9–15 characters keeps every rule.
#pragma once

#include <array>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/utf8.h"
#include "compose/paragraph.h"
#include "support/paths.h"
#include "text/char_class.h"
#include "text/normalize.h"

namespace zjgr::test {

/// The seed's paragraphs (blank-line separated, trimmed, normalised), failing when it is missing.
inline std::vector<std::string> seed_paragraphs() {
  const char* const path = "/work/shared/seeds/000_3a5ebe2f82697547.txt";
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "seed text missing: " << path;
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty()) continue;
    int replaced = 0;
    out.push_back(text::normalize_punctuation(line, replaced));
  }
  return out;
}

/// The seed's paragraphs, followed by variants that exercise rules the seed never needs: every
/// third paragraph with its 。 turned into ？！ (D7), every fifth with its first ， turned into
/// 。”） (a three-mark run, B6).
inline std::vector<std::string> varied_seed_paragraphs() {
  const std::vector<std::string> seed = seed_paragraphs();
  std::vector<std::string> out = seed;
  const auto replace_all = [](std::string s, const std::string& from, const std::string& to, bool once) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
      s.replace(at, from.size(), to);
      if (once) break;
    }
    return s;
  };
  for (std::size_t i = 0; i < seed.size(); ++i) {
    std::string v = seed[i];
    if (i % 3 == 0) v = replace_all(v, "。", "？！", false);
    if (i % 5 == 0) v = replace_all(v, "，", "。”）", true);
    if (v != seed[i]) out.push_back(v);
  }
  return out;
}

/// G2/G3: in a justified line the glue levels are used in order: a level changes only when
/// every earlier level with glue is used up (stretch beyond capacity goes to the last level).
inline void check_levels(const compose::Paragraph& par, const compose::Line& l, const std::string& context) {
  using compose::Item;
  const std::vector<Length> xs = par.item_positions(l);
  const compose::ItemList& items = par.items();
  constexpr int kLevels = compose::kShrinkLevels + 1;
  std::array<double, kLevels> shrink_cap{}, shrink_used{}, stretch_cap{}, stretch_used{};
  for (std::size_t i = l.first_item; i < l.end_item; ++i) {
    const Item& it = items[i];
    if (!it.is_glue() || it.stretch_order > 0) continue;
    const double change = (xs[i - l.first_item + 1] - xs[i - l.first_item] - it.width).to_pt();
    if (it.rule == compose::Rule::UrlBreak) {  // a URL break's end fill and its cancelling partner: net
      stretch_cap[0] += it.stretch.to_pt();
      stretch_used[0] += change;
      continue;
    }
    const auto sl = static_cast<std::size_t>(it.shrink_level), tl = static_cast<std::size_t>(it.stretch_level);
    shrink_cap[sl] += it.shrink.to_pt();
    stretch_cap[tl] += it.stretch.to_pt();
    if (change < 0) shrink_used[sl] -= change;
    if (change > 0) stretch_used[tl] += change;
  }
  const auto check = [&](const std::array<double, kLevels>& cap, const std::array<double, kLevels>& used,
                         const char* what) {
    int last = -1;
    for (int k = 0; k < kLevels; ++k) last = cap[static_cast<std::size_t>(k)] > 0 ? k : last;
    for (int k = 0; k < kLevels; ++k) {
      const auto uk = static_cast<std::size_t>(k);
      if (used[uk] <= 0.001) continue;
      for (int j = 0; j < k; ++j) {
        const auto uj = static_cast<std::size_t>(j);
        EXPECT_GE(used[uj], cap[uj] - 0.001) << context << what << " level " << k << " used before level " << j
                                             << " was used up: " << par.line_text(l);
      }
      if (k != last) {
        EXPECT_LE(used[uk], cap[uk] + 0.001) << context << what << " level " << k << " over capacity";
      }
    }
  };
  check(shrink_cap, shrink_used, "G2 shrink");
  check(stretch_cap, stretch_used, "G3 stretch");
}

/// Checks one broken paragraph; returns the number of lines checked.
inline std::size_t check_lines(const compose::Paragraph& par, const std::vector<compose::Line>& lines,
                               const Diagnostics& diagnostics, Length measure) {
  using text::CharClass;
  const std::string context = "measure " + std::to_string(measure.to_pt()) + "pt: ";
  // Diagnostics keeps only the first of each kind (limits::kMaxDiagnosticsPerCode) and counts the
  // rest: that many bad lines may be reported without being listed.
  std::size_t counted_not_listed = 0;
  for (const auto& [kind, count] : diagnostics.omitted()) counted_not_listed += count;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const compose::Line& l = lines[i];
    const std::string t = par.line_text(l);
    if (t.empty()) continue;
    // Was this line reported (overfull or underfull)?
    bool reported = false;
    for (const Diagnostic& d : diagnostics.items()) {
      reported = reported || (d.where.chars.begin == l.text.begin && d.where.chars.end == l.text.end);
    }
    if (!reported && !l.last && (l.ratio < -1.0 || l.ratio > 2.0) && counted_not_listed > 0) {
      --counted_not_listed;
      reported = true;
    }
    // Ratios in [-1, 2] unless reported.
    if (!l.last && !reported) {
      EXPECT_GE(l.ratio, -1.0) << context << t;
      EXPECT_LE(l.ratio, 2.0) << context << t;
    }
    // Justified lines fill the measure exactly.
    if (!l.last && l.ratio >= -1.0 && l.ratio < 1e8) {
      const auto boxes = par.box_positions(l);
      EXPECT_FALSE(boxes.empty());
      // A line broken inside a URL is set flush left: its end-fill glue takes the slack.
      const bool url_end = par.items()[l.end_item].rule == compose::Rule::UrlBreak;
      if (!boxes.empty()) {
        const Length end = url_end ? par.item_positions(l).back() : boxes.back().second + par.items()[boxes.back().first].width;
        EXPECT_NEAR(end.to_pt(), measure.to_pt(), 0.001) << context << t;
      }
    }
    // B1/B2 at the basic level.
    std::size_t pos = 0;
    const char32_t first = decode_utf8(t, pos).value_or(0);
    const CharClass fc = text::classify(first);
    // ended_by names a known rule; remedies and emergencies are reported, rules are not.
    static const std::set<std::string> kReasons = {"paragraph-end", "optimal", "kinsoku-line-start", "kinsoku-line-end",
                                                   "orphan", "unbreakable", "three-punctuation", "hanging", "inside-word", "manual-break",
                                                   "overfull", "underfull"};
    EXPECT_TRUE(kReasons.count(std::string(compose::to_string(l.ended_by)))) << context << "unknown ended_by " << compose::to_string(l.ended_by);
    if (l.ended_by == compose::EndedBy::ThreePunctuation || l.ended_by == compose::EndedBy::Overfull || l.ended_by == compose::EndedBy::Underfull) {
      EXPECT_TRUE(reported) << context << compose::to_string(l.ended_by) << " not reported: " << t;
    }
    EXPECT_EQ(l.last, l.ended_by == compose::EndedBy::ParagraphEnd) << context << t;
    // G2/G3 level order on justified lines.
    if (!l.last && l.ratio >= -1.0 && l.ratio < 1e8) check_levels(par, l, context);
    // D7: the marks of a ？！ group are half an em each (a pair is one em, no blank after it).
    for (std::size_t k = l.first_item; k < l.end_item; ++k) {
      const compose::Item& it = par.items()[k];
      if (it.is_box() && it.rule == compose::Rule::QuestionExclamation) {
        EXPECT_EQ(it.width, par.style().size / 2) << context << "D7 mark not half width: " << t;
      }
    }
    // B6: a prohibited start only after a reported three-punctuation break.
    // A URL or address broken before its . or @ (Chicago, UAX #14) continues with that mark.
    const bool url_continued = i > 0 && par.items()[lines[i - 1].end_item].rule == compose::Rule::UrlBreak;
    const bool remedied = (i > 0 && lines[i - 1].ended_by == compose::EndedBy::ThreePunctuation) || url_continued;
    if (i > 0 && !remedied) {
      const bool bad_start = fc == CharClass::ClosingMark || fc == CharClass::Pause || fc == CharClass::Stop ||
                             fc == CharClass::Middle || fc == CharClass::Connector || fc == CharClass::NumericPostfix;
      EXPECT_FALSE(bad_start) << context << "line starts with a prohibited mark: " << t;
    }
    const std::u32string cps = to_u32(t);
    if (!l.last && l.ended_by != compose::EndedBy::ThreePunctuation) {
      EXPECT_NE(text::classify(cps.back()), CharClass::OpeningMark) << context << "line ends with an opening mark: " << t;
    }
    // H2: the last line of a paragraph with more than one line holds two characters or more.
    if (l.last && lines.size() > 1) {
      int counted = 0;
      for (const char32_t c : cps) counted += text::is_punctuation(text::classify(c)) ? 0 : 1;
      EXPECT_GE(counted, 2) << context << "孤字: " << t;
    }
  }
  // Every byte of the paragraph's characters is on exactly one line, in order.
  std::string all;
  for (const compose::Line& l : lines) all += par.line_text(l);
  std::string expect;
  for (const char32_t c : to_u32(par.shaped().text)) {
    if (text::classify(c) != text::CharClass::Space) append_utf8(expect, c);
  }
  std::string got;
  for (const char32_t c : to_u32(all)) {
    if (text::classify(c) != text::CharClass::Space) append_utf8(got, c);
  }
  EXPECT_EQ(got, expect);
  return lines.size();
}

}  // namespace zjgr::test
