// The total-ink limit and the sRGB → CMYK conversion of render/detail/color.h, on hand-made pixels.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "render/detail/color.h"

namespace zjgr::render::detail {
namespace {

int total(const std::uint8_t* p) { return p[0] + p[1] + p[2] + p[3]; }

TEST(InkLimit, KeepsBlackAndScalesColourInksUnderTheLimit) {
  // 100 % of every ink (400 %) and a deep brown at 300 %, limited to 240 %.
  std::vector<std::uint8_t> px = {255, 255, 255, 255, 204, 178, 127, 255, 10, 20, 30, 40};
  limit_ink(px.data(), 3, 240);
  const int limit = 240 * 255 / 100;
  EXPECT_EQ(px[3], 255);  // black kept
  EXPECT_LE(total(&px[0]), limit);
  EXPECT_GE(total(&px[0]), limit - 3);  // scaled, not wiped out
  EXPECT_EQ(px[7], 255);
  EXPECT_LE(total(&px[4]), limit);
  EXPECT_GT(px[4], px[5]);  // the colour's balance stays: C > M > Y
  EXPECT_GT(px[5], px[6]);
  // Under the limit: untouched.
  EXPECT_EQ((std::vector<std::uint8_t>{px.begin() + 8, px.end()}), (std::vector<std::uint8_t>{10, 20, 30, 40}));
}

TEST(InkLimit, BlackBeyondTheLimitIsCappedAlone) {
  std::vector<std::uint8_t> px = {100, 100, 100, 255};
  limit_ink(px.data(), 1, 90);
  EXPECT_EQ(px, (std::vector<std::uint8_t>{0, 0, 0, 229}));
}

TEST(CmykConverter, ConvertsSrgbIntoTheDefaultProfileWithinTheLimit) {
  Diagnostics diagnostics;
  const auto profile = read_icc_profile(kDefaultCmykProfile, diagnostics);
  ASSERT_TRUE(profile) << "missing " << kDefaultCmykProfile << " (Debian package libgs-common)";
  EXPECT_EQ(profile->channels, 4);
  const auto converter = CmykConverter::create(*profile, 240, diagnostics);
  ASSERT_NE(converter, nullptr);
  // sRGB black becomes a four-ink black under the limit; white is no ink; red has no cyan.
  const std::vector<std::uint8_t> rgb = {0, 0, 0, 255, 255, 255, 255, 0, 0};
  std::vector<std::uint8_t> cmyk(12);
  converter->convert(rgb.data(), cmyk.data(), 3);
  EXPECT_LE(total(&cmyk[0]), 240 * 255 / 100);
  EXPECT_GT(cmyk[3], 200);
  EXPECT_EQ(total(&cmyk[4]), 0);
  EXPECT_LT(cmyk[8], 20);
  EXPECT_GT(cmyk[9], 200);
  EXPECT_FALSE(diagnostics.has_errors());
}

TEST(CmykConverter, RejectsAnRgbProfileAsOutput) {
  Diagnostics diagnostics;
  const auto profile = read_icc_profile("/usr/share/color/icc/ghostscript/srgb.icc", diagnostics);
  ASSERT_TRUE(profile);
  EXPECT_EQ(profile->channels, 3);
  EXPECT_EQ(CmykConverter::create(*profile, 240, diagnostics), nullptr);
  EXPECT_TRUE(diagnostics.has_errors());
}

}  // namespace
}  // namespace zjgr::render::detail
