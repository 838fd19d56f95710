// Canvas: drawing frames with Cairo — one recursive walk over FrameItems (STYLE.md §5.2).
#include "render/detail/cairo_canvas.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "base/utf8.h"

namespace zjgr::render::detail {
namespace {

/// Groups nested deeper than this are a broken frame tree, not a page (bounded work, as HarfBuzz).
constexpr int kMaxDepth = 64;

std::string where(Point at) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "(%.2fpt, %.2fpt)", at.x.to_pt(), at.y.to_pt());
  return buf;
}

void set_color(cairo_t* cr, frame::Color color) {
  if (color.alpha == 255) {
    cairo_set_source_rgb(cr, color.r / 255.0, color.g / 255.0, color.b / 255.0);
  } else {
    cairo_set_source_rgba(cr, color.r / 255.0, color.g / 255.0, color.b / 255.0, color.alpha / 255.0);
  }
}

class Walker {
 public:
  explicit Walker(Canvas& canvas) : c_(canvas), cr_(canvas.cr) {}

  void walk(const frame::Frame& f, int depth) {
    if (depth > kMaxDepth) {
      c_.diagnostics.error("bad-geometry", "frames nested more than " + std::to_string(kMaxDepth) + " deep");
      return;
    }
    for (const auto& entry : f.items) {
      const Point at = origin_ + entry.first;  // a named copy: clang 14 cannot capture structured bindings
      if (!valid(at.x) || !valid(at.y)) {
        bad("item", at);
        continue;
      }
      std::visit([&](const auto& it) {
        using Item = std::decay_t<decltype(it)>;
        // Anything drawn in between goes after the runs held back (a group flushes when it must).
        if constexpr (std::is_same_v<Item, frame::ImageItem> || std::is_same_v<Item, frame::RuleItem> ||
                      std::is_same_v<Item, frame::BoxItem>) {
          flush();
        }
        draw(at, it, depth);
      }, entry.second);
    }
  }

 private:
  static bool valid(Length l) { return valid_length(l.to_pt()); }
  static bool valid_fraction(double f) { return std::isfinite(f) && f >= 0.0 && f <= 1.0; }

  void bad(const std::string& what, Point at) {
    c_.diagnostics.error("bad-geometry", what + " at " + where(at) + " has a length that is not finite or beyond ±10 m");
  }

