// The layout file: fonts, then styles (a style's em is its own size), then the grid and page
// (whose em is the body style's size), then templates, which refer to styles and the grid.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cmath>
#include <cstdio>

#include "input/detail/fields.h"
#include "input/detail/text_checks.h"
#include "input/load.h"

namespace zjgr::input {
namespace {

using detail::FileContext;
using detail::ObjectReader;

std::vector<std::string> keys_of(const auto& map) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : map) keys.push_back(key);
  return keys;
}

// Whether the layout's "styles" object has `name`, even if that style failed to load.
bool styles_has(const JsonValue& root, const std::string& name) {
  const JsonValue* styles = root.find("styles");
  return styles != nullptr && styles->find(name) != nullptr;
}

/// The smallest style size (issue 18: "1e-5pt" was accepted).
const Length kMinSize = Length::pt(4);

std::string fmt_pt(Length l) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%gpt", l.to_pt());
  return buf;
}

const std::vector<std::pair<std::string, model::Align>> kAligns = {
    {"justify", model::Align::Justify}, {"left", model::Align::Left},
    {"center", model::Align::Center},   {"right", model::Align::Right}};

std::map<std::string, std::vector<std::string>> read_fonts(FileContext& ctx, const JsonValue& value,
                                                           const std::string& pointer,
                                                           std::map<std::string, std::vector<SourceRef>>& sources) {
  std::map<std::string, std::vector<std::string>> fonts;
  if (!detail::expect_kind(ctx, value, pointer, JsonKind::Object, "an object of font sets")) return fonts;
  for (const JsonMember& m : value.members) {
    const std::string p = json_pointer_append(pointer, m.key);
    if (!detail::expect_kind(ctx, m.value, p, JsonKind::Array, "an array of font family names")) continue;
    if (m.value.items.empty()) {
      ctx.diagnostics.error("bad-value", "expected at least one font family in font set \"" + m.key + "\"",
                            detail::where(ctx, m.value, p));
      continue;
    }
    std::vector<std::string> families;
    for (std::size_t i = 0; i < m.value.items.size(); ++i) {
      const JsonValue& family = m.value.items[i];
      const std::string fp = json_pointer_append(p, std::to_string(i));
      if (!detail::expect_kind(ctx, family, fp, JsonKind::String, "a font family name")) continue;
      if (family.text.empty()) {
        ctx.diagnostics.error("bad-value", "expected a font family name, found an empty string",
                              detail::where(ctx, family, fp));
        continue;
      }
      families.push_back(family.text);
      sources[m.key].push_back(detail::where(ctx, family, fp));
    }
    fonts[m.key] = std::move(families);
  }
  return fonts;
}

// "leading": a ratio of the size (1.55 or "1.55") or a length ("13pt", "1.5em").
std::optional<Length> read_leading(FileContext& ctx, const JsonValue& value, const std::string& pointer, Length size) {
  constexpr double kMaxRatio = 10.0;  // beyond this a "ratio" is surely a length without its unit
  std::optional<double> ratio;
  if (value.is_number()) {
    ratio = value.number;
  } else if (value.is_string()) {
    double x = 0;
    const char* end = value.text.data() + value.text.size();
    auto [ptr, ec] = std::from_chars(value.text.data(), end, x);
    if (ec == std::errc() && ptr == end) ratio = x;
  } else {
    detail::expect_kind(ctx, value, pointer, JsonKind::String, "a ratio such as 1.5 or a length such as \"13pt\"");
    return std::nullopt;
  }
  if (ratio) {
    if (!std::isfinite(*ratio) || *ratio <= 0 || *ratio > kMaxRatio) {
      ctx.diagnostics.error("bad-value", "expected a leading ratio above 0 and at most 10, found " + describe(value),
                            detail::where(ctx, value, pointer), {"write a length with its unit, e.g. \"14pt\""});
      return std::nullopt;
    }
    return size * *ratio;
  }
  return detail::read_length(ctx, value, pointer, LengthContext{size}, Length(), true);
}


