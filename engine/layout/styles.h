// StyleBook: a layout's styles made ready to set text — font stacks resolved once, the
// composer's paragraph settings derived, and text shaped into compose::Paragraphs.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
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

/// Safe to use from several threads at once (pages laid out in parallel): styles are resolved
/// under a lock, the counters are atomic and a StatsPause holds for its own thread only.
class StyleBook {
  struct Memo;

 public:
  StyleBook(const model::Layout& layout, fonts::FontLibrary& fonts);

  /// The style `name`, fonts resolved on first use; nullptr (and an error) when it does not exist.
  /// What resolving it said (an unknown style, a missing font) is kept with the style and added
  /// to `diagnostics` on every call, so that it reaches whichever report is kept (a copyfit
  /// trial's may be thrown away) and the same place in serial and parallel runs; Diagnostics
  /// reports the same problem once.
  const ResolvedStyle* get(const std::string& name, Diagnostics& diagnostics, const SourceRef& where = {});

  /// Whether the layout defines a style `name` (no diagnostic either way).
  bool has(const std::string& name) const { return layout_.style(name) != nullptr; }

  /// Shapes `text` in `style` (after punctuation normalisation when the style asks for it);
  /// `vertical`: for vertical lines (竖排), with the style's upright_digits and corner_quotes.
  /// Under a PageMemo the result is remembered, unless `remember` is false (text set only once
  /// on a page: an article's body, which the page shapes once and keeps).
  compose::Paragraph paragraph(const std::string& text, const ResolvedStyle& style,
                               Diagnostics& diagnostics, const SourceRef& where, bool vertical = false,
                               bool remember = true);

  /// The tallest a block of text may be: the layout's type area (page height less the top and
  /// bottom margins). set_text cuts what goes past it (issue 18: a 10,900-character headline).
  Length max_text_height() const;

  const fonts::FontLibrary& fonts() const { return fonts_; }
  /// What the text holds: each piece of text counted once as set, not once per setting
  /// tried by copyfitting nor for the proof's own labels (those are shaped under a StatsPause).
  TextStats stats() const;

  /// While one lives, what its thread shapes is not counted in stats() (the counts are sums, so
  /// they come out the same whatever order pages are laid out in).
  class StatsPause {
   public:
    explicit StatsPause(StyleBook& /*book*/) { ++paused_; }
    ~StatsPause() { --paused_; }
    StatsPause(const StatsPause&) = delete;
    StatsPause& operator=(const StatsPause&) = delete;
  };

  /// While one lives, `book`'s paragraph() on its thread remembers what it shaped: copyfitting sets a
  /// page's headlines, captions, bylines and subheads again for every setting it tries, and the
  /// same text in the same style for the same place is then copied, not shaped and itemised
  /// anew (with what shaping reported, and counted as before). One lives for each page being set,
  /// so pages never share what they shaped, and its memory goes with the page.
  class PageMemo {
   public:
    explicit PageMemo(StyleBook& book);
    ~PageMemo();
    PageMemo(const PageMemo&) = delete;
    PageMemo& operator=(const PageMemo&) = delete;

    /// How many paragraphs it holds.
    std::size_t size() const;

   private:
    std::unique_ptr<Memo> memo_;
    Memo* outer_;  ///< the one alive before (none but in tests: a page is set inside no other)
  };

 private:
  /// The style with its fonts loaded (nullptr when the layout has no such style); what loading
  /// the fonts said goes to `diagnostics`.
  std::unique_ptr<ResolvedStyle> resolve(const std::string& name, Diagnostics& diagnostics);

  struct Entry {
    std::unique_ptr<ResolvedStyle> style;  ///< null for a style the layout does not have
    Diagnostics said;                      ///< what resolving it reported
  };
  const model::Layout& layout_;
  fonts::FontLibrary& fonts_;
  std::mutex mutex_;  ///< guards resolved_ (and so FontLibrary::resolve: one thread resolves)
  std::map<std::string, Entry> resolved_;
  std::atomic<int> paragraphs_{0}, characters_{0}, normalized_punctuation_{0};
  static thread_local int paused_;  ///< StatsPauses alive on this thread
  static thread_local Memo* memo_;  ///< the PageMemo's alive on this thread
  void count(const TextStats& counted);
};

}  // namespace zjgr::layout
