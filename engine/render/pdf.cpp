// PDF: the print file — one Cairo PDF surface for the whole document (metadata, page labels,
// bookmarks, crop marks), finished with qpdf (boxes, colour, PDF/X keys, /ID: detail/finish.h),
// preflighted (detail/preflight.h) and written to a temporary file that the caller commits.
#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <cairo-pdf.h>
#include <cairo.h>

#include "base/atomic_file.h"
#include "render/detail/cairo_canvas.h"
#include "render/detail/color.h"
#include "render/detail/finish.h"
#include "render/detail/font_faces.h"
#include "render/detail/images.h"
#include "render/detail/preflight.h"
#include "render/detail/press_photos.h"
#include "render/render.h"

namespace zjgr::render {
namespace {

using detail::valid_length;

/// The slug around the bleed that holds crop marks.
constexpr Length kSlug = Length::mm(10);

// Cairo writes into memory: the finishing step rewrites the whole file before it reaches disk.
cairo_status_t write_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// The boxes of one page in PDF space: the MediaBox Cairo writes (trim + bleed + slug), the
// BleedBox and the TrimBox centred in it.
detail::PageBoxes page_boxes(const frame::PageFrame& page, double slug) {
  const double w = page.trim.width.to_pt(), h = page.trim.height.to_pt(), b = page.bleed.to_pt();
  detail::PageBoxes boxes;
  boxes.media = {0, 0, w + 2 * (b + slug), h + 2 * (b + slug)};
  boxes.bleed = {slug, slug, slug + w + 2 * b, slug + h + 2 * b};
  boxes.trim = {slug + b, slug + b, slug + b + w, slug + b + h};
  return boxes;
}

/// The slug the crop marks need around the bleed, in pt (none without them).
double slug_of(const PdfOptions& options) { return options.crop_marks ? kSlug.to_pt() : 0.0; }

bool page_boxes_valid(const frame::PageFrame& page) {
  return valid_length(page.trim.width.to_pt()) && valid_length(page.trim.height.to_pt()) &&
         valid_length(page.bleed.to_pt()) && page.trim.width > Length() && page.trim.height > Length() &&
         page.bleed >= Length();
}

// "YYYY-MM-DDT00:00:00" for cairo_pdf_surface_set_metadata; the date, never the clock, so
// reruns are byte-identical (DESIGN.md §6).
bool date_valid(const frame::Metadata& m) {
  return m.year >= 1 && m.year <= 9999 && m.month >= 1 && m.month <= 12 && m.day >= 1 && m.day <= 31;
}

std::string iso_date(const frame::Metadata& m, Diagnostics& diagnostics) {
  int year = m.year, month = m.month, day = m.day;
  if (!date_valid(m)) {
    diagnostics.warning("bad-date", "document date " + std::to_string(year) + "-" + std::to_string(month) +
                                        "-" + std::to_string(day) + " is not a date; 1970-01-01 is used");
    year = 1970, month = 1, day = 1;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT00:00:00", year, month, day);
  return buf;
}

void set_metadata(cairo_surface_t* surface, const frame::Metadata& m, Diagnostics& diagnostics) {
  auto set = [&](cairo_pdf_metadata_t key, const std::string& value) {
    if (!value.empty()) cairo_pdf_surface_set_metadata(surface, key, value.c_str());
  };
  set(CAIRO_PDF_METADATA_TITLE, m.title);
  set(CAIRO_PDF_METADATA_AUTHOR, m.author);
  set(CAIRO_PDF_METADATA_SUBJECT, m.subject);
  set(CAIRO_PDF_METADATA_CREATOR, m.creator);
  const std::string date = iso_date(m, diagnostics);
  set(CAIRO_PDF_METADATA_CREATE_DATE, date);
  set(CAIRO_PDF_METADATA_MOD_DATE, date);
}

/// The PDF outline: each MarkItem becomes a bookmark under the last one of the level above.
class Outline {
 public:
  void add(cairo_surface_t* surface, const frame::MarkItem& mark, int page, double x, double y) {
    const std::size_t level = static_cast<std::size_t>(std::clamp(mark.level, 1, 16));
    // parents_[i]: the last bookmark at level i+1 (a skipped level nests under the deepest one).
    parents_.resize(std::min(parents_.size(), level - 1));
    const int parent = parents_.empty() ? CAIRO_PDF_OUTLINE_ROOT : parents_.back();
    char link[96];
    std::snprintf(link, sizeof link, "page=%d pos=[%.2f %.2f]", page, x, y);
    const int id = cairo_pdf_surface_add_outline(surface, parent, mark.title.c_str(), link,
                                                 cairo_pdf_outline_flags_t{});
    parents_.push_back(id);
  }

 private:
  std::vector<int> parents_;
};

/// What render_pdf refuses before drawing anything: no pages, or a page without a size.
bool document_drawable(const frame::Document& doc, Diagnostics& diagnostics) {
  if (doc.pages.empty()) {
    diagnostics.error("empty-document", "the document has no pages, so no pdf is written");
    return false;
  }
  for (const auto& page : doc.pages) {
    if (!page_boxes_valid(page)) {
      diagnostics.error("bad-geometry", "page " + std::to_string(page.number) +
                                            " has a trim size or bleed that is empty, negative or beyond 10 m");
      return false;
    }
  }
  return true;
}

/// The output condition of a press file: its CMYK profile, converter and PDF/X version. A
/// screen file has none and claims no PDF/X: its photos are sRGB.
struct PressSetup {
  std::optional<detail::IccProfile> profile;
  std::unique_ptr<detail::CmykConverter> converter;
  detail::PdfxVersion pdfx = detail::PdfxVersion::None;
};

bool press_setup(const PdfOptions& options, PressSetup& out, Diagnostics& diagnostics) {
  if (!options.print) return true;
  if (options.pdfx == "1a:2001") {
    out.pdfx = detail::PdfxVersion::X1a2001;
  } else if (options.pdfx == "1a:2003") {
    out.pdfx = detail::PdfxVersion::X1a2003;
  } else {
    diagnostics.error("bad-pdfx", "--pdfx must be 1a:2001 or 1a:2003, not \"" + options.pdfx + "\"");
    return false;
  }
  out.profile = detail::read_icc_profile(
      options.output_profile.empty() ? std::filesystem::path(detail::kDefaultCmykProfile) : options.output_profile,
      diagnostics);
  if (!out.profile) return false;
  if (!(options.ink_limit >= 100 && options.ink_limit <= 400)) {
    diagnostics.error("bad-ink-limit", "the ink limit must be between 100 % and 400 %");
    return false;
  }
  out.converter = detail::CmykConverter::create(*out.profile, options.ink_limit, diagnostics);
  return out.converter != nullptr;
}

/// One Cairo PDF surface drawn page by page, in memory: what render_pdf does with a finished
/// document and PdfStream while layout goes on.
class CairoPdf {
 public:
  CairoPdf(detail::FontFaces& faces, const detail::PressPhotos* press, double slug)
      : faces_(faces), press_(press), slug_(slug) {}
  ~CairoPdf() {
    if (surface_ != nullptr) cairo_surface_destroy(surface_);
  }
  CairoPdf(const CairoPdf&) = delete;
  CairoPdf& operator=(const CairoPdf&) = delete;

  /// Draws the next page; false when Cairo failed (reported).
  bool page(const frame::PageFrame& page, const frame::Frame& content, Diagnostics& diagnostics) {
    const int page_index = ++pages_;
    // Page size = trim + 2 × bleed (+ slug); must be set before anything is drawn on the page.
    const double width = media(page, page.trim.width), height = media(page, page.trim.height);
    if (surface_ == nullptr) {
      surface_ = cairo_pdf_surface_create_for_stream(write_to_string, &bytes_, width, height);
    } else {
      cairo_pdf_surface_set_size(surface_, width, height);
    }
    if (!page.label.empty()) cairo_pdf_surface_set_page_label(surface_, page.label.c_str());

    cairo_t* cr = cairo_create(surface_);
    // The frame's origin is the trim box's top left.
    const double origin = slug_ + page.bleed.to_pt();
    cairo_translate(cr, origin, origin);
    detail::Canvas canvas{cr, faces_, images_, diagnostics, false,
                          [&](const frame::MarkItem& mark, double x, double y) {
                            outline_.add(surface_, mark, page_index, x, y);
                          },
                          false, press_};
    detail::draw_frame(canvas, content);
    cairo_show_page(cr);
    const cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    if (status == CAIRO_STATUS_SUCCESS) return true;
    failed_ = true;
    diagnostics.error(status == CAIRO_STATUS_NO_MEMORY ? "out-of-memory" : "render-failed",
                      "cairo failed on page " + std::to_string(page.number) + ": " + cairo_status_to_string(status));
    return false;
  }

  /// Finishes the file with the document's metadata (Cairo writes it at the end): Cairo's PDF,
  /// or nothing when it failed (reported naming `out`, unless a page reported it).
  std::optional<std::string> finish(const frame::Metadata& metadata, const std::filesystem::path& out,
                                    Diagnostics& diagnostics) {
    if (surface_ == nullptr) return std::nullopt;
    set_metadata(surface_, metadata, diagnostics);
    cairo_surface_finish(surface_);
    const cairo_status_t status = cairo_surface_status(surface_);
    cairo_surface_destroy(surface_);
    surface_ = nullptr;
    if (status != CAIRO_STATUS_SUCCESS) {
      if (!failed_) {
        diagnostics.error(status == CAIRO_STATUS_NO_MEMORY ? "out-of-memory" : "write-failed",
                          "cannot write \"" + out.string() + "\": " + cairo_status_to_string(status));
      }
      return std::nullopt;
    }
    return std::move(bytes_);
  }

 private:
  double media(const frame::PageFrame& p, Length side) const { return side.to_pt() + 2 * (p.bleed.to_pt() + slug_); }

  detail::FontFaces& faces_;
  detail::ImageCache images_;
  const detail::PressPhotos* press_;
  double slug_;
  std::string bytes_;  ///< Cairo's file: the finishing step rewrites it before it reaches disk
  cairo_surface_t* surface_ = nullptr;
  Outline outline_;
  int pages_ = 0;
  bool failed_ = false;  ///< a page put Cairo in an error state (reported there)
};

/// The rest after Cairo: what it cannot write (boxes, colour, PDF/X keys, OutputIntent, /ID:
/// detail/finish.h), the preflight read back from the result, and the bytes into `file`.
bool finish_file(std::string cairo_pdf, const frame::Document& doc, const PdfOptions& options, const PressSetup& press,
                 const detail::PressPhotos& press_photos, AtomicFile& file, Diagnostics& diagnostics,
                 Preflight* preflight) {
  const double slug = slug_of(options);
  detail::FinishSpec spec;
  spec.print = options.print;
  spec.converter = press.converter.get();
  spec.pdfx = press.pdfx;
  spec.marks = options.crop_marks;  // drawn in the slug by the finishing step (detail/marks.h)
  spec.output_intent = press.profile ? &*press.profile : nullptr;
  spec.output_condition = press.profile ? detail::output_condition_identifier(*press.profile, options.output_condition) : "";
  for (const auto& page : doc.pages) spec.pages.push_back(page_boxes(page, slug));
  spec.year = doc.metadata.year, spec.month = doc.metadata.month, spec.day = doc.metadata.day;
  if (!date_valid(doc.metadata)) spec.year = 1970, spec.month = 1, spec.day = 1;  // as iso_date() reported
  std::optional<std::string> finished = detail::finish_pdf(cairo_pdf, spec, diagnostics);
  std::string().swap(cairo_pdf);  // a press file is mostly photos: do not hold it twice from here
  if (!finished) return false;

  // Read the result back as a plant's preflight would; a failed check is a warning (--strict
  // makes it exit status 2).
  detail::PreflightSpec checks{options.print, options.ink_limit, spec.pages};
  checks.pdfx = press.pdfx;
  checks.photo_ppi = options.photo_ppi;
  checks.jpeg_quality = options.jpeg_quality;
  checks.marks = options.crop_marks;
  checks.measured_inks = press_photos.measured_inks();
  Preflight result = detail::preflight_pdf(*finished, checks);
  for (const PreflightCheck& check : result.checks) {
    if (!check.passed) diagnostics.warning("preflight-failed", "preflight check " + check.name + " failed: " + check.detail);
  }
  for (const auto& photo : press_photos.photos()) {
    result.press_photos.push_back({photo->path, photo->placed_width_pt, photo->placed_height_pt, photo->source_width,
                                   photo->source_height, photo->width, photo->height, photo->source_ppi,
                                   photo->output_ppi, photo->quality});
  }
  if (preflight != nullptr) *preflight = std::move(result);

  // Written out and closed, not renamed: the caller commits (a write failure is reported here).
  file.write(finished->data(), finished->size());
  return file.finish();
}

}  // namespace

void prepare_process() {
  if (cairo_version() < CAIRO_VERSION_ENCODE(1, 17, 0)) setenv("CAIRO_DEBUG_PDF", "1", 0);
}

bool render_pdf(const frame::Document& doc, const fonts::FontLibrary& fonts,
                const std::filesystem::path& out, const PdfOptions& options, Diagnostics& diagnostics,
                Preflight* preflight) {
  // Open the temporary file first: a folder we cannot write to fails before any drawing.
  AtomicFile file(out, diagnostics);
  if (!file.ok()) return false;
  return render_pdf(doc, fonts, file, options, diagnostics, preflight) && file.commit();
}

bool render_pdf(const frame::Document& doc, const fonts::FontLibrary& fonts, AtomicFile& file,
                const PdfOptions& options, Diagnostics& diagnostics, Preflight* preflight) {
  if (!file.ok()) return false;
  const std::size_t errors_before = diagnostics.error_count();
  if (!document_drawable(doc, diagnostics)) return false;
  PressSetup press;
  if (!press_setup(options, press, diagnostics)) return false;

  // Declared before the surface so that they outlive it: Cairo uses fonts and images until finish.
  // Fonts cut to the glyphs the document uses, ids kept (DESIGN.md §6: Cairo then copies and
  // decodes only those instead of a whole CJK CFF).
  detail::GlyphUsage used = detail::collect_glyphs(doc);
  std::vector<fonts::FontId> used_fonts;
  for (const auto& [id, glyphs] : used) used_fonts.push_back(id);
  detail::FontFaces faces(fonts, std::move(used));
  faces.precut(used_fonts);
  // Print: every JPEG photo made for the press first (cropped, downsampled, CMYK JPEG), on all cores.
  detail::PressPhotos press_photos;
  if (options.print) {
    const detail::PressPhotoSettings settings{options.photo_ppi, options.jpeg_quality, options.threads, {}};
    if (!press_photos.prepare(doc, *press.converter, settings, diagnostics)) return false;
  }
  std::optional<std::string> cairo_pdf;
  {
    CairoPdf pdf(faces, options.print ? &press_photos : nullptr, slug_of(options));
    frame::Frame loaded;  // the page's frame when the document keeps it in a store
    bool drawn = true;
    for (std::size_t i = 0; i < doc.pages.size() && drawn; ++i) drawn = pdf.page(doc.pages[i], doc.frame(i, loaded), diagnostics);
    cairo_pdf = pdf.finish(doc.metadata, file.target(), diagnostics);
  }
  press_photos.release_surfaces();  // their JPEGs are in cairo_pdf now
  // Any error on the way (a missing image, bad geometry …) leaves the old file as it was; the
  // temporary is removed by AtomicFile.
  if (!cairo_pdf || diagnostics.error_count() > errors_before) return false;
  return finish_file(std::move(*cairo_pdf), doc, options, press, press_photos, file, diagnostics, preflight);
}

struct PdfStream::Work {
  Work(std::size_t pages, const fonts::FontLibrary& library, std::function<CharacterForesight()> characters,
       PdfOptions choices)
      : fonts(library), options(std::move(choices)), faces(library, std::move(characters)),
        pdf(faces, nullptr, slug_of(options)), added(pages) {}

