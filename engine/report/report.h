// report.json (warnings, overset and underset, photos, fonts, timings: machine-readable, for the
// production workflow and for --strict) and the layout dump (every set line: for debugging and
// for the text goldens).
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostics.h"
#include "layout/result.h"

namespace zjgr::report {

/// Facts about the run that layout does not know.
struct RunInfo {
  std::string issue_file;
  std::string pdf;
  std::vector<std::string> fonts;                       ///< "family (file, face N)"
  std::vector<std::pair<std::string, double>> timings;  ///< stage → milliseconds
};

/// The report as JSON text (stable key order, so reports diff cleanly).
std::string report_json(const layout::LayoutResult& result, const Diagnostics& diagnostics, const RunInfo& run);

/// One line per set line: page, area, role, column, x, y, width, natural, ratio, break rule, text.
std::string layout_dump(const layout::LayoutResult& result);

}  // namespace zjgr::report
