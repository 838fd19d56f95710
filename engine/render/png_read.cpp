// Reading PNGs with libpng's simplified API: every colour type and depth converted to 8-bit RGB.
#include "render/png_read.h"

#include <png.h>

#include <string>
#include <system_error>

namespace zjgr::render {
namespace {

/// The same bound as the writer's (png.cpp): 20000 px is a broadsheet at ~1300 dpi.
constexpr png_uint_32 kMaxSide = 20000;

}  // namespace

std::optional<Raster> read_png(const std::filesystem::path& path, Diagnostics& diagnostics) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    diagnostics.error("file-not-found", "\"" + path.string() + "\" is not a file");
    return std::nullopt;
  }
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_file(&png, path.c_str()) == 0) {
    diagnostics.error("bad-image", "\"" + path.string() + "\" is not a readable PNG: " + png.message);
    png_image_free(&png);
    return std::nullopt;
  }
  if (png.width == 0 || png.height == 0 || png.width > kMaxSide || png.height > kMaxSide) {
    diagnostics.error("bad-image", "\"" + path.string() + "\" is " + std::to_string(png.width) + "x" +
                                       std::to_string(png.height) + " pixels; at most " + std::to_string(kMaxSide) +
                                       " a side is read");
    png_image_free(&png);
    return std::nullopt;
  }
  png.format = PNG_FORMAT_RGB;
  Raster raster;
  raster.width = static_cast<int>(png.width);
  raster.height = static_cast<int>(png.height);
  raster.rgb.resize(PNG_IMAGE_SIZE(png));
  // Alpha, if any, is composited on the paper's white.
  const png_color white{255, 255, 255};
  if (png_image_finish_read(&png, &white, raster.rgb.data(), 0, nullptr) == 0) {
    diagnostics.error("bad-image", "\"" + path.string() + "\" cannot be decoded: " + png.message);
    png_image_free(&png);
    return std::nullopt;
  }
  return raster;
}

}  // namespace zjgr::render
