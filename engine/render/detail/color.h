// Colour for the press: sRGB → the output CMYK profile with lcms2, with the total ink limited,
// and the ICC profiles the PDF's OutputIntent embeds. Private to render/ (lcms2 stays here).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "base/diagnostics.h"

namespace zjgr::render::detail {

/// The CMYK profile used by --print when none is given: Ghostscript's default CMYK profile
/// (Debian package libgs-common), a SWOP-like coated press condition.
inline constexpr const char* kDefaultCmykProfile = "/usr/share/color/icc/ghostscript/default_cmyk.icc";

/// An ICC profile as read from disk: its bytes, colour channel count and description.
struct IccProfile {
  std::string bytes;        ///< the file, embedded unchanged as the OutputIntent's DestOutputProfile
  int channels = 0;         ///< 3 (RGB) or 4 (CMYK)
  std::string description;  ///< the profile's 'desc' tag, e.g. "Artifex CMYK SWOP Profile"
};

/// Reads and validates an ICC profile; nullopt with "bad-profile" when it is unreadable or not
/// an RGB or CMYK output profile.
std::optional<IccProfile> read_icc_profile(const std::filesystem::path& path, Diagnostics& diagnostics);

/// The OutputConditionIdentifier for a press profile: `requested` when given; "IFRA26" (ISO
/// 12647-3 coldset newsprint, the ICC registry's characterisation) for an ISOnewspaper26
/// profile; otherwise "Custom" (the embedded profile is the condition).
std::string output_condition_identifier(const IccProfile& profile, const std::string& requested);

/// Limits the total area coverage of 8-bit CMYK pixels (255 = 100 % per ink) to
/// `limit_percent`: black is kept and cyan, magenta and yellow are scaled down together, the
/// usual under-colour approach for a newspaper press (ISO 12647-3 asks for at most 240 %).
void limit_ink(std::uint8_t* cmyk, std::size_t pixels, double limit_percent);

/// sRGB → a CMYK output profile (relative colorimetric with black point compensation), the
/// result ink-limited. Not copyable; one thread at a time.
class CmykConverter {
 public:
  /// nullptr with "bad-profile" when lcms2 cannot build the transform.
  static std::unique_ptr<CmykConverter> create(const IccProfile& output, double ink_limit_percent,
                                               Diagnostics& diagnostics);
  ~CmykConverter();
  CmykConverter(const CmykConverter&) = delete;
  CmykConverter& operator=(const CmykConverter&) = delete;

  /// Converts `pixels` RGB pixels (3 bytes each) into `cmyk` (4 bytes each).
  void convert(const std::uint8_t* rgb, std::uint8_t* cmyk, std::size_t pixels) const;
  /// One colour, components 0…1, for fills and strokes.
  std::array<double, 4> convert(double r, double g, double b) const;
  /// The ink limit in percent.
  double ink_limit() const { return ink_limit_; }

 private:
  CmykConverter(void* transform, double ink_limit) : transform_(transform), ink_limit_(ink_limit) {}
  void* transform_;  // cmsHTRANSFORM
  double ink_limit_;
};

}  // namespace zjgr::render::detail
