// render_pdf: checked from the outside with poppler-utils (pdffonts, pdftotext, pdfimages,
// pdfinfo), as DESIGN.md §4 asks: structure and determinism, not PDF bytes across versions.
// qpdf 11's headers warn unless the PointerHolder transition level is chosen (render does so too).
#define POINTERHOLDER_TRANSITION 4

#include <cstdlib>
#include <regex>

#include <gtest/gtest.h>

#include <cairo.h>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include "render/detail/content_stream.h"
#include "render/detail/preflight.h"
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

// Into the PDF, runs in a row go into one Cairo call, across groups that are only moved (lines):
// what is drawn between them still covers the runs before it and lies under those after it, and a
// clipped group's runs stay inside its clip.
TEST_F(PdfTest, RunsDrawnInOneCallKeepTheirOrderWithWhatIsBetweenAndTheirClip) {
  frame::Document doc = one_page(photo);
  frame::Frame& f = doc.pages[0].frame;
  f.items.clear();
  const auto line = [](const std::string& text) {
    frame::Frame l;
    l.push({}, test::run(test::serif(), text, Length::pt(20)));
    return l;
  };
  f.push_frame({Length::pt(20), Length::pt(30)}, line("工工工工"));  // x 20–100, baseline 30
  f.push({Length::pt(60), Length::pt(5)},
         frame::BoxItem{{Length::pt(60), Length::pt(35)}, frame::Color{255, 255, 255}, std::nullopt});
  f.push_frame({Length::pt(20), Length::pt(70)}, line("工工工工"));
  frame::GroupItem clipped{std::make_shared<const frame::Frame>(line("工工工工")),
                           Rect{{Length(), Length::pt(-25)}, {Length::pt(40), Length::pt(30)}}};
  f.push({Length::pt(20), Length::pt(105)}, clipped);
  const auto pdf = render(doc, "order.pdf");
  // 72 dpi grey: one pixel a point, the trim 3 mm (8.5 pt) in from the page's corner.
  const std::string pgm = run_command("pdftoppm -r 72 -gray -singlefile '" + pdf.string() + "'");
  unsigned width = 0, height = 0, maxval = 0;
  int header = 0;
  ASSERT_EQ(std::sscanf(pgm.c_str(), "P5 %u %u %u%n", &width, &height, &maxval, &header), 3) << pgm.substr(0, 20);
  const auto* pixels = reinterpret_cast<const unsigned char*>(pgm.data() + header + 1);
  ASSERT_GE(pgm.size(), static_cast<std::size_t>(header) + 1 + std::size_t{width} * height);
  const auto dark = [&](int x0, int x1, int y0, int y1) {  // trim coordinates, pt
    int n = 0;
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) n += pixels[static_cast<std::size_t>(y + 9) * width + static_cast<std::size_t>(x + 9)] < 128;
    }
    return n;
  };
  EXPECT_GT(dark(22, 58, 15, 32), 50);  // line 1 where the box is not
  EXPECT_EQ(dark(64, 98, 15, 32), 0);   // line 1 under the white box drawn after it
  EXPECT_GT(dark(64, 98, 55, 72), 50);  // line 2, drawn after the box
  EXPECT_GT(dark(22, 58, 90, 107), 50);  // the clipped line inside its clip
  EXPECT_EQ(dark(64, 98, 88, 110), 0);   // and nothing of it outside
  std::string text = run_command("pdftotext -enc UTF-8 '" + pdf.string() + "' -");
  EXPECT_NE(text.find("工工工工"), std::string::npos) << text;
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

/// The check called `name` of a preflight; fails the test when there is none.
PreflightCheck check_named(const Preflight& preflight, const std::string& name) {
  for (const PreflightCheck& c : preflight.checks) {
    if (c.name == name) return c;
  }
  ADD_FAILURE() << "no preflight check " << name;
  return {};
}

// The test page with one more run that shows 工's glyph for the Kangxi radical ⼯: the glyph's
// ToUnicode already says 工, so Cairo writes the run's text as /ActualText (PDF 1.5).
frame::Document page_with_actual_text(const std::filesystem::path& photo) {
  frame::Document doc = one_page(photo);
  frame::GlyphRunItem radical = test::run(test::serif(), "工", Length::pt(20));
  radical.text = "⼯";
  doc.pages[0].frame.push({Length::pt(20), Length::pt(110)}, radical);
  return doc;
}

