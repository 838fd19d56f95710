// Press photos (see press_photos.h). One photo, in one pass over its scanlines:
//   1. decode with libjpeg at the smallest DCT scale N/8 that still gives the output's pixels,
//      only the crop's columns and from its first row, chroma unfiltered;
//   2. area-average the crop window down to the output size (rows arrive one at a time and an
//      output row is emitted as soon as its source rows are in);
//   3. RGB → the press CMYK with lcms2 and the ink limit; a CMYK photo keeps its separation and
//      is ink-limited; a grey photo stays grey (the black plate);
//   4. encode as a CMYK JPEG in Adobe's convention (YCCK 4:2:0, inverted, APP14 "Adobe"; the
//      finishing step gives it the /Decode that prints it right), row by row.
// JPEG's error can push a pixel's total ink over the limit: the first pass leaves a margin for it,
// the JPEG is read back and, if any pixel is still over, encoded again under a lower limit from
// the output's pixels, which the first pass keeps (no second decode of the camera file).
#include "render/detail/press_photos.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

#include <sys/mman.h>

#include "base/limits.h"
#include "base/parallel.h"
#include "render/detail/cairo_canvas.h"
#include "render/detail/jpeg_io.h"

namespace zjgr::render::detail {
namespace {

constexpr int kMaxDepth = 64;  // as the canvas: deeper frame trees are broken, not drawn
constexpr int kJpegInkMargin = 12;  // levels of the four inks' sum (0…1020) kept free for JPEG's error

/// One distinct placement to make.
struct Job {
  const frame::ImageItem* image = nullptr;
  PressPhoto* out = nullptr;
  std::string error;  // set by the worker; reported in job order by the caller
  std::string damage;  // libjpeg's first warning about damaged data, if any
};

// Every ImageItem the PDF draws (proof-only groups are not drawn there), copied: a page's frame
// may be one read back from the document's store for the moment.
void collect(const frame::Frame& f, int depth, std::vector<frame::ImageItem>& out) {
  if (depth > kMaxDepth) return;
  for (const auto& entry : f.items) {
    if (const auto* image = std::get_if<frame::ImageItem>(&entry.second)) {
      out.push_back(*image);
    } else if (const auto* group = std::get_if<frame::GroupItem>(&entry.second)) {
      if (group->frame && !group->proof_only) collect(*group->frame, depth + 1, out);
    }
  }
}

bool is_jpeg_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  unsigned char head[3] = {};
  const bool jpeg = std::fread(head, 1, 3, f) == 3 && head[0] == 0xff && head[1] == 0xd8 && head[2] == 0xff;
  std::fclose(f);
  return jpeg;
}

/// Area-averaging of one axis: output sample i covers [from + i·step, from + (i+1)·step) of
/// the source; each tap is a source index and the share of the sample it covers.
struct Taps {
  std::vector<int> first;       // per output sample: index into index/weight
  std::vector<int> index;
  std::vector<float> weight;

  Taps(double from, double to, int out, int source_size) {
    const double step = (to - from) / out;
    for (int i = 0; i < out; ++i) {
      first.push_back(static_cast<int>(index.size()));
      const double a = from + i * step, b = from + (i + 1) * step;
      for (int s = static_cast<int>(std::floor(a)); s < b; ++s) {
        const double overlap = std::min<double>(s + 1, b) - std::max<double>(s, a);
        if (overlap <= 0) continue;
        index.push_back(std::clamp(s, 0, source_size - 1));
        weight.push_back(static_cast<float>(overlap / step));
      }
    }
    first.push_back(static_cast<int>(index.size()));
  }
};

/// Downsamples rows of `channels` samples: feed source rows in order, receive output rows.
class Resampler {
 public:
  Resampler(int channels, const CropWindow& crop, int source_w, int source_h, int out_w, int out_h)
      : channels_(channels), out_w_(out_w), out_h_(out_h),
        columns_(crop.left * source_w, crop.right * source_w, out_w, source_w),
        top_(crop.top * source_h), step_((crop.bottom - crop.top) * source_h / out_h),
        row_(static_cast<std::size_t>(out_w) * channels), sum_(row_.size()), out_(row_.size()) {}

