#include "layout/photo.h"

#include <cstdio>
#include <string>

#include "layout/block.h"

namespace zjgr::layout {
namespace {

std::string fmt_mm(Length l) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fmm", l.to_pt() * 25.4 / 72.0);
  return buf;
}

// A resolution as a reader wants it: "42 ppi", "2.5 ppi"; below 1, "less than 1 ppi (0.33)" —
// never "0 ppi" for a tiny photo blown up (a 1 × 1 px file over two columns).
std::string ppi_text(double ppi) {
  char text[64];
  if (ppi >= 10) {
    std::snprintf(text, sizeof text, "%d ppi", static_cast<int>(ppi));
  } else if (ppi >= 1) {
    std::snprintf(text, sizeof text, "%.1f ppi", ppi);
  } else {
    std::snprintf(text, sizeof text, "less than 1 ppi (%.2g)", ppi);
  }
  return text;
}

/// The picture's own width / height (1.5 when its pixels are unknown).
double pixel_aspect(const model::Photo& photo) {
  return photo.pixel_height > 0 ? double(photo.pixel_width) / photo.pixel_height : 1.5;
}

}  // namespace

PhotoReport photo_report(int page, const std::string& article, const model::Photo& photo, const PhotoBlock& placed,
                         Rect block, Diagnostics& diagnostics) {
  PhotoReport report;
  report.page = page;
  report.article = article;
  report.path = photo.path;
  report.pixel_width = photo.pixel_width;
  report.pixel_height = photo.pixel_height;
  report.width = placed.image.width;
  report.height = placed.image.height;
  report.block = block;
  // Effective resolution at the placed size: the pixels of the part shown (a crop shows fewer)
  // over the inches they fill; the crop keeps the aspect, so one axis tells.
  report.effective_ppi = placed.image.width > Length()
      ? photo.pixel_width * placed.visible_width / (placed.image.width.to_pt() / 72.0) : 0;
  if (report.effective_ppi < 200) {
    diagnostics.warning("low-resolution-photo",
                        "photo is " + ppi_text(report.effective_ppi) + " at its placed size (" +
                            std::to_string(photo.pixel_width) + " × " + std::to_string(photo.pixel_height) +
                            " px; newsprint wants at least 200 ppi)",
                        photo.where);
  }
  return report;
}

double shown_aspect(const model::Photo& photo) {
  if (photo.fit == model::PhotoFit::Crop && photo.aspect && *photo.aspect > 0) return *photo.aspect;
  return pixel_aspect(photo);
}

PhotoBlock photo_block(const model::Photo& photo, Length width, const PageGrid& grid, StyleBook& styles,
                       Diagnostics& diagnostics) {
  PhotoBlock block;
  frame::ImageItem image;
  image.path = photo.path;
  // The model's pixel size is already upright (width and height swapped for orientations 5–8);
  // render turns the stored pixels to match.
  image.orientation = photo.orientation;
  const double own = pixel_aspect(photo);
  const double aspect = shown_aspect(photo);
  if (aspect != own) {
    // Crop the centre of the picture to the requested aspect.
    if (aspect > own) {
      const double keep = own / aspect;
      image.crop_top = (1 - keep) / 2;
      image.crop_bottom = 1 - image.crop_top;
    } else {
      const double keep = aspect / own;
      image.crop_left = (1 - keep) / 2;
      image.crop_right = 1 - image.crop_left;
    }
  }
  // The picture's top is the top of the first grid line's em box.
  const Length top = grid.baseline_offset - grid.body_size * 0.88;
  const Length height = width * (1.0 / aspect);
  // A picture taller than the type area at its width (1×20000 px scaled to a column is 700 m)
  // or too flat to see is nonsense from the story, not a reason to fail the edition: it is not
  // placed, its caption neither, and the warning says why (issue 18).
  const Length kMinHeight = Length::mm(1);
  if (height > grid.type_area.size.height || height < kMinHeight) {
    diagnostics.warning("photo-refused",
                        "photo is " + std::to_string(photo.pixel_width) + "×" + std::to_string(photo.pixel_height) +
                            " px: at its width of " + fmt_mm(width) + " it would be " +
                            (height > grid.type_area.size.height ? fmt_mm(height) + " tall, taller than the type area (" +
                                                                       fmt_mm(grid.type_area.size.height) + ")"
                                                                 : "less than " + fmt_mm(kMinHeight) + " tall") +
                            "; not placed",
                        photo.where, {"crop it (\"fit\": \"crop\" with an \"aspect\"), or check the file"});
    block.refused = true;
    return block;
  }
  image.size = {width, height};
  block.image = image.size;
  block.visible_width = image.crop_right - image.crop_left;
  block.frame.push(Point{Length(), top}, std::move(image));

  std::string caption = photo.caption;
  if (!photo.credit.empty()) caption += (caption.empty() ? "" : "　") + photo.credit;
  Length bottom = top + height;
  if (!caption.empty()) {
    if (const ResolvedStyle* style = styles.get("caption", diagnostics, photo.where)) {
      const Length gap = grid.body_size * 0.4;
      TextBlock text = set_text(caption, *style, width, false, LineRole::Caption, styles, diagnostics, photo.where);
      for (auto& r : text.records) {
        r.y += bottom + gap;
        block.records.push_back(r);
      }
      block.frame.push_frame({Length(), bottom + gap}, std::move(text.frame));
      bottom += gap + text.frame.size.height;
    }
  }
  // Half a line of air, then whole grid lines.
  block.lines = lines_for(bottom + grid.pitch * 0.5, grid);
  block.frame.size = {width, grid.pitch * static_cast<std::int64_t>(block.lines)};
  return block;
}

}  // namespace zjgr::layout
