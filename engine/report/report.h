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

/// The preflight of the finished PDF as render read it back (the CLI copies render's results
/// here: report does not depend on render).
struct PdfPreflight {
  /// One check: name (kebab-case), whether it passed, what was found.
  struct Check { std::string name; bool passed = false; std::string detail; };
  /// One embedded font: BaseFont, font type, embedded, subset.
  struct Font { std::string name, type; bool embedded = false, subset = false; };
  /// One image: page, pixels, colour space, filter, most ink (CMYK only, percent), effective ppi
  /// where placed (lowest and highest axis; 0 = not placed by a page), JPEG quality (0 = not DCT).
  struct Image {
    int page = 0, width = 0, height = 0;
    std::string color_space, filter;
    double max_ink = 0, min_ppi = 0, max_ppi = 0;
    int jpeg_quality = 0;
  };
  /// One photo of the press file as made: placed size, the file's pixels and the JPEG's.
  struct PressPhoto {
    std::string path;
    double placed_width_pt = 0, placed_height_pt = 0;
    int source_width = 0, source_height = 0, width = 0, height = 0;
    double source_ppi = 0, output_ppi = 0;
    int quality = 0;
  };
  std::string mode;              ///< "print" (PDF/X-1a, CMYK) or "screen" (no PDF/X claim); empty = no pdf
  std::vector<Check> checks;
  std::vector<Font> fonts;
  std::vector<Image> images;
  std::vector<PressPhoto> press_photos;  ///< print only
};

/// Facts about the run that layout does not know.
struct RunInfo {
  std::string issue_file;
  std::string pdf;
  /// "with-layout": the PDF's pages were drawn as layout finished them (render::PdfStream);
  /// "after-layout": drawn from the finished document (a press file, a one-page issue, or a
  /// glyph the fonts' cut did not foresee). Empty: no PDF.
  std::string pdf_drawn;
  std::vector<std::string> fonts;                       ///< "family (file, face N)"
  std::vector<std::pair<std::string, double>> timings;  ///< stage → milliseconds
  PdfPreflight preflight;                               ///< the "preflight" section, when mode is set
};

/// The report as JSON text (stable key order, so reports diff cleanly).
std::string report_json(const layout::LayoutResult& result, const Diagnostics& diagnostics, const RunInfo& run);

/// One line per set line: page, area, role, column, x, y, width, natural, ratio, break rule, text.
std::string layout_dump(const layout::LayoutResult& result);

}  // namespace zjgr::report
