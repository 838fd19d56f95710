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

/// The steps a fit took, for the proof: 挤排，题 二号→小二，图 -2 行，题区 +1 行 (empty: none).
std::string copyfit_steps(const CopyfitReport& fit);

/// What the proof's margin note says of a fit: 调整： the steps taken and the cut or copy still
/// needed (需删 87 字，缺约 120 字); empty when the copy filled the area as it came.
std::string copyfit_label(const CopyfitReport& fit);

/// The 号 size `steps` steps smaller (negative) or larger than `size` (a size between two 号
/// sizes counts as one step from either); clamped to 八号 … 初号.
Length hao_step(Length size, int steps);

}  // namespace zjgr::layout
