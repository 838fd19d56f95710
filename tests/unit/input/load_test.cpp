// Loading issues, layouts and articles: a valid small issue, and malformed inputs each reported
// with code, file, JSON pointer and line (column where it matters). CLREQ P7 for 号 sizes.
#include "input/load.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <tuple>

#include "input/detail/text_checks.h"
#include "support/paths.h"

namespace zjgr::input {
namespace {

// A header-only JPEG: SOI, APP0 (JFIF), SOF0 for `width`×`height`, EOI. Enough for the probe.
std::string jpeg_header(int width, int height) {
  std::string s = "\xFF\xD8\xFF\xE0";
  s += std::string("\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 16);
  s += std::string("\xFF\xC0\x00\x11\x08", 5);
  s += static_cast<char>(height >> 8);
  s += static_cast<char>(height & 0xFF);
  s += static_cast<char>(width >> 8);
  s += static_cast<char>(width & 0xFF);
  s += std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
  s += "\xFF\xD9";
  return s;
}

std::string png_header(std::uint32_t width, std::uint32_t height) {
  std::string s("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR", 16);
  for (std::uint32_t v : {width, height}) {
    for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xFF);
  }
  s += std::string("\x08\x02\x00\x00\x00\x00\x00\x00\x00", 9);
  return s;
}

constexpr const char* kLayout = R"({
  "name": "mini",
  "page": { "width": "200mm", "height": "300mm", "bleed": "3mm",
            "margin": { "top": "10mm", "bottom": "10mm", "inside": "12mm", "outside": "8mm" } },
  "grid": { "columns": 4, "gutter": "2em", "body_style": "body", "column_rules": true },
  "fonts": { "song": ["Noto Serif CJK SC"], "hei": ["Noto Sans CJK SC"], "kai": ["LXGW WenKai", "Noto Serif CJK SC"] },
  "styles": {
    "body": { "font": "song", "size": "小五", "leading": "1.55", "indent": "2em", "kinsoku": "gb" },
    "headline": { "font": "hei", "weight": "bold", "size": "小初", "align": "center", "tracking": "0.05em" },
    "caption": { "font": "kai", "size": "六号", "leading": "11pt", "color": "#333333", "punctuation": "kaiming" }
  },
  "templates": {
    "front": { "reserved_lines": 10,
               "texts": [ { "text": "{newspaper}", "style": "headline", "column": 1, "span": 4, "lines": 6, "align": "center" } ],
               "rules": [ { "line": 9, "thickness": "1pt", "double": true } ] },
    "inside": { "reserved_lines": 2 }
  }
}
)";

constexpr const char* kIssue = R"({
  "newspaper": "浙江工人日报",
  "date": "2021-02-25",
  "lunar_date": "辛丑年正月十四",
  "number": 11752,
  "fields": { "cn": "CN33-0034" },
  "layout": "mini",
  "pages": [
    { "page": 1, "template": "front", "section": "要闻",
      "articles": [
        { "article": "articles/a.json", "column": 1, "span": 3, "line": 10, "lines": 20 },
        { "article": "articles/b.json", "column": 4, "span": 1, "line": 10, "lines": 30,
          "continue": { "page": 2 } } ] },
    { "page": 2, "template": "inside", "section": "综合新闻",
      "articles": [ { "continued": "b", "column": 1, "span": 2 } ] }
  ]
}
)";

constexpr const char* kArticleA = R"({
  "id": "a",
  "kicker": "引题",
  "headline": "浙江文化走向世界",
  "byline": "本报记者 张浩星",
  "body": [
    "记者日前从省商务厅获悉。",
    { "subhead": "坚持实干为先" },
    { "photo": "../images/p.jpg", "caption": "元宵", "credit": "通讯员 摄", "span": 2, "fit": "crop", "aspect": 1.5 },
    "第二段。"
  ]
}
)";

constexpr const char* kArticleB = R"({
  "id": "b",
  "headline": "二版",
  "body_file": "b.txt",
  "columns": 1,
  "box": true
}
)";

class LoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = test::scratch_dir(std::string("input/") + info->test_suite_name() + "." + info->name());
    write("mini.json", kLayout);
    write("issue.json", kIssue);
    write("articles/a.json", kArticleA);
    write("articles/b.json", kArticleB);
    write("articles/b.txt", "第一段第一行\n第一段第二行\n\n  Second paragraph\r\nwith Latin\n\n\n");
    write("images/p.jpg", jpeg_header(640, 480));
  }

  void write(const std::string& relative, std::string_view text) {
    const auto path = dir_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  }

  // Replaces the first `from` in file `relative` by `to`; fails the test if `from` is absent.
  void edit(const std::string& relative, std::string_view from, std::string_view to) {
    std::ifstream in(dir_ / relative, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    write(relative, text);
  }

  std::string path(const std::string& relative) const { return (dir_ / relative).generic_string(); }

  std::optional<model::Issue> load() { return load_issue(dir_ / "issue.json", options_, diagnostics_); }

  // Loads, expects failure, and returns the first diagnostic with `code`.
  Diagnostic fails_with(const std::string& code) {
    const auto issue = load();
    EXPECT_FALSE(issue.has_value()) << "load_issue must return nullopt on errors";
    for (const auto& d : diagnostics_.items()) {
      if (d.code == code) return d;
    }
    ADD_FAILURE() << "no diagnostic \"" << code << "\" in:\n" << all();
    return {};
  }

  std::string all() const {
    std::string out;
    for (const auto& d : diagnostics_.items()) out += format(d) + "\n";
    return out;
  }

  std::filesystem::path dir_;
  LoadOptions options_;
  Diagnostics diagnostics_;
};

bool has_hint(const Diagnostic& d, std::string_view text) {
  for (const auto& h : d.hints) {
    if (h.find(text) != std::string::npos) return true;
  }
  return false;
}

// --- the valid issue -------------------------------------------------------------------------

