// subset_font: hb-subset with retained glyph ids and without layout tables; SubsetFace over a
// compact cut; shaping_closure: the glyphs a text can shape to, for a cut made before layout.
#include "fonts/subset.h"

#include <algorithm>
#include <string>
#include <utility>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include "fonts/features.h"

namespace zjgr::fonts {
namespace {

bool has_table(const Font& font, hb_tag_t tag) {
  hb_blob_t* blob = hb_face_reference_table(hb_font_get_face(font.hb_font()), tag);
  const bool present = hb_blob_get_length(blob) > 0;
  hb_blob_destroy(blob);
  return present;
}

// Loads glyphs 0 … count - 1 of `face` as Cairo will (unscaled outlines).
std::string check_glyphs_of(FT_Face face, std::size_t count) {
  for (FT_UInt gid = 0; gid < count && gid < static_cast<FT_UInt>(face->num_glyphs); ++gid) {
    if (FT_Load_Glyph(face, gid, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) != 0) {
      return "freetype cannot load glyph " + std::to_string(gid) + " of its subset";
    }
  }
  return {};
}

}  // namespace

std::string check_glyphs(const Font& font, std::span<const std::uint32_t> glyph_ids) {
  if (font.ft_face() == nullptr || !font.loaded()) return "it is not loaded";
  // Through a face (and FT_Library) of its own over the same bytes: the library's face may be
  // drawing in Cairo on another thread meanwhile (PNG proofs beside the PDF), and a FreeType face
  // is not thread-safe.
  hb_blob_t* blob = hb_face_reference_blob(hb_font_get_face(font.hb_font()));
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  FT_Library library = nullptr;
  FT_Face face = nullptr;
  std::string why;
  if (FT_Init_FreeType(&library) != 0) {
    library = nullptr;
    why = "freetype cannot start";
  } else if (FT_New_Memory_Face(library, reinterpret_cast<const FT_Byte*>(data), static_cast<FT_Long>(length),
                                static_cast<FT_Long>(font.face_index()), &face) != 0) {
    face = nullptr;
    why = "freetype cannot open it";
  }
  for (const std::uint32_t id : glyph_ids) {
    if (face == nullptr) break;
    if (id >= static_cast<std::uint32_t>(face->num_glyphs)) {
      why = "it has no glyph " + std::to_string(id);
      break;
    }
    if (FT_Load_Glyph(face, id, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) != 0) {
      why = "freetype cannot load its glyph " + std::to_string(id);
      break;
    }
  }
  if (face != nullptr) FT_Done_Face(face);
  if (library != nullptr) FT_Done_FreeType(library);
  hb_blob_destroy(blob);
  return why;
}

std::vector<std::uint32_t> shaping_closure(const Font& font, std::u32string_view characters) {
  std::vector<std::uint32_t> out;
  if (!font.loaded()) return out;
  hb_font_t* hb = font.hb_font();
  hb_face_t* face = hb_font_get_face(hb);
  hb_set_t* glyphs = hb_set_create();
  hb_set_add(glyphs, 0);
  // HarfBuzz draws missing spaces with the space, U+2011 with the hyphen, and marks broken
  // clusters with a dotted circle.
  const auto add = [&](char32_t c) {
    hb_codepoint_t glyph = 0;
    if (hb_font_get_nominal_glyph(hb, c, &glyph)) hb_set_add(glyphs, glyph);
  };
  for (const char32_t c : characters) add(c);
  for (const char32_t c : {U' ', U'-', U'\u25CC'}) add(c);
  // The GSUB lookups of every shape plan text/shape.cpp can make for these characters.
  struct Plan {
    hb_direction_t direction;
    const hb_feature_t* features;
    unsigned count;
  };
  const Plan plans[] = {{HB_DIRECTION_LTR, nullptr, 0},
                        {HB_DIRECTION_LTR, kProportionalFeatures.data(), kProportionalFeatures.size()},
                        {HB_DIRECTION_LTR, kHalfWidthFeatures.data(), kHalfWidthFeatures.size()},
                        {HB_DIRECTION_TTB, kVerticalFeatures.data(), kVerticalFeatures.size()}};
  hb_set_t* lookups = hb_set_create();
  for (const hb_script_t script : {HB_SCRIPT_HAN, HB_SCRIPT_LATIN, HB_SCRIPT_COMMON, HB_SCRIPT_HIRAGANA,
                                   HB_SCRIPT_KATAKANA, HB_SCRIPT_CYRILLIC, HB_SCRIPT_GREEK}) {
    for (const char* language : {"zh-Hans", "en"}) {
      for (const Plan& plan : plans) {
        hb_segment_properties_t props = HB_SEGMENT_PROPERTIES_DEFAULT;
        props.direction = plan.direction;
        props.script = script;
        props.language = hb_language_from_string(language, -1);
        hb_shape_plan_t* shape_plan = hb_shape_plan_create_cached(face, &props, plan.features, plan.count, nullptr);
        hb_ot_shape_plan_collect_lookups(shape_plan, HB_OT_TAG_GSUB, lookups);
        hb_shape_plan_destroy(shape_plan);
      }
    }
  }
  hb_ot_layout_lookups_substitute_closure(face, lookups, glyphs);
  hb_set_destroy(lookups);
  out.reserve(hb_set_get_population(glyphs));
  for (hb_codepoint_t g = HB_SET_VALUE_INVALID; hb_set_next(glyphs, &g);) out.push_back(g);
  hb_set_destroy(glyphs);
  return out;
}

std::vector<char> subset_font(const Font& font, std::span<const std::uint32_t> glyph_ids, GlyphIds numbering) {
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
  // No layout features: otherwise hb-subset closes the glyph set over GSUB (adding alternates
  // of the used glyphs, which would shift a compact numbering) although GSUB itself is dropped.
  hb_set_clear(hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));
  unsigned flags = HB_SUBSET_FLAGS_DESUBROUTINIZE;
  if (numbering == GlyphIds::Retain) flags |= HB_SUBSET_FLAGS_RETAIN_GIDS;
  hb_subset_input_set_flags(input, flags);

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

std::unique_ptr<SubsetFace> SubsetFace::make(const Font& font, std::span<const std::uint32_t> glyph_ids,
                                             std::string* damage) {
  const auto damaged = [&](const char* why) -> std::unique_ptr<SubsetFace> {
    if (damage != nullptr) *damage = why;
    return nullptr;
  };
  std::unique_ptr<SubsetFace> result(new SubsetFace());
  // A CID-keyed CFF (Noto CJK) is cut compact: its charset keeps each glyph's CID, which is how
  // the old ids are found in the new font below. Anything else keeps its glyph ids.
  FT_Bool cid_keyed = 0;
  const bool compact = font.loaded() && font.ft_face() != nullptr && has_table(font, HB_TAG('C', 'F', 'F', ' ')) &&
                       FT_Get_CID_Is_Internally_CID_Keyed(font.ft_face(), &cid_keyed) == 0 && cid_keyed;
  // Only Cairo's CFF path copies a whole font per document; its TrueType subsetter reads just the
  // used glyphs, so a retained-id hb-subset of a TrueType font (which still lists every id) only
  // costs time.
  if (!compact) return nullptr;
  result->bytes_ = subset_font(font, glyph_ids, GlyphIds::Compact);
  if (result->bytes_.empty()) return damaged("hb-subset cannot cut its CFF table");
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
    return damaged("freetype cannot open its subset");
  }
  if (!result->map_glyphs(font, glyph_ids)) return damaged("the glyphs of its subset do not match its CIDs");
  // hb-subset writes the CFF's structure anew, but copies what it cannot check (charstrings).
  if (std::string why = check_glyphs_of(result->ft_face_, static_cast<std::size_t>(result->ft_face_->num_glyphs)); !why.empty()) {
    if (damage != nullptr) *damage = why;
    return nullptr;
  }
  return result;
}

