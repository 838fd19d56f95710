// Preflight: reads the finished PDF back with libqpdf and checks what a printing plant's
// preflight checks — boxes, fonts, images, colour, transparency, OutputIntent, keys. Private
// to render/ (qpdf stays here); the results go out through render::Preflight.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "render/detail/finish.h"
#include "render/render.h"

namespace zjgr::render::detail {

/// What the file is expected to be.
struct PreflightSpec {
  bool print = false;            ///< the PDF/X-1a rules: CMYK and grey only, ink limit, K-only black
  double ink_limit = 240;        ///< percent
  std::vector<PageBoxes> pages;  ///< the expected boxes, one per page
  PdfxVersion pdfx = PdfxVersion::None;  ///< the claim expected (None: a screen file claims none)
  double photo_ppi = 300;        ///< print: no image above this effective resolution (one pixel of rounding)
  int jpeg_quality = 90;         ///< print: no JPEG below this quality (estimated from its tables)
  bool marks = false;            ///< printer's marks expected, in the /All separation on every page
  /// Most total ink (percent) of JPEGs already decoded once, by jpeg_content_id (press photos,
  /// read back when made): an image whose bytes have that id is not decoded again.
  std::map<std::string, double> measured_inks = {};
};

/// Checks `pdf` (the bytes as they will be written). Never throws: a file qpdf cannot read is
/// one failed "readable" check.
Preflight preflight_pdf(const std::string& pdf, const PreflightSpec& spec);

}  // namespace zjgr::render::detail
