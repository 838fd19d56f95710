// Font subsetting with hb-subset, for render/: Cairo's PDF backend copies and decodes a whole
// CJK CFF table per document, so handing it only the used glyphs is much faster (DESIGN.md §6).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fonts/font.h"

namespace zjgr::fonts {

/// How a subset numbers its glyphs.
enum class GlyphIds {
  Retain,   ///< every glyph keeps its id (HB_SUBSET_FLAGS_RETAIN_GIDS): slow on a 65,000-glyph CJK
            ///< font, since the subset still lists every id
  Compact,  ///< .notdef then the kept glyphs in the order of their old ids (hb-subset's numbering)
};

/// A standalone OpenType font (one face, not a collection) holding only `glyph_ids` and .notdef.
/// Layout tables (GSUB, GPOS, GDEF, BASE, JSTF) are dropped: the text is already shaped. Empty
/// when `font` is not loaded or HarfBuzz cannot subset it.
std::vector<char> subset_font(const Font& font, std::span<const std::uint32_t> glyph_ids,
                              GlyphIds numbering = GlyphIds::Retain);

/// A FreeType face over a subset of a Font (subset_font), owning the subset's bytes and its own
/// FT_Library, for render/'s cairo-ft faces: Cairo's PDF backend then reads and embeds a CFF of
/// the used glyphs instead of the whole CJK table (DESIGN.md §6). A CID-keyed CFF font (Noto CJK)
/// is cut compact — far cheaper than retaining 65,000 ids — and glyph() maps an original id to the
/// subset's, found through the CIDs both keep; other fonts are drawn whole. Whoever hands
/// ft_face() to Cairo frees this object from the Cairo face's destroy callback, never before
/// (Cairo keeps faces in global caches).
class SubsetFace {
 public:
  /// The subset of `font` holding `glyph_ids`; nullptr when it is not worth making (the font is
  /// not a CID-keyed CFF: the caller then draws with the whole font) or cannot be made (hb-subset
  /// or FreeType failing on a damaged font: then `damage`, if given, says why, and the whole font
  /// must not reach Cairo either, whose CFF subsetter asserts on such tables).
  static std::unique_ptr<SubsetFace> make(const Font& font, std::span<const std::uint32_t> glyph_ids,
                                          std::string* damage = nullptr);
  ~SubsetFace();
  SubsetFace(const SubsetFace&) = delete;
  SubsetFace& operator=(const SubsetFace&) = delete;

  /// The face, for cairo-ft only; Cairo may set its size and transform.
  FT_FaceRec_* ft_face() const { return ft_face_; }
  /// Size of the subset font file in bytes.
  std::size_t size() const { return bytes_.size(); }
  /// The subset's id of the original font's glyph `id` (which must be one of the subset's).
  std::uint32_t glyph(std::uint32_t id) const;

 private:
  SubsetFace() = default;
  std::vector<char> bytes_;
  /// Reads where each of `glyph_ids` went in a compact subset; false if one cannot be found.
  bool map_glyphs(const Font& font, std::span<const std::uint32_t> glyph_ids);
  /// The new id of each old one (0: not in the subset), as long as the largest old id kept; a
  /// table, not a search, since the PDF maps every glyph it draws. Empty = ids retained.
  std::vector<std::uint32_t> new_ids_;
  FT_LibraryRec_* ft_library_ = nullptr;
  FT_FaceRec_* ft_face_ = nullptr;
};

/// Every glyph of `font` that shaping `characters` can give as text/ shapes them — horizontal
/// and vertical, with the features it turns on (pwid, vert, vrt2, hwid), in the scripts of a
/// Chinese page and the languages it sets (zh-Hans, en): their nominal glyphs (and those of the
/// spaces, hyphen and dotted circle HarfBuzz substitutes) closed over the GSUB lookups of those
/// shape plans. Sorted, each once, .notdef first. What a font is cut to before its pages are set.
std::vector<std::uint32_t> shaping_closure(const Font& font, std::u32string_view characters);

/// Whether FreeType loads every one of `glyph_ids` of `font` (unscaled, unhinted outlines): empty,
/// or why not, naming the first glyph that fails. What Cairo will read of a font drawn whole.
std::string check_glyphs(const Font& font, std::span<const std::uint32_t> glyph_ids);

}  // namespace zjgr::fonts