TEST_F(PdfTest, PressFileDropsActualTextThatTheScreenFileKeeps) {
  const frame::Document doc = page_with_actual_text(photo);
  const auto content = [](const std::filesystem::path& file) {  // the page's, decoded
    const std::string bytes = slurp(file);
    QPDF pdf;
    pdf.processMemoryFile(file.c_str(), bytes.data(), bytes.size());
    std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf).getAllPages();
    return pages.size() == 1 ? detail::page_content(pages[0]) : std::string();
  };
  EXPECT_NE(content(render(doc, "screen.pdf")).find("/ActualText"), std::string::npos)
      << "Cairo no longer writes /ActualText here: the test shows nothing";

  PdfOptions print;
  print.print = true;
  const auto out = dir / "print.pdf";
  Diagnostics diagnostics;
  Preflight preflight;
  ASSERT_TRUE(render_pdf(doc, test::library(), out, print, diagnostics, &preflight));
  for (const auto& d : diagnostics.items()) ADD_FAILURE() << format(d);
  const std::string raw = content(out);
  ASSERT_TRUE(raw.find("TJ") != std::string::npos || raw.find("Tj") != std::string::npos) << raw;
  EXPECT_EQ(raw.find("/ActualText"), std::string::npos);
  // The span's marked-content operators went with it; the text it held is still shown.
  EXPECT_EQ(raw.find("BDC"), std::string::npos);
  EXPECT_EQ(raw.find("EMC"), std::string::npos);
  EXPECT_TRUE(check_named(preflight, "no-pdf15-features").passed) << check_named(preflight, "no-pdf15-features").detail;
  std::string text = run_command("pdftotext -enc UTF-8 '" + out.string() + "' -");
  EXPECT_NE(text.find("浙江工人日报工会"), std::string::npos) << text;
}

TEST_F(PdfTest, PreflightFindsActualTextObjectStreamsAndCrossReferenceStreams) {
  // The screen file (ActualText) rewritten by qpdf with object streams, which makes its
  // cross-reference section a stream as well: what a PDF/X-1a file may not hold.
  const auto screen = render(page_with_actual_text(photo), "screen.pdf");
  const auto packed = dir / "packed.pdf";
  run_command("qpdf --object-streams=generate '" + screen.string() + "' '" + packed.string() + "'");
  detail::PreflightSpec spec;
  spec.print = true;
  spec.pdfx = detail::PdfxVersion::X1a2003;
  const PreflightCheck packed_check = check_named(detail::preflight_pdf(slurp(packed), spec), "no-pdf15-features");
  EXPECT_FALSE(packed_check.passed);
  for (const char* what : {"/ActualText", "object streams holding", "a cross-reference stream"}) {
    EXPECT_NE(packed_check.detail.find(what), std::string::npos) << what << " not in: " << packed_check.detail;
  }
  // The screen file as Cairo and qpdf write it: a cross-reference table, no object streams.
  const PreflightCheck screen_check = check_named(detail::preflight_pdf(slurp(screen), spec), "no-pdf15-features");
  EXPECT_FALSE(screen_check.passed);
  EXPECT_EQ(screen_check.detail.find("object streams"), std::string::npos) << screen_check.detail;
  EXPECT_EQ(screen_check.detail.find("cross-reference"), std::string::npos) << screen_check.detail;
}

TEST_F(PdfTest, EmptyDocumentIsAnError) {
  Diagnostics diagnostics;
  EXPECT_FALSE(render_pdf(frame::Document{}, test::library(), dir / "out.pdf", {}, diagnostics));
  EXPECT_TRUE(diagnostics.has_errors());
  EXPECT_FALSE(std::filesystem::exists(dir / "out.pdf"));
}

// prepare_process (the CLI's start): Cairo 1.16 writes its streams uncompressed and the
// finishing step compresses them, so the file is as large as before and reads the same.
TEST_F(PdfTest, CairoLeavingItsStreamsUncompressedGivesTheSameFile) {
  const std::string compressed = slurp(render(one_page(photo), "compressed.pdf"));
  ASSERT_EQ(std::getenv("CAIRO_DEBUG_PDF"), nullptr);
  prepare_process();
  const bool set = std::getenv("CAIRO_DEBUG_PDF") != nullptr;
  const auto out = render(one_page(photo), "uncompressed.pdf");
  unsetenv("CAIRO_DEBUG_PDF");  // the rest of this program's tests as before
  EXPECT_EQ(set, cairo_version() < CAIRO_VERSION_ENCODE(1, 17, 0));
  EXPECT_EQ(slurp(out).size(), compressed.size());
  EXPECT_EQ(run_command("pdftotext -enc UTF-8 '" + out.string() + "' -"),
            run_command("pdftotext -enc UTF-8 '" + (dir / "compressed.pdf").string() + "' -"));
}

