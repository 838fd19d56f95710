// The issue file and the checks across files: the layout it names, every article it places
// (each file loaded once), grid positions, overlaps, templates and jumps between pages.
#include <algorithm>
#include <map>
#include <set>
#include <system_error>
#include <variant>

#include "base/file_kind.h"
#include "base/limits.h"
#include "input/detail/fields.h"
#include "input/detail/paths.h"
#include "input/detail/text_checks.h"
#include "input/load.h"

namespace zjgr::input {
namespace {

using detail::FileContext;
using detail::ObjectReader;

constexpr int kMaxLine = 1000;  // layout/ knows the real number of grid lines; this catches typos

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

std::optional<model::Date> parse_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  const auto number = [&](std::size_t at, std::size_t n) { return std::stoi(s.substr(at, n)); };
  model::Date d{number(0, 4), number(5, 2), number(8, 2)};
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
  const int days = kDays[d.month - 1] + (d.month == 2 && is_leap(d.year) ? 1 : 0);
  if (d.day > days) return std::nullopt;
  return d;
}

// What a placement said that can only be checked once every page has been read.
struct PendingPlacement {
  std::size_t page = 0, index = 0;  // into Issue::pages and PageSpec::articles
  std::optional<std::string> continued_id;
  SourceRef continued_where;
  std::optional<int> continue_page;
  SourceRef continue_where;
  bool grid_ok = false;  // column/span/line were read without error
};

// What the run has read so far, held against the budgets of base/limits.h (issue 18).
class RunBudget {
 public:
  /// Whether a budget was exceeded (and reported): nothing more is read.
  bool exhausted() const { return exhausted_; }

  /// Charges a file of the run before it is read; false (reported) past the input budget.
  bool charge_file(Diagnostics& diagnostics, const std::filesystem::path& file, const SourceRef& where) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) return true;  // the reader reports what is wrong with it
    input_bytes_ += size;
    return check(diagnostics, "input bytes", input_bytes_, limits::kMaxRunInputBytes, where,
                 "the JSON and body files of an issue");
  }

  /// Charges a loaded article: its characters, blocks, body file and photos (each photo file once).
  bool charge_article(Diagnostics& diagnostics, const model::Article& article, const SourceRef& where) {
    if (!article.body_file.empty() && !charge_file(diagnostics, article.body_file, where)) return false;
    characters_ += characters(article.kicker) + characters(article.headline) + characters(article.subheadline) +
                   characters(article.byline);
    blocks_ += article.body.size();
    for (const model::Block& block : article.body) {
      if (const auto* p = std::get_if<model::Paragraph>(&block)) {
        characters_ += characters(p->text);
      } else if (const auto* h = std::get_if<model::Subhead>(&block)) {
        characters_ += characters(h->text);
      } else if (const auto* photo = std::get_if<model::Photo>(&block)) {
        characters_ += characters(photo->caption) + characters(photo->credit);
        if (!photos_.insert(photo->path).second) continue;
        photo_pixels_ += static_cast<std::int64_t>(photo->pixel_width) * photo->pixel_height;
        std::error_code ec;
        const auto size = std::filesystem::file_size(photo->path, ec);
        if (!ec) photo_bytes_ += size;
      }
    }
    return check(diagnostics, "characters", characters_, limits::kMaxRunCharacters, where, "the text of an issue") &&
           check(diagnostics, "blocks", blocks_, limits::kMaxRunBlocks, where,
                 "the paragraphs, subheads and photos of an issue") &&
           check(diagnostics, "photo pixels", static_cast<std::uint64_t>(photo_pixels_),
                 static_cast<std::uint64_t>(limits::kMaxRunPhotoPixels), where, "the photos of an issue") &&
           check(diagnostics, "photo bytes", photo_bytes_, limits::kMaxRunPhotoBytes, where,
                 "the photo files of an issue");
  }

 private:
  static std::size_t characters(const std::string& text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  }

  bool check(Diagnostics& diagnostics, const char* budget, std::uint64_t used, std::uint64_t limit,
             const SourceRef& where, const char* of) {
    if (used <= limit) return true;
    diagnostics.error("budget-exceeded",
                      std::string("the run's budget of ") + std::to_string(limit) + " " + budget + " (" + of +
                          ") is exceeded by this article: " + std::to_string(used) + " so far",
                      where, {"split the issue into several runs; articles after this one were not read"});
    exhausted_ = true;
    return false;
  }

  std::uint64_t input_bytes_ = 0;
  std::size_t characters_ = 0, blocks_ = 0;
  std::int64_t photo_pixels_ = 0;
  std::uint64_t photo_bytes_ = 0;
  std::set<std::string> photos_;
  bool exhausted_ = false;
};