std::optional<model::Style> read_style(FileContext& ctx, const JsonValue& value, const std::string& pointer,
                                       const std::map<std::string, std::vector<std::string>>& fonts) {
  ObjectReader r(ctx, value, pointer,
                 {"font", "weight", "size", "leading", "indent", "tracking", "align", "color", "kinsoku",
                  "punctuation", "avoid_orphan", "normalize_punctuation", "hanging", "upright_digits", "corner_quotes"});
  if (!r.ok()) return std::nullopt;
  const std::size_t errors = ctx.diagnostics.error_count();
  model::Style style;
  if (auto font = r.string("font", true)) {
    style.font = *font;
    if (!fonts.contains(*font)) {
      ctx.diagnostics.error("unknown-font-set", "unknown font set \"" + *font + "\"", r.where("font"),
                            detail::did_you_mean(*font, keys_of(fonts)));
    }
  }
  if (const JsonValue* weight = r.get("weight")) {
    if (weight->is_string()) {
      if (weight->text == "regular") {
        style.weight = 400;
      } else if (weight->text == "bold") {
        style.weight = 700;
      } else {
        ctx.diagnostics.error("bad-value", "expected \"regular\", \"bold\" or an integer from 100 to 900, found " +
                                               describe(*weight),
                              r.where("weight"), detail::did_you_mean(weight->text, {"regular", "bold"}));
      }
    } else if (auto w = detail::read_integer(ctx, *weight, r.pointer("weight"), 100, 900)) {
      style.weight = *w;
    }
  }
  // Below 4 pt no newspaper text is readable (八号, the smallest 号 size, is 5 pt), and a tiny body
  // size makes a baseline grid of hundreds of thousands of lines.
  const auto size = r.length("size", LengthContext{}, kMinSize, false, true);
  if (size) style.size = *size;
  const LengthContext em{style.size};  // em in a style means that style's size
  style.leading = style.size * 1.5;
  if (const JsonValue* leading = r.get("leading")) {
    if (auto l = read_leading(ctx, *leading, r.pointer("leading"), style.size)) {
      if (size && *l < style.size) {
        // Lines closer than their size overprint: a CJK character fills its em box.
        ctx.diagnostics.error("bad-length", "expected a leading of at least the style's size (" + fmt_pt(style.size) +
                                                "), found " + describe(*leading),
                              r.where("leading"), {"a leading ratio is at least 1 (1.5 is usual for body text)"});
      } else {
        style.leading = *l;
      }
    }
  }
  if (auto indent = r.length("indent", em, std::nullopt, false)) style.indent = *indent;
  if (auto tracking = r.length("tracking", em, std::nullopt, false)) {
    // Past -0.5 em characters overprint; past 2 em a line is no longer text (issue 7: absurd lengths).
    if (*tracking < style.size * -0.5 || *tracking > style.size * 2) {
      ctx.diagnostics.error("bad-length", "expected a tracking from -0.5em to 2em of the style's size, found " +
                                              describe(*r.get("tracking")),
                            r.where("tracking"));
    } else {
      style.tracking = *tracking;
    }
  }
  if (auto align = r.choice("align", kAligns)) style.align = *align;
  if (auto color = r.color("color")) style.color = *color;
  if (auto k = r.choice<model::Kinsoku>("kinsoku", {{"none", model::Kinsoku::None},
                                                   {"basic", model::Kinsoku::Basic},
                                                   {"gb", model::Kinsoku::GB},
                                                   {"strict", model::Kinsoku::Strict}})) {
    style.kinsoku = *k;  // CLREQ B3
  }
  if (auto p = r.choice<model::PunctuationStyle>("punctuation",
                                                 {{"full", model::PunctuationStyle::FullWidth},
                                                  {"kaiming", model::PunctuationStyle::Kaiming},
                                                  {"half", model::PunctuationStyle::HalfWidth},
                                                  {"line-end-half", model::PunctuationStyle::LineEndHalf}})) {
    style.punctuation = *p;  // CLREQ D4
  }
  if (auto b = r.boolean("avoid_orphan")) style.avoid_orphan = *b;
  if (auto b = r.boolean("normalize_punctuation")) style.normalize_punctuation = *b;
  if (auto b = r.boolean("hanging")) style.hanging = *b;
  if (auto b = r.boolean("upright_digits")) style.upright_digits = *b;
  if (auto b = r.boolean("corner_quotes")) style.corner_quotes = *b;
  if (ctx.diagnostics.error_count() != errors) return std::nullopt;
  return style;
}

