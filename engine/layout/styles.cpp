#include "layout/styles.h"

#include <unordered_map>
#include <vector>

#include "text/normalize.h"
#include "text/shape.h"

namespace zjgr::layout {
namespace {

compose::ParagraphStyle paragraph_style(const model::Style& s) {
  compose::ParagraphStyle p;
  p.size = s.size;
  p.indent = s.indent;
  p.tracking = s.tracking;
  p.align = static_cast<compose::Align>(s.align);
  p.kinsoku = static_cast<compose::Kinsoku>(s.kinsoku);
  p.punctuation = static_cast<compose::PunctuationStyle>(s.punctuation);
  p.avoid_orphan = s.avoid_orphan;
  p.hanging = s.hanging;
  p.color = parse_color(s.color);
  return p;
}

// The model's enums and the composer's are kept in the same order; this fails to compile the
// day someone reorders one of them without the other.
static_assert(static_cast<int>(model::Align::Center) == static_cast<int>(compose::Align::Center));
static_assert(static_cast<int>(model::Kinsoku::Strict) == static_cast<int>(compose::Kinsoku::Strict));
static_assert(static_cast<int>(model::PunctuationStyle::LineEndHalf) ==
              static_cast<int>(compose::PunctuationStyle::LineEndHalf));

}  // namespace

frame::Color parse_color(const std::string& hex) {
  // input/ validated "#rrggbb"; anything else falls back to black.
  if (hex.size() != 7 || hex[0] != '#') return frame::Color::black();
  const auto channel = [&](std::size_t i) {
    return static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16));
  };
  return {channel(1), channel(3), channel(5)};
}

ResolvedStyle resized(const ResolvedStyle& style, Length size, model::Style& storage) {
  storage = *style.style;
  // Leading and tracking given in the style keep their proportion to the size.
  const double scale = storage.size > Length() ? size / storage.size : 1.0;
  storage.leading = storage.leading * scale;
  storage.tracking = storage.tracking * scale;
  storage.indent = storage.indent * scale;
  storage.size = size;
  ResolvedStyle out = style;
  out.style = &storage;
  out.paragraph = paragraph_style(storage);
  return out;
}

StyleBook::StyleBook(const model::Layout& layout, fonts::FontLibrary& fonts) : layout_(layout), fonts_(fonts) {}

Length StyleBook::max_text_height() const {
  const auto& page = layout_.page;
  return page.height - page.margin.top - page.margin.bottom;
}

thread_local int StyleBook::paused_ = 0;

TextStats StyleBook::stats() const {
  TextStats out;
  out.paragraphs = paragraphs_.load();
  out.characters = characters_.load();
  out.normalized_punctuation = normalized_punctuation_.load();
  return out;
}

const ResolvedStyle* StyleBook::get(const std::string& name, Diagnostics& diagnostics, const SourceRef& where) {
  const std::lock_guard<std::mutex> lock(mutex_);
  auto [it, added] = resolved_.try_emplace(name);
  Entry& entry = it->second;
  if (added) entry.style = resolve(name, entry.said);
  if (!entry.said.items().empty()) diagnostics.add_all(entry.said);
  // The style's own faults are reported where it is asked for: each place once.
  if (entry.style == nullptr) {
    diagnostics.error("unknown-style", "the layout has no style \"" + name + "\"", where);
  } else if (entry.style->stack.empty()) {
    diagnostics.error("missing-font", "no font of set \"" + entry.style->style->font + "\" (style \"" + name +
                                          "\") could be loaded", where);
  }
  return entry.style.get();
}

