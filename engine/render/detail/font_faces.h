// FontFaces: one cairo_font_face_t per FontId for one render call, created from the
// FontLibrary's FT_Face with cairo-ft. Private to render/.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>

#include <cairo.h>

#include "base/diagnostics.h"
#include "fonts/font_library.h"

namespace zjgr::render::detail {

/// Cairo font faces keyed by FontId. Holds one reference per face until it is destroyed; each
/// face carries user data whose destroy callback tells the cache when Cairo itself drops the face
/// (Cairo keeps faces in global caches after the last user reference, DESIGN.md §6).
/// Thread-safe: pages rendered in parallel share one cache.
class FontFaces {
 public:
  explicit FontFaces(const fonts::FontLibrary& library) : library_(library) {}
  ~FontFaces();
  FontFaces(const FontFaces&) = delete;
  FontFaces& operator=(const FontFaces&) = delete;

  /// The face of `id`, or nullptr (with an error reported once per id) when the font is unusable.
  cairo_font_face_t* face(fonts::FontId id, Diagnostics& diagnostics);

  /// How many faces this cache created that Cairo has not yet dropped.
  int alive_in_cairo() const { return state_->alive.load(); }

  /// Shared with the destroy callbacks, which may run after the cache is gone.
  struct State {
    std::atomic<int> alive{0};
  };

 private:
  const fonts::FontLibrary& library_;
  std::mutex mutex_;
  std::map<fonts::FontId, cairo_font_face_t*> faces_;  ///< nullptr: known unusable
  std::shared_ptr<State> state_ = std::make_shared<State>();
};

}  // namespace zjgr::render::detail