// A template position must lie on the grid: column + span - 1 <= columns.
void check_on_grid(FileContext& ctx, const ObjectReader& r, int column, int span, int columns) {
  if (columns > 0 && column + span - 1 > columns) {
    ctx.diagnostics.error("out-of-grid",
                          "columns " + std::to_string(column) + " to " + std::to_string(column + span - 1) +
                              " lie outside the grid of " + std::to_string(columns) + " columns",
                          r.where("span"));
  }
}

model::PageTemplate read_template(FileContext& ctx, const JsonValue& value, const std::string& pointer,
                                  const model::Layout& layout) {
  model::PageTemplate tpl;
  ObjectReader r(ctx, value, pointer, {"reserved_lines", "texts", "rules"});
  if (!r.ok()) return tpl;
  if (auto n = r.integer("reserved_lines", 0, 1000)) tpl.reserved_lines = *n;
  if (const JsonValue* texts = r.get("texts");
      texts != nullptr && detail::expect_kind(ctx, *texts, r.pointer("texts"), JsonKind::Array, "an array")) {
    for (std::size_t i = 0; i < texts->items.size(); ++i) {
      const std::string p = json_pointer_append(r.pointer("texts"), std::to_string(i));
      ObjectReader t(ctx, texts->items[i], p, {"text", "style", "column", "span", "line", "lines", "align"});
      if (!t.ok()) continue;
      model::TemplateText text;
      text.where = detail::where(ctx, texts->items[i], p);
      // {variables} are expanded by layout/, which knows the page.
      if (auto s = t.string("text", true); s && detail::check_text(ctx, *s, t.where("text"))) text.text = *s;
      if (auto s = t.string("style", true)) {
        text.style = *s;
        if (!layout.styles.contains(*s)) {
          ctx.diagnostics.error("unknown-style", "unknown style \"" + *s + "\"", t.where("style"),
                                detail::did_you_mean(*s, keys_of(layout.styles)));
        }
      }
      if (auto n = t.integer("column", 1)) text.column = *n;
      if (auto n = t.integer("span", 1)) text.span = *n;
      if (auto n = t.integer("line", 0, 1000)) text.line = *n;
      if (auto n = t.integer("lines", 1, 1000)) text.lines = *n;
      if (auto a = t.choice("align", kAligns)) text.align = *a;
      check_on_grid(ctx, t, text.column, text.span, layout.grid.columns);
      tpl.texts.push_back(std::move(text));
    }
  }
  if (const JsonValue* rules = r.get("rules");
      rules != nullptr && detail::expect_kind(ctx, *rules, r.pointer("rules"), JsonKind::Array, "an array")) {
    const LengthContext em{layout.style(layout.grid.body_style) ? layout.style(layout.grid.body_style)->size
                                                                 : Length::pt(10)};
    for (std::size_t i = 0; i < rules->items.size(); ++i) {
      const std::string p = json_pointer_append(r.pointer("rules"), std::to_string(i));
      ObjectReader t(ctx, rules->items[i], p, {"column", "span", "line", "thickness", "double"});
      if (!t.ok()) continue;
      model::TemplateRule rule;
      if (auto n = t.integer("column", 1)) rule.column = *n;
      if (auto n = t.integer("span", 0)) rule.span = *n;  // 0 = all columns
      if (auto n = t.integer("line", 0, 1000)) rule.line = *n;
      if (auto l = t.length("thickness", em, Length(), true)) rule.thickness = *l;
      if (auto b = t.boolean("double")) rule.double_rule = *b;
      if (rule.span > 0) check_on_grid(ctx, t, rule.column, rule.span, layout.grid.columns);
      tpl.rules.push_back(rule);
    }
  }
  return tpl;
}

