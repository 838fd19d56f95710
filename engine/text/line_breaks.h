// Line-break opportunities of a paragraph from ICU's line BreakIterator (UAX #14 with ICU's
// Chinese tailoring), per byte of the UTF-8 text. The Chinese layout rules (CLREQ B1–B9) are
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

}  // namespace zjgr::text