  bool done() const { return next_ >= out_h_; }

  /// Adds source row `y`; calls emit(const uint8_t* row) for each output row it completes.
  template <class Emit>
  void add(int y, const unsigned char* source, Emit&& emit) {
    if (done()) return;
    horizontal(source);
    // The source row covers [y, y+1); output row j covers [top + j·step, top + (j+1)·step).
    while (!done()) {
      const double a = top_ + next_ * step_, b = a + step_;
      const double overlap = std::min<double>(y + 1, b) - std::max<double>(y, a);
      if (overlap > 0) {
        const auto w = static_cast<float>(overlap);
        for (std::size_t i = 0; i < row_.size(); ++i) sum_[i] += w * row_[i];
        weight_ += w;
      }
      if (y + 1 < b) break;  // this output row needs later source rows too
      finish_row(emit);
    }
  }

  /// At the end of the source: the rows still open are emitted from what they have.
  template <class Emit>
  void flush(Emit&& emit) {
    while (!done()) finish_row(emit);
  }

 private:
  void horizontal(const unsigned char* source) {
    const std::size_t n = static_cast<std::size_t>(channels_);
    for (int x = 0; x < out_w_; ++x) {
      float acc[4] = {0, 0, 0, 0};
      for (int t = columns_.first[x]; t < columns_.first[x + 1]; ++t) {
        const unsigned char* px = source + static_cast<std::size_t>(columns_.index[t]) * n;
        for (std::size_t c = 0; c < n; ++c) acc[c] += columns_.weight[t] * px[c];
      }
      for (std::size_t c = 0; c < n; ++c) row_[x * n + c] = acc[c];
    }
  }

  template <class Emit>
  void finish_row(Emit&& emit) {
    for (std::size_t i = 0; i < sum_.size(); ++i) {
      const float v = weight_ > 0 ? sum_[i] / weight_ : 255.0f;
      out_[i] = static_cast<unsigned char>(std::clamp(v + 0.5f, 0.0f, 255.0f));
    }
    emit(out_.data());
    std::fill(sum_.begin(), sum_.end(), 0.0f);
    weight_ = 0;
    ++next_;
  }

  int channels_, out_w_, out_h_;
  Taps columns_;
  double top_, step_;
  std::vector<float> row_, sum_;
  std::vector<unsigned char> out_;
  float weight_ = 0;
  int next_ = 0;
};

/// libjpeg's destination into a std::string, grown as it fills.
struct StringDestination {
  jpeg_destination_mgr mgr;
  std::string* out;
  static constexpr std::size_t kChunk = 64 * 1024;

  static void init(j_compress_ptr cinfo) {
    auto* d = reinterpret_cast<StringDestination*>(cinfo->dest);
    d->out->resize(kChunk);
    d->mgr.next_output_byte = reinterpret_cast<JOCTET*>(d->out->data());
    d->mgr.free_in_buffer = kChunk;
  }
  static boolean empty(j_compress_ptr cinfo) {
    auto* d = reinterpret_cast<StringDestination*>(cinfo->dest);
    const std::size_t used = d->out->size();
    d->out->resize(used + kChunk);
    d->mgr.next_output_byte = reinterpret_cast<JOCTET*>(d->out->data() + used);
    d->mgr.free_in_buffer = kChunk;
    return TRUE;
  }
  static void term(j_compress_ptr cinfo) {
    auto* d = reinterpret_cast<StringDestination*>(cinfo->dest);
    d->out->resize(d->out->size() - d->mgr.free_in_buffer);
  }
};

/// Bytes in pages of their own (an anonymous mapping), given back to the system when dropped.
/// A pass's pixels (12 MB for a 5 × 7 inch photo) as a std::vector stayed in malloc's heap once
/// freed — glibc raises its mmap threshold after the first such free, and the JPEGs kept for
/// Cairo landed above the hole — so the heap grew by a photo's pixels for every photo.
class PageBuffer {
 public:
  PageBuffer() = default;
  ~PageBuffer() { reset(0); }
  PageBuffer(const PageBuffer&) = delete;
  PageBuffer& operator=(const PageBuffer&) = delete;

