// Building items from shaped text by the CLREQ rules.
//
// Steps: (1) group glyphs into clusters (one box each); (2) group clusters into units that never
// break inside (a Han character, a mark, a Latin word or number, a —— or ……); (3) between each
// pair of units emit the junction: the marks' blank halves (compressed when adjacent, D1),
// Han–Latin space (F1) or word space, and whether and how a line may break there (B1–B3, B7,
// H2, E1); (4) close the paragraph with \parfillskip.
#include "compose/build_items.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

#include "base/utf8.h"
#include "text/line_breaks.h"

namespace zjgr::compose {
namespace {

using text::CharClass;

struct Cluster {
  std::uint32_t run = 0, g0 = 0, g1 = 0;
  TextRange text;
  Length advance;
  char32_t cp = 0;
  CharClass cls = CharClass::Other;
  bool combined = false;  // 纵中横 digits: one upright cell in a vertical line
};

enum class UnitKind { Ideographic, Word, Mark, LongMark, Space, LineFeed, Other };

struct Unit {
  std::size_t c0 = 0, c1 = 0;   // clusters [c0, c1)
  UnitKind kind = UnitKind::Other;
  CharClass first = CharClass::Other, last = CharClass::Other;
  bool url = false;             // a URL or e-mail address: may break after / . @
  bool number_tail = false;     // ends in a number (or its multiplier): B7 keeps the unit after it
  Length lead, trail;           // natural blank before/after the ink (D1–D6)
  bool compressible = false;    // the blanks may shrink (全角式, push-in first B4)
  bool blank_capable = false;   // a full-width bracket or 点号 (for D1 adjacency)
  Length ink;                   // box width of a single-mark unit (for hanging)
  std::size_t marks = 0;        // punctuation marks in a Mark unit (2 or 3 for D7 ？！ groups)
  bool two_em = false;          // a LongMark of at least 2 em (——, ……, ⸺): may start a line (B3)
};

bool is_question_or_exclamation(char32_t cp) { return cp == U'？' || cp == U'！'; }

std::vector<Cluster> collect_clusters(const text::ShapedText& shaped) {
  std::vector<Cluster> out;
  std::size_t glyphs = 0;
  for (const text::GlyphRun& run : shaped.runs) glyphs += run.glyphs.size();
  out.reserve(glyphs);
  for (std::uint32_t r = 0; r < shaped.runs.size(); ++r) {
    const text::GlyphRun& run = shaped.runs[r];
    const auto& g = run.glyphs;
    std::uint32_t i = 0;
    while (i < g.size()) {
      std::uint32_t j = i;
      Length adv;
      while (j < g.size() && g[j].cluster == g[i].cluster) {
        adv += g[j].advance;
        ++j;
      }
      Cluster c;
      c.run = r;
      c.g0 = i;
      c.g1 = j;
      c.text.begin = g[i].cluster;
      std::size_t end = run.text.end;
      if (j < g.size() && g[j].cluster > g[i].cluster) end = g[j].cluster;
      c.text.end = std::max<std::size_t>(end, c.text.begin);
      c.text.end = std::min<std::size_t>(c.text.end, shaped.text.size());
      c.advance = adv;
      std::size_t pos = std::min<std::size_t>(c.text.begin, shaped.text.size());
      c.cp = decode_utf8(shaped.text, pos).value_or(U'\uFFFD');
      c.cls = text::classify(c.cp);
      if (c.cp == U'\u3000') c.cls = CharClass::Han;  // the ideographic space is a grid cell
      c.combined = run.orientation == text::Orientation::Combined;
      out.push_back(c);
      i = j;
    }
  }
  return out;
}

std::size_t code_points(std::string_view utf8) {
  return static_cast<std::size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char b) { return (static_cast<unsigned char>(b) & 0xC0) != 0x80; }));
}

/// A line feed typed in the text (LF, CR, NEL, LS, PS: UAX #14's mandatory breaks).
bool is_line_feed(char32_t cp) {
  return cp == U'\n' || cp == U'\r' || cp == U'\u0085' || cp == U'\u2028' || cp == U'\u2029';
}

