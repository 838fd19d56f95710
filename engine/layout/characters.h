// The characters an issue's pages can show, known before layout: what render/ cuts its fonts to
// when it draws the PDF while layout goes on (DESIGN.md §6), instead of waiting for the census
// of the finished pages.
#pragma once

#include <string>
#include <vector>

#include "fonts/font_library.h"
#include "model/issue.h"

namespace zjgr::layout {

/// Every character layout can set for `issue`, each set sorted, each character once in it: the
/// placed articles' text (as written and with its punctuation normalised), the text of the
/// templates the pages use, every page's template variables, and what layout writes itself (jump
/// notes, dates, the space before a credit, corner quotes). Body paragraphs are set in the grid's
/// body style alone, and only its fonts need their characters: they are `body`; everything else
/// (headlines, captions, subheads, templates, what layout writes) is `everywhere`.
/// A superset of what the pages show; a character it misses only costs render/ a second pass.
struct IssueCharacters {
  std::u32string body;        ///< in body paragraphs (the body style's fonts)
  std::u32string everywhere;  ///< in anything else (every font)
};
IssueCharacters issue_characters(const model::Issue& issue);

/// The fonts of the layout's body style, resolved in `fonts` as layout resolves them (the same
/// ids: layout resolves the body style first), what resolving says into `diagnostics` (a font
/// file skipped, a missing family: layout's own report of the same is then the same one).
std::vector<fonts::FontId> body_fonts(const model::Layout& layout, fonts::FontLibrary& fonts, Diagnostics& diagnostics);

}  // namespace zjgr::layout
