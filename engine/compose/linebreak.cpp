// Knuth–Plass total-fit line breaking (tex.web §813–§890, bramstein's typeset), plus first fit.
//
// Outline of break_lines:
//   1. Prefix sums of width, finite stretch, fil stretch and shrink, so any line is O(1) to measure.
//   2. Pass 1: walk the legal breakpoints in order; for every active node (a possible start of a
//      line) measure the line ending here; deactivate nodes whose line is overfull or that a
//      forced break ends; for the rest, if the ratio is within [-1, max_ratio], compute
//      demerits and remember the best predecessor per fitness class (and per line number while
//      the line widths still vary). The best candidates become new active nodes.
//   3. If no node reaches the final forced break, pass 2 repeats with any looseness allowed
//      (emergency lines), and when the last active node dies of overflow it is kept as an
//      overfull line ending at the current breakpoint (TeX's final pass, §851–§854).
//   4. The chosen path is read back from the best node at the end.
//   5. Bounded work: a list longer than max_items, or a pass that exceeds max_ops node
//      examinations, falls back to first fit (linear), so hostile input never hangs.
#include "compose/linebreak.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace zjgr::compose {
namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
constexpr double kOverfullDemerits = 1e15;   // a rescued overfull line costs more than anything else
constexpr double kMaxBadness = 1e5;          // cap for emergency lines (TeX caps at inf_bad)

bool is_forced(const Item& it) { return it.is_penalty() && it.penalty <= -kInfPenalty; }

/// A legal breakpoint (tex.web §831): a penalty below infinity, or glue right after a box.
bool is_breakpoint(std::span<const Item> items, std::size_t i) {
  const Item& it = items[i];
  if (i + 1 == items.size()) return true;  // the list always ends with a break
  if (it.is_penalty()) return it.penalty < kInfPenalty;
  if (it.is_glue()) return i > 0 && items[i - 1].is_box();
  return false;
}

double badness(double r) {
  const double b = 100.0 * std::abs(r) * std::abs(r) * std::abs(r);
  return std::min(b, kMaxBadness);
}

int fitness_class(double r) {
  if (r < -0.5) return 0;
  if (r <= 0.5) return 1;
  if (r <= 1.0) return 2;
  return 3;
}

struct Sums {
  /// Totals over items [0, i): natural width, finite stretch, fil stretch, shrink (sp).
  struct Prefix {
    std::int64_t width = 0, stretch = 0, fil = 0, shrink = 0, compression = 0;
  };
  std::vector<Prefix> at;  // n + 1 entries, in one array so a line's four sums share a cache line
  /// No box or glue has a negative width or stretch: a line that starts later is then never
  /// longer nor more stretchable, which run_pass uses to stop early (see there).
  bool monotone = true;
  explicit Sums(std::span<const Item> items) {
    at.reserve(items.size() + 1);
    Prefix sum;
    at.push_back(sum);
    for (const Item& it : items) {
      if (!it.is_penalty()) {
        if (it.width < Length() || (it.is_glue() && it.stretch < Length())) monotone = false;
        sum.width += it.width.raw();
      }
      if (it.is_glue()) {
        if (it.stretch_order > 0) sum.fil += std::max<std::int64_t>(it.stretch.raw(), 1);
        else sum.stretch += it.stretch.raw();
        sum.shrink += it.shrink.raw();
        if (is_punctuation_compression(it.shrink_level)) sum.compression += it.shrink.raw();
      }
      at.push_back(sum);
    }
  }
  LineMetrics line(std::span<const Item> items, std::size_t begin, std::size_t end) const {
    const Prefix& a = at[begin];
    const Prefix& z = at[end];
    LineMetrics m;
    m.natural = Length::sp(z.width - a.width);
    if (end < items.size() && items[end].is_penalty()) m.natural += items[end].width;
    m.stretch = Length::sp(z.stretch - a.stretch);
    m.shrink = Length::sp(z.shrink - a.shrink);
    m.compression = Length::sp(z.compression - a.compression);
    m.fil = z.fil > a.fil;
    return m;
  }
};