// At least two of the four required keys: a layout with a typo in one key still gets its
// "did you mean" hints.
bool looks_like_layout(const JsonValue& root) {
  if (!root.is_object()) return false;
  int found = 0;
  for (const char* key : {"page", "grid", "fonts", "styles"}) found += root.find(key) != nullptr ? 1 : 0;
  return found >= 2;
}

// The measure layout/ will give one column (grid.cpp: whole body characters), or nothing when the
// page, grid or body style had errors.
std::optional<Length> column_measure(const model::Layout& layout) {
  const model::Style* body = layout.style(layout.grid.body_style);
  if (body == nullptr || layout.page.width <= Length()) return std::nullopt;
  const auto n = static_cast<std::int64_t>(std::max(1, layout.grid.columns));
  const Length type_width = layout.page.width - layout.page.margin.inside - layout.page.margin.outside;
  const Length available = type_width - layout.grid.gutter * (n - 1);
  if (available <= Length()) return Length();
  return body->size * (available.raw() / n / body->size.raw());
}

// Lengths that only make sense against the grid: columns at least one body character wide, and
// every style's first-line indent less than a column's measure (the narrowest text a style is
// set in, short of an article's own narrower columns: layout/ then reports an overfull line).
void check_against_grid(FileContext& ctx, const JsonValue& root, const model::Layout& layout) {
  const auto measure = column_measure(layout);
  if (!measure) return;
  const JsonValue* grid = root.find("grid");
  if (*measure <= Length()) {
    // The gutters' fault, unless the columns would be too narrow without any gutter: then the
    // body size is (a 10,000 pt body).
    const model::Style& body = *layout.style(layout.grid.body_style);
    const Length type_width = layout.page.width - layout.page.margin.inside - layout.page.margin.outside;
    const JsonValue* gutter = grid != nullptr ? grid->find("gutter") : nullptr;
    const JsonValue* size = root.find("styles") != nullptr && root.find("styles")->find(layout.grid.body_style) != nullptr
                                ? root.find("styles")->find(layout.grid.body_style)->find("size")
                                : nullptr;
    const bool size_at_fault = type_width < body.size * static_cast<std::int64_t>(std::max(1, layout.grid.columns));
    const JsonValue* culprit = size_at_fault ? size : gutter;
    const std::string pointer = size_at_fault
        ? json_pointer_append(json_pointer_append("/styles", layout.grid.body_style), "size")
        : std::string("/grid/gutter");
    ctx.diagnostics.error("bad-length",
                          "the columns would be less than one body character (" + fmt_pt(body.size) + ") wide: " +
                              std::to_string(layout.grid.columns) + " columns and their gutters in a type area " +
                              fmt_pt(type_width) + " wide",
                          culprit != nullptr ? detail::where(ctx, *culprit, pointer)
                                             : SourceRef{ctx.file, "/grid", grid ? grid->line : 0, grid ? grid->column : 0, {}},
                          {size_at_fault ? "the body size is far too large for the page" : "a gutter is usually 1 to 2 em of the body size"});
    return;
  }
  const JsonValue* styles = root.find("styles");
  for (const auto& [name, style] : layout.styles) {
    if (style.indent < *measure && style.indent > -*measure) continue;
    const JsonValue* value = styles != nullptr && styles->find(name) != nullptr ? styles->find(name)->find("indent") : nullptr;
    if (value == nullptr) continue;
    ctx.diagnostics.error("bad-length",
                          "expected an indent shorter than a column's measure (" + fmt_pt(*measure) + "), found " +
                              (value->is_string() ? "\"" + value->text + "\" = " : std::string()) + fmt_pt(style.indent),
                          detail::where(ctx, *value, json_pointer_append(json_pointer_append("/styles", name), "indent")),
                          {"an indent is usually 2em"});
  }
}

}  // namespace