class IssueLoader {
 public:
  IssueLoader(const std::filesystem::path& file, const LoadOptions& options, Diagnostics& diagnostics)
      : file_(file),
        issue_dir_(file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path()),
        options_(options),
        ctx_{file.generic_string(), diagnostics} {}

  std::optional<model::Issue> load() {
    const std::size_t errors_before = ctx_.diagnostics.error_count();
    budget_.charge_file(ctx_.diagnostics, file_, SourceRef{ctx_.file, "", 0, 0, {}});
    const auto root = read_json_file(file_, ctx_.file, ctx_.diagnostics);
    if (!root) return std::nullopt;
    ObjectReader r(ctx_, *root, "", {"newspaper", "date", "lunar_date", "number", "fields", "layout", "pages"});
    if (!r.ok()) return std::nullopt;
    issue_.file = ctx_.file;

    // Metadata.
    // The texts templates print: checked like article texts (length, control characters, noncharacters).
    if (auto s = r.string("newspaper", true); s && detail::check_text(ctx_, *s, r.where("newspaper"))) {
      issue_.newspaper = *s;
    }
    if (auto s = r.string("date", true)) {
      if (auto date = parse_date(*s)) {
        issue_.date = *date;
      } else {
        ctx_.diagnostics.error("bad-value", "expected a calendar date \"YYYY-MM-DD\", found " + describe(*r.get("date")),
                               r.where("date"));
      }
    }
    if (auto s = r.string("lunar_date"); s && detail::check_text(ctx_, *s, r.where("lunar_date"))) {
      issue_.lunar_date = *s;
    }
    if (auto n = r.integer("number", 1)) issue_.number = *n;
    if (const JsonValue* fields = r.get("fields")) read_fields(*fields);

    // The layout, before the pages: placements are checked against its grid and templates.
    if (auto name = r.string("layout", true); name && detail::check_path(ctx_, *name, r.where("layout"), "layout")) {
      load_layout_named(*name, r.where("layout"));
    }

    // Pages, placements and the articles they name.
    if (const JsonValue* pages = r.require("pages")) read_pages(*pages);

    // Checks across pages.
    check_jumps();
    check_unique_ids();
    const std::size_t errors_before_overlaps = ctx_.diagnostics.error_count();
    check_overlaps();

    const bool only_overlaps = errors_before_overlaps == errors_before;
    if (ctx_.diagnostics.error_count() != errors_before && !(only_overlaps && options_.keep_overlapping)) {
      return std::nullopt;
    }
    list_input_files();
    return std::move(issue_);
  }

 private:
  void read_fields(const JsonValue& fields) {
    if (!detail::expect_kind(ctx_, fields, "/fields", JsonKind::Object, "an object of strings")) return;
    for (const JsonMember& m : fields.members) {
      const std::string p = json_pointer_append("/fields", m.key);
      if (!detail::expect_kind(ctx_, m.value, p, JsonKind::String, "a string")) continue;
      std::string text = m.value.text;
      if (detail::check_text(ctx_, text, detail::where(ctx_, m.value, p))) issue_.fields[m.key] = std::move(text);
    }
  }