  // Draws the pages in order as they come; stops at the first that is missing when the stream
  // closes, fails, or shows a glyph outside the cuts (finish() then draws them all again).
  void run() {
    frame::Frame loaded;
    for (std::size_t i = 0; i < added.size(); ++i) {
      frame::PageFrame page;
      std::shared_ptr<const frame::FrameStore> store_now;
      {
        std::unique_lock lock(mutex);
        ready.wait(lock, [&] { return closed || added[i].has_value(); });
        if (!added[i] || abandoned) return;
        page = std::move(*added[i]);
        added[i].reset();
        store_now = store;
      }
      if (!page_boxes_valid(page)) return;
      try {
        const frame::Frame& content = store_now != nullptr && store_now->has(i) ? (loaded = store_now->load(i)) : page.frame;
        if (i == 0) faces.precut(detail::fonts_drawn(content));  // the first page's fonts at once
        if (!pdf.page(page, content, diagnostics) || diagnostics.has_errors() || faces.outside_cut() > 0) return;
      } catch (const std::exception&) {
        return;  // out of memory, a store that cannot be read back: the second pass reports it
      }
      drawn = i + 1;
    }
  }

  const fonts::FontLibrary& fonts;
  const PdfOptions options;
  detail::FontFaces faces;  ///< before `pdf`, which Cairo's fonts must not outlive
  CairoPdf pdf;
  Diagnostics diagnostics;  ///< what drawing said, kept when the drawn pages are used
  std::size_t drawn = 0;    ///< pages drawn, all of them well (the drawing thread's; read after it ends)