TEST_F(LoadTest, LoadsAValidIssueWithLayoutArticlesAndJumps) {
  const auto issue = load();
  ASSERT_TRUE(issue.has_value()) << all();
  EXPECT_EQ(diagnostics_.items().size(), 0u) << all();
  EXPECT_EQ(issue->newspaper, "浙江工人日报");
  EXPECT_EQ(issue->date.year, 2021);
  EXPECT_EQ(issue->date.month, 2);
  EXPECT_EQ(issue->date.day, 25);
  EXPECT_EQ(issue->date.weekday(), 4);  // a Thursday
  EXPECT_EQ(issue->lunar_date, "辛丑年正月十四");
  EXPECT_EQ(issue->number, 11752);
  EXPECT_EQ(issue->fields.at("cn"), "CN33-0034");
  EXPECT_EQ(issue->file, path("issue.json"));

  // Pages and placements.
  ASSERT_EQ(issue->pages.size(), 2u);
  const model::PageSpec& front = issue->pages[0];
  EXPECT_EQ(front.number, 1);
  EXPECT_EQ(front.template_name, "front");
  EXPECT_EQ(front.section, "要闻");
  ASSERT_EQ(front.articles.size(), 2u);
  EXPECT_EQ(front.articles[0].column, 1);
  EXPECT_EQ(front.articles[0].span, 3);
  EXPECT_EQ(front.articles[0].line, 10);
  EXPECT_EQ(front.articles[0].lines, 20);
  EXPECT_FALSE(front.articles[0].continue_page.has_value());
  EXPECT_EQ(front.articles[0].where.json_pointer, "/pages/0/articles/0");
  EXPECT_EQ(front.articles[0].where.line, 11);
  EXPECT_EQ(front.articles[1].continue_page, 2);
  ASSERT_EQ(issue->articles.size(), 2u);
  EXPECT_EQ(issue->articles[static_cast<std::size_t>(front.articles[0].article)].id, "a");
  EXPECT_EQ(issue->articles[static_cast<std::size_t>(front.articles[1].article)].id, "b");
  const model::Placement& jump = issue->pages[1].articles.at(0);
  EXPECT_TRUE(jump.continued);
  EXPECT_EQ(jump.article, front.articles[1].article);
  EXPECT_EQ(jump.line, 0);  // default
  EXPECT_FALSE(jump.lines.has_value());

  // Layout: lengths resolved, em relative to the right size.
  const model::Layout& layout = issue->layout;
  EXPECT_EQ(layout.name, "mini");
  EXPECT_EQ(layout.file, path("mini.json"));
  EXPECT_EQ(layout.page.width, Length::mm(200));
  EXPECT_EQ(layout.page.bleed, Length::mm(3));
  EXPECT_EQ(layout.page.margin.inside, Length::mm(12));
  EXPECT_EQ(layout.grid.columns, 4);
  EXPECT_EQ(layout.grid.gutter, Length::pt(18));  // 2em of the 小五 body
  EXPECT_TRUE(layout.grid.column_rules);
  EXPECT_EQ(layout.fonts.at("kai").size(), 2u);
  const model::Style& body = layout.styles.at("body");
  EXPECT_EQ(body.size, Length::pt(9));  // CLREQ P7: 小五 = 9 pt
  EXPECT_EQ(body.leading, Length::pt(9) * 1.55);
  EXPECT_EQ(body.indent, Length::pt(18));
  EXPECT_EQ(body.kinsoku, model::Kinsoku::GB);
  const model::Style& headline = layout.styles.at("headline");
  EXPECT_EQ(headline.weight, 700);
  EXPECT_EQ(headline.size, Length::pt(36));
  EXPECT_EQ(headline.leading, Length::pt(54));  // default 1.5 × size
  EXPECT_EQ(headline.tracking, Length::pt(36) * 0.05);
  EXPECT_EQ(headline.align, model::Align::Center);
  const model::Style& caption = layout.styles.at("caption");
  EXPECT_EQ(caption.leading, Length::pt(11));
  EXPECT_EQ(caption.color, "#333333");
  EXPECT_EQ(caption.punctuation, model::PunctuationStyle::Kaiming);
  const model::PageTemplate& tpl = layout.templates.at("front");
  EXPECT_EQ(tpl.reserved_lines, 10);
  ASSERT_EQ(tpl.texts.size(), 1u);
  EXPECT_EQ(tpl.texts[0].text, "{newspaper}");  // variables are expanded by layout/
  EXPECT_EQ(tpl.texts[0].lines, 6);
  ASSERT_EQ(tpl.rules.size(), 1u);
  EXPECT_TRUE(tpl.rules[0].double_rule);
  EXPECT_EQ(tpl.rules[0].span, 0);
  EXPECT_EQ(layout.templates.at("inside").reserved_lines, 2);
}

TEST_F(LoadTest, ArticleBlocksCarryTheirSourceAndPhotosTheirPixelSize) {
  const auto issue = load();
  ASSERT_TRUE(issue.has_value()) << all();
  const model::Article& a = issue->articles.at(0);
  EXPECT_EQ(a.file, path("articles/a.json"));
  EXPECT_EQ(a.kicker, "引题");
  EXPECT_EQ(a.headline, "浙江文化走向世界");
  EXPECT_EQ(a.byline, "本报记者 张浩星");
  ASSERT_EQ(a.body.size(), 4u);
  const auto& p0 = std::get<model::Paragraph>(a.body[0]);
  EXPECT_EQ(p0.text, "记者日前从省商务厅获悉。");
  EXPECT_EQ(p0.where.file, path("articles/a.json"));
  EXPECT_EQ(p0.where.json_pointer, "/body/0");
  EXPECT_EQ(p0.where.line, 7);
  EXPECT_EQ(p0.where.column, 5);
  const auto& subhead = std::get<model::Subhead>(a.body[1]);
  EXPECT_EQ(subhead.text, "坚持实干为先");
  EXPECT_EQ(subhead.where.json_pointer, "/body/1");
  EXPECT_EQ(subhead.where.line, 8);
  const auto& photo = std::get<model::Photo>(a.body[2]);
  EXPECT_EQ(photo.format, model::ImageFormat::Jpeg);
  EXPECT_EQ(photo.pixel_width, 640);
  EXPECT_EQ(photo.pixel_height, 480);
  EXPECT_EQ(photo.orientation, 1);
  EXPECT_EQ(photo.span, 2);
  EXPECT_EQ(photo.fit, model::PhotoFit::Crop);
  EXPECT_EQ(photo.aspect, 1.5);
  EXPECT_EQ(photo.caption, "元宵");
  EXPECT_EQ(photo.credit, "通讯员 摄");
  EXPECT_TRUE(std::filesystem::path(photo.path).is_absolute());
  EXPECT_TRUE(std::filesystem::equivalent(photo.path, dir_ / "images/p.jpg"));
  EXPECT_EQ(photo.where.line, 9);

  // body_file: paragraphs split at blank lines; Chinese lines joined without a space.
  const model::Article& b = issue->articles.at(1);
  EXPECT_EQ(b.columns, 1);
  EXPECT_TRUE(b.box);
  ASSERT_EQ(b.body.size(), 2u);
  const auto& first = std::get<model::Paragraph>(b.body[0]);
  EXPECT_EQ(first.text, "第一段第一行第一段第二行");
  EXPECT_EQ(first.where.file, path("articles/b.txt"));
  EXPECT_EQ(first.where.line, 1);
  const auto& second = std::get<model::Paragraph>(b.body[1]);
  EXPECT_EQ(second.text, "Second paragraph with Latin");
  EXPECT_EQ(second.where.line, 4);
}

