#include "input/detail/image_probe.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <system_error>
#include <vector>

namespace zjgr::input::detail {
namespace {

constexpr std::array<unsigned char, 8> kPngSignature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

std::uint32_t be16(const unsigned char* p) { return static_cast<std::uint32_t>(p[0] << 8 | p[1]); }
std::uint32_t be32(const unsigned char* p) {
  return static_cast<std::uint32_t>(p[0]) << 24 | static_cast<std::uint32_t>(p[1]) << 16 |
         static_cast<std::uint32_t>(p[2]) << 8 | p[3];
}

bool read_exact(std::ifstream& in, unsigned char* out, std::size_t n) {
  in.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(n));
  return static_cast<std::size_t>(in.gcount()) == n;
}

std::variant<ImageInfo, std::string> checked(ImageInfo info) {
  if (info.width <= 0 || info.height <= 0) return std::string("image header gives a size of zero pixels");
  if (info.width > kMaxImageSide || info.height > kMaxImageSide) {
    return "image claims " + std::to_string(info.width) + "×" + std::to_string(info.height) +
           " pixels, more than " + std::to_string(kMaxImageSide) + " on a side";
  }
  if (static_cast<std::int64_t>(info.width) * info.height > kMaxImagePixels) {
    return "image claims " + std::to_string(info.width) + "×" + std::to_string(info.height) + " pixels, more than " +
           std::to_string(kMaxImagePixels / 1'000'000) + " million in all";
  }
  return info;
}

// PNG: signature, then the IHDR chunk must come first (PNG spec §5.6): length 13, "IHDR",
// width, height as big-endian 32-bit.
std::variant<ImageInfo, std::string> probe_png(std::ifstream& in) {
  std::array<unsigned char, 16> ihdr{};
  if (!read_exact(in, ihdr.data(), ihdr.size())) return std::string("truncated PNG header");
  if (be32(ihdr.data()) != 13 || ihdr[4] != 'I' || ihdr[5] != 'H' || ihdr[6] != 'D' || ihdr[7] != 'R') {
    return std::string("PNG does not start with an IHDR chunk");
  }
  const std::uint32_t w = be32(ihdr.data() + 8), h = be32(ihdr.data() + 12);
  if (w > static_cast<std::uint32_t>(kMaxImageSide) || h > static_cast<std::uint32_t>(kMaxImageSide)) {
    return "image claims " + std::to_string(w) + "×" + std::to_string(h) + " pixels, more than " +
           std::to_string(kMaxImageSide) + " on a side";
  }
  return checked(ImageInfo{model::ImageFormat::Png, static_cast<int>(w), static_cast<int>(h)});
}

// JPEG (ITU T.81 Annex B): after SOI, walk the marker segments until a start-of-frame (SOFn:
// C0–CF except C4 DHT, C8 JPG, CC DAC), whose payload is precision, height, width. The first
// Exif APP1 segment on the way (always before the frame header) gives the orientation.
std::variant<ImageInfo, std::string> probe_jpeg(std::ifstream& in) {
  constexpr int kMaxSegments = 4096;  // bounded work on hostile files
  int orientation = 1;
  bool exif_seen = false;
  for (int segment = 0; segment < kMaxSegments; ++segment) {
    unsigned char byte = 0;
    if (!read_exact(in, &byte, 1)) return std::string("truncated JPEG header: no frame header (SOF) found");
    if (byte != 0xFF) return std::string("corrupt JPEG header: expected a marker");
    unsigned char marker = 0xFF;
    while (marker == 0xFF) {  // fill bytes
      if (!read_exact(in, &marker, 1)) return std::string("truncated JPEG header: no frame header (SOF) found");
    }
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;  // no payload
    if (marker == 0xD9 || marker == 0xDA) return std::string("JPEG has no frame header (SOF) before its image data");
    std::array<unsigned char, 2> length_bytes{};
    if (!read_exact(in, length_bytes.data(), 2)) return std::string("truncated JPEG header");
    const std::uint32_t length = be16(length_bytes.data());
    if (length < 2) return std::string("corrupt JPEG header: segment length below 2");
    const bool is_sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (is_sof) {
      std::array<unsigned char, 5> sof{};
      if (length < 2 + sof.size() || !read_exact(in, sof.data(), sof.size())) {
        return std::string("truncated JPEG frame header");
      }
      return checked(ImageInfo{model::ImageFormat::Jpeg, static_cast<int>(be16(sof.data() + 3)),
                               static_cast<int>(be16(sof.data() + 1)), orientation});
    }
    if (marker == 0xE1 && !exif_seen) {
      // APP1: Exif or XMP (or anything); at most 65533 bytes, read whole and parsed in memory.
      std::vector<unsigned char> payload(length - 2);
      if (!read_exact(in, payload.data(), payload.size())) return std::string("truncated JPEG header");
      if (payload.size() >= 6 && std::memcmp(payload.data(), "Exif\0\0", 6) == 0) {
        exif_seen = true;
        orientation = exif_orientation(payload.data(), payload.size());
      }
      continue;
    }
    in.seekg(static_cast<std::streamoff>(length - 2), std::ios::cur);
    if (!in) return std::string("truncated JPEG header");
  }
  return std::string("JPEG header has too many segments before its frame header");
}

}  // namespace

