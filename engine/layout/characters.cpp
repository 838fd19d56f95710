// issue_characters: the strings of the model, the templates as expanded, and layout's own.
#include "layout/characters.h"

#include <set>
#include <type_traits>
#include <variant>
#include <vector>

#include "base/utf8.h"
#include "layout/page_template.h"
#include "text/normalize.h"

namespace zjgr::layout {
namespace {

/// What layout adds to the copy beyond the templates' variables (added below, page by page):
/// （下转第N版）, （上接第N版） (area.cpp, vertical.cpp), the ideographic space between caption and
/// credit (photo.cpp), the corner quotes that replace “” and ‘’ (text/shape), the digits of every
/// number it writes, and U+FFFD for a byte that is not UTF-8.
constexpr std::u32string_view kGenerated = U"（）下转上接第版　「」『』0123456789\uFFFD";

}  // namespace

std::u32string issue_characters(const model::Issue& issue) {
  // One flag per code point: an issue has millions of characters and a few thousand distinct.
  std::vector<bool> seen(0x110000);
  for (const char32_t c : kGenerated) seen[c] = true;
  const auto add = [&seen](const std::string& utf8) {
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
  const auto add_text = [&add](const std::string& utf8) {
    add(utf8);
    int replaced = 0;
    const std::string normalized = text::normalize_punctuation(utf8, replaced);
    if (replaced > 0) add(normalized);
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
    for (const std::string* s : {&article.kicker, &article.headline, &article.subheadline, &article.byline}) add_text(*s);
    for (const model::Block& block : article.body) {
      std::visit([&](const auto& b) {
        using B = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<B, model::Photo>) {
          add_text(b.caption);
          add_text(b.credit);
        } else {
          add_text(b.text);
        }
      }, block);
    }
  }
  for (const auto& [name, page_template] : issue.layout.templates) {
    if (!templates.count(name)) continue;
    for (const model::TemplateText& t : page_template.texts) add_text(t.text);
  }
  for (const model::PageSpec& page : issue.pages) {
    for (const auto& [name, value] : template_variables(issue, page)) add_text(value);
  }
  std::u32string out;
  for (char32_t c = 0; c < seen.size(); ++c) {
    if (seen[c]) out.push_back(c);
  }
  return out;
}

}  // namespace zjgr::layout