// A camera's portrait photo: stored 640×480 with EXIF orientation 6 (turn 90° clockwise). The
// model's size is the upright one, so layout's aspect and the effective resolution are right.
TEST_F(LoadTest, ExifTurnedJpegHasItsUprightSizeAndOrientation) {
  std::string jpeg = jpeg_header(640, 480);
  const std::string exif("Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0", 32);
  jpeg.insert(2, std::string("\xFF\xE1\0\x22", 4) + exif);  // APP1, length 34, right after SOI
  write("images/p.jpg", jpeg);
  auto issue = load();
  ASSERT_TRUE(issue.has_value()) << all();
  const auto& photo = std::get<model::Photo>(issue->articles.at(0).body.at(2));
  EXPECT_EQ(photo.orientation, 6);
  EXPECT_EQ(photo.pixel_width, 480);
  EXPECT_EQ(photo.pixel_height, 640);
}

TEST_F(LoadTest, PngPhotosAndLayoutPathsAndLayoutDirs) {
  write("images/q.png", png_header(300, 200));
  edit("articles/a.json", "../images/p.jpg", "../images/q.png");
  std::filesystem::create_directories(dir_ / "house");
  std::filesystem::rename(dir_ / "mini.json", dir_ / "house/mini.json");
  options_.layout_dirs.push_back(dir_ / "house");
  auto issue = load();
  ASSERT_TRUE(issue.has_value()) << all();
  const auto& photo = std::get<model::Photo>(issue->articles.at(0).body.at(2));
  EXPECT_EQ(photo.format, model::ImageFormat::Png);
  EXPECT_EQ(photo.pixel_width, 300);
  EXPECT_EQ(photo.pixel_height, 200);
  EXPECT_EQ(issue->layout.file, path("house/mini.json"));

  // A layout given as a path is relative to the issue file.
  edit("issue.json", "\"layout\": \"mini\"", "\"layout\": \"house/mini.json\"");
  options_.layout_dirs.clear();
  issue = load();
  ASSERT_TRUE(issue.has_value()) << all();
  EXPECT_EQ(issue->layout.name, "mini");
}

TEST_F(LoadTest, LoadLayoutAndLoadArticleWorkAlone) {
  Diagnostics d;
  const auto layout = load_layout(dir_ / "mini.json", d);
  ASSERT_TRUE(layout.has_value());
  EXPECT_EQ(layout->styles.size(), 3u);
  const auto article = load_article(dir_ / "articles/a.json", dir_, LoadOptions{}, d);
  ASSERT_TRUE(article.has_value());
  EXPECT_EQ(article->id, "a");
  EXPECT_FALSE(d.has_errors());
}

// --- issue 18: nonsense stopped at input, white space, paths -------------------------------------

TEST_F(LoadTest, BodyParagraphsLoseTheWhiteSpaceTheyStartWith) {
  // Chinese copy indents with two ideographic spaces; the style's indent does that (H1).
  edit("articles/a.json", "\"记者日前从省商务厅获悉。\"",
       "\"\u3000\u3000记者日前从省商务厅获悉。\", \"  \\t\u00A0\u3000Latin text\", \"\u3000\u3000\"");
  edit("articles/b.txt", "第一段第一行", "\u3000\u3000第一段第一行");
  const auto issue = load();
  ASSERT_TRUE(issue.has_value()) << all();
  const model::Article& a = issue->articles.at(0);
  EXPECT_EQ(std::get<model::Paragraph>(a.body.at(0)).text, "记者日前从省商务厅获悉。");
  EXPECT_EQ(std::get<model::Paragraph>(a.body.at(1)).text, "Latin text");
  EXPECT_EQ(std::get<model::Paragraph>(a.body.at(2)).text, "");  // nothing but spaces
  EXPECT_EQ(std::get<model::Paragraph>(issue->articles.at(1).body.at(0)).text, "第一段第一行第一段第二行");
  // White space inside a paragraph stays.
  edit("articles/a.json", "Latin text", "Latin\u3000 text");
  EXPECT_EQ(std::get<model::Paragraph>(load()->articles.at(0).body.at(1)).text, "Latin\u3000 text");
}

TEST_F(LoadTest, NoncharactersAreDroppedWithOneWarning) {
  edit("articles/a.json", "记者日前", "记者\\uFFFE日前\\uFDD0\\uDBFF\\uDFFF");
  edit("issue.json", "\"section\": \"要闻\"", "\"section\": \"要\\uFDEF闻\"");
  const auto issue = load();
  ASSERT_TRUE(issue.has_value()) << all();
  EXPECT_EQ(std::get<model::Paragraph>(issue->articles.at(0).body.at(0)).text, "记者日前从省商务厅获悉。");
  EXPECT_EQ(issue->pages.at(0).section, "要闻");
  ASSERT_EQ(diagnostics_.warning_count(), 2u) << all();
  const Diagnostic& d = diagnostics_.items().at(0);
  EXPECT_EQ(d.code, "noncharacter");
  EXPECT_EQ(d.where.file, path("issue.json"));
  EXPECT_EQ(d.where.json_pointer, "/pages/0/section");
  const Diagnostic& in_article = diagnostics_.items().at(1);
  EXPECT_EQ(in_article.where.json_pointer, "/body/0");
  EXPECT_NE(in_article.message.find("U+FFFE and 2 more"), std::string::npos) << in_article.message;
  EXPECT_EQ(in_article.where.chars.begin, 6u);  // after 记者
  // Characters next to noncharacters are kept: U+FFFD, U+FDCF, U+FDF0, U+10FFFD.
  EXPECT_FALSE(detail::is_noncharacter(0xFFFD));
  EXPECT_FALSE(detail::is_noncharacter(0xFDCF));
  EXPECT_FALSE(detail::is_noncharacter(0xFDF0));
  EXPECT_FALSE(detail::is_noncharacter(0x10FFFD));
  EXPECT_TRUE(detail::is_noncharacter(0x1FFFE));
  EXPECT_TRUE(detail::is_noncharacter(0x10FFFF));
}

// CLREQ F3: full-width Latin letters and digits in stored text are discouraged: kept, with one
// warning per text at its first one; ASCII and full-width punctuation are not warned about.
TEST_F(LoadTest, F3_FullWidthLatinLettersAndDigitsAreWarnedAbout) {
  edit("articles/a.json", "记者日前", "记者ＧＤＰ增长５％日前");
  const auto issue = load();
  ASSERT_TRUE(issue.has_value()) << all();
  ASSERT_EQ(diagnostics_.warning_count(), 1u) << all();
  const Diagnostic& d = diagnostics_.items().at(0);
  EXPECT_EQ(d.code, "full-width-latin");
  EXPECT_EQ(d.where.json_pointer, "/body/0");
  EXPECT_EQ(d.where.chars.begin, 6u);  // after 记者
  EXPECT_EQ(d.where.chars.end, 9u);
  EXPECT_NE(d.message.find("Ｇ (U+FF27) and 3 more"), std::string::npos) << d.message;
  EXPECT_EQ(std::get<model::Paragraph>(issue->articles.at(0).body.at(0)).text, "记者ＧＤＰ增长５％日前从省商务厅获悉。");
  for (const char32_t cp : {U'Ａ', U'ｚ', U'０', U'９'}) EXPECT_TRUE(detail::is_full_width_latin(cp));
  for (const char32_t cp : {U'％', U'，', U'（', U'＠', U'A', U'9'}) EXPECT_FALSE(detail::is_full_width_latin(cp));
  // ASCII letters and full-width punctuation alone: no warning.
  SetUp();
  edit("articles/a.json", "记者日前", "记者GDP增长5%（初步）日前");
  diagnostics_ = Diagnostics();
  ASSERT_TRUE(load().has_value());
  EXPECT_EQ(diagnostics_.warning_count(), 0u) << all();
}