/// B9: the marks that open and close a title or a quotation, inside which a headline does not
/// break (《…》 〈…〉 “…” ‘…’ 「…」 『…』).
int title_depth_change(const Unit& u, const std::vector<Cluster>& cl) {
  if (u.kind != UnitKind::Mark) return 0;
  static constexpr std::u32string_view kOpen = U"《〈“‘「『", kClose = U"》〉”’」』";
  const char32_t cp = cl[u.c0].cp;
  if (kOpen.find(cp) != std::u32string_view::npos) return 1;
  if (kClose.find(cp) != std::u32string_view::npos) return -1;
  return 0;
}

/// Inside a URL or e-mail address, whether a line may break after cluster k of [c0, c1): after
/// a / (not inside // and not before another /), before a . or an @ (UAX #14 keeps . with what
/// follows; the Chicago Manual breaks before . and @), never after "www" nor before a last
/// character.
bool url_break_after(const std::vector<Cluster>& cl, std::size_t c0, std::size_t k, std::size_t c1) {
  if (k + 2 >= c1) return false;  // a single character would be left on the next line
  const char32_t cp = cl[k].cp, next = cl[k + 1].cp;
  if (cp == U'/') return next != U'/' && !(k > c0 && cl[k - 1].cp == U':');
  if (next != U'.' && next != U'@') return false;
  if (k >= c0 + 2 && k - c0 == 2 && (cl[c0].cp | 0x20) == U'w' && (cl[c0 + 1].cp | 0x20) == U'w' &&
      (cp | 0x20) == U'w') {
    return false;  // "www" | ".zjgrbb.com" would leave www alone
  }
  return cp != U'.' && cp != U'@' && cp != U'/';
}

bool is_word_char(CharClass c) { return c == CharClass::LatinLetter || c == CharClass::Digit; }

/// Characters that join parts of a word, number, URL or address ("141.57", "a@b.com", "CN33-0018").
/// TeX's ragged break: P(inf) G(0+fill) P(penalty) G(0-fill). Broken here, the line keeps the
/// G(0+fill) and is set flush left up to it instead of spacing out the rest of the line; not
/// broken, the two glues cancel. Neither glue is a breakpoint.
void push_ragged_break(ItemList& items, Length fill, int penalty, Rule rule) {
  Item end_fill = Item::glue(Length(), fill, Length(), rule);
  end_fill.stretch_level = StretchLevel::UrlLineEnd;
  Item cancel = Item::glue(Length(), -fill, Length(), rule);
  cancel.stretch_level = StretchLevel::UrlLineEnd;
  items.push_back(Item::make_penalty(kInfPenalty, rule));
  items.push_back(end_fill);
  items.push_back(Item::make_penalty(penalty, rule));
  items.push_back(cancel);
}

bool is_joiner(char32_t cp) {
  switch (cp) {
    case U'.': case U',': case U':': case U'/': case U'@': case U'-': case U'_': case U'\'':
    case U'&': case U'+': case U'=': case U'#': case U'?': case U'~': case U'%': case U'’':
    case U'–':
      return true;
    default:
      return false;
  }
}

/// B7: Han characters that act as units or multipliers after a number ("141.57亿元", "50万人次").
bool is_number_multiplier(char32_t cp) {
  return cp == U'亿' || cp == U'万' || cp == U'千' || cp == U'百';
}
bool is_number_unit(char32_t cp) {
  static constexpr std::u32string_view kUnits = U"元角年月日时分秒号岁个名人位次件家所项台辆吨米克度倍届期天周余多";
  return is_number_multiplier(cp) || kUnits.find(cp) != std::u32string_view::npos;
}

bool full_width_mark(CharClass c) {
  return c == CharClass::OpeningMark || c == CharClass::ClosingMark || c == CharClass::Pause ||
         c == CharClass::Stop;
}

