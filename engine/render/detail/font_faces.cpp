// FontFaces: cairo-ft faces over the FontLibrary's FT_Faces or over hb-subsets of them, one per
// FontId per render call.
#include "render/detail/font_faces.h"

#include <algorithm>
#include <string>
#include <variant>

#include <cairo-ft.h>

#include "base/parallel.h"
#include "fonts/subset.h"

namespace zjgr::render::detail {
namespace {

const cairo_user_data_key_t kTrackerKey{};

/// What a Cairo face owns until Cairo drops it: the cache's liveness count and, for a subset
/// face, the subset's bytes and FT_Face.
struct Tracker {
  std::shared_ptr<FontFaces::State> state;
  std::unique_ptr<fonts::SubsetFace> subset;
};

// Runs when Cairo drops the face (possibly long after the cache, from Cairo's own caches).
void on_face_destroyed(void* data) {
  auto* tracker = static_cast<Tracker*>(data);
  tracker->state->alive.fetch_sub(1);
  delete tracker;
}

// Calls on_run with every glyph run the PDF draws of `f` (proof marks are never in the PDF).
template <class OnRun>
void each_pdf_run(const frame::Frame& f, const OnRun& on_run, int depth) {
  if (depth > 64) return;  // the walk that draws reports such a tree (cairo_canvas.cpp kMaxDepth)
  for (const auto& [at, item] : f.items) {
    if (const auto* run = std::get_if<frame::GlyphRunItem>(&item)) {
      on_run(*run);
    } else if (const auto* group = std::get_if<frame::GroupItem>(&item);
               group != nullptr && group->frame && !group->proof_only) {
      each_pdf_run(*group->frame, on_run, depth + 1);
    }
  }
}

}  // namespace

GlyphUsage collect_glyphs(const frame::Document& doc) {
  GlyphUsage used;
  frame::Frame loaded;
  for (std::size_t i = 0; i < doc.pages.size(); ++i) {
    each_pdf_run(doc.frame(i, loaded), [&used](const frame::GlyphRunItem& run) {
      auto& ids = used[run.font];
      for (const auto& g : run.glyphs) ids.push_back(g.id);
    }, 0);
  }
  for (auto& [id, ids] : used) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    ids.shrink_to_fit();
  }
  return used;
}

std::vector<fonts::FontId> fonts_drawn(const frame::Frame& page) {
  std::vector<fonts::FontId> ids;
  each_pdf_run(page, [&ids](const frame::GlyphRunItem& run) {
    if (std::find(ids.begin(), ids.end(), run.font) == ids.end()) ids.push_back(run.font);
  }, 0);
  return ids;
}

void FontFaces::foresee_characters() {
  if (foresee_ && !characters_) characters_ = foresee_();
}

FontFaces::Cut FontFaces::cut(const fonts::Font& font) const {
  Cut out;
  std::vector<std::uint32_t> foreseen;
  const std::vector<std::uint32_t>* glyphs = nullptr;
  if (auto it = used_.find(font.id()); it != used_.end() && !it->second.empty()) {
    glyphs = &it->second;
  } else if (characters_) {
    const std::vector<fonts::FontId>& body = characters_->body_fonts;
    const bool sets_body = std::find(body.begin(), body.end(), font.id()) != body.end();
    foreseen = fonts::shaping_closure(font, sets_body ? characters_->everywhere + characters_->body : characters_->everywhere);
    glyphs = &foreseen;
  }
  if (glyphs != nullptr) {
    out.subset = fonts::SubsetFace::make(font, *glyphs, &out.damage);
    if (!out.subset && out.damage.empty()) out.damage = fonts::check_glyphs(font, *glyphs);
  }
  return out;
}

