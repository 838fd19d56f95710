// The hand-written JPEG/PNG header probe, on real files made by ImageMagick.
#include "input/detail/image_probe.h"

#include <gtest/gtest.h>

#include "support/paths.h"

namespace zjgr::input::detail {
namespace {

std::filesystem::path fixture(const std::string& name) {
  const auto path = test::source_dir() / "tests/fixtures/input" / name;
  EXPECT_TRUE(std::filesystem::exists(path)) << "missing fixture " << path;  // a missing fixture fails
  return path;
}

ImageInfo probed(const std::string& name) {
  auto result = probe_image(fixture(name));
  if (auto* problem = std::get_if<std::string>(&result)) {
    ADD_FAILURE() << name << ": " << *problem;
    return {};
  }
  return std::get<ImageInfo>(result);
}

TEST(ImageProbe, BaselineJpeg) {
  const ImageInfo info = probed("tiny-64x48.jpg");
  EXPECT_EQ(info.format, model::ImageFormat::Jpeg);
  EXPECT_EQ(info.width, 64);
  EXPECT_EQ(info.height, 48);
}

TEST(ImageProbe, ProgressiveJpeg) {
  const ImageInfo info = probed("tiny-progressive-16x12.jpg");
  EXPECT_EQ(info.width, 16);
  EXPECT_EQ(info.height, 12);
}

TEST(ImageProbe, Png) {
  const ImageInfo info = probed("tiny-30x20.png");
  EXPECT_EQ(info.format, model::ImageFormat::Png);
  EXPECT_EQ(info.width, 30);
  EXPECT_EQ(info.height, 20);
}

TEST(ImageProbe, MissingFileIsAProblemNotACrash) {
  EXPECT_TRUE(std::holds_alternative<std::string>(probe_image("/nonexistent/zjgr.jpg")));
}

}  // namespace
}  // namespace zjgr::input::detail
