// FontLibrary: finds families through fontconfig (and the project's font map), loads each face
// once and owns it. FontStack: a style's fallback chain.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "fonts/font.h"

namespace zjgr::fonts {

struct FontLibraryOptions {
  bool use_fontconfig = true;                  ///< off in tests: only `directories` are searched
  std::vector<std::filesystem::path> directories;  ///< extra font folders, searched first
};

class FontLibrary {
 public:
  explicit FontLibrary(FontLibraryOptions options = {});
  ~FontLibrary();
  FontLibrary(const FontLibrary&) = delete;
  FontLibrary& operator=(const FontLibrary&) = delete;

  /// The face of `family` nearest `weight`, for Simplified Chinese (a .ttc's SC face); loaded on
  /// first use, then cached. Reports "missing-font" and returns nullopt when none is found.
  std::optional<FontId> resolve(const std::string& family, int weight, Diagnostics& diagnostics,
                                const SourceRef& where = {});
  const Font& font(FontId id) const { return *fonts_.at(id); }
  std::size_t size() const { return fonts_.size(); }

 private:
  FontLibraryOptions options_;
  std::vector<std::unique_ptr<Font>> fonts_;
  struct CacheEntry { std::string family; int weight; std::optional<FontId> id; };
  std::vector<CacheEntry> cache_;
};

/// Fonts in fallback order; the first that has a code point's glyph sets it.
class FontStack {
 public:
  FontStack() = default;
  explicit FontStack(std::vector<FontId> fonts) : fonts_(std::move(fonts)) {}
  const std::vector<FontId>& fonts() const { return fonts_; }
  bool empty() const { return fonts_.empty(); }
  /// The first font covering `cp`, or nullopt when no font of the stack does.
  std::optional<FontId> font_for(char32_t cp, const FontLibrary& library) const;

 private:
  std::vector<FontId> fonts_;
};

}  // namespace zjgr::fonts
