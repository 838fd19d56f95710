// Font-free shaping for compose tests: one glyph per code point (glyph id = code point), 1 em
// for Han and full-width punctuation, ½ em for digits, Latin and other narrow characters,
// ¼ em for a space. Clusters are byte offsets, as HarfBuzz gives them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"
#include "compose/paragraph.h"
#include "text/char_class.h"
#include "text/glyph_run.h"

namespace zjgr::test {

inline Length fake_advance(char32_t cp, Length em) {
  using text::CharClass;
  const CharClass c = text::classify(cp);
  if (cp == U' ') return em / 4;
  if (cp == U'·') return em / 2;
  if (text::is_ideographic(c) || cp >= 0x2E80 || cp == U'“' || cp == U'”' || cp == U'‘' || cp == U'’' ||
      cp == U'—' || cp == U'…') {
    return em;
  }
  return em / 2;
}

/// A ShapedText of `utf8` in one run of font 0 at `em`.
inline text::ShapedText fake_shape(std::string_view utf8, Length em) {
  text::ShapedText s;
  s.text = std::string(utf8);
  text::GlyphRun run;
  run.font = 0;
  run.size = em;
  run.text = TextRange{0, s.text.size()};
  std::size_t pos = 0;
  while (pos < s.text.size()) {
    const std::size_t at = pos;
    const auto cp = decode_utf8(s.text, pos);
    if (!cp) { ++pos; continue; }
    text::Glyph g;
    g.id = static_cast<std::uint32_t>(*cp);
    g.advance = fake_advance(*cp, em);
    g.cluster = static_cast<std::uint32_t>(at);
    run.glyphs.push_back(g);
  }
  s.runs.push_back(std::move(run));
  return s;
}

/// The default body style at 10 pt (so 1 em = 10 pt), no indent.
inline compose::ParagraphStyle style10() {
  compose::ParagraphStyle st;
  st.size = Length::pt(10);
  return st;
}

/// The texts of the lines of `utf8` set at `measure_em` em.
inline std::vector<std::string> set_lines(std::string_view utf8, double measure_em,
                                          const compose::ParagraphStyle& style = style10()) {
  const compose::Paragraph par(fake_shape(utf8, style.size), style);
  Diagnostics d;
  std::vector<std::string> out;
  for (const compose::Line& l : par.break_lines(compose::LineWidths::uniform(style.size * measure_em), d)) {
    out.push_back(par.line_text(l));
  }
  return out;
}

/// Lines joined with '|'.
inline std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (std::size_t i = 0; i < lines.size(); ++i) s += (i ? "|" : "") + lines[i];
  return s;
}

}  // namespace zjgr::test
