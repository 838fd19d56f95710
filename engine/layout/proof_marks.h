// Marks for the editor on PNG proofs, never printed: an overset area's outline, translucent bands
// over the rows where text stops or is missing, and small labels (超 3 行 / 31 字, 空 2 行). They
// are built here as ordinary frame items; the caller puts them in a proof-only group.
#pragma once

#include <string>

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

/// A note listing text (the overset copy) in a box of `width` whose top left is at `at`, at most
/// `max_lines` lines of 6 pt, the last ending in … when the text is longer.
void mark_note(frame::Frame& marks, Point at, Length width, const std::string& text, int max_lines,
               frame::Color color, const PageGrid& grid, StyleBook& styles, Diagnostics& diagnostics);

}  // namespace zjgr::layout
