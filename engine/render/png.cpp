// PNG proofs: one page's trim box on an image surface (hinting off, so it matches the PDF),
// packed straight into PNG scanlines (8-bit grey when the page has no colour, else RGB) and
// deflated with ISA-L's igzip, the container written by libpng; pages in parallel, beside whatever
// the calling thread does meanwhile, each worker keeping its buffers from page to page.
#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <cairo.h>
#include <isa-l/igzip_lib.h>
#include <png.h>

#include "base/atomic_file.h"
#include "render/detail/cairo_canvas.h"
#include "render/detail/font_faces.h"
#include "render/detail/images.h"
#include "render/render.h"

// The per-pixel loops below are built twice, plain and for AVX2, and the loader picks one (an
// IFUNC). ThreadSanitizer's runtime is not ready when IFUNC resolvers run, so its build has
// the plain loop only.
#if defined(__SANITIZE_THREAD__)
#define ZJGR_AVX2_CLONES
#else
#define ZJGR_AVX2_CLONES [[gnu::target_clones("avx2", "default")]]
#endif

namespace zjgr::render {
namespace {

/// Largest raster side: 20000 px is a broadsheet at ~1300 dpi; more is a mistake, not a proof.
constexpr int kMaxRasterSide = 20000;

/// ISA-L's igzip at level 1 (of 0–3). Proofs are written often and read once: a 100 dpi
/// broadsheet page with photos (10 MB of RGB scanlines, issue 17) deflated in 9 ms at level 2,
/// where zlib's level 1 took 45 ms and libdeflate's 30 ms; level 3 is three times slower. Once
/// the PDF was drawn beside layout, the proofs' CPU decided a run's wall time: level 2 took 10 %
/// more CPU than level 0 for 32 pages with proofs (2.04 against 1.83 s, medians of 5,
/// interleaved). Level 1 deflates as fast as level 0 (8.3 against 8.6 ms a page, best of 5, on
/// the 32-page benchmark's pages) into files 12 % smaller (1.48 against 1.69 MB).
constexpr int kDeflateLevel = 1;
constexpr std::size_t kDeflateLevelBuffer = ISAL_DEF_LVL1_DEFAULT;

/// What one thread keeps from page to page, so that a page costs no fresh 13 MB surface and
/// its page faults: the page's pixels (which then hold its PNG scanlines, packed in place), the
/// deflated stream (allocated, never filled: only the bytes igzip writes become resident) and
/// igzip's working memory for its level.
struct ProofBuffers {
  /// Room for `bytes` of deflated stream.
  std::uint8_t* deflate_room(std::size_t bytes) {
    if (bytes > deflated_capacity) {
      deflated.reset(new std::uint8_t[bytes]);
      deflated_capacity = bytes;
    }
    return deflated.get();
  }