int exif_orientation(const unsigned char* data, std::size_t size) {
  // Exif 2.3 §4.5.4 and §4.6.4: "Exif\0\0", then a TIFF file: byte order "II" (little-endian) or
  // "MM" (big-endian), 42, the offset of IFD0 from the TIFF header; IFD0 is a count and 12-byte
  // entries (tag, type, count, value or offset). Orientation is SHORT, count 1, its value in the
  // entry itself, so nothing outside IFD0 is ever read.
  constexpr std::size_t kExifHeader = 6;
  if (data == nullptr || size < kExifHeader + 8 || std::memcmp(data, "Exif\0\0", kExifHeader) != 0) return 1;
  const unsigned char* tiff = data + kExifHeader;
  const std::size_t n = size - kExifHeader;
  bool little = false;
  if (tiff[0] == 'I' && tiff[1] == 'I') {
    little = true;
  } else if (!(tiff[0] == 'M' && tiff[1] == 'M')) {
    return 1;
  }
  const auto u16 = [&](std::size_t at) -> std::uint32_t {
    return little ? static_cast<std::uint32_t>(tiff[at] | tiff[at + 1] << 8) : be16(tiff + at);
  };
  const auto u32 = [&](std::size_t at) -> std::uint32_t {
    return little ? static_cast<std::uint32_t>(tiff[at]) | static_cast<std::uint32_t>(tiff[at + 1]) << 8 |
                        static_cast<std::uint32_t>(tiff[at + 2]) << 16 | static_cast<std::uint32_t>(tiff[at + 3]) << 24
                  : be32(tiff + at);
  };
  if (u16(2) != 42) return 1;
  const std::uint32_t ifd = u32(4);
  if (ifd < 8 || ifd > n || n - ifd < 2) return 1;
  // Entries past the end of the payload are not there, whatever the count says.
  const std::size_t entries = std::min<std::size_t>(u16(ifd), (n - ifd - 2) / 12);
  for (std::size_t i = 0; i < entries; ++i) {
    const std::size_t entry = ifd + 2 + 12 * i;
    if (u16(entry) != 0x0112) continue;
    const std::uint32_t type = u16(entry + 2), count = u32(entry + 4);
    if (type != 3 || count != 1) return 1;  // SHORT, one value: anything else is not an orientation
    const std::uint32_t value = u16(entry + 8);
    return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
  }
  return 1;
}

std::variant<ImageInfo, std::string> probe_image(const std::filesystem::path& path) {
  // The decoders read a photo whole: its size is bounded before its header is trusted.
  std::error_code ec;
  if (const auto size = std::filesystem::file_size(path, ec); !ec && size > limits::kMaxImageFileBytes) {
    return "image file is " + std::to_string(size) + " bytes, more than the limit of " +
           std::to_string(limits::kMaxImageFileBytes);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::string("cannot open the image");
  std::array<unsigned char, 8> head{};
  in.read(reinterpret_cast<char*>(head.data()), 2);
  if (in.gcount() == 2 && head[0] == 0xFF && head[1] == 0xD8) return probe_jpeg(in);
  in.read(reinterpret_cast<char*>(head.data()) + 2, 6);
  if (in.gcount() == 6 && head == kPngSignature) return probe_png(in);
  return std::string("not a JPEG or PNG image");
}

}  // namespace zjgr::input::detail
