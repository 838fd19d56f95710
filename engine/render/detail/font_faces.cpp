// FontFaces: cairo-ft faces over the FontLibrary's FT_Faces, one per FontId per render call.
#include "render/detail/font_faces.h"

#include <string>

#include <cairo-ft.h>

namespace zjgr::render::detail {
namespace {

const cairo_user_data_key_t kTrackerKey{};

// Runs when Cairo drops the face (possibly long after the cache, from Cairo's own caches).
void on_face_destroyed(void* data) {
  auto* state = static_cast<std::shared_ptr<FontFaces::State>*>(data);
  (*state)->alive.fetch_sub(1);
  delete state;
}

}  // namespace

FontFaces::~FontFaces() {
  for (auto& [id, face] : faces_) {
    if (face != nullptr) cairo_font_face_destroy(face);
  }
}

cairo_font_face_t* FontFaces::face(fonts::FontId id, Diagnostics& diagnostics) {
  const std::lock_guard lock(mutex_);
  if (auto it = faces_.find(id); it != faces_.end()) return it->second;

  cairo_font_face_t* result = nullptr;
  if (id >= library_.size()) {
    diagnostics.error("missing-font", "glyph run uses font " + std::to_string(id) +
                                          ", which the font library does not have");
  } else if (const fonts::Font& font = library_.font(id); font.ft_face() == nullptr) {
    diagnostics.error("missing-font", "font \"" + font.family() + "\" (" + font.file().string() +
                                          ") is not loaded");
  } else {
    // load_flags 0: outlines unhinted by cairo-ft's defaults; the surfaces' font options turn
    // hinting off so PNG proofs match the PDF (DESIGN.md §6).
    result = cairo_ft_font_face_create_for_ft_face(font.ft_face(), 0);
    auto* tracker = new std::shared_ptr<State>(state_);
    if (cairo_font_face_status(result) != CAIRO_STATUS_SUCCESS ||
        cairo_font_face_set_user_data(result, &kTrackerKey, tracker, on_face_destroyed) !=
            CAIRO_STATUS_SUCCESS) {
      delete tracker;
      diagnostics.error("missing-font", "cairo cannot use font \"" + font.family() + "\": " +
                                            cairo_status_to_string(cairo_font_face_status(result)));
      cairo_font_face_destroy(result);
      result = nullptr;
    } else {
      state_->alive.fetch_add(1);
    }
  }
  faces_.emplace(id, result);
  return result;
}

}  // namespace zjgr::render::detail
