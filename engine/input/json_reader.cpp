// JSON parsing with positions. nlohmann/json 3.11 reports no positions for values, so its SAX
// parser builds our own tree while a small scanner walks the same text in step and hands out the
// line:column of each value and key in document order (SAX events arrive in that order, and they
// only arrive for a syntactically valid prefix, which is all the scanner has to understand).
#include "input/json_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <system_error>
#include <unordered_set>
#include <utility>

#include "base/file_kind.h"
#include "base/utf8.h"

namespace zjgr::input {
namespace {

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// nlohmann's message with nothing of the file's own text in it: the file may be one aimed at
// by mistake (a layout path naming a file of secrets), and the position says where to look.
// "parse error at line 1, column 9: syntax error while parsing value - invalid literal; last
// read: '<the file's text>'; expected '}'" keeps "syntax error … invalid literal" and the
// "expected" part when that names a token of JSON's grammar; a number too large is said in words.
std::string syntax_message(const nlohmann::detail::exception& ex) {
  if (ex.id == 406) return "number overflow: a number too large for a double";
  std::string message = ex.what();
  if (const auto at = message.find("syntax error"); at != std::string::npos) message = message.substr(at);
  const auto last = message.find("; last read:");
  if (last == std::string::npos) return message;
  static const char* const kTokens[] = {"'['", "'{'", "']'", "'}'", "':'", "','", "end of input", "string literal",
                                        "number literal", "true literal", "false literal", "null literal",
                                        "'[', '{', or a literal"};
  const std::string expected = "; expected ";
  const auto tail = message.rfind(expected);
  std::string kept = message.substr(0, last);
  if (tail != std::string::npos && tail > last) {
    const std::string token = message.substr(tail + expected.size());
    if (std::find(std::begin(kTokens), std::end(kTokens), token) != std::end(kTokens)) kept += expected + token;
  }
  return kept;
}

/// Walks the text in step with the SAX events, counting lines and code-point columns.
class PositionScanner {
 public:
  explicit PositionScanner(std::string_view text) : text_(text) {}

  struct Token {
    int line = 0, column = 0;
    bool is_key = false;
  };

  /// The next value or key: skips separators and closing brackets, then one token.
  Token next() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (is_json_space(c) || c == ',' || c == ':' || c == ']' || c == '}') {
        advance(1);
      } else {
        break;
      }
    }
    Token token{line_, column_, false};
    if (pos_ >= text_.size()) return token;
    const char c = text_[pos_];
    if (c == '{' || c == '[') {
      advance(1);
    } else if (c == '"') {
      std::size_t end = pos_ + 1;
      while (end < text_.size() && text_[end] != '"') end += text_[end] == '\\' ? 2 : 1;
      advance(std::min(end + 1, text_.size()) - pos_);
      std::size_t peek = pos_;
      while (peek < text_.size() && is_json_space(text_[peek])) ++peek;
      token.is_key = peek < text_.size() && text_[peek] == ':';
    } else {
      std::size_t end = pos_;
      while (end < text_.size() && !is_json_space(text_[end]) && text_[end] != ',' && text_[end] != ']' &&
             text_[end] != '}' && text_[end] != ':') {
        ++end;
      }
      advance(std::max<std::size_t>(end - pos_, 1));
    }
    return token;
  }

