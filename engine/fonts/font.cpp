// Font: loading one face of one file into a memory-mapped hb_blob_t shared by HarfBuzz (for
// shaping and measuring) and one FT_Face (for cairo-ft only), and measuring with HarfBuzz.
#include "fonts/font.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ot.h>
#include <hb.h>

#include <cerrno>
#include <cstdio>
#include <utility>

namespace zjgr::fonts {

Font::Font(FontId id, std::string family, std::filesystem::path file, unsigned face_index, int weight)
    : id_(id), family_(std::move(family)), file_(std::move(file)), face_index_(face_index), weight_(weight) {}

Font::~Font() {
  // The FT_Face reads the blob's bytes, so it goes first; its FT_Library (FontLibrary's) is
  // still alive here because FontLibrary destroys its fonts before the library.
  if (ft_face_ != nullptr) FT_Done_Face(ft_face_);
  hb_font_destroy(hb_font_);  // null-safe
  hb_blob_destroy(blob_);
}

namespace {

// Whether `file` can be opened for reading (so a failure to load it is not the file's fault).
bool file_can_be_opened(const std::filesystem::path& file) {
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (f == nullptr) return errno == ENOMEM || errno == EMFILE || errno == ENFILE;
  std::fclose(f);
  return true;
}

}  // namespace

bool Font::load(std::string& error) { return load(nullptr, error); }

bool Font::load(FT_LibraryRec_* ft_library, std::string& error) {
  if (loaded()) return true;
  // One memory map of the file; HarfBuzz and FreeType both read from it.
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(file_.c_str());
  if (blob == nullptr) {
    // HarfBuzz maps the file, else reads it into memory: when the file opens, memory failed.
    out_of_memory_ = file_can_be_opened(file_);
    error = out_of_memory_ ? "out of memory while loading font file \"" + file_.string() + "\""
                           : "cannot read font file \"" + file_.string() + "\"";
    return false;
  }
  // The low 16 bits are the face in a collection; the high bits a named instance.
  if ((face_index_ & 0xFFFFu) >= hb_face_count(blob)) {
    error = "font file \"" + file_.string() + "\" has no face " + std::to_string(face_index_);
    hb_blob_destroy(blob);
    return false;
  }
  hb_face_t* face = hb_face_create(blob, face_index_);
  if (face == hb_face_get_empty()) {  // HarfBuzz's answer to a failed allocation
    out_of_memory_ = true;
    error = "out of memory while loading font file \"" + file_.string() + "\"";
    hb_blob_destroy(blob);
    return false;
  }
  const unsigned upem = hb_face_get_upem(face);
  if (hb_face_get_glyph_count(face) == 0 || upem == 0) {
    error = "font file \"" + file_.string() + "\" face " + std::to_string(face_index_) + " has no glyphs";
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return false;
  }
  // hb_font_create uses HarfBuzz's own OpenType functions (not hb-ft): Cairo changes size and
  // transform of the FT_Face, which must not affect shaping (DESIGN.md §6).
  hb_font_t* font = hb_font_create(face);
  hb_face_destroy(face);  // the font holds its own reference
  hb_font_set_scale(font, static_cast<int>(upem), static_cast<int>(upem));
  hb_font_make_immutable(font);

  FT_Face ft_face = nullptr;
  if (ft_library != nullptr) {
    unsigned length = 0;
    const char* data = hb_blob_get_data(blob, &length);
    const FT_Error ft_error =
        FT_New_Memory_Face(ft_library, reinterpret_cast<const FT_Byte*>(data), static_cast<FT_Long>(length),
                           static_cast<FT_Long>(face_index_), &ft_face);
    if (ft_error != 0) {
      out_of_memory_ = ft_error == FT_Err_Out_Of_Memory;
      error = (out_of_memory_ ? "out of memory while freetype opened font file \"" : "freetype cannot open font file \"") +
              file_.string() + "\" face " + std::to_string(face_index_);
      hb_font_destroy(font);
      hb_blob_destroy(blob);
      return false;
    }
  }

  blob_ = blob;
  hb_font_ = font;
  ft_face_ = ft_face;
  upem_ = static_cast<int>(upem);
  bmp_answers_ = std::make_unique<std::atomic<std::uint8_t>[]>(0x10000);  // zeroed: nothing asked
  return true;
}

std::optional<std::uint32_t> Font::nominal_glyph(char32_t cp) const {
  if (hb_font_ == nullptr) return std::nullopt;
  hb_codepoint_t glyph = 0;
  if (!hb_font_get_nominal_glyph(hb_font_, static_cast<hb_codepoint_t>(cp), &glyph)) return std::nullopt;
  return glyph;
}

bool Font::has_glyph(char32_t cp) const {
  if (cp > 0xFFFF || !bmp_answers_) return nominal_glyph(cp).has_value();
  std::atomic<std::uint8_t>& known = bmp_answers_[cp];
  std::uint8_t answer = known.load(std::memory_order_relaxed);
  if (answer == 0) {  // two threads asking at once both look it up and store the same answer
    answer = nominal_glyph(cp).has_value() ? 2 : 1;
    known.store(answer, std::memory_order_relaxed);
  }
  return answer == 2;
}

Length Font::to_length(std::int64_t units, Length size) const {
  // Integer arithmetic, rounded half away from zero, so that 1000 units of a 1000-upem face is
  // exactly `size` (Han advances must sum exactly to the column measure, CLREQ P1).
  const std::int64_t num = size.raw() * units;
  const std::int64_t den = upem_;
  const std::int64_t q = num >= 0 ? (num + den / 2) / den : -((-num + den / 2) / den);
  return Length::sp(q);
}

Length Font::advance(char32_t cp, Length size) const {
  const auto glyph = nominal_glyph(cp);
  if (!glyph) return Length::zero();
  return to_length(hb_font_get_glyph_h_advance(hb_font_, *glyph), size);
}

VerticalMetrics Font::metrics(Length size) const {
  VerticalMetrics m;
  if (hb_font_ == nullptr) return m;
  hb_font_extents_t extents{};
  hb_font_get_h_extents(hb_font_, &extents);
  m.ascender = to_length(extents.ascender, size);
  m.descender = to_length(-static_cast<std::int64_t>(extents.descender), size);  // HarfBuzz: negative below
  return m;
}

}  // namespace zjgr::fonts