// PdfStream: the PDF drawn page by page as pages come, fonts cut to foreseen characters.
struct PdfStreamTest : PdfTest {
  /// Two pages of the test page (the second's run another text), in a Document as layout makes it.
  frame::Document two_pages() {
    frame::Document doc = one_page(photo);
    frame::PageFrame second = doc.pages[0];
    second.number = 2;
    second.label = "第2版";
    second.frame.items[0].second = test::run(test::serif(), "职工之家温暖人心", Length::pt(20));
    doc.pages.push_back(std::move(second));
    return doc;
  }
  /// Streams `doc`'s pages in `order` with fonts cut to `characters`; the file's bytes.
  std::string stream(const frame::Document& doc, const std::u32string& characters, const std::vector<std::size_t>& order,
                     bool& streamed, const std::string& name, PdfOptions options = {}) {
    Diagnostics diagnostics;
    PdfStream pdf(doc.pages.size(), test::library(), [characters] { return CharacterForesight{characters, {}, {}}; }, options);
    for (const std::size_t i : order) pdf.add(i, doc.pages[i], nullptr);
    AtomicFile file(dir / name, diagnostics);
    EXPECT_TRUE(pdf.finish(doc, file, diagnostics) && file.commit());
    for (const auto& d : diagnostics.items()) ADD_FAILURE() << format(d);
    streamed = pdf.streamed();
    return slurp(dir / name);
  }
  static constexpr std::u32string_view kBothTexts = U"浙江工人日报工会职工之家温暖人心";
};

TEST_F(PdfStreamTest, PagesDrawnAsTheyComeGiveWhatTheFinishedDocumentGives) {
  const frame::Document doc = two_pages();
  bool streamed = false;
  // Page 2 finished before page 1, as parallel layout may do.
  const std::string bytes = stream(doc, std::u32string(kBothTexts), {1, 0}, streamed, "stream.pdf");
  EXPECT_TRUE(streamed);
  const auto whole = render(doc, "whole.pdf");
  // The same pages: text, sizes, fonts embedded as subsets, the bookmark, and the same pixels.
  const auto text = [](const std::filesystem::path& p) { return run_command("pdftotext -enc UTF-8 '" + p.string() + "' -"); };
  EXPECT_EQ(text(dir / "stream.pdf"), text(whole));
  EXPECT_NE(text(whole).find("职工之家温暖人心"), std::string::npos);
  EXPECT_NE(bytes.find("/Outlines"), std::string::npos);
  const std::string fonts = run_command("pdffonts '" + (dir / "stream.pdf").string() + "'");
  EXPECT_TRUE(std::regex_search(fonts, std::regex(R"([A-Z]{6}\+NotoSerifCJK\S*\s.*\byes\s+yes\s+yes\b)"))) << fonts;
  for (const auto& p : {dir / "stream.pdf", whole}) {
    run_command("pdftoppm -r 50 -png '" + p.string() + "' '" + (dir / p.stem()).string() + "'");
  }
  for (const char* page : {"-1.png", "-2.png"}) {
    const std::string a = slurp(dir / ("stream" + std::string(page))), b = slurp(dir / ("whole" + std::string(page)));
    EXPECT_GT(a.size(), 100u);
    EXPECT_TRUE(a == b) << "page" << page << " rasterises differently";
  }
  // Deterministic, whatever order the pages came in.
  bool again = false;
  EXPECT_TRUE(stream(doc, std::u32string(kBothTexts), {0, 1}, again, "again.pdf") == bytes);
}

TEST_F(PdfStreamTest, AGlyphOutsideTheCutDrawsTheDocumentAgainAsRenderPdfDoes) {
  const frame::Document doc = two_pages();
  bool streamed = true;
  // 职工之家温暖人心 is not foreseen: page 2 misses, and the file is render_pdf's, byte for byte.
  const std::string bytes = stream(doc, U"浙江工人日报工会", {0, 1}, streamed, "stream.pdf");
  EXPECT_FALSE(streamed);
  EXPECT_TRUE(bytes == slurp(render(doc, "whole.pdf")));
}

TEST_F(PdfStreamTest, APageThatNeverCameAPressFileAndOnePageAreDrawnFromTheDocument) {
  const frame::Document doc = two_pages();
  bool streamed = true;
  const std::string bytes = stream(doc, std::u32string(kBothTexts), {1}, streamed, "missing.pdf");
  EXPECT_FALSE(streamed);
  EXPECT_TRUE(bytes == slurp(render(doc, "whole.pdf")));
  PdfOptions print;
  print.print = true;
  stream(doc, std::u32string(kBothTexts), {0, 1}, streamed, "press.pdf", print);
  EXPECT_FALSE(streamed);
  // One page: nothing to draw beside layout.
  frame::Document one = one_page(photo);
  EXPECT_TRUE(stream(one, std::u32string(kBothTexts), {0}, streamed, "one.pdf") == slurp(render(one, "one-whole.pdf")));
  EXPECT_FALSE(streamed);
}

TEST_F(PdfStreamTest, DestroyedUnfinishedItEndsItsThreadAndWritesNothing) {
  const frame::Document doc = two_pages();
  {
    PdfStream pdf(doc.pages.size(), test::library(), [] { return CharacterForesight{std::u32string(kBothTexts), {}, {}}; }, {});
    pdf.add(0, doc.pages[0], nullptr);
  }
  EXPECT_EQ(files_in_dir(), std::vector<std::string>{"photo.jpg"});
}

}  // namespace
}  // namespace zjgr::render
