// Punctuation normalisation (compose task item 4): half-width marks typed in Chinese text become
// the full-width marks the paper prints. Decisions look at the neighbouring characters' classes.
#include "text/normalize.h"

#include <cstddef>
#include <vector>

#include "base/utf8.h"
#include "text/char_class.h"

namespace zjgr::text {
namespace {

/// True when `cp` makes its side "Chinese": an ideograph or a CJK (full-width) mark.
bool is_cjk_side(char32_t cp) {
  const CharClass c = classify(cp);
  if (is_ideographic(c)) return true;
  if (!is_punctuation(c)) return false;
  // Quotes and dashes share code points with Western text; in this paper they are Chinese.
  return cp >= 0x3000 || cp == U'“' || cp == U'”' || cp == U'‘' || cp == U'’' || cp == U'—' ||
         cp == U'…' || cp == U'·';
}

bool is_alnum(char32_t cp) {
  const CharClass c = classify(cp);
  return c == CharClass::LatinLetter || c == CharClass::Digit;
}

bool is_ascii_space(char32_t cp) { return cp == U' ' || cp == U'\t'; }

char32_t full_width(char32_t cp) {
  switch (cp) {
    case U',': return U'，';
    case U'.': return U'。';
    case U':': return U'：';
    case U';': return U'；';
    case U'?': return U'？';
    case U'!': return U'！';
    case U'(': return U'（';
    case U')': return U'）';
    default: return cp;
  }
}

}  // namespace

std::string normalize_punctuation(std::string_view utf8, int& replaced) {
  replaced = 0;
  // Most paragraphs have no half-width mark at all: one pass over the bytes, no decoding.
  if (utf8.find_first_of(",.:;?!()") == std::string_view::npos) return std::string(utf8);
  if (find_invalid_utf8(utf8).has_value()) return std::string(utf8);
  const std::u32string in = to_u32(utf8);
  const std::size_t n = in.size();
  constexpr char32_t kNone = 0;
  auto at = [&](std::size_t i) { return i < n ? in[i] : kNone; };
  // The nearest character before/after i that is not a space (kNone at the ends).
  auto prev_solid = [&](std::size_t i) {
    while (i > 0) {
      --i;
      if (!is_ascii_space(in[i])) return in[i];
    }
    return kNone;
  };
  auto next_solid = [&](std::size_t i) {
    for (++i; i < n; ++i) {
      if (!is_ascii_space(in[i])) return in[i];
    }
    return kNone;
  };

  // A mark just before a closing ” or ’ that ends an English quotation (Latin inside, no Han) is
  // English punctuation: “It’s efficient,” keeps its comma. Scans back only to the nearest quote.
  auto ends_western_quotation = [&](std::size_t i, char32_t closing) {
    if (closing != U'”' && closing != U'’') return false;
    bool latin = false;
    while (i > 0) {
      const char32_t c = in[--i];
      if (c == U'“' || c == U'‘') return latin;
      if (c == U'”') return false;
      if (is_ideographic(classify(c))) return false;
      latin = latin || classify(c) == CharClass::LatinLetter;
    }
    return false;
  };

  std::u32string out;
  out.reserve(n);
  std::vector<bool> open_replaced;  // one entry per '(' seen, innermost last
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t cp = in[i];
    if (full_width(cp) == cp) {  // not one of the marks below
      out.push_back(cp);
      continue;
    }
    const char32_t before = i > 0 ? in[i - 1] : kNone;
    const char32_t after = at(i + 1);
    const char32_t ps = prev_solid(i);
    const char32_t ns = next_solid(i);
    const bool cjk_near = (ps != kNone && is_cjk_side(ps)) || (ns != kNone && is_cjk_side(ns));
    bool replace = false;
    switch (cp) {
      case U',': case U':': case U';': case U'?': case U'!':
        // "4,000", "12:30", "a,b" keep their ASCII mark; next to Han it is Chinese.
        replace = cjk_near && !(is_alnum(before) && is_alnum(after)) && !ends_western_quotation(i, ns);
        break;
      case U'.':
        // Only a sentence end after Han: never inside "141.57", "www.zjgrbb.com" or "...".
        replace = before != kNone && is_cjk_side(before) && !is_alnum(after) && after != U'.' &&
                  before != U'.';
        break;
      case U'(':
        replace = cjk_near;
        open_replaced.push_back(replace);
        break;
      case U')':
        if (!open_replaced.empty()) {
          replace = open_replaced.back() || cjk_near;
          open_replaced.pop_back();
        } else {
          replace = cjk_near;
        }
        break;
      default:
        break;
    }
    if (!replace) {
      out.push_back(cp);
      continue;
    }
    out.push_back(full_width(cp));
    ++replaced;
    // A full-width mark carries its own space: drop the spaces typed after it before Chinese text.
    if (cp != U'(' && ns != kNone && is_cjk_side(ns)) {
      while (i + 1 < n && is_ascii_space(in[i + 1])) ++i;
    }
  }
  return to_utf8(out);
}

}  // namespace zjgr::text