// CLREQ M3: quotes inside quotes are ‘ ’ in mainland text; a “ opened inside an open “ is warned
// about at its bytes. A paragraph of a multi-paragraph quotation opens with “ and may not close.
TEST_F(LoadTest, M3_AQuotationOpenedInsideAnotherWithTheSameMarkIsWarnedAbout) {
  edit("articles/a.json", "记者日前", "他说：“大家都说“好”。”记者日前");
  ASSERT_TRUE(load().has_value());
  ASSERT_EQ(diagnostics_.warning_count(), 1u) << all();
  const Diagnostic& d = diagnostics_.items().at(0);
  EXPECT_EQ(d.code, "nested-quotes");
  EXPECT_EQ(d.where.json_pointer, "/body/0");
  EXPECT_EQ(d.where.chars.begin, std::string("他说：“大家都说").size());
  EXPECT_TRUE(detail::find_nested_quote("他说：“大家都说‘好’。”").empty());
  EXPECT_FALSE(detail::find_nested_quote("“第一段，“第二段").empty());
  EXPECT_TRUE(detail::find_nested_quote("“一”和“二”，”多余的").empty());
  EXPECT_TRUE(detail::find_nested_quote("“引文的第一段，").empty());  // the next paragraph opens again
}

TEST_F(LoadTest, ControlCharactersInPathsAreErrors) {
  // "a.json\u0000.txt" would open a.json: the system stops at the NUL.
  edit("issue.json", "\"articles/a.json\"", "\"articles/a.json\\u0000.txt\"");
  Diagnostic d = fails_with("control-character");
  EXPECT_EQ(d.where.json_pointer, "/pages/0/articles/0/article");
  EXPECT_NE(d.message.find("U+0000"), std::string::npos) << d.message;

  for (const auto& [file, from, to, pointer] :
       {std::tuple{"articles/a.json", "\"../images/p.jpg\"", "\"../images/p.jpg\\u0000\"", "/body/2/photo"},
        std::tuple{"articles/b.json", "\"b.txt\"", "\"b.txt\\n\"", "/body_file"},
        std::tuple{"issue.json", "\"mini\"", "\"mini\\t\"", "/layout"}}) {
    SetUp();
    edit(file, from, to);
    diagnostics_ = Diagnostics();
    d = fails_with("control-character");
    EXPECT_EQ(d.where.json_pointer, pointer) << all();
  }
}

TEST_F(LoadTest, AnArticlePlacedTwiceIsAnError) {
  edit("issue.json", "{ \"continued\": \"b\", \"column\": 1, \"span\": 2 }",
       "{ \"continued\": \"b\", \"column\": 1, \"span\": 2 },\n"
       "      { \"article\": \"articles/./a.json\", \"column\": 3, \"span\": 1 }");
  const Diagnostic d = fails_with("duplicate-placement");
  EXPECT_EQ(d.where.json_pointer, "/pages/1/articles/1/article");
  EXPECT_NE(d.message.find("/pages/0/articles/0/article"), std::string::npos) << d.message;  // both placements
  EXPECT_TRUE(has_hint(d, "continued"));
}

TEST_F(LoadTest, TheLayoutMustLieInsideTheIssueFolderOrALayoutFolder) {
  const auto outside = dir_.parent_path() / (dir_.filename().string() + "-elsewhere");
  std::filesystem::create_directories(outside);
  std::filesystem::copy_file(dir_ / "mini.json", outside / "mini.json", std::filesystem::copy_options::overwrite_existing);
  const std::string relative = "../" + outside.filename().string() + "/mini.json";
  edit("issue.json", "\"layout\": \"mini\"", "\"layout\": \"" + relative + "\"");
  Diagnostic d = fails_with("path-outside-issue");
  EXPECT_EQ(d.where.json_pointer, "/layout");

  // A layout folder holds it: allowed.
  diagnostics_ = Diagnostics();
  options_.layout_dirs.push_back(outside);
  EXPECT_TRUE(load().has_value()) << all();

  // As for articles, the option that allows outside paths lifts the rule.
  diagnostics_ = Diagnostics();
  options_.layout_dirs.clear();
  options_.allow_outside_paths = true;
  EXPECT_TRUE(load().has_value()) << all();

  // A name found in the issue's folder through a symlink to elsewhere is outside too.
  options_.allow_outside_paths = false;
  diagnostics_ = Diagnostics();
  edit("issue.json", relative, "mini");
  std::filesystem::remove(dir_ / "mini.json");
  std::filesystem::create_symlink(outside / "mini.json", dir_ / "mini.json");
  d = fails_with("path-outside-issue");
  EXPECT_EQ(d.where.json_pointer, "/layout");
}

TEST_F(LoadTest, AFileThatIsNoLayoutIsOneErrorQuotingNothing) {
  write("secret.json", R"({ "user": "admin", "password": "hunter2", "page": "p4ssw0rd" })");
  edit("issue.json", "\"layout\": \"mini\"", "\"layout\": \"secret.json\"");
  const Diagnostic d = fails_with("not-a-layout");
  EXPECT_EQ(d.where.file, path("secret.json"));
  for (const auto& item : diagnostics_.items()) {
    const std::string text = format(item);
    for (const char* secret : {"admin", "hunter2", "password", "user", "p4ssw0rd"}) {
      EXPECT_EQ(text.find(secret), std::string::npos) << text;
    }
  }
  EXPECT_EQ(diagnostics_.error_count(), 1u) << all();
  write("secret.json", R"(["hunter2"])");
  diagnostics_ = Diagnostics();
  EXPECT_EQ(fails_with("not-a-layout").where.file, path("secret.json"));
  EXPECT_EQ(all().find("hunter2"), std::string::npos) << all();
}

TEST_F(LoadTest, ALayoutWithOneMisspelledKeyStillGetsItsHint) {
  edit("mini.json", "\"styles\"", "\"stlyes\"");
  const Diagnostic d = fails_with("unknown-key");
  EXPECT_TRUE(has_hint(d, "did you mean \"styles\"?")) << all();
  EXPECT_EQ(d.message.find("song"), std::string::npos);  // the key, never its value
}