  void draw(Point at, const frame::GlyphRunItem& run, int) {
    if (run.glyphs.empty()) return;
    if (!valid(run.size) || run.size <= Length()) return bad("glyph run", at);
    for (const auto& g : run.glyphs) {
      if (!valid(g.at.x) || !valid(g.at.y)) return bad("glyph run", at);
    }
    const FontFaces::Face* face = c_.fonts.face(run.font, c_.diagnostics);
    if (face == nullptr) return;  // reported by FontFaces

    // Glyph ids of a compact subset differ from the shaped ones: map them. The buffers are the
    // walker's, kept from run to run (a page has a thousand runs or more).
    glyphs_.clear();
    glyphs_.reserve(run.glyphs.size());
    const double x0 = at.x.to_pt(), y0 = at.y.to_pt();
    int outside_cut = 0;
    for (const auto& g : run.glyphs) {
      const std::uint32_t id = face->glyph(g.id);
      outside_cut += id == 0 && g.id != 0;
      glyphs_.push_back({id, x0 + g.at.x.to_pt(), y0 + g.at.y.to_pt()});
    }
    if (outside_cut > 0) c_.fonts.count_outside_cut(outside_cut);

    // The text and its clusters go with every call into the PDF: Cairo writes them into its
    // ToUnicode and ActualText, so 工 extracts as 工 and not as the Kangxi radical ⼯ (DESIGN.md
    // §6). Pixels carry no text: a proof draws the glyphs alone.
    std::string_view text;
    clusters_.clear();
    if (!c_.raster) {
      text = run.text;
      if (!clusters_fit(run, clusters_)) {
        c_.diagnostics.warning("bad-clusters", "glyph run at " + where(at) +
                                                   " has clusters that do not cover its text and glyphs; "
                                                   "its text is kept as one cluster");
        clusters_.clear();
        if (find_invalid_utf8(run.text)) text = {};
        if (!text.empty()) clusters_.push_back({static_cast<int>(text.size()), static_cast<int>(glyphs_.size())});
      }
    }
    if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()) ||
        glyphs_.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
      return bad("glyph run", at);
    }

    if (c_.raster) {
      set_font(face, run);
      cairo_show_glyphs(cr_, glyphs_.data(), static_cast<int>(glyphs_.size()));
      return;
    }
    // Into the PDF, runs in a row with the same font, size and colour go in one call (a page's
    // lines, mostly): Cairo's cost is per call (its analysis of every operation, the text object),
    // and the glyphs carry their own positions.
    const bool joins = pending_.face == face && pending_.size == run.size && pending_.x_scale == run.x_scale &&
                       pending_.color == run.color && !text.empty() && !pending_.text.empty() &&
                       pending_.glyphs.size() + glyphs_.size() <= static_cast<std::size_t>(std::numeric_limits<int>::max()) &&
                       pending_.text.size() + text.size() <= static_cast<std::size_t>(std::numeric_limits<int>::max());
    if (!joins) {
      flush();
      pending_.face = face;
      pending_.size = run.size;
      pending_.x_scale = run.x_scale;
      pending_.color = run.color;
    }
    pending_.glyphs.insert(pending_.glyphs.end(), glyphs_.begin(), glyphs_.end());
    pending_.text.append(text);
    pending_.clusters.insert(pending_.clusters.end(), clusters_.begin(), clusters_.end());
  }

  void set_font(const FontFaces::Face* face, const frame::GlyphRunItem& run) { set_font(face, run.size, run.x_scale, run.color); }

  void set_font(const FontFaces::Face* face, Length size, double x_scale, frame::Color color) {
    cairo_set_font_face(cr_, face->cairo);
    if (x_scale == 1) {
      cairo_set_font_size(cr_, size.to_pt());
    } else {  // narrowed glyphs (纵中横 of three digits)
      cairo_matrix_t matrix;
      cairo_matrix_init(&matrix, size.to_pt() * x_scale, 0, 0, size.to_pt(), 0, 0);
      cairo_set_font_matrix(cr_, &matrix);
    }
    set_color(cr_, color);
  }

 public:
  /// Draws the glyph runs held back to be drawn in one call (the PDF's): before anything else is
  /// drawn, and at the end of each frame.
  void flush() {
    if (pending_.face == nullptr) return;
    set_font(pending_.face, pending_.size, pending_.x_scale, pending_.color);
    cairo_show_text_glyphs(cr_, pending_.text.data(), static_cast<int>(pending_.text.size()), pending_.glyphs.data(),
                           static_cast<int>(pending_.glyphs.size()),
                           pending_.clusters.empty() ? nullptr : pending_.clusters.data(),
                           static_cast<int>(pending_.clusters.size()), cairo_text_cluster_flags_t{});
    pending_.face = nullptr;
    pending_.glyphs.clear();
    pending_.text.clear();
    pending_.clusters.clear();
  }

 private:
  // Converts the run's clusters; false unless they cover its text and glyphs exactly, each
  // non-empty and the text valid UTF-8 (Cairo would otherwise put the context in an error state).
  static bool clusters_fit(const frame::GlyphRunItem& run, std::vector<cairo_text_cluster_t>& out) {
    if (run.text.empty() || run.clusters.empty() || find_invalid_utf8(run.text)) return false;
    std::size_t bytes = 0, glyphs = 0;
    out.reserve(run.clusters.size());
    for (const auto& cl : run.clusters) {
      if (cl.bytes == 0 && cl.glyphs == 0) return false;
      bytes += cl.bytes;
      glyphs += cl.glyphs;
      if (bytes > run.text.size() || glyphs > run.glyphs.size()) return false;
      out.push_back({static_cast<int>(cl.bytes), static_cast<int>(cl.glyphs)});
    }
    return bytes == run.text.size() && glyphs == run.glyphs.size();
  }

  void draw(Point at, const frame::ImageItem& image, int) {
    if (!valid(image.size.width) || !valid(image.size.height)) return bad("image \"" + image.path + "\"", at);
    if (image.size.width <= Length() || image.size.height <= Length()) return;
    if (!valid_fraction(image.crop_left) || !valid_fraction(image.crop_right) ||
        !valid_fraction(image.crop_top) || !valid_fraction(image.crop_bottom) ||
        image.crop_left >= image.crop_right || image.crop_top >= image.crop_bottom) {
      c_.diagnostics.error("bad-geometry", "image \"" + image.path + "\" at " + where(at) +
                                               " has a crop window outside 0…1 or empty");
      return;
    }
    const double w = image.size.width.to_pt(), h = image.size.height.to_pt();
    const int orientation = image.orientation >= 1 && image.orientation <= 8 ? image.orientation : 1;
    const bool quarter = orientation >= 5;  // the stored pixels' width is the upright height
    // On a raster, the whole photo's size in device pixels at this scale and crop.
    PixelNeed need;
    if (c_.raster) {
      double wx = w, wy = 0, hx = 0, hy = h;
      cairo_user_to_device_distance(cr_, &wx, &wy);
      cairo_user_to_device_distance(cr_, &hx, &hy);
      need.width = std::hypot(wx, wy) / (image.crop_right - image.crop_left);
      need.height = std::hypot(hx, hy) / (image.crop_bottom - image.crop_top);
      if (quarter) std::swap(need.width, need.height);  // the decoder counts stored pixels
    }
    // The press file draws the photo made for the press: its crop is already applied.
    const PressPhoto* press = c_.press != nullptr ? c_.press->find(image) : nullptr;
    cairo_surface_t* surface = press != nullptr ? press->surface : c_.images.get(image.path, need, c_.diagnostics);
    if (surface == nullptr) return;  // reported by ImageCache
    const CropWindow crop = press != nullptr ? CropWindow{}
                                             : CropWindow{image.crop_left, image.crop_top, image.crop_right, image.crop_bottom};
    const double stored_w = cairo_image_surface_get_width(surface);
    const double stored_h = cairo_image_surface_get_height(surface);
    // The upright picture's size in (decoded) pixels, the space the crop window is in.
    const double src_w = quarter ? stored_h : stored_w, src_h = quarter ? stored_w : stored_h;

    // Clip to the item's rectangle, then scale the source so the crop window fills it.
    cairo_save(cr_);
    cairo_rectangle(cr_, at.x.to_pt(), at.y.to_pt(), w, h);
    cairo_clip(cr_);
    cairo_translate(cr_, at.x.to_pt(), at.y.to_pt());
    cairo_scale(cr_, w / ((crop.right - crop.left) * src_w),
                h / ((crop.bottom - crop.top) * src_h));
    if (orientation == 1) {
      cairo_set_source_surface(cr_, surface, -crop.left * src_w, -crop.top * src_h);
    } else {
      // Turn and mirror the stored pixels upright: still one image drawn through a matrix, so a
      // JPEG keeps its passthrough. (Orientation 1 keeps the calls above: ordinary photos' output
      // is byte for byte what it was.)
      cairo_translate(cr_, -crop.left * src_w, -crop.top * src_h);
      const cairo_matrix_t upright = orientation_matrix(orientation, stored_w, stored_h);
      cairo_transform(cr_, &upright);
      cairo_set_source_surface(cr_, surface, 0, 0);
    }
    cairo_pattern_set_filter(cairo_get_source(cr_), CAIRO_FILTER_GOOD);
    if (c_.raster) cairo_pattern_set_extend(cairo_get_source(cr_), CAIRO_EXTEND_PAD);
    cairo_paint(cr_);
    cairo_restore(cr_);
  }

  void draw(Point at, const frame::RuleItem& rule, int) {
    if (!valid(rule.to.x) || !valid(rule.to.y) || !valid(rule.thickness) || rule.thickness < Length()) {
      return bad("rule", at);
    }
    if (rule.thickness == Length()) return;
    cairo_new_path(cr_);
    cairo_move_to(cr_, at.x.to_pt(), at.y.to_pt());
    cairo_line_to(cr_, (at.x + rule.to.x).to_pt(), (at.y + rule.to.y).to_pt());
    cairo_set_line_cap(cr_, CAIRO_LINE_CAP_BUTT);
    cairo_set_line_width(cr_, rule.thickness.to_pt());
    set_color(cr_, rule.color);
    cairo_stroke(cr_);
  }

  void draw(Point at, const frame::BoxItem& box, int) {
    if (!valid(box.size.width) || !valid(box.size.height) || !valid(box.stroke_width) ||
        box.stroke_width < Length()) {
      return bad("box", at);
    }
    cairo_new_path(cr_);
    cairo_rectangle(cr_, at.x.to_pt(), at.y.to_pt(), box.size.width.to_pt(), box.size.height.to_pt());
    // Fill (底纹) first, then the stroke over it.
    if (box.fill) {
      set_color(cr_, *box.fill);
      cairo_fill_preserve(cr_);
    }
    if (box.stroke && box.stroke_width > Length()) {
      set_color(cr_, *box.stroke);
      cairo_set_line_width(cr_, box.stroke_width.to_pt());
      cairo_set_line_join(cr_, CAIRO_LINE_JOIN_MITER);
      cairo_stroke_preserve(cr_);
    }
    cairo_new_path(cr_);
  }

  void draw(Point at, const frame::MarkItem& mark, int) {
    if (!c_.on_mark) return;
    double x = at.x.to_pt(), y = at.y.to_pt();
    cairo_user_to_device(cr_, &x, &y);
    c_.on_mark(mark, x, y);
  }

  void draw(Point at, const frame::GroupItem& group, int depth) {
    if (!group.frame || (group.proof_only && !c_.proofs)) return;
    if (group.clip && (!valid(group.clip->origin.x) || !valid(group.clip->origin.y) ||
                       !valid(group.clip->size.width) || !valid(group.clip->size.height))) {
      return bad("group clip", at);
    }
    const Point outer = origin_;
    const int turns = ((group.quarter_turns % 4) + 4) % 4;
    if (!c_.raster && turns == 0 && !group.clip) {
      // Only moved (a line, a block): its items are drawn at their place on the page, in this
      // space, so that runs held back for one call go on across it. Lengths add exactly (sp); on
      // pixels the walk keeps Cairo's translation, which rounds as the proofs always did.
      origin_ = at;
      walk(*group.frame, depth + 1);
      origin_ = outer;
      return;
    }
    flush();  // what is held back is in this space
    cairo_save(cr_);
    cairo_translate(cr_, at.x.to_pt(), at.y.to_pt());
    if (turns != 0) cairo_rotate(cr_, turns * (std::numbers::pi / 2));
    if (group.clip) {
      cairo_rectangle(cr_, group.clip->origin.x.to_pt(), group.clip->origin.y.to_pt(),
                      group.clip->size.width.to_pt(), group.clip->size.height.to_pt());
      cairo_clip(cr_);
    }
    origin_ = Point{};
    walk(*group.frame, depth + 1);
    flush();  // in the group's space and clip
    cairo_restore(cr_);
    origin_ = outer;
  }

  Canvas& c_;
  cairo_t* cr_;
  std::vector<cairo_glyph_t> glyphs_;          ///< the run being drawn, in Cairo's terms
  std::vector<cairo_text_cluster_t> clusters_;
  struct Pending {
    const FontFaces::Face* face = nullptr;  ///< none held back
    Length size;
    double x_scale = 1;
    frame::Color color;
    std::vector<cairo_glyph_t> glyphs;
    std::string text;
    std::vector<cairo_text_cluster_t> clusters;
  } pending_;     ///< runs to be drawn in one call into the PDF
  Point origin_;  ///< where the frame being walked is, in the space Cairo draws in (PDF: groups only moved)
};

}  // namespace

