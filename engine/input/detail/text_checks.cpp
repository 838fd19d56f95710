#include "input/detail/text_checks.h"

#include <cstdio>

#include "base/limits.h"
#include "base/utf8.h"

namespace zjgr::input::detail {
namespace {

std::string code_point_name(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

// The first control character of `text` (C0, DEL, C1; tab and line breaks only unless
// `text_breaks`) and its byte range, or an empty range.
TextRange find_control(std::string_view text, bool text_breaks, char32_t& found) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool allowed = text_breaks && (c == '\t' || c == '\n' || c == '\r');
    const bool c0 = (c < 0x20 && !allowed) || c == 0x7F;
    const bool c1 = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(text[i + 1]) <= 0x9F;
    if (!c0 && !c1) continue;
    found = c1 ? static_cast<unsigned char>(text[i + 1]) : c;
    return TextRange{i, i + (c1 ? 2u : 1u)};
  }
  return {};
}

}  // namespace

TextRange find_nested_quote(std::string_view text) {
  static constexpr std::string_view kOpen = "\u201C", kClose = "\u201D";  // “ ”
  int depth = 0;
  for (std::size_t i = text.find("\xE2\x80"); i != std::string_view::npos; i = text.find("\xE2\x80", i + 1)) {
    const std::string_view mark = text.substr(i, 3);
    if (mark == kOpen && depth++ > 0) return TextRange{i, i + 3};
    if (mark == kClose && depth > 0) --depth;
  }
  return {};
}

bool is_full_width_latin(char32_t cp) {
  return (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A);
}

bool is_noncharacter(char32_t cp) { return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE; }

bool check_text(FileContext& ctx, std::string& text, const SourceRef& where) {
  if (text.size() > limits::kMaxParagraphBytes) {
    ctx.diagnostics.error("text-too-long",
                          "text is " + std::to_string(text.size()) + " bytes long, more than the limit of " +
                              std::to_string(limits::kMaxParagraphBytes),
                          where, {"split it into paragraphs (in body_file: a blank line between them)"});
    return false;
  }
  char32_t control = 0;
  if (const TextRange at = find_control(text, true, control); !at.empty()) {
    SourceRef located = where;
    located.chars = at;
    ctx.diagnostics.error("control-character", "text contains the control character " + code_point_name(control),
                          std::move(located), {"remove it: control characters are not printable"});
    return false;
  }
  // Noncharacters: all are encoded in 3 or 4 bytes starting at 0xEF or 0xF0–0xF4, so the scan
  // decodes only there. The text is valid UTF-8 (the JSON reader and body_file checked it).
  std::size_t count = 0;
  char32_t first = 0;
  TextRange first_at;
  std::size_t full_width = 0;  // CLREQ F3: full-width Latin letters and digits
  TextRange full_width_at;
  std::string kept;
  std::size_t copied = 0;  // text[copied, pos) is still to be appended to `kept`
  for (std::size_t pos = 0; pos < text.size();) {
    const auto b = static_cast<unsigned char>(text[pos]);
    if (b < 0xEF) {
      ++pos;
      continue;
    }
    const std::size_t start = pos;
    const auto cp = decode_utf8(text, pos);
    if (!cp) {
      ++pos;  // not reached for valid UTF-8
      continue;
    }
    if (is_full_width_latin(*cp) && full_width++ == 0) full_width_at = TextRange{start, pos};
    if (!is_noncharacter(*cp)) continue;
    if (count++ == 0) {
      first = *cp;
      first_at = TextRange{start, pos};
    }
    kept.append(text, copied, start - copied);
    copied = pos;
  }
  if (full_width > 0) {
    SourceRef located = where;
    located.chars = full_width_at;
    std::size_t at = full_width_at.begin;
    const char32_t cp = decode_utf8(text, at).value_or(0);
    ctx.diagnostics.warning("full-width-latin",
                            "text contains the full-width " + text.substr(full_width_at.begin, at - full_width_at.begin) +
                                " (" + code_point_name(cp) + ")" +
                                (full_width > 1 ? " and " + std::to_string(full_width - 1) + " more" : std::string()) +
                                " (CLREQ F3)",
                            std::move(located),
                            {"type Latin letters and digits in ASCII (ＧＤＰ → GDP): they are set in the proportional "
                             "font with ¼ em around them"});
  }
  if (const TextRange nested = find_nested_quote(text); !nested.empty()) {
    SourceRef located = where;
    located.chars = nested;
    ctx.diagnostics.warning("nested-quotes", "a quotation opened with “ inside another one opened with “ (CLREQ M3)",
                            std::move(located), {"mainland text quotes inside a quotation with ‘ ’: “他说：‘好。’”"});
  }
  if (count == 0) return true;
  kept.append(text, copied, std::string::npos);
  text = std::move(kept);
  SourceRef located = where;
  located.chars = first_at;
  ctx.diagnostics.warning("noncharacter",
                          "text contains the noncharacter " + code_point_name(first) +
                              (count > 1 ? " and " + std::to_string(count - 1) + " more" : std::string()) +
                              "; dropped",
                          std::move(located),
                          {"noncharacters are never printable text: look for a damaged file or a wrong conversion"});
  return true;
}

bool check_path(FileContext& ctx, const std::string& path, const SourceRef& where, std::string_view what) {
  char32_t control = 0;
  // Tab and line breaks are no more a part of a file name than the rest of C0.
  if (find_control(path, false, control).empty()) return true;
  ctx.diagnostics.error("control-character",
                        std::string(what) + " path contains the control character " + code_point_name(control),
                        where, {"a file name never holds one; a NUL would end the path early"});
  return false;
}

std::string_view strip_leading_space(std::string_view text) {
  while (!text.empty()) {
    if (text.front() == ' ' || text.front() == '\t') {
      text.remove_prefix(1);
    } else if (text.starts_with("\xE3\x80\x80") /* U+3000 */) {
      text.remove_prefix(3);
    } else if (text.starts_with("\xC2\xA0") /* U+00A0 */) {
      text.remove_prefix(2);
    } else {
      break;
    }
  }
  return text;
}

}  // namespace zjgr::input::detail
