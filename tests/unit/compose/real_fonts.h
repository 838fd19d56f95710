// Real shaping for compose tests: the layout's three faces (layouts/broadsheet.json: 宋 Noto
// Serif CJK SC for body text, 黑 Noto Sans CJK SC Bold for headlines, 楷 LXGW WenKai for
// bylines and captions) loaded once from the Debian font folders, text shaped with
// text::shape as the layout shapes it (zh-Hans, with the punctuation normalisation the layout
// applies), and lines broken with the composer. Tests using it fail when a font is missing.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compose/paragraph.h"
#include "fonts/font_library.h"
#include "text/normalize.h"
#include "text/shape.h"

namespace zjgr::test {

enum class Face { Song, Hei, Kai };

/// The library and the three stacks, loaded on first use (nullptr stack: the font is missing).
class RealFonts {
 public:
  static RealFonts& get() {
    static RealFonts fonts;
    return fonts;
  }
  const fonts::FontStack* stack(Face face) const {
    const auto& s = stacks_[static_cast<int>(face)];
    return s ? &*s : nullptr;
  }
  const fonts::FontLibrary& library() const { return *library_; }

 private:
  RealFonts() {
    fonts::FontLibraryOptions options;
    options.use_fontconfig = false;
    options.directories = {"/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/lxgw-wenkai"};
    library_ = std::make_unique<fonts::FontLibrary>(options);
    const struct { const char* family; int weight; } faces[] = {
        {"Noto Serif CJK SC", 400}, {"Noto Sans CJK SC", 700}, {"LXGW WenKai", 400}};
    for (int i = 0; i < 3; ++i) {
      Diagnostics d;
      if (const auto id = library_->resolve(faces[i].family, faces[i].weight, d)) stacks_[i] = fonts::FontStack({*id});
    }
  }
  std::unique_ptr<fonts::FontLibrary> library_;
  std::optional<fonts::FontStack> stacks_[3];
};

/// `utf8` shaped with `face` at style.size, normalised first as the layout does.
inline text::ShapedText real_shape(std::string_view utf8, const compose::ParagraphStyle& style, Face face = Face::Song) {
  const fonts::FontStack* stack = RealFonts::get().stack(face);
  if (stack == nullptr) {
    ADD_FAILURE() << "font fixture missing for face " << static_cast<int>(face)
                  << " (fonts-noto-cjk, fonts-lxgw-wenkai; scripts/install-deps.sh)";
    return {};
  }
  int replaced = 0;
  const std::string normalized = text::normalize_punctuation(utf8, replaced);
  Diagnostics d;
  return text::shape(normalized, *stack, RealFonts::get().library(), text::ShapeOptions{style.size, "zh-Hans"}, d);
}

/// The body style at 9 pt (小五), no indent, as the conformance cases assume.
inline compose::ParagraphStyle real_style() {
  compose::ParagraphStyle st;
  st.size = Length::pt(9);
  return st;
}

/// The texts of the lines of `utf8`, shaped with `face`, set at `measure_em` em.
inline std::vector<std::string> real_lines(std::string_view utf8, double measure_em,
                                           const compose::ParagraphStyle& style = real_style(),
                                           Face face = Face::Song) {
  const compose::Paragraph par(real_shape(utf8, style, face), style);
  Diagnostics d;
  std::vector<std::string> out;
  for (const compose::Line& l : par.break_lines(compose::LineWidths::uniform(style.size * measure_em), d)) {
    out.push_back(par.line_text(l));
  }
  return out;
}

}  // namespace zjgr::test
