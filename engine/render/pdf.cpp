// PDF: the print file — one Cairo PDF surface for the whole document (metadata, page labels,
// bookmarks, crop marks), finished with qpdf (boxes, colour, PDF/X keys, /ID: detail/finish.h),
// preflighted (detail/preflight.h) and written to a temporary file that the caller commits.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
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

}  // namespace

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
  const std::filesystem::path& out = file.target();
  if (!file.ok()) return false;
  const std::size_t errors_before = diagnostics.error_count();
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

  // The output condition of the press file: its CMYK profile (a screen file has none and claims
  // no PDF/X: its photos are sRGB).
  std::optional<detail::IccProfile> profile;
  detail::PdfxVersion pdfx = detail::PdfxVersion::None;
  if (options.print) {
    if (options.pdfx == "1a:2001") {
      pdfx = detail::PdfxVersion::X1a2001;
    } else if (options.pdfx == "1a:2003") {
      pdfx = detail::PdfxVersion::X1a2003;
    } else {
      diagnostics.error("bad-pdfx", "--pdfx must be 1a:2001 or 1a:2003, not \"" + options.pdfx + "\"");
      return false;
    }
    profile = detail::read_icc_profile(
        options.output_profile.empty() ? std::filesystem::path(detail::kDefaultCmykProfile) : options.output_profile,
        diagnostics);
    if (!profile) return false;
  }
  std::unique_ptr<detail::CmykConverter> converter;
  if (options.print) {
    if (!(options.ink_limit >= 100 && options.ink_limit <= 400)) {
      diagnostics.error("bad-ink-limit", "the ink limit must be between 100 % and 400 %");
      return false;
    }
    converter = detail::CmykConverter::create(*profile, options.ink_limit, diagnostics);
    if (!converter) return false;
  }

  // Declared before the surface so that they outlive it: Cairo uses fonts and images until finish.
  // Fonts cut to the glyphs the document uses, ids kept (DESIGN.md §6: Cairo then copies and
  // decodes only those instead of a whole CJK CFF).
  detail::FontFaces faces(fonts, detail::collect_glyphs(doc));
  detail::ImageCache images;
  // Print: every JPEG photo made for the press first (cropped, downsampled, CMYK JPEG), on all cores.
  detail::PressPhotos press_photos;
  if (options.print) {
    const detail::PressPhotoSettings settings{options.photo_ppi, options.jpeg_quality, options.threads, {}};
    if (!press_photos.prepare(doc, *converter, settings, diagnostics)) return false;
  }
  const double slug = options.crop_marks ? kSlug.to_pt() : 0.0;
  auto media = [&](const frame::PageFrame& p, Length side) { return side.to_pt() + 2 * (p.bleed.to_pt() + slug); };

  std::string cairo_pdf;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      write_to_string, &cairo_pdf, media(doc.pages[0], doc.pages[0].trim.width), media(doc.pages[0], doc.pages[0].trim.height));
  set_metadata(surface, doc.metadata, diagnostics);
  Outline outline;

  frame::Frame loaded;  // the page's frame when the document keeps it in a store
  for (std::size_t i = 0; i < doc.pages.size(); ++i) {
    const frame::PageFrame& page = doc.pages[i];
    const int page_index = static_cast<int>(i) + 1;
    // Page size = trim + 2 × bleed (+ slug); must be set before anything is drawn on the page.
    cairo_pdf_surface_set_size(surface, media(page, page.trim.width), media(page, page.trim.height));
    if (!page.label.empty()) cairo_pdf_surface_set_page_label(surface, page.label.c_str());

    cairo_t* cr = cairo_create(surface);
    // The frame's origin is the trim box's top left.
    const double origin = slug + page.bleed.to_pt();
    cairo_translate(cr, origin, origin);
    detail::Canvas canvas{cr, faces, images, diagnostics, false,
                          [&](const frame::MarkItem& mark, double x, double y) {
                            outline.add(surface, mark, page_index, x, y);
                          },
                          false, options.print ? &press_photos : nullptr};
    detail::draw_frame(canvas, doc.frame(i, loaded));
    cairo_show_page(cr);
    const cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    if (status != CAIRO_STATUS_SUCCESS) {
      diagnostics.error(status == CAIRO_STATUS_NO_MEMORY ? "out-of-memory" : "render-failed",
                        "cairo failed on page " + std::to_string(page.number) + ": " + cairo_status_to_string(status));
      break;
    }
  }

  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  press_photos.release_surfaces();  // their JPEGs are in cairo_pdf now
  if (status != CAIRO_STATUS_SUCCESS && diagnostics.error_count() == errors_before) {
    diagnostics.error(status == CAIRO_STATUS_NO_MEMORY ? "out-of-memory" : "write-failed",
                      "cannot write \"" + out.string() + "\": " + cairo_status_to_string(status));
  }
  // Any error on the way (a missing image, bad geometry …) leaves the old file as it was; the
  // temporary is removed by AtomicFile.
  if (diagnostics.error_count() > errors_before) return false;

  // What Cairo cannot write: boxes, colour, PDF/X keys, OutputIntent, /ID (detail/finish.h).
  detail::FinishSpec spec;
  spec.print = options.print;
  spec.converter = converter.get();
  spec.pdfx = pdfx;
  spec.marks = options.crop_marks;  // drawn in the slug by the finishing step (detail/marks.h)
  spec.output_intent = profile ? &*profile : nullptr;
  spec.output_condition = profile ? detail::output_condition_identifier(*profile, options.output_condition) : "";
  for (const auto& page : doc.pages) spec.pages.push_back(page_boxes(page, slug));
  spec.year = doc.metadata.year, spec.month = doc.metadata.month, spec.day = doc.metadata.day;
  if (!date_valid(doc.metadata)) spec.year = 1970, spec.month = 1, spec.day = 1;  // as iso_date() reported
  std::optional<std::string> finished = detail::finish_pdf(cairo_pdf, spec, diagnostics);
  std::string().swap(cairo_pdf);  // a press file is mostly photos: do not hold it twice from here
  if (!finished) return false;

  // Read the result back as a plant's preflight would; a failed check is a warning (--strict
  // makes it exit status 2).
  detail::PreflightSpec checks{options.print, options.ink_limit, spec.pages};
  checks.pdfx = pdfx;
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

}  // namespace zjgr::render