  // "layout": a path relative to the issue when it ends in ".json" or has a "/", else a name
  // looked up as <issue dir>/<name>.json, then <dir>/<name>.json for each layout dir. Either
  // way the file must lie inside the issue's folder or a layout dir (the --layouts folders and
  // the installation's layouts/), after resolving ".." and symlinks, as articles must: a layout
  // is read and quoted in errors, so it may not come from anywhere.
  void load_layout_named(const std::string& name, const SourceRef& where) {
    std::filesystem::path found;
    std::error_code ec;
    if (name.ends_with(".json") || name.find('/') != std::string::npos) {
      found = detail::join(file_.parent_path(), name);
      if (!layout_path_allowed(found, where)) return;
      if (const std::string why = why_not_a_file(found); !why.empty()) {
        ctx_.diagnostics.error("file-not-found", "layout file \"" + found.generic_string() + "\" " + why, where);
        return;
      }
    } else {
      std::vector<std::filesystem::path> candidates{detail::join(file_.parent_path(), name + ".json")};
      for (const auto& dir : options_.layout_dirs) candidates.push_back(detail::join(dir, name + ".json"));
      std::string looked;
      for (const auto& c : candidates) {
        if (std::filesystem::is_regular_file(c, ec)) {
          found = c;
          break;
        }
        looked += (looked.empty() ? "" : ", ") + c.generic_string();
      }
      if (found.empty()) {
        ctx_.diagnostics.error("layout-not-found", "layout \"" + name + "\" not found", where,
                               {"looked for " + looked, "pass the folder that holds it as a layout directory"});
        return;
      }
      if (!layout_path_allowed(found, where)) return;  // a symlink out of its folder
    }
    budget_.charge_file(ctx_.diagnostics, found, where);
    if (auto layout = load_layout(found, ctx_.diagnostics)) {
      issue_.layout = std::move(*layout);
      layout_ok_ = true;
    }
  }

  bool layout_path_allowed(const std::filesystem::path& layout, const SourceRef& where) {
    if (options_.allow_outside_paths || detail::is_inside(layout, issue_dir_)) return true;
    for (const auto& dir : options_.layout_dirs) {
      if (detail::is_inside(layout, dir)) return true;
    }
    std::string folders = issue_dir_.generic_string();
    for (const auto& dir : options_.layout_dirs) folders += ", " + dir.generic_string();
    ctx_.diagnostics.error("path-outside-issue",
                           "layout \"" + layout.generic_string() +
                               "\" lies outside the issue's folder and the layout folders",
                           where,
                           {"allowed folders: " + folders,
                            "pass its folder as a layout folder (--layouts), or the option that allows outside paths"});
    return false;
  }

  void read_pages(const JsonValue& pages) {
    if (!detail::expect_kind(ctx_, pages, "/pages", JsonKind::Array, "an array of pages")) return;
    if (pages.items.empty()) {
      ctx_.diagnostics.error("bad-value", "expected at least one page", detail::where(ctx_, pages, "/pages"));
      return;
    }
    if (pages.items.size() > static_cast<std::size_t>(limits::kMaxPages)) {
      // Before any article is read: a runaway generator must not make us load thousands.
      ctx_.diagnostics.error("too-many-pages",
                             "the issue has " + std::to_string(pages.items.size()) + " pages, more than the limit of " +
                                 std::to_string(limits::kMaxPages),
                             detail::where(ctx_, pages, "/pages"), {"split it into several issues"});
      return;
    }
    std::map<int, std::string> numbers;  // page number -> pointer of its first use
    for (std::size_t i = 0; i < pages.items.size(); ++i) {
      const std::string p = json_pointer_append("/pages", std::to_string(i));
      ObjectReader r(ctx_, pages.items[i], p, {"page", "template", "section", "articles"});
      if (!r.ok()) continue;
      model::PageSpec page;
      page.where = detail::where(ctx_, pages.items[i], p);
      if (auto n = r.integer("page", 1, 10000, true)) {
        page.number = *n;
        if (auto [it, inserted] = numbers.emplace(*n, r.pointer("page")); !inserted) {
          ctx_.diagnostics.error("duplicate-page", "page " + std::to_string(*n) + " appears twice", r.where("page"),
                                 {"first at " + it->second});
        }
      }
      if (auto s = r.string("template")) {
        page.template_name = *s;
        if (layout_ok_ && !issue_.layout.templates.contains(*s)) {
          std::vector<std::string> names;
          for (const auto& [name, t] : issue_.layout.templates) names.push_back(name);
          ctx_.diagnostics.error("unknown-template", "unknown template \"" + *s + "\"", r.where("template"),
                                 detail::did_you_mean(*s, names));
        }
      }
      if (auto s = r.string("section"); s && detail::check_text(ctx_, *s, r.where("section"))) page.section = *s;
      issue_.pages.push_back(std::move(page));
      if (const JsonValue* articles = r.get("articles");
          articles != nullptr &&
          detail::expect_kind(ctx_, *articles, r.pointer("articles"), JsonKind::Array, "an array of placements")) {
        for (std::size_t j = 0; j < articles->items.size(); ++j) {
          read_placement(articles->items[j], json_pointer_append(r.pointer("articles"), std::to_string(j)));
        }
      }
    }
    for (const auto& [n, pointer] : numbers) page_numbers_.insert(n);
  }

