// Column flow on hand-built items: no fonts needed, each item is one or more grid lines.
#include "layout/flow.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

namespace zjgr::layout {
namespace {

// A paragraph of `n` one-line items.
void add_paragraph(std::vector<VItem>& items, int paragraph, int n) {
  for (int i = 0; i < n; ++i) {
    VItem item;
    item.paragraph = paragraph;
    item.line_in_paragraph = i;
    item.paragraph_lines = n;
    items.push_back(item);
  }
}

VItem heading(int lines) {
  VItem item;
  item.kind = VItem::Kind::Heading;
  item.lines = lines;
  item.keep_with_next = true;
  return item;
}

std::vector<ColumnSlot> slots(int columns, int first_line, int end_line) {
  std::vector<ColumnSlot> out;
  for (int k = 0; k < columns; ++k) out.push_back({Length::pt(117) * static_cast<std::int64_t>(k), Length::pt(108), first_line, end_line, k, true});
  return out;
}

TEST(Flow, FillsColumnsInOrder) {
  std::vector<VItem> items;
  add_paragraph(items, 0, 3);
  add_paragraph(items, 1, 3);
  const auto s = slots(2, 10, 13);
  const FlowResult r = flow(items, s);
  EXPECT_EQ(r.next_item, items.size());
  EXPECT_EQ(r.lines_used, (std::vector<int>{3, 3}));
  EXPECT_EQ(r.placed[3].slot, 1);
  EXPECT_EQ(r.placed[3].line, 10);
}

TEST(Flow, ReportsWhatDoesNotFit) {
  std::vector<VItem> items;
  add_paragraph(items, 0, 2);
  add_paragraph(items, 1, 7);
  const auto s = slots(2, 0, 4);
  const FlowResult r = flow(items, s);
  EXPECT_EQ(r.next_item, 8u);  // 8 lines fit in 2 × 4
}

// P4: 29 lines in 3 columns → 10/10/9.
TEST(Flow, P4_BalancedColumnsHaveEqualLineCounts) {
  std::vector<VItem> items;
  for (int p = 0; p < 29; ++p) add_paragraph(items, p, 1);
  auto s = slots(3, 5, 0);
  const int depth = balanced_depth(items, s, 5, 0, 100);
  EXPECT_EQ(depth, 10);
  for (auto& slot : s) slot.end_line = 5 + depth;
  EXPECT_EQ(flow(items, s).lines_used, (std::vector<int>{10, 10, 9}));
}

// P5: a subhead that would end a column moves to the top of the next one.
TEST(Flow, P5_NoHeadingOnAColumnsLastLines) {
  std::vector<VItem> items;
  add_paragraph(items, 0, 3);
  items.push_back(heading(2));
  add_paragraph(items, 1, 3);
  const auto s = slots(2, 0, 5);
  const FlowResult r = flow(items, s);
  EXPECT_EQ(r.placed[3].slot, 1);
  EXPECT_EQ(r.placed[3].line, 0);
  EXPECT_EQ(r.lines_used[0], 3);
}

// H3: a 5-line paragraph with 4 lines fitting in column 1 → 3 + 2, never 4 + 1.
TEST(Flow, H3_NoWidowLineAtTheTopOfTheNextColumn) {
  std::vector<VItem> items;
  add_paragraph(items, 0, 1);
  add_paragraph(items, 1, 5);
  const auto s = slots(2, 0, 5);
  const FlowResult r = flow(items, s);
  EXPECT_EQ(r.next_item, items.size());
  EXPECT_EQ(r.lines_used, (std::vector<int>{4, 2}));
  EXPECT_EQ(r.placed[4].slot, 1);  // line 4 of 5 went along with line 5
}

TEST(Flow, H3_WidowIsAvoidedWithoutEmptyingAColumn) {
  // A 3-line paragraph in 2-line columns: 1 + 2, not 2 + 1; the first line stays put (the rule
  // never moves the only line of a column, so it cannot loop).
  std::vector<VItem> items;
  add_paragraph(items, 0, 3);
  const auto s = slots(2, 0, 2);
  const FlowResult r = flow(items, s);
  EXPECT_EQ(r.next_item, items.size());
  EXPECT_EQ(r.lines_used, (std::vector<int>{1, 2}));
}

// H3: a paragraph's first line never ends a column alone; it goes on with the rest.
TEST(Flow, H3_NoFirstLineAloneAtTheFootOfAColumn) {
  std::vector<VItem> items;
  add_paragraph(items, 0, 4);
  add_paragraph(items, 1, 4);
  const auto s = slots(2, 0, 5);
  const FlowResult r = flow(items, s);
  EXPECT_EQ(r.lines_used, (std::vector<int>{4, 4}));
  EXPECT_EQ(r.ends[0], SlotEnd::Orphan);
  ASSERT_EQ(column_gaps(r, s).size(), 1u);
  EXPECT_EQ(column_gaps(r, s)[0].rows, 1);
}

// P5 with H3: a subhead needs the first two lines of its paragraph under it, not one.
TEST(Flow, P5_AHeadingKeepsTwoLinesOfItsParagraph) {
  std::vector<VItem> items;
  add_paragraph(items, 0, 2);
  items.push_back(heading(2));
  add_paragraph(items, 1, 4);
  const auto s = slots(2, 0, 5);
  const FlowResult r = flow(items, s);
  EXPECT_EQ(r.placed[2].slot, 1);  // 2 + 2 + 1 fit, but the paragraph's first line would be alone
  EXPECT_EQ(r.ends[0], SlotEnd::Heading);
}

/// A rebreak that sets paragraph p `lines[p] + looseness` lines long where `allowed` says so.
Rebreak fake_rebreak(std::map<int, int> lines, std::set<std::pair<int, int>> allowed) {
  return [lines, allowed](int p, int looseness) -> std::optional<std::vector<VItem>> {
    if (!allowed.contains({p, looseness})) return std::nullopt;
    std::vector<VItem> items;
    add_paragraph(items, p, lines.at(p) + looseness);
    return items;
  };
}

int lines_of(const std::vector<VItem>& items, int paragraph) {
  return static_cast<int>(std::count_if(items.begin(), items.end(), [&](const VItem& i) { return i.paragraph == paragraph; }));
}

// H3 solved by the column breaking: a paragraph of the short column set a line shorter pulls
// the widow back, and no row is left empty.
TEST(SettleColumns, H3_AParagraphALineShorterFillsTheColumn) {
  std::vector<VItem> items;
  add_paragraph(items, 0, 3);
  add_paragraph(items, 1, 3);  // lines 4–6 of column 1 (5 rows): the last would open column 2 alone
  add_paragraph(items, 2, 4);
  const auto s = slots(2, 0, 5);
  ASSERT_EQ(column_gaps(flow(items, s), s).size(), 1u);
  const auto gaps = settle_columns(items, s, fake_rebreak({{0, 3}, {1, 3}, {2, 4}}, {{0, -1}, {1, -1}, {1, 1}}));
  EXPECT_TRUE(gaps.empty());
  const FlowResult r = flow(items, s);
  EXPECT_EQ(r.lines_used[0], 5);
  EXPECT_EQ(lines_of(items, 0) + lines_of(items, 1), 5);
}

// Where the copy is tight, a line fewer (punctuation compressed, 先挤进) is chosen: a line more
// would push copy out of the area.
TEST(SettleColumns, ALineFewerWhereALineMoreLeavesCopyOver) {
  std::vector<VItem> items;
  add_paragraph(items, 0, 4);  // column 1: 4 lines, then paragraph 1's first line would be alone
  add_paragraph(items, 1, 4);
  add_paragraph(items, 2, 2);
  const auto rebreak = fake_rebreak({{0, 4}, {1, 4}, {2, 2}}, {{0, -1}, {0, 1}});
  EXPECT_TRUE(settle_columns(items, slots(2, 0, 5), rebreak).empty());
  EXPECT_EQ(lines_of(items, 0), 3);
  EXPECT_EQ(flow(items, slots(2, 0, 5)).next_item, items.size());
}

// Where there is room, a line more: a line fewer would leave the last column two rows shorter.
TEST(SettleColumns, ALineMoreWhereALineFewerEmptiesRows) {
  std::vector<VItem> items;
  add_paragraph(items, 0, 4);
  add_paragraph(items, 1, 4);
  auto both = items;
  EXPECT_TRUE(settle_columns(both, slots(2, 0, 5), fake_rebreak({{0, 4}, {1, 4}}, {{0, -1}, {0, 1}})).empty());
  EXPECT_EQ(lines_of(both, 0), 5);
  auto only_shorter = items;
  EXPECT_TRUE(settle_columns(only_shorter, slots(2, 0, 5), fake_rebreak({{0, 4}, {1, 4}}, {{0, -1}})).empty());
  EXPECT_EQ(lines_of(only_shorter, 0), 3);
}

// What nothing can solve is returned, with its cause, for the warning.
TEST(SettleColumns, ReportsWhatItCannotSolve) {
  std::vector<VItem> items;
  add_paragraph(items, 0, 1);
  add_paragraph(items, 1, 5);
  const auto s = slots(2, 0, 5);
  const auto gaps = settle_columns(items, s, Rebreak{});
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].slot, 0);
  EXPECT_EQ(gaps[0].rows, 1);
  EXPECT_EQ(gaps[0].why, SlotEnd::Widow);
}

