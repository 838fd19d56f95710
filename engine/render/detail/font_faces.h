// FontFaces: one cairo_font_face_t per FontId for one render call, created with cairo-ft from the
// FontLibrary's FT_Face or, for the PDF, from an hb-subset of the used glyphs (DESIGN.md §6).
// Private to render/.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <cairo.h>

#include "base/diagnostics.h"
#include "fonts/font_library.h"
#include "fonts/subset.h"
#include "frame/document.h"
#include "render/render.h"

namespace zjgr::render::detail {

/// The glyph ids each font draws, sorted, without duplicates.
using GlyphUsage = std::map<fonts::FontId, std::vector<std::uint32_t>>;

/// Every glyph id of every glyph run of `doc`, by font (one walk over the frames).
GlyphUsage collect_glyphs(const frame::Document& doc);

/// The fonts the PDF draws `page` with, in the order first drawn.
std::vector<fonts::FontId> fonts_drawn(const frame::Frame& page);

/// Cairo font faces keyed by FontId. Holds one reference per face until it is destroyed; each
/// face carries user data whose destroy callback tells the cache when Cairo itself drops the face
/// (Cairo keeps faces in global caches after the last user reference, DESIGN.md §6).
/// Thread-safe: pages rendered in parallel share one cache.
class FontFaces {
 public:
  /// Faces over the library's whole fonts (PNG proofs: FreeType reads only the glyphs drawn).
  explicit FontFaces(const fonts::FontLibrary& library) : library_(library) {}
  /// Faces over subsets of the fonts holding `used` (glyph ids kept), for the PDF: Cairo then
  /// copies and decodes only these glyphs instead of a whole CJK CFF (~1.5× faster, 3× smaller
  /// embedded fonts). A font missing from `used`, or one hb-subset cannot cut, is used whole.
  FontFaces(const fonts::FontLibrary& library, GlyphUsage used) : library_(library), used_(std::move(used)) {}
  /// Faces over subsets cut to every glyph shaping the characters `foresee` gives each font can
  /// give (fonts::shaping_closure), for a PDF drawn before the document is finished (PdfStream).
  /// `foresee` is called once, by the first face() (on the thread that draws). A glyph drawn
  /// from outside its cut shows as .notdef and is counted: outside_cut().
  FontFaces(const fonts::FontLibrary& library, std::function<CharacterForesight()> foresee)
      : library_(library), foresee_(std::move(foresee)) {}
  ~FontFaces();
  FontFaces(const FontFaces&) = delete;
  FontFaces& operator=(const FontFaces&) = delete;

  /// A font as Cairo draws it: the face, and the subset it was made from (if any), whose glyph
  /// ids the frames' ids must be mapped to.
  struct Face {
    cairo_font_face_t* cairo = nullptr;
    const fonts::SubsetFace* subset = nullptr;
    std::uint32_t glyph(std::uint32_t id) const { return subset != nullptr ? subset->glyph(id) : id; }
  };

  /// The face of `id`, or nullptr (with an error reported once per id) when the font is unusable.
  /// The pointer stays valid as long as this cache.
  const Face* face(fonts::FontId id, Diagnostics& diagnostics);

  /// Cuts the fonts `ids` not made yet all at once, one thread each, ahead of face(): hb-subset
  /// takes 7–27 ms for each CJK font, which a page's first runs would otherwise wait for one
  /// after another (a one-page issue: 68 → about 30 ms on two cores). Errors are reported by face().
  void precut(const std::vector<fonts::FontId>& ids);

  /// Glyphs drawn that their font's cut does not hold (only faces cut from `characters` miss).
  int outside_cut() const { return outside_cut_.load(); }
  void count_outside_cut(int glyphs) { outside_cut_.fetch_add(glyphs); }

  /// How many faces this cache created that Cairo has not yet dropped.
  int alive_in_cairo() const { return state_->alive.load(); }

  /// Shared with the destroy callbacks, which may run after the cache is gone.
  struct State {
    std::atomic<int> alive{0};
  };

 private:
  /// A font's subset for the PDF (null: drawn whole), or why it cannot be embedded.
  struct Cut {
    std::unique_ptr<fonts::SubsetFace> subset;
    std::string damage;
  };
  /// Sets characters_ from foresee_ the first time (mutex_ held): before any cut() that needs it.
  void foresee_characters();
  /// The cut of `font` from used_ or characters_ (which must be set, if foreseeing).
  Cut cut(const fonts::Font& font) const;

  const fonts::FontLibrary& library_;
  std::mutex mutex_;
  std::map<fonts::FontId, Cut> precut_;                ///< made by precut(), taken by face()
  GlyphUsage used_;                                    ///< empty: whole fonts, or cut from characters_
  std::function<CharacterForesight()> foresee_;       ///< empty: fonts whole or cut to used_
  std::optional<CharacterForesight> characters_;      ///< what foresee_ gave
  std::atomic<int> outside_cut_{0};
  std::map<fonts::FontId, Face> faces_;  ///< cairo == nullptr: known unusable
  std::shared_ptr<State> state_ = std::make_shared<State>();
};

}  // namespace zjgr::render::detail
