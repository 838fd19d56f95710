// Copyfitting one area (issue 13): the copy comes in a little too long or too short for its
// slot; the area is set again with the layout policy's steps, in the policy's order and each a
// unit at a time, until it fills the area exactly — no overset, no column more than one row
// short. Every step stays inside the CLREQ rules and on the grid: paragraphs squeezed into fewer
// lines by the composer's own compression limits, the 主题 a 号 size down or up, a photo whole
// rows shorter or taller by cropping. What was done, or what cut would still be needed, goes in
// the area's report.
#pragma once

#include "layout/area.h"
#include "model/layout.h"

namespace zjgr::layout {

/// Whether an area's setting fills it: nothing over, no column more than one row short.
bool fills_area(const AreaReport& report);

/// Sets the fixed area `spec` fitted by `policy`; the result's report has `copyfit` filled. Trial
/// settings report nothing; the chosen one reports as set_area does.
AreaResult fit_area(const AreaSpec& spec, const ArticleCopy& copy, AreaContext& context,
                    const model::CopyfitPolicy& policy);

/// The 号 size `steps` steps smaller (negative) or larger than `size` (a size between two 号
/// sizes counts as one step from either); clamped to 八号 … 初号.
Length hao_step(Length size, int steps);

}  // namespace zjgr::layout
