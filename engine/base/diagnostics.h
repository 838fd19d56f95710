// Diagnostics: input errors and typesetting warnings, collected (never thrown) with where in
// the input they come from. Every stage takes a Diagnostics& sink; the CLI decides the exit code.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zjgr {

enum class Severity : std::uint8_t { Error, Warning };

/// A half-open range of byte offsets into a paragraph's UTF-8 text.
struct TextRange {
  std::size_t begin = 0, end = 0;
  bool empty() const { return begin >= end; }
  bool operator==(const TextRange&) const = default;
};

/// Where in the input a problem comes from.
struct SourceRef {
  std::string file;          ///< as the user would find it, e.g. "examples/x/articles/a.json"
  std::string json_pointer;  ///< RFC 6901, e.g. "/pages/0/articles/1/span"; empty for the whole file
  int line = 0, column = 0;  ///< 1-based; 0 when unknown
  TextRange chars;           ///< for layout warnings: the affected text of a paragraph
  bool operator==(const SourceRef&) const = default;
};

/// One problem: a stable kebab-case code, a lowercase message without final period, and hints.
struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;
  std::string message;
  SourceRef where;
  std::vector<std::string> hints;
};

/// The sink every stage reports into. Every diagnostic is counted, but only the first
/// limits::kMaxDiagnosticsPerCode of each severity and code are kept (200,000 unknown keys must
/// not become 200,000 stored messages, nor 30 MB on stderr); omitted() has the rest's counts.
/// A diagnostic equal to one kept (severity, code, message, file, pointer, line, column and
/// text range) is the same report again and is neither kept nor counted a second time.
class Diagnostics {
 public:
  void error(std::string code, std::string message, SourceRef where = {}, std::vector<std::string> hints = {});
  void warning(std::string code, std::string message, SourceRef where = {}, std::vector<std::string> hints = {});
  void add(Diagnostic d);
  /// Adds what `other` kept and counted (its omitted ones stay omitted, and counted).
  void add_all(const Diagnostics& other);

  /// Whether the next diagnostic of this severity and code would be kept. A reporter that meets
  /// the same problem many times asks first and only counts the rest (count_omitted), so that
  /// building messages and suggestions it would throw away costs nothing.
  bool keeps(Severity severity, const std::string& code) const;
  /// Counts one diagnostic of this kind that keeps() said would not be kept.
  void count_omitted(Severity severity, const std::string& code);

  bool has_errors() const { return errors_ > 0; }
  /// Counts of every diagnostic reported, kept or not.
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return warnings_; }
  /// The diagnostics kept, in the order they were reported.
  const std::vector<Diagnostic>& items() const { return items_; }

  /// Diagnostics counted but not kept, by severity and code (only codes with any).
  using Key = std::pair<Severity, std::string>;
  std::map<Key, std::size_t> omitted() const;

 private:
  void count(Severity severity, std::size_t n);

  std::vector<Diagnostic> items_;
  std::set<std::string> kept_;  ///< the identity of each item kept, for add()'s duplicates
  std::map<Key, std::size_t> reported_;  ///< every diagnostic reported, by severity and code
  std::size_t errors_ = 0, warnings_ = 0;
};

/// A count with its unit, singular or plural: counted(1, "column-line") is "1 column-line",
/// counted(3, "column-line") "3 column-lines". `plural` is for a unit that does not just take
/// an s. Every count in a message names its unit through this (README: figures with their units).
std::string counted(long long n, std::string_view unit, std::string_view plural = {});
/// A range of numbered things as a message says it: "3" or "3–5".
std::string span_text(int first, int last);

/// "error[unknown-key]: 199900 more like this not shown" for one entry of omitted().
std::string format_omitted(const Diagnostics::Key& key, std::size_t count);

/// Whether an error is the machine's fault rather than the input's or the command line's: an
/// output that cannot be written ("write-failed": a full disk, an unwritable folder), memory
/// ("out-of-memory") or the font system ("font-system-failed") giving out. The CLI exits with
/// status 3 for these and 1 for every other error (README, "Exit status").
bool is_environment_fault(const Diagnostic& d);

/// "error[unknown-key]: unknown key "colums" at issue.json:/pages/0/articles/1 (12:7)" plus hints.
std::string format(const Diagnostic& d);

}  // namespace zjgr