// EXIF orientation (Exif 2.3, tag 0x0112) as the matrix from stored pixel coordinates (x, y) of a
// stored_w × stored_h image to upright ones (u, v): u = xx·x + xy·y + x0, v = yx·x + yy·y + y0.
// The value names where the stored 0th row and 0th column are seen: 6 = row 0 on the right,
// column 0 at the top (turn 90° clockwise to see it upright).
cairo_matrix_t orientation_matrix(int orientation, double stored_w, double stored_h) {
  cairo_matrix_t m;
  //                               xx  yx  xy  yy  x0        y0
  switch (orientation) {
    case 2: cairo_matrix_init(&m, -1,  0,  0,  1, stored_w, 0); break;         // mirrored left–right
    case 3: cairo_matrix_init(&m, -1,  0,  0, -1, stored_w, stored_h); break;  // turned 180°
    case 4: cairo_matrix_init(&m,  1,  0,  0, -1, 0,        stored_h); break;  // mirrored top–bottom
    case 5: cairo_matrix_init(&m,  0,  1,  1,  0, 0,        0); break;         // transposed
    case 6: cairo_matrix_init(&m,  0,  1, -1,  0, stored_h, 0); break;         // 90° clockwise
    case 7: cairo_matrix_init(&m,  0, -1, -1,  0, stored_h, stored_w); break;  // transversed
    case 8: cairo_matrix_init(&m,  0, -1,  1,  0, 0,        stored_w); break;  // 90° anticlockwise
    default: cairo_matrix_init_identity(&m); break;
  }
  return m;
}

bool valid_length(double pt) { return std::isfinite(pt) && std::abs(pt) <= kMaxLengthPt; }

void draw_frame(Canvas& canvas, const frame::Frame& f) {
  Walker walker(canvas);
  walker.walk(f, 0);
  walker.flush();
}

}  // namespace zjgr::render::detail
