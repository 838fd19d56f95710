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

/// One column of an area: its left edge and width, and the grid lines [first_line, end_line).
struct ColumnSlot {
  Length x;
  Length width;
  int first_line = 0;
  int end_line = 0;
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

/// The smallest column depth, in grid lines from `body_top`, at which all items fit in the slots
/// (P4: balanced columns have equal line counts, the last possibly shorter); at most `max_lines`.
int balanced_depth(std::span<const VItem> items, std::span<const ColumnSlot> slots, int body_top, int max_lines);

}  // namespace zjgr::layout
