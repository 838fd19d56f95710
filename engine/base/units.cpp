#include "base/units.h"

#include <array>
#include <charconv>
#include <cstdio>
#include <cmath>
#include <utility>

namespace zjgr {
namespace {

// CLREQ P7 / ctex \zihao: the sizes most Chinese foundries and ctex use.
constexpr std::array<std::pair<std::string_view, double>, 16> kHaoSizes{{
    {"初号", 42.0}, {"小初", 36.0}, {"一号", 26.0}, {"小一", 24.0},
    {"二号", 22.0}, {"小二", 18.0}, {"三号", 16.0}, {"小三", 15.0},
    {"四号", 14.0}, {"小四", 12.0}, {"五号", 10.5}, {"小五", 9.0},
    {"六号", 7.5},  {"小六", 6.5},  {"七号", 5.5},  {"八号", 5.0},
}};

struct Unit {
  std::string_view suffix;
  double pt_per_unit;  // 0 means "em": relative to the context
};

// Longest suffix first so that "mm" is not read as "m…".
constexpr std::array<Unit, 7> kUnits{{
    {"pt", 1.0}, {"mm", 72.0 / 25.4}, {"cm", 720.0 / 25.4}, {"in", 72.0},
    {"em", 0.0}, {"q", 0.25 * 72.0 / 25.4}, {"级", 0.25 * 72.0 / 25.4},
}};

}  // namespace

std::optional<Length> hao_size(std::string_view name) {
  for (const auto& [hao, pt] : kHaoSizes) {
    if (hao == name) return Length::pt(pt);
  }
  // "五号字" and "小五号" are common spellings of the same sizes.
  if (name.ends_with("字")) return hao_size(name.substr(0, name.size() - std::string_view("字").size()));
  if (name.starts_with("小") && name.ends_with("号")) return hao_size(name.substr(0, name.size() - std::string_view("号").size()));
  return std::nullopt;
}

std::optional<Length> parse_length(std::string_view text, const LengthContext& context, std::string& error) {
  if (auto hao = hao_size(text)) return hao;
  const Unit* unit = nullptr;
  for (const auto& u : kUnits) {
    if (text.size() > u.suffix.size() && text.ends_with(u.suffix)) {
      unit = &u;
      break;
    }
  }
  if (unit == nullptr) {
    error = "expected a length with a unit (pt, mm, cm, in, q, em) or a 号 size such as \"小五\"";
    return std::nullopt;
  }
  std::string_view number = text.substr(0, text.size() - unit->suffix.size());
  double value = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc() || end != number.data() + number.size() || !std::isfinite(value)) {
    error = "expected a number before \"" + std::string(unit->suffix) + "\"";
    return std::nullopt;
  }
  // 10 m is far beyond any page; bounding here keeps NaN-free, overflow-free geometry downstream.
  constexpr double kMaxPt = 28346.0;
  double pt = unit->pt_per_unit == 0.0 ? value * context.em.to_pt() : value * unit->pt_per_unit;
  if (std::abs(pt) > kMaxPt) {
    error = "length is out of range (at most 10 m)";
    return std::nullopt;
  }
  return Length::pt(pt);
}

std::string format_pt(Length length) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", length.to_pt());
  std::string s = buffer;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s + "pt";
}

}  // namespace zjgr