TEST_F(LoadTest, LengthsThatMakeNoSense) {
  // A size under 4 pt (a body of 1e-5 pt would make 819,202 grid lines of invisible text).
  edit("mini.json", "\"size\": \"小五\"", "\"size\": \"1e-5pt\"");
  Diagnostic d = fails_with("bad-length");
  EXPECT_EQ(d.where.json_pointer, "/styles/body/size");
  EXPECT_NE(d.message.find("at least 4pt"), std::string::npos) << d.message;
  edit("mini.json", "\"1e-5pt\"", "\"3.9pt\"");
  diagnostics_ = Diagnostics();
  EXPECT_EQ(fails_with("bad-length").where.json_pointer, "/styles/body/size");
  edit("mini.json", "\"3.9pt\"", "\"4pt\"");
  diagnostics_ = Diagnostics();
  EXPECT_TRUE(load().has_value()) << all();
  edit("mini.json", "\"4pt\"", "\"小五\"");

  // A leading under the size: lines overprint.
  edit("mini.json", "\"leading\": \"1.55\"", "\"leading\": \"0.9\"");
  diagnostics_ = Diagnostics();
  EXPECT_EQ(fails_with("bad-length").where.json_pointer, "/styles/body/leading");
  edit("mini.json", "\"leading\": \"0.9\"", "\"leading\": \"1.55\"");
  edit("mini.json", "\"leading\": \"11pt\"", "\"leading\": \"7pt\"");  // caption: 六号 is 7.5 pt
  diagnostics_ = Diagnostics();
  EXPECT_EQ(fails_with("bad-length").where.json_pointer, "/styles/caption/leading");
  edit("mini.json", "\"leading\": \"7pt\"", "\"leading\": \"11pt\"");

  // An indent as wide as a column: 4 columns of 12 body characters (108 pt) here.
  edit("mini.json", "\"indent\": \"2em\"", "\"indent\": \"12em\"");
  diagnostics_ = Diagnostics();
  d = fails_with("bad-length");
  EXPECT_EQ(d.where.json_pointer, "/styles/body/indent");
  EXPECT_NE(d.message.find("108pt"), std::string::npos) << d.message;
  edit("mini.json", "\"indent\": \"12em\"", "\"indent\": \"11em\"");
  diagnostics_ = Diagnostics();
  EXPECT_TRUE(load().has_value()) << all();
  edit("mini.json", "\"indent\": \"11em\"", "\"indent\": \"-12em\"");
  diagnostics_ = Diagnostics();
  EXPECT_EQ(fails_with("bad-length").where.json_pointer, "/styles/body/indent");
  edit("mini.json", "\"indent\": \"-12em\"", "\"indent\": \"2em\"");

  // Gutters that leave columns narrower than one body character.
  edit("mini.json", "\"gutter\": \"2em\"", "\"gutter\": \"60em\"");
  diagnostics_ = Diagnostics();
  EXPECT_EQ(fails_with("bad-length").where.json_pointer, "/grid/gutter");
}

TEST_F(LoadTest, TemplateTextsAndIssueTextsAreCheckedLikeArticleTexts) {
  edit("mini.json", "\"{newspaper}\"", "\"{newspaper}\\u0007\"");
  Diagnostic d = fails_with("control-character");
  EXPECT_EQ(d.where.file, path("mini.json"));
  EXPECT_EQ(d.where.json_pointer, "/templates/front/texts/0/text");
  SetUp();
  diagnostics_ = Diagnostics();
  edit("issue.json", "\"section\": \"要闻\"", "\"section\": \"" + std::string(40000, 'x') + "\"");
  d = fails_with("text-too-long");
  EXPECT_EQ(d.where.json_pointer, "/pages/0/section");
}

// --- JSON-level problems ---------------------------------------------------------------------

TEST_F(LoadTest, TruncatedJson) {
  write("issue.json", std::string(kIssue).substr(0, 120));
  const Diagnostic d = fails_with("json-syntax");
  EXPECT_EQ(d.where.file, path("issue.json"));
  EXPECT_EQ(d.where.line, 5);
  EXPECT_EQ(d.where.json_pointer, "/number");
}

TEST_F(LoadTest, TrailingComma) {
  edit("articles/a.json", "\"第二段。\"\n", "\"第二段。\",\n");
  const Diagnostic d = fails_with("json-syntax");
  EXPECT_EQ(d.where.file, path("articles/a.json"));
  EXPECT_EQ(d.where.json_pointer, "/body/4");
  EXPECT_EQ(d.where.line, 11);
  EXPECT_EQ(d.where.column, 3);
  EXPECT_TRUE(has_hint(d, "comma"));
}

TEST_F(LoadTest, WrongTypeSaysWhatWasExpectedAndFound) {
  edit("issue.json", "\"span\": 3,", "\"span\": \"3\",");
  const Diagnostic d = fails_with("wrong-type");
  EXPECT_EQ(d.where.file, path("issue.json"));
  EXPECT_EQ(d.where.json_pointer, "/pages/0/articles/0/span");
  EXPECT_EQ(d.where.line, 11);
  EXPECT_EQ(d.where.column, 62);
  EXPECT_EQ(d.message, "expected a positive integer, found \"3\" (a string)");
}

TEST_F(LoadTest, UnknownKeyIsReportedAtTheKeyWithAHint) {
  edit("mini.json", "\"columns\": 4", "\"columns\": 4, \"colums\": 4");
  const Diagnostic d = fails_with("unknown-key");
  EXPECT_EQ(d.where.file, path("mini.json"));
  EXPECT_EQ(d.where.json_pointer, "/grid/colums");
  EXPECT_EQ(d.where.line, 5);
  EXPECT_EQ(d.where.column, 27);
  EXPECT_EQ(d.message, "unknown key \"colums\"");
  ASSERT_EQ(d.hints.size(), 1u);
  EXPECT_EQ(d.hints[0], "did you mean \"columns\"?");
}

TEST_F(LoadTest, UnknownKeyInAPlacement) {
  edit("issue.json", "\"column\": 4,", "\"colunm\": 4,");
  const Diagnostic d = fails_with("unknown-key");
  EXPECT_EQ(d.where.json_pointer, "/pages/0/articles/1/colunm");
  EXPECT_EQ(d.where.line, 12);
  EXPECT_TRUE(has_hint(d, "did you mean \"column\"?"));
  // ... and "column" is then missing.
  bool missing = false;
  for (const auto& item : diagnostics_.items()) {
    missing |= item.code == "missing-key" && item.where.json_pointer == "/pages/0/articles/1";
  }
  EXPECT_TRUE(missing) << all();
}

TEST_F(LoadTest, MissingRequiredKey) {
  edit("issue.json", "\"newspaper\": \"浙江工人日报\",", "");
  const Diagnostic d = fails_with("missing-key");
  EXPECT_EQ(d.where.file, path("issue.json"));
  EXPECT_EQ(d.where.json_pointer, "");
  EXPECT_EQ(d.where.line, 1);
  EXPECT_EQ(d.where.column, 1);
  EXPECT_NE(d.message.find("\"newspaper\""), std::string::npos);
}

