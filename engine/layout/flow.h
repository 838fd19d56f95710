// Column flow: places an article's VItems into the columns of its area, line by line on the
// baseline grid, keeping headings with what follows (P5) and no paragraph's last line alone at
// the top of a column (孤行, H3). "Column full" is a result, not an error: what does not fit is
// returned for a jump or reported as overset.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "layout/block.h"

namespace zjgr::layout {

/// A run of grid lines [first_line, end_line) of one column of an area. A column with a photo
/// in it has a slot above the photo (closed: it ends at the photo) and one below (open: it ends
/// where the area ends).
struct ColumnSlot {
  Length x;
  Length width;
  int first_line = 0;
  int end_line = 0;
  int column = 0;          ///< 0-based column of the article this slot belongs to
  bool open_end = true;    ///< ends at the area's foot (set by the area), not at a photo
};

/// Where each placed item went.
struct Placed {
  std::size_t item = 0;
  int slot = 0;
  int line = 0;   ///< grid line of its first line box
};

struct FlowResult {
  std::vector<Placed> placed;      ///< items [0, placed.size()) in order
  std::vector<int> lines_used;     ///< per slot: grid lines filled from first_line
  std::size_t next_item = 0;       ///< first item that did not fit (== items.size() when all fit)
};

/// Fills the slots in order with items [first, items.size()).
FlowResult flow(std::span<const VItem> items, std::span<const ColumnSlot> slots);

/// The smallest depth, in grid lines from `body_top`, of the open-ended slots at which all items
/// fit (P4: balanced columns have equal line counts, the last possibly shorter); at least
/// `min_depth`, at most `max_lines`.
int balanced_depth(std::span<const VItem> items, std::span<const ColumnSlot> slots, int body_top, int min_depth,
                   int max_lines);

}  // namespace zjgr::layout
