// One issue of the paper: metadata, the layout it uses, and the pages placing articles on the grid.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "model/article.h"
#include "model/layout.h"

namespace zjgr::model {

/// A calendar date (the issue's date; also the PDF's creation date, never the clock).
struct Date {
  int year = 1970, month = 1, day = 1;
  int weekday() const;  ///< 0 = Sunday … 6 = Saturday
};

/// An article placed on a page: which article, where on the grid, and any jump.
struct Placement {
  int article = -1;             ///< index into Issue::articles
  bool continued = false;       ///< this area continues an article begun on another page
  int column = 1;               ///< 1-based grid column
  int span = 1;                 ///< grid columns
  int line = 0;                 ///< grid line from the top of the type area
  bool line_auto = false;       ///< "line": "auto": directly below the placements listed before it in its columns
  std::optional<int> lines;     ///< height in grid lines; none = as tall as the content (or `lines_fill`)
  bool lines_fill = false;      ///< "lines": "fill": down to the next placement below it in its columns, or the foot
  std::optional<int> continue_page;  ///< 下转第N版: the rest goes to page N
  std::string headline_style;   ///< style of the 主题 here (a lead story is set larger); empty = "headline"
  std::optional<int> head_span; ///< the headline group spans this many columns beside the body; none = the area
  std::optional<double> photo_aspect;  ///< crop the article's photos to this width/height here (a layout decision)
  bool fit = true;              ///< copyfit this area when the layout has a policy ("fit": false: as set)
  bool vertical = false;        ///< "orientation": "vertical": the whole article set 竖排 (needs `lines`)
  bool headline_vertical = false;  ///< "headline_orientation": "vertical": the headline group in a vertical strip
  bool headline_left = false;   ///< "headline_side": "left": the strip at the area's left (default right)
  int headline_columns = 1;     ///< grid columns the vertical headline strip takes
  int bands = 1;                ///< a vertical article's bands (分栏竖排), top to bottom, a grid row apart
  SourceRef where;
};

struct PageSpec {
  int number = 1;
  std::string template_name;    ///< a key of Layout::templates, may be empty
  std::string section;          ///< 版名, e.g. "要闻"
  std::vector<Placement> articles;
  SourceRef where;
};

struct Issue {
  std::string file;             ///< the issue file as given
  std::string newspaper;
  Date date;
  std::string lunar_date;       ///< e.g. "辛丑年正月十四"
  int number = 0;               ///< 总第N号
  std::map<std::string, std::string> fields;  ///< extra template variables (cn, postal code, website …)
  Layout layout;
  std::vector<Article> articles;
  std::vector<PageSpec> pages;
  /// Every file read to make this issue, each once, in the order read: the issue file, its
  /// layout, each article file with its body_file and photos. The CLI refuses outputs that
  /// would replace one of them.
  std::vector<std::string> input_files;
};

}  // namespace zjgr::model
