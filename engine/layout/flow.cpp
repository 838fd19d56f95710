#include "layout/flow.h"

#include <algorithm>

namespace zjgr::layout {
namespace {

// H3 (孤行): placing this line as the last of a column would leave its paragraph's final line
// alone at the top of the next column; send this one along with it.
bool would_leave_widow(const VItem& item, int room, bool column_empty) {
  return item.kind == VItem::Kind::Line && !column_empty && room == item.lines && item.paragraph_lines >= 3 &&
         item.line_in_paragraph == item.paragraph_lines - 2;
}

// P5: a heading is never the last thing in a column; it needs at least one line after it.
bool heading_at_foot(std::span<const VItem> items, std::size_t i, int room) {
  if (!items[i].keep_with_next || i + 1 >= items.size()) return false;
  return items[i].lines + items[i + 1].lines > room;
}

}  // namespace

FlowResult flow(std::span<const VItem> items, std::span<const ColumnSlot> slots) {
  FlowResult result;
  result.lines_used.assign(slots.size(), 0);
  std::size_t slot = 0;
  std::size_t i = 0;
  // Each step either places an item or moves to the next slot, so the loop ends after at most
  // items.size() + slots.size() steps.
  while (i < items.size() && slot < slots.size()) {
    const ColumnSlot& s = slots[slot];
    const int line = s.first_line + result.lines_used[slot];
    const int room = s.end_line - line;
    const bool column_empty = result.lines_used[slot] == 0;
    const bool last_slot = slot + 1 == slots.size();
    if (items[i].lines > room ||
        (!last_slot && heading_at_foot(items, i, room)) ||
        (!last_slot && would_leave_widow(items[i], room, column_empty))) {
      ++slot;
      continue;
    }
    result.placed.push_back({i, static_cast<int>(slot), line});
    result.lines_used[slot] += items[i].lines;
    ++i;
  }
  result.next_item = i;
  return result;
}

int balanced_depth(std::span<const VItem> items, std::span<const ColumnSlot> slots, int body_top, int min_depth,
                   int max_lines) {
  if (slots.empty()) return 0;
  int total = 0;
  for (const auto& item : items) total += item.lines;
  int columns = 0;
  for (const auto& s : slots) columns = std::max(columns, s.column + 1);
  std::vector<ColumnSlot> trial(slots.begin(), slots.end());
  // Start at the even share and deepen until everything fits; at most max_lines - min_depth
  // flows, each linear in the items.
  for (int depth = std::max({1, min_depth, (total + columns - 1) / columns}); depth <= max_lines; ++depth) {
    for (std::size_t k = 0; k < trial.size(); ++k) {
      if (slots[k].open_end) trial[k].end_line = body_top + depth;
    }
    if (flow(items, trial).next_item == items.size()) return depth;
  }
  return max_lines;
}

}  // namespace zjgr::layout