TEST_F(LoadTest, BadLength) {
  edit("mini.json", "\"width\": \"200mm\"", "\"width\": \"200\"");
  const Diagnostic d = fails_with("bad-length");
  EXPECT_EQ(d.where.file, path("mini.json"));
  EXPECT_EQ(d.where.json_pointer, "/page/width");
  EXPECT_EQ(d.where.line, 3);
  EXPECT_EQ(d.where.column, 22);
}

TEST_F(LoadTest, P7_BadHaoSize) {
  edit("mini.json", "\"size\": \"小五\"", "\"size\": \"小九\"");
  const Diagnostic d = fails_with("bad-length");
  EXPECT_EQ(d.where.json_pointer, "/styles/body/size");
  EXPECT_EQ(d.where.line, 8);
  EXPECT_TRUE(has_hint(d, "小五"));
}

TEST_F(LoadTest, NegativeSpan) {
  edit("issue.json", "\"span\": 3,", "\"span\": -1,");
  const Diagnostic d = fails_with("bad-value");
  EXPECT_EQ(d.where.json_pointer, "/pages/0/articles/0/span");
  EXPECT_EQ(d.where.line, 11);
  EXPECT_EQ(d.message, "expected a positive integer, found -1");
}

TEST_F(LoadTest, SpanPastTheGrid) {
  edit("issue.json", "\"column\": 4, \"span\": 1", "\"column\": 3, \"span\": 3");
  const Diagnostic d = fails_with("out-of-grid");
  EXPECT_EQ(d.where.json_pointer, "/pages/0/articles/1/span");
  EXPECT_EQ(d.where.line, 12);
  EXPECT_TRUE(has_hint(d, "largest span at column 3 is 2"));
}

TEST_F(LoadTest, LineBeyondAnyPage) {
  edit("issue.json", "\"line\": 10, \"lines\": 20", "\"line\": 5000, \"lines\": 20");
  const Diagnostic d = fails_with("out-of-grid");
  EXPECT_EQ(d.where.json_pointer, "/pages/0/articles/0/line");
  EXPECT_EQ(d.where.line, 11);
}

// Stacked placements (issue 13): "line": "auto" and "lines": "fill", and nothing else as a string.
TEST_F(LoadTest, StackedPlacementsTakeAutoAndFill) {
  edit("issue.json", "\"line\": 10, \"lines\": 20", "\"line\": \"auto\", \"lines\": \"fill\"");
  const auto issue = load();
  ASSERT_TRUE(issue.has_value()) << all();
  const model::Placement& p = issue->pages[0].articles[0];
  EXPECT_TRUE(p.line_auto);
  EXPECT_TRUE(p.lines_fill);
  EXPECT_FALSE(p.lines.has_value());
  EXPECT_FALSE(issue->pages[0].articles[1].line_auto);
}

TEST_F(LoadTest, StackedPlacementWithAnotherWordIsAnError) {
  edit("issue.json", "\"line\": 10, \"lines\": 20", "\"line\": \"below\", \"lines\": \"rest\"");
  load();
  ASSERT_EQ(diagnostics_.error_count(), 2u) << all();
  const Diagnostic& line = diagnostics_.items()[0];
  EXPECT_EQ(line.code, "bad-value");
  EXPECT_EQ(line.where.json_pointer, "/pages/0/articles/0/line");
  EXPECT_EQ(line.message, "expected an integer of at least 0 or \"auto\", found \"below\" (a string)");
  EXPECT_EQ(diagnostics_.items()[1].where.json_pointer, "/pages/0/articles/0/lines");
  EXPECT_EQ(diagnostics_.items()[1].message, "expected an integer from 1 to 1000 or \"fill\", found \"rest\" (a string)");
}

TEST_F(LoadTest, ColumnFillIsBalanceOrSequential) {
  edit("articles/a.json", "\"byline\"", "\"column_fill\": \"rows\", \"byline\"");
  const Diagnostic d = fails_with("bad-value");
  EXPECT_EQ(d.where.json_pointer, "/column_fill");
  EXPECT_EQ(d.message, "expected \"balance\" or \"sequential\", found \"rows\"");
}

TEST_F(LoadTest, DuplicateKey) {
  edit("articles/a.json", "\"byline\"", "\"headline\"");
  const Diagnostic d = fails_with("duplicate-key");
  EXPECT_EQ(d.where.file, path("articles/a.json"));
  EXPECT_EQ(d.where.json_pointer, "/headline");
  EXPECT_EQ(d.where.line, 5);
  EXPECT_EQ(d.where.column, 3);
}

