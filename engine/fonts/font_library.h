// FontLibrary: finds families in configured folders and through fontconfig, loads each face
// once and owns it. FontStack: a style's fallback chain.
#pragma once

#include <array>
#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/limits.h"
#include "fonts/font.h"

struct FT_LibraryRec_;

namespace zjgr::fonts {

/// Where FontLibrary looks for families.
struct FontLibraryOptions {
  bool use_fontconfig = true;                  ///< off in tests: only `directories` are searched
  std::vector<std::filesystem::path> directories;  ///< extra font folders, searched first
};

/// Finds families, loads each face once and owns every Font (and the one FT_Library).
/// Outlives everything that uses its fonts, including render/'s Cairo faces.
/// One thread resolves; font() and size() may be called from others meanwhile (PNG proofs drawn
/// while layout goes on): a loaded face never moves, and is published before its id is.
class FontLibrary {
 public:
  explicit FontLibrary(FontLibraryOptions options = {});
  ~FontLibrary();
  FontLibrary(const FontLibrary&) = delete;
  FontLibrary& operator=(const FontLibrary&) = delete;

  /// The face of `family` nearest `weight`, for Simplified Chinese (a .ttc's SC face); loaded on
  /// first use, then cached. `weight` is an OpenType/CSS weight (400 regular, 700 bold).
  /// Directories are searched first, then fontconfig (lang zh-cn) when enabled; a result is
  /// accepted only if one of its family names equals `family` (blanks and ASCII case ignored),
  /// never a fontconfig substitute. Reports "missing-font" and returns nullopt when none is found;
  /// "font-system-failed" (fontconfig failing) or "out-of-memory" (loading the face) when the
  /// machine, not the family name, is at fault.
  std::optional<FontId> resolve(const std::string& family, int weight, Diagnostics& diagnostics,
                                const SourceRef& where = {});
  /// The loaded font `id`; `id` must come from this library.
  const Font& font(FontId id) const;
  /// Number of loaded faces (each (file, face index) counts once).
  std::size_t size() const { return count_.load(std::memory_order_acquire); }

  /// One face found in a file, as the family lookup sees it.
  struct FaceInfo {
    std::filesystem::path file;           ///< the font file
    unsigned index = 0;                   ///< face index in a collection
    std::vector<std::string> families;    ///< every family name the face gives (all languages)
    int weight = 400;                     ///< OpenType weight class
  };

 private:
  struct Candidate { std::filesystem::path file; unsigned index; int weight; };
  std::optional<Candidate> find_in_directories(const std::string& family, int weight);
  /// Sets `failure` when fontconfig itself failed (could not start, out of memory), as opposed
  /// to not knowing the family.
  std::optional<Candidate> find_with_fontconfig(const std::string& family, int weight, std::string& failure);
  std::optional<FontId> load_face(const std::string& family, const Candidate& candidate,
                                  Diagnostics& diagnostics, const SourceRef& where, bool& out_of_memory);

  FontLibraryOptions options_;
  FT_LibraryRec_* ft_library_ = nullptr;
  std::array<std::unique_ptr<Font>, limits::kMaxFontFaces> fonts_;  ///< [0, count_) loaded
  std::atomic<std::size_t> count_{0};
  struct CacheEntry { std::string family; int weight; std::optional<FontId> id; bool out_of_memory = false; };
  std::vector<CacheEntry> cache_;
  struct FaceEntry { std::filesystem::path file; unsigned index; FontId id; };
  std::vector<FaceEntry> faces_;            ///< loaded faces by (file, index)
  std::vector<FaceInfo> directory_faces_;   ///< faces of options_.directories, scanned once
  bool directories_scanned_ = false;
  bool fontconfig_skips_reported_ = false;  ///< the warning about skipped entries is given once a library
  std::string skipped_warning_;             ///< that warning, until resolve() reports it
};

/// Every face of every font file (.ttf, .otf, .ttc, .otc) directly in or below `directory`,
/// read with HarfBuzz (name and OS/2 tables); unreadable files are skipped.
std::vector<FontLibrary::FaceInfo> scan_font_directory(const std::filesystem::path& directory);

/// Fonts in fallback order; the first that has a code point's glyph sets it.
class FontStack {
 public:
  FontStack() = default;
  explicit FontStack(std::vector<FontId> fonts) : fonts_(std::move(fonts)) {}
  const std::vector<FontId>& fonts() const { return fonts_; }
  bool operator==(const FontStack&) const = default;
  bool empty() const { return fonts_.empty(); }
  /// The first font covering `cp`, or nullopt when no font of the stack does.
  std::optional<FontId> font_for(char32_t cp, const FontLibrary& library) const;

 private:
  std::vector<FontId> fonts_;
};

}  // namespace zjgr::fonts