  std::vector<std::uint32_t> pixels;  ///< Cairo RGB24, width × height, no row padding
  int width = 0, height = 0;
  std::vector<std::uint8_t> row;      ///< one row of pixels while packing
  std::unique_ptr<std::uint8_t[]> deflated;
  std::size_t deflated_capacity = 0;
  std::vector<std::uint8_t> level_buffer = std::vector<std::uint8_t>(kDeflateLevelBuffer);
};

/// Draws the page (its boxes from `page`, `content` its frame) into buffers.pixels (width ×
/// height set); false with an error when it cannot.
bool draw_page(const frame::PageFrame& page, const frame::Frame& content, detail::FontFaces& faces,
               detail::ImageCache& images, double dpi, ProofBuffers& buffers, Diagnostics& diagnostics) {
  const double scale = dpi / 72.0;
  const double width_px = page.trim.width.to_pt() * scale, height_px = page.trim.height.to_pt() * scale;
  if (!std::isfinite(dpi) || dpi <= 0 || !detail::valid_length(page.trim.width.to_pt()) ||
      !detail::valid_length(page.trim.height.to_pt()) || !(width_px >= 0.5) || !(height_px >= 0.5) ||
      width_px > kMaxRasterSide || height_px > kMaxRasterSide) {
    diagnostics.error("bad-geometry", "page " + std::to_string(page.number) + " at " + std::to_string(dpi) +
                                          " dpi is not a raster of 1 to " + std::to_string(kMaxRasterSide) +
                                          " pixels a side");
    return false;
  }
  const int width = static_cast<int>(std::lround(width_px)), height = static_cast<int>(std::lround(height_px));
  // RGB24's stride is 4 bytes a pixel with no padding at any width, so the pixels are a plain array.
  buffers.pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  buffers.width = width;
  buffers.height = height;
  cairo_surface_t* surface = cairo_image_surface_create_for_data(
      reinterpret_cast<unsigned char*>(buffers.pixels.data()), CAIRO_FORMAT_RGB24, width, height, width * 4);
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
  detail::draw_frame(canvas, content);
  const cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  const cairo_status_t failure = status != CAIRO_STATUS_SUCCESS ? status : cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (failure != CAIRO_STATUS_SUCCESS) {
    // An image surface of a broadsheet at 600 dpi is 200 MB: memory is the usual failure.
    diagnostics.error(failure == CAIRO_STATUS_NO_MEMORY ? "out-of-memory" : "render-failed",
                      "cairo failed on page " + std::to_string(page.number) + ": " + cairo_status_to_string(failure));
    return false;
  }
  return true;
}

constexpr std::uint8_t red(std::uint32_t p) { return static_cast<std::uint8_t>(p >> 16); }
constexpr std::uint8_t green(std::uint32_t p) { return static_cast<std::uint8_t>(p >> 8); }
constexpr std::uint8_t blue(std::uint32_t p) { return static_cast<std::uint8_t>(p); }

// True when every pixel is grey (R = G = B): the page is then written as 8-bit grey, a third of
// the bytes to deflate, with the same pixels when read back. Proof marks and photos are in
// colour, so a page holding one stays RGB.
ZJGR_AVX2_CLONES bool all_grey(const std::vector<std::uint32_t>& pixels) {
  // In slices, so that a page in colour stops at its first slice with colour in it.
  constexpr std::size_t kSlice = 4096;
  for (std::size_t start = 0; start < pixels.size(); start += kSlice) {
    const std::size_t end = std::min(pixels.size(), start + kSlice);
    std::uint32_t differ = 0;
    for (std::size_t i = start; i < end; ++i) differ |= ((pixels[i] >> 8) ^ pixels[i]) & 0xffffu;  // R^G and G^B
    if (differ != 0) return false;
  }
  return true;
}

/// Packs the pixels in place into PNG scanlines, each row a filter byte (0, none: the fastest,
/// and on proofs no larger than SUB or UP once deflated) and then grey or RGB samples; returns
/// their size. In place because a row's scanline (1 + 3 × width bytes at most) never reaches
/// past the end of that row's pixels (4 × width bytes): each row is copied out, then written.
ZJGR_AVX2_CLONES std::size_t pack_scanlines(ProofBuffers& buffers, bool grey) {
  const std::size_t width = static_cast<std::size_t>(buffers.width);
  std::uint8_t* out = reinterpret_cast<std::uint8_t*>(buffers.pixels.data());
  std::uint8_t* const start = out;
  buffers.row.resize(width * 4);
  const std::uint32_t* row = reinterpret_cast<const std::uint32_t*>(buffers.row.data());
  for (int y = 0; y < buffers.height; ++y) {
    std::memcpy(buffers.row.data(), buffers.pixels.data() + width * static_cast<std::size_t>(y), width * 4);
    *out++ = 0;
    if (grey) {
      for (std::size_t x = 0; x < width; ++x) *out++ = blue(row[x]);
    } else {
      for (std::size_t x = 0; x < width; ++x) {
        *out++ = red(row[x]);
        *out++ = green(row[x]);
        *out++ = blue(row[x]);
      }
    }
  }
  return static_cast<std::size_t>(out - start);
}

// ---- the PNG file ----------------------------------------------------------------------------

struct PngSink {
  AtomicFile* file;
  std::string error;
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

// libpng writes the signature, the header and the chunks with their CRCs; the one IDAT chunk
// holds the zlib stream igzip made of the whole image at once. Only `png`, `info` and the
// sink cross the setjmp, and none is modified after it.
bool write_png_file(int width, int height, bool grey, const std::uint8_t* deflated, std::size_t size,
                    PngSink& sink) {
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
  png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8,
               grey ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  png_write_chunk(png, reinterpret_cast<png_const_bytep>("IDAT"), deflated, size);
  png_write_chunk(png, reinterpret_cast<png_const_bytep>("IEND"), nullptr, 0);
  png_destroy_write_struct(&png, &info);
  return true;
}

/// Packs the pixels into scanlines, deflates them and writes the PNG atomically to `out`.
bool encode_and_write(ProofBuffers& buffers, const std::filesystem::path& out, Diagnostics& diagnostics) {
  const bool grey = all_grey(buffers.pixels);
  const std::size_t packed = pack_scanlines(buffers, grey);
  // Room for stored blocks (5 bytes in 64 KiB) should nothing compress, and the zlib wrapper.
  const std::size_t bound = packed + packed / 64 + 1024;
  std::uint8_t* deflated = buffers.deflate_room(bound);
  isal_zstream stream;
  isal_deflate_stateless_init(&stream);
  stream.level = kDeflateLevel;
  stream.level_buf = buffers.level_buffer.data();
  stream.level_buf_size = static_cast<std::uint32_t>(buffers.level_buffer.size());
  stream.gzip_flag = IGZIP_ZLIB;
  stream.end_of_stream = 1;
  stream.flush = NO_FLUSH;
  stream.next_in = reinterpret_cast<std::uint8_t*>(buffers.pixels.data());
  stream.avail_in = static_cast<std::uint32_t>(packed);
  stream.next_out = deflated;
  stream.avail_out = static_cast<std::uint32_t>(bound);
  if (isal_deflate_stateless(&stream) != COMP_OK) {  // not within the bound: said, never written half
    diagnostics.error("write-failed", "cannot write \"" + out.string() + "\": the image could not be deflated");
    return false;
  }
  const std::size_t size = stream.total_out;
  AtomicFile file(out, diagnostics);
  if (!file.ok()) return false;
  PngSink sink{&file, {}};
  if (!write_png_file(buffers.width, buffers.height, grey, deflated, size, sink)) {
    if (!file.finish()) return false;  // the file could not be written: reported with the system's reason
    diagnostics.error("write-failed", "cannot write \"" + out.string() + "\": " + sink.error);
    return false;
  }
  return file.commit();
}

/// Draws a page and writes it as a PNG.
bool write_page_png(const frame::PageFrame& page, const frame::Frame& content, detail::FontFaces& faces,
                    detail::ImageCache& images, double dpi, ProofBuffers& buffers, const std::filesystem::path& out,
                    Diagnostics& diagnostics) {
  return draw_page(page, content, faces, images, dpi, buffers, diagnostics) && encode_and_write(buffers, out, diagnostics);
}

}  // namespace

Raster render_page(const frame::PageFrame& page, const fonts::FontLibrary& fonts, double dpi,
                   Diagnostics& diagnostics) {
  detail::FontFaces faces(fonts);
  detail::ImageCache images;
  ProofBuffers buffers;
  Raster raster;
  if (!draw_page(page, page.frame, faces, images, dpi, buffers, diagnostics)) return raster;
  raster.width = buffers.width;
  raster.height = buffers.height;
  raster.rgb.resize(buffers.pixels.size() * 3);
  std::uint8_t* out = raster.rgb.data();
  for (const std::uint32_t p : buffers.pixels) {
    *out++ = red(p);
    *out++ = green(p);
    *out++ = blue(p);
  }
  return raster;
}

bool write_png(const Raster& raster, const std::filesystem::path& out, Diagnostics& diagnostics) {
  if (raster.width <= 0 || raster.height <= 0 || raster.width > kMaxRasterSide || raster.height > kMaxRasterSide ||
      raster.rgb.size() != static_cast<std::size_t>(raster.width) * raster.height * 3) {
    diagnostics.error("bad-raster", "cannot write \"" + out.string() + "\": the raster is empty or its size " +
                                        "does not match its pixels");
    return false;
  }
  ProofBuffers buffers;
  buffers.width = raster.width;
  buffers.height = raster.height;
  buffers.pixels.resize(static_cast<std::size_t>(raster.width) * static_cast<std::size_t>(raster.height));
  for (std::size_t i = 0; i < buffers.pixels.size(); ++i) {
    const std::uint8_t* p = raster.rgb.data() + 3 * i;
    buffers.pixels[i] = std::uint32_t{p[0]} << 16 | std::uint32_t{p[1]} << 8 | p[2];
  }
  return encode_and_write(buffers, out, diagnostics);
}

// What the page workers share: font faces (Cairo locks each FT_Face), the pages handed in and
// not yet taken, and one result per page; each worker decodes its own images, since Cairo
// surfaces are not meant to be used from two threads at once.
struct PngProofs::Work {
  Work(const frame::Document* d, const fonts::FontLibrary& fonts, std::filesystem::path folder, double r,
       std::size_t pages)
      : doc(d), faces(fonts), dir(std::move(folder)), dpi(r), added(d != nullptr ? 0 : pages),
        page_added(pages, d != nullptr ? 1 : 0), page_diagnostics(pages), page_ok(pages, 0) {}

