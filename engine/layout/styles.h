// StyleBook: a layout's styles made ready to set text — font stacks resolved once, the
// composer's paragraph settings derived, and text shaped into compose::Paragraphs.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "base/diagnostics.h"
#include "compose/paragraph.h"
#include "fonts/font_library.h"
#include "model/layout.h"

namespace zjgr::layout {

/// A style with its fonts loaded.
struct ResolvedStyle {
  std::string name;
  const model::Style* style = nullptr;
  fonts::FontStack stack;
  compose::ParagraphStyle paragraph;
};

/// Counters the report shows.
struct TextStats {
  int paragraphs = 0;
  int characters = 0;
  int normalized_punctuation = 0;  ///< half-width marks turned full width (normalize option)
};

/// An sRGB "#rrggbb" colour (input/ validated it); black for anything else.
frame::Color parse_color(const std::string& hex);

/// `style` at another size (a headline stepped down, a proof label): `storage` receives the
/// model style the result points to and must outlive it.
ResolvedStyle resized(const ResolvedStyle& style, Length size, model::Style& storage);

class StyleBook {
 public:
  StyleBook(const model::Layout& layout, fonts::FontLibrary& fonts);

  /// The style `name`, fonts resolved on first use; nullptr (and an error) when it does not exist.
  const ResolvedStyle* get(const std::string& name, Diagnostics& diagnostics, const SourceRef& where = {});

  /// Whether the layout defines a style `name` (no diagnostic either way).
  bool has(const std::string& name) const { return layout_.style(name) != nullptr; }

  /// Shapes `text` in `style` (after punctuation normalisation when the style asks for it);
  /// `vertical`: for vertical lines (竖排), with the style's upright_digits and corner_quotes.
  compose::Paragraph paragraph(const std::string& text, const ResolvedStyle& style,
                               Diagnostics& diagnostics, const SourceRef& where, bool vertical = false);

  /// The tallest a block of text may be: the layout's type area (page height less the top and
  /// bottom margins). set_text cuts what goes past it (issue 18: a 10,900-character headline).
  Length max_text_height() const;

  const fonts::FontLibrary& fonts() const { return fonts_; }
  /// What the text holds: each piece of text counted once as set, not once per setting
  /// tried by copyfitting nor for the proof's own labels (those are shaped under a StatsPause).
  const TextStats& stats() const { return stats_; }

  /// While one lives, shaping is not counted in stats().
  class StatsPause {
   public:
    explicit StatsPause(StyleBook& book) : book_(book), was_(book.counting_) { book_.counting_ = false; }
    ~StatsPause() { book_.counting_ = was_; }
    StatsPause(const StatsPause&) = delete;
    StatsPause& operator=(const StatsPause&) = delete;

   private:
    StyleBook& book_;
    bool was_;
  };

 private:
  const model::Layout& layout_;
  fonts::FontLibrary& fonts_;
  std::map<std::string, std::unique_ptr<ResolvedStyle>> resolved_;
  TextStats stats_;
  bool counting_ = true;
};

}  // namespace zjgr::layout
