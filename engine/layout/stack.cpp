#include "layout/stack.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "layout/copyfit.h"

namespace zjgr::layout {
namespace {

/// A setting that leaves copy over or rows empty costs more than any set of copyfit steps.
constexpr int kUnfilled = 1000;
/// An area that jumps takes any height of at least this many rows (its headline and a few lines).
constexpr int kMinJumpRows = 4;
/// After a height that does not fill, the rest of its direction is estimated (a taller area
/// cannot take less copy, a shorter one more).
constexpr int kFailuresBeforeEstimate = 1;
/// Beside an area that jumps, the others may move this many rows from their copy's height.
constexpr int kNearRows = 2;
/// What an unfilled area costs more for each area of the stack below it.
constexpr int kUnfilledAbove = 5;

/// The 号 steps between two headline sizes (0 when equal).
int headline_steps(Length from, Length to) {
  if (from == to) return 0;
  for (int k = 1; k <= 8; ++k) {
    if (hao_step(from, to < from ? -k : k) == to) return k;
  }
  return 8;
}

/// One height a fill member may take, and what it costs.
struct Option {
  int rows = 0;
  int cost = 0;
};

/// Heights for a fill member from its natural height outwards to `lowest` and to `highest`
/// rows, each direction tried until a height does not fill; past it the cost grows by a
/// column-line per row.
std::vector<Option> explore(const StackMember& member, int natural, int lowest, int highest, int& trials) {
  std::vector<Option> options;
  for (const int step : {1, -1}) {
    const int last = step > 0 ? highest : lowest;
    int failures = 0, columns = 1, cost = 0;
    for (int rows = step > 0 ? natural : natural - 1; step > 0 ? rows <= last : rows >= last; rows += step) {
      if (failures < kFailuresBeforeEstimate) {
        const AreaReport report = member.trial(rows);
        ++trials;
        columns = std::max(1, report.columns);
        cost = setting_cost(report);
        failures = cost >= kUnfilled ? failures + 1 : 0;
      } else {
        cost += 10 * columns;
      }
      options.push_back({rows, cost});
    }
  }
  return options;
}

}  // namespace

int setting_cost(const AreaReport& report) {
  if (!fills_area(report)) {
    return kUnfilled + 10 * (report.overset_column_lines + report.underset_column_lines +
                             report.photo_overflow_rows * std::max(1, report.columns));
  }
  // A run of empty rows inside a column (a subhead that had to move on) shows more than any step.
  int hole_rows = 0;
  for (const Hole& h : report.holes) hole_rows += h.rows * (h.last_column - h.first_column + 1);
  if (!report.copyfit) return 20 * hole_rows;
  const CopyfitReport& fit = *report.copyfit;
  return 20 * hole_rows + (fit.squeezed ? 1 : 0) + 3 * headline_steps(fit.headline_from, fit.headline_to) + 2 * std::abs(fit.photo_rows) +
         2 * fit.head_rows;
}

StackPlan plan_stack(const std::vector<StackMember>& members, int band_rows) {
  StackPlan plan;
  plan.rows.assign(members.size(), 0);
  plan.natural_rows.assign(members.size(), 0);
  int taken = 0;
  std::vector<std::size_t> fills;
  for (std::size_t i = 0; i < members.size(); ++i) {
    const StackMember& m = members[i];
    if (m.height == StackMember::Height::Given) {
      plan.natural_rows[i] = m.rows;
    } else if (m.absorbs) {
      plan.natural_rows[i] = kMinJumpRows;
    } else {
      plan.natural_rows[i] = m.trial(std::nullopt).rows;
      ++plan.trials;
    }
    if (m.height == StackMember::Height::Fill) {
      fills.push_back(i);
    } else {
      plan.rows[i] = plan.natural_rows[i];
      taken += plan.rows[i];
    }
  }
  if (fills.empty()) return plan;

  const int available = band_rows - taken;
  if (available < static_cast<int>(fills.size())) {
    plan.room = false;
    for (std::size_t f : fills) plan.rows[f] = 1;
    return plan;
  }
  int natural_sum = 0;
  bool absorber = false;
  for (std::size_t f : fills) {
    natural_sum += plan.natural_rows[f];
    absorber = absorber || members[f].absorbs;
  }
  const int slack = available - natural_sum;
  std::vector<std::vector<Option>> options;
  for (std::size_t f : fills) {
    const StackMember& m = members[f];
    if (m.absorbs) {
      std::vector<Option> any;
      for (int rows = 1; rows <= available; ++rows) any.push_back({rows, rows >= kMinJumpRows ? 0 : kUnfilled});
      options.push_back(std::move(any));
    } else {
      // With an area that jumps, the others keep about their copy's height (a row or two either
      // way where that avoids a hole) and it takes the rest; else they share the slack.
      const int natural = std::max(1, plan.natural_rows[f]);
      const int lowest = std::max(1, absorber ? natural - kNearRows : std::min(natural, natural + slack));
      const int highest = absorber ? natural + kNearRows : std::max(natural, natural + slack);
      options.push_back(explore(m, natural, lowest, highest, plan.trials));
    }
  }

  // A problem no step can solve is better at the foot of the band than in the middle of it:
  // each area above the last pays a little more for leaving copy over or rows empty.
  for (std::size_t k = 0; k + 1 < options.size(); ++k) {
    for (Option& o : options[k]) {
      if (o.cost >= kUnfilled) o.cost += kUnfilledAbove * static_cast<int>(options.size() - 1 - k);
    }
  }

  // The least total cost over the members' heights that sum to the band's free rows (the first
  // way found wins a tie).
  constexpr int kNone = std::numeric_limits<int>::max();
  const std::size_t n = fills.size(), width = static_cast<std::size_t>(available) + 1;
  std::vector<std::vector<int>> cost(n + 1, std::vector<int>(width, kNone));
  std::vector<std::vector<int>> chosen(n + 1, std::vector<int>(width, 0));
  cost[0][0] = 0;
  for (std::size_t k = 0; k < n; ++k) {
    for (std::size_t used = 0; used < width; ++used) {
      if (cost[k][used] == kNone) continue;
      for (const Option& o : options[k]) {
        const std::size_t total = used + static_cast<std::size_t>(o.rows);
        if (total >= width) continue;
        const int c = cost[k][used] + o.cost;
        if (c < cost[k + 1][total]) {
          cost[k + 1][total] = c;
          chosen[k + 1][total] = o.rows;
        }
      }
    }
  }
  if (cost[n][width - 1] == kNone) {
    // The copy's heights cannot be made to meet the band exactly: each keeps its nearest.
    plan.room = false;
    for (std::size_t k = 0; k < n; ++k) plan.rows[fills[k]] = options[k].back().rows;
    return plan;
  }
  std::size_t used = width - 1;
  for (std::size_t k = n; k > 0; --k) {
    const int rows = chosen[k][used];
    plan.rows[fills[k - 1]] = rows;
    used -= static_cast<std::size_t>(rows);
  }
  return plan;
}

}  // namespace zjgr::layout