  /// `size` zero bytes (the old ones dropped); false when the system has no memory for them.
  bool reset(std::size_t size) {
    if (data_ != nullptr) munmap(data_, size_);
    data_ = nullptr;
    size_ = 0;
    if (size == 0) return true;
    void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return false;
    data_ = static_cast<unsigned char*>(p);
    size_ = size;
    return true;
  }
  unsigned char* data() const { return data_; }

 private:
  unsigned char* data_ = nullptr;
  std::size_t size_ = 0;
};

/// What one pass needs besides the photo's bytes.
struct PassSpec {
  CropWindow crop;           // stored coordinates
  int out_w = 0, out_h = 0;  // stored orientation
  int quality = 90;
  double ink_limit = 240;    // percent, the limit applied before encoding
};

/// The decoder, encoder and buffers of one pass. Everything run_pass() allocates lives here, in
/// the caller's frame, so a longjmp out of libjpeg skips no destructor.
struct Pass {
  jpeg_decompress_struct in{};
  jpeg_compress_struct out{};
  JpegError in_err{}, out_err{};
  StringDestination dest{};
  bool in_created = false, out_created = false;
  std::vector<unsigned char> line, cmyk;
  PageBuffer kept;  ///< CMYK: the output's pixels in positive ink, before the ink limit
  std::optional<Resampler> resampler;

  /// The libjpeg objects, with errors that jump back into the caller of run_pass()/encode_kept().
  Pass() {
    install_jpeg_error(*reinterpret_cast<jpeg_common_struct*>(&in), in_err);
    jpeg_create_decompress(&in);
    in_created = true;
    in.mem->max_memory_to_use = limits::kMaxJpegDecoderBytes;
    install_jpeg_error(*reinterpret_cast<jpeg_common_struct*>(&out), out_err);
    jpeg_create_compress(&out);
    out_created = true;
  }
  Pass(const Pass&) = delete;
  Pass& operator=(const Pass&) = delete;