// A subhead pushed off a column's foot: paragraphs above it a line longer each fill the rows
// it left, so it opens the next column with no hole above.
TEST(SettleColumns, P5_LongerParagraphsFillWhatASubheadLeaves) {
  std::vector<VItem> items;
  add_paragraph(items, 0, 4);
  add_paragraph(items, 1, 4);
  items.push_back(heading(2));
  add_paragraph(items, 2, 3);
  const auto s = slots(2, 0, 10);  // 8 lines + a 2-line subhead, but its paragraph needs 2 more
  ASSERT_EQ(column_gaps(flow(items, s), s)[0].rows, 2);
  const auto gaps = settle_columns(items, s, fake_rebreak({{0, 4}, {1, 4}, {2, 3}}, {{0, 1}, {1, 1}}));
  EXPECT_TRUE(gaps.empty());
  EXPECT_EQ(lines_of(items, 0), 5);
  EXPECT_EQ(lines_of(items, 1), 5);
  EXPECT_EQ(flow(items, s).lines_used, (std::vector<int>{10, 5}));
}

TEST(Flow, BalancedDepthIsBoundedByTheArea) {
  std::vector<VItem> items;
  add_paragraph(items, 0, 50);
  auto s = slots(2, 0, 0);
  EXPECT_EQ(balanced_depth(items, s, 0, 0, 20), 20);
}

}  // namespace
}  // namespace zjgr::layout
