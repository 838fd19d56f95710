// The page grid: type area, column measure in whole body characters (CLREQ P1), gutters and the
// baseline grid shared by every column of the page (P2). Pure arithmetic on the layout.
#pragma once

#include <string>

#include "base/geometry.h"
#include "model/layout.h"

namespace zjgr::layout {

/// Where columns and grid lines are on a page. Line i's box spans [line_top(i), line_top(i)+pitch).
struct PageGrid {
  Rect type_area;          ///< trim-relative
  int columns = 1;
  Length measure;          ///< one column's width: a whole number of body characters
  Length gutter;           ///< distributed so the columns fill the type area's width exactly
  Length pitch;            ///< baseline-to-baseline distance of body text
  Length body_size;        ///< the body style's font size (1 body em)
  int lines = 1;           ///< grid lines in the type area
  Length baseline_offset;  ///< from a line box's top to its baseline
  std::string body_style;  ///< name of the style that defines the grid

  /// Left edge of 0-based column `c`.
  Length column_x(int c) const { return type_area.left() + (measure + gutter) * static_cast<std::int64_t>(c); }
  /// Width of `span` columns with the gutters between them.
  Length span_width(int span) const { return measure * static_cast<std::int64_t>(span) + gutter * static_cast<std::int64_t>(span - 1); }
  Length line_top(int line) const { return type_area.top() + pitch * static_cast<std::int64_t>(line); }
  Length baseline(int line) const { return line_top(line) + baseline_offset; }
  /// Whole body characters that fit in `width`.
  int characters_in(Length width) const { return static_cast<int>(width.raw() / body_size.raw()); }
};

/// The height of `rows` grid rows (line boxes), from the top of the first to the top of the next.
inline Length rows_height(const PageGrid& grid, int rows) { return grid.pitch * static_cast<std::int64_t>(rows); }

/// The grid of `layout` (page 1; inside/outside margins mirror on even pages).
PageGrid make_grid(const model::Layout& layout, int page_number);

}  // namespace zjgr::layout
