// Font subsetting with hb-subset, for render/: Cairo's PDF backend copies and decodes a whole
// CJK CFF table per document, so handing it only the used glyphs is much faster (DESIGN.md §6).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "fonts/font.h"

namespace zjgr::fonts {

/// A standalone OpenType font (one face, not a collection) holding only `glyph_ids` and .notdef,
/// with every glyph keeping its id (HB_SUBSET_FLAGS_RETAIN_GIDS), so shaped glyph ids can be
/// drawn with it unchanged. Layout tables (GSUB, GPOS, GDEF, BASE, JSTF) are dropped: the text is
/// already shaped. Empty when `font` is not loaded or HarfBuzz cannot subset it.
std::vector<char> subset_font(const Font& font, std::span<const std::uint32_t> glyph_ids);

/// A FreeType face over a subset of a Font (subset_font), owning the subset's bytes and its own
/// FT_Library, for render/'s cairo-ft faces: Cairo's PDF backend then reads and embeds a CFF of
/// the used glyphs instead of the whole CJK table (DESIGN.md §6). Glyph ids are those of the
/// original font. Whoever hands ft_face() to Cairo frees this object from the Cairo face's
/// destroy callback, never before (Cairo keeps faces in global caches).
class SubsetFace {
 public:
  /// The subset of `font` holding `glyph_ids`; nullptr when it cannot be made (font not loaded,
  /// hb-subset or FreeType failing) — the caller then draws with the whole font.
  static std::unique_ptr<SubsetFace> make(const Font& font, std::span<const std::uint32_t> glyph_ids);
  ~SubsetFace();
  SubsetFace(const SubsetFace&) = delete;
  SubsetFace& operator=(const SubsetFace&) = delete;

  /// The face, for cairo-ft only; Cairo may set its size and transform.
  FT_FaceRec_* ft_face() const { return ft_face_; }
  /// Size of the subset font file in bytes.
  std::size_t size() const { return bytes_.size(); }

 private:
  SubsetFace() = default;
  std::vector<char> bytes_;
  FT_LibraryRec_* ft_library_ = nullptr;
  FT_FaceRec_* ft_face_ = nullptr;
};

}  // namespace zjgr::fonts
