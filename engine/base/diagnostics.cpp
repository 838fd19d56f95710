#include "base/diagnostics.h"

#include <initializer_list>
#include <utility>

#include "base/limits.h"

namespace zjgr {

void Diagnostics::error(std::string code, std::string message, SourceRef where, std::vector<std::string> hints) {
  add({Severity::Error, std::move(code), std::move(message), std::move(where), std::move(hints)});
}

void Diagnostics::warning(std::string code, std::string message, SourceRef where, std::vector<std::string> hints) {
  add({Severity::Warning, std::move(code), std::move(message), std::move(where), std::move(hints)});
}

void Diagnostics::count(Severity severity, std::size_t n) {
  (severity == Severity::Error ? errors_ : warnings_) += n;
}

namespace {

// What makes two diagnostics the same report: severity, code, message and every part of where.
std::string identity(const Diagnostic& d) {
  std::string id = d.severity == Severity::Error ? "e" : "w";
  for (const std::string* part : {&d.code, &d.message, &d.where.file, &d.where.json_pointer}) id += *part + '\0';
  for (std::size_t n : {static_cast<std::size_t>(d.where.line), static_cast<std::size_t>(d.where.column),
                        d.where.chars.begin, d.where.chars.end}) {
    id += std::to_string(n) + ',';
  }
  return id;
}

}  // namespace

void Diagnostics::add(Diagnostic d) {
  // The same problem met twice (a damaged photo decoded for the PDF and again for a proof, say)
  // is one problem: reported and counted once.
  std::string id = identity(d);
  if (kept_.count(id) != 0) return;
  count(d.severity, 1);
  std::size_t& reported = reported_[Key{d.severity, d.code}];
  if (++reported <= limits::kMaxDiagnosticsPerCode) {
    kept_.insert(std::move(id));
    items_.push_back(std::move(d));
  }
}

bool Diagnostics::keeps(Severity severity, const std::string& code) const {
  const auto it = reported_.find(Key{severity, code});
  return it == reported_.end() || it->second < limits::kMaxDiagnosticsPerCode;
}

void Diagnostics::count_omitted(Severity severity, const std::string& code) {
  count(severity, 1);
  ++reported_[Key{severity, code}];
}

void Diagnostics::add_all(const Diagnostics& other) {
  for (const Diagnostic& d : other.items_) add(d);
  for (const auto& [key, n] : other.omitted()) {
    count(key.first, n);
    reported_[key] += n;
  }
}

std::map<Diagnostics::Key, std::size_t> Diagnostics::omitted() const {
  std::map<Key, std::size_t> out;
  for (const auto& [key, n] : reported_) {
    if (n > limits::kMaxDiagnosticsPerCode) out.emplace(key, n - limits::kMaxDiagnosticsPerCode);
  }
  return out;
}

std::string counted(long long n, std::string_view unit, std::string_view plural) {
  std::string out = std::to_string(n) + " ";
  if (n == 1 || n == -1) return out.append(unit);
  if (!plural.empty()) return out.append(plural);
  return out.append(unit).append("s");
}

std::string format_omitted(const Diagnostics::Key& key, std::size_t count) {
  return std::string(key.first == Severity::Error ? "error[" : "warning[") + key.second + "]: " +
         std::to_string(count) + " more like this not shown (only the first " +
         std::to_string(limits::kMaxDiagnosticsPerCode) + " of a kind are listed)";
}

std::string format(const Diagnostic& d) {
  std::string out = d.severity == Severity::Error ? "error[" : "warning[";
  out += d.code + "]: " + d.message;
  if (!d.where.file.empty()) {
    out += "\n  --> " + d.where.file;
    if (!d.where.json_pointer.empty()) out += ":" + d.where.json_pointer;
    if (d.where.line > 0) out += " (line " + std::to_string(d.where.line) + ", column " + std::to_string(d.where.column) + ")";
    if (!d.where.chars.empty()) out += " (bytes " + std::to_string(d.where.chars.begin) + "-" + std::to_string(d.where.chars.end) + ")";
  }
  for (const auto& h : d.hints) out += "\n  = hint: " + h;
  return out;
}

bool is_environment_fault(const Diagnostic& d) {
  return d.severity == Severity::Error &&
         (d.code == "write-failed" || d.code == "out-of-memory" || d.code == "font-system-failed");
}

std::string span_text(int first, int last) {
  return first == last ? std::to_string(first) : std::to_string(first) + "–" + std::to_string(last);
}

}  // namespace zjgr