 private:
  void advance(std::size_t n) {
    for (std::size_t end = std::min(pos_ + n, text_.size()); pos_ < end; ++pos_) {
      const char c = text_[pos_];
      if (c == '\n') {
        ++line_;
        column_ = 1;
      } else if (!is_utf8_continuation(c)) {
        ++column_;
      }
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1, column_ = 1;
};

/// Builds the JsonValue tree from nlohmann's SAX events, checking duplicate keys and depth.
class TreeBuilder final : public nlohmann::json_sax<nlohmann::json> {
 public:
  TreeBuilder(std::string_view text, const std::string& file, Diagnostics& diagnostics)
      : text_(text), scanner_(text), file_(file), diagnostics_(diagnostics) {}

  std::optional<JsonValue>& root() { return root_; }
  bool failed() const { return failed_; }

  bool null() override { return scalar(JsonValue{}); }
  bool boolean(bool b) override {
    JsonValue v;
    v.kind = JsonKind::Boolean;
    v.boolean = b;
    return scalar(std::move(v));
  }
  bool number_integer(number_integer_t n) override {
    JsonValue v;
    v.kind = JsonKind::Integer;
    v.integer = n;
    v.number = static_cast<double>(n);
    v.text = std::to_string(n);
    return scalar(std::move(v));
  }
  bool number_unsigned(number_unsigned_t n) override {
    JsonValue v;
    v.text = std::to_string(n);
    v.number = static_cast<double>(n);
    if (n <= static_cast<number_unsigned_t>(INT64_MAX)) {
      v.kind = JsonKind::Integer;
      v.integer = static_cast<std::int64_t>(n);
    } else {
      v.kind = JsonKind::Float;  // too large for any integer field: reads as a number
    }
    return scalar(std::move(v));
  }
  bool number_float(number_float_t x, const string_t& written) override {
    JsonValue v;
    v.kind = JsonKind::Float;
    v.number = x;
    v.text = written;
    return scalar(std::move(v));
  }
  bool string(string_t& s) override {
    JsonValue v;
    v.kind = JsonKind::String;
    v.text = std::move(s);
    return scalar(std::move(v));
  }
  bool binary(binary_t&) override { return scalar(JsonValue{}); }  // never produced by JSON text

  bool start_object(std::size_t) override { return open(JsonKind::Object); }
  bool start_array(std::size_t) override { return open(JsonKind::Array); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& k) override {
    const PositionScanner::Token token = scanner_.next();
    Frame& frame = stack_.back();
    frame.key = k;
    frame.key_line = token.line;
    frame.key_column = token.column;
    frame.skip_value = false;
    if (!frame.seen.insert(k).second) {
      // nlohmann would silently keep the last one; a repeated key is almost always a mistake.
      diagnostics_.error("duplicate-key", "duplicate key \"" + k + "\"",
                         SourceRef{file_, current_pointer(), token.line, token.column, {}},
                         {"each key may appear once per object; the first one is used"});
      frame.skip_value = true;
      failed_ = true;
    }
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    // nlohmann's position counts the bytes read; the offending byte is the last of them.
    const std::size_t offset = std::min(position > 0 ? position - 1 : 0, text_.size());
    const auto [line, column] = line_column(text_, offset);
    const std::string message = syntax_message(ex);
    std::vector<std::string> hints;
    std::size_t before = offset;
    while (before > 0 && is_json_space(text_[before - 1])) --before;
    if (offset < text_.size() && (text_[offset] == ']' || text_[offset] == '}') && before > 0 &&
        text_[before - 1] == ',') {
      hints.push_back("JSON allows no comma after the last element");
    }
    if (offset >= text_.size()) hints.push_back("the file ends early: is a closing bracket missing?");
    diagnostics_.error("json-syntax", message, SourceRef{file_, current_pointer(), line, column, {}}, std::move(hints));
    failed_ = true;
    return false;
  }

 private:
  struct Frame {
    JsonValue value;
    std::string key;  // object: the key whose value comes next
    int key_line = 0, key_column = 0;
    bool skip_value = false;  // the value of a duplicate key is dropped
    std::unordered_set<std::string> seen;
  };

  // The pointer of the value about to be added at the top of the stack.
  std::string current_pointer() const {
    std::string pointer;
    for (const Frame& frame : stack_) {
      if (frame.value.kind == JsonKind::Array) {
        pointer = json_pointer_append(pointer, std::to_string(frame.value.items.size()));
      } else {
        pointer = json_pointer_append(pointer, frame.key);
      }
    }
    return pointer;
  }

  // Counts one more value; past the limit, reports it and stops the parse before the tree grows.
  bool count_value(const PositionScanner::Token& token) {
    if (++values_ <= kMaxValues) return true;
    diagnostics_.error("too-many-values",
                       "the file has more than " + std::to_string(kMaxValues) + " JSON values, the limit for one file",
                       SourceRef{file_, current_pointer(), token.line, token.column, {}},
                       {"an article has at most " + std::to_string(limits::kMaxArticleBlocks) +
                        " paragraphs; is the file generated by mistake?"});
    failed_ = true;
    return false;
  }

  bool scalar(JsonValue v) {
    const PositionScanner::Token token = scanner_.next();
    if (!count_value(token)) return false;
    v.line = token.line;
    v.column = token.column;
    add(std::move(v));
    return true;
  }

  bool open(JsonKind kind) {
    const PositionScanner::Token token = scanner_.next();
    if (!count_value(token)) return false;
    if (stack_.size() >= static_cast<std::size_t>(kMaxDepth)) {
      // Stop here rather than build (and later copy or destroy recursively) a hostile tree.
      diagnostics_.error("too-deep", "nesting is deeper than " + std::to_string(kMaxDepth) + " levels",
                         SourceRef{file_, current_pointer(), token.line, token.column, {}});
      failed_ = true;
      return false;
    }
    Frame frame;
    frame.value.kind = kind;
    frame.value.line = token.line;
    frame.value.column = token.column;
    stack_.push_back(std::move(frame));
    return true;
  }

  bool close() {
    JsonValue done = std::move(stack_.back().value);
    stack_.pop_back();
    add(std::move(done));
    return true;
  }

  void add(JsonValue v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return;
    }
    Frame& top = stack_.back();
    if (top.value.kind == JsonKind::Array) {
      top.value.items.push_back(std::move(v));
    } else if (top.skip_value) {
      top.skip_value = false;
    } else {
      top.value.members.push_back(JsonMember{top.key, top.key_line, top.key_column, std::move(v)});
    }
  }

  std::string_view text_;
  PositionScanner scanner_;
  const std::string& file_;
  Diagnostics& diagnostics_;
  std::vector<Frame> stack_;
  std::optional<JsonValue> root_;
  std::size_t values_ = 0;
  bool failed_ = false;
};

std::string shorten(std::string_view text) {
  constexpr std::size_t kMax = 40;
  if (text.size() <= kMax) return std::string(text);
  std::size_t cut = kMax;
  while (cut > 0 && is_utf8_continuation(text[cut])) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

}  // namespace

const JsonValue* JsonValue::find(std::string_view key) const {
  for (const JsonMember& m : members) {
    if (m.key == key) return &m.value;
  }
  return nullptr;
}

std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if (!is_utf8_continuation(text[i])) {
      ++column;
    }
  }
  return {line, column};
}

