// Frame: the one output vocabulary of layout — a tree of positioned glyph runs, images, rules,
// boxes and groups. Render draws Frames; it never decides where things go.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "base/geometry.h"
#include "fonts/font.h"

namespace zjgr::frame {

/// An sRGB colour; render maps neutral colours to DeviceGray for print. `alpha` below 255 is
/// for proof marks only (the printed page has no transparency).
struct Color {
  std::uint8_t r = 0, g = 0, b = 0;
  std::uint8_t alpha = 255;
  bool operator==(const Color&) const = default;
  static constexpr Color black() { return {0, 0, 0}; }
};

/// A glyph at a position relative to the run item's origin (which is on the baseline).
struct PositionedGlyph {
  std::uint32_t id = 0;
  Point at;
};

/// A (bytes, glyphs) pair as cairo_show_text_glyphs wants it: keeps copy-paste and search right.
struct Cluster {
  std::uint32_t bytes = 0, glyphs = 0;
};

/// Glyphs of one font at one size, with their text; origin on the baseline.
struct GlyphRunItem {
  fonts::FontId font = 0;
  Length size;
  Color color = Color::black();
  std::vector<PositionedGlyph> glyphs;
  std::string text;                ///< UTF-8 of the glyphs
  std::vector<Cluster> clusters;   ///< covers `text` and `glyphs` exactly, in order
  /// Glyphs drawn this much narrower than `size` (three 纵中横 digits in one em); positions
  /// already take it into account.
  double x_scale = 1;
};

/// A placed image, scaled into `size`; `crop` selects the part of the image shown, as fractions
/// of the upright picture (after `orientation`).
struct ImageItem {
  std::string path;                ///< JPEG or PNG file, already checked by layout's loader
  Size size;
  double crop_left = 0, crop_top = 0, crop_right = 1, crop_bottom = 1;
  /// EXIF orientation 1–8 (model::Photo::orientation): render turns and mirrors the stored
  /// pixels by it; anything else is drawn as 1.
  int orientation = 1;
};

/// A straight rule from the item's origin to `to` (relative), stroked with `thickness`.
struct RuleItem {
  Point to;
  Length thickness = Length::pt(0.5);
  Color color = Color::black();
};

/// A rectangle from the item's origin: optional fill (底纹) and optional stroke.
struct BoxItem {
  Size size;
  std::optional<Color> fill;
  std::optional<Color> stroke;
  Length stroke_width = Length::pt(0.5);
};

/// A bookmark for the PDF outline (page → article headlines); draws nothing.
struct MarkItem {
  std::string title;
  int level = 1;
};

struct Frame;

/// A sub-frame placed as a unit (a line, a column, a photo with its caption), optionally clipped.
struct GroupItem {
  std::shared_ptr<const Frame> frame;
  std::optional<Rect> clip;        ///< in the group's coordinates
  bool proof_only = false;         ///< drawn on PNG proofs only (overset and hole marks), never in the PDF
  /// Quarter turns clockwise about the item's position (1: 90°, the sideways Latin of a
  /// vertical line, which then reads top to bottom); the clip is in the turned coordinates.
  int quarter_turns = 0;
};

using FrameItem = std::variant<GlyphRunItem, ImageItem, RuleItem, BoxItem, MarkItem, GroupItem>;

/// A finished piece of layout: items at fixed positions relative to the frame's top left.
struct Frame {
  Size size;
  std::vector<std::pair<Point, FrameItem>> items;

  void push(Point at, FrameItem item) { items.emplace_back(at, std::move(item)); }
  void push_frame(Point at, Frame frame) {
    items.emplace_back(at, GroupItem{std::make_shared<const Frame>(std::move(frame)), std::nullopt});
  }
  /// A group only PNG proofs draw (and whose glyphs the PDF's font subsets leave out).
  void push_proof_frame(Point at, Frame frame) {
    items.emplace_back(at, GroupItem{std::make_shared<const Frame>(std::move(frame)), std::nullopt, true});
  }
};

}  // namespace zjgr::frame
