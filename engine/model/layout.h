// The layout description: page geometry, grid, font sets, styles and page templates.
// Plain data resolved to Lengths by input/; no I/O, no fonts, no JSON.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/length.h"

namespace zjgr::model {

struct Margins {
  Length top, bottom, inside, outside;
};

/// The trimmed page and its type area (版心).
struct PageGeometry {
  Length width, height;  ///< trim size
  Length bleed;          ///< added on every side of the trim for the BleedBox
  Margins margin;        ///< type area = trim minus margins (inside = binding side)
};

/// The column grid of the type area. The measure of one column is derived in layout/ so that it
/// is a whole number of body characters (CLREQ P1).
struct GridSpec {
  int columns = 1;
  Length gutter;               ///< space between columns
  std::string body_style;      ///< the style whose size and leading define the baseline grid
  bool column_rules = false;   ///< a hairline in every gutter
};

enum class Align { Justify, Left, Center, Right };

/// 禁则 strictness (CLREQ B3).
enum class Kinsoku { None, Basic, GB, Strict };

/// Punctuation width style (CLREQ D4): 全角式, 开明式, 半角式, 行末半角式.
enum class PunctuationStyle { FullWidth, Kaiming, HalfWidth, LineEndHalf };

/// A paragraph or heading style.
struct Style {
  std::string font;              ///< a key of Layout::fonts (e.g. "song")
  int weight = 400;              ///< 400 regular, 700 bold (variable/instance selection by fonts/)
  Length size = Length::pt(9);   ///< font size
  Length leading;                ///< baseline-to-baseline distance
  Length indent;                 ///< first-line indent (H1)
  Length tracking;               ///< extra space after every character (headlines), may be negative
  Align align = Align::Justify;
  std::string color = "#000000"; ///< sRGB hex
  Kinsoku kinsoku = Kinsoku::Basic;
  PunctuationStyle punctuation = PunctuationStyle::FullWidth;
  bool avoid_orphan = true;          ///< no 孤字 last line (H2)
  bool normalize_punctuation = true; ///< half-width ,.:;?!() between Han -> full width
  bool hanging = false;              ///< hanging punctuation at line end (E1), off by default
  bool upright_digits = false;       ///< 竖排: numbers of one or two digits set upright side by side (纵中横)
  bool corner_quotes = false;        ///< 竖排: “ ” ‘ ’ set as 「 」 『 』 (CLREQ M3)
};

/// A piece of text a page template sets at a grid position; `text` may use {variables}.
struct TemplateText {
  std::string text;
  std::string style;
  int column = 1, span = 1;   ///< grid columns, 1-based
  int line = 0, lines = 1;    ///< grid lines from the top of the type area
  Align align = Align::Left;
  SourceRef where;
};

/// A horizontal rule a template draws across some columns below a grid line.
struct TemplateRule {
  int column = 1, span = 0;   ///< span 0 = all columns
  int line = 0;               ///< drawn at the bottom of this grid line
  Length thickness = Length::pt(0.5);
  bool double_rule = false;
};

/// A page template: the masthead of the front page, the running header of inside pages.
struct PageTemplate {
  int reserved_lines = 0;     ///< grid lines at the top of the type area that articles may not use
  std::vector<TemplateText> texts;
  std::vector<TemplateRule> rules;
};

/// A copyfitting step (issue 13), in the order a policy lists them.
enum class FitStep {
  Squeeze,   ///< body paragraphs in as few lines as the rules allow (先挤进后推出)
  Headline,  ///< the 主题 one 号 size down (or up), at most `headline_steps`
  Photo,     ///< each photo one grid row shorter (or taller) by cropping, at most `photo_rows`
  HeadSpace, ///< short copy only: the headline group one grid row taller (白 above and below it), at most `head_rows`
};

/// How far copyfitting may change a fixed area to make its copy fill it exactly. Bylines,
/// captions, body size and leading are never changed (the grid stays).
struct CopyfitPolicy {
  std::vector<FitStep> steps{FitStep::Squeeze, FitStep::Headline, FitStep::Photo, FitStep::HeadSpace};
  int headline_steps = 2;
  double headline_scale_min = 0.75, headline_scale_max = 1.3;  ///< the 主题's size stays within these × its style's
  int photo_rows = 3;
  int head_rows = 2;
  double min_photo_aspect = 0.75, max_photo_aspect = 2.2;  ///< width / height a cropped photo keeps
  SourceRef where;
};

/// How the press PDF (--print) makes its photos: layout "print".
struct PrintSettings {
  int photo_ppi = 300;     ///< photos downsampled to this effective resolution at their placed size (never up)
  int jpeg_quality = 90;   ///< quality of the CMYK JPEGs written, 1–100
};

struct Layout {
  std::string name;
  std::string file;
  PageGeometry page;
  GridSpec grid;
  std::map<std::string, std::vector<std::string>> fonts;  ///< font set -> families in fallback order
  std::map<std::string, std::vector<SourceRef>> font_sources;  ///< font set -> where each family is named
  std::map<std::string, Style> styles;
  std::map<std::string, PageTemplate> templates;
  std::optional<CopyfitPolicy> copyfit;  ///< none: areas are set as their copy comes
  PrintSettings print;

  const Style* style(const std::string& key) const {
    auto it = styles.find(key);
    return it == styles.end() ? nullptr : &it->second;
  }
};

}  // namespace zjgr::model