  ~Pass() {
    if (in_created) jpeg_destroy_decompress(&in);
    if (out_created) jpeg_destroy_compress(&out);
  }
};

// The N of the N/8 DCT scale: the smallest at which the crop still has the output's pixels.
unsigned decode_scale(const jpeg_decompress_struct& cinfo, const PassSpec& spec) {
  const double crop_w = (spec.crop.right - spec.crop.left) * cinfo.image_width;
  const double crop_h = (spec.crop.bottom - spec.crop.top) * cinfo.image_height;
  for (unsigned n = 1; n < 8; ++n) {
    // 2 % short is as good as whole (the output's pixel count is rounded up; 1503 from 1500).
    if (crop_w * n / 8 >= 0.98 * spec.out_w && crop_h * n / 8 >= 0.98 * spec.out_h) return n;
  }
  return 8;
}

// Starts p.out writing a spec.out_w × spec.out_h JPEG into `jpeg`: grey, or CMYK in Adobe's
// inverted convention; baseline.
void start_encoder(Pass& p, const PassSpec& spec, bool grey, std::string& jpeg) {
  p.dest.out = &jpeg;
  p.dest.mgr.init_destination = StringDestination::init;
  p.dest.mgr.empty_output_buffer = StringDestination::empty;
  p.dest.mgr.term_destination = StringDestination::term;
  p.out.dest = &p.dest.mgr;
  p.out.image_width = static_cast<JDIMENSION>(spec.out_w);
  p.out.image_height = static_cast<JDIMENSION>(spec.out_h);
  p.out.input_components = grey ? 1 : 4;
  p.out.in_color_space = grey ? JCS_GRAYSCALE : JCS_CMYK;
  jpeg_set_defaults(&p.out);
  // CMYK as Adobe's YCCK (APP14 "Adobe", transform 2): C, M, Y turned into luma and two chroma
  // components, the chroma sampled 2x2 (4:2:0) and K at full resolution, libjpeg's default for
  // YCCK. The source photos are 4:2:0 already, so no colour detail is lost; the file is ~40 %
  // smaller than 4:4:4:4 CMYK. PDF's DCTDecode and every RIP undo the transform by the marker.
  jpeg_set_colorspace(&p.out, grey ? JCS_GRAYSCALE : JCS_YCCK);
  jpeg_set_quality(&p.out, spec.quality, TRUE);
  p.out.dct_method = JDCT_ISLOW;
  p.out.write_JFIF_header = FALSE;
  jpeg_start_compress(&p.out, TRUE);
}

// Writes one output row of positive CMYK ink under the pass's ink limit, inverted (Adobe: 0 = full ink).
void write_cmyk_row(Pass& p, const PassSpec& spec, const unsigned char* ink) {
  const std::size_t n = static_cast<std::size_t>(spec.out_w);
  std::memcpy(p.cmyk.data(), ink, 4 * n);
  limit_ink(p.cmyk.data(), n, spec.ink_limit);
  for (unsigned char& v : p.cmyk) v = static_cast<unsigned char>(255 - v);
  JSAMPROW row = p.cmyk.data();
  jpeg_write_scanlines(&p.out, &row, 1);
}

// One pass: decode → resample → convert → encode into `jpeg`; a CMYK photo's pixels before the
// ink limit stay in p.kept for encode_kept(). False with p.in_err.message set.
bool run_pass(Pass& p, const Bytes& data, const PassSpec& spec, const CmykConverter& converter, std::string& jpeg,
              int& components) {
  if (setjmp(p.in_err.jump) != 0) return false;
  if (setjmp(p.out_err.jump) != 0) {
    std::memcpy(p.in_err.message, p.out_err.message, sizeof p.in_err.message);
    return false;
  }
  jpeg_mem_src(&p.in, data.data(), static_cast<unsigned long>(data.size()));
  jpeg_read_header(&p.in, TRUE);
  if (p.in.image_width == 0 || p.in.image_height == 0 || p.in.image_width > limits::kMaxImageSide ||
      p.in.image_height > limits::kMaxImageSide) {
    std::snprintf(p.in_err.message, sizeof p.in_err.message, "image is %ux%u pixels", p.in.image_width,
                  p.in.image_height);
    return false;
  }
  const bool cmyk_source = p.in.jpeg_color_space == JCS_CMYK || p.in.jpeg_color_space == JCS_YCCK;
  const bool grey = p.in.jpeg_color_space == JCS_GRAYSCALE;
  const bool inverted_source = cmyk_source && p.in.saw_Adobe_marker;
  p.in.out_color_space = cmyk_source ? JCS_CMYK : grey ? JCS_GRAYSCALE : JCS_RGB;
  p.in.dct_method = JDCT_ISLOW;
  p.in.scale_num = decode_scale(p.in, spec);
  p.in.scale_denom = 8;
  // Chroma by pixel replication, not libjpeg's "fancy" triangle filter: the area-averaging below
  // takes 1.5 or more source pixels per output pixel, so the filter changes nothing visible.
  p.in.do_fancy_upsampling = FALSE;
  jpeg_start_decompress(&p.in);
  const int channels = p.in.output_components;
  const int full_width = static_cast<int>(p.in.output_width), height = static_cast<int>(p.in.output_height);
  // Decode only the crop's columns (libjpeg widens them to whole iMCUs) and skip the rows above
  // it: the entropy decoding must still read them, but not the inverse DCT and colour conversion.
  auto crop_x = static_cast<JDIMENSION>(std::floor(spec.crop.left * full_width));
  auto crop_w = static_cast<JDIMENSION>(std::ceil(spec.crop.right * full_width)) - crop_x;
  if (crop_w < static_cast<JDIMENSION>(full_width)) jpeg_crop_scanline(&p.in, &crop_x, &crop_w);
  const int width = static_cast<int>(p.in.output_width);  // the columns decoded, from crop_x
  CropWindow window = spec.crop;  // in the decoded columns
  window.left = (spec.crop.left * full_width - crop_x) / width;
  window.right = (spec.crop.right * full_width - crop_x) / width;
  const auto skip = static_cast<JDIMENSION>(std::max(0.0, std::floor(spec.crop.top * height)));
  if (skip > 0) jpeg_skip_scanlines(&p.in, skip);

  components = grey ? 1 : 4;
  start_encoder(p, spec, grey, jpeg);
  if (!grey && !p.kept.reset(static_cast<std::size_t>(spec.out_w) * spec.out_h * 4)) {
    std::snprintf(p.in_err.message, sizeof p.in_err.message, "no memory for %dx%d pixels", spec.out_w, spec.out_h);
    return false;
  }

  p.line.resize(static_cast<std::size_t>(width) * channels);
  p.cmyk.resize(static_cast<std::size_t>(spec.out_w) * 4);
  std::vector<unsigned char>& line = p.line;
  std::size_t rows = 0;
  const auto emit = [&](const unsigned char* row) {
    const std::size_t n = static_cast<std::size_t>(spec.out_w);
    if (grey) {
      JSAMPROW out_row = const_cast<JSAMPROW>(row);
      jpeg_write_scanlines(&p.out, &out_row, 1);
      return;
    }
    unsigned char* ink = p.kept.data() + 4 * n * rows++;
    if (channels == 3) {
      converter.convert(row, ink, n);
    } else {
      std::memcpy(ink, row, 4 * n);
    }
    write_cmyk_row(p, spec, ink);
  };
  Resampler& resampler = p.resampler.emplace(channels, window, width, height, spec.out_w, spec.out_h);
  while (p.in.output_scanline < p.in.output_height && !resampler.done()) {
    const int y = static_cast<int>(p.in.output_scanline);
    JSAMPROW row = line.data();
    jpeg_read_scanlines(&p.in, &row, 1);
    if (inverted_source) {
      for (unsigned char& v : line) v = static_cast<unsigned char>(255 - v);  // to positive ink
    }
    resampler.add(y, line.data(), emit);
  }
  resampler.flush(emit);
  jpeg_finish_compress(&p.out);
  jpeg_abort_decompress(&p.in);  // rows below the crop are not needed
  return true;
}

// Encodes `kept` (the pixels run_pass() kept) again into `jpeg` under spec.ink_limit, with the
// encoder of `p`: no second decode of the photo. False with p.in_err.message set.
bool encode_kept(Pass& p, const PageBuffer& kept, const PassSpec& spec, std::string& jpeg) {
  if (setjmp(p.out_err.jump) != 0) {
    std::memcpy(p.in_err.message, p.out_err.message, sizeof p.in_err.message);
    return false;
  }
  start_encoder(p, spec, false, jpeg);
  p.cmyk.resize(static_cast<std::size_t>(spec.out_w) * 4);
  for (std::size_t y = 0; y < static_cast<std::size_t>(spec.out_h); ++y) {
    write_cmyk_row(p, spec, kept.data() + y * p.cmyk.size());
  }
  jpeg_finish_compress(&p.out);
  return true;
}

/// The largest total ink (sum of the four inks, 0…1020) of an inverted CMYK JPEG, read back
/// row by row; -1 when it cannot be decoded.
int max_total_ink(const std::string& jpeg) {
  jpeg_decompress_struct cinfo{};
  JpegError err{};
  install_jpeg_error(*reinterpret_cast<jpeg_common_struct*>(&cinfo), err);
  jpeg_create_decompress(&cinfo);
  std::vector<unsigned char> line;
  int most = -1;
  if (setjmp(err.jump) == 0) {
    jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(jpeg.data()), static_cast<unsigned long>(jpeg.size()));
    jpeg_read_header(&cinfo, TRUE);
    cinfo.out_color_space = JCS_CMYK;
    cinfo.dct_method = JDCT_ISLOW;
    jpeg_start_decompress(&cinfo);
    line.resize(static_cast<std::size_t>(cinfo.output_width) * 4);
    most = 0;
    while (cinfo.output_scanline < cinfo.output_height) {
      JSAMPROW row = line.data();
      jpeg_read_scanlines(&cinfo, &row, 1);
      for (std::size_t i = 0; i < line.size(); i += 4) {
        most = std::max(most, 4 * 255 - (line[i] + line[i + 1] + line[i + 2] + line[i + 3]));
      }
    }
    jpeg_finish_decompress(&cinfo);
  } else {
    most = -1;
  }
  jpeg_destroy_decompress(&cinfo);
  return most;
}

