// The seed-text property check shared by the font-free and the real-shaping tests: every
// paragraph at measures of 9–15 characters keeps every rule.
#pragma once

#include <fstream>
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

/// Checks one broken paragraph; returns the number of lines checked.
inline std::size_t check_lines(const compose::Paragraph& par, const std::vector<compose::Line>& lines,
                               const Diagnostics& diagnostics, Length measure) {
  using text::CharClass;
  const std::string context = "measure " + std::to_string(measure.to_pt()) + "pt: ";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const compose::Line& l = lines[i];
    const std::string t = par.line_text(l);
    if (t.empty()) continue;
    // Was this line reported (overfull or underfull)?
    bool reported = false;
    for (const Diagnostic& d : diagnostics.items()) {
      reported = reported || (d.where.chars.begin == l.text.begin && d.where.chars.end == l.text.end);
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
      if (!boxes.empty()) {
        const Length end = boxes.back().second + par.items()[boxes.back().first].width;
        EXPECT_NEAR(end.to_pt(), measure.to_pt(), 0.001) << context << t;
      }
    }
    // B1/B2 at the basic level.
    std::size_t pos = 0;
    const char32_t first = decode_utf8(t, pos).value_or(0);
    const CharClass fc = text::classify(first);
    if (i > 0) {
      const bool bad_start = fc == CharClass::ClosingMark || fc == CharClass::Pause || fc == CharClass::Stop ||
                             fc == CharClass::Middle || fc == CharClass::Connector || fc == CharClass::NumericPostfix;
      EXPECT_FALSE(bad_start) << context << "line starts with a prohibited mark: " << t;
    }
    const std::u32string cps = to_u32(t);
    if (!l.last) {
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
