// Finishing: what Cairo 1.16 cannot write into a PDF, added with libqpdf — page boxes, colour
// (DeviceGray / CMYK, overprint), no transparency groups, PDF/X keys, OutputIntent, D: dates
// and a content-derived /ID. Private to render/ (qpdf stays here).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "render/detail/color.h"

namespace zjgr::render::detail {

/// The boxes of one page in PDF user space (points, origin bottom left): [x0 y0 x1 y1].
struct PageBoxes {
  std::array<double, 4> media{};  ///< what Cairo wrote: trim + bleed (+ the slug for marks)
  std::array<double, 4> bleed{};  ///< trim + bleed on every side
  std::array<double, 4> trim{};   ///< the finished page
};

/// The PDF/X version a press file claims (ISO 15930-1 and -4); None for a screen file.
enum class PdfxVersion { None, X1a2001, X1a2003 };

/// The Info values and PDF version of a claim: GTS_PDFXVersion, GTS_PDFXConformance (X-1a:2001
/// only; empty otherwise) and the header version the standard is based on.
struct PdfxClaim {
  std::string version, conformance, pdf_version;
};
PdfxClaim pdfx_claim(PdfxVersion version);

/// What the finishing step needs to know.
struct FinishSpec {
  bool print = false;                       ///< CMYK, K-only black with overprint, PDF/X-1a keys
  const CmykConverter* converter = nullptr; ///< required when print
  PdfxVersion pdfx = PdfxVersion::None;     ///< the claim written into Info and the header
  const IccProfile* output_intent = nullptr;  ///< the DestOutputProfile; none = no OutputIntent
  std::string output_condition;             ///< OutputConditionIdentifier ("IFRA26", …); empty = "Custom"
  std::vector<PageBoxes> pages;             ///< one per page, in order
  bool marks = false;                       ///< printer's marks in the slug (detail/marks.h)
  int year = 1970, month = 1, day = 1;      ///< CreationDate and ModDate (the issue's date)
};

/// Rewrites Cairo's PDF into the finished file; nullopt with "finish-failed" when qpdf cannot.
std::optional<std::string> finish_pdf(const std::string& cairo_pdf, const FinishSpec& spec, Diagnostics& diagnostics);

}  // namespace zjgr::render::detail