/// Header facts of the source needed to plan the output: stored size.
bool stored_size(const Bytes& data, int& width, int& height, std::string& why) {
  jpeg_decompress_struct cinfo{};
  JpegError err{};
  install_jpeg_error(*reinterpret_cast<jpeg_common_struct*>(&cinfo), err);
  jpeg_create_decompress(&cinfo);
  bool ok = false;
  if (setjmp(err.jump) == 0) {
    jpeg_mem_src(&cinfo, data.data(), static_cast<unsigned long>(data.size()));
    jpeg_read_header(&cinfo, TRUE);
    width = static_cast<int>(cinfo.image_width);
    height = static_cast<int>(cinfo.image_height);
    ok = true;
  } else {
    why = err.message;
  }
  jpeg_destroy_decompress(&cinfo);
  return ok;
}

// Makes one photo: plans its output size from the placement, then passes until the ink holds.
void make(Job& job, const CmykConverter& converter, const PressPhotoSettings& settings) {
  const frame::ImageItem& image = *job.image;
  PressPhoto& photo = *job.out;
  Bytes data;
  if (!read_image_file(image.path, data)) {
    job.error = "cannot read image \"" + image.path + "\"";
    return;
  }
  int stored_w = 0, stored_h = 0;
  std::string why;
  if (!stored_size(data, stored_w, stored_h, why)) {
    job.error = "cannot decode JPEG \"" + image.path + "\": " + why;
    return;
  }
  const int orientation = image.orientation >= 1 && image.orientation <= 8 ? image.orientation : 1;
  const bool quarter = orientation >= 5;
  const CropWindow upright{image.crop_left, image.crop_top, image.crop_right, image.crop_bottom};
  PassSpec spec;
  spec.crop = stored_crop(orientation, upright);
  spec.quality = std::clamp(settings.quality, 1, 100);
  // JPEG's error moves a pixel's total ink by a few levels either way (3–12 of 1020 on noisy
  // photos at quality 90): the first pass leaves that much room, so a second is rarely needed.
  spec.ink_limit = converter.ink_limit() - kJpegInkMargin * 100.0 / 255.0;

  // Upright: the crop's pixels in the file, and the pixels the placed size needs at the target.
  const double up_w = quarter ? stored_h : stored_w, up_h = quarter ? stored_w : stored_h;
  const double crop_w = (upright.right - upright.left) * up_w, crop_h = (upright.bottom - upright.top) * up_h;
  const double inches_w = image.size.width.to_pt() / 72, inches_h = image.size.height.to_pt() / 72;
  const int out_uw = std::max(1, static_cast<int>(std::min(std::round(crop_w), std::ceil(inches_w * settings.ppi))));
  const int out_uh = std::max(1, static_cast<int>(std::min(std::round(crop_h), std::ceil(inches_h * settings.ppi))));
  spec.out_w = quarter ? out_uh : out_uw;
  spec.out_h = quarter ? out_uw : out_uh;

  photo.path = image.path;
  photo.placed_width_pt = image.size.width.to_pt();
  photo.placed_height_pt = image.size.height.to_pt();
  photo.source_width = static_cast<int>(std::round(crop_w));
  photo.source_height = static_cast<int>(std::round(crop_h));
  photo.width = out_uw;
  photo.height = out_uh;
  photo.source_ppi = std::min(crop_w / inches_w, crop_h / inches_h);
  photo.output_ppi = std::min(out_uw / inches_w, out_uh / inches_h);
  photo.quality = spec.quality;

  const int limit = static_cast<int>(std::floor(std::clamp(converter.ink_limit(), 0.0, 400.0) * 255.0 / 100.0));
  Pass first;
  if (!run_pass(first, data, spec, converter, photo.jpeg, photo.components)) {
    job.error = "cannot make the press version of \"" + image.path + "\": " + first.in_err.message;
    return;
  }
  job.damage = first.in_err.first_warning;
  if (photo.components == 1) return;  // grey: one ink, never over the limit
  for (int attempt = 0;; ++attempt) {
    const int most = max_total_ink(photo.jpeg);
    if (most < 0) {
      job.error = "cannot read back the press version of \"" + image.path + "\"";
      return;
    }
    photo.max_ink = most * 100.0 / 255;
    if (most <= limit) return;
    if (attempt == 5) break;
    // JPEG's error put some pixels over: lower the limit by the excess (and a little) and encode
    // the pixels of the first pass again.
    spec.ink_limit -= (most - limit + 1) * 100.0 / 255.0;
    Pass again;
    photo.jpeg.clear();
    if (!encode_kept(again, first.kept, spec, photo.jpeg)) {
      job.error = "cannot make the press version of \"" + image.path + "\": " + again.in_err.message;
      return;
    }
  }
  job.error = "the press version of \"" + image.path + "\" stays over the ink limit after JPEG encoding";
}