  void read_placement(const JsonValue& value, const std::string& pointer) {
    ObjectReader r(ctx_, value, pointer,
                   {"article", "continued", "column", "span", "line", "lines", "continue", "headline_style", "head_span",
                    "photo_aspect", "fit", "orientation", "headline_orientation", "headline_side", "headline_columns",
                    "bands"});
    if (!r.ok()) return;
    model::PageSpec& page = issue_.pages.back();
    model::Placement placement;
    placement.where = detail::where(ctx_, value, pointer);
    PendingPlacement pending;
    pending.page = issue_.pages.size() - 1;
    pending.index = page.articles.size();

    // Where: column, span and lines on the grid.
    const std::size_t errors = ctx_.diagnostics.error_count();
    if (auto n = r.integer("column", 1, INT_MAX, true)) placement.column = *n;
    if (auto n = r.integer("span", 1, INT_MAX, true)) placement.span = *n;
    // "line": "auto" stacks the area below the ones listed before it; "lines": "fill" takes the
    // rows down to the next area below it (issue 13, stacked placements).
    if (const JsonValue* line = r.get("line"); line != nullptr && line->kind == JsonKind::String) {
      placement.line_auto = keyword(*line, r.pointer("line"), "auto", "an integer of at least 0");
    } else if (line != nullptr && line->kind == JsonKind::Integer && line->integer > kMaxLine) {
      ctx_.diagnostics.error("out-of-grid", "line " + line->text + " is beyond any page (at most " + std::to_string(kMaxLine) + ")",
                             r.where("line"));
    } else if (auto n = r.integer("line", 0)) {
      placement.line = *n;
    }
    if (const JsonValue* lines = r.get("lines"); lines != nullptr && lines->kind == JsonKind::String) {
      placement.lines_fill = keyword(*lines, r.pointer("lines"), "fill", "an integer from 1 to " + std::to_string(kMaxLine));
    } else if (auto n = r.integer("lines", 1, kMaxLine)) {
      placement.lines = *n;
    }
    if (auto style = r.string("headline_style")) {
      if (layout_ok_ && !issue_.layout.styles.contains(*style)) {
        ctx_.diagnostics.error("unknown-style", "the layout has no style \"" + *style + "\"", r.where("headline_style"));
      }
      placement.headline_style = *style;
    }
    if (const JsonValue* aspect = r.get("photo_aspect")) {
      const bool number = aspect->kind == JsonKind::Integer || aspect->kind == JsonKind::Float;
      const double v = aspect->kind == JsonKind::Integer ? static_cast<double>(aspect->integer) : aspect->number;
      if (!number || !(v >= 0.2 && v <= 5.0)) {
        ctx_.diagnostics.error("bad-value", "expected a width/height ratio between 0.2 and 5, found " + describe(*aspect),
                               r.where("photo_aspect"));
      } else {
        placement.photo_aspect = v;
      }
    }
    if (auto fit = r.boolean("fit")) placement.fit = *fit;
    if (auto n = r.integer("head_span", 1, INT_MAX)) {
      if (*n > placement.span) {
        ctx_.diagnostics.error("out-of-grid", "head_span " + std::to_string(*n) + " is wider than the area's span " +
                               std::to_string(placement.span), r.where("head_span"));
      }
      placement.head_span = *n;
    }
    // 竖排 (issue 16): a vertical article, or a vertical headline strip at one side of the area.
    const std::vector<std::pair<std::string, bool>> orientations = {{"horizontal", false}, {"vertical", true}};
    if (auto v = r.choice("orientation", orientations)) placement.vertical = *v;
    if (auto v = r.choice("headline_orientation", orientations)) placement.headline_vertical = *v;
    if (auto left = r.choice<bool>("headline_side", {{"right", false}, {"left", true}})) placement.headline_left = *left;
    if (auto n = r.integer("headline_columns", 1, INT_MAX)) {
      if (*n > placement.span) {
        ctx_.diagnostics.error("out-of-grid", "headline_columns " + std::to_string(*n) + " is wider than the area's span " +
                               std::to_string(placement.span), r.where("headline_columns"));
      }
      placement.headline_columns = *n;
    }
    if ((r.get("headline_side") != nullptr || r.get("headline_columns") != nullptr) && !placement.headline_vertical) {
      const std::string_view key = r.get("headline_side") != nullptr ? "headline_side" : "headline_columns";
      ctx_.diagnostics.error("conflicting-keys", "\"" + std::string(key) + "\" is for a vertical headline only",
                             r.where(key), {"add \"headline_orientation\": \"vertical\""});
    }
    if (placement.headline_vertical && placement.head_span) {
      ctx_.diagnostics.error("conflicting-keys", "a vertical headline stands in its own strip: \"head_span\" does not apply",
                             r.where("head_span"), {"give the strip's width with \"headline_columns\""});
    }
    if (placement.vertical && placement.headline_vertical) {
      ctx_.diagnostics.error("conflicting-keys", "a vertical article sets its headline vertically anyway",
                             r.where("headline_orientation"), {"remove \"headline_orientation\""});
    }
    if (auto n = r.integer("bands", 1, 16)) {
      placement.bands = *n;
      if (!placement.vertical) {
        ctx_.diagnostics.error("conflicting-keys", "\"bands\" is for a vertical article only", r.where("bands"),
                               {"add \"orientation\": \"vertical\""});
      } else if (placement.lines && *placement.lines < 4 * *n - 1) {
        ctx_.diagnostics.error("bad-value",
                               std::to_string(*n) + " bands need at least " + std::to_string(4 * *n - 1) +
                                   " rows (three a band, one between bands); the area has " + std::to_string(*placement.lines),
                               r.where("bands"), {"give the area more \"lines\", or fewer bands"});
      }
    }
    if (placement.vertical && !placement.lines) {
      ctx_.diagnostics.error("missing-key", "a vertical article needs its height: \"lines\" (grid rows)",
                             r.where("orientation"), {"its vertical lines run down the area's rows"});
    }
    // Vertical articles and stories under a vertical headline strip jump as any other (a
    // vertical article to a vertical continuation, checked with the jumps); a continuation has
    // no headline group to set vertically.
    if (placement.headline_vertical && r.get("continued") != nullptr) {
      ctx_.diagnostics.error("conflicting-keys", "a continuation has no headline group to set vertically",
                             r.where("continued"), {"remove \"headline_orientation\" from the continuation"});
    }
    pending.grid_ok = ctx_.diagnostics.error_count() == errors;
    const int columns = issue_.layout.grid.columns;
    if (pending.grid_ok && layout_ok_ && placement.column + placement.span - 1 > columns) {
      ctx_.diagnostics.error("out-of-grid",
                             "columns " + span_text(placement.column, placement.column + placement.span - 1) +
                                 " lie outside the grid of " + std::to_string(columns) + " columns",
                             r.where("span"),
                             {placement.column <= columns
                                  ? "the largest span at column " + std::to_string(placement.column) + " is " +
                                        std::to_string(columns - placement.column + 1)
                                  : "columns are numbered 1 to " + std::to_string(columns)});
      pending.grid_ok = false;
    }

    // What: an article file, or the rest of an article begun on another page.
    const JsonValue* article = r.get("article");
    const JsonValue* continued = r.get("continued");
    if (article != nullptr && continued != nullptr) {
      ctx_.diagnostics.error("conflicting-keys", "a placement has either \"article\" or \"continued\", not both",
                             r.where("continued"));
    } else if (article != nullptr) {
      if (auto path = r.string("article"); path && detail::check_path(ctx_, *path, r.where("article"), "article")) {
        placement.article = load_article_at(*path, r.where("article"));
      }
    } else if (continued != nullptr) {
      if (auto id = r.string("continued")) {
        placement.continued = true;
        pending.continued_id = *id;
        pending.continued_where = r.where("continued");
      }
    } else {
      ctx_.diagnostics.error("missing-key", "missing required key \"article\" (or \"continued\")",
                             detail::where(ctx_, value, pointer));
    }

    // Jump: 下转第N版.
    if (const JsonValue* jump = r.get("continue")) {
      ObjectReader j(ctx_, *jump, r.pointer("continue"), {"page"});
      if (auto n = j.integer("page", 1, 10000, true)) {
        pending.continue_page = *n;
        pending.continue_where = j.where("page");
      }
    }
    page.articles.push_back(placement);
    pending_.push_back(std::move(pending));
  }

