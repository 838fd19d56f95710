// Printer's marks in the slug around the bleed: crop marks and registration targets in the /All
// separation (they print on every plate, so the plates can be registered to each other), a
// colour control bar (solid and half-tone patches of each ink, the two-colour overprints) and the
// plate names, each in its own ink. Written as a content stream the finishing step appends to
// each page. Private to render/.
#pragma once

#include <string>

#include "render/detail/finish.h"

namespace zjgr::render::detail {

/// The resource name under which a page's /ColorSpace dictionary holds the /All separation.
inline constexpr const char* kAllSeparation = "/ZjgrAll";

/// The content stream of the marks of one page (PDF user space: points, origin bottom left).
/// It selects `kAllSeparation` for the crop and registration marks and sets the bar's and the
/// plate names' CMYK colours directly.
std::string marks_content(const PageBoxes& boxes);

}  // namespace zjgr::render::detail