std::vector<Unit> collect_units(const std::vector<Cluster>& cl, const std::string& text) {
  std::vector<Unit> units;
  units.reserve(cl.size());
  const std::size_t n = cl.size();
  std::size_t k = 0;
  while (k < n) {
    Unit u;
    u.c0 = k;
    const CharClass c = cl[k].cls;
    const bool prefix_number = c == CharClass::NumericPrefix && k + 1 < n && cl[k + 1].cls == CharClass::Digit;
    if (cl[k].combined) {
      // 纵中横: the digits stand in one cell like an ideograph (no F1 space around them) and
      // keep their unit with them (B7).
      u.kind = UnitKind::Ideographic;
      u.number_tail = true;
      ++k;
    } else if (is_line_feed(cl[k].cp)) {
      u.kind = UnitKind::LineFeed;  // one forced break, however many line feeds
      while (k < n && is_line_feed(cl[k].cp)) ++k;
    } else if (c == CharClass::Space) {
      u.kind = UnitKind::Space;
      while (k < n && cl[k].cls == CharClass::Space) ++k;
    } else if (c == CharClass::Dash || c == CharClass::Ellipsis) {
      // U1/U2: —— and …… are one unit (and so are longer runs such as ……………).
      u.kind = UnitKind::LongMark;
      while (k < n && cl[k].cls == c) ++k;
      // Count code points, not clusters: fonts ligate —— into one glyph (Noto CJK does), and
      // ⸺ ⸻ are two-em dashes in one code point.
      const std::string_view run(text.data() + cl[u.c0].text.begin, cl[k - 1].text.end - cl[u.c0].text.begin);
      u.two_em = code_points(run) >= 2 || cl[u.c0].cp == U'⸺' || cl[u.c0].cp == U'⸻';
    } else if (is_word_char(c) || prefix_number) {
      // B7/B8: a Latin word, number or address never breaks inside (except URLs, below).
      u.kind = UnitKind::Word;
      ++k;
      while (k < n) {
        const CharClass d = cl[k].cls;
        if (is_word_char(d)) { ++k; continue; }
        if (d == CharClass::NumericPostfix && cl[k - 1].cls == CharClass::Digit) { ++k; continue; }
        // Joiners stay in the word only when a word character follows them.
        std::size_t m = k;
        while (m < n && is_joiner(cl[m].cp)) ++m;
        if (m > k && m < n && is_word_char(cl[m].cls)) { k = m; continue; }
        break;
      }
      const std::string_view word(text.data() + cl[u.c0].text.begin, cl[k - 1].text.end - cl[u.c0].text.begin);
      u.url = word.find("://") != std::string_view::npos || word.find('@') != std::string_view::npos ||
              word.rfind("www.", 0) == 0;
      const CharClass tail = cl[k - 1].cls;
      u.number_tail = tail == CharClass::Digit || tail == CharClass::NumericPostfix;
    } else if (is_question_or_exclamation(cl[k].cp) && k + 1 < n && is_question_or_exclamation(cl[k + 1].cp)) {
      // D7: ？！ ？？ take 1 em and ？？？ 2 em, set as one unit (B1 keeps them together anyway).
      u.kind = UnitKind::Mark;
      while (k < n && is_question_or_exclamation(cl[k].cp)) ++k;
    } else {
      u.kind = text::is_ideographic(c) ? UnitKind::Ideographic
               : text::is_punctuation(c) ? UnitKind::Mark : UnitKind::Other;
      ++k;
    }
    u.c1 = k;
    if (u.kind == UnitKind::Mark) u.marks = u.c1 - u.c0;
    u.first = cl[u.c0].cls;
    u.last = cl[u.c1 - 1].cls;
    units.push_back(u);
  }
  return units;
}

}  // namespace