  // The index into Issue::articles of the article file at `path` (loaded once), or -1.
  int load_article_at(const std::string& path, const SourceRef& where) {
    const std::filesystem::path resolved = detail::join(file_.parent_path(), path);
    const std::string key = resolved.generic_string();
    if (auto it = article_index_.find(key); it != article_index_.end()) {
      // The same story printed twice is a mistake of the page plan; the rest of a story on
      // another page is a "continued" placement, which names the article by id.
      const SourceRef& first = article_where_by_file_.at(key);
      ctx_.diagnostics.error("duplicate-placement",
                             "article \"" + key + "\" is placed twice: here and at " + first.json_pointer + " (line " +
                                 std::to_string(first.line) + ")",
                             where,
                             {"to go on with it on another page, give the first placement \"continue\": { \"page\": N } "
                              "and place \"continued\": \"<its id>\" on page N"});
      return it->second;
    }
    article_where_by_file_.emplace(key, where);
    int index = -1;
    if (budget_.exhausted()) {
      // A budget of the run is spent (reported once): reading on would only cost more.
    } else if (!options_.allow_outside_paths && !detail::is_inside(resolved, issue_dir_)) {
      ctx_.diagnostics.error("path-outside-issue", "article \"" + key + "\" lies outside the issue's folder", where,
                             {"keep articles inside the issue's folder, or pass the option that allows outside paths"});
    } else if (const std::string why = why_not_a_file(resolved); !why.empty()) {
      ctx_.diagnostics.error("file-not-found", "article file \"" + key + "\" " + why, where);
    } else if (!budget_.charge_file(ctx_.diagnostics, resolved, where)) {
      // Over the input budget before it is read.
    } else if (auto article = load_article(resolved, issue_dir_, options_, ctx_.diagnostics);
               article && budget_.charge_article(ctx_.diagnostics, *article, where)) {
      index = static_cast<int>(issue_.articles.size());
      issue_.articles.push_back(std::move(*article));
      article_where_.push_back(where);
    }
    article_index_[key] = index;
    return index;
  }

