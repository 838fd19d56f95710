// subset_font: hb-subset with retained glyph ids and without layout tables.
#include "fonts/subset.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-subset.h>
#include <hb.h>

namespace zjgr::fonts {

std::vector<char> subset_font(const Font& font, std::span<const std::uint32_t> glyph_ids) {
  std::vector<char> out;
  if (!font.loaded()) return out;
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (input == nullptr) return out;

  // Which glyphs: the used ones; .notdef (0) is always kept by hb-subset.
  hb_set_t* glyphs = hb_subset_input_glyph_set(input);
  for (const std::uint32_t id : glyph_ids) hb_set_add(glyphs, id);
  // No code points: the cmap is not needed to draw glyph ids (ToUnicode comes from the text).
  hb_set_clear(hb_subset_input_unicode_set(input));
  // Drawing needs no shaping tables.
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const hb_tag_t tag : {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
                             HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F')}) {
    hb_set_add(drop, tag);
  }
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS);

  hb_face_t* subset = hb_subset_or_fail(hb_font_get_face(font.hb_font()), input);
  hb_subset_input_destroy(input);
  if (subset == nullptr) return out;
  hb_blob_t* blob = hb_face_reference_blob(subset);
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  out.assign(data, data + length);
  hb_blob_destroy(blob);
  hb_face_destroy(subset);
  return out;
}

std::unique_ptr<SubsetFace> SubsetFace::make(const Font& font, std::span<const std::uint32_t> glyph_ids) {
  std::unique_ptr<SubsetFace> result(new SubsetFace());
  result->bytes_ = subset_font(font, glyph_ids);
  if (result->bytes_.empty()) return nullptr;
  // An FT_Library of its own: the face may be destroyed from Cairo's caches on any thread, long
  // after the FontLibrary's FT_Library is busy elsewhere (FreeType libraries are not thread-safe).
  if (FT_Init_FreeType(&result->ft_library_) != 0) {
    result->ft_library_ = nullptr;
    return nullptr;
  }
  // hb-subset writes a single face (index 0), whatever the original's index in its collection.
  if (FT_New_Memory_Face(result->ft_library_, reinterpret_cast<const FT_Byte*>(result->bytes_.data()),
                         static_cast<FT_Long>(result->bytes_.size()), 0, &result->ft_face_) != 0) {
    result->ft_face_ = nullptr;
    return nullptr;
  }
  return result;
}

SubsetFace::~SubsetFace() {
  if (ft_face_ != nullptr) FT_Done_Face(ft_face_);
  if (ft_library_ != nullptr) FT_Done_FreeType(ft_library_);
}

}  // namespace zjgr::fonts
