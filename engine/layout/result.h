// What layout hands on: the Document for render, and the facts the report and the layout dump
// show (every line's position and fit, every area's overset and underset).
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "frame/document.h"
#include "layout/styles.h"

namespace zjgr::layout {

/// One set line, as --dump-layout prints it. Positions are trim-relative, y is the baseline.
struct LineRecord {
  int page = 0;
  std::string area;        ///< article id (or "template")
  std::string role;        ///< "body", "headline", "kicker", "subheadline", "byline", "subhead", "caption", "jump", "template"
  int column = 0;          ///< 1-based column inside the area (0 for headings across it)
  Length x, y;
  Length width;            ///< the measure
  Length natural;          ///< natural width of the content
  double ratio = 0;        ///< adjustment ratio
  std::string ended_by;    ///< the rule that decided the break
  std::string text;
};

/// Fit of one placed area.
struct AreaReport {
  int page = 0;
  std::string article;
  int column = 0, span = 0, line = 0;
  int lines = 0;                ///< grid lines the area occupies
  int body_lines_capacity = 0;  ///< lines available for body text across its columns
  int body_lines_used = 0;
  int overset_lines = 0;        ///< lines that did not fit (and were not jumped)
  int overset_chars = 0;
  int underset_lines = 0;       ///< empty lines left at the foot of its columns
  int jumped_lines = 0;         ///< lines carried to the continuation page
  int continue_page = 0;        ///< 下转第N版, 0 if none
  SourceRef where;
};

/// A photo as placed, for the report (effective resolution).
struct PhotoReport {
  int page = 0;
  std::string article;
  std::string path;
  int pixel_width = 0, pixel_height = 0;
  Length width, height;      ///< placed size of the image
  Rect block;                ///< the photo with its caption and the space below, trim-relative
  double effective_ppi = 0;  ///< pixels per inch at the placed size
};

struct PageReport {
  int number = 0;
  int articles = 0;
  int lines = 0;
  double milliseconds = 0;
};

struct LayoutResult {
  frame::Document document;
  std::vector<LineRecord> lines;
  std::vector<AreaReport> areas;
  std::vector<PhotoReport> photos;
  std::vector<PageReport> pages;
  TextStats stats;
};

}  // namespace zjgr::layout
