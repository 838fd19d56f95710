// Vertical setting (竖排, issue 16): a headline group set as vertical lines in a strip at one
// side of an area, and whole articles set top to bottom with their lines ordered right to left.
// Lines are composed as horizontal ones are (the same items, 禁则 and punctuation compression,
// with vertical advances as widths); only where they go differs.
#pragma once

#include <optional>
#include <string>

#include "layout/area.h"
#include "layout/block.h"

namespace zjgr::layout {

/// The headline group (引题, 主题, 副题) set 竖排 in a strip `width` wide, read right to left:
/// the 引题 at the right, then the 主题's lines (balanced), then the 副题. Each line is at most
/// `max_height` long less one body character at each end; the strip is as tall as its longest
/// line with that air, in whole grid rows (HeadBlock::lines), and the group is centred across
/// it. Lines that do not fit the strip's width are cut with one "overset" warning.
/// `headline_size` replaces the 主题 style's size (copyfitting's headline step).
HeadBlock vertical_headline_group(const model::Article& article, const PageGrid& grid, Length width, Length max_height,
                                  const std::string& headline_style, StyleBook& styles, Diagnostics& diagnostics,
                                  std::optional<Length> headline_size = std::nullopt);

/// Sets a whole article 竖排 in its area (spec.rows tall): the headline group at the right, then
/// the byline, subheads and body paragraphs as vertical lines on the body's pitch (its leading),
/// right to left, each line as long as the area is tall in whole body characters (with
/// spec.bands, as a band is tall: the bands filled top to bottom, one grid row apart). What does not
/// fit is overset (reported as horizontal areas report it, counting vertical lines). A photo
/// stands where it is in the copy, in whole line slots: picture and caption (horizontal, under
/// it) as tall as the lines, at most half the area wide; one with no room left is refused
/// ("photo-refused"). Copyfitting's squeeze (spec.tuning.squeeze) sets the body's paragraphs in as
/// few lines as the rules allow, and its headline step the 主题's size.
/// With `continued`, the area is that article's continuation: its 主题 alone in the "continued"
/// style, （上接第N版） and the copy that jumped. With spec.continue_page, the last slot keeps
/// （下转第N版） and what does not fit is returned in AreaResult::rest.
AreaResult set_vertical_area(const AreaSpec& spec, const model::Article& article, AreaContext& context,
                             const JumpedCopy* continued = nullptr);

}  // namespace zjgr::layout
