// The article file: headline group, byline and body blocks (paragraphs, subheads, photos), or a
// plain-text body_file. Photos are probed for their format and pixel size here.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <system_error>

#include "base/file_kind.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "input/detail/fields.h"
#include "input/detail/image_probe.h"
#include "input/detail/paths.h"
#include "input/detail/text_checks.h"
#include "input/load.h"

namespace zjgr::input {
namespace {

using detail::FileContext;
using detail::ObjectReader;
using detail::check_text;

// Whether a path named by an article may be used: inside the issue folder unless allowed.
bool check_inside(FileContext& ctx, const std::filesystem::path& resolved, const std::filesystem::path& issue_dir,
                  const LoadOptions& options, const SourceRef& where, std::string_view what) {
  if (options.allow_outside_paths || detail::is_inside(resolved, issue_dir)) return true;
  ctx.diagnostics.error("path-outside-issue",
                        std::string(what) + " \"" + resolved.generic_string() + "\" lies outside the issue's folder",
                        where, {"keep articles and photos inside the issue's folder, or pass the option that allows outside paths"});
  return false;
}

std::optional<model::Photo> read_photo(FileContext& ctx, ObjectReader& r, const std::filesystem::path& article_dir,
                                       const std::filesystem::path& issue_dir, const LoadOptions& options) {
  model::Photo photo;
  photo.where = detail::where(ctx, r.value(), r.pointer());
  if (auto caption = r.string("caption"); caption && check_text(ctx, *caption, r.where("caption"))) {
    photo.caption = *caption;
  }
  if (auto credit = r.string("credit"); credit && check_text(ctx, *credit, r.where("credit"))) photo.credit = *credit;
  if (auto n = r.integer("span", 1, 20)) photo.span = *n;
  if (auto n = r.integer("column", 1, 20)) photo.column = *n;
  if (auto n = r.integer("line", 0, 1000)) photo.line = *n;
  if (auto fit = r.choice<model::PhotoFit>("fit", {{"keep", model::PhotoFit::Keep}, {"crop", model::PhotoFit::Crop}})) {
    photo.fit = *fit;
  }
  if (const JsonValue* aspect = r.get("aspect")) {
    if (!aspect->is_number()) {
      detail::expect_kind(ctx, *aspect, r.pointer("aspect"), JsonKind::Float, "a number (width / height)");
    } else if (!std::isfinite(aspect->number) || aspect->number <= 0.01 || aspect->number > 100) {
      ctx.diagnostics.error("bad-value", "expected an aspect ratio (width / height) from 0.01 to 100, found " +
                                             describe(*aspect),
                            r.where("aspect"));
    } else {
      photo.aspect = aspect->number;
    }
  }
  auto path = r.string("photo", true);
  if (!path) return std::nullopt;
  if (path->empty()) {
    ctx.diagnostics.error("bad-value", "expected a photo path, found an empty string", r.where("photo"));
    return std::nullopt;
  }
  if (!detail::check_path(ctx, *path, r.where("photo"), "photo")) return std::nullopt;
  // Photos resolve relative to the article file and must exist and be a JPEG or PNG.
  const std::filesystem::path resolved = detail::join(article_dir, *path);
  if (!check_inside(ctx, resolved, issue_dir, options, r.where("photo"), "photo")) return std::nullopt;
  std::error_code ec;
  if (const std::string why = why_not_a_file(resolved); !why.empty()) {
    ctx.diagnostics.error("file-not-found", "photo \"" + resolved.generic_string() + "\" " + why, r.where("photo"));
    return std::nullopt;
  }
  const auto probed = detail::probe_image(resolved);
  if (const auto* problem = std::get_if<std::string>(&probed)) {
    ctx.diagnostics.error("bad-image", "photo \"" + resolved.generic_string() + "\": " + *problem, r.where("photo"));
    return std::nullopt;
  }
  const auto& info = std::get<detail::ImageInfo>(probed);
  photo.format = info.format;
  // The model's size is the upright one: layout's aspect and the effective resolution need it.
  photo.orientation = info.orientation;
  const bool swap = model::orientation_swaps_axes(info.orientation);
  photo.pixel_width = swap ? info.height : info.width;
  photo.pixel_height = swap ? info.width : info.height;
  photo.path = std::filesystem::absolute(resolved, ec).lexically_normal().generic_string();
  return photo;
}

bool is_ascii(char c) { return (static_cast<unsigned char>(c) & 0x80) == 0; }

// A plain-text body: paragraphs separated by blank lines. Lines inside a paragraph are joined
// without a space between Chinese text (a line break in Chinese is not a word space) and with
// one between two pieces of Latin text.
void read_body_file(FileContext& ctx, ObjectReader& r, const std::filesystem::path& article_dir,
                    const std::filesystem::path& issue_dir, const LoadOptions& options, model::Article& article) {
  auto path = r.string("body_file");
  if (!path || !detail::check_path(ctx, *path, r.where("body_file"), "body file")) return;
  const std::filesystem::path resolved = detail::join(article_dir, *path);
  if (!check_inside(ctx, resolved, issue_dir, options, r.where("body_file"), "body file")) return;
  const std::string shown = resolved.generic_string();
  if (const std::string why = why_not_a_file(resolved); !why.empty()) {
    ctx.diagnostics.error("file-not-found", "body file \"" + shown + "\" " + why, r.where("body_file"));
    return;
  }
  auto text = read_file(resolved, shown, ctx.diagnostics);
  if (!text) return;
  article.body_file = shown;
  std::string_view view(*text);
  int first_line = 1;
  if (view.starts_with("\xEF\xBB\xBF")) view.remove_prefix(3);  // harmless in plain text
  if (const auto bad = find_invalid_utf8(view)) {
    const auto [line, column] = line_column(view, *bad);
    ctx.diagnostics.error("invalid-utf8", "invalid UTF-8 at byte " + std::to_string(*bad), SourceRef{shown, "", line, column, {}},
                          {"the file must be saved as UTF-8 (it may be GBK or GB 18030)"});
    return;
  }
  std::string paragraph;
  int line_number = 0;
  bool too_many = false;
  const auto flush = [&] {
    SourceRef at{shown, "", first_line, 1, {}};
    if (!paragraph.empty() && article.body.size() == limits::kMaxArticleBlocks) {
      ctx.diagnostics.error("too-many-blocks",
                            "the body file has more than " + std::to_string(limits::kMaxArticleBlocks) +
                                " paragraphs, the limit for one article",
                            std::move(at), {"split the article"});
      too_many = true;
    } else if (!paragraph.empty() && check_text(ctx, paragraph, at)) {
      article.body.push_back(model::Paragraph{paragraph, std::move(at)});
    }
    paragraph.clear();
  };
  std::size_t pos = 0;
  while (pos <= view.size() && !too_many) {
    std::size_t end = view.find('\n', pos);
    if (end == std::string_view::npos) end = view.size();
    std::string_view line = view.substr(pos, end - pos);
    ++line_number;
    // Trim ASCII and ideographic (U+3000) spaces: indentation is the style's business (H1).
    const auto trim = [](std::string_view s) {
      for (bool changed = true; changed;) {
        changed = false;
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1), changed = true;
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1), changed = true;
        if (s.starts_with("\xE3\x80\x80")) s.remove_prefix(3), changed = true;
        if (s.ends_with("\xE3\x80\x80")) s.remove_suffix(3), changed = true;
      }
      return s;
    };
    line = detail::strip_leading_space(trim(line));  // and a leading NBSP
    if (line.empty()) {
      flush();
    } else {
      if (paragraph.empty()) {
        first_line = line_number;
      } else if (is_ascii(paragraph.back()) && is_ascii(line.front())) {
        paragraph += ' ';
      }
      paragraph += line;
    }
    pos = end + 1;
  }
  if (!too_many) flush();
  if (article.body.empty()) {
    ctx.diagnostics.error("bad-value", "body file \"" + shown + "\" has no text", r.where("body_file"));
  }
}

