// The box/glue/penalty vocabulary (TeX, SILE): a paragraph as a flat list of Items, each
// knowing the rule that made it. The breaker reads only the metrics; frames read the glyphs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/length.h"
#include "text/char_class.h"

namespace zjgr::compose {

/// What an item is.
enum class ItemKind : std::uint8_t { Box, Glue, Penalty };

/// ±kInfPenalty: a forbidden / forced break (TeX inf_penalty).
constexpr int kInfPenalty = 10000;

/// Why an item exists; what --dump-layout reports as the rule that decided a break.
enum class Rule : std::uint8_t {
  None,
  Character,          ///< a box drawing one cluster
  Indent,             ///< H1 first-line indent
  InterCharacter,     ///< G3 inter-character glue between ideographs
  PunctuationSpace,   ///< D1/D2/D6 the blank half of a full-width mark
  HanLatinSpace,      ///< F1 ¼ em between Han and Latin/digits
  WordSpace,          ///< a space in Latin text (or a typed space between Han)
  LineStartProhibited,  ///< B1/B3/B5 a mark that may not start a line
  LineEndProhibited,    ///< B2/B3 a mark that may not end a line
  NumberUnit,         ///< B7 a number and its unit stay together
  Orphan,             ///< H2 孤字: the last line keeps two Han characters
  UrlBreak,           ///< a sensible break inside a URL or e-mail address
  BeforeUrl,          ///< a break before a URL or e-mail address (the line before is set flush)
  PhraseSpace,        ///< headlines: a break after an ideographic space, the editor's phrase boundary
  Hanging,            ///< E1 a hanging line-end mark
  ParagraphEnd,       ///< \parfillskip and the final forced break
  ThreePunctuation,   ///< B6 a costly break inside a run of three or more marks (last resort)
  Uax14NoBreak,       ///< no CLREQ class decides here and ICU's line BreakIterator (UAX #14) forbids a break
  QuestionExclamation,  ///< D7 ？！ ？？ (1 em) and ？？？ (2 em) set as one unit
  InsideWord,         ///< B9 a costly break inside a word (phrase breaking, headlines)
  InsideTitle,        ///< B9 a costly break inside 《…》 or “…” (phrase breaking, headlines)
  BeforeShortWord,    ///< B9 a break before a one-character word (生产|线, 书|屋): ICU's
                      ///< dictionary often cuts a suffix off a compound, so it is avoided
  ManualBreak,        ///< a line feed typed in the text: a forced break
};

/// CLREQ G2: the order in which glue shrinks when a line is too long (1 first). Each level is
/// used up, on all its glue of the line by the same proportion, before the next one is touched.
/// Level 1 (line-end punctuation to ½ em, D2) needs no glue: a line-end mark's blank is the
/// glue discarded at the break.
enum class ShrinkLevel : std::uint8_t {
  WordSpace = 2,       ///< (2) Western word spaces
  Interpunct = 3,      ///< (3) 间隔号 (our · is a fixed ½ em: no glue of this level is made)
  Bracket = 4,         ///< (4) the outer blank of brackets
  Pause = 5,           ///< (5) ，、；： blanks
  HanLatin = 6,        ///< (6) Han–Western gaps (down to ⅛ em)
  Stop = 7,            ///< (7) 。？！ blanks
  InterCharacter = 8,  ///< last: the small shrink between ideographs
};
constexpr int kShrinkLevels = 8;

/// CLREQ G3: the order in which glue stretches when a line is too short (1 first). Levels 1
/// and 2 stretch up to their capacity; what is left goes to the last level present (均排).
enum class StretchLevel : std::uint8_t {
  /// (0) the blank left after a URL or address broken at the line end: the line is set flush
  /// left to there rather than spaced out (its glue exists only when the line breaks there).
  UrlLineEnd = 0,
  WordSpace = 1,       ///< (1) Western word spaces, up to ½ em
  HanLatin = 2,        ///< (2) Han–Western gaps, up to ½ em
  InterCharacter = 3,  ///< (3) every other inter-character gap, equally
};
constexpr int kStretchLevels = 3;

/// The rule's name in kebab case ("kinsoku-line-start").
const char* to_string(Rule r);

/// One element of a paragraph's horizontal list.
struct Item {
  ItemKind kind = ItemKind::Box;
  Length width;                     ///< box/glue: natural width; penalty: width added if broken here
  Length stretch, shrink;           ///< glue only
  std::uint8_t stretch_order = 0;   ///< 0 finite, 1 fil (paragraph end), as TeX's glue orders
  ShrinkLevel shrink_level = ShrinkLevel::InterCharacter;     ///< glue only: G2 order of its shrink
  StretchLevel stretch_level = StretchLevel::InterCharacter;  ///< glue only: G3 order of its stretch
  int penalty = 0;                  ///< penalty only; ≥ kInfPenalty forbids, ≤ -kInfPenalty forces
  bool flagged = false;             ///< penalty only: a hyphen-like break
  Rule rule = Rule::None;           ///< why this item exists
  // Box content (empty glyph range for indent boxes).
  std::uint32_t run = 0;            ///< box: index into ShapedText::runs
  std::uint32_t glyph_begin = 0;    ///< box: first glyph of the run it draws
  std::uint32_t glyph_end = 0;      ///< box: one past its last glyph
  TextRange text;                   ///< box: bytes of the paragraph text it draws
  Length draw_offset;               ///< box: x of the glyphs from the box's left edge
  text::CharClass cls = text::CharClass::Other;  ///< box: class of its first character

  /// A box of `w` without content.
  static Item box(Length w) { Item i; i.kind = ItemKind::Box; i.width = w; return i; }
  /// Glue of natural width `w` that may grow by `y` and shrink by `z`.
  static Item glue(Length w, Length y, Length z, Rule r = Rule::None) {
    Item i; i.kind = ItemKind::Glue; i.width = w; i.stretch = y; i.shrink = z; i.rule = r; return i;
  }
  /// A penalty `p`; `w` is added to the line if it breaks here.
  static Item make_penalty(int p, Rule r = Rule::None, Length w = {}, bool flag = false) {
    Item i; i.kind = ItemKind::Penalty; i.penalty = p; i.rule = r; i.width = w; i.flagged = flag; return i;
  }
  bool is_box() const { return kind == ItemKind::Box; }
  bool is_glue() const { return kind == ItemKind::Glue; }
  bool is_penalty() const { return kind == ItemKind::Penalty; }
  bool has_glyphs() const { return glyph_end > glyph_begin; }
};

using ItemList = std::vector<Item>;

/// SILE-style notation of one item: H<10pt>, G<0pt+1pt-0pt>, G<0pt+fil>, P(inf), P(50,f).
std::string to_string(const Item& item);
/// The items joined by spaces.
std::string to_string(const ItemList& items);

}  // namespace zjgr::compose
