// Column flow: places an article's VItems into the columns of its area, line by line on the
// baseline grid, keeping headings with what follows (P5) and no line of a paragraph alone at the
// top or the foot of a column (孤行, H3). "Column full" is a result, not an error: what does not
// fit is returned for a jump or reported as overset. Column breaking (settle_columns) then
// re-breaks paragraphs a line longer or shorter so that those rules leave no column short.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
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

/// Why the flow left a slot for the next one.
enum class SlotEnd {
  Unused,      ///< the items ended before this slot (or it was never reached)
  Full,        ///< no row left
  TooTall,     ///< the next item is taller than the rows left
  Widow,       ///< H3: the paragraph's last line would have opened the next column alone
  Orphan,      ///< H3: a paragraph's first line would have ended this column alone
  Heading,     ///< P5: a heading would have ended this column without its first lines below it
};

struct FlowResult {
  std::vector<Placed> placed;      ///< items [0, placed.size()) in order
  std::vector<int> lines_used;     ///< per slot: grid lines filled from first_line
  std::vector<SlotEnd> ends;       ///< per slot: why the flow moved on
  std::size_t next_item = 0;       ///< first item that did not fit (== items.size() when all fit)
};

/// Fills the slots in order with items [first, items.size()).
FlowResult flow(std::span<const VItem> items, std::span<const ColumnSlot> slots);

/// A slot left with empty rows at its foot although the copy goes on in a later slot.
struct ColumnGap {
  int slot = 0;
  int rows = 0;
  SlotEnd why = SlotEnd::TooTall;
};
std::vector<ColumnGap> column_gaps(const FlowResult& flowed, std::span<const ColumnSlot> slots);

/// Another breaking of body paragraph `paragraph` (VItem::paragraph) with `looseness` lines more
/// (negative: fewer) than its normal breaking, as VItems; nothing when the rules allow none.
using Rebreak = std::function<std::optional<std::vector<VItem>>(int paragraph, int looseness)>;

/// Column breaking: wherever the flow leaves a column short (a heading kept with its text, a
/// line kept from standing alone), re-breaks one paragraph of that column a line shorter or
/// longer (TeX's looseness ±1, within the same tolerance) when that fills the column without
/// leaving more copy over, column by column, until no column is short or nothing helps. `items` are changed in place;
/// returns the gaps that are left (reported by the caller).
std::vector<ColumnGap> settle_columns(std::vector<VItem>& items, std::span<const ColumnSlot> slots,
                                      const Rebreak& rebreak);

/// The smallest depth, in grid lines from `body_top`, of the open-ended slots at which all items
/// fit (P4: balanced columns have equal line counts, the last possibly shorter); at least
/// `min_depth`, at most `max_lines`. `lines_above`: lines the open slots hold above `body_top`
/// (the columns beside a vertical headline strip), by which the search starts lower.
int balanced_depth(std::span<const VItem> items, std::span<const ColumnSlot> slots, int body_top, int min_depth,
                   int max_lines, int lines_above = 0);

}  // namespace zjgr::layout
