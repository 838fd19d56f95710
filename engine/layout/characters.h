// The characters an issue's pages can show, known before layout: what render/ cuts its fonts to
// when it draws the PDF while layout goes on (DESIGN.md §6), instead of waiting for the census
// of the finished pages.
#pragma once

#include <string>

#include "model/issue.h"

namespace zjgr::layout {

/// Every character layout can set for `issue`, sorted, each once: the placed articles' text (as
/// written and with its punctuation normalised), the text of the templates the pages use, every
/// page's template variables, and what layout writes itself (jump notes, dates, the space before
/// a credit, corner quotes).
/// A superset of what the pages show; a character it misses only costs render/ a second pass.
std::u32string issue_characters(const model::Issue& issue);

}  // namespace zjgr::layout