  std::mutex mutex;
  std::condition_variable ready;
  std::vector<std::optional<frame::PageFrame>> added;  ///< pages handed in and not yet drawn
  std::shared_ptr<const frame::FrameStore> store;
  bool closed = false;     ///< no more pages come
  bool abandoned = false;  ///< nor are the ones here wanted: the stream is destroyed unfinished
};

PdfStream::PdfStream(std::size_t pages, const fonts::FontLibrary& fonts, std::function<CharacterForesight()> characters,
                     PdfOptions options)
    : work_(std::make_unique<Work>(pages, fonts, std::move(characters), std::move(options))) {
  // One page leaves nothing to draw beside layout: the census then cuts the fonts smaller.
  if (!work_->options.print && pages > 1) thread_ = std::thread([this] { work_->run(); });
}

PdfStream::~PdfStream() { close(true); }

void PdfStream::close(bool abandon) {
  {
    const std::lock_guard lock(work_->mutex);
    work_->closed = true;
    work_->abandoned = work_->abandoned || abandon;
  }
  work_->ready.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PdfStream::add(std::size_t index, frame::PageFrame page, std::shared_ptr<const frame::FrameStore> store) {
  if (!thread_.joinable()) return;  // drawn after layout (a press file, one page): nothing to keep
  {
    const std::lock_guard lock(work_->mutex);
    if (work_->closed || index >= work_->added.size()) return;
    work_->added[index] = std::move(page);
    if (store) work_->store = std::move(store);
  }
  work_->ready.notify_all();
}

bool PdfStream::finish(const frame::Document& doc, AtomicFile& file, Diagnostics& diagnostics, Preflight* preflight) {
  close(false);
  Work& w = *work_;
  if (file.ok() && w.drawn > 0 && w.drawn == doc.pages.size() && w.drawn == w.added.size()) {
    if (std::optional<std::string> cairo_pdf = w.pdf.finish(doc.metadata, file.target(), w.diagnostics);
        cairo_pdf && !w.diagnostics.has_errors()) {
      streamed_ = true;
      diagnostics.add_all(w.diagnostics);
      const PressSetup screen;
      const detail::PressPhotos no_photos;
      return finish_file(std::move(*cairo_pdf), doc, w.options, screen, no_photos, file, diagnostics, preflight);
    }
  }
  return render_pdf(doc, w.fonts, file, w.options, diagnostics, preflight);
}

}  // namespace zjgr::render
