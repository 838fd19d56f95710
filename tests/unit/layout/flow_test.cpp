// Column flow on hand-built items: no fonts needed, each item is one or more grid lines.
#include "layout/flow.h"

#include <gtest/gtest.h>

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
  add_paragraph(items, 0, 2);
  add_paragraph(items, 1, 2);
  add_paragraph(items, 2, 2);
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

TEST(Flow, BalancedDepthIsBoundedByTheArea) {
  std::vector<VItem> items;
  add_paragraph(items, 0, 50);
  auto s = slots(2, 0, 0);
  EXPECT_EQ(balanced_depth(items, s, 0, 0, 20), 20);
}

}  // namespace
}  // namespace zjgr::layout
