// libFuzzer target: the image path of the pipeline. input/ probes the header of a photo file
// (format, pixel size, EXIF orientation, limits); render/'s jpeg_color (the header walk of the
// PDF's finishing step) reads the bytes too; only what the probe accepts reaches render/'s decoder
// (libjpeg, libpng into a Cairo surface). All must survive any bytes; seeds are the test
// fixtures' images and the example's photos (scripts/fuzz.sh).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <variant>

#include <cairo.h>

#include "input/detail/image_probe.h"
#include "render/detail/images.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("zjgr-fuzz-image-" + std::to_string(::getpid()));
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  // The header walk finish_pdf runs on every CMYK JPEG it finds in Cairo's PDF.
  (void)zjgr::render::detail::jpeg_color(data, size);
  const auto probed = zjgr::input::detail::probe_image(file);
  const auto* info = std::get_if<zjgr::input::detail::ImageInfo>(&probed);
  if (info == nullptr) return 0;
  // Both decoder paths: the PDF's check at 1/8 scale and a proof's whole decode.
  for (const zjgr::render::detail::PixelNeed need : {zjgr::render::detail::PixelNeed{}, zjgr::render::detail::PixelNeed{1e9, 1e9}}) {
    zjgr::Diagnostics diagnostics;
    if (cairo_surface_t* surface = zjgr::render::detail::decode_image(file.string(), need, diagnostics)) {
      cairo_surface_destroy(surface);
    }
  }
  return 0;
}
