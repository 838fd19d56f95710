// UTF-8 <-> code points, strict: overlong forms, surrogates and truncated sequences are
// invalid (input must reject them with a diagnostic rather than print mojibake).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace zjgr {

/// Decodes the code point at `pos` and advances `pos` past it; nullopt (pos unchanged) if invalid.
std::optional<char32_t> decode_utf8(std::string_view text, std::size_t& pos);

/// The byte offset of the first invalid sequence, or nullopt when all of `text` is valid UTF-8.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

/// Appends the UTF-8 encoding of `cp` (which must be a scalar value) to `out`.
void append_utf8(std::string& out, char32_t cp);

/// All code points of valid UTF-8 `text`.
std::u32string to_u32(std::string_view text);

/// UTF-8 of `text`.
std::string to_utf8(std::u32string_view text);

}  // namespace zjgr
