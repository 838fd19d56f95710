// Render: draws frame::Documents with Cairo into a print PDF and into PNG proofs. Owns Cairo,
// libpng and libjpeg (nothing outside render/ sees them); never decides where things go —
// every position comes from the frames (DESIGN.md §1, STYLE.md §5.3).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/atomic_file.h"
#include "base/diagnostics.h"
#include "fonts/font_library.h"
#include "frame/document.h"

namespace zjgr::render {

/// What the print PDF contains besides the pages themselves.
struct PdfOptions {
  /// Printer's marks in a 10 mm slug around the bleed: crop marks and registration targets in
  /// the /All separation (on every plate), a colour control bar and the plate names.
  bool crop_marks = false;
  /// PDF/X-1a press file: black text and rules K-only and overprinting, every colour and photo
  /// CMYK (lcms2, into `output_profile`), no transparency, a CMYK OutputIntent, the PDF/X version
  /// claimed. Without it (a screen file): neutral colours DeviceGray, photos as they came (JPEG
  /// passthrough), no OutputIntent and no PDF/X claim.
  bool print = false;
  double ink_limit = 240;   ///< --print: most total ink (C+M+Y+K) in percent, for converted photos and colours
  std::filesystem::path output_profile;  ///< --print: CMYK ICC profile; empty = Ghostscript's default_cmyk.icc
  /// --print: each JPEG photo is cropped to what is shown, downsampled to this effective
  /// resolution at its placed size (never upsampled) and embedded as a CMYK JPEG of this quality.
  std::string pdfx = "1a:2003";          ///< --print: the PDF/X version claimed, "1a:2001" or "1a:2003"
  /// --print: the OutputIntent's OutputConditionIdentifier, a characterisation in the ICC registry
  /// ("IFRA26" for ISO 12647-3 newsprint); empty = "IFRA26" for an ISOnewspaper26 profile, else "Custom".
  std::string output_condition;
  double photo_ppi = 300;
  int jpeg_quality = 90;
  unsigned threads = 0;  ///< --print: threads that make the photos; 0 = one per core (same bytes either way)
};

/// One photo of the press file as made (PdfOptions::print): the placement, the resolution of the
/// file's pixels there and of the JPEG written.
struct PressPhotoReport {
  std::string path;
  double placed_width_pt = 0, placed_height_pt = 0;
  int source_width = 0, source_height = 0;  ///< the crop's pixels in the file (upright)
  int width = 0, height = 0;                ///< pixels written
  double source_ppi = 0, output_ppi = 0;
  int quality = 0;                          ///< JPEG quality
};

/// One font of the finished PDF, as a preflight tool (pdffonts) would list it.
struct PreflightFont {
  std::string name;     ///< BaseFont, e.g. "DYCMOQ+NotoSerifCJKsc-Regular"
  std::string type;     ///< "Type0/CIDFontType0", "TrueType", …
  bool embedded = false;
  bool subset = false;  ///< the name has the six-letter subset tag
};

/// One image of the finished PDF.
struct PreflightImage {
  int page = 0;             ///< 1-based position in the file
  int width = 0, height = 0;  ///< pixels
  std::string color_space;  ///< "DeviceRGB", "DeviceCMYK", "DeviceGray", …
  std::string filter;       ///< "DCTDecode" (JPEG passthrough), "FlateDecode", …
  double max_ink = 0;       ///< CMYK images: the largest C+M+Y+K of any pixel, in percent
  /// The effective resolution where the pages place it (pixels per inch of the placed size, the
  /// lower and the higher axis of every placement); 0 when no page content places it directly.
  double min_ppi = 0, max_ppi = 0;
  int jpeg_quality = 0;     ///< DCT images: the quality estimated from the quantisation table; 0 otherwise
};

/// One check run on the finished file; a failed check is also a "preflight-failed" warning.
struct PreflightCheck {
  std::string name;     ///< stable, kebab-case: "page-boxes", "fonts-embedded", "no-rgb" …
  bool passed = false;
  std::string detail;   ///< what was found, e.g. "2 pages: TrimBox 1105.5×1544.9 pt inside BleedBox"
};

/// What the preflight of the finished PDF found (read back from the bytes written, with qpdf).
struct Preflight {
  std::vector<PreflightFont> fonts;
  std::vector<PreflightImage> images;
  std::vector<PreflightCheck> checks;
  std::vector<PressPhotoReport> press_photos;  ///< print: the photos as made, in document order
};

/// Draws every page of `doc` into a PDF at `out`, written atomically (a temporary file in the
/// same folder, renamed over `out` only on success; on failure the old file is untouched and no
/// temporary is left). Fonts are subset and embedded by Cairo; JPEGs are embedded as JPEG (DCT,
/// original bytes, a photo used twice embedded once); PNG images losslessly. Metadata comes from
/// doc.metadata with the dates pinned to the date, so two runs give byte-identical files.
/// Page size (MediaBox) = trim + 2 × bleed (+ 2 × 10 mm slug with crop marks); the frame's origin
/// is the trim's top left. One bookmark per MarkItem. Returns false and reports an error
/// ("write-failed", "image-unreadable", "bad-geometry" …) on failure.
/// Cairo's file is then finished with qpdf (TrimBox = the page, BleedBox = trim + bleed,
/// MediaBox holds the marks; neutral RGB → DeviceGray or, with options.print, everything →
/// CMYK with overprinting K-only black; transparency groups removed; PDF/X keys, OutputIntent,
/// D: dates, a document /ID hashed from the content) and preflighted: the checks go to
/// `preflight` when given, and each failed one is a "preflight-failed" warning.
bool render_pdf(const frame::Document& doc, const fonts::FontLibrary& fonts,
                const std::filesystem::path& out, const PdfOptions& options, Diagnostics& diagnostics,
                Preflight* preflight = nullptr);

/// The same, into `file`'s temporary, which is written out and closed (finish()) but not
/// renamed: the caller commits it together with the run's other outputs, or drops it. False when
/// anything failed, writing included (reported; "out-of-memory" when Cairo ran out of memory).
bool render_pdf(const frame::Document& doc, const fonts::FontLibrary& fonts, AtomicFile& file,
                const PdfOptions& options, Diagnostics& diagnostics, Preflight* preflight = nullptr);

/// Process-wide settings of the libraries render/ draws with, for a program that writes PDFs:
/// call once at its start, before any thread. With Cairo 1.16 it has Cairo leave its PDF streams
/// uncompressed (CAIRO_DEBUG_PDF, which there does nothing else): the finishing step inflates
/// and deflates every content stream anyway (detail/finish.h) and qpdf compresses the others as
/// it writes the file, so Cairo's own deflate was spent for nothing — 7 % of the CPU of a 100-page
/// run. The file is the same but for the order of two keys in some stream dictionaries. Later
/// Cairo versions print debugging output under that variable, so there it is not set.
void prepare_process();

/// The characters a PDF's fonts are cut to before its pages are drawn (PdfStream): every font
/// takes `everywhere`, the fonts in `body_fonts` `body` as well (layout::issue_characters: body
/// paragraphs are set in the body style's fonts alone, so a headline font is not cut to them).
struct CharacterForesight {
  std::u32string everywhere;
  std::u32string body;
  std::vector<fonts::FontId> body_fonts;
};

/// A screen PDF drawn while layout goes on: pages handed in with add() as layout finishes them
/// are drawn, in page order, on a thread of the stream's own, with each font cut beforehand to
/// every glyph the characters `characters()` gives it can shape to (CharacterForesight,
/// fonts::shaping_closure; called once, on that thread, so it costs layout nothing) instead of
/// to the census of the finished document. finish() then completes the file as
/// render_pdf does. Whenever that cannot hold — a page shows a glyph outside its font's cut, a
/// page never came, drawing reported an error — finish() draws the whole document again with
/// render_pdf, so the file is always right and only the time is lost. A press file
/// (options.print) is always drawn that way: its photos are made from the whole document first.
/// So is a one-page document: nothing could be drawn beside its layout, and the census of its
/// one page cuts the fonts smaller (a one-page issue: ~150 against ~120 ms otherwise).
/// The bytes differ from render_pdf's (the fonts are cut from other subsets), the same for the
/// same input. `fonts` must outlive the stream and may still be loading faces for later pages.
class PdfStream {
 public:
  PdfStream(std::size_t pages, const fonts::FontLibrary& fonts, std::function<CharacterForesight()> characters,
            PdfOptions options);
  ~PdfStream();
  PdfStream(const PdfStream&) = delete;
  PdfStream& operator=(const PdfStream&) = delete;

