// The limits that keep hostile input bounded (issue 7; HarfBuzz's max_len idea), in one place.
// Each is enforced where the input is read, with a diagnostic naming the limit; the README's
// "Limits" section lists them. Plain constants: no module but base needs to agree on them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace zjgr::limits {

/// Largest JSON or text file read, in bytes ("file-too-large").
inline constexpr std::size_t kMaxFileBytes = 16u * 1024u * 1024u;
/// Deepest nesting of JSON arrays and objects, checked while parsing ("too-deep"): nlohmann
/// parses a million-deep array but overflows the stack copying or destroying it.
inline constexpr int kMaxJsonDepth = 64;
/// Largest photo side and area in pixels, read from the header before anything is decoded
/// ("bad-image"): Cairo's PNG loader turns a 48 KB file claiming 30000×30000 into 3.6 GB.
/// 50 Mpx is a 8660×5770 photo, decoded into 200 MB.
inline constexpr int kMaxImageSide = 20000;
inline constexpr std::int64_t kMaxImagePixels = 50'000'000;
/// Most pages in one issue ("too-many-pages"): a daily has 4–32; a special issue stays well below.
inline constexpr int kMaxPages = 200;
/// Longest paragraph (and any other text of an article: headline, caption …) in UTF-8 bytes
/// ("text-too-long"): 32 KiB is about 10,900 Chinese characters, ten times a long paragraph.
inline constexpr std::size_t kMaxParagraphBytes = 32u * 1024u;
/// Most combining marks in a row kept on one base character; later ones are dropped with a
/// "too-many-marks" warning (HarfBuzz 6.0 takes quadratic time on long runs of marks).
inline constexpr int kMaxCombiningMarks = 32;

}  // namespace zjgr::limits
