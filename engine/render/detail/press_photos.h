// Press photos: every JPEG the press PDF shows, made ready for the plate before Cairo sees it —
// cropped to what is shown, downsampled to the target resolution (never up), converted to the
// press's CMYK under the ink limit (lcms2) and encoded as a CMYK JPEG. Each photo is decoded,
// resampled, converted and encoded a few scanlines at a time (libjpeg); only the output's pixels
// are kept while it is made (for another encoding should JPEG's error break the ink limit), so
// memory does not grow with the source's size or the number of photos; photos are processed on
// a pool of threads and the result does not depend on how many. Private to render/.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include <cairo.h>

#include "base/diagnostics.h"
#include "frame/document.h"
#include "render/detail/color.h"

namespace zjgr::render::detail {

/// How photos are made for the press (layout "print" settings, PdfOptions).
struct PressPhotoSettings {
  double ppi = 300;      ///< target effective resolution at the placed size; never upsampled
  int quality = 90;      ///< libjpeg quality of the CMYK JPEG, 1–100
  unsigned threads = 0;  ///< worker threads; 0 = one per core
  /// Called on the worker thread before each photo is made (its index); for tests, which throw
  /// from it to check that a worker's exception reaches prepare()'s caller.
  std::function<void(std::size_t)> before_job;
};

/// A rectangle of a photo in fractions of its width and height (0…1).
struct CropWindow {
  double left = 0, top = 0, right = 1, bottom = 1;
};

/// The crop window in the stored pixels' coordinates for an upright crop of a photo stored with
/// EXIF `orientation` (1–8): the stored rectangle that turns into `upright`.
CropWindow stored_crop(int orientation, const CropWindow& upright);

/// An id of a JPEG's bytes (a 64-bit FNV-1a and the length): Cairo embeds surfaces with the same
/// id once, and the preflight knows a press photo in the finished file by it.
std::string jpeg_content_id(const unsigned char* data, std::size_t size);

/// One photo as placed, made for the press.
struct PressPhoto {
  std::string path;
  double placed_width_pt = 0, placed_height_pt = 0;  ///< the placed (upright) size
  int source_width = 0, source_height = 0;           ///< upright pixels of the crop in the file
  int width = 0, height = 0;                         ///< upright pixels of the JPEG written
  double source_ppi = 0, output_ppi = 0;             ///< across the placed width (the lower of the two axes)
  int quality = 0;                                   ///< JPEG quality used
  int components = 0;                                ///< 4 CMYK, 1 grey (a grey photo stays on the black plate)
  std::string jpeg;                                  ///< the JPEG (stored orientation, crop applied), until moved into `surface`
  std::string content_id;                            ///< jpeg_content_id of the JPEG written
  double max_ink = 0;                                ///< CMYK: most total ink of its pixels as read back, percent
  cairo_surface_t* surface = nullptr;                ///< for Cairo: the JPEG's size, its bytes as mime data
};

/// The press versions of a document's JPEG photos, made once per distinct placement (path, size,
/// crop and orientation); a placement shown twice is embedded once.
class PressPhotos {
 public:
  PressPhotos() = default;
  ~PressPhotos();
  PressPhotos(const PressPhotos&) = delete;
  PressPhotos& operator=(const PressPhotos&) = delete;

  /// Makes every JPEG image of `doc` (PNG images are left to Cairo and the finishing step).
  /// False with "image-unreadable" when a photo cannot be decoded or encoded. An exception on a
  /// worker thread (std::bad_alloc) is thrown from here, after every worker has stopped.
  bool prepare(const frame::Document& doc, const CmykConverter& converter, const PressPhotoSettings& settings,
               Diagnostics& diagnostics);

  /// The press version of a placed image, or nullptr (not a JPEG, or not prepared).
  const PressPhoto* find(const frame::ImageItem& image) const;

  /// Drops the surfaces (and so the JPEG bytes) once Cairo has written them into the PDF.
  void release_surfaces();

  /// The most total ink (percent) of each CMYK photo, by content id, as read back when it was
  /// made: the preflight takes it for those bytes instead of decoding them a second time.
  std::map<std::string, double> measured_inks() const;

  /// Every photo made, in the order first placed in the document.
  const std::vector<std::unique_ptr<PressPhoto>>& photos() const { return photos_; }

 private:
  using Key = std::tuple<std::string, std::int64_t, std::int64_t, double, double, double, double, int>;
  static Key key_of(const frame::ImageItem& image);

  std::map<Key, const PressPhoto*> by_key_;
  std::vector<std::unique_ptr<PressPhoto>> photos_;
};

}  // namespace zjgr::render::detail
