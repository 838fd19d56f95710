#include "input/detail/fields.h"

#include <algorithm>
#include <cstdio>

#include "base/utf8.h"

namespace zjgr::input::detail {
namespace {

std::string fmt_pt(Length l) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%gpt", l.to_pt());
  return buf;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::u32string x = to_u32(a), y = to_u32(b);
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[y.size()];
}

std::vector<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  // Allow about one edit per three characters (at least one, at most three): "colums" ->
  // "columns", "widht" -> "width", but not "x" -> "page".
  const std::size_t length = to_u32(word).size();
  const std::size_t allowed = std::clamp<std::size_t>((length + 1) / 3, 1, 3);
  const std::string* best = nullptr;
  std::size_t best_distance = allowed + 1;
  for (const std::string& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = &c;
    }
  }
  if (best == nullptr || best_distance == 0) return {};
  return {"did you mean \"" + *best + "\"?"};
}

SourceRef where(const FileContext& ctx, const JsonValue& value, const std::string& pointer) {
  return SourceRef{ctx.file, pointer, value.line, value.column, {}};
}

bool expect_kind(FileContext& ctx, const JsonValue& value, const std::string& pointer, JsonKind kind,
                 std::string_view what) {
  if (value.kind == kind) return true;
  ctx.diagnostics.error("wrong-type", "expected " + std::string(what) + ", found " + describe(value),
                        where(ctx, value, pointer));
  return false;
}

std::optional<int> read_integer(FileContext& ctx, const JsonValue& value, const std::string& pointer, int min,
                                int max) {
  std::string expected;
  if (min == 1 && max == INT_MAX) {
    expected = "a positive integer";
  } else if (min == 0 && max == INT_MAX) {
    expected = "a non-negative integer";
  } else if (max == INT_MAX) {
    expected = "an integer of at least " + std::to_string(min);
  } else {
    expected = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  }
  if (value.kind != JsonKind::Integer) {
    std::vector<std::string> hints;
    if (value.kind == JsonKind::String) hints.push_back("write the number without quotes");
    ctx.diagnostics.error("wrong-type", "expected " + expected + ", found " + describe(value),
                          where(ctx, value, pointer), std::move(hints));
    return std::nullopt;
  }
  if (value.integer < min || value.integer > max) {
    ctx.diagnostics.error("bad-value", "expected " + expected + ", found " + value.text, where(ctx, value, pointer));
    return std::nullopt;
  }
  return static_cast<int>(value.integer);
}

std::optional<Length> read_length(FileContext& ctx, const JsonValue& value, const std::string& pointer,
                                  const LengthContext& context, std::optional<Length> min, bool min_exclusive) {
  if (!expect_kind(ctx, value, pointer, JsonKind::String, "a length such as \"12pt\", \"3mm\" or \"小五\"")) {
    return std::nullopt;
  }
  std::string error;
  auto length = parse_length(value.text, context, error);
  if (!length) {
    std::vector<std::string> hints;
    if (value.text.find("号") != std::string::npos || value.text.starts_with("小")) {
      hints.push_back("号 sizes are 初号 小初 一号 小一 二号 小二 三号 小三 四号 小四 五号 小五 六号 小六 七号 八号");
    }
    ctx.diagnostics.error("bad-length", error + ", found " + describe(value), where(ctx, value, pointer),
                          std::move(hints));
    return std::nullopt;
  }
  if (min && (*length < *min || (min_exclusive && *length == *min))) {
    const std::string bound = *min == Length() ? (min_exclusive ? "a positive length" : "a length of 0 or more")
                                               : "a length of at least " + fmt_pt(*min);
    ctx.diagnostics.error("bad-length", "expected " + bound + ", found " + describe(value), where(ctx, value, pointer));
    return std::nullopt;
  }
  return length;
}

ObjectReader::ObjectReader(FileContext& ctx, const JsonValue& value, std::string at, std::vector<std::string> known)
    : ctx_(ctx), value_(value), pointer_(std::move(at)) {
  ok_ = expect_kind(ctx_, value_, pointer_, JsonKind::Object, "an object");
  if (!ok_) return;
  const std::string code = "unknown-key";
  for (const JsonMember& m : value_.members) {
    if (std::find(known.begin(), known.end(), m.key) != known.end()) continue;
    // An object with 200,000 unknown keys: only the first ones get a message and a suggestion.
    if (!ctx_.diagnostics.keeps(Severity::Error, code)) {
      ctx_.diagnostics.count_omitted(Severity::Error, code);
      continue;
    }
    ctx_.diagnostics.error(code, "unknown key \"" + m.key + "\"",
                           SourceRef{ctx_.file, pointer(m.key), m.key_line, m.key_column, {}},
                           did_you_mean(m.key, known));
  }
}

SourceRef ObjectReader::where(std::string_view key) const {
  if (const JsonValue* v = get(key)) return detail::where(ctx_, *v, pointer(key));
  return detail::where(ctx_, value_, pointer_);
}

const JsonValue* ObjectReader::get(std::string_view key) const { return ok_ ? value_.find(key) : nullptr; }

const JsonValue* ObjectReader::require(std::string_view key) {
  if (!ok_) return nullptr;
  const JsonValue* v = value_.find(key);
  if (v == nullptr) {
    ctx_.diagnostics.error("missing-key", "missing required key \"" + std::string(key) + "\"",
                           detail::where(ctx_, value_, pointer_));
  }
  return v;
}

std::optional<std::string> ObjectReader::string(std::string_view key, bool required) {
  const JsonValue* v = required ? require(key) : get(key);
  if (v == nullptr || !expect_kind(ctx_, *v, pointer(key), JsonKind::String, "a string")) return std::nullopt;
  return v->text;
}

std::optional<int> ObjectReader::integer(std::string_view key, int min, int max, bool required) {
  const JsonValue* v = required ? require(key) : get(key);
  if (v == nullptr) return std::nullopt;
  return read_integer(ctx_, *v, pointer(key), min, max);
}

std::optional<bool> ObjectReader::boolean(std::string_view key) {
  const JsonValue* v = get(key);
  if (v == nullptr || !expect_kind(ctx_, *v, pointer(key), JsonKind::Boolean, "true or false")) return std::nullopt;
  return v->boolean;
}

std::optional<Length> ObjectReader::length(std::string_view key, const LengthContext& context,
                                           std::optional<Length> min, bool min_exclusive, bool required) {
  const JsonValue* v = required ? require(key) : get(key);
  if (v == nullptr) return std::nullopt;
  return read_length(ctx_, *v, pointer(key), context, min, min_exclusive);
}

namespace {

/// True for an sRGB colour written "#rrggbb".
bool is_hex_color(const std::string& s) {
  if (s.size() != 7 || s[0] != '#') return false;
  for (std::size_t i = 1; i < 7; ++i) {
    const char c = s[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> ObjectReader::color(std::string_view key) {
  auto text = string(key);
  if (!text || is_hex_color(*text)) return text;
  ctx_.diagnostics.error("bad-value", "expected a colour \"#rrggbb\", found " + describe(*get(key)), where(key));
  return std::nullopt;
}

void ObjectReader::report_choice(std::string_view key, const std::string& found,
                                 const std::vector<std::string>& names) {
  std::string expected;
  for (std::size_t i = 0; i < names.size(); ++i) {
    expected += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + ("\"" + names[i] + "\"");
  }
  const JsonValue& v = *get(key);
  ctx_.diagnostics.error("bad-value", "expected " + expected + ", found " + describe(v), where(key),
                         did_you_mean(found, names));
}

}  // namespace zjgr::input::detail