void FontFaces::precut(const std::vector<fonts::FontId>& ids) {
  std::vector<fonts::FontId> todo;
  {
    const std::lock_guard lock(mutex_);
    foresee_characters();
    for (const fonts::FontId id : ids) {
      if (id < library_.size() && library_.font(id).ft_face() != nullptr && !faces_.count(id) && !precut_.count(id) &&
          std::find(todo.begin(), todo.end(), id) == todo.end()) {
        todo.push_back(id);
      }
    }
  }
  // One thread per font, this one included; each reads only its own font (and characters_ or
  // used_, which no longer change).
  std::vector<Cut> cuts(todo.size());
  parallel_for(todo.size(), static_cast<unsigned>(todo.size()),
               [&](std::size_t k) { cuts[k] = cut(library_.font(todo[k])); });
  const std::lock_guard lock(mutex_);
  for (std::size_t k = 0; k < todo.size(); ++k) precut_.emplace(todo[k], std::move(cuts[k]));
}

FontFaces::~FontFaces() {
  for (auto& [id, face] : faces_) {
    if (face.cairo != nullptr) cairo_font_face_destroy(face.cairo);
  }
}

const FontFaces::Face* FontFaces::face(fonts::FontId id, Diagnostics& diagnostics) {
  const std::lock_guard lock(mutex_);
  if (auto it = faces_.find(id); it != faces_.end()) return it->second.cairo != nullptr ? &it->second : nullptr;

  cairo_font_face_t* result = nullptr;
  const fonts::SubsetFace* subset = nullptr;
  if (id >= library_.size()) {
    diagnostics.error("missing-font", "glyph run uses font " + std::to_string(id) +
                                          ", which the font library does not have");
  } else if (const fonts::Font& font = library_.font(id); font.ft_face() == nullptr) {
    diagnostics.error("missing-font", "font \"" + font.family() + "\" (" + font.file().string() +
                                          ") is not loaded");
  } else {
    auto* tracker = new Tracker{state_, nullptr};
    // The tracker owns the subset until Cairo drops the face; the cache only borrows it.
    // The PDF draws from a subset of the used glyphs (a CID-keyed CFF, cut compact) or from the
    // whole font (its glyphs checked first). A damaged font (a file changed since fontconfig's
    // cache listed it, say) is an error naming it: Cairo's subsetters assert on broken tables.
    Cut made;
    if (auto pre = precut_.find(id); pre != precut_.end()) {
      made = std::move(pre->second);
      precut_.erase(pre);
    } else {
      foresee_characters();
      made = cut(font);
    }
    tracker->subset = std::move(made.subset);
    const std::string& damage = made.damage;
    if (!damage.empty()) {
      diagnostics.error("font-damaged",
                        "font file \"" + font.file().string() + "\" (\"" + font.family() + "\", face " +
                            std::to_string(font.face_index()) + ") cannot be embedded: " + damage,
                        {}, {"the file may be damaged or changed since fontconfig listed it: reinstall it, then run fc-cache"});
      delete tracker;
    } else {
      // load_flags 0: outlines unhinted by cairo-ft's defaults; the surfaces' font options turn
      // hinting off so PNG proofs match the PDF (DESIGN.md §6).
      // Process-wide: Cairo hands two caches the same face for one FT_Face (a font the PDF embeds
      // whole and the proofs draw, on two threads), and its user data is not thread-safe.
      static std::mutex creation;
      const std::lock_guard created(creation);
      result = cairo_ft_font_face_create_for_ft_face(tracker->subset ? tracker->subset->ft_face() : font.ft_face(), 0);
      if (cairo_font_face_status(result) != CAIRO_STATUS_SUCCESS ||
          cairo_font_face_set_user_data(result, &kTrackerKey, tracker, on_face_destroyed) != CAIRO_STATUS_SUCCESS) {
        diagnostics.error("missing-font", "cairo cannot use font \"" + font.family() + "\": " +
                                              cairo_status_to_string(cairo_font_face_status(result)));
        cairo_font_face_destroy(result);  // before the subset face it may still point to
        delete tracker;
        result = nullptr;
      } else {
        state_->alive.fetch_add(1);
        subset = tracker->subset.get();
      }
    }
  }
  const Face& entry = faces_[id] = Face{result, result != nullptr ? subset : nullptr};
  return entry.cairo != nullptr ? &entry : nullptr;
}

}  // namespace zjgr::render::detail
