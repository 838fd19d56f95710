// Parsing of the lengths that layouts and issues write: "12pt", "390mm", "13q" (级, 0.25 mm),
// "2em", and the Chinese 号 sizes ("小五", "五号", "初号"). Knows nothing of JSON or fonts.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/length.h"

namespace zjgr {

/// The size of a Chinese 号 ("五号", "小五", "初号", "小初", …), or nullopt when `name` is not one.
/// GB/T sizes as CLREQ lists them (P7): 初号 42 pt … 五号 10.5 pt, 小五 9 pt … 八号 5 pt.
std::optional<Length> hao_size(std::string_view name);

/// What a length is relative to when it is written in em.
struct LengthContext {
  Length em = Length::pt(10);  ///< the font size that 1 em means here
};

/// Parses "<number><unit>" with unit pt, mm, cm, in, q (or 级), em, or a 号 size.
/// A bare number is an error (a newspaper's lengths always say their unit). On failure returns
/// nullopt and sets `error` to what was expected, in lowercase without a final period.
std::optional<Length> parse_length(std::string_view text, const LengthContext& context, std::string& error);

/// A length as the shortest exact-to-0.001pt text, "12.5pt", "0pt", "-3pt" (item notation, dumps).
std::string format_pt(Length length);

}  // namespace zjgr