std::string json_pointer_append(const std::string& parent, std::string_view token) {
  std::string out = parent + "/";
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string describe(const JsonValue& value) {
  switch (value.kind) {
    case JsonKind::Null: return "null";
    case JsonKind::Boolean: return value.boolean ? "true (a boolean)" : "false (a boolean)";
    case JsonKind::Integer:
    case JsonKind::Float: return value.text + " (a number)";
    case JsonKind::String: return "\"" + shorten(value.text) + "\" (a string)";
    case JsonKind::Array: return "an array";
    case JsonKind::Object: return "an object";
  }
  return "a value";
}

std::optional<JsonValue> parse_json(std::string_view text, const std::string& file, Diagnostics& diagnostics) {
  if (text.size() > kMaxFileBytes) {
    diagnostics.error("file-too-large",
                      "file is " + std::to_string(text.size()) + " bytes, more than the limit of " +
                          std::to_string(kMaxFileBytes),
                      SourceRef{file, "", 0, 0, {}});
    return std::nullopt;
  }
  bool ok = true;
  // A BOM is not JSON (RFC 8259 §8.1); report it, then read on so that other errors show too.
  if (text.starts_with("\xEF\xBB\xBF")) {
    diagnostics.error("utf8-bom", "file starts with a UTF-8 byte order mark", SourceRef{file, "", 1, 1, {}},
                      {"save the file as UTF-8 without BOM"});
    text.remove_prefix(3);
    ok = false;
  }
  if (const auto bad = find_invalid_utf8(text)) {
    const auto [line, column] = line_column(text, *bad);
    diagnostics.error("invalid-utf8", "invalid UTF-8 at byte " + std::to_string(*bad), SourceRef{file, "", line, column, {}},
                      {"the file must be saved as UTF-8 (it may be GBK or GB 18030)"});
    return std::nullopt;
  }
  TreeBuilder builder(text, file, diagnostics);
  const bool parsed = nlohmann::json::sax_parse(text.begin(), text.end(), &builder);
  if (!parsed || builder.failed() || !ok) return std::nullopt;
  return std::move(builder.root());
}

std::optional<std::string> read_file(const std::filesystem::path& path, const std::string& shown,
                                     Diagnostics& diagnostics) {
  std::error_code ec;
  if (const std::string why = why_not_a_file(path); !why.empty()) {
    diagnostics.error("file-not-found", "\"" + shown + "\" " + why, SourceRef{shown, "", 0, 0, {}});
    return std::nullopt;
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxFileBytes) {
    diagnostics.error("file-too-large",
                      "file is " + std::to_string(size) + " bytes, more than the limit of " +
                          std::to_string(kMaxFileBytes),
                      SourceRef{shown, "", 0, 0, {}});
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.error("read-error", "cannot read \"" + shown + "\"", SourceRef{shown, "", 0, 0, {}});
    return std::nullopt;
  }
  // Read in chunks and stop past the cap: the size above may be stale or unknown (pipes).
  std::string data;
  std::vector<char> chunk(64 * 1024);
  while (data.size() <= kMaxFileBytes) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = in.gcount();
    if (got <= 0) break;
    data.append(chunk.data(), static_cast<std::size_t>(got));
  }
  if (in.bad()) {
    diagnostics.error("read-error", "cannot read \"" + shown + "\"", SourceRef{shown, "", 0, 0, {}});
    return std::nullopt;
  }
  if (data.size() > kMaxFileBytes) {
    diagnostics.error("file-too-large", "file is larger than the limit of " + std::to_string(kMaxFileBytes) + " bytes",
                      SourceRef{shown, "", 0, 0, {}});
    return std::nullopt;
  }
  return data;
}

std::optional<JsonValue> read_json_file(const std::filesystem::path& path, const std::string& shown,
                                        Diagnostics& diagnostics) {
  auto text = read_file(path, shown, diagnostics);
  if (!text) return std::nullopt;
  return parse_json(*text, shown, diagnostics);
}

}  // namespace zjgr::input