void read_body(FileContext& ctx, const JsonValue& body, const std::filesystem::path& article_dir,
               const std::filesystem::path& issue_dir, const LoadOptions& options, model::Article& article) {
  if (!detail::expect_kind(ctx, body, "/body", JsonKind::Array, "an array of paragraphs, subheads and photos")) return;
  if (body.items.size() > limits::kMaxArticleBlocks) {
    ctx.diagnostics.error("too-many-blocks",
                          "the body has " + std::to_string(body.items.size()) + " blocks, more than the limit of " +
                              std::to_string(limits::kMaxArticleBlocks) + " for one article",
                          detail::where(ctx, body, "/body"), {"split the article, or remove empty paragraphs"});
    return;
  }
  for (std::size_t i = 0; i < body.items.size(); ++i) {
    const JsonValue& item = body.items[i];
    const std::string p = json_pointer_append("/body", std::to_string(i));
    if (item.is_string()) {
      // White space at the start ("　　记者日前…", the way Chinese copy comes) is not set: the
      // style indents the first line (H1). body_file paragraphs are trimmed the same way.
      std::string text(detail::strip_leading_space(item.text));
      if (check_text(ctx, text, detail::where(ctx, item, p))) {
        article.body.push_back(model::Paragraph{std::move(text), detail::where(ctx, item, p)});
      }
    } else if (item.is_object() && item.find("photo") != nullptr) {
      ObjectReader r(ctx, item, p, {"photo", "caption", "credit", "span", "column", "line", "fit", "aspect"});
      if (auto photo = read_photo(ctx, r, article_dir, issue_dir, options)) article.body.push_back(std::move(*photo));
    } else if (item.is_object() && item.find("subhead") != nullptr) {
      ObjectReader r(ctx, item, p, {"subhead"});
      if (auto text = r.string("subhead"); text && check_text(ctx, *text, r.where("subhead"))) {
        article.body.push_back(model::Subhead{*text, detail::where(ctx, item, p)});
      }
    } else if (item.is_object()) {
      ctx.diagnostics.error("missing-key", "expected an object with \"subhead\" or \"photo\"", detail::where(ctx, item, p),
                            detail::did_you_mean(item.members.empty() ? "" : item.members.front().key, {"subhead", "photo"}));
    } else {
      ctx.diagnostics.error("wrong-type", "expected a paragraph (a string), a subhead or a photo, found " + describe(item),
                            detail::where(ctx, item, p));
    }
  }
}

}  // namespace

