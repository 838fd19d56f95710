#include "support/png_image.h"

#include <png.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace zjgr::test {

std::optional<Image> read_png(const std::filesystem::path& path) {
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&png, path.c_str())) return std::nullopt;
  png.format = PNG_FORMAT_RGB;
  Image image;
  image.width = static_cast<int>(png.width);
  image.height = static_cast<int>(png.height);
  image.rgb.resize(PNG_IMAGE_SIZE(png));
  if (!png_image_finish_read(&png, nullptr, image.rgb.data(), 0, nullptr)) {
    png_image_free(&png);
    return std::nullopt;
  }
  return image;
}

ImageDiff compare(const Image& expected, const Image& actual, int tolerance) {
  ImageDiff diff;
  diff.same_size = expected.width == actual.width && expected.height == actual.height;
  if (!diff.same_size) return diff;
  for (std::size_t i = 0; i + 2 < expected.rgb.size(); i += 3) {
    int worst = 0;
    for (std::size_t c = 0; c < 3; ++c) worst = std::max(worst, std::abs(int(expected.rgb[i + c]) - int(actual.rgb[i + c])));
    diff.max_channel_difference = std::max(diff.max_channel_difference, worst);
    if (worst > tolerance) ++diff.differing_pixels;
  }
  return diff;
}

std::string check_golden_png(const std::filesystem::path& expected, const std::filesystem::path& actual,
                             int tolerance, long max_differing_pixels) {
  const char* update = std::getenv("ZJGR_UPDATE_REFS");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(expected.parent_path());
    std::filesystem::copy_file(actual, expected, std::filesystem::copy_options::overwrite_existing);
    return "";
  }
  auto want = read_png(expected);
  if (!want) return "missing golden " + expected.string() + " (run with ZJGR_UPDATE_REFS=1 to create it)";
  auto got = read_png(actual);
  if (!got) return "cannot read " + actual.string();
  const ImageDiff diff = compare(*want, *got, tolerance);
  if (!diff.same_size) {
    return "size differs: golden " + std::to_string(want->width) + "x" + std::to_string(want->height) + ", actual " +
           std::to_string(got->width) + "x" + std::to_string(got->height);
  }
  if (diff.differing_pixels > max_differing_pixels) {
    return std::to_string(diff.differing_pixels) + " pixels differ (largest channel difference " +
           std::to_string(diff.max_channel_difference) + "); actual: " + actual.string() + ", golden: " + expected.string();
  }
  return "";
}

}  // namespace zjgr::test