std::optional<model::Layout> load_layout(const std::filesystem::path& file, Diagnostics& diagnostics) {
  const std::size_t errors_before = diagnostics.error_count();
  FileContext ctx{file.generic_string(), diagnostics};
  const auto root = read_json_file(file, ctx.file, diagnostics);
  if (!root) return std::nullopt;
  // A file that is not a layout at all (a wrong path, or one aimed at a file with secrets) gets
  // one error that quotes nothing of it: not its keys, not its values.
  if (!looks_like_layout(*root)) {
    diagnostics.error("not-a-layout", "this is not a layout: expected an object with the keys page, grid, fonts and styles",
                      SourceRef{ctx.file, "", 0, 0, {}}, {"check the issue's \"layout\""});
    return std::nullopt;
  }
  ObjectReader r(ctx, *root, "", {"name", "page", "grid", "fonts", "styles", "templates", "copyfit", "print"});
  if (!r.ok()) return std::nullopt;

  model::Layout layout;
  layout.file = ctx.file;
  layout.name = r.string("name").value_or(file.stem().string());

  // Fonts first: styles name font sets.
  if (const JsonValue* fonts = r.require("fonts")) layout.fonts = read_fonts(ctx, *fonts, "/fonts", layout.font_sources);

  // Styles next: the grid's em is the body style's size.
  if (const JsonValue* styles = r.require("styles");
      styles != nullptr && detail::expect_kind(ctx, *styles, "/styles", JsonKind::Object, "an object of styles")) {
    for (const JsonMember& m : styles->members) {
      if (auto style = read_style(ctx, m.value, json_pointer_append("/styles", m.key), layout.fonts)) {
        layout.styles[m.key] = std::move(*style);
      }
    }
  }

  // The grid.
  LengthContext body_em{Length::pt(10)};
  if (const JsonValue* grid = r.require("grid")) {
    ObjectReader g(ctx, *grid, "/grid", {"columns", "gutter", "body_style", "column_rules"});
    if (auto body = g.string("body_style", true)) {
      layout.grid.body_style = *body;
      if (const model::Style* style = layout.style(*body)) {
        body_em.em = style->size;
      } else if (styles_has(*root, *body)) {
        // The style exists but had errors of its own; those were reported.
      } else {
        diagnostics.error("unknown-style", "unknown style \"" + *body + "\"", g.where("body_style"),
                          detail::did_you_mean(*body, keys_of(layout.styles)));
      }
    }
    if (auto n = g.integer("columns", 1, 20, true)) layout.grid.columns = *n;
    if (auto l = g.length("gutter", body_em, Length(), false)) layout.grid.gutter = *l;
    if (auto b = g.boolean("column_rules")) layout.grid.column_rules = *b;
  }

  // The page: trim size, bleed, margins; the type area that remains must be positive.
  if (const JsonValue* page = r.require("page")) {
    ObjectReader p(ctx, *page, "/page", {"width", "height", "bleed", "margin"});
    const auto width = p.length("width", body_em, Length(), true, true);
    const auto height = p.length("height", body_em, Length(), true, true);
    if (width) layout.page.width = *width;
    if (height) layout.page.height = *height;
    if (auto l = p.length("bleed", body_em, Length(), false)) layout.page.bleed = *l;
    if (const JsonValue* margin = p.get("margin")) {
      ObjectReader m(ctx, *margin, "/page/margin", {"top", "bottom", "inside", "outside"});
      if (auto l = m.length("top", body_em, Length(), false)) layout.page.margin.top = *l;
      if (auto l = m.length("bottom", body_em, Length(), false)) layout.page.margin.bottom = *l;
      if (auto l = m.length("inside", body_em, Length(), false)) layout.page.margin.inside = *l;
      if (auto l = m.length("outside", body_em, Length(), false)) layout.page.margin.outside = *l;
    }
    const model::Margins& mg = layout.page.margin;
    if (width && mg.inside + mg.outside >= *width) {
      diagnostics.error("bad-length", "the margins leave no type area: inside + outside is at least the page width",
                        p.where("margin"));
    }
    if (height && mg.top + mg.bottom >= *height) {
      diagnostics.error("bad-length", "the margins leave no type area: top + bottom is at least the page height",
                        p.where("margin"));
    }
  }

  // The copyfit policy: its steps in order and their bounds.
  if (const JsonValue* copyfit = r.get("copyfit")) {
    ObjectReader c(ctx, *copyfit, "/copyfit", {"steps", "headline_steps", "headline_scale", "photo_rows", "head_rows", "photo_aspect"});
    if (c.ok()) {
      model::CopyfitPolicy policy;
      policy.where = r.where("copyfit");
      if (const JsonValue* steps = c.get("steps");
          steps != nullptr && detail::expect_kind(ctx, *steps, "/copyfit/steps", JsonKind::Array, "an array of steps")) {
        policy.steps.clear();
        const std::vector<std::pair<std::string, model::FitStep>> names{
            {"squeeze", model::FitStep::Squeeze}, {"headline", model::FitStep::Headline}, {"photo", model::FitStep::Photo},
            {"head_space", model::FitStep::HeadSpace}};
        for (std::size_t i = 0; i < steps->items.size(); ++i) {
          const JsonValue& step = steps->items[i];
          const std::string pointer = "/copyfit/steps/" + std::to_string(i);
          const auto found = std::find_if(names.begin(), names.end(), [&](const auto& n) { return step.is_string() && n.first == step.text; });
          if (found == names.end()) {
            diagnostics.error("bad-value", "expected one of \"squeeze\", \"headline\", \"photo\", \"head_space\"", detail::where(ctx, step, pointer));
          } else if (std::find(policy.steps.begin(), policy.steps.end(), found->second) != policy.steps.end()) {
            diagnostics.error("bad-value", "step \"" + step.text + "\" is listed twice", detail::where(ctx, step, pointer));
          } else {
            policy.steps.push_back(found->second);
          }
        }
      }
      if (auto n = c.integer("headline_steps", 0, 4)) policy.headline_steps = *n;
      if (auto n = c.integer("photo_rows", 0, 20)) policy.photo_rows = *n;
      if (auto n = c.integer("head_rows", 0, 6)) policy.head_rows = *n;
      // [min, max] with lo <= min <= max <= hi, or an error naming the bounds.
      const auto range = [&](const char* key, double lo, double hi, double& min, double& max) {
        const JsonValue* v = c.get(key);
        if (v == nullptr) return;
        if (v->is_array() && v->items.size() == 2 && v->items[0].is_number() && v->items[1].is_number() &&
            v->items[0].number >= lo && v->items[0].number <= v->items[1].number && v->items[1].number <= hi) {
          min = v->items[0].number;
          max = v->items[1].number;
        } else {
          char expected[96];
          std::snprintf(expected, sizeof expected, "expected [min, max] with %g <= min <= max <= %g", lo, hi);
          diagnostics.error("bad-value", expected, c.where(key));
        }
      };
      range("headline_scale", 0.5, 2, policy.headline_scale_min, policy.headline_scale_max);
      range("photo_aspect", 0.2, 5, policy.min_photo_aspect, policy.max_photo_aspect);
      layout.copyfit = policy;
    }
  }
  // The press file's photo settings.
  if (const JsonValue* print = r.get("print")) {
    ObjectReader pr(ctx, *print, "/print", {"photo_ppi", "jpeg_quality"});
    if (pr.ok()) {
      if (auto n = pr.integer("photo_ppi", 72, 2400)) layout.print.photo_ppi = *n;
      if (auto n = pr.integer("jpeg_quality", 1, 100)) layout.print.jpeg_quality = *n;
    }
  }
  // The columns and indents against the page and grid.
  if (diagnostics.error_count() == errors_before) check_against_grid(ctx, *root, layout);

  // Templates last: they name styles and lie on the grid.
  if (const JsonValue* templates = r.get("templates");
      templates != nullptr &&
      detail::expect_kind(ctx, *templates, "/templates", JsonKind::Object, "an object of page templates")) {
    for (const JsonMember& m : templates->members) {
      layout.templates[m.key] = read_template(ctx, m.value, json_pointer_append("/templates", m.key), layout);
    }
  }

  if (diagnostics.error_count() != errors_before) return std::nullopt;
  return layout;
}

}  // namespace zjgr::input