struct Node {
  std::size_t pos = kNone;   // break item index (kNone: paragraph start)
  std::size_t start = 0;     // first item of the line after this break
  std::size_t line = 0;      // lines before this break's next line
  int fitness = 1;
  double total = 0;
  std::size_t prev = kNone;
  double ratio = 0;
  bool overfull = false, emergency = false, flagged = false;
};

struct Candidate {
  std::size_t from = kNone;
  std::size_t line = 0;
  int fitness = 1;
  double demerits = 0;
  double ratio = 0;
  bool overfull = false, emergency = false;
};

std::vector<Break> read_back(const std::vector<Node>& nodes, std::size_t best) {
  std::vector<Break> out;
  for (std::size_t k = best; k != kNone && nodes[k].pos != kNone; k = nodes[k].prev) {
    const Node& n = nodes[k];
    out.push_back(Break{n.pos, n.ratio, n.fitness, n.total, n.overfull, n.emergency});
  }
  std::reverse(out.begin(), out.end());
  return out;
}

/// One pass; empty when no node reaches the end or the work bound `ops_left` runs out
/// (`exhausted` is then set).
std::vector<Break> run_pass(std::span<const Item> items, const Sums& sums, const LineWidths& widths,
                            const BreakParams& params, bool final_pass, std::size_t& ops_left, bool& exhausted,
                            std::size_t& measured) {
  const std::size_t n = items.size();
  std::vector<Node> nodes;
  nodes.reserve(n / 2 + 8);  // about one node per breakpoint; growing it was a tenth of the time
  nodes.push_back(Node{});
  std::vector<std::size_t> active{0};
  std::vector<Candidate> candidates;
  std::vector<std::pair<std::size_t, double>> best_of_key;
  // Nodes of different line numbers are kept apart while the widths differ per line, and
  // throughout when a looseness asks for another line count than the optimum's.
  const auto key_of = [&](std::size_t line) {
    return params.looseness != 0 || line + 1 < widths.distinct() ? line : kNone;
  };
  // The early stop below needs "too loose" to mean "shorter than the measure" (max_ratio ≥ 0).
  const bool skip_loose = !final_pass && sums.monotone && widths.distinct() <= 1 && params.max_ratio >= 0;

  for (std::size_t b = 0; b < n; ++b) {
    if (!is_breakpoint(items, b)) continue;
    const Item& brk = items[b];
    const bool forced = is_forced(brk) || b + 1 == n;
    const int penalty = brk.is_penalty() ? brk.penalty : 0;
    const bool flagged = brk.is_penalty() && brk.flagged;
    candidates.clear();
    std::size_t kept = 0;  // active[0, kept): the nodes that stay active, compacted in place
    std::size_t rescue = kNone;
    if (active.size() > ops_left) {
      exhausted = true;
      return {};
    }
    ops_left -= active.size();

    for (std::size_t k = 0; k < active.size(); ++k) {
      const std::size_t a = active[k];
      const Node& node = nodes[a];
      if (node.start >= b && !(node.start == b && forced && node.pos == kNone)) {
        // The line would be empty (or starts after b): keep the node for later breakpoints.
        active[kept++] = a;
        continue;
      }
      ++measured;
      LineMetrics m = sums.line(items, node.start, b);
      if (!m.fil) m.stretch += params.ragged_stretch;
      const Length width = widths.at(node.line);
      const double r = adjustment_ratio(m, width);
      const bool overfull = r < -1.0;
      if (!overfull && !forced) active[kept++] = a;
      if (overfull) {
        if (rescue == kNone || node.total < nodes[rescue].total) rescue = a;
        continue;
      }
      const bool emergency = r > params.max_ratio;
      if (emergency && !final_pass) {
        // Active nodes are in the order of their line starts. With one line width and monotone
        // sums, every later node's line is shorter with less stretch, so it is too loose as
        // well: keep them all without measuring (most active nodes at a CJK breakpoint are).
        // (At a forced break, rare, every node is examined as usual.)
        if (skip_loose && !forced) {
          kept = static_cast<std::size_t>(std::copy(active.begin() + static_cast<std::ptrdiff_t>(k) + 1, active.end(),
                                                    active.begin() + static_cast<std::ptrdiff_t>(kept)) -
                                          active.begin());
          break;
        }
        continue;
      }
      // Demerits (tex.web §859), with push-in first (B4): compressing punctuation is free.
      const bool pushed_in = params.push_in_first && r < 0 && fits_by_compression(m, width);
      const double bad = pushed_in ? 0.0 : badness(r);
      double d = (params.line_penalty + bad) * (params.line_penalty + bad);
      if (penalty > 0) d += static_cast<double>(penalty) * penalty;
      else if (penalty < 0 && penalty > -kInfPenalty) d -= static_cast<double>(penalty) * penalty;
      if (flagged && node.flagged) d += params.flagged_demerits;
      const int fit = pushed_in ? 1 : fitness_class(r);
      if (std::abs(fit - node.fitness) > 1) d += params.fitness_demerits;
      const double total = node.total + d;
      // One candidate per fitness class, and per line number while widths differ per line.
      const std::size_t line_key = key_of(node.line);
      auto same = std::find_if(candidates.begin(), candidates.end(),
                               [&](const Candidate& c) { return c.fitness == fit && key_of(c.line) == line_key; });
      if (same == candidates.end()) {
        candidates.push_back(Candidate{a, node.line, fit, total, r, false, emergency});
      } else if (total < same->demerits) {
        *same = Candidate{a, node.line, fit, total, r, false, emergency};
      }
    }

    // TeX's final pass: when the last active node dies of overflow, keep it as an overfull line.
    active.resize(kept);
    if (final_pass && candidates.empty() && active.empty() && rescue != kNone) {
      candidates.push_back(Candidate{rescue, nodes[rescue].line, 0, nodes[rescue].total + kOverfullDemerits, -1.0, true, true});
    }
    // tex.web §836: a candidate worse than the best of its line by more than the fitness
    // demerits can never win (from the same break, the best pays at most that much more on any
    // next line), so it becomes no node. Fewer nodes, the same breaks.
    if (candidates.size() > 1) {
      const auto key = [&](const Candidate& c) { return key_of(c.line); };
      best_of_key.clear();  // (key, least demerits) in the order keys first appear
      for (const Candidate& c : candidates) {
        auto it = std::find_if(best_of_key.begin(), best_of_key.end(), [&](const auto& e) { return e.first == key(c); });
        if (it == best_of_key.end()) best_of_key.emplace_back(key(c), c.demerits);
        else it->second = std::min(it->second, c.demerits);
      }
      const double margin = std::abs(static_cast<double>(params.fitness_demerits));
      std::erase_if(candidates, [&](const Candidate& c) {
        const auto it = std::find_if(best_of_key.begin(), best_of_key.end(), [&](const auto& e) { return e.first == key(c); });
        return c.demerits > it->second + margin;
      });
    }
    const std::size_t next_start = candidates.empty() ? 0 : line_start_after(items, b);
    for (const Candidate& c : candidates) {
      Node nn;
      nn.pos = b;
      nn.start = next_start;
      nn.line = c.line + 1;
      nn.fitness = c.fitness;
      nn.total = c.demerits;
      nn.prev = c.from;
      nn.ratio = c.ratio;
      nn.overfull = c.overfull;
      nn.emergency = c.emergency;
      nn.flagged = flagged;
      active.push_back(nodes.size());
      nodes.push_back(nn);
    }
    if (active.size() > params.max_active) {
      // Bounded work: keep the most promising nodes.
      std::nth_element(active.begin(), active.begin() + static_cast<std::ptrdiff_t>(params.max_active), active.end(),
                       [&](std::size_t x, std::size_t y) { return nodes[x].total < nodes[y].total; });
      active.resize(params.max_active);
      std::sort(active.begin(), active.end());  // back in the order of line starts (= creation)
    }
    if (active.empty()) return {};
  }

  std::size_t best = kNone;
  for (const std::size_t a : active) {
    if (nodes[a].pos != n - 1) continue;
    if (best == kNone || nodes[a].total < nodes[best].total) best = a;
  }
  if (best == kNone) return {};
  if (params.looseness != 0) {
    // tex.web §875: of the ways to the end, the one whose line count is nearest the optimum's
    // plus the looseness, the least demerits among equals.
    const auto target = static_cast<std::ptrdiff_t>(nodes[best].line) + params.looseness;
    const auto miss = [&](std::size_t a) { return std::abs(static_cast<std::ptrdiff_t>(nodes[a].line) - target); };
    std::size_t chosen = best;
    for (const std::size_t a : active) {
      if (nodes[a].pos != n - 1) continue;
      if (miss(a) < miss(chosen) || (miss(a) == miss(chosen) && nodes[a].total < nodes[chosen].total)) chosen = a;
    }
    best = chosen;
  }
  return read_back(nodes, best);
}

}  // namespace