  /// Page `index` is finished: its boxes, and its frame in `page.frame` or, when `store` has
  /// it, in `store`. From any thread, in any order.
  void add(std::size_t index, frame::PageFrame page, std::shared_ptr<const frame::FrameStore> store);
  /// Writes the PDF of `doc`, the document whose pages were added, into `file`'s temporary
  /// (written and closed, not renamed) as render_pdf(doc, fonts, file, …) does.
  bool finish(const frame::Document& doc, AtomicFile& file, Diagnostics& diagnostics, Preflight* preflight = nullptr);
  /// After finish(): whether the pages drawn while layout went on were used (false: drawn again).
  bool streamed() const { return streamed_; }

 private:
  /// No more pages: the drawing thread ends after the last one added or, abandoning them, after
  /// the page it is on.
  void close(bool abandon);
  struct Work;
  std::unique_ptr<Work> work_;
  std::thread thread_;
  bool streamed_ = false;
};

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

/// Writes a PNG atomically (8-bit grey when every pixel is grey, else RGB), deflated with
/// ISA-L's igzip (fast proofs).
bool write_png(const Raster& raster, const std::filesystem::path& out, Diagnostics& diagnostics);

/// PNG proofs drawn and encoded beside other work: the constructor starts `background` threads
/// (at most one per page) that take pages one by one as they are ready; finish() lends the
/// calling thread to the pages not yet started, waits for the rest and adds every page's
/// diagnostics in page order. So a caller lays out or writes the PDF between the two while the
/// proofs use the other cores. `fonts` (and `doc`) must outlive the object; destroyed
/// unfinished, it stops after the pages being drawn. Pages are page-01.png … (numbered by
/// position) in `dir`, which must exist.
class PngProofs {
 public:
  /// Proofs of every page of `doc`, ready now.
  PngProofs(const frame::Document& doc, const fonts::FontLibrary& fonts, const std::filesystem::path& dir,
            double dpi, unsigned background);
  /// Proofs of `pages` pages handed in one by one with add(), as layout finishes them.
  PngProofs(std::size_t pages, const fonts::FontLibrary& fonts, const std::filesystem::path& dir, double dpi,
            unsigned background);
  ~PngProofs();
  PngProofs(const PngProofs&) = delete;
  PngProofs& operator=(const PngProofs&) = delete;

  /// Page `index` is finished: its boxes, and its frame in `page.frame` or, when `store` has
  /// it, in `store`. Call from one thread, before finish(); `fonts` may still be loading faces
  /// for later pages meanwhile. A page never added gets no proof.
  void add(std::size_t index, frame::PageFrame page, std::shared_ptr<const frame::FrameStore> store);

  /// The cores besides the calling thread's: hardware_concurrency() - 1 (0 on one core).
  static unsigned spare_cores();
  /// Waits for every page added (helping with them); false if any page failed or the folder is
  /// missing.
  bool finish(Diagnostics& diagnostics);

 private:
  void start(unsigned background);
  struct Work;
  std::unique_ptr<Work> work_;
  std::vector<std::thread> threads_;
  bool folder_missing_ = false;
};

/// Writes page-01.png, page-02.png … (numbered by position in `doc`) into `dir`, which must
/// exist; pages are rendered in parallel on every core, each on its own surface. False if any
/// page failed.
bool render_pngs(const frame::Document& doc, const fonts::FontLibrary& fonts,
                 const std::filesystem::path& dir, double dpi, Diagnostics& diagnostics);

}  // namespace zjgr::render