bool SubsetFace::map_glyphs(const Font& font, std::span<const std::uint32_t> glyph_ids) {
  // New id by CID, from the subset's charset (hb-subset may add glyphs, e.g. GSUB alternates,
  // so the new ids are read, not assumed).
  std::vector<std::pair<FT_UInt, std::uint32_t>> by_cid;
  for (FT_UInt gid = 0; gid < static_cast<FT_UInt>(ft_face_->num_glyphs); ++gid) {
    FT_UInt cid = 0;
    if (FT_Get_CID_From_Glyph_Index(ft_face_, gid, &cid) != 0) return false;
    by_cid.emplace_back(cid, gid);
  }
  std::sort(by_cid.begin(), by_cid.end());
  const auto largest = std::max_element(glyph_ids.begin(), glyph_ids.end());
  if (largest != glyph_ids.end() && *largest >= static_cast<std::uint32_t>(font.ft_face()->num_glyphs)) return false;
  new_ids_.assign(largest != glyph_ids.end() ? *largest + std::size_t{1} : 1, 0);
  for (const std::uint32_t old_id : glyph_ids) {
    FT_UInt cid = 0;
    if (FT_Get_CID_From_Glyph_Index(font.ft_face(), old_id, &cid) != 0) return false;
    const auto it = std::lower_bound(by_cid.begin(), by_cid.end(), std::make_pair(cid, std::uint32_t{0}));
    if (it == by_cid.end() || it->first != cid) return false;
    new_ids_[old_id] = it->second;
  }
  return true;
}

std::uint32_t SubsetFace::glyph(std::uint32_t id) const {
  if (new_ids_.empty()) return id;
  return id < new_ids_.size() ? new_ids_[id] : 0;  // not in the subset: .notdef
}

SubsetFace::~SubsetFace() {
  if (ft_face_ != nullptr) FT_Done_Face(ft_face_);
  if (ft_library_ != nullptr) FT_Done_FreeType(ft_library_);
}

}  // namespace zjgr::fonts
