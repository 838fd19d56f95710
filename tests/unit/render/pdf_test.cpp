// render_pdf: checked from the outside with poppler-utils (pdffonts, pdftotext, pdfimages,
// pdfinfo), as DESIGN.md §4 asks: structure and determinism, not PDF bytes across versions.
#include <cstdlib>
#include <regex>

#include <gtest/gtest.h>

#include "render_test_support.h"
#include "support/paths.h"

namespace zjgr::render {
namespace {

using test::one_page;
using test::run_command;
using test::slurp;

struct PdfTest : ::testing::Test {
  void SetUp() override {
    dir = zjgr::test::scratch_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    photo = dir / "photo.jpg";
    test::write_jpeg(photo, 40, 30, 200, 30, 30);
  }
  /// Renders `doc` to dir/name and fails the test on any diagnostic.
  std::filesystem::path render(const frame::Document& doc, const std::string& name, PdfOptions options = {}) {
    const auto out = dir / name;
    Diagnostics diagnostics;
    EXPECT_TRUE(render_pdf(doc, test::library(), out, options, diagnostics));
    for (const auto& d : diagnostics.items()) ADD_FAILURE() << format(d);
    return out;
  }
  std::vector<std::string> files_in_dir() const {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
  std::filesystem::path dir, photo;
};

TEST_F(PdfTest, FontIsEmbeddedAndSubset) {
  const auto pdf = render(one_page(photo), "out.pdf");
  const std::string fonts = run_command("pdffonts '" + pdf.string() + "'");
  // name                 type          encoding    emb sub uni object ID
  // ABCDEF+NotoSerifCJKsc-Regular CID Type 0C Identity-H yes yes yes 5 0
  EXPECT_TRUE(std::regex_search(fonts, std::regex(R"([A-Z]{6}\+NotoSerifCJK\S*\s.*\byes\s+yes\s+yes\b)")))
      << fonts;
}

TEST_F(PdfTest, TextExtractsExactlyWithoutKangxiRadicals) {
  const auto pdf = render(one_page(photo), "out.pdf");
  std::string text = run_command("pdftotext -enc UTF-8 '" + pdf.string() + "' -");
  // Trailing newline and form feed of the page end.
  while (!text.empty() && (text.back() == '\n' || text.back() == '\f')) text.pop_back();
  // 工 U+5DE5 and 日 U+65E5, not ⼯ U+2F2F and ⽇ U+2F47 (DESIGN.md §6).
  EXPECT_EQ(text, "浙江工人日报工会");
}

TEST_F(PdfTest, JpegIsEmbeddedAsJpegOnceWhenUsedTwice) {
  frame::Document doc = one_page(photo);
  doc.pages[0].frame.push({Length::pt(0), Length::pt(0)},
                          frame::ImageItem{photo.string(), {Length::pt(20), Length::pt(15)}});
  const auto pdf = render(doc, "out.pdf");
  const std::string list = run_command("pdfimages -list '" + pdf.string() + "'");
  // page num type width height color comp bpc enc interp object ID ...
  const std::regex row(R"(\n\s*1\s+\d+\s+image\s+40\s+30\s+rgb\s+3\s+8\s+jpeg\s+\S+\s+(\d+)\s+0)");
  std::vector<std::string> objects;
  for (auto it = std::sregex_iterator(list.begin(), list.end(), row); it != std::sregex_iterator(); ++it) {
    objects.push_back((*it)[1]);
  }
  ASSERT_EQ(objects.size(), 2u) << list;
  EXPECT_EQ(objects[0], objects[1]) << "the photo was embedded twice:\n" << list;
}

TEST_F(PdfTest, PageSizeIsTrimPlusTwiceTheBleed) {
  const auto pdf = render(one_page(photo), "out.pdf");
  const std::string info = run_command("pdfinfo '" + pdf.string() + "'");
  // 200 pt + 2 × 3 mm = 217.0079 pt; 120 pt + 2 × 3 mm = 137.0079 pt.
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(Page size:\s+217\.008 x 137\.008 pts)"))) << info;
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(\nPages:\s+1\n)"))) << info;
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(Title:\s+浙江工人日报 2021年2月25日\n)"))) << info;
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(Author:\s+浙江工人日报\n)"))) << info;
}

TEST_F(PdfTest, CropMarksAddATenMillimetreSlug) {
  PdfOptions marks;
  marks.crop_marks = true;
  const auto pdf = render(one_page(photo), "out.pdf", marks);
  const std::string info = run_command("pdfinfo '" + pdf.string() + "'");
  // 217.008 pt + 2 × 10 mm = 273.701 pt; 137.008 + 56.693 = 193.701 pt.
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(Page size:\s+273\.701 x 193\.701 pts)"))) << info;
}

TEST_F(PdfTest, TwoRunsAreByteIdentical) {
  const auto a = render(one_page(photo), "a.pdf");
  const auto b = render(one_page(photo), "b.pdf");
  const std::string bytes = slurp(a);
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_TRUE(bytes == slurp(b)) << "two renders of the same document differ";
  // The dates are the issue's, not the clock's.
  EXPECT_NE(bytes.find("20210225"), std::string::npos);
}

TEST_F(PdfTest, EachMarkItemBecomesABookmark) {
  const std::string with = slurp(render(one_page(photo), "with.pdf"));
  EXPECT_NE(with.find("/Outlines"), std::string::npos);
  frame::Document doc = one_page(photo);
  auto& items = doc.pages[0].frame.items;
  std::erase_if(items, [](const auto& item) { return std::holds_alternative<frame::MarkItem>(item.second); });
  const std::string without = slurp(render(doc, "without.pdf"));
  EXPECT_EQ(without.find("/Outlines"), std::string::npos);
}

TEST_F(PdfTest, MissingImageFailsAndLeavesTheOldFileUntouched) {
  const auto out = dir / "out.pdf";
  { std::ofstream(out) << "old contents"; }
  frame::Document doc = one_page(dir / "no-such-photo.jpg");
  Diagnostics diagnostics;
  EXPECT_FALSE(render_pdf(doc, test::library(), out, {}, diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "image-unreadable");
  EXPECT_EQ(slurp(out), "old contents");
  EXPECT_EQ(files_in_dir(), (std::vector<std::string>{"out.pdf", "photo.jpg"}));
}

TEST_F(PdfTest, UnwritableTargetFailsWithoutLeavingATemporary) {
  // A folder that does not exist: the temporary cannot even be created.
  Diagnostics diagnostics;
  EXPECT_FALSE(render_pdf(one_page(photo), test::library(), dir / "missing" / "out.pdf", {}, diagnostics));
  ASSERT_TRUE(diagnostics.has_errors());
  EXPECT_EQ(diagnostics.items()[0].code, "write-failed");

  // A target that is a non-empty folder: everything is written, the final rename fails.
  std::filesystem::create_directories(dir / "taken.pdf" / "inside");
  Diagnostics rename_diagnostics;
  EXPECT_FALSE(render_pdf(one_page(photo), test::library(), dir / "taken.pdf", {}, rename_diagnostics));
  ASSERT_TRUE(rename_diagnostics.has_errors());
  EXPECT_EQ(rename_diagnostics.items()[0].code, "write-failed");
  EXPECT_TRUE(std::filesystem::is_directory(dir / "taken.pdf" / "inside"));
  EXPECT_EQ(files_in_dir(), (std::vector<std::string>{"photo.jpg", "taken.pdf"}));
}

TEST_F(PdfTest, BadGeometryIsReportedNotDrawn) {
  frame::Document doc = one_page(photo);
  doc.pages[0].frame.push({Length::pt(1e9), Length::pt(10)}, frame::RuleItem{{Length::pt(10), Length()}});
  Diagnostics diagnostics;
  EXPECT_FALSE(render_pdf(doc, test::library(), dir / "out.pdf", {}, diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "bad-geometry");
  EXPECT_FALSE(std::filesystem::exists(dir / "out.pdf"));
}

TEST_F(PdfTest, ClustersThatDoNotCoverTheRunStillKeepItsText) {
  frame::Document doc = one_page(photo);
  auto& run = std::get<frame::GlyphRunItem>(doc.pages[0].frame.items[0].second);
  run.clusters.pop_back();  // no longer covers the last character
  const auto out = dir / "out.pdf";
  Diagnostics diagnostics;
  EXPECT_TRUE(render_pdf(doc, test::library(), out, {}, diagnostics));
  ASSERT_EQ(diagnostics.warning_count(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "bad-clusters");
  std::string text = run_command("pdftotext -enc UTF-8 '" + out.string() + "' -");
  while (!text.empty() && (text.back() == '\n' || text.back() == '\f')) text.pop_back();
  EXPECT_EQ(text, "浙江工人日报工会");
}

TEST_F(PdfTest, EmptyDocumentIsAnError) {
  Diagnostics diagnostics;
  EXPECT_FALSE(render_pdf(frame::Document{}, test::library(), dir / "out.pdf", {}, diagnostics));
  EXPECT_TRUE(diagnostics.has_errors());
  EXPECT_FALSE(std::filesystem::exists(dir / "out.pdf"));
}

}  // namespace
}  // namespace zjgr::render
