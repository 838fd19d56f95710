// The OpenType features text/ turns on beside HarfBuzz's defaults: shared with the font cut
// (fonts/subset.h shaping_closure), which must foresee every glyph they can give.
#pragma once

#include <array>

#include <hb.h>

namespace zjgr::fonts {

/// An apostrophe inside a Latin word: the font's proportional form.
inline constexpr std::array<hb_feature_t, 1> kProportionalFeatures{{
    {HB_TAG('p', 'w', 'i', 'd'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END}}};
/// Upright vertical text: vertical forms (vert, and vrt2 where the font has it).
inline constexpr std::array<hb_feature_t, 2> kVerticalFeatures{{
    {HB_TAG('v', 'e', 'r', 't'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('v', 'r', 't', '2'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END}}};
/// 纵中横 digits: half-width forms, two to a cell.
inline constexpr std::array<hb_feature_t, 1> kHalfWidthFeatures{{
    {HB_TAG('h', 'w', 'i', 'd'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END}}};

}  // namespace zjgr::fonts