std::optional<model::Article> load_article(const std::filesystem::path& file, const std::filesystem::path& issue_dir,
                                           const LoadOptions& options, Diagnostics& diagnostics) {
  const std::size_t errors_before = diagnostics.error_count();
  FileContext ctx{file.generic_string(), diagnostics};
  const auto root = read_json_file(file, ctx.file, diagnostics);
  if (!root) return std::nullopt;
  ObjectReader r(ctx, *root, "",
                 {"id", "kicker", "headline", "subheadline", "byline", "body", "body_file", "columns", "column_fill", "box",
                  "shade"});
  if (!r.ok()) return std::nullopt;

  model::Article article;
  article.file = ctx.file;
  article.where = SourceRef{ctx.file, "", root->line, root->column, {}};
  if (auto id = r.string("id", true)) {
    if (id->empty()) {
      diagnostics.error("bad-value", "expected an article id, found an empty string", r.where("id"));
    }
    article.id = *id;
  }
  for (auto [key, field] : {std::pair{"kicker", &article.kicker}, std::pair{"headline", &article.headline},
                             std::pair{"subheadline", &article.subheadline}, std::pair{"byline", &article.byline}}) {
    if (auto s = r.string(key); s && check_text(ctx, *s, r.where(key))) *field = *s;
  }
  if (auto n = r.integer("columns", 1, 20)) article.columns = *n;
  if (auto fill = r.string("column_fill")) {
    if (*fill == "sequential") {
      article.sequential_columns = true;
    } else if (*fill != "balance") {
      diagnostics.error("bad-value", "expected \"balance\" or \"sequential\", found \"" + *fill + "\"",
                        r.where("column_fill"));
    }
  }
  if (auto b = r.boolean("box")) article.box = *b;
  if (auto shade = r.color("shade")) article.shade = *shade;

  // Exactly one of body and body_file.
  const std::filesystem::path article_dir = file.parent_path();
  const JsonValue* body = r.get("body");
  const JsonValue* body_file = r.get("body_file");
  if (body != nullptr && body_file != nullptr) {
    diagnostics.error("conflicting-keys", "an article has either \"body\" or \"body_file\", not both",
                      r.where("body_file"));
  } else if (body != nullptr) {
    read_body(ctx, *body, article_dir, issue_dir, options, article);
  } else if (body_file != nullptr) {
    read_body_file(ctx, r, article_dir, issue_dir, options, article);
  } else {
    diagnostics.error("missing-key", "missing required key \"body\" (or \"body_file\")", detail::where(ctx, *root, ""));
  }

  // A photo must fit the article's own columns when the article sets them (破栏).
  if (article.columns) {
    for (const model::Block& block : article.body) {
      const auto* photo = std::get_if<model::Photo>(&block);
      if (photo == nullptr) continue;
      const int first = photo->column.value_or(1);
      const int last = first + std::max(photo->span, 1) - 1;
      if (last > *article.columns) {
        diagnostics.error("out-of-grid",
                          "photo spans columns " + std::to_string(first) + " to " + std::to_string(last) +
                              " of an article set in " + std::to_string(*article.columns) + " columns",
                          photo->where);
      }
    }
  }

  if (diagnostics.error_count() != errors_before) return std::nullopt;
  return article;
}

}  // namespace zjgr::input
