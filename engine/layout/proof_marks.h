// Marks for the editor on PNG proofs, never printed: an overset area's outline, translucent bands
// over the rows where text stops or is missing, and small labels (超 3 行 / 31 字, 空 2 行). They
// are built here as ordinary frame items; the caller puts them in a proof-only group.
#pragma once

#include <string>
#include <vector>

#include "frame/frame.h"
#include "layout/grid.h"
#include "layout/styles.h"

namespace zjgr::layout {

/// The colours of the marks: overset (text that did not fit) and empty space (underset, holes).
inline constexpr frame::Color kOversetMark{210, 0, 0};
inline constexpr frame::Color kEmptyMark{0, 90, 210};
/// The colour of a copyfitted area's label (what was changed to make it fit).
inline constexpr frame::Color kFittedMark{0, 120, 60};

/// A translucent band over `rect`: the text under it stays readable.
void mark_band(frame::Frame& marks, Rect rect, frame::Color color);

/// An outline around `rect`.
void mark_outline(frame::Frame& marks, Rect rect, frame::Color color);

/// Which corner of a label a point gives.
enum class Corner { TopRight, BottomRight };

/// A small label with its `corner` at `at`, on a translucent white ground; its text in the body
/// style's fonts at 7 pt.
void mark_label(frame::Frame& marks, Point at, Corner corner, const std::string& text, frame::Color color,
                const PageGrid& grid, StyleBook& styles, Diagnostics& diagnostics);

/// The label of copy left over: `超 8 行 / 87 字` (column-lines, characters).
std::string overset_label(int column_lines, int chars);

/// The label of empty rows, given the empty rows of each column that has any: `空 4 行` in one
/// column, `空 4 行 × 2 栏` when it is 4 rows in each of 2 columns, `空 66 行（约 14 行 × 5 栏）`
/// when the columns differ (66 column-lines, about 14 rows each, rounded up).
std::string empty_label(const std::vector<int>& rows_per_column);

/// A note for the page margin about one area (proofs only): what copyfitting did, the copy that
/// did not fit. Notes stand in the side margins, never over the type area.
struct MarginNote {
  Rect area;                  ///< the area it speaks of, trim-relative
  std::string text;           ///< paragraphs separated by '\n'
  frame::Color color;
};

/// Sets `notes` in the side margins of a page `page_width` wide: each in the margin nearer its
/// area, its top level with the area's top, or below the note before it in that margin when
/// they would overlap; in lines of 6 pt, at most as tall as its area (at least 4 lines), the
/// last ending in … when the text is longer. A hairline joins note and area: it runs in the leading above the area's
/// first row (where no line of the grid has glyphs) and down the margin, never across a line of
/// text. A margin too narrow for a readable note gets none (the report lists the text).
void place_margin_notes(frame::Frame& marks, std::vector<MarginNote> notes, Length page_width, const PageGrid& grid,
                        StyleBook& styles, Diagnostics& diagnostics);

}  // namespace zjgr::layout