TEST_F(LoadTest, TooDeepNestingIsQuickAndDoesNotCrash) {
  write("articles/a.json", "{\"id\": \"a\", \"body\": " + std::string(100'000, '['));
  const auto start = std::chrono::steady_clock::now();
  const Diagnostic d = fails_with("too-deep");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(d.where.file, path("articles/a.json"));
  EXPECT_EQ(d.where.line, 1);
  EXPECT_EQ(d.where.column, 21 + 63);
  EXPECT_TRUE(d.where.json_pointer.starts_with("/body/0/0/0"));
}

TEST_F(LoadTest, InvalidUtf8) {
  edit("articles/a.json", "引题", "\xD2\xFD\xCC\xE2");  // 引题 in GBK
  const Diagnostic d = fails_with("invalid-utf8");
  EXPECT_EQ(d.where.file, path("articles/a.json"));
  EXPECT_EQ(d.where.line, 3);
  EXPECT_EQ(d.where.column, 14);
  EXPECT_TRUE(has_hint(d, "GBK"));
}

TEST_F(LoadTest, ByteOrderMark) {
  write("mini.json", std::string("\xEF\xBB\xBF") + kLayout);
  const Diagnostic d = fails_with("utf8-bom");
  EXPECT_EQ(d.where.file, path("mini.json"));
  EXPECT_EQ(d.where.line, 1);
  EXPECT_FALSE(d.hints.empty());
}

TEST_F(LoadTest, FileTooLarge) {
  write("articles/a.json", std::string(17 * 1024 * 1024, ' '));
  const Diagnostic d = fails_with("file-too-large");
  EXPECT_EQ(d.where.file, path("articles/a.json"));
}

// --- files named by files --------------------------------------------------------------------

TEST_F(LoadTest, MissingArticleFile) {
  std::filesystem::remove(dir_ / "articles/a.json");
  const Diagnostic d = fails_with("file-not-found");
  EXPECT_EQ(d.where.file, path("issue.json"));
  EXPECT_EQ(d.where.json_pointer, "/pages/0/articles/0/article");
  EXPECT_EQ(d.where.line, 11);
  EXPECT_EQ(d.where.column, 22);
}

TEST_F(LoadTest, MissingPhoto) {
  std::filesystem::remove(dir_ / "images/p.jpg");
  const Diagnostic d = fails_with("file-not-found");
  EXPECT_EQ(d.where.file, path("articles/a.json"));
  EXPECT_EQ(d.where.json_pointer, "/body/2/photo");
  EXPECT_EQ(d.where.line, 9);
  EXPECT_EQ(d.where.column, 16);
}

TEST_F(LoadTest, PhotoThatIsNotAnImage) {
  write("images/p.jpg", "GIF89a this is not a jpeg");
  const Diagnostic d = fails_with("bad-image");
  EXPECT_EQ(d.where.file, path("articles/a.json"));
  EXPECT_EQ(d.where.json_pointer, "/body/2/photo");
  EXPECT_EQ(d.where.line, 9);
  EXPECT_NE(d.message.find("not a JPEG or PNG"), std::string::npos);
}

TEST_F(LoadTest, TruncatedJpegHeader) {
  write("images/p.jpg", jpeg_header(640, 480).substr(0, 26));
  const Diagnostic d = fails_with("bad-image");
  EXPECT_EQ(d.where.json_pointer, "/body/2/photo");
  EXPECT_NE(d.message.find("truncated"), std::string::npos);
}

TEST_F(LoadTest, ImageClaimingAHugeSize) {
  write("images/p.jpg", png_header(30000, 200));
  const Diagnostic d = fails_with("bad-image");
  EXPECT_NE(d.message.find("20000"), std::string::npos);
}

TEST_F(LoadTest, LayoutNameNotFound) {
  edit("issue.json", "\"layout\": \"mini\"", "\"layout\": \"tabloid\"");
  const Diagnostic d = fails_with("layout-not-found");
  EXPECT_EQ(d.where.file, path("issue.json"));
  EXPECT_EQ(d.where.json_pointer, "/layout");
  EXPECT_EQ(d.where.line, 7);
  EXPECT_EQ(d.where.column, 13);
  EXPECT_TRUE(has_hint(d, "tabloid.json"));
}

TEST_F(LoadTest, ArticlePathEscapingTheIssueFolder) {
  write("../outside-" + dir_.filename().string() + ".json", kArticleA);
  edit("issue.json", "articles/a.json", "../outside-" + dir_.filename().string() + ".json");
  const Diagnostic d = fails_with("path-outside-issue");
  EXPECT_EQ(d.where.file, path("issue.json"));
  EXPECT_EQ(d.where.json_pointer, "/pages/0/articles/0/article");
  EXPECT_EQ(d.where.line, 11);
}

TEST_F(LoadTest, PhotoEscapingTheIssueFolderIsAllowedOnlyWithTheOption) {
  write("../outside-" + dir_.filename().string() + ".jpg", jpeg_header(10, 10));
  edit("articles/a.json", "../images/p.jpg", "../../outside-" + dir_.filename().string() + ".jpg");
  const Diagnostic d = fails_with("path-outside-issue");
  EXPECT_EQ(d.where.json_pointer, "/body/2/photo");
  diagnostics_ = Diagnostics();
  options_.allow_outside_paths = true;
  EXPECT_TRUE(load().has_value()) << all();
}

TEST_F(LoadTest, PhotoWiderThanTheArticlesOwnColumns) {
  edit("articles/a.json", "\"byline\"", "\"columns\": 1, \"byline\"");
  const Diagnostic d = fails_with("out-of-grid");
  EXPECT_EQ(d.where.file, path("articles/a.json"));
  EXPECT_EQ(d.where.json_pointer, "/body/2");
  EXPECT_EQ(d.where.line, 9);
}

TEST_F(LoadTest, BodyFileWithInvalidUtf8) {
  write("articles/b.txt", "第一行\n\n\xB5\xDA\xB6\xFE\n");
  const Diagnostic d = fails_with("invalid-utf8");
  EXPECT_EQ(d.where.file, path("articles/b.txt"));
  EXPECT_EQ(d.where.line, 3);
  EXPECT_EQ(d.where.column, 1);
}

// --- values ----------------------------------------------------------------------------------

TEST_F(LoadTest, BadDate) {
  edit("issue.json", "2021-02-25", "2021-02-30");
  const Diagnostic d = fails_with("bad-value");
  EXPECT_EQ(d.where.json_pointer, "/date");
  EXPECT_EQ(d.where.line, 3);
  EXPECT_EQ(d.where.column, 11);
}

TEST_F(LoadTest, UnknownBodyStyle) {
  edit("mini.json", "\"body_style\": \"body\"", "\"body_style\": \"bodyy\"");
  const Diagnostic d = fails_with("unknown-style");
  EXPECT_EQ(d.where.file, path("mini.json"));
  EXPECT_EQ(d.where.json_pointer, "/grid/body_style");
  EXPECT_EQ(d.where.line, 5);
  EXPECT_TRUE(has_hint(d, "did you mean \"body\"?"));
}

TEST_F(LoadTest, UnknownStyleInATemplateText) {
  edit("mini.json", "\"style\": \"headline\"", "\"style\": \"masthead\"");
  const Diagnostic d = fails_with("unknown-style");
  EXPECT_EQ(d.where.json_pointer, "/templates/front/texts/0/style");
  EXPECT_EQ(d.where.line, 14);
}

TEST_F(LoadTest, UnknownFontSet) {
  edit("mini.json", "\"font\": \"hei\"", "\"font\": \"heii\"");
  const Diagnostic d = fails_with("unknown-font-set");
  EXPECT_EQ(d.where.json_pointer, "/styles/headline/font");
  EXPECT_EQ(d.where.line, 9);
  EXPECT_TRUE(has_hint(d, "did you mean \"hei\"?"));
}

TEST_F(LoadTest, BadAlignValueGetsAHint) {
  edit("mini.json", "\"align\": \"center\", \"tracking\"", "\"align\": \"centre\", \"tracking\"");
  const Diagnostic d = fails_with("bad-value");
  EXPECT_EQ(d.where.json_pointer, "/styles/headline/align");
  EXPECT_TRUE(has_hint(d, "did you mean \"center\"?"));
}

TEST_F(LoadTest, MarginsLeavingNoTypeArea) {
  edit("mini.json", "\"outside\": \"8mm\"", "\"outside\": \"190mm\"");
  const Diagnostic d = fails_with("bad-length");
  EXPECT_EQ(d.where.json_pointer, "/page/margin");
  EXPECT_EQ(d.where.line, 4);
}

TEST_F(LoadTest, UnknownTemplate) {
  edit("issue.json", "\"template\": \"inside\"", "\"template\": \"insid\"");
  const Diagnostic d = fails_with("unknown-template");
  EXPECT_EQ(d.where.json_pointer, "/pages/1/template");
  EXPECT_EQ(d.where.line, 14);
  EXPECT_TRUE(has_hint(d, "did you mean \"inside\"?"));
}

TEST_F(LoadTest, BodyAndBodyFileTogether) {
  edit("articles/b.json", "\"columns\": 1,", "\"columns\": 1, \"body\": [],");
  const Diagnostic d = fails_with("conflicting-keys");
  EXPECT_EQ(d.where.file, path("articles/b.json"));
  EXPECT_EQ(d.where.json_pointer, "/body_file");
  EXPECT_EQ(d.where.line, 4);
}

// --- across files ----------------------------------------------------------------------------

TEST_F(LoadTest, ContinueToANonexistentPage) {
  edit("issue.json", "\"continue\": { \"page\": 2 }", "\"continue\": { \"page\": 7 }");
  const Diagnostic d = fails_with("unknown-page");
  EXPECT_EQ(d.where.json_pointer, "/pages/0/articles/1/continue/page");
  EXPECT_EQ(d.where.line, 13);
  EXPECT_EQ(d.where.column, 33);
}

TEST_F(LoadTest, ContinueToTheSamePage) {
  edit("issue.json", "\"continue\": { \"page\": 2 }", "\"continue\": { \"page\": 1 }");
  const Diagnostic d = fails_with("bad-value");
  EXPECT_EQ(d.where.json_pointer, "/pages/0/articles/1/continue/page");
}

TEST_F(LoadTest, ContinuedIdThatDoesNotExist) {
  edit("issue.json", "\"continued\": \"b\"", "\"continued\": \"c\"");
  const Diagnostic d = fails_with("unknown-article");
  EXPECT_EQ(d.where.json_pointer, "/pages/1/articles/0/continued");
  EXPECT_EQ(d.where.line, 15);
  EXPECT_EQ(d.where.column, 36);
}

TEST_F(LoadTest, JumpWithoutItsContinuation) {
  edit("issue.json", "{ \"continued\": \"b\", \"column\": 1, \"span\": 2 }", "");
  const Diagnostic d = fails_with("missing-continuation");
  EXPECT_EQ(d.where.json_pointer, "/pages/0/articles/1/continue/page");
}

TEST_F(LoadTest, OverlappingAreas) {
  edit("issue.json", "\"column\": 4, \"span\": 1, \"line\": 10", "\"column\": 3, \"span\": 2, \"line\": 29");
  const Diagnostic d = fails_with("overlap");
  EXPECT_EQ(d.where.json_pointer, "/pages/0/articles/1");
  EXPECT_EQ(d.where.line, 12);
  EXPECT_NE(d.message.find("/pages/0/articles/0"), std::string::npos);
}

TEST_F(LoadTest, AreasTouchingOrWithoutLinesDoNotOverlap) {
  edit("issue.json", "\"column\": 4, \"span\": 1, \"line\": 10", "\"column\": 3, \"span\": 2, \"line\": 30");
  EXPECT_TRUE(load().has_value()) << all();
}

TEST_F(LoadTest, DuplicatePageNumber) {
  edit("issue.json", "{ \"page\": 2,", "{ \"page\": 1,");
  const Diagnostic d = fails_with("duplicate-page");
  EXPECT_EQ(d.where.json_pointer, "/pages/1/page");
  EXPECT_EQ(d.where.line, 14);
}

TEST_F(LoadTest, DuplicateArticleId) {
  edit("articles/b.json", "\"id\": \"b\"", "\"id\": \"a\"");
  const Diagnostic d = fails_with("duplicate-id");
  EXPECT_EQ(d.where.json_pointer, "/pages/0/articles/1/article");
  EXPECT_EQ(d.where.line, 12);
}

TEST_F(LoadTest, CollectsManyErrorsInOneRun) {
  edit("issue.json", "\"number\": 11752", "\"number\": 0");
  edit("issue.json", "\"span\": 3,", "\"span\": \"3\",");
  edit("mini.json", "\"bleed\": \"3mm\"", "\"bleed\": \"-3mm\"");
  edit("articles/a.json", "\"span\": 2", "\"span\": true");
  EXPECT_FALSE(load().has_value());
  std::set<std::string> pointers;
  for (const auto& d : diagnostics_.items()) pointers.insert(d.where.file + ":" + d.where.json_pointer);
  EXPECT_TRUE(pointers.contains(path("issue.json") + ":/number")) << all();
  EXPECT_TRUE(pointers.contains(path("issue.json") + ":/pages/0/articles/0/span")) << all();
  EXPECT_TRUE(pointers.contains(path("mini.json") + ":/page/bleed")) << all();
  EXPECT_TRUE(pointers.contains(path("articles/a.json") + ":/body/2/span")) << all();
}

TEST_F(LoadTest, ReturnsNulloptOnAnyErrorEvenInAnArticle) {
  edit("articles/b.json", "\"box\": true", "\"box\": \"yes\"");
  EXPECT_FALSE(load().has_value());
  ASSERT_EQ(diagnostics_.error_count(), 1u) << all();
  EXPECT_EQ(diagnostics_.items()[0].code, "wrong-type");
  EXPECT_EQ(diagnostics_.items()[0].where.json_pointer, "/box");
}

// Hostile input: every truncation and a few thousand byte flips of each file; never a crash,
// always nullopt with diagnostics that say where, or a valid issue.
TEST_F(LoadTest, TruncatedAndCorruptedFilesNeverCrash) {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"issue.json", kIssue}, {"mini.json", kLayout}, {"articles/a.json", kArticleA}, {"articles/b.json", kArticleB}};
  std::uint32_t seed = 12345;
  const auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  int failures = 0;
  for (const auto& [name, text] : files) {
    std::vector<std::string> variants;
    for (std::size_t cut = 0; cut < text.size(); cut += 11) variants.push_back(text.substr(0, cut));
    for (int i = 0; i < 100; ++i) {
      std::string v = text;
      v[next() % v.size()] = "{}[],:\"\\ 0a-\xFF"[next() % 14];
      variants.push_back(v);
    }
    for (const std::string& v : variants) {
      write(name, v);
      diagnostics_ = Diagnostics();
      const auto issue = load();
      if (!issue) {
        ++failures;
        ASSERT_TRUE(diagnostics_.has_errors()) << name << " variant:\n" << v;
        for (const auto& d : diagnostics_.items()) ASSERT_FALSE(d.where.file.empty()) << format(d);
      }
    }
    write(name, text);
  }
  EXPECT_GT(failures, 100);
}

TEST_F(LoadTest, MissingIssueFile) {
  Diagnostics d;
  EXPECT_FALSE(load_issue(dir_ / "nope.json", options_, d).has_value());
  ASSERT_EQ(d.error_count(), 1u);
  EXPECT_EQ(d.items()[0].code, "file-not-found");
  EXPECT_EQ(d.items()[0].where.file, path("nope.json"));
}

}  // namespace
}  // namespace zjgr::input
