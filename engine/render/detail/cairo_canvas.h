// Canvas: the one recursive walk that draws a frame::Frame onto a cairo_t, shared by the PDF
// and the PNG paths. Private to render/.
#pragma once

#include <functional>

#include <cairo.h>

#include "base/diagnostics.h"
#include "frame/frame.h"
#include "render/detail/font_faces.h"
#include "render/detail/images.h"
#include "render/detail/press_photos.h"

namespace zjgr::render::detail {

/// Largest length accepted anywhere in a frame: ±10 m. Beyond it a frame is broken, not large.
inline constexpr double kMaxLengthPt = 10000.0 / 25.4 * 72.0;

/// True when `pt` is finite and within ±10 m.
bool valid_length(double pt);

/// What a walk draws with. `on_mark` (may be empty) receives each MarkItem with its position in
/// device space; the PDF path turns it into a bookmark.
struct Canvas {
  cairo_t* cr = nullptr;
  FontFaces& fonts;
  ImageCache& images;
  Diagnostics& diagnostics;
  /// Drawing onto pixels (PNG proofs): photos are decoded at the resolution they are shown at
  /// and padded beyond their edges before filtering (no pale fringe at a photo's edge). False for
  /// the PDF, which embeds a JPEG's own bytes and leaves resampling to the viewer.
  bool raster = false;
  std::function<void(const frame::MarkItem&, double x, double y)> on_mark;
  /// Draw proof-only items (GroupItem::proof_only): on PNG proofs, never in the PDF.
  bool proofs = false;
  /// The press file's photos (PressPhotos): a JPEG found there is drawn from it instead of the file.
  const PressPhotos* press = nullptr;
};

/// EXIF orientation 1–8 as the matrix from the stored pixels of a stored_w × stored_h image to
/// upright ones; anything else is the identity.
cairo_matrix_t orientation_matrix(int orientation, double stored_w, double stored_h);

/// Draws `frame` with its top left at the current user-space origin (1 unit = 1 pt). Items with
/// bad geometry are reported ("bad-geometry") and skipped.
void draw_frame(Canvas& canvas, const frame::Frame& frame);

}  // namespace zjgr::render::detail