  // Every continue names another existing page; every continued id names an article placed
  // with a continue to this page.
  void check_jumps() {
    for (const PendingPlacement& p : pending_) {
      if (!p.continue_page) continue;
      const int here = issue_.pages[p.page].number;
      if (*p.continue_page == here) {
        ctx_.diagnostics.error("bad-value", "an article cannot continue on its own page " + std::to_string(here),
                               p.continue_where);
      } else if (!page_numbers_.contains(*p.continue_page)) {
        ctx_.diagnostics.error("unknown-page", "page " + std::to_string(*p.continue_page) + " does not exist in this issue",
                               p.continue_where);
      } else {
        issue_.pages[p.page].articles[p.index].continue_page = p.continue_page;
      }
    }
    std::set<std::pair<int, int>> continued_to;  // (article, page) pairs that have their continuation
    for (const PendingPlacement& p : pending_) {
      if (!p.continued_id) continue;
      const int here = issue_.pages[p.page].number;
      int match = -1;
      const model::Placement* source = nullptr;
      bool unresolved = false;
      std::vector<std::string> jumping_here;
      for (const PendingPlacement& q : pending_) {
        const model::Placement& from = issue_.pages[q.page].articles[q.index];
        if (!q.continue_page || *q.continue_page != here) continue;
        if (from.article < 0) {
          unresolved = true;  // an article that failed to load jumps here: already reported
          continue;
        }
        const std::string& id = issue_.articles[static_cast<std::size_t>(from.article)].id;
        jumping_here.push_back(id);
        if (id == *p.continued_id) {
          match = from.article;
          source = &from;
        }
      }
      if (match < 0 && unresolved) continue;
      if (match < 0) {
        std::vector<std::string> hints = detail::did_you_mean(*p.continued_id, jumping_here);
        if (jumping_here.empty()) hints.push_back("no article placed with \"continue\": { \"page\": " + std::to_string(here) + " }");
        ctx_.diagnostics.error("unknown-article",
                               "no article \"" + *p.continued_id + "\" continues on page " + std::to_string(here),
                               p.continued_where, std::move(hints));
      } else {
        model::Placement& continuation = issue_.pages[p.page].articles[p.index];
        continuation.article = match;
        continued_to.insert({match, here});
        // 竖排 goes on 竖排: the rest of a vertical article is vertical lines, a horizontal one's
        // horizontal lines.
        if (source->vertical != continuation.vertical) {
          ctx_.diagnostics.error("conflicting-keys",
                                 "article \"" + *p.continued_id + "\" is set " +
                                     (source->vertical ? "vertically: its continuation must be vertical too"
                                                       : "horizontally: its continuation cannot be vertical"),
                                 p.continued_where,
                                 {source->vertical ? "add \"orientation\": \"vertical\" and \"lines\" to the continuation"
                                                   : "remove \"orientation\" from the continuation"});
        }
      }
    }
    // A jump line says 下转第N版, so page N must carry the rest.
    for (const PendingPlacement& p : pending_) {
      const model::Placement& from = issue_.pages[p.page].articles[p.index];
      if (!from.continue_page || from.article < 0 || continued_to.contains({from.article, *from.continue_page})) continue;
      if (has_unresolved_continued(*from.continue_page)) continue;  // already reported
      ctx_.diagnostics.error("missing-continuation",
                             "article \"" + issue_.articles[static_cast<std::size_t>(from.article)].id + "\" continues on page " +
                                 std::to_string(*from.continue_page) + ", but that page has no \"continued\" placement for it",
                             p.continue_where);
    }
  }