void free_string(void* data) { delete static_cast<std::string*>(data); }

// The surface Cairo draws: the JPEG's stored size (Cairo scales the image XObject by the
// surface's size) with the JPEG's bytes as mime data. Its pixels are never written or read: the
// memory stays untouched (zero pages) and Cairo embeds the JPEG instead. The JPEG's bytes move
// into the surface's mime data.
cairo_surface_t* surface_for(PressPhoto& photo, int stored_w, int stored_h) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, stored_w, stored_h);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return nullptr;
  }
  photo.content_id = jpeg_content_id(reinterpret_cast<const unsigned char*>(photo.jpeg.data()), photo.jpeg.size());
  auto* id = new std::string(photo.content_id);
  cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_UNIQUE_ID, reinterpret_cast<const unsigned char*>(id->data()),
                              id->size(), free_string, id);
  auto* bytes = new std::string(std::move(photo.jpeg));  // Cairo's copy is the only one kept
  photo.jpeg.clear();
  cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG, reinterpret_cast<const unsigned char*>(bytes->data()),
                              bytes->size(), free_string, bytes);
  return surface;
}

}  // namespace

std::string jpeg_content_id(const unsigned char* data, std::size_t size) {
  std::uint64_t h = 0xcbf29ce484222325ull;  // 64-bit FNV-1a
  for (std::size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 0x100000001b3ull;
  char buf[48];
  std::snprintf(buf, sizeof buf, "zjgr-press-%016llx-%zu", static_cast<unsigned long long>(h), size);
  return buf;
}

std::map<std::string, double> PressPhotos::measured_inks() const {
  std::map<std::string, double> inks;
  for (const auto& photo : photos_) {
    if (photo->components == 4) inks.emplace(photo->content_id, photo->max_ink);
  }
  return inks;
}

CropWindow stored_crop(int orientation, const CropWindow& upright) {
  // The orientation matrix maps stored → upright in unit coordinates; its inverse maps the
  // upright crop's corners back. Quarter turns and mirrors keep rectangles axis-aligned.
  cairo_matrix_t m = orientation_matrix(orientation, 1, 1);
  if (cairo_matrix_invert(&m) != CAIRO_STATUS_SUCCESS) return upright;
  double xs[2] = {upright.left, upright.right}, ys[2] = {upright.top, upright.bottom};
  CropWindow stored{1, 1, 0, 0};
  for (double u : xs) {
    for (double v : ys) {
      double x = u, y = v;
      cairo_matrix_transform_point(&m, &x, &y);
      stored.left = std::min(stored.left, x);
      stored.right = std::max(stored.right, x);
      stored.top = std::min(stored.top, y);
      stored.bottom = std::max(stored.bottom, y);
    }
  }
  return stored;
}

PressPhotos::~PressPhotos() { release_surfaces(); }

void PressPhotos::release_surfaces() {
  for (auto& photo : photos_) {
    if (photo->surface != nullptr) cairo_surface_destroy(photo->surface);
    photo->surface = nullptr;
  }
}

PressPhotos::Key PressPhotos::key_of(const frame::ImageItem& image) {
  return {image.path, image.size.width.raw(), image.size.height.raw(), image.crop_left, image.crop_top,
          image.crop_right, image.crop_bottom, image.orientation};
}

bool PressPhotos::prepare(const frame::Document& doc, const CmykConverter& converter,
                          const PressPhotoSettings& settings, Diagnostics& diagnostics) {
  // 1. The distinct placements of JPEG photos, in document order. Geometry the canvas would
  //    refuse is left to it (it reports "bad-geometry").
  std::vector<frame::ImageItem> placements;
  frame::Frame loaded;
  for (std::size_t i = 0; i < doc.pages.size(); ++i) collect(doc.frame(i, loaded), 0, placements);
  std::vector<Job> jobs;
  std::map<std::string, bool> jpeg_files;
  for (const frame::ImageItem& placement : placements) {
    const frame::ImageItem* image = &placement;  // the jobs point to it: `placements` outlives them
    const Key key = key_of(*image);
    if (by_key_.count(key) != 0) continue;
    const bool sane = image->size.width > Length() && image->size.height > Length() && image->crop_left >= 0 &&
                      image->crop_top >= 0 && image->crop_right <= 1 && image->crop_bottom <= 1 &&
                      image->crop_left < image->crop_right && image->crop_top < image->crop_bottom &&
                      valid_length(image->size.width.to_pt()) && valid_length(image->size.height.to_pt());
    if (!sane) continue;
    auto [it, fresh] = jpeg_files.emplace(image->path, false);
    if (fresh) it->second = is_jpeg_file(image->path);
    if (!it->second) continue;
    photos_.push_back(std::make_unique<PressPhoto>());
    by_key_.emplace(key, photos_.back().get());
    jobs.push_back({image, photos_.back().get(), {}, {}});
  }

  // 2. Made on a pool of threads; each job writes only its own photo, so the order in which
  //    they finish changes nothing. An exception (std::bad_alloc) comes back here, on the calling
  //    thread: the run then ends as out of memory does anywhere (exit status 3, nothing written).
  parallel_for(jobs.size(), settings.threads, [&](std::size_t i) {
    if (settings.before_job) settings.before_job(i);
    make(jobs[i], converter, settings);
  });

  // 3. Errors in document order; surfaces for Cairo.
  bool ok = true;
  for (Job& job : jobs) {
    warn_if_damaged(job.image->path, job.damage.c_str(), diagnostics);  // printed as far as it decodes, as on screen
    if (!job.error.empty()) {
      diagnostics.error("image-unreadable", job.error);
      ok = false;
      continue;
    }
    PressPhoto& photo = *job.out;
    const bool quarter = job.image->orientation >= 5 && job.image->orientation <= 8;
    photo.surface = surface_for(photo, quarter ? photo.height : photo.width, quarter ? photo.width : photo.height);
    if (photo.surface == nullptr) {
      diagnostics.error("out-of-memory", "no memory for the press version of \"" + photo.path + "\"");
      ok = false;
    }
  }
  return ok;
}

const PressPhoto* PressPhotos::find(const frame::ImageItem& image) const {
  auto it = by_key_.find(key_of(image));
  return it == by_key_.end() ? nullptr : it->second;
}

}  // namespace zjgr::render::detail
