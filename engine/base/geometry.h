// Points, sizes and rectangles in Length units; y grows downwards (page coordinates).
#pragma once

#include "base/length.h"

namespace zjgr {

/// A position; x to the right, y downwards, from the top left of the enclosing frame.
struct Point {
  Length x, y;
  constexpr Point operator+(Point o) const { return {x + o.x, y + o.y}; }
  constexpr bool operator==(const Point&) const = default;
};

/// A width and a height, both non-negative.
struct Size {
  Length width, height;
  constexpr bool operator==(const Size&) const = default;
};

/// An axis-aligned rectangle: origin at the top left.
struct Rect {
  Point origin;
  Size size;
  constexpr Length left() const { return origin.x; }
  constexpr Length top() const { return origin.y; }
  constexpr Length right() const { return origin.x + size.width; }
  constexpr Length bottom() const { return origin.y + size.height; }
  constexpr bool contains(const Rect& r) const {
    return r.left() >= left() && r.top() >= top() && r.right() <= right() && r.bottom() <= bottom();
  }
  constexpr bool intersects(const Rect& r) const {
    return r.left() < right() && left() < r.right() && r.top() < bottom() && top() < r.bottom();
  }
  constexpr bool operator==(const Rect&) const = default;
};

}  // namespace zjgr