  /// A page to draw, with the store its frame may be in (read under the lock: add() sets it).
  struct Taken {
    std::size_t index;
    std::shared_ptr<const frame::FrameStore> store;
  };
  /// The next page to draw: waits for one to be added; nullopt once every page is taken (or the
  /// proofs are abandoned).
  std::optional<Taken> take() {
    std::unique_lock<std::mutex> lock(mutex);
    ready.wait(lock, [&] { return !queue.empty() || closed; });
    if (queue.empty()) return std::nullopt;
    const std::size_t index = queue.front();
    queue.pop_front();
    return Taken{index, store};
  }

  void close(bool abandon) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      closed = true;
      if (abandon) queue.clear();
    }
    ready.notify_all();
  }

  // Takes pages until none is left.
  void run() {
    detail::ImageCache images;
    ProofBuffers buffers;
    frame::Frame loaded;
    while (const std::optional<Taken> taken = take()) {
      const std::size_t i = taken->index;
      const frame::FrameStore* store_now = taken->store.get();
      Diagnostics& d = page_diagnostics[i];
      try {
        char name[32];
        std::snprintf(name, sizeof name, "page-%02zu.png", i + 1);
        const frame::PageFrame& page = doc != nullptr ? doc->pages[i] : added[i];
        const frame::Frame& content = doc != nullptr                    ? doc->frame(i, loaded)
                                      : store_now != nullptr && store_now->has(i) ? (loaded = store_now->load(i))
                                                                          : page.frame;
        // A page with a reported problem is still written (a proof shows what is there) but
        // the call fails.
        page_ok[i] = write_page_png(page, content, faces, images, dpi, buffers, dir / name, d) && !d.has_errors();
      } catch (const std::bad_alloc&) {
        d.error("out-of-memory", "out of memory while drawing page " + std::to_string(i + 1));
      } catch (const std::exception& e) {
        d.error("render-failed", std::string("page ") + std::to_string(i + 1) + ": " + e.what());
      }
    }
  }

