// Layout of a whole issue: pages from their templates and placements, articles set into their
// areas on the grid, jumps carried to their continuation pages. Produces Frames, never draws.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

#include "base/diagnostics.h"
#include "fonts/font_library.h"
#include "layout/result.h"
#include "model/issue.h"

namespace zjgr::layout {

/// Called once per page when it is composed (for progress lines).
using PageCallback = std::function<void(const PageReport&)>;

/// Called as soon as page `index` (0-based) is finished, before the rest are (PNG proofs drawn
/// while layout goes on): its boxes, and its frame in `page.frame` or, when `store` has it, in
/// `store`. Pages come in the order they are finished, not always page order.
using PageFinishedCallback = std::function<void(std::size_t index, const frame::PageFrame& page,
                                                const std::shared_ptr<const frame::FrameStore>& store)>;

/// Choices of a run that are not in the issue.
struct LayoutOptions {
  bool fit = true;  ///< copyfit fixed areas where the layout has a policy (--no-fit: false)
  /// Each finished page's frame goes to a store (Document::frames, a temporary file) instead of
  /// staying in memory: a run's memory then does not grow with its pages (the CLI).
  bool spill_frames = false;
  /// A LineRecord for every line set (LayoutResult::lines: the layout dump); off, only counted.
  bool line_records = true;
  PageFinishedCallback on_page_finished;  ///< optional, called from the thread that set the page
  /// Threads laying out pages at once (0: one per core). Pages that share no article are set in
  /// parallel; the result is the same as with one thread, byte for byte.
  unsigned threads = 1;
  /// With more than one thread: they run below the process's priority (nice +10), so that a
  /// thread drawing finished pages beside them is never starved by them (the CLI's PDF).
  bool yield_to_drawing = false;
};

/// Composes every page of `issue`. Typesetting problems (overset, overfull lines, missing
/// glyphs) are warnings; layout always produces the pages it can.
LayoutResult layout_issue(const model::Issue& issue, fonts::FontLibrary& fonts, Diagnostics& diagnostics,
                          const PageCallback& on_page = {}, const LayoutOptions& options = {});

}  // namespace zjgr::layout
