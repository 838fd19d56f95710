// Fonts: one loaded face (one memory-mapped blob shared by one FT_Face and one hb_font_t),
// identified by a FontId. Callers outside fonts/ and text/ never see FreeType or HarfBuzz types
// beyond these opaque handles (render/ hands ft_face() to cairo-ft).
//
// Lifetime: the FT_Face lives exactly as long as its Font, i.e. as long as the FontLibrary.
// Cairo keeps font faces in global caches, so render/ must never outlive the FontLibrary whose
// faces it drew with (DESIGN.md §6 "Font lifetime").
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "base/length.h"

struct hb_font_t;
struct hb_blob_t;
struct FT_FaceRec_;
struct FT_LibraryRec_;

namespace zjgr::fonts {

/// Index of a Font in its FontLibrary; stable for the library's lifetime.
using FontId = std::uint32_t;

/// Vertical metrics of a face at a size.
struct VerticalMetrics {
  Length ascender;    ///< above the baseline, positive
  Length descender;   ///< below the baseline, positive
};

/// One face of one font file, loaded once. Not copyable; owned by FontLibrary.
class Font {
 public:
  Font(FontId id, std::string family, std::filesystem::path file, unsigned face_index, int weight);
  ~Font();
  Font(const Font&) = delete;
  Font& operator=(const Font&) = delete;

  FontId id() const { return id_; }
  const std::string& family() const { return family_; }
  const std::filesystem::path& file() const { return file_; }
  unsigned face_index() const { return face_index_; }  ///< index in a .ttc (Noto CJK SC = 2)
  int weight() const { return weight_; }
  bool loaded() const { return hb_font_ != nullptr; }

  int units_per_em() const { return upem_; }
  /// Whether the face maps `cp` (nominal_glyph); remembered per BMP code point, since font
  /// fallback asks for every character of every paragraph. Safe from several threads.
  bool has_glyph(char32_t cp) const;
  /// Advance of a code point's nominal glyph at `size` (0 if absent); for quick measuring.
  Length advance(char32_t cp, Length size) const;
  /// Ascender and descender from the hhea/OS/2 horizontal extents, at `size`.
  VerticalMetrics metrics(Length size) const;
  /// The nominal glyph of `cp` (cmap lookup, no shaping), or nullopt when the face has none.
  std::optional<std::uint32_t> nominal_glyph(char32_t cp) const;
  /// `units` font design units (as HarfBuzz positions come at scale = upem) as a Length at
  /// `size`, rounded to the nearest scaled point; exact for a whole em (1000/1000 -> size).
  Length to_length(std::int64_t units, Length size) const;

  /// HarfBuzz font for shaping, scaled to units_per_em (text/ scales results).
  hb_font_t* hb_font() const { return hb_font_; }
  /// The FreeType face, for cairo-ft only; Cairo may set its size and transform.
  FT_FaceRec_* ft_face() const { return ft_face_; }

  /// Loads the file; false (and the font stays unloaded) if it cannot be read. Without an
  /// FT_Library no FT_Face is made (shaping and measuring only; ft_face() stays null).
  bool load(std::string& error);
  /// Loads the file: memory-maps it into one hb_blob_t, makes the hb_face_t/hb_font_t at
  /// face_index (HarfBuzz's own OpenType functions, scale = upem) and one FT_Face on the same
  /// bytes with `ft_library` (owned by the caller, which must outlive this Font).
  bool load(FT_LibraryRec_* ft_library, std::string& error);
  /// After a failed load: whether memory ran out (mapping the file, HarfBuzz's or FreeType's
  /// allocations) rather than the file being unreadable or not a font.
  bool load_ran_out_of_memory() const { return out_of_memory_; }

 private:
  FontId id_;
  std::string family_;
  std::filesystem::path file_;
  unsigned face_index_;
  int weight_;
  int upem_ = 1000;
  hb_blob_t* blob_ = nullptr;
  hb_font_t* hb_font_ = nullptr;
  FT_FaceRec_* ft_face_ = nullptr;
  bool out_of_memory_ = false;
  /// has_glyph's answers for U+0000…U+FFFF: 0 not asked yet, 1 no, 2 yes (made on load).
  std::unique_ptr<std::atomic<std::uint8_t>[]> bmp_answers_;
};

}  // namespace zjgr::fonts
