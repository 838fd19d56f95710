#include "layout/flow.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace zjgr::layout {
namespace {

bool is_line(const VItem& item) { return item.kind == VItem::Kind::Line; }

// H3 (孤行): placing this line as the last of a column would leave its paragraph's final line
// alone at the top of the next column; send this one along with it.
bool would_leave_widow(const VItem& item, int room, bool column_empty) {
  return is_line(item) && !column_empty && room == item.lines && item.paragraph_lines >= 3 &&
         item.line_in_paragraph == item.paragraph_lines - 2;
}

// H3 (孤行): a paragraph's first line would be the only one of it at the foot of this column.
bool would_leave_orphan(const VItem& item, int room, bool column_empty) {
  return is_line(item) && !column_empty && room == item.lines && item.paragraph_lines >= 2 &&
         item.line_in_paragraph == 0;
}

// Rows a heading needs below it in the same column: its paragraph's first two lines (one line
// alone there would be a 孤行), or the whole next item.
int rows_kept_with(std::span<const VItem> items, std::size_t next) {
  const VItem& item = items[next];
  if (!is_line(item) || item.line_in_paragraph != 0 || item.paragraph_lines < 2 || next + 1 >= items.size()) {
    return item.lines;
  }
  return item.lines + items[next + 1].lines;
}

// P5: a heading is never the last thing in a column; it needs its first lines after it.
bool heading_at_foot(std::span<const VItem> items, std::size_t i, int room) {
  if (!items[i].keep_with_next || i + 1 >= items.size()) return false;
  return items[i].lines + rows_kept_with(items, i + 1) > room;
}

}  // namespace

FlowResult flow(std::span<const VItem> items, std::span<const ColumnSlot> slots) {
  FlowResult result;
  result.lines_used.assign(slots.size(), 0);
  result.ends.assign(slots.size(), SlotEnd::Unused);
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
    SlotEnd end = SlotEnd::Unused;
    if (room <= 0) end = SlotEnd::Full;
    else if (items[i].lines > room) end = SlotEnd::TooTall;
    else if (!last_slot && heading_at_foot(items, i, room)) end = SlotEnd::Heading;
    else if (!last_slot && would_leave_widow(items[i], room, column_empty)) end = SlotEnd::Widow;
    else if (!last_slot && would_leave_orphan(items[i], room, column_empty)) end = SlotEnd::Orphan;
    if (end != SlotEnd::Unused) {
      result.ends[slot++] = end;
      continue;
    }
    result.placed.push_back({i, static_cast<int>(slot), line});
    result.lines_used[slot] += items[i].lines;
    ++i;
  }
  result.next_item = i;
  return result;
}

std::vector<ColumnGap> column_gaps(const FlowResult& flowed, std::span<const ColumnSlot> slots) {
  std::vector<ColumnGap> gaps;
  for (std::size_t k = 0; k + 1 < slots.size(); ++k) {
    const SlotEnd why = flowed.ends[k];
    if (why == SlotEnd::Unused || why == SlotEnd::Full) continue;
    const int rows = slots[k].end_line - slots[k].first_line - flowed.lines_used[k];
    if (rows > 0) gaps.push_back({static_cast<int>(k), rows, why});
  }
  return gaps;
}

namespace {

/// Column breaking's measure of a flow up to slot `last`: empty rows left in those slots.
int gap_rows_through(const FlowResult& flowed, std::span<const ColumnSlot> slots, int last) {
  int rows = 0;
  for (const ColumnGap& gap : column_gaps(flowed, slots)) {
    if (gap.slot <= last) rows += gap.rows;
  }
  return rows;
}

/// Empty rows left in all slots: the gaps and what the last column leaves at its foot.
int empty_rows(const FlowResult& flowed, std::span<const ColumnSlot> slots) {
  int rows = 0;
  for (std::size_t k = 0; k < slots.size(); ++k) rows += std::max(0, slots[k].end_line - slots[k].first_line - flowed.lines_used[k]);
  return rows;
}

int lines_left_over(std::span<const VItem> items, const FlowResult& flowed) {
  int lines = 0;
  for (std::size_t i = flowed.next_item; i < items.size(); ++i) lines += items[i].lines;
  return lines;
}

/// What the flow reads of an item, without its frame and text (trials copy items often).
std::vector<VItem> outlines(std::span<const VItem> items) {
  std::vector<VItem> out;
  out.reserve(items.size());
  for (const VItem& item : items) {
    VItem o;
    o.kind = item.kind;
    o.lines = item.lines;
    o.paragraph = item.paragraph;
    o.line_in_paragraph = item.line_in_paragraph;
    o.paragraph_lines = item.paragraph_lines;
    o.chars = item.chars;
    o.keep_with_next = item.keep_with_next;
    out.push_back(std::move(o));
  }
  return out;
}

/// `items` with the lines of paragraph `paragraph` replaced by `lines`.
std::vector<VItem> with_paragraph(std::span<const VItem> items, int paragraph, const std::vector<VItem>& lines) {
  std::vector<VItem> out;
  out.reserve(items.size() + lines.size());
  bool inserted = false;
  for (const VItem& item : items) {
    if (item.paragraph != paragraph || !is_line(item)) {
      out.push_back(item);
    } else if (!inserted) {
      out.insert(out.end(), lines.begin(), lines.end());
      inserted = true;
    }
  }
  return out;
}

}  // namespace

