// Setting the parts of an article: text blocks (headlines, captions, template texts), the
// headline group (引题/主题/副题) in whole grid lines (P2), and the body as a list of VItems that
// flow.h places into columns.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compose/paragraph.h"
#include "frame/frame.h"
#include "layout/grid.h"
#include "layout/result.h"
#include "layout/styles.h"
#include "model/article.h"

namespace zjgr::layout {

/// Lines of text stacked at their style's leading. Frame origin at the top left; the first
/// baseline is one ascent (0.88 em) below the top.
struct TextBlock {
  frame::Frame frame;
  std::vector<LineRecord> records;  ///< x and y relative to the block
  int line_count = 0;               ///< lines set (after any cut)
  int cut_lines = 0;                ///< lines that did not fit the height allowed and were not set
  int cut_chars = 0;                ///< the characters on them
};

/// Sets `text` in `style` at `width`. Balanced breaking for headings; justified/aligned per style.
/// The block is at most `max_height` tall (at least one line is kept); the lines past it are cut.
/// Without `max_height` the limit is the type area (StyleBook::max_text_height) and a cut is an
/// "overset" warning at `where`; with it, the caller reports the cut (TextBlock::cut_lines).
TextBlock set_text(const std::string& text, const ResolvedStyle& style, Length width, bool balanced,
                   LineRole role, StyleBook& styles, Diagnostics& diagnostics, const SourceRef& where,
                   std::optional<Length> max_height = std::nullopt);

/// The height of `lines` lines of `style` as set_text stacks them (0 for none).
Length text_height(const model::Style& style, int lines);

/// A vertical item of the body flow, a whole number of grid lines tall (P2).
struct VItem {
  enum class Kind { Line, Heading };
  Kind kind = Kind::Line;
  int lines = 1;                 ///< grid lines occupied
  frame::Frame frame;            ///< origin at the top left of its first grid line box
  LineRecord record;             ///< x, y relative to that origin (y = baseline)
  int paragraph = -1;            ///< paragraph index for lines, -1 otherwise
  int line_in_paragraph = 0;
  int paragraph_lines = 0;
  int chars = 0;                 ///< characters on it (for overset counts)
  bool keep_with_next = false;   ///< headings: never the last item of a column (P5)
};

/// The headline group across `width`, rounded up to whole grid lines (占行, P2).
struct HeadBlock {
  frame::Frame frame;
  std::vector<LineRecord> records;
  int lines = 0;
};
/// `headline_style` sets the 主题 (a lead story's is larger than the others').
/// `headline_size`, when given, replaces the 主题 style's size (copyfitting's headline step).
HeadBlock headline_group(const model::Article& article, const PageGrid& grid, Length width,
                         const std::string& headline_style, StyleBook& styles, Diagnostics& diagnostics,
                         std::optional<Length> headline_size = std::nullopt);

/// The lines of a body paragraph as grid-line VItems; `index` is its place among the body's
/// paragraphs (VItem::paragraph).
std::vector<VItem> paragraph_items(const compose::Paragraph& paragraph, const std::vector<compose::Line>& lines,
                                   int index, const std::string& article_id, const PageGrid& grid, Length measure);

/// The body (byline, paragraphs, subheads) set at `measure`, as grid-line VItems.
/// `paragraphs` holds the shaped paragraph of each paragraph block of the body, by block index
/// (ArticleCopy in area.h): they are broken here, never reshaped.
/// `squeeze`: paragraphs broken into as few lines as the rules allow (copyfitting).
std::vector<VItem> body_items(const model::Article& article,
                              const std::vector<std::optional<compose::Paragraph>>& paragraphs,
                              const PageGrid& grid, Length measure, StyleBook& styles, Diagnostics& diagnostics,
                              bool squeeze = false);

/// Text in `style` (a byline, a subhead, （下转第2版）) as a heading VItem of at least `min_lines`
/// grid lines, its em boxes centred on the em boxes of the grid lines it occupies.
VItem text_item(const std::string& text, const std::string& style_name, compose::Align align, int min_lines,
                const PageGrid& grid, Length measure, LineRole role,
                StyleBook& styles, Diagnostics& diagnostics, const SourceRef& where);

/// Headings are set tighter than body text: 1.25 em between baselines unless the style says.
Length heading_leading(const model::Style& style);

/// Grid lines needed for `height` of content.
int lines_for(Length height, const PageGrid& grid);

/// Number of characters (code points) in UTF-8 `text`.
int count_chars(const std::string& text);

}  // namespace zjgr::layout
