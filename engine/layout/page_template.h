// Page templates: the front page's masthead (报头) and inside pages' running header, set from
// the layout's template texts and rules with the issue's data filled into {variables}.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "frame/frame.h"
#include "layout/grid.h"
#include "layout/result.h"
#include "layout/styles.h"
#include "model/issue.h"

namespace zjgr::layout {

/// The variables a template may use: {newspaper} {date} {weekday} {lunar_date} {number} {page}
/// {section} and every key of the issue's "fields".
std::map<std::string, std::string> template_variables(const model::Issue& issue, const model::PageSpec& page);

/// Replaces each {name} in `text` by its value; an unknown name is left as written and reported.
std::string expand(const std::string& text, const std::map<std::string, std::string>& variables,
                   Diagnostics& diagnostics, const SourceRef& where);

/// Draws the template's texts and rules into `page`, recording the text lines.
void draw_template(const model::PageTemplate& page_template, const std::map<std::string, std::string>& variables,
                   const PageGrid& grid, StyleBook& styles, frame::Frame& page, std::vector<LineRecord>& records,
                   int page_number, Diagnostics& diagnostics);

}  // namespace zjgr::layout
