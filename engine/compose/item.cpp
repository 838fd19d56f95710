// Printing items in SILE's notation (H<10pt> G<0pt+1pt-0pt> P(inf)) and naming rules.
#include "compose/item.h"
#include "base/units.h"

#include <cmath>
#include <cstdio>

namespace zjgr::compose {

const char* to_string(Rule r) {
  switch (r) {
    case Rule::None: return "none";
    case Rule::Character: return "character";
    case Rule::Indent: return "indent";
    case Rule::InterCharacter: return "inter-character";
    case Rule::PunctuationSpace: return "punctuation-space";
    case Rule::HanLatinSpace: return "han-latin-space";
    case Rule::WordSpace: return "word-space";
    case Rule::LineStartProhibited: return "kinsoku-line-start";
    case Rule::LineEndProhibited: return "kinsoku-line-end";
    case Rule::NumberUnit: return "number-unit";
    case Rule::Orphan: return "orphan";
    case Rule::UrlBreak: return "url-break";
    case Rule::BeforeUrl: return "before-url";
    case Rule::PhraseSpace: return "phrase-space";
    case Rule::Hanging: return "hanging";
    case Rule::ParagraphEnd: return "paragraph-end";
    case Rule::ThreePunctuation: return "three-punctuation";
    case Rule::Uax14NoBreak: return "uax14-no-break";
    case Rule::QuestionExclamation: return "question-exclamation";
    case Rule::InsideWord: return "inside-word";
    case Rule::InsideTitle: return "inside-title";
    case Rule::BeforeShortWord: return "before-short-word";
    case Rule::ManualBreak: return "manual-break";
  }
  return "none";
}

std::string to_string(const Item& item) {
  switch (item.kind) {
    case ItemKind::Box:
      return "H<" + format_pt(item.width) + ">";
    case ItemKind::Glue:
      if (item.stretch_order > 0) return "G<" + format_pt(item.width) + "+fil>";
      return "G<" + format_pt(item.width) + "+" + format_pt(item.stretch) + "-" + format_pt(item.shrink) + ">";
    case ItemKind::Penalty: {
      std::string p = item.penalty >= kInfPenalty     ? "inf"
                      : item.penalty <= -kInfPenalty  ? "-inf"
                                                      : std::to_string(item.penalty);
      if (item.flagged) p += ",f";
      std::string out = "P(" + p + ")";
      if (item.width != Length()) out += "<" + format_pt(item.width) + ">";
      return out;
    }
  }
  return "?";
}

std::string to_string(const ItemList& items) {
  std::string out;
  for (const Item& it : items) {
    if (!out.empty()) out += ' ';
    out += to_string(it);
  }
  return out;
}

}  // namespace zjgr::compose