std::size_t line_start_after(std::span<const Item> items, std::size_t at) {
  std::size_t s = at + 1;
  while (s < items.size() && !items[s].is_box() && !is_forced(items[s])) ++s;
  return s;
}

LineMetrics measure_line(std::span<const Item> items, std::size_t begin, std::size_t end) {
  LineMetrics m;
  for (std::size_t i = begin; i < end && i < items.size(); ++i) {
    const Item& it = items[i];
    if (it.is_penalty()) continue;
    m.natural += it.width;
    if (it.is_glue()) {
      if (it.stretch_order > 0) m.fil = true;
      else m.stretch += it.stretch;
      m.shrink += it.shrink;
      if (is_punctuation_compression(it.shrink_level)) m.compression += it.shrink;
    }
  }
  if (end < items.size() && items[end].is_penalty()) m.natural += items[end].width;
  return m;
}

bool fits_by_compression(const LineMetrics& m, Length width) {
  return m.natural > width && m.natural - width <= m.compression;
}

double adjustment_ratio(const LineMetrics& m, Length width) {
  const Length diff = width - m.natural;
  if (diff == Length()) return 0.0;
  if (diff > Length()) {
    if (m.fil) return 0.0;
    if (m.stretch > Length()) return diff / m.stretch;
    return 1e9;
  }
  if (m.shrink > Length()) return diff / m.shrink;
  return -1e9;
}