std::vector<ColumnGap> settle_columns(std::vector<VItem>& items, std::span<const ColumnSlot> slots,
                                      const Rebreak& rebreak) {
  FlowResult current = flow(items, slots);
  if (!rebreak) return column_gaps(current, slots);
  std::vector<VItem> outline = outlines(items);  // what trials flow
  std::set<int> rebroken;                         // each paragraph is re-broken at most once
  std::map<std::pair<int, int>, std::optional<std::vector<VItem>>> variants;
  const auto variant = [&](int paragraph, int loose) -> const std::optional<std::vector<VItem>>& {
    auto it = variants.find({paragraph, loose});
    if (it == variants.end()) it = variants.emplace(std::pair{paragraph, loose}, rebreak(paragraph, loose)).first;
    return it->second;
  };
  int from_slot = 0;
  // Each round either lowers the empty rows up to the current gap's slot or moves past that
  // slot, so it ends; the bound is a guard.
  const std::size_t max_rounds = 4 * slots.size() + 8;
  for (std::size_t round = 0; round < max_rounds; ++round) {
    const auto gaps = column_gaps(current, slots);
    const auto gap = std::find_if(gaps.begin(), gaps.end(), [&](const ColumnGap& g) { return g.slot >= from_slot; });
    if (gap == gaps.end()) break;
    const int k = gap->slot;
    const int rows_now = gap_rows_through(current, slots, k);
    const int over_now = lines_left_over(outline, current);
    // The paragraphs with a line in the short column, and the next one, which went on without
    // them.
    std::vector<int> candidates;
    for (const Placed& p : current.placed) {
      const VItem& item = outline[p.item];
      if (p.slot < k || !is_line(item) || rebroken.contains(item.paragraph)) continue;
      if (std::find(candidates.begin(), candidates.end(), item.paragraph) == candidates.end()) {
        candidates.push_back(item.paragraph);
      }
      if (p.slot > k) break;
    }
    struct Choice {
      int paragraph = -1, loose = 0, rows = 0, over = 0, empty = 0, lines = 0;
      std::vector<VItem> outline;
      FlowResult flowed;
    };
    // The fewest empty rows up to this column, then the least copy left over, then the fewest
    // empty rows in all (a line fewer that leaves the last column two rows shorter is worse than
    // a line more that keeps the columns level); then a paragraph a line shorter (its
    // punctuation compressed, 先挤进) before one a line longer (its spacing opened); then the
    // longest paragraph, whose spacing a line more or less changes least.
    const auto better = [](const Choice& a, const Choice& b) {
      if (a.rows != b.rows) return a.rows < b.rows;
      if (a.over != b.over) return a.over < b.over;
      if (a.empty != b.empty) return a.empty < b.empty;
      if (a.loose != b.loose) return a.loose < b.loose;
      return a.lines > b.lines;
    };
    std::optional<Choice> best;
    for (const int paragraph : candidates) {
      for (const int loose : {-1, +1}) {
        const auto& lines = variant(paragraph, loose);
        if (!lines) continue;
        std::vector<VItem> trial = with_paragraph(outline, paragraph, outlines(*lines));
        FlowResult flowed = flow(trial, slots);
        const int over = lines_left_over(trial, flowed);
        if (over > over_now) continue;  // a guard: no case of it was found in a search of small flows
        Choice choice{paragraph,
                      loose,
                      gap_rows_through(flowed, slots, k),
                      over,
                      empty_rows(flowed, slots),
                      static_cast<int>(lines->size()),
                      std::move(trial), std::move(flowed)};
        if (choice.rows < rows_now && (!best || better(choice, *best))) best = std::move(choice);
      }
    }
    if (!best) {
      from_slot = k + 1;
      continue;
    }
    rebroken.insert(best->paragraph);
    items = with_paragraph(items, best->paragraph, *variant(best->paragraph, best->loose));
    outline = std::move(best->outline);
    current = std::move(best->flowed);
  }
  return column_gaps(current, slots);
}

int balanced_depth(std::span<const VItem> items, std::span<const ColumnSlot> slots, int body_top, int min_depth,
                   int max_lines, int lines_above) {
  if (slots.empty()) return 0;
  int total = 0;
  for (const auto& item : items) total += item.lines;
  int columns = 0;
  for (const auto& s : slots) columns = std::max(columns, s.column + 1);
  std::vector<ColumnSlot> trial(slots.begin(), slots.end());
  // Start at the even share and deepen until everything fits; at most max_lines - min_depth
  // flows, each linear in the items.
  for (int depth = std::max({1, min_depth, (total - lines_above + columns - 1) / columns}); depth <= max_lines; ++depth) {
    for (std::size_t k = 0; k < trial.size(); ++k) {
      if (slots[k].open_end) trial[k].end_line = body_top + depth;
    }
    if (flow(items, trial).next_item == items.size()) return depth;
  }
  return max_lines;
}

}  // namespace zjgr::layout
