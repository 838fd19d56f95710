// issue_characters: the strings of the model, the templates as expanded, and layout's own.
#include "layout/characters.h"

#include <set>
#include <type_traits>
#include <variant>
#include <vector>

#include "base/utf8.h"
#include "layout/page_template.h"
#include "layout/styles.h"
#include "text/normalize.h"

namespace zjgr::layout {
namespace {

/// What layout adds to the copy beyond the templates' variables (added below, page by page):
/// （下转第N版）, （上接第N版） (area.cpp, vertical.cpp), the ideographic space between caption and
/// credit (photo.cpp), the corner quotes that replace “” and ‘’ (text/shape), the digits of every
/// number it writes, and U+FFFD for a byte that is not UTF-8.
constexpr std::u32string_view kGenerated = U"（）下转上接第版　「」『』0123456789\uFFFD";

}  // namespace

IssueCharacters issue_characters(const model::Issue& issue) {
  // One flag per code point: an issue has millions of characters and a few thousand distinct.
  std::vector<bool> everywhere(0x110000), body(0x110000);
  for (const char32_t c : kGenerated) everywhere[c] = true;
  const auto add = [](std::vector<bool>& seen, const std::string& utf8) {
    std::size_t pos = 0;
    while (pos < utf8.size()) {
      if (const std::optional<char32_t> cp = decode_utf8(utf8, pos); cp && *cp < seen.size()) {
        seen[*cp] = true;
      } else {
        ++pos;  // input/ has reported it; shaping reads it as U+FFFD, which kGenerated holds
      }
    }
  };
  // As written, and as the styles that normalise punctuation set it.
  const auto add_text = [&add](std::vector<bool>& seen, const std::string& utf8) {
    add(seen, utf8);
    int replaced = 0;
    const std::string normalized = text::normalize_punctuation(utf8, replaced);
    if (replaced > 0) add(seen, normalized);
  };
  // The articles the pages place and the templates they use: an issue file may list more.
  std::vector<bool> placed(issue.articles.size());
  std::set<std::string> templates;
  for (const model::PageSpec& page : issue.pages) {
    templates.insert(page.template_name);
    for (const model::Placement& p : page.articles) {
      if (p.article >= 0 && static_cast<std::size_t>(p.article) < placed.size()) placed[static_cast<std::size_t>(p.article)] = true;
    }
  }
  for (std::size_t i = 0; i < issue.articles.size(); ++i) {
    if (!placed[i]) continue;
    const model::Article& article = issue.articles[i];
    for (const std::string* s : {&article.kicker, &article.headline, &article.subheadline, &article.byline}) {
      add_text(everywhere, *s);
    }
    for (const model::Block& block : article.body) {
      std::visit([&](const auto& b) {
        using B = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<B, model::Photo>) {
          add_text(everywhere, b.caption);
          add_text(everywhere, b.credit);
        } else if constexpr (std::is_same_v<B, model::Paragraph>) {
          add_text(body, b.text);
        } else {
          add_text(everywhere, b.text);
        }
      }, block);
    }
  }
  for (const auto& [name, page_template] : issue.layout.templates) {
    if (!templates.count(name)) continue;
    for (const model::TemplateText& t : page_template.texts) add_text(everywhere, t.text);
  }
  for (const model::PageSpec& page : issue.pages) {
    for (const auto& [name, value] : template_variables(issue, page)) add_text(everywhere, value);
  }
  IssueCharacters out;
  for (char32_t c = 0; c < everywhere.size(); ++c) {
    if (everywhere[c]) out.everywhere.push_back(c);
    if (body[c]) out.body.push_back(c);
  }
  return out;
}

std::vector<fonts::FontId> body_fonts(const model::Layout& layout, fonts::FontLibrary& fonts, Diagnostics& diagnostics) {
  StyleBook styles(layout, fonts);
  const ResolvedStyle* body = styles.get(layout.grid.body_style, diagnostics);
  return body != nullptr ? body->stack.fonts() : std::vector<fonts::FontId>{};
}

}  // namespace zjgr::layout
