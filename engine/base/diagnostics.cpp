#include "base/diagnostics.h"

#include <utility>

namespace zjgr {

void Diagnostics::error(std::string code, std::string message, SourceRef where, std::vector<std::string> hints) {
  add({Severity::Error, std::move(code), std::move(message), std::move(where), std::move(hints)});
}

void Diagnostics::warning(std::string code, std::string message, SourceRef where, std::vector<std::string> hints) {
  add({Severity::Warning, std::move(code), std::move(message), std::move(where), std::move(hints)});
}

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::Error) ++errors_;
  items_.push_back(std::move(d));
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

}  // namespace zjgr
