// Render: draws frame::Documents with Cairo into a print PDF and into PNG proofs. Owns Cairo,
// libpng and libjpeg (nothing outside render/ sees them); never decides where things go —
// every position comes from the frames (DESIGN.md §1, STYLE.md §5.3).
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "base/diagnostics.h"
#include "fonts/font_library.h"
#include "frame/document.h"

namespace zjgr::render {

/// What the print PDF contains besides the pages themselves.
struct PdfOptions {
  bool crop_marks = false;  ///< hairline marks at the trim corners, in a 10 mm slug around the bleed
};

/// Draws every page of `doc` into a PDF at `out`, written atomically (a temporary file in the
/// same folder, renamed over `out` only on success; on failure the old file is untouched and no
/// temporary is left). Fonts are subset and embedded by Cairo; JPEGs are embedded as JPEG (DCT,
/// original bytes, a photo used twice embedded once); PNG images losslessly. Metadata comes from
/// doc.metadata with the dates pinned to the date, so two runs give byte-identical files.
/// Page size (MediaBox) = trim + 2 × bleed (+ 2 × 10 mm slug with crop marks); the frame's origin
/// is the trim's top left. One bookmark per MarkItem. Returns false and reports an error
/// ("write-failed", "image-unreadable", "bad-geometry" …) on failure.
bool render_pdf(const frame::Document& doc, const fonts::FontLibrary& fonts,
                const std::filesystem::path& out, const PdfOptions& options, Diagnostics& diagnostics);

/// An 8-bit RGB raster, rows top to bottom, 3 bytes per pixel, no padding.
struct Raster {
  int width = 0;                   ///< pixels
  int height = 0;                  ///< pixels
  std::vector<std::uint8_t> rgb;   ///< width × height × 3 bytes
};

/// Draws one page's trim box (no bleed) at `dpi` on white, with the PDF's positions (no hinting,
/// no metric rounding, grey antialiasing). An empty raster and an error when it cannot.
Raster render_page(const frame::PageFrame& page, const fonts::FontLibrary& fonts, double dpi,
                   Diagnostics& diagnostics);

/// Writes a PNG atomically with libpng at a low compression level (fast proofs).
bool write_png(const Raster& raster, const std::filesystem::path& out, Diagnostics& diagnostics);

/// Writes page-01.png, page-02.png … (numbered by position in `doc`) into `dir`, which must
/// exist; pages are rendered in parallel, each on its own surface. False if any page failed.
bool render_pngs(const frame::Document& doc, const fonts::FontLibrary& fonts,
                 const std::filesystem::path& dir, double dpi, Diagnostics& diagnostics);

}  // namespace zjgr::render
