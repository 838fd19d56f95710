// sRGB → CMYK with lcms2 and the total-ink limit (see color.h).
#include "render/detail/color.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>

#include <lcms2.h>

namespace zjgr::render::detail {
namespace {

/// Largest profile accepted (real press profiles are 0.5–3 MB).
constexpr std::uintmax_t kMaxProfileBytes = 32u << 20;

}  // namespace

std::optional<IccProfile> read_icc_profile(const std::filesystem::path& path, Diagnostics& diagnostics) {
  auto fail = [&](const std::string& why) {
    diagnostics.error("bad-profile", "cannot use \"" + path.string() + "\" as the output profile: " + why);
    return std::nullopt;
  };
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return fail("cannot read it");
  if (size > kMaxProfileBytes) return fail("larger than 32 MB");
  std::ifstream in(path, std::ios::binary);
  IccProfile profile;
  profile.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return fail("cannot read it");

  cmsHPROFILE handle = cmsOpenProfileFromMem(profile.bytes.data(), static_cast<cmsUInt32Number>(profile.bytes.size()));
  if (handle == nullptr) return fail("not an ICC profile");
  const cmsColorSpaceSignature space = cmsGetColorSpace(handle);
  profile.channels = space == cmsSigCmykData ? 4 : space == cmsSigRgbData ? 3 : 0;
  char description[256] = {};
  cmsGetProfileInfoASCII(handle, cmsInfoDescription, "en", "US", description, sizeof description);
  profile.description = description;
  cmsCloseProfile(handle);
  if (profile.channels == 0) return fail("neither an RGB nor a CMYK profile");
  if (profile.description.empty()) profile.description = path.filename().string();
  return profile;
}

std::string output_condition_identifier(const IccProfile& profile, const std::string& requested) {
  if (!requested.empty()) return requested;
  if (profile.description.find("ISOnewspaper26") != std::string::npos) return "IFRA26";
  return "Custom";
}

void limit_ink(std::uint8_t* cmyk, std::size_t pixels, double limit_percent) {
  const int limit = static_cast<int>(std::floor(std::clamp(limit_percent, 0.0, 400.0) * 255.0 / 100.0));
  for (std::size_t i = 0; i < pixels; ++i) {
    std::uint8_t* p = cmyk + 4 * i;
    const int cmy = p[0] + p[1] + p[2];
    const int k = p[3];
    if (cmy + k <= limit) continue;
    if (k >= limit) {
      p[0] = p[1] = p[2] = 0;
      p[3] = static_cast<std::uint8_t>(limit);
      continue;
    }
    // Scale C, M and Y together so that they fit beside the black; rounding down keeps the sum
    // at or under the limit.
    const double scale = static_cast<double>(limit - k) / cmy;
    for (int c = 0; c < 3; ++c) p[c] = static_cast<std::uint8_t>(std::floor(p[c] * scale));
  }
}

std::unique_ptr<CmykConverter> CmykConverter::create(const IccProfile& output, double ink_limit_percent,
                                                     Diagnostics& diagnostics) {
  if (output.channels != 4) {
    diagnostics.error("bad-profile", "the output profile \"" + output.description + "\" is not a CMYK profile");
    return nullptr;
  }
  cmsHPROFILE srgb = cmsCreate_sRGBProfile();
  cmsHPROFILE cmyk = cmsOpenProfileFromMem(output.bytes.data(), static_cast<cmsUInt32Number>(output.bytes.size()));
  cmsHTRANSFORM transform = nullptr;
  if (srgb != nullptr && cmyk != nullptr) {
    // Relative colorimetric with black point compensation: what a newspaper's prepress uses for
    // photos when the profile's perceptual table is not trusted; no clock, no cache file, so the
    // result is deterministic.
    transform = cmsCreateTransform(srgb, TYPE_RGB_8, cmyk, TYPE_CMYK_8, INTENT_RELATIVE_COLORIMETRIC,
                                   cmsFLAGS_BLACKPOINTCOMPENSATION);
  }
  if (srgb != nullptr) cmsCloseProfile(srgb);
  if (cmyk != nullptr) cmsCloseProfile(cmyk);
  if (transform == nullptr) {
    diagnostics.error("bad-profile", "lcms2 cannot convert sRGB into \"" + output.description + "\"");
    return nullptr;
  }
  return std::unique_ptr<CmykConverter>(new CmykConverter(transform, ink_limit_percent));
}

CmykConverter::~CmykConverter() { cmsDeleteTransform(static_cast<cmsHTRANSFORM>(transform_)); }

void CmykConverter::convert(const std::uint8_t* rgb, std::uint8_t* cmyk, std::size_t pixels) const {
  // lcms2 takes a 32-bit count: convert in slices.
  constexpr std::size_t kSlice = 1u << 20;
  for (std::size_t done = 0; done < pixels; done += kSlice) {
    const std::size_t n = std::min(kSlice, pixels - done);
    cmsDoTransform(static_cast<cmsHTRANSFORM>(transform_), rgb + 3 * done, cmyk + 4 * done,
                   static_cast<cmsUInt32Number>(n));
  }
  limit_ink(cmyk, pixels, ink_limit_);
}

std::array<double, 4> CmykConverter::convert(double r, double g, double b) const {
  auto byte = [](double v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
  const std::uint8_t rgb[3] = {byte(r), byte(g), byte(b)};
  std::uint8_t cmyk[4];
  convert(rgb, cmyk, 1);
  return {cmyk[0] / 255.0, cmyk[1] / 255.0, cmyk[2] / 255.0, cmyk[3] / 255.0};
}

}  // namespace zjgr::render::detail