  bool has_unresolved_continued(int page) const {
    for (const PendingPlacement& p : pending_) {
      if (p.continued_id && issue_.pages[p.page].number == page && issue_.pages[p.page].articles[p.index].article < 0) {
        return true;
      }
    }
    return false;
  }

  // Two placements on one page whose columns and lines both intersect, when both have `line` and
  // `lines` (without them an area's place or height is decided by layout/).
  void check_overlaps() {
    for (std::size_t a = 0; a < pending_.size(); ++a) {
      const PendingPlacement& pa = pending_[a];
      const model::Placement& x = issue_.pages[pa.page].articles[pa.index];
      if (!pa.grid_ok || !x.lines || x.line_auto) continue;
      for (std::size_t b = a + 1; b < pending_.size(); ++b) {
        const PendingPlacement& pb = pending_[b];
        if (pb.page != pa.page || !pb.grid_ok) continue;
        const model::Placement& y = issue_.pages[pb.page].articles[pb.index];
        if (!y.lines || y.line_auto) continue;
        const bool columns = x.column < y.column + y.span && y.column < x.column + x.span;
        const bool lines = x.line < y.line + *y.lines && y.line < x.line + *x.lines;
        if (columns && lines) {
          // The lower area (the later one when both start on the same row) would have to move
          // below the upper one's last row.
          const bool x_upper = x.line <= y.line;
          const model::Placement& upper = x_upper ? x : y;
          const model::Placement& lower = x_upper ? y : x;
          const int first_column = std::max(x.column, y.column);
          const int last_column = std::min(x.column + x.span, y.column + y.span) - 1;
          const int first_row = std::max(x.line, y.line);
          const int last_row = std::min(x.line + *x.lines, y.line + *y.lines) - 1;
          ctx_.diagnostics.error("overlap",
                                 "area of " + placement_name(pb) + " overlaps the area of " + placement_name(pa) +
                                     " (" + x.where.json_pointer + ") in columns " +
                                     span_text(first_column, last_column) + ", rows " +
                                     span_text(first_row, last_row) + "; " +
                                     placement_name(&lower == &x ? pa : pb) + " would have to move down " +
                                     counted(upper.line + *upper.lines - lower.line, "row"),
                                 y.where,
                                 {"move it down, give the other fewer `lines`, or run with --proof-on-error to see "
                                  "the overlap on the proof"});
        }
      }
    }
  }

