// The hand-written JPEG/PNG header probe, on real files made by ImageMagick, and its EXIF
// orientation reader on headers built here byte by byte (good, damaged and hostile).
#include "input/detail/image_probe.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

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

// tests/fixtures/input: cmyk-adobe-16x12.jpg is ImageMagick's
//   convert -size 16x12 xc:'#d01020' -strip -colorspace CMYK -quality 90 (YCCK, Adobe APP14);
// exif-6-16x12.jpg is `convert -size 16x12 xc:'#20c0a0' -strip -quality 90` with an APP1 Exif
// segment (Orientation 6, big-endian) put after SOI by hand — ImageMagick reads it as RightTop.
TEST(ImageProbe, ImageMagicksCmykJpeg) {
  const ImageInfo info = probed("cmyk-adobe-16x12.jpg");
  EXPECT_EQ(info.width, 16);
  EXPECT_EQ(info.height, 12);
  EXPECT_EQ(info.orientation, 1);
}

TEST(ImageProbe, JpegWithAnExifOrientationThatImageMagickReadsAsRightTop) {
  const ImageInfo info = probed("exif-6-16x12.jpg");
  EXPECT_EQ(info.width, 16);
  EXPECT_EQ(info.height, 12);
  EXPECT_EQ(info.orientation, 6);
}

TEST(ImageProbe, Png) {
  const ImageInfo info = probed("tiny-30x20.png");
  EXPECT_EQ(info.format, model::ImageFormat::Png);
  EXPECT_EQ(info.width, 30);
  EXPECT_EQ(info.height, 20);
}

// ---- EXIF orientation ------------------------------------------------------------------------

using Bytes = std::vector<unsigned char>;

void put16(Bytes& b, std::uint32_t v, bool little) {
  if (little) {
    b.push_back(static_cast<unsigned char>(v)), b.push_back(static_cast<unsigned char>(v >> 8));
  } else {
    b.push_back(static_cast<unsigned char>(v >> 8)), b.push_back(static_cast<unsigned char>(v));
  }
}
void put32(Bytes& b, std::uint32_t v, bool little) {
  if (little) {
    put16(b, v & 0xffff, true), put16(b, v >> 16, true);
  } else {
    put16(b, v >> 16, false), put16(b, v & 0xffff, false);
  }
}

struct Entry {
  std::uint16_t tag, type;
  std::uint32_t count, value;  ///< a SHORT value sits in the first two of the four value bytes
};

/// An APP1 payload: "Exif\0\0", a TIFF header and IFD0 with `entries` (`count` overrides the
/// entry count written, `ifd` the offset of IFD0).
Bytes exif(bool little, const std::vector<Entry>& entries, int count = -1, std::uint32_t ifd = 8) {
  Bytes b = {'E', 'x', 'i', 'f', 0, 0};
  b.push_back(little ? 'I' : 'M'), b.push_back(little ? 'I' : 'M');
  put16(b, 42, little);
  put32(b, ifd, little);
  put16(b, count < 0 ? static_cast<std::uint32_t>(entries.size()) : static_cast<std::uint32_t>(count), little);
  for (const Entry& e : entries) {
    put16(b, e.tag, little), put16(b, e.type, little), put32(b, e.count, little);
    if (e.type == 3) {
      put16(b, e.value, little), put16(b, 0, little);
    } else {
      put32(b, e.value, little);
    }
  }
  put32(b, 0, little);  // no next IFD
  return b;
}

Bytes orientation_exif(int value, bool little = false) { return exif(little, {{0x010f, 2, 4, 0}, {0x0112, 3, 1, static_cast<std::uint32_t>(value)}}); }

/// A JPEG header up to its frame header: SOI, an APP1 segment of `app1` (none if empty), then
/// SOF0 of `width` × `height`, 3 components. Written to a scratch file; its path.
std::filesystem::path jpeg_with(const std::string& name, const Bytes& app1, int width, int height) {
  Bytes b = {0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0};
  if (!app1.empty()) {
    b.push_back(0xff), b.push_back(0xe1);
    put16(b, static_cast<std::uint32_t>(app1.size() + 2), false);
    b.insert(b.end(), app1.begin(), app1.end());
  }
  b.insert(b.end(), {0xff, 0xc0, 0, 17, 8});
  put16(b, static_cast<std::uint32_t>(height), false);
  put16(b, static_cast<std::uint32_t>(width), false);
  b.push_back(3);
  for (unsigned char c = 1; c <= 3; ++c) b.insert(b.end(), {c, 0x11, 0});
  const auto path = zjgr::test::scratch_dir("image-probe") / name;
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  return path;
}

ImageInfo probed_path(const std::filesystem::path& path) {
  auto result = probe_image(path);
  if (auto* problem = std::get_if<std::string>(&result)) {
    ADD_FAILURE() << path << ": " << *problem;
    return {};
  }
  return std::get<ImageInfo>(result);
}

int orientation_of(const Bytes& payload) { return exif_orientation(payload.data(), payload.size()); }

