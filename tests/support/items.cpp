// Item notation parser and printer for tests (STYLE.md §5.5). Uses only the Item data type,
// so linking the test support library needs no compose object code.
#include "support/items.h"
#include "base/units.h"

#include <cstdio>
#include <cstdlib>

#include <gtest/gtest.h>

namespace zjgr::test {
namespace {

using compose::Item;
using compose::ItemKind;
using compose::kInfPenalty;

bool parse_pt(std::string_view s, Length& out) {
  if (s.size() < 3 || s.substr(s.size() - 2) != "pt") return false;
  const std::string num(s.substr(0, s.size() - 2));
  char* end = nullptr;
  const double v = std::strtod(num.c_str(), &end);
  if (end != num.c_str() + num.size()) return false;
  out = Length::pt(v);
  return true;
}


bool parse_token(std::string_view t, Item& it) {
  if (t.size() > 3 && t[0] == 'H' && t[1] == '<' && t.back() == '>') {
    Length w;
    if (!parse_pt(t.substr(2, t.size() - 3), w)) return false;
    it = Item::box(w);
    return true;
  }
  if (t.size() > 3 && t[0] == 'G' && t[1] == '<' && t.back() == '>') {
    const std::string_view body = t.substr(2, t.size() - 3);
    const std::size_t plus = body.find('+');
    if (plus == std::string_view::npos) return false;
    Length w, y, z;
    if (!parse_pt(body.substr(0, plus), w)) return false;
    const std::string_view rest = body.substr(plus + 1);
    if (rest == "fil") {
      it = Item::glue(w, Length::pt(1), Length());
      it.stretch_order = 1;
      return true;
    }
    const std::size_t minus = rest.find('-', 1);
    if (minus == std::string_view::npos) return false;
    if (!parse_pt(rest.substr(0, minus), y) || !parse_pt(rest.substr(minus + 1), z)) return false;
    it = Item::glue(w, y, z);
    return true;
  }
  if (t.size() > 3 && t[0] == 'P' && t[1] == '(') {
    const std::size_t close = t.find(')');
    if (close == std::string_view::npos) return false;
    std::string_view body = t.substr(2, close - 2);
    bool flagged = false;
    if (body.size() > 2 && body.substr(body.size() - 2) == ",f") {
      flagged = true;
      body = body.substr(0, body.size() - 2);
    }
    int p = 0;
    if (body == "inf") p = kInfPenalty;
    else if (body == "-inf") p = -kInfPenalty;
    else {
      const std::string num(body);
      char* end = nullptr;
      p = static_cast<int>(std::strtol(num.c_str(), &end, 10));
      if (num.empty() || end != num.c_str() + num.size()) return false;
    }
    Length w;
    const std::string_view rest = t.substr(close + 1);
    if (!rest.empty()) {
      if (rest.size() < 3 || rest.front() != '<' || rest.back() != '>') return false;
      if (!parse_pt(rest.substr(1, rest.size() - 2), w)) return false;
    }
    it = Item::make_penalty(p, compose::Rule::None, w, flagged);
    return true;
  }
  return false;
}

}  // namespace

compose::ItemList items(std::string_view notation) {
  compose::ItemList out;
  std::size_t i = 0;
  while (i < notation.size()) {
    while (i < notation.size() && notation[i] == ' ') ++i;
    std::size_t j = i;
    while (j < notation.size() && notation[j] != ' ') ++j;
    if (j > i) {
      Item it;
      if (parse_token(notation.substr(i, j - i), it)) out.push_back(it);
      else ADD_FAILURE() << "bad item notation: " << notation.substr(i, j - i);
    }
    i = j;
  }
  return out;
}

std::string print(const compose::ItemList& list, std::string_view text) {
  std::string out;
  for (const Item& it : list) {
    if (!out.empty()) out += ' ';
    switch (it.kind) {
      case ItemKind::Box:
        if (!text.empty() && it.has_glyphs() && it.text.end <= text.size()) {
          out += std::string(text.substr(it.text.begin, it.text.end - it.text.begin)) + "<" + format_pt(it.width) + ">";
        } else {
          out += "H<" + format_pt(it.width) + ">";
        }
        break;
      case ItemKind::Glue:
        if (it.stretch_order > 0) out += "G<" + format_pt(it.width) + "+fil>";
        else out += "G<" + format_pt(it.width) + "+" + format_pt(it.stretch) + "-" + format_pt(it.shrink) + ">";
        break;
      case ItemKind::Penalty: {
        std::string p = it.penalty >= kInfPenalty ? "inf" : it.penalty <= -kInfPenalty ? "-inf" : std::to_string(it.penalty);
        if (it.flagged) p += ",f";
        out += "P(" + p + ")";
        if (it.width != Length()) out += "<" + format_pt(it.width) + ">";
        break;
      }
    }
  }
  return out;
}

std::string lines(const compose::ItemList& list, const std::vector<compose::Break>& breaks) {
  std::string out;
  std::size_t b = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    while (b < breaks.size() && breaks[b].at == i) {
      if (b + 1 < breaks.size()) out += '|';
      ++b;
    }
    if (list[i].is_box()) {
      // Boxes after a break but before the next line's start are impossible (boxes end skipping).
      out += 'H';
    }
  }
  return out;
}

}  // namespace zjgr::test