  // A string value that must be `word` (a placement's "auto" line or "fill" lines); `number` says
  // what else the key takes.
  bool keyword(const JsonValue& value, const std::string& pointer, const std::string& word, const std::string& number) {
    if (value.text == word) return true;
    ctx_.diagnostics.error("bad-value", "expected " + number + " or \"" + word + "\", found " + describe(value),
                           detail::where(ctx_, value, pointer));
    return false;
  }

  // "article \"id\"" for a placement, or its position when the article is not known.
  std::string placement_name(const PendingPlacement& p) const {
    const model::Placement& placement = issue_.pages[p.page].articles[p.index];
    if (placement.article >= 0 && static_cast<std::size_t>(placement.article) < issue_.articles.size()) {
      return "article \"" + issue_.articles[static_cast<std::size_t>(placement.article)].id + "\"";
    }
    if (p.continued_id) return "the continuation of \"" + *p.continued_id + "\"";
    return placement.where.json_pointer;
  }

  // Issue::input_files: what the run read, so that no output replaces it.
  void list_input_files() {
    std::set<std::string> seen;
    auto add = [&](const std::string& f) {
      if (!f.empty() && seen.insert(f).second) issue_.input_files.push_back(f);
    };
    add(issue_.file);
    add(issue_.layout.file);
    for (const model::Article& a : issue_.articles) {
      add(a.file);
      add(a.body_file);
      for (const model::Block& block : a.body) {
        if (const auto* photo = std::get_if<model::Photo>(&block)) add(photo->path);
      }
    }
  }

  void check_unique_ids() {
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < issue_.articles.size(); ++i) {
      const model::Article& a = issue_.articles[i];
      if (auto [it, inserted] = seen.emplace(a.id, i); !inserted) {
        ctx_.diagnostics.error("duplicate-id",
                               "article id \"" + a.id + "\" of \"" + a.file + "\" is also the id of \"" +
                                   issue_.articles[it->second].file + "\"",
                               article_where_[i], {"article ids must be unique in an issue"});
      }
    }
  }

  const std::filesystem::path& file_;
  std::filesystem::path issue_dir_;
  const LoadOptions& options_;
  FileContext ctx_;
  model::Issue issue_;
  bool layout_ok_ = false;
  std::set<int> page_numbers_;
  std::vector<PendingPlacement> pending_;
  std::map<std::string, int> article_index_;  // resolved path -> index into Issue::articles, or -1
  std::vector<SourceRef> article_where_;      // the placement that first named each article
  std::map<std::string, SourceRef> article_where_by_file_;  // resolved path -> the placement naming it
  RunBudget budget_;
};

}  // namespace

std::optional<model::Issue> load_issue(const std::filesystem::path& file, const LoadOptions& options,
                                       Diagnostics& diagnostics) {
  return IssueLoader(file, options, diagnostics).load();
}

}  // namespace zjgr::input
