// JSON text -> a tree of JsonValues that remember their line:column, with the checks nlohmann
// does not make: size cap, BOM, strict UTF-8, duplicate keys, nesting depth bounded while parsing.
// Knows nothing of issues, layouts or articles (see load.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostics.h"
#include "base/limits.h"

namespace zjgr::input {

/// Limits that keep hostile input bounded (HarfBuzz's max_len idea).
inline constexpr std::size_t kMaxFileBytes = limits::kMaxFileBytes;  ///< larger files are an error
inline constexpr int kMaxDepth = limits::kMaxJsonDepth;  ///< nesting of arrays and objects; deeper is "too-deep"
inline constexpr std::size_t kMaxValues = limits::kMaxJsonValues;  ///< values in one file; more is "too-many-values"

enum class JsonKind : std::uint8_t { Null, Boolean, Integer, Float, String, Array, Object };

struct JsonMember;

/// One JSON value and where it starts in the text (1-based line, column in code points).
struct JsonValue {
  JsonKind kind = JsonKind::Null;
  bool boolean = false;             ///< Boolean
  std::int64_t integer = 0;         ///< Integer (fits in int64)
  double number = 0;                ///< Integer and Float: the numeric value
  std::string text;                 ///< String: the decoded text; Integer/Float: the number as written
  std::vector<JsonValue> items;     ///< Array
  std::vector<JsonMember> members;  ///< Object, in document order, keys unique
  int line = 0, column = 0;

  bool is_object() const { return kind == JsonKind::Object; }
  bool is_array() const { return kind == JsonKind::Array; }
  bool is_string() const { return kind == JsonKind::String; }
  bool is_number() const { return kind == JsonKind::Integer || kind == JsonKind::Float; }
  /// The member named `key`, or nullptr (also when this is not an object).
  const JsonValue* find(std::string_view key) const;
};

/// A key of an object with its own position (unknown keys are reported at the key).
struct JsonMember {
  std::string key;
  int key_line = 0, key_column = 0;
  JsonValue value;
};

/// Parses `text`; `file` names it in diagnostics. Returns nullopt after reporting at least one
/// error ("json-syntax", "invalid-utf8", "utf8-bom", "duplicate-key", "too-deep", "too-many-values",
/// "file-too-large").
std::optional<JsonValue> parse_json(std::string_view text, const std::string& file, Diagnostics& diagnostics);

/// Reads at most kMaxFileBytes of `path` ("file-not-found", "file-too-large", "read-error").
/// `shown` is the name used in diagnostics.
std::optional<std::string> read_file(const std::filesystem::path& path, const std::string& shown,
                                     Diagnostics& diagnostics);

/// read_file + parse_json.
std::optional<JsonValue> read_json_file(const std::filesystem::path& path, const std::string& shown,
                                        Diagnostics& diagnostics);

/// 1-based line and column (in code points) of byte `offset` of `text`.
std::pair<int, int> line_column(std::string_view text, std::size_t offset);

/// RFC 6901: `parent` + "/" + `token` with "~" -> "~0" and "/" -> "~1".
std::string json_pointer_append(const std::string& parent, std::string_view token);

/// How a value reads in a message: "\"3\" (a string)", "3.5 (a number)", "an object".
std::string describe(const JsonValue& value);

}  // namespace zjgr::input