std::unique_ptr<ResolvedStyle> StyleBook::resolve(const std::string& name, Diagnostics& diagnostics) {
  const model::Style* style = layout_.style(name);
  if (style == nullptr) return nullptr;
  auto resolved = std::make_unique<ResolvedStyle>();
  resolved->name = name;
  resolved->style = style;
  resolved->paragraph = paragraph_style(*style);
  std::vector<fonts::FontId> ids;
  if (auto set = layout_.fonts.find(style->font); set != layout_.fonts.end()) {
    // A missing family is reported where the layout names it (a layout made in code names none).
    const auto sources = layout_.font_sources.find(style->font);
    for (std::size_t i = 0; i < set->second.size(); ++i) {
      const SourceRef named = sources != layout_.font_sources.end() && i < sources->second.size()
                                  ? sources->second[i] : SourceRef{};
      if (auto id = fonts_.resolve(set->second[i], style->weight, diagnostics, named)) ids.push_back(*id);
    }
  }
  resolved->stack = fonts::FontStack(std::move(ids));
  return resolved;
}

/// What paragraph() shaped under a PageMemo, by text; each entry with what else decides the
/// result: how it was shaped (the style's settings, not its address: resized() makes copies), the
/// composer's settings and the place (which its reports name).
struct StyleBook::Memo {
  struct Shaped {
    text::ShapeOptions options;
    bool normalize;
    fonts::FontStack stack;
    compose::ParagraphStyle paragraph_style;
    SourceRef where;
    compose::Paragraph paragraph;
    Diagnostics said;
    TextStats counted;
  };
  const StyleBook* book;  ///< whose paragraphs (font ids are its library's)
  std::unordered_map<std::string, std::vector<Shaped>> by_text;
};

thread_local StyleBook::Memo* StyleBook::memo_ = nullptr;

StyleBook::PageMemo::PageMemo(StyleBook& book) : memo_(std::make_unique<Memo>(Memo{&book, {}})), outer_(StyleBook::memo_) {
  StyleBook::memo_ = memo_.get();
}

StyleBook::PageMemo::~PageMemo() { StyleBook::memo_ = outer_; }

std::size_t StyleBook::PageMemo::size() const {
  std::size_t n = 0;
  for (const auto& [text, shaped] : memo_->by_text) n += shaped.size();
  return n;
}

void StyleBook::count(const TextStats& counted) {
  if (paused_ != 0) return;
  paragraphs_ += counted.paragraphs;
  characters_ += counted.characters;
  normalized_punctuation_ += counted.normalized_punctuation;
}

compose::Paragraph StyleBook::paragraph(const std::string& text, const ResolvedStyle& style,
                                        Diagnostics& diagnostics, const SourceRef& where, bool vertical,
                                        bool remember) {
  text::ShapeOptions options;
  options.size = style.style->size;
  options.vertical = vertical;
  options.upright_digits = style.style->upright_digits;
  options.corner_quotes = style.style->corner_quotes;
  const bool normalize = style.style->normalize_punctuation;
  std::vector<Memo::Shaped>* remembered = nullptr;
  if (remember && memo_ != nullptr && memo_->book == this) {
    remembered = &memo_->by_text[text];
    for (const Memo::Shaped& m : *remembered) {
      if (m.options != options || m.normalize != normalize || m.stack != style.stack ||
          m.paragraph_style != style.paragraph || m.where != where) {
        continue;
      }
      diagnostics.add_all(m.said);
      count(m.counted);
      return m.paragraph;
    }
  }
  TextStats counted;
  ++counted.paragraphs;
  std::string normalized;
  std::string_view input = text;
  if (normalize) {
    int replaced = 0;
    normalized = text::normalize_punctuation(text, replaced);
    counted.normalized_punctuation += replaced;
    input = normalized;
  }
  Diagnostics said;
  auto shaped = text::shape(input, style.stack, fonts_, options, said, where);
  counted.characters = static_cast<int>(shaped.text.size() / 3);  // approximate: CJK is 3 bytes in UTF-8
  count(counted);
  diagnostics.add_all(said);
  compose::Paragraph paragraph(std::move(shaped), style.paragraph);
  if (remembered != nullptr) {
    remembered->push_back({options, normalize, style.stack, style.paragraph, where, paragraph, std::move(said), counted});
  }
  return paragraph;
}

}  // namespace zjgr::layout