ItemList build_items(const text::ShapedText& shaped, const ParagraphStyle& style, const SpacingParams& sp) {
  const Length em = style.size;
  const Length half = em / 2;
  const std::vector<Cluster> clusters = collect_clusters(shaped);
  std::vector<Unit> units = collect_units(clusters, shaped.text);

  // One box per cluster (a unit's boxes are those of its clusters [c0, c1); space units have
  // none), with the marks' ink/blank split (D4–D6). One flat array: no allocation per character.
  std::vector<Item> boxes(clusters.size());
  for (std::size_t u = 0; u < units.size(); ++u) {
    Unit& unit = units[u];
    if (unit.kind == UnitKind::Space) continue;
    for (std::size_t k = unit.c0; k < unit.c1; ++k) {
      const Cluster& c = clusters[k];
      Item& b = boxes[k];
      b = Item::box(c.advance + style.tracking);
      b.rule = Rule::Character;
      b.run = c.run;
      b.glyph_begin = c.g0;
      b.glyph_end = c.g1;
      b.text = c.text;
      b.cls = c.cls;
    }
    if (unit.kind != UnitKind::Mark) continue;
    if (unit.marks > 1) {
      // D7: each mark of a ？！ group keeps its ink half (mainland fonts set ？！ in the left
      // half, D6); a pair is 1 em, an odd group keeps one blank half after it (？？？ = 2 em).
      for (std::size_t k = unit.c0; k < unit.c1; ++k) {
        Item& m = boxes[k];
        const bool full = m.width - style.tracking >= em * std::int64_t{3} / 4;
        if (full) m.width = m.width - half;
        m.rule = Rule::QuestionExclamation;
      }
      unit.trail = unit.marks % 2 == 1 ? half : Length();
      unit.compressible = style.punctuation == PunctuationStyle::FullWidth;
      unit.blank_capable = true;
      unit.ink = boxes[unit.c1 - 1].width;
      continue;
    }
    Item& b = boxes[unit.c0];
    const Cluster& c = clusters[unit.c0];
    const bool full = c.advance * std::int64_t{4} >= em * std::int64_t{3};  // a full-width glyph: ink in one half (D6)
    if (c.cls == CharClass::Middle || (c.cls == CharClass::Solidus && full)) {
      // D5: 间隔号 and 分隔号 take a fixed ½ em, ink centred.
      b.width = half + style.tracking;
      b.draw_offset = (half - c.advance) / 2;
    } else if (full_width_mark(c.cls) && full) {
      const Length blank = c.advance / 2;
      b.width = c.advance - blank + style.tracking;
      const bool stop = c.cls == CharClass::Stop;
      Length natural;
      switch (style.punctuation) {
        case PunctuationStyle::FullWidth: natural = blank; unit.compressible = true; break;
        case PunctuationStyle::LineEndHalf: natural = blank; break;
        case PunctuationStyle::Kaiming: natural = stop ? blank : Length(); break;
        case PunctuationStyle::HalfWidth: natural = Length(); break;
      }
      unit.blank_capable = true;
      if (c.cls == CharClass::OpeningMark) {
        unit.lead = natural;
        b.draw_offset = -blank;  // ink on the right: compressing shifts the glyph left
      } else {
        unit.trail = natural;    // ink on the left: compressing reduces the advance
      }
    }
    unit.ink = b.width;
  }

  // H2 孤字: the last line holds at least two characters (a word or number counts as one; marks
  // do not count), so no break after the second-to-last of them.
  std::size_t orphan_from = units.size();
  if (style.avoid_orphan) {
    int seen = 0;
    for (std::size_t u = units.size(); u-- > 0;) {
      const UnitKind k = units[u].kind;
      const bool counts = k == UnitKind::Ideographic || k == UnitKind::Word || k == UnitKind::Other;
      if (counts && ++seen == 2) {
        orphan_from = u;
        break;
      }
    }
  }

  const auto junction_class_end_prohibited = [&](const Unit& a) -> bool {
    if (style.kinsoku == Kinsoku::None) return false;
    if (a.last == CharClass::OpeningMark || a.last == CharClass::NumericPrefix) return true;  // B2
    if (a.last == CharClass::Solidus && style.kinsoku >= Kinsoku::GB) return true;           // B3 GB
    return false;
  };
  const auto junction_class_start_prohibited = [&](const Unit& b) -> bool {
    if (style.kinsoku == Kinsoku::None) return false;
    switch (b.first) {
      case CharClass::ClosingMark: case CharClass::Pause: case CharClass::Stop:
      case CharClass::Middle: case CharClass::Connector: case CharClass::Solidus:
      case CharClass::NumericPostfix:
        return true;  // B1, B5
      case CharClass::Dash:
      case CharClass::Ellipsis:
        // A single — is a connector (B1) and a lone … half of a mark; —— and …… may start a
        // line except at the strict level (B3).
        return !b.two_em || style.kinsoku == Kinsoku::Strict;
      default:
        return false;
    }
  };

  ItemList items;
  items.reserve(clusters.size() * 3 + 8);  // a box and a junction or two per cluster: one allocation
  // H1: first-line indent.
  const bool indented = style.indent > Length();
  if (indented) {
    Item ind = Item::box(style.indent);
    ind.rule = Rule::Indent;
    items.push_back(ind);
  }

  // B6: runs of three or more marks (D7 groups count each mark) in a row, without spaces.
  // Inside such a run a B1/B2 prohibition becomes a costly break instead of an absolute one.
  std::vector<bool> in_mark_run(units.size(), false);
  for (std::size_t u = 0; u < units.size();) {
    if (units[u].kind != UnitKind::Mark) { ++u; continue; }
    std::size_t v = u, marks = 0;
    while (v < units.size() && units[v].kind == UnitKind::Mark) marks += units[v++].marks;
    if (marks >= 3 && v - u >= 2) {
      for (std::size_t w = u; w < v; ++w) in_mark_run[w] = true;
    }
    u = v;
  }

  // Break opportunities from ICU (UAX #14), by byte, once per paragraph and only when a junction
  // no CLREQ class decides needs them (a paragraph of Han and its marks never does); word
  // boundaries (ICU's dictionary segmentation) only for phrase breaking.
  std::optional<std::vector<text::BreakKind>> uax14;
  const auto uax14_allows_at = [&](std::size_t at) {
    if (!uax14) uax14 = text::line_breaks(shaped.text);
    return at < uax14->size() && (*uax14)[at] != text::BreakKind::None;
  };
  const std::vector<bool> words = style.phrase_breaks ? text::word_boundaries(shaped.text) : std::vector<bool>();
  int title_depth = 0;          // B9: how many 《 “ … are open
  bool manual_break = false;    // a line feed since the previous unit
  // Units whose classes the CLREQ rules know: at their junctions the CLREQ rules decide, and
  // ICU decides elsewhere (a Latin word next to a Latin word, symbols CLREQ has no class for).
  const auto clreq_known = [](const Unit& x) {
    return x.kind == UnitKind::Ideographic || x.kind == UnitKind::Mark || x.kind == UnitKind::LongMark ||
           x.kind == UnitKind::Word;
  };
  const auto blank_shrink_level = [](CharClass c) {
    switch (c) {
      case CharClass::OpeningMark: case CharClass::ClosingMark: return ShrinkLevel::Bracket;  // G2(4)
      case CharClass::Pause: return ShrinkLevel::Pause;                                         // G2(5)
      default: return ShrinkLevel::Stop;                                                        // G2(7)
    }
  };

  std::optional<std::size_t> prev;  // previous non-space unit
  bool spaced = false;
  Length space_width;
  for (std::size_t u = 0; u < units.size(); ++u) {
    Unit& cur = units[u];
    if (cur.kind == UnitKind::LineFeed) {
      manual_break = prev.has_value();
      continue;
    }
    if (manual_break) {
      // A line feed in the text: end the line as a paragraph ends (\parfillskip, forced break).
      Item fil = Item::glue(Length(), Length::pt(1), Length(), Rule::ManualBreak);
      fil.stretch_order = 1;
      items.push_back(Item::make_penalty(kInfPenalty, Rule::ManualBreak));
      items.push_back(fil);
      items.push_back(Item::make_penalty(-kInfPenalty, Rule::ManualBreak));
      manual_break = false;
      spaced = false;
      space_width = Length();
    } else if (cur.kind == UnitKind::Space) {
      if (prev) {
        spaced = true;
        for (std::size_t k = cur.c0; k < cur.c1; ++k) space_width += clusters[k].advance;
      }
      continue;
    }
    if (!prev) {
      // Paragraph start: an opening mark keeps its blank after an indent, else it is trimmed (D3).
      if (indented && cur.lead > Length()) {
        items.push_back(Item::make_penalty(kInfPenalty, Rule::Indent));
        Item lead = Item::glue(cur.lead, Length(), cur.compressible ? cur.lead : Length(), Rule::PunctuationSpace);
        lead.shrink_level = ShrinkLevel::Bracket;
        items.push_back(lead);
      }
    } else {
      Unit& a = units[*prev];
      const bool a_word = a.kind == UnitKind::Word, b_word = cur.kind == UnitKind::Word;
      const bool a_ideo = a.kind == UnitKind::Ideographic, b_ideo = cur.kind == UnitKind::Ideographic;

      // Why a break is not allowed here, if it is not. The CLREQ rules first; where no CLREQ
      // class decides, ICU's opportunity (UAX #14) does.
      Rule prohibited = Rule::None;
      const bool unit_after_number = a.number_tail && b_ideo && is_number_unit(clusters[cur.c0].cp);
      if (unit_after_number) cur.number_tail = is_number_multiplier(clusters[cur.c0].cp);
      const std::size_t at = clusters[cur.c0].text.begin;
      const bool clreq_decides = clreq_known(a) && clreq_known(cur) && !(a_word && b_word);
      if (*prev >= orphan_from) prohibited = Rule::Orphan;                                   // H2
      else if (junction_class_start_prohibited(cur)) prohibited = Rule::LineStartProhibited;  // B1, B5
      else if (junction_class_end_prohibited(a)) prohibited = Rule::LineEndProhibited;        // B2
      else if (unit_after_number) prohibited = Rule::NumberUnit;                              // B7
      else if (!clreq_decides && !uax14_allows_at(at)) prohibited = Rule::Uax14NoBreak;        // UAX #14
      // B6: inside a run of three marks, a B1/B2 prohibition may give way as a last resort.
      const bool remedy = in_mark_run[*prev] && in_mark_run[u] &&
                          (prohibited == Rule::LineStartProhibited || prohibited == Rule::LineEndProhibited);
      const bool breakable = prohibited == Rule::None;

      // The gap: spacing between the units plus the marks' blanks, with its G2/G3 levels.
      Length w, y, z;
      Rule gap_rule = Rule::InterCharacter;
      ShrinkLevel shrink_level = ShrinkLevel::InterCharacter;
      StretchLevel stretch_level = StretchLevel::InterCharacter;
      if ((a_ideo && b_word) || (a_word && b_ideo)) {
        // F1: ¼ em between Han and Latin or digits (a typed space becomes this gap).
        w = em * sp.han_latin;
        y = em * sp.han_latin_stretch;
        z = em * sp.han_latin_shrink;
        gap_rule = Rule::HanLatinSpace;
        shrink_level = ShrinkLevel::HanLatin;     // G2(6)
        stretch_level = StretchLevel::HanLatin;   // G3(2)
      } else if (spaced) {
        const Length sw = space_width > Length() ? space_width : em / 4;
        w = sw;
        y = max(em / 2 - sw, em / 8);  // G3(1): a word space grows to ½ em first
        z = sw / 3;
        gap_rule = Rule::WordSpace;
        shrink_level = ShrinkLevel::WordSpace;      // G2(2)
        stretch_level = StretchLevel::WordSpace;    // G3(1)
      } else if (breakable) {
        y = em * sp.inter_stretch;  // G3(3); none inside unbreakables or next to brackets (U3, U4)
        if (a_ideo && b_ideo) z = em * sp.inter_shrink;
      }
      Length blank = a.trail + cur.lead;
      if (a.blank_capable && cur.blank_capable) blank = max(Length(), blank - half);  // D1
      if (blank > Length()) {
        w += blank;
        if (a.compressible || cur.compressible) {
          z += blank;  // B4: push in before pushing out
          shrink_level = blank_shrink_level(a.trail > Length() ? a.last : cur.first);
        }
        if (gap_rule == Rule::InterCharacter) gap_rule = Rule::PunctuationSpace;
      }
      const bool has_gap = w != Length() || y != Length() || z != Length();
      Item gap = Item::glue(w, y, z, gap_rule);
      gap.shrink_level = shrink_level;
      gap.stretch_level = stretch_level;

      if (remedy) {
        items.push_back(Item::make_penalty(sp.three_punctuation_penalty, Rule::ThreePunctuation));
        if (has_gap) items.push_back(gap);
      } else if (!breakable) {
        items.push_back(Item::make_penalty(kInfPenalty, prohibited));
        if (has_gap) items.push_back(gap);
      } else {
        int penalty = 0;
        Rule penalty_rule = Rule::None;
        if (spaced && gap_rule == Rule::WordSpace && (a_ideo || b_ideo)) {
          penalty = sp.space_break_penalty;
          penalty_rule = Rule::WordSpace;
        }
        if (style.phrase_breaks && title_depth > 0) {            // B9: inside 《…》 “…”
          penalty = sp.inside_word_penalty;
          penalty_rule = Rule::InsideTitle;
        } else if (style.phrase_breaks && !spaced && at < words.size() && !words[at]) {  // B9: inside a word
          penalty = sp.inside_word_penalty;
          penalty_rule = Rule::InsideWord;
        } else if (style.phrase_breaks && !spaced && b_ideo && cur.c1 < clusters.size() &&
                   clusters[cur.c1].text.begin < words.size() && words[clusters[cur.c1].text.begin] &&
                   text::is_ideographic(clusters[cur.c1].cls)) {
          penalty = sp.short_word_penalty;  // B9: the next word is this one character
          penalty_rule = Rule::BeforeShortWord;
        }
        const bool hang = style.hanging && a.kind == UnitKind::Mark && a.marks == 1 &&
                          (a.last == CharClass::Pause || a.last == CharClass::Stop) && cur.kind != UnitKind::Mark &&
                          cur.kind != UnitKind::LongMark;
        if (hang) {
          // E1: breaking here hangs the mark past the measure (its ink does not count).
          items.push_back(Item::make_penalty(penalty, Rule::Hanging, -a.ink));
          items.push_back(gap);
        } else if (style.phrase_breaks && clusters[a.c1 - 1].cp == U'\u3000') {
          // B9: an ideographic space in a headline separates its phrases; broken here, the
          // space does not count at the line's end.
          items.push_back(Item::make_penalty(penalty, Rule::PhraseSpace, -boxes[a.c1 - 1].width));
          if (has_gap) items.push_back(gap);
        } else if (cur.url) {
          // B8: the line before a URL that does not fit is set flush, not spaced out.
          push_ragged_break(items, em * sp.url_line_end_fill, penalty, Rule::BeforeUrl);
          if (has_gap) items.push_back(gap);
        } else if (penalty != 0) {
          items.push_back(Item::make_penalty(penalty, penalty_rule));
          if (has_gap) items.push_back(gap);
        } else {
          items.push_back(gap);
        }
      }
    }
    // The unit's boxes; inside URLs a break is allowed after / . @ (costly).
    const std::span<const Item> bx = cur.kind == UnitKind::Space
                                         ? std::span<const Item>()
                                         : std::span<const Item>(boxes).subspan(cur.c0, cur.c1 - cur.c0);
    for (std::size_t k = 0; k < bx.size(); ++k) {
      items.push_back(bx[k]);
      if (cur.url && k + 1 < bx.size() && url_break_after(clusters, cur.c0, cur.c0 + k, cur.c1)) {
        push_ragged_break(items, em * sp.url_line_end_fill, sp.url_break_penalty, Rule::UrlBreak);
      }
    }
    prev = u;
    spaced = false;
    space_width = Length();
    title_depth = std::max(0, title_depth + title_depth_change(cur, clusters));
  }
  // D2: the paragraph's last mark is half width too; then \parfillskip and the forced break.
  items.push_back(Item::make_penalty(kInfPenalty, Rule::ParagraphEnd));
  Item fil = Item::glue(Length(), Length::pt(1), Length(), Rule::ParagraphEnd);
  fil.stretch_order = 1;
  items.push_back(fil);
  items.push_back(Item::make_penalty(-kInfPenalty, Rule::ParagraphEnd));
  return items;
}

}  // namespace zjgr::compose
