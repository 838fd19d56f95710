// Line-break opportunities of a paragraph from ICU's line BreakIterator (UAX #14 with ICU's
// Chinese tailoring), and its word boundaries from ICU's word BreakIterator (dictionary
// segmentation of Chinese), per byte of the UTF-8 text. The Chinese layout rules (CLREQ B1–B9) are
// not applied here: compose/ overrides these opportunities where the CLREQ classes disagree.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace zjgr::text {

/// Whether a line may end before a given byte (UAX #14's break actions).
enum class BreakKind : std::uint8_t {
  None,       ///< no break here (inside a character, or UAX #14 forbids one)
  Allowed,    ///< a break opportunity (UAX #14 "÷")
  Mandatory,  ///< a hard break: after a line feed or paragraph separator, and at the end (LB3–LB6)
};

/// The break opportunities of `utf8`, one entry per byte boundary: `result[i]` says whether a
/// line may end before byte i, so result.size() == utf8.size() + 1, result[0] is None and
/// result[utf8.size()] is Mandatory. Computed in one pass with a per-thread BreakIterator
/// (created once, for the locale "zh"); invalid UTF-8 is read as U+FFFD by ICU and never
/// crashes. Linear in the length of the text.
std::vector<BreakKind> line_breaks(std::string_view utf8);

/// The word boundaries of `utf8` by ICU's word BreakIterator for "zh" (UAX #29, with ICU's
/// dictionary segmentation of Chinese: 摸底|土地|储备|贷款|风险), one entry per byte boundary:
/// `result[i]` is true when a word ends before byte i (and at 0 and utf8.size()). For
/// phrase-based breaking of headlines (CLREQ B9); linear in the length of the text.
std::vector<bool> word_boundaries(std::string_view utf8);

}  // namespace zjgr::text
