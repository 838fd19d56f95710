// Typed, reporting access to the members of a JSON object: unknown keys, missing keys, wrong
// types and bad values become diagnostics with file, JSON pointer and line:column. Private to
// input/; the loaders are written in terms of it.
#pragma once

#include <climits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostics.h"
#include "base/length.h"
#include "base/units.h"
#include "input/json_reader.h"

namespace zjgr::input::detail {

/// The file being read and the sink its problems go to.
struct FileContext {
  std::string file;           ///< as shown in diagnostics
  Diagnostics& diagnostics;
};

/// Levenshtein distance in code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// "did you mean \"x\"?" for the candidate closest to `word`, if it is close enough; else empty.
std::vector<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// The source reference of `value` at `pointer` in the context's file.
SourceRef where(const FileContext& ctx, const JsonValue& value, const std::string& pointer);

/// Reports "wrong-type" ("expected <what>, found <value>") unless `value` has kind `kind`.
bool expect_kind(FileContext& ctx, const JsonValue& value, const std::string& pointer, JsonKind kind,
                 std::string_view what);

/// Reads an integer value in [min, max]; "wrong-type" / "bad-value" otherwise.
std::optional<int> read_integer(FileContext& ctx, const JsonValue& value, const std::string& pointer, int min,
                                int max);

/// Reads a length string ("12pt", "小五", "2em" relative to `context`) no less than `min`.
std::optional<Length> read_length(FileContext& ctx, const JsonValue& value, const std::string& pointer,
                                  const LengthContext& context, std::optional<Length> min, bool min_exclusive);

/// One member's reader over a JSON object. Construction reports a non-object ("wrong-type") and
/// every key not in `known` ("unknown-key", at the key, with a hint).
class ObjectReader {
 public:
  ObjectReader(FileContext& ctx, const JsonValue& value, std::string at, std::vector<std::string> known);

  /// False when the value was not an object (every accessor then returns nothing).
  bool ok() const { return ok_; }
  const JsonValue& value() const { return value_; }
  const std::string& pointer() const { return pointer_; }
  std::string pointer(std::string_view key) const { return json_pointer_append(pointer_, key); }
  FileContext& context() { return ctx_; }
  /// Where `key`'s value is, or the object itself when the key is absent.
  SourceRef where(std::string_view key) const;

  const JsonValue* get(std::string_view key) const;
  /// As get(), reporting "missing-key" when absent.
  const JsonValue* require(std::string_view key);

  std::optional<std::string> string(std::string_view key, bool required = false);
  std::optional<int> integer(std::string_view key, int min, int max = INT_MAX, bool required = false);
  std::optional<bool> boolean(std::string_view key);
  std::optional<Length> length(std::string_view key, const LengthContext& context, std::optional<Length> min,
                               bool min_exclusive, bool required = false);

  /// A colour string "#rrggbb" ("bad-value" otherwise).
  std::optional<std::string> color(std::string_view key);

  /// A string that must be one of `options` ("bad-value" with a hint otherwise).
  template <typename E>
  std::optional<E> choice(std::string_view key, const std::vector<std::pair<std::string, E>>& options) {
    auto text = string(key);
    if (!text) return std::nullopt;
    std::vector<std::string> names;
    for (const auto& [name, e] : options) {
      if (name == *text) return e;
      names.push_back(name);
    }
    report_choice(key, *text, names);
    return std::nullopt;
  }

 private:
  void report_choice(std::string_view key, const std::string& found, const std::vector<std::string>& names);

  FileContext& ctx_;
  const JsonValue& value_;
  std::string pointer_;
  bool ok_ = false;
};

}  // namespace zjgr::input::detail