TEST(ImageProbe, JpegWithExifOrientationSixKeepsItsStoredSizeAndReadsTheOrientation) {
  const ImageInfo info = probed_path(jpeg_with("portrait.jpg", orientation_exif(6), 640, 480));
  EXPECT_EQ(info.width, 640);
  EXPECT_EQ(info.height, 480);
  EXPECT_EQ(info.orientation, 6);
}

TEST(ImageProbe, JpegWithoutExifOrWithXmpOnlyIsOrientationOne) {
  EXPECT_EQ(probed_path(jpeg_with("plain.jpg", {}, 64, 48)).orientation, 1);
  const std::string xmp = "http://ns.adobe.com/xap/1.0/";
  Bytes app1(xmp.begin(), xmp.end());
  app1.push_back(0);
  EXPECT_EQ(probed_path(jpeg_with("xmp.jpg", app1, 64, 48)).orientation, 1);
}

TEST(ImageProbe, ExifOrientationInBothByteOrdersAndEveryValue) {
  for (int value = 1; value <= 8; ++value) {
    EXPECT_EQ(orientation_of(orientation_exif(value, false)), value) << "MM " << value;
    EXPECT_EQ(orientation_of(orientation_exif(value, true)), value) << "II " << value;
  }
}

TEST(ImageProbe, DamagedOrHostileExifIsOrientationOne) {
  EXPECT_EQ(orientation_of(orientation_exif(0)), 1);   // values outside 1–8
  EXPECT_EQ(orientation_of(orientation_exif(9)), 1);
  EXPECT_EQ(orientation_of(orientation_exif(0xffff)), 1);
  EXPECT_EQ(orientation_of(exif(false, {{0x0112, 4, 1, 6}})), 1);  // LONG, not SHORT
  EXPECT_EQ(orientation_of(exif(false, {{0x0112, 3, 2, 6}})), 1);  // two values
  // Every cut of a good payload: never a read past the end (ASan), never a value from beyond it.
  const Bytes good = orientation_exif(6);
  for (std::size_t n = 0; n < good.size(); ++n) {
    const Bytes cut(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(n));
    const int o = orientation_of(cut);
    // The orientation entry (the second, after "Exif\0\0", the TIFF header and the count) is whole
    // from n = 6 + 8 + 2 + 24 on.
    EXPECT_EQ(o, n >= 6 + 8 + 2 + 24 ? 6 : 1) << "cut at " << n;
  }
  // An entry count of 65535 with two entries there: only those are read.
  EXPECT_EQ(orientation_of(exif(false, {{0x010f, 2, 4, 0}, {0x0112, 3, 1, 3}}, 0xffff)), 3);
  EXPECT_EQ(orientation_of(exif(false, {{0x010f, 2, 4, 0}}, 0xffff)), 1);
  // IFD0 offsets into the header, past the end, at the very end (6 + 26 bytes), at 4 GiB − 1.
  for (const std::uint32_t ifd : {0u, 7u, 1000u, 26u, 0xffffffffu}) {
    EXPECT_EQ(orientation_of(exif(true, {{0x0112, 3, 1, 6}}, -1, ifd)), ifd == 8 ? 6 : 1) << "ifd at " << ifd;
  }
  // A next-IFD offset pointing back at IFD0 is no loop: only IFD0 is read, no chain followed.
  Bytes looped = exif(true, {{0x010f, 2, 4, 0}});
  looped[looped.size() - 4] = 8;
  EXPECT_EQ(orientation_of(looped), 1);
  // Not Exif, bad byte order, bad magic, nothing at all.
  Bytes bad = orientation_exif(6);
  bad[0] = 'X';
  EXPECT_EQ(orientation_of(bad), 1);
  bad = orientation_exif(6);
  bad[6] = 'I';  // "IM"
  EXPECT_EQ(orientation_of(bad), 1);
  bad = orientation_exif(6);
  bad[9] = 43;
  EXPECT_EQ(orientation_of(bad), 1);
  EXPECT_EQ(exif_orientation(nullptr, 0), 1);
}

TEST(ImageProbe, JpegWithGarbageExifStillProbesItsSize) {
  Bytes garbage = {'E', 'x', 'i', 'f', 0, 0};
  for (int i = 0; i < 300; ++i) garbage.push_back(static_cast<unsigned char>(i * 37 + 11));
  const ImageInfo info = probed_path(jpeg_with("garbage.jpg", garbage, 100, 50));
  EXPECT_EQ(info.width, 100);
  EXPECT_EQ(info.height, 50);
  EXPECT_EQ(info.orientation, 1);
}

TEST(ImageProbe, JpegCutInsideItsExifSegmentIsTruncated) {
  const auto path = jpeg_with("cut.jpg", orientation_exif(6), 100, 50);
  std::filesystem::resize_file(path, 20 + 4 + 10);  // JFIF, then 10 bytes into the APP1 segment
  EXPECT_TRUE(std::holds_alternative<std::string>(probe_image(path)));
}

TEST(ImageProbe, MissingFileIsAProblemNotACrash) {
  EXPECT_TRUE(std::holds_alternative<std::string>(probe_image("/nonexistent/zjgr.jpg")));
}

}  // namespace
}  // namespace zjgr::input::detail