std::vector<Break> break_lines(std::span<const Item> items, const LineWidths& widths, const BreakParams& params,
                               BreakStats* stats) {
  BreakStats local;
  BreakStats& st = stats != nullptr ? *stats : local;
  st = BreakStats{};
  if (items.empty()) return {};
  if (items.size() <= params.max_items) {
    const Sums sums(items);
    std::size_t ops_left = params.max_ops;
    bool exhausted = false;
    for (const bool final_pass : {false, true}) {
      ++st.passes;
      auto breaks = run_pass(items, sums, widths, params, final_pass, ops_left, exhausted, st.measured);
      st.ops = params.max_ops - ops_left;
      if (!breaks.empty()) return breaks;
      if (exhausted) break;
    }
  }
  st.first_fit = true;
  return break_first_fit(items, widths, params);
}

std::vector<Break> break_first_fit(std::span<const Item> items, const LineWidths& widths, const BreakParams& params) {
  std::vector<Break> out;
  if (items.empty()) return out;
  const Sums sums(items);
  std::size_t start = 0;
  std::size_t last_fit = kNone;
  double last_ratio = 0;
  for (std::size_t b = 0; b < items.size(); ++b) {
    if (!is_breakpoint(items, b)) continue;
    const bool forced = is_forced(items[b]) || b + 1 == items.size();
    LineMetrics m = sums.line(items, start, b);
    if (!m.fil) m.stretch += params.ragged_stretch;
    const double r = adjustment_ratio(m, widths.at(out.size()));
    if (r < -1.0 && start < b) {
      // This line is too long: end it at the last break that fitted, or here (overfull).
      if (last_fit != kNone) {
        out.push_back(Break{last_fit, last_ratio, fitness_class(last_ratio), 0, false, last_ratio > params.max_ratio});
        start = line_start_after(items, last_fit);
        last_fit = kNone;
        b = start == 0 ? 0 : start - 1;  // re-examine breakpoints after the new start
        continue;
      }
      out.push_back(Break{b, -1.0, 0, 0, true, true});
      start = line_start_after(items, b);
      continue;
    }
    if (forced) {
      out.push_back(Break{b, r, fitness_class(r), 0, false, r > params.max_ratio});
      start = line_start_after(items, b);
      last_fit = kNone;
      continue;
    }
    if (start < b) {
      last_fit = b;
      last_ratio = r;
    }
  }
  return out;
}

}  // namespace zjgr::compose
