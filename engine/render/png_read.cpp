// Reading PNGs with libpng's bounded reader (detail/png_decode.h): every colour type and depth
// converted to 8-bit RGB.
#include "render/png_read.h"

#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "base/limits.h"
#include "render/detail/png_decode.h"

namespace zjgr::render {
namespace {

/// The same bound as the writer's (png.cpp): 20000 px is a broadsheet at ~1300 dpi. A page
/// proof may be larger in area than a photo (50 Mpx), so only its sides are bounded.
constexpr std::uint32_t kMaxSide = 20000;

}  // namespace

std::optional<Raster> read_png(const std::filesystem::path& path, Diagnostics& diagnostics) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    diagnostics.error("file-not-found", "\"" + path.string() + "\" is not a file");
    return std::nullopt;
  }
  std::vector<unsigned char> data;
  {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    const std::streamoff size = in ? static_cast<std::streamoff>(in.tellg()) : -1;
    if (size < 0 || static_cast<std::uint64_t>(size) > limits::kMaxImageFileBytes) {
      diagnostics.error("bad-image", "\"" + path.string() + "\" cannot be read, or is larger than " +
                                         std::to_string(limits::kMaxImageFileBytes) + " bytes");
      return std::nullopt;
    }
    data.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    in.read(reinterpret_cast<char*>(data.data()), size);
    if (in.gcount() != size) {
      diagnostics.error("bad-image", "\"" + path.string() + "\" cannot be read");
      return std::nullopt;
    }
  }
  // Decoded to BGRA, then composited on the paper's white into RGB in the same buffer.
  Raster raster;
  const std::string why = detail::decode_png_bgra(
      data.data(), data.size(), {kMaxSide, static_cast<std::int64_t>(kMaxSide) * kMaxSide},
      [&](const detail::PngSize& size) -> detail::PngTarget {
        raster.width = size.width;
        raster.height = size.height;
        raster.rgb.resize(static_cast<std::size_t>(size.width) * size.height * 4);
        return {raster.rgb.data(), static_cast<std::ptrdiff_t>(size.width) * 4};
      });
  if (!why.empty()) {
    diagnostics.error("bad-image", "\"" + path.string() + "\" is not a readable PNG: " + why);
    return std::nullopt;
  }
  const std::size_t pixels = static_cast<std::size_t>(raster.width) * raster.height;
  unsigned char* p = raster.rgb.data();
  for (std::size_t i = 0; i < pixels; ++i) {
    const unsigned b = p[4 * i], g = p[4 * i + 1], r = p[4 * i + 2], a = p[4 * i + 3];
    const auto over_white = [a](unsigned c) { return static_cast<unsigned char>((c * a + 255 * (255 - a) + 127) / 255); };
    p[3 * i] = over_white(r);
    p[3 * i + 1] = over_white(g);
    p[3 * i + 2] = over_white(b);
  }
  raster.rgb.resize(pixels * 3);
  raster.rgb.shrink_to_fit();
  return raster;
}

}  // namespace zjgr::render
