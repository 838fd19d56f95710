// One article area, set on its own: a pure function of the area's place on the grid, the
// article's copy (shaped once), the styles and a context. It returns the area's frame, its
// lines, its report (figures with their units, holes, overset text), its photos and what did not
// fit. The page driver only places what it returns; copyfitting sets the same area many times.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compose/paragraph.h"
#include "layout/block.h"
#include "layout/grid.h"
#include "layout/result.h"
#include "layout/styles.h"
#include "model/article.h"

namespace zjgr::layout {

/// An article's copy made ready to set at any measure: the body paragraphs shaped and their
/// items built once (a compose::Paragraph breaks at any widths without reshaping), so setting an
/// area again costs line breaking and column flow only.
struct ArticleCopy {
  const model::Article* article = nullptr;
  /// One per body block, in order: the shaped paragraph for a paragraph block, nothing otherwise.
  std::vector<std::optional<compose::Paragraph>> paragraphs;
};

/// Shapes the article's body paragraphs in the grid's body style.
ArticleCopy shape_copy(const model::Article& article, const PageGrid& grid, StyleBook& styles,
                       Diagnostics& diagnostics);

/// Copyfitting's adjustments for one setting of an area; the default sets the copy as it is.
struct AreaTuning {
  bool squeeze = false;                 ///< body paragraphs in as few lines as the rules allow
  std::optional<Length> headline_size;  ///< the 主题 at this size instead of its style's
  int photo_rows = 0;                   ///< rows each photo gains (negative: loses) by cropping
  int head_rows = 0;                    ///< rows the headline group gains, its text centred in them
  double min_photo_aspect = 0.2, max_photo_aspect = 5;  ///< the crop keeps width / height in here
};

/// Where an area is, in grid units of its page.
struct AreaSpec {
  int column = 0;              ///< 0-based grid column of the area's left edge
  int span = 1;                ///< grid columns
  int row = 0;                 ///< first grid row, from the top of the type area
  std::optional<int> rows;     ///< fixed height in grid rows; none = as tall as the copy needs
  int max_rows = 1;            ///< rows from `row` to the foot of the type area (an open area's limit)
  int head_span = 0;           ///< grid columns the headline group spans at the left; 0 = the area
  bool vertical = false;       ///< the whole article 竖排: lines top to bottom, right to left (set_vertical_area)
  bool headline_vertical = false;  ///< the headline group 竖排 in a strip at one side, the body beside and below it
  bool headline_left = false;  ///< the strip at the area's left (default: right)
  int headline_columns = 1;    ///< grid columns the strip takes
  int bands = 1;               ///< a vertical article's bands, top to bottom, one grid row between them
  std::string headline_style = "headline";
  std::optional<double> photo_aspect;  ///< crop the article's photos to this width/height here
  std::optional<int> continue_page;    ///< 下转第N版: the last row keeps the note, the rest is returned
  int page = 0;                ///< page number, for the records and the report
  SourceRef where;             ///< the placement, for diagnostics
  AreaTuning tuning;           ///< copyfitting's adjustments (none by default)
};

/// One block of a vertical (竖排) article's copy: a paragraph, subhead, byline or jump note as
/// text, or a photo. What a vertical area cannot hold goes to its continuation as these (a
/// paragraph cut at a line going on from that line's first character, its indent spent), set
/// again at the continuation's line length.
struct VerticalBlock {
  std::string text;                 ///< empty for a photo
  std::string style;
  LineRole role = LineRole::Body;
  compose::Align align = compose::Align::Justify;  ///< all but body paragraphs (which keep their style's)
  int slots = 1;                    ///< line slots each of its lines takes (a subhead: 2)
  bool indent = true;               ///< the style's first-line indent (body paragraphs that begin here)
  const model::Photo* photo = nullptr;
  int paragraph = -1;               ///< body paragraphs: which (0-based), for the report's overset
  SourceRef where;
};

/// The part of an article that jumped from another page, for its continuation area.
struct JumpedCopy {
  std::vector<VItem> items;
  Length measure;              ///< the lines were broken at this measure; the continuation keeps it
  int from_page = 0;
  /// The shaped paragraphs whose lines all jumped, by VItem::paragraph, and whether they were
  /// squeezed: the continuation's column breaking may set them a line longer or shorter.
  std::map<int, compose::Paragraph> paragraphs;
  bool squeezed = false;
  std::vector<VerticalBlock> vertical;  ///< a vertical article's rest instead of `items` (set again at the continuation's line length)
  int vertical_lines = 0;               ///< the vertical lines it took where it jumped from
  bool empty() const { return items.empty() && vertical.empty(); }
};

/// What copyfitting's settings of one area share, made once: the headline group at each width
/// and 主题 size, the body's lines at each measure, squeezed or not. Each is kept with what it
/// reported, passed on again at every use, so a setting from the cache reports as a fresh one.
/// Only valid for one article: fit_area makes one per area.
struct TrialCache {
  template <class Value>
  struct Made {
    Value value;
    Diagnostics reports;
  };
  std::map<std::pair<std::int64_t, std::int64_t>, Made<HeadBlock>> heads;        ///< (width, size or 0)
  std::map<std::pair<std::int64_t, bool>, Made<std::vector<VItem>>> bodies;      ///< (measure, squeezed)
};

/// What setting an area needs besides its inputs.
struct AreaContext {
  const PageGrid& grid;
  StyleBook& styles;
  Diagnostics& diagnostics;
  bool column_rules = false;   ///< a hairline in each gutter of the body
  TrialCache* trials = nullptr;  ///< set by copyfitting: the parts its settings share
};

struct AreaResult {
  frame::Frame frame;                 ///< origin at the area's top left (its column's left, its row's top)
  std::vector<LineRecord> lines;      ///< every set line, x and y relative to the frame's origin
  AreaReport report;                  ///< holes and rows in page rows, columns as the report says
  std::vector<PhotoReport> photos;    ///< blocks relative to the frame's origin
  JumpedCopy rest;                    ///< what did not fit, when the area jumps (no items otherwise)
};

/// Fills the report's place and shape: page, article, grid column and span, first row, rows,
/// body columns (a vertical area's vertical lines) and their measure, and the placement.
void describe_area(AreaReport& report, const AreaSpec& spec, const std::string& article, int rows, int columns,
                   Length measure);

/// "column 3" or "columns 1–2".
std::string columns_text(int first, int last);
/// "3 rows in columns 1–2 (page rows 26–28)": where a hole is, for warnings.
std::string hole_text(const Hole& hole);

/// Sets an article's area: headline group, photos, byline and body flowed into its columns.
AreaResult set_area(const AreaSpec& spec, const ArticleCopy& copy, AreaContext& context);

/// Sets a continuation area: a short headline, （上接第N版） and the jumped lines.
AreaResult set_continuation(const AreaSpec& spec, const model::Article& article, JumpedCopy jumped,
                            AreaContext& context);

}  // namespace zjgr::layout
