// What layout hands on: the Document for render, and the facts the report and the layout dump
// show (every line's position and fit, every area's overset and underset).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "compose/paragraph.h"
#include "frame/document.h"
#include "layout/styles.h"

namespace zjgr::layout {

/// What a set line is, as --dump-layout prints it (to_string).
enum class LineRole { Body, Headline, Kicker, Subheadline, Byline, Subhead, Caption, Jump, Template, Proof };
std::string_view to_string(LineRole role);

/// One set line, as --dump-layout prints it. Positions are trim-relative, y is the baseline.
struct LineRecord {
  int page = 0;
  std::string area;        ///< article id (or "template")
  LineRole role = LineRole::Body;
  int column = 0;          ///< 1-based column inside the area (0 for headings across it)
  Length x, y;
  Length width;            ///< the measure
  Length natural;          ///< natural width of the content
  double ratio = 0;        ///< adjustment ratio
  compose::EndedBy ended_by = compose::EndedBy::ParagraphEnd;  ///< the rule that decided the break
  std::string text;
  /// 竖排: the line runs top to bottom; x is its centre axis, y the top of its first cell.
  bool vertical = false;
};

/// A run of empty grid rows: inside one body column of an area (`article` set, columns are the
/// article's own, 1-based), or a band between areas on a page (`article` empty, grid columns).
struct Hole {
  int page = 0;
  std::string article;
  int first_column = 0, last_column = 0;  ///< 1-based, inclusive
  int first_row = 0, rows = 0;            ///< page grid rows [first_row, first_row + rows)
  bool foot = false;                      ///< a band from the last area of its columns to the type area's foot
};

/// What copyfitting came to: the copy filled the area as it came, or after its steps, or the best
/// setting it found still leaves copy over or rows empty. to_string gives the report's word.
enum class FitResult { AsSet, Fitted, Overset, Underset };
std::string_view to_string(FitResult result);

/// What copyfitting did to an area (issue 13), and what it could not do.
struct CopyfitReport {
  FitResult result = FitResult::AsSet;
  int trials = 0;               ///< settings of the area tried
  bool squeezed = false;        ///< paragraphs broken into as few lines as the rules allow
  Length headline_from, headline_to;  ///< the 主题's size before and after (equal: unchanged)
  int photo_rows = 0;           ///< rows each photo gained (negative: lost)
  int head_rows = 0;            ///< rows the headline group gained
  int overset_column_lines_before = 0, underset_column_lines_before = 0;  ///< before fitting
  int cut_chars = 0;            ///< still overset: characters to cut …
  int cut_from_paragraph = 0;   ///< … from this paragraph (1-based) on …
  std::string last_fitting_sentence;  ///< … keeping the copy up to this sentence
  int missing_chars = 0;        ///< still underset: about this many characters more would fill it (full lines of its columns)
};

/// An area's share of a stack of placements that fill a band of rows together (issue 13).
struct StackShare {
  int band_first_row = 0, band_rows = 0;  ///< the page rows the stack shares
  int areas = 0;                          ///< areas in the stack
  int natural_rows = 0;                   ///< rows the area's copy took, set as it came (one that jumps: its rows)
  int rows = 0;                           ///< rows it was given (the difference moved to or from the others)
  bool takes_rest = false;                ///< it jumps, and took the rows the others left
};

/// Fit of one placed area. Every count names its unit: rows (grid lines of the area),
/// column-lines (one row of one column: rows × columns), characters.
struct AreaReport {
  int page = 0;
  std::string article;
  int column = 0, span = 0;       ///< 1-based grid column, grid columns
  int row = 0;                    ///< first grid row of the area
  int rows = 0;                   ///< grid rows the area occupies
  int columns = 0;                ///< body columns (the article's own count under 破栏)
  Length measure;                 ///< their width (under 破栏 not the grid's)
  int capacity_column_lines = 0;  ///< body column-lines: below the headline group, beside the photos
  int used_column_lines = 0;
  int overset_column_lines = 0;   ///< body lines that did not fit (and were not jumped)
  int overset_chars = 0;
  std::string overset_text;       ///< the copy that did not fit, as it would have been set
  int overset_from_paragraph = 0; ///< 1-based paragraph where the overset copy begins (0: none)
  int underset_column_lines = 0;  ///< empty column-lines at the foot of a fixed-height area's columns
  int jumped_column_lines = 0;    ///< lines carried to the continuation page
  int photo_overflow_rows = 0;    ///< rows a photo reaches below a fixed area's foot, over what is there
  int continue_page = 0;          ///< 下转第N版, 0 if none
  std::vector<Hole> holes;        ///< runs of more than two empty rows in a body column
  std::optional<CopyfitReport> copyfit;  ///< when the area was fitted (a policy, a fixed size)
  std::optional<StackShare> stack;       ///< when the area's height was shared out by its stack ("lines": "fill")
  bool vertical_headline = false;        ///< the headline group stands in a vertical strip (竖排)
  bool vertical = false;                 ///< the whole article is set 竖排 (columns count its vertical lines)
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
  std::vector<Hole> bands;     ///< runs of more than two empty rows between areas, per column run
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
