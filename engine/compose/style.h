// Paragraph settings the composer obeys: alignment, 禁则 level, punctuation style, 孤字, hanging.
// Plain data; layout/ fills it from model::Style.
#pragma once

#include "base/length.h"
#include "frame/frame.h"

namespace zjgr::compose {

/// How lines sit in the measure (G1, G4).
enum class Align { Justify, Left, Center, Right };

/// 禁则 strictness (CLREQ B3): none, basic (default), GB (+ solidus not at line end),
/// strict (+ —— and …… not at line start).
enum class Kinsoku { None, Basic, GB, Strict };

/// Punctuation width style (CLREQ D4): 全角式 (full width, compressible, half at line end),
/// 开明式 (。？！ full, others half), 半角式 (all half), 行末半角式 (full, half only at line end).
enum class PunctuationStyle { FullWidth, Kaiming, HalfWidth, LineEndHalf };

/// Everything about a paragraph's style that composing needs.
struct ParagraphStyle {
  Length size = Length::pt(9);   ///< font size = 1 em (小五 = 9 pt)
  Length indent;                 ///< first-line indent (H1: 2 em for body text)
  Length tracking;               ///< extra space after every character (headlines), may be negative
  Align align = Align::Justify;  ///< G1/G4
  Kinsoku kinsoku = Kinsoku::Basic;                          ///< B3
  PunctuationStyle punctuation = PunctuationStyle::FullWidth;  ///< D4
  bool avoid_orphan = true;      ///< H2: no last line of a single Han character (孤字)
  bool hanging = false;          ///< E1: a line-end 、，。 may hang past the measure
  /// B9 phrase breaking (headlines): a break inside a word (ICU's dictionary segmentation) or
  /// inside 《…》 “…” is a costly last resort, taken only when nothing else fits, and reported.
  bool phrase_breaks = false;
  frame::Color color;            ///< text colour

  bool operator==(const ParagraphStyle&) const = default;
};

}  // namespace zjgr::compose
