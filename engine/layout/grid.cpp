#include "layout/grid.h"

#include <algorithm>

namespace zjgr::layout {

PageGrid make_grid(const model::Layout& layout, int page_number) {
  const auto& page = layout.page;
  const model::Style* body = layout.style(layout.grid.body_style);
  PageGrid grid;
  grid.body_style = layout.grid.body_style;
  grid.body_size = body != nullptr ? body->size : Length::pt(9);
  grid.pitch = body != nullptr && body->leading > Length() ? body->leading : grid.body_size * 1.5;
  // Odd pages are rectos: the inside margin is on the left; even pages mirror it.
  const bool recto = page_number % 2 == 1;
  const Length left = recto ? page.margin.inside : page.margin.outside;
  grid.type_area = Rect{{left, page.margin.top},
                        {page.width - page.margin.inside - page.margin.outside,
                         page.height - page.margin.top - page.margin.bottom}};
  grid.columns = std::max(1, layout.grid.columns);

  // CLREQ P1: the measure is a whole number of body characters. Take the most characters that
  // fit with the requested gutter, then widen the gutters so the grid fills the type area.
  const auto n = static_cast<std::int64_t>(grid.columns);
  const Length available = grid.type_area.size.width - layout.grid.gutter * (n - 1);
  const int chars = std::max(1, static_cast<int>(available.raw() / n / grid.body_size.raw()));
  grid.measure = grid.body_size * static_cast<std::int64_t>(chars);
  grid.gutter = n > 1 ? (grid.type_area.size.width - grid.measure * n) / (n - 1) : Length();

  // The em box of a body character sits on the line's top; its ideographic baseline is 0.88 em
  // down (the Adobe-Japan/Noto CJK convention: em box from -0.12 em to 0.88 em).
  grid.baseline_offset = grid.body_size * 0.88;
  const Length usable = grid.type_area.size.height - grid.body_size;
  grid.lines = std::max(1, static_cast<int>(usable.raw() / grid.pitch.raw()) + 1);
  return grid;
}

}  // namespace zjgr::layout
