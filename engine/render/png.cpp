// PNG proofs: one page's trim box on an image surface (hinting off, so it matches the PDF),
// converted to RGB and written with libpng at a low compression level (8-bit grey when the page
// has no colour); pages in parallel, beside whatever the calling thread does meanwhile.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <exception>
#include <new>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <cairo.h>
#include <png.h>

#include "base/atomic_file.h"
#include "render/detail/cairo_canvas.h"
#include "render/detail/font_faces.h"
#include "render/detail/images.h"
#include "render/render.h"

namespace zjgr::render {
namespace {

/// Largest raster side: 20000 px is a broadsheet at ~1300 dpi; more is a mistake, not a proof.
constexpr int kMaxRasterSide = 20000;

Raster render_page_with(const frame::PageFrame& page, detail::FontFaces& faces, detail::ImageCache& images,
                        double dpi, Diagnostics& diagnostics) {
  const double scale = dpi / 72.0;
  const double width_px = page.trim.width.to_pt() * scale, height_px = page.trim.height.to_pt() * scale;
  if (!std::isfinite(dpi) || dpi <= 0 || !detail::valid_length(page.trim.width.to_pt()) ||
      !detail::valid_length(page.trim.height.to_pt()) || !(width_px >= 0.5) || !(height_px >= 0.5) ||
      width_px > kMaxRasterSide || height_px > kMaxRasterSide) {
    diagnostics.error("bad-geometry", "page " + std::to_string(page.number) + " at " + std::to_string(dpi) +
                                          " dpi is not a raster of 1 to " + std::to_string(kMaxRasterSide) +
                                          " pixels a side");
    return {};
  }
  const int width = static_cast<int>(std::lround(width_px)), height = static_cast<int>(std::lround(height_px));

  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(surface);
  // PNG must match the PDF: no hinting, no metric rounding, grey antialiasing (DESIGN.md §6).
  cairo_font_options_t* font_options = cairo_font_options_create();
  cairo_font_options_set_hint_style(font_options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias(font_options, CAIRO_ANTIALIAS_GRAY);
  cairo_set_font_options(cr, font_options);
  cairo_font_options_destroy(font_options);

  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  detail::Canvas canvas{cr, faces, images, diagnostics, true, {}, true};
  detail::draw_frame(canvas, page.frame);
  const cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_flush(surface);

  Raster raster;
  const cairo_status_t failure = status != CAIRO_STATUS_SUCCESS ? status : cairo_surface_status(surface);
  if (failure != CAIRO_STATUS_SUCCESS) {
    // An image surface of a broadsheet at 600 dpi is 200 MB: memory is the usual failure.
    diagnostics.error(failure == CAIRO_STATUS_NO_MEMORY ? "out-of-memory" : "render-failed",
                      "cairo failed on page " + std::to_string(page.number) + ": " + cairo_status_to_string(failure));
  } else {
    raster.width = width;
    raster.height = height;
    raster.rgb.resize(static_cast<std::size_t>(width) * height * 3);
    const unsigned char* base = cairo_image_surface_get_data(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    std::uint8_t* out = raster.rgb.data();
    for (int y = 0; y < height; ++y) {
      const auto* row = reinterpret_cast<const std::uint32_t*>(base + static_cast<std::ptrdiff_t>(y) * stride);
      for (int x = 0; x < width; ++x) {
        const std::uint32_t p = row[x];
        *out++ = static_cast<std::uint8_t>(p >> 16);
        *out++ = static_cast<std::uint8_t>(p >> 8);
        *out++ = static_cast<std::uint8_t>(p);
      }
    }
  }
  cairo_surface_destroy(surface);
  return raster;
}

// ---- libpng ----------------------------------------------------------------------------------

struct PngSink {
  AtomicFile* file;
  std::string error;
  bool grey = false;                   ///< written as 8-bit grey (all_grey)
  std::vector<std::uint8_t> grey_row;  ///< one row of grey pixels
};

[[noreturn]] void png_on_error(png_structp png, png_const_charp message) {
  static_cast<PngSink*>(png_get_error_ptr(png))->error = message;
  png_longjmp(png, 1);
}

void png_on_warning(png_structp, png_const_charp) {}

void png_on_write(png_structp png, png_bytep data, png_size_t length) {
  auto* sink = static_cast<PngSink*>(png_get_io_ptr(png));
  if (!sink->file->write(data, length)) png_error(png, "cannot write the file");
}

void png_on_flush(png_structp) {}

// True when every pixel is grey (R = G = B): the page is then written as 8-bit grey, a third of
// the bytes to compress, with the same pixels when read back. Proof marks and photos are in
// colour, so a page holding one stays RGB.
bool all_grey(const Raster& raster) {
  const std::uint8_t* p = raster.rgb.data();
  const std::uint8_t* end = p + raster.rgb.size();
  unsigned differ = 0;
  for (; p != end; p += 3) differ |= static_cast<unsigned>(p[0] ^ p[1]) | static_cast<unsigned>(p[1] ^ p[2]);
  return differ == 0;
}

// Encodes with the classic libpng API (the simplified one cannot set the compression level).
// Only `png`, `info` and the sink cross the setjmp, and none is modified after it.
bool encode_png(const Raster& raster, PngSink& sink) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, png_on_error, png_on_warning);
  if (png == nullptr) {
    sink.error = "libpng cannot start";
    return false;
  }
  png_infop info = png_create_info_struct(png);
  if (info == nullptr || setjmp(png_jmpbuf(png)) != 0) {
    png_destroy_write_struct(&png, &info);
    if (sink.error.empty()) sink.error = "libpng failed";
    return false;
  }
  png_set_write_fn(png, &sink, png_on_write, png_on_flush);
  png_set_IHDR(png, info, static_cast<png_uint_32>(raster.width), static_cast<png_uint_32>(raster.height), 8,
               sink.grey ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  // Proofs are written often and read once: the fastest deflate level and no filter. On a page
  // (mostly white runs, antialiased text, photos) that is ~10 % faster and ~10 % smaller than
  // SUB (a 100 dpi broadsheet page, issue 17: 60 against 64 ms, 1.33 against 1.47 MB).
  png_set_compression_level(png, 1);
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_write_info(png, info);
  const std::size_t row_bytes = static_cast<std::size_t>(raster.width) * 3;
  for (int y = 0; y < raster.height; ++y) {
    const std::uint8_t* row = raster.rgb.data() + row_bytes * static_cast<std::size_t>(y);
    if (sink.grey) {
      for (std::size_t x = 0; x < sink.grey_row.size(); ++x) sink.grey_row[x] = row[3 * x];
      row = sink.grey_row.data();
    }
    png_write_row(png, row);
  }
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

Raster render_page(const frame::PageFrame& page, const fonts::FontLibrary& fonts, double dpi,
                   Diagnostics& diagnostics) {
  detail::FontFaces faces(fonts);
  detail::ImageCache images;
  return render_page_with(page, faces, images, dpi, diagnostics);
}

bool write_png(const Raster& raster, const std::filesystem::path& out, Diagnostics& diagnostics) {
  if (raster.width <= 0 || raster.height <= 0 || raster.width > kMaxRasterSide || raster.height > kMaxRasterSide ||
      raster.rgb.size() != static_cast<std::size_t>(raster.width) * raster.height * 3) {
    diagnostics.error("bad-raster", "cannot write \"" + out.string() + "\": the raster is empty or its size " +
                                        "does not match its pixels");
    return false;
  }
  AtomicFile file(out, diagnostics);
  if (!file.ok()) return false;
  PngSink sink{&file, {}, all_grey(raster), {}};
  if (sink.grey) sink.grey_row.resize(static_cast<std::size_t>(raster.width));
  if (!encode_png(raster, sink)) {
    if (!file.finish()) return false;  // the file could not be written: reported with the system's reason
    diagnostics.error("write-failed", "cannot write \"" + out.string() + "\": " + sink.error);
    return false;
  }
  return file.commit();
}

// What the page workers share: font faces (Cairo locks each FT_Face) and one result per page;
// each worker decodes its own images, since Cairo surfaces are not meant to be used from two
// threads at once.
struct PngProofs::Work {
  Work(const frame::Document& d, const fonts::FontLibrary& fonts, std::filesystem::path folder, double r)
      : doc(d), faces(fonts), dir(std::move(folder)), dpi(r), page_diagnostics(d.pages.size()),
        page_ok(d.pages.size(), 0) {}

  // Takes pages until none is left.
  void run() {
    detail::ImageCache images;
    const std::size_t count = doc.pages.size();
    for (std::size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) {
      Diagnostics& d = page_diagnostics[i];
      try {
        const Raster raster = render_page_with(doc.pages[i], faces, images, dpi, d);
        char name[32];
        std::snprintf(name, sizeof name, "page-%02zu.png", i + 1);
        // A page with a reported problem is still written (a proof shows what is there) but
        // the call fails.
        page_ok[i] = !raster.rgb.empty() && write_png(raster, dir / name, d) && !d.has_errors();
      } catch (const std::bad_alloc&) {
        d.error("out-of-memory", "out of memory while drawing page " + std::to_string(i + 1));
      } catch (const std::exception& e) {
        d.error("render-failed", std::string("page ") + std::to_string(i + 1) + ": " + e.what());
      }
    }
  }

  const frame::Document& doc;
  detail::FontFaces faces;
  std::filesystem::path dir;
  double dpi;
  std::vector<Diagnostics> page_diagnostics;
  std::vector<char> page_ok;
  std::atomic<std::size_t> next{0};
};

PngProofs::PngProofs(const frame::Document& doc, const fonts::FontLibrary& fonts, const std::filesystem::path& dir,
                     double dpi, unsigned background)
    : work_(std::make_unique<Work>(doc, fonts, dir, dpi)) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    folder_missing_ = true;
    return;
  }
  const std::size_t workers = std::min<std::size_t>(doc.pages.size(), background);
  for (std::size_t t = 0; t < workers; ++t) {
    try {
      threads_.emplace_back([work = work_.get()] { work->run(); });
    } catch (const std::system_error&) {
      break;  // no thread to be had (memory, a process limit): finish() does the pages left
    }
  }
}

PngProofs::~PngProofs() {
  if (work_) work_->next.store(work_->doc.pages.size());  // abandoned: the workers stop after their page
  for (auto& t : threads_) t.join();
}

unsigned PngProofs::spare_cores() { return std::max(1u, std::thread::hardware_concurrency()) - 1; }

bool PngProofs::finish(Diagnostics& diagnostics) {
  if (!work_) return false;  // finished before
  if (folder_missing_) {
    diagnostics.error("write-failed", "\"" + work_->dir.string() + "\" is not a folder");
    work_.reset();
    return false;
  }
  work_->run();  // the calling thread takes the pages no worker has started
  for (auto& t : threads_) t.join();
  threads_.clear();
  // Diagnostics in page order, whatever order the threads finished in.
  bool ok = true;
  for (std::size_t i = 0; i < work_->page_diagnostics.size(); ++i) {
    diagnostics.add_all(work_->page_diagnostics[i]);
    ok = ok && work_->page_ok[i];
  }
  work_.reset();
  return ok;
}

bool render_pngs(const frame::Document& doc, const fonts::FontLibrary& fonts,
                 const std::filesystem::path& dir, double dpi, Diagnostics& diagnostics) {
  PngProofs proofs(doc, fonts, dir, dpi, PngProofs::spare_cores());
  return proofs.finish(diagnostics);
}

}  // namespace zjgr::render
