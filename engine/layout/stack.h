// Stacked placements (issue 13): areas in the same grid columns, one below the other ("line":
// "auto"), share a band of rows that runs down to the next area below them or to the foot of the
// type area. The areas that "fill" get their heights so that the band is full, with the least
// visible change to each: rows move from an area whose copy fits in fewer to one that needs more,
// each area fitted by its copyfit policy at the height it is given.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "layout/result.h"

namespace zjgr::layout {

/// One area of a stack as the planner sees it: how tall it is, or how to try it at a height.
struct StackMember {
  enum class Height {
    Given,    ///< its `lines`
    Content,  ///< as tall as its copy
    Fill,     ///< a share of the band, chosen by the planner
  };
  Height height = Height::Content;
  int rows = 0;          ///< Given: its rows
  bool absorbs = false;  ///< Fill, and whatever rows it gets suit it (an area that jumps: its rest goes on)
  /// Sets the area quietly at `rows` rows (none: as tall as its copy) and returns its report,
  /// fitted as it would be when placed.
  std::function<AreaReport(std::optional<int> rows)> trial;
};

/// The planner's answer: rows per member, in order.
struct StackPlan {
  std::vector<int> rows;          ///< the rows each member takes
  std::vector<int> natural_rows;  ///< the rows each took set as its copy came (Given: its rows)
  int trials = 0;                 ///< settings tried
  bool room = true;               ///< false: the band has not a row for every area that fills
};

/// How visible a setting of an area is: 0 for its copy as it came, a little for each copyfit
/// step it took, more for a run of empty rows inside a column, and far more for copy left over
/// or rows left empty at the foot.
int setting_cost(const AreaReport& report);

/// Shares `band_rows` among the members: Given and Content members take their rows, the Fill
/// members the rest, the sum of their costs the least. When the copy cannot fill the band, the
/// problem is left in one area rather than spread over several.
StackPlan plan_stack(const std::vector<StackMember>& members, int band_rows);

}  // namespace zjgr::layout
