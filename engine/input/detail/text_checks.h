// Checks on the strings of the input that end up printed or opened: article texts, the issue's
// section and fields, template texts (length, control characters, noncharacters), and path
// strings (no control characters). Private to input/.
#pragma once

#include <string>
#include <string_view>

#include "base/diagnostics.h"
#include "input/detail/fields.h"

namespace zjgr::input::detail {

/// Whether `cp` is a Unicode noncharacter: U+FDD0–U+FDEF and the last two code points of every
/// plane (U+FFFE, U+FFFF, U+1FFFE … U+10FFFF). Reserved for a program's internal use, never
/// interchanged; Cairo refuses text holding one.
bool is_noncharacter(char32_t cp);

/// Whether `cp` is a full-width Latin letter or digit (Ｇ U+FF27, ５ U+FF15): CLREQ F3 discourages
/// them in stored text.
bool is_full_width_latin(char32_t cp);

/// CLREQ M3: where a “ opens inside a quotation already opened with “ (mainland horizontal text
/// quotes inside quotes with ‘ ’), or an empty range. Each paragraph is checked alone: in a
/// quotation of several paragraphs each one opens with “ and only the last closes.
TextRange find_nested_quote(std::string_view text);

/// Checks a text that will be printed (issue 7, issue 18): longer than the paragraph limit is an
/// error ("text-too-long"), so is a control character (C0 but tab and line breaks, DEL, C1:
/// "control-character"). Noncharacters are dropped from `text` with one "noncharacter" warning;
/// full-width Latin letters and digits are kept with one "full-width-latin" warning (F3), a “
/// inside an open “ with one "nested-quotes" warning (M3).
/// False when an error was reported.
bool check_text(FileContext& ctx, std::string& text, const SourceRef& where);

/// Checks a path string as written in a file: a control character (a NUL above all, which the
/// system would take as the end of the path: "a.json\u0000.txt" would open a.json) is an error
/// ("control-character"). False when an error was reported.
bool check_path(FileContext& ctx, const std::string& path, const SourceRef& where, std::string_view what);

/// `text` without the white space it starts with: U+3000 IDEOGRAPHIC SPACE (Chinese copy indents
/// with two of them), U+0020, tab and U+00A0 NO-BREAK SPACE. The style indents the first line (H1).
std::string_view strip_leading_space(std::string_view text);

}  // namespace zjgr::input::detail