  const frame::Document* doc;  ///< a whole document, or null: pages come through add()
  detail::FontFaces faces;
  std::filesystem::path dir;
  double dpi;
  std::vector<frame::PageFrame> added;               ///< without `doc`: the pages added
  std::vector<char> page_added;
  std::shared_ptr<const frame::FrameStore> store;    ///< without `doc`: where added pages' frames are
  std::vector<Diagnostics> page_diagnostics;
  std::vector<char> page_ok;
  std::mutex mutex;  ///< guards what follows, and hands each added page to the workers
  std::condition_variable ready;
  std::deque<std::size_t> queue;  ///< pages added and not yet taken
  bool closed = false;            ///< no page will be added
};

PngProofs::PngProofs(const frame::Document& doc, const fonts::FontLibrary& fonts, const std::filesystem::path& dir,
                     double dpi, unsigned background)
    : work_(std::make_unique<Work>(&doc, fonts, dir, dpi, doc.pages.size())) {
  for (std::size_t i = 0; i < doc.pages.size(); ++i) work_->queue.push_back(i);
  work_->closed = true;
  start(background);
}

PngProofs::PngProofs(std::size_t pages, const fonts::FontLibrary& fonts, const std::filesystem::path& dir, double dpi,
                     unsigned background)
    : work_(std::make_unique<Work>(nullptr, fonts, dir, dpi, pages)) {
  start(background);
}

void PngProofs::start(unsigned background) {
  std::error_code ec;
  if (!std::filesystem::is_directory(work_->dir, ec)) {
    folder_missing_ = true;
    work_->close(true);
    return;
  }
  const std::size_t workers = std::min<std::size_t>(work_->page_ok.size(), background);
  for (std::size_t t = 0; t < workers; ++t) {
    try {
      threads_.emplace_back([work = work_.get()] { work->run(); });
    } catch (const std::system_error&) {
      break;  // no thread to be had (memory, a process limit): finish() does the pages left
    }
  }
}

void PngProofs::add(std::size_t index, frame::PageFrame page, std::shared_ptr<const frame::FrameStore> store) {
  if (!work_ || work_->doc != nullptr || index >= work_->added.size()) return;
  {
    std::lock_guard<std::mutex> lock(work_->mutex);
    if (work_->closed) return;
    work_->added[index] = std::move(page);
    work_->page_added[index] = 1;
    if (store) work_->store = std::move(store);
    work_->queue.push_back(index);
  }
  work_->ready.notify_one();
}

PngProofs::~PngProofs() {
  if (work_) work_->close(true);  // abandoned: the workers stop after their page
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
  work_->close(false);
  work_->run();  // the calling thread takes the pages no worker has started
  for (auto& t : threads_) t.join();
  threads_.clear();
  // Diagnostics in page order, whatever order the threads finished in.
  bool ok = true;
  for (std::size_t i = 0; i < work_->page_diagnostics.size(); ++i) {
    if (!work_->page_added[i]) {
      diagnostics.error("render-failed", "page " + std::to_string(i + 1) + " has no proof: it was never finished");
    }
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
