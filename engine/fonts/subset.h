// Font subsetting with hb-subset, for render/: Cairo's PDF backend copies and decodes a whole
// CJK CFF table per document, so handing it only the used glyphs is much faster (DESIGN.md §6).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "fonts/font.h"

namespace zjgr::fonts {

/// A standalone OpenType font (one face, not a collection) holding only `glyph_ids` and .notdef,
/// with every glyph keeping its id (HB_SUBSET_FLAGS_RETAIN_GIDS), so shaped glyph ids can be
/// drawn with it unchanged. Layout tables (GSUB, GPOS, GDEF, BASE, JSTF) are dropped: the text is
/// already shaped. Empty when `font` is not loaded or HarfBuzz cannot subset it.
std::vector<char> subset_font(const Font& font, std::span<const std::uint32_t> glyph_ids);

}  // namespace zjgr::fonts
