// zjgr-diff (issue 6): pixel comparison with tolerance T and N, diff images, line diffs of the
// layout dump, folder comparison with exit statuses 0/1/2, the HTML report, and read_png.
#include "cli/diff.h"

#include <gtest/gtest.h>
#include <png.h>

#include <fstream>
#include <sstream>

#include "render/png_read.h"
#include "support/paths.h"

namespace zjgr::cli {
namespace {

namespace fs = std::filesystem;
using render::Raster;

Raster white(int width, int height) {
  Raster r;
  r.width = width;
  r.height = height;
  r.rgb.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3, 255);
  return r;
}

std::uint8_t* at(Raster& r, int x, int y) { return r.rgb.data() + (static_cast<std::size_t>(y) * r.width + x) * 3; }

void set(Raster& r, int x, int y, std::uint8_t v) {
  std::uint8_t* p = at(r, x, y);
  p[0] = p[1] = p[2] = v;
}

std::vector<std::uint8_t> rgb(Raster& r, int x, int y) {
  const std::uint8_t* p = at(r, x, y);
  return {p[0], p[1], p[2]};
}

void write(const Raster& r, const fs::path& p) {
  Diagnostics d;
  ASSERT_TRUE(render::write_png(r, p, d)) << (d.items().empty() ? "" : d.items()[0].message);
}

void write_text(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// ---- pixels ----------------------------------------------------------------------------------

TEST(CompareRasters, IdenticalPagesHaveNoDifference) {
  const PixelDiff d = compare_rasters(white(8, 6), white(8, 6), 0);
  EXPECT_EQ(d.differing_pixels, 0);
  EXPECT_EQ(d.max_channel_difference, 0);
  EXPECT_EQ(d.right, 0);
}

TEST(CompareRasters, AChannelDifferenceCountsOnlyAboveTheTolerance) {
  Raster a = white(8, 6), b = white(8, 6);
  at(b, 3, 2)[1] = 253;  // green 255 → 253: a difference of 2 in one channel
  EXPECT_EQ(compare_rasters(a, b, 2).differing_pixels, 0);
  EXPECT_EQ(compare_rasters(a, b, 1).differing_pixels, 1);
  EXPECT_EQ(compare_rasters(a, b, 2).max_channel_difference, 2);
}

TEST(CompareRasters, BoundingBoxCoversEveryChangedPixel) {
  Raster a = white(20, 10), b = white(20, 10);
  set(b, 4, 7, 0);
  set(b, 11, 2, 100);
  const PixelDiff d = compare_rasters(a, b, 2);
  EXPECT_EQ(d.differing_pixels, 2);
  EXPECT_EQ(d.max_channel_difference, 255);
  EXPECT_EQ(d.left, 4);
  EXPECT_EQ(d.top, 2);
  EXPECT_EQ(d.right, 12);
  EXPECT_EQ(d.bottom, 8);
}

TEST(CompareRasters, PixelsOutsideTheSmallerPageDiffer) {
  // 4×3 against 5×4: the union is 20 pixels, 12 in common.
  const PixelDiff d = compare_rasters(white(4, 3), white(5, 4), 2);
  EXPECT_EQ(d.differing_pixels, 8);
  EXPECT_EQ(d.right, 5);
  EXPECT_EQ(d.bottom, 4);
}

TEST(DiffImage, AddedInkRedRemovedInkBlueTheRestFaded) {
  Raster a = white(40, 20), b = white(40, 20);
  set(a, 1, 1, 0);    // ink on both: faded to a quarter
  set(b, 1, 1, 0);
  set(b, 30, 10, 0);  // ink only in the actual page: added
  set(a, 5, 15, 0);   // ink only in the expected page: removed
  Raster d = diff_image(a, b, 2);
  ASSERT_EQ(d.width, 40);
  ASSERT_EQ(d.height, 20);
  EXPECT_EQ(rgb(d, 30, 10), (std::vector<std::uint8_t>{220, 0, 0}));
  EXPECT_EQ(rgb(d, 5, 15), (std::vector<std::uint8_t>{0, 70, 230}));
  EXPECT_EQ(rgb(d, 1, 1), (std::vector<std::uint8_t>{192, 192, 192}));  // 255 − 255/4
  // The 16 px tile holding (30, 10) is outlined in orange; an unchanged tile is not.
  EXPECT_EQ(rgb(d, 20, 0), (std::vector<std::uint8_t>{255, 150, 0}));
  EXPECT_EQ(rgb(d, 47 - 16, 15), (std::vector<std::uint8_t>{255, 150, 0}));
  EXPECT_EQ(rgb(d, 20, 10), (std::vector<std::uint8_t>{255, 255, 255}));
}

TEST(DiffImage, AreaOfOnlyOnePageIsTinted) {
  Raster d = diff_image(white(4, 40), white(40, 40), 2);
  ASSERT_EQ(d.width, 40);
  EXPECT_EQ(rgb(d, 25, 8), (std::vector<std::uint8_t>{255, 215, 240}));  // inside an outlined tile
  EXPECT_EQ(rgb(d, 2, 8), (std::vector<std::uint8_t>{255, 255, 255}));
}

// ---- text ------------------------------------------------------------------------------------

TEST(DiffLines, OneChangedLineIsOneRemovalAndOneAdditionWithContext) {
  std::size_t changed = 0;
  const auto changes = diff_lines("a\nb\nc\nd\ne\nf\ng\n", "a\nb\nc\nD\ne\nf\ng\n", 1, changed);
  EXPECT_EQ(changed, 2u);
  ASSERT_EQ(changes.size(), 4u);
  EXPECT_EQ(changes[0].kind, ' ');
  EXPECT_EQ(changes[0].text, "c");
  EXPECT_EQ(changes[1].kind, '-');
  EXPECT_EQ(changes[1].text, "d");
  EXPECT_EQ(changes[1].line, 4u);
  EXPECT_EQ(changes[2].kind, '+');
  EXPECT_EQ(changes[2].text, "D");
  EXPECT_EQ(changes[3].text, "e");
}

TEST(DiffLines, InsertedLineKeepsTheRestAlignedAndDistantHunksAreSeparated) {
  std::size_t changed = 0;
  const auto changes = diff_lines("1\n2\n3\n4\n5\n6\n7\n8\n", "0\n1\n2\n3\n4\n5\n6\n7\n", 0, changed);
  EXPECT_EQ(changed, 2u);
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].kind, '+');
  EXPECT_EQ(changes[0].text, "0");
  EXPECT_EQ(changes[1].kind, '@');
  EXPECT_EQ(changes[2].kind, '-');
  EXPECT_EQ(changes[2].text, "8");
  EXPECT_EQ(changes[2].line, 8u);
}

TEST(DiffLines, HugeUnalignableMiddleIsReportedAsReplacedWithBoundedWork) {
  std::string a, b;
  for (int i = 0; i < 2500; ++i) {
    a += "a" + std::to_string(i) + "\n";
    b += "b" + std::to_string(i) + "\n";
  }
  std::size_t changed = 0;
  const auto changes = diff_lines("same\n" + a + "end\n", "same\n" + b + "end\n", 1, changed);
  EXPECT_EQ(changed, 5000u);
  ASSERT_EQ(changes.size(), 5002u);
  EXPECT_EQ(changes.front().text, "same");
  EXPECT_EQ(changes[1].text, "a0");
  EXPECT_EQ(changes[2501].text, "b0");
  EXPECT_EQ(changes.back().text, "end");
}

// ---- folders and exit statuses ---------------------------------------------------------------

class DiffFolders : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    root_ = test::scratch_dir("cli-diff-" + name);
    fs::create_directories(expected_ = root_ / "expected");
    fs::create_directories(actual_ = root_ / "actual");
    Raster page = white(64, 48);
    for (int x = 10; x < 50; ++x) set(page, x, 20, 0);  // a rule: some ink
    for (const fs::path& dir : {expected_, actual_}) {
      write(page, dir / "page-01.png");
      write(page, dir / "page-02.png");
      write_text(dir / "layout.txt", "# page\ttext\n1\t甲乙丙\n2\t丁戊己\n");
    }
    page_ = page;
  }
  DiffResult diff(const Tolerance& t = {}) {
    diagnostics_ = Diagnostics{};
    return diff_paths(expected_, actual_, t, diagnostics_);
  }
  fs::path root_, expected_, actual_;
  Raster page_;
  Diagnostics diagnostics_;
};

TEST_F(DiffFolders, SameRunsPassWithExitZero) {
  const DiffResult r = diff();
  EXPECT_EQ(r.exit_status(), 0);
  ASSERT_EQ(r.files.size(), 3u);
  for (const auto& f : r.files) EXPECT_TRUE(f.passes()) << f.name;
}

TEST_F(DiffFolders, OneChangedPageFailsFirstAndAloneWithADiffImage) {
  Raster changed = page_;
  set(changed, 30, 30, 0);
  set(changed, 31, 30, 0);
  write(changed, actual_ / "page-02.png");
  const DiffResult r = diff();
  EXPECT_EQ(r.exit_status(), 1);
  ASSERT_EQ(r.files.size(), 3u);
  EXPECT_EQ(r.files[0].name, "page-02.png");
  EXPECT_EQ(r.files[0].status, FileStatus::Different);
  EXPECT_EQ(r.files[0].pixels.differing_pixels, 2);
  ASSERT_TRUE(r.files[0].diff.has_value());
  // The changed area (2×1 px) with a 12 px margin, enlarged 8× (the largest scale), three panels.
  ASSERT_TRUE(r.files[0].zoom.has_value());
  EXPECT_EQ(r.files[0].zoom->height, (12 + 1 + 12) * 8);
  EXPECT_EQ(r.files[0].zoom->width, 3 * (12 + 2 + 12) * 8 + 2 * 6);
  EXPECT_TRUE(r.files[1].passes());
  EXPECT_TRUE(r.files[2].passes());
}

TEST_F(DiffFolders, MaxPixelsLetsThatManyPixelsDiffer) {
  Raster changed = page_;
  set(changed, 30, 30, 0);
  set(changed, 31, 30, 0);
  write(changed, actual_ / "page-01.png");
  EXPECT_EQ(diff({2, 1}).exit_status(), 1);
  EXPECT_EQ(diff({2, 2}).exit_status(), 0);
}

TEST_F(DiffFolders, ADifferentSizeFailsWhateverTheTolerance) {
  write(white(64, 50), actual_ / "page-01.png");
  const DiffResult r = diff({255, 1'000'000});
  EXPECT_EQ(r.exit_status(), 1);
  EXPECT_EQ(r.files[0].status, FileStatus::SizeDiffers);
  EXPECT_EQ(r.files[0].actual_height, 50);
}

TEST_F(DiffFolders, MissingAndNewPagesFail) {
  fs::remove(actual_ / "page-02.png");
  write(page_, actual_ / "page-03.png");
  const DiffResult r = diff();
  EXPECT_EQ(r.exit_status(), 1);
  ASSERT_EQ(r.files.size(), 4u);
  EXPECT_EQ(r.files[0].name, "page-02.png");
  EXPECT_EQ(r.files[0].status, FileStatus::MissingActual);
  EXPECT_EQ(r.files[1].name, "page-03.png");
  EXPECT_EQ(r.files[1].status, FileStatus::MissingGolden);
}

TEST_F(DiffFolders, TextGoldenIsComparedExactly) {
  write_text(actual_ / "layout.txt", "# page\ttext\n1\t甲乙丙\n2\t丁戊已\n");
  const DiffResult r = diff({255, 1'000'000});
  EXPECT_EQ(r.exit_status(), 1);
  EXPECT_EQ(r.files[0].name, "layout.txt");
  EXPECT_EQ(r.files[0].changed_lines, 2u);
}

TEST_F(DiffFolders, UnusableInputIsExitTwo) {
  write_text(actual_ / "page-01.png", "not a png");
  const DiffResult corrupt = diff();
  EXPECT_EQ(corrupt.exit_status(), 2);
  EXPECT_EQ(corrupt.files[0].status, FileStatus::Unreadable);
  EXPECT_TRUE(diagnostics_.has_errors());

  Diagnostics d;
  EXPECT_EQ(diff_paths(root_ / "nope", actual_, {}, d).exit_status(), 2);
  EXPECT_EQ(diff_paths(expected_ / "page-01.png", actual_, {}, d).exit_status(), 2);  // file against folder
  fs::create_directories(root_ / "empty");
  EXPECT_EQ(diff_paths(root_ / "empty", actual_, {}, d).exit_status(), 2);
}

TEST_F(DiffFolders, TwoFilesCompareDirectly) {
  Raster changed = page_;
  set(changed, 1, 1, 0);
  write(changed, root_ / "other.png");
  Diagnostics d;
  EXPECT_EQ(diff_paths(expected_ / "page-01.png", actual_ / "page-01.png", {}, d).exit_status(), 0);
  const DiffResult r = diff_paths(expected_ / "page-01.png", root_ / "other.png", {}, d);
  EXPECT_EQ(r.exit_status(), 1);
  ASSERT_EQ(r.files.size(), 1u);
  EXPECT_TRUE(r.files[0].is_image);
}

TEST_F(DiffFolders, ReportShowsFailingPagesFirstWithTheirImagesAndTheDumpLines) {
  Raster changed = page_;
  set(changed, 30, 30, 0);
  write(changed, actual_ / "page-02.png");
  write_text(actual_ / "layout.txt", "# page\ttext\n1\t甲乙丙\n2\t丁戊<己>\n");
  const DiffResult r = diff();
  ASSERT_EQ(r.files[1].name, "layout.txt") << "failing pages before failing text goldens";
  Diagnostics d;
  const fs::path report = root_ / "report";
  ASSERT_TRUE(write_report(r, {}, report, d));
  const std::string html = read_text(report / "index.html");
  EXPECT_LT(html.find("FAIL page-02.png"), html.find("ok   page-01.png"));
  EXPECT_NE(html.find("<img src=\"diff/page-02.png\""), std::string::npos);
  EXPECT_NE(html.find("<img src=\"expected/page-01.png\""), std::string::npos);
  EXPECT_NE(html.find("丁戊&lt;己&gt;"), std::string::npos) << "dump lines are escaped";
  EXPECT_NE(html.find("2 lines removed or added on page 2"), std::string::npos);
  EXPECT_NE(html.find("data-images-broken"), std::string::npos);
  EXPECT_TRUE(fs::exists(report / "expected/page-02.png"));
  EXPECT_TRUE(fs::exists(report / "actual/page-02.png"));
  EXPECT_TRUE(fs::exists(report / "diff/page-02.png"));
  EXPECT_TRUE(fs::exists(report / "diff/zoom-page-02.png"));
  EXPECT_LT(html.find("diff/zoom-page-02.png"), html.find("<img src=\"expected/page-02.png\""));
  EXPECT_FALSE(fs::exists(report / "diff/page-01.png"));
}

TEST_F(DiffFolders, CommandLineExitStatusesAndSummary) {
  Raster changed = page_;
  set(changed, 30, 30, 0);
  write(changed, actual_ / "page-02.png");
  auto run = [](std::vector<std::string> args, std::string& out) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    DiffOptions options;
    if (auto status = parse_diff_options(static_cast<int>(argv.size()), argv.data(), options)) return *status;
    std::ostringstream o, e;
    const int status = run_diff(options, o, e);
    out = o.str() + e.str();
    return status;
  };
  std::string out;
  EXPECT_EQ(run({"zjgr-diff", expected_.string(), actual_.string(), "-q"}, out), 1);
  EXPECT_NE(out.find("FAIL page-02.png: 1 pixel differs"), std::string::npos) << out;
  EXPECT_EQ(out.find("page-01.png"), std::string::npos) << "quiet hides passing pages: " << out;
  EXPECT_EQ(run({"zjgr-diff", expected_.string(), actual_.string(), "--max-pixels", "1", "--report",
                 (root_ / "r").string()},
                out),
            0);
  EXPECT_NE(out.find("ok   page-01.png: same"), std::string::npos) << out;
  EXPECT_NE(out.find("report: "), std::string::npos) << out;
  EXPECT_EQ(run({"zjgr-diff", expected_.string(), (root_ / "nope").string()}, out), 2);
  EXPECT_EQ(run({"zjgr-diff", expected_.string(), actual_.string(), "--tolerance", "300"}, out), 2);
}

// ---- read_png --------------------------------------------------------------------------------

TEST(ReadPng, RoundTripsWhatWritePngWrote) {
  const fs::path dir = test::scratch_dir("cli-read-png");
  Raster r = white(7, 5);
  at(r, 3, 2)[0] = 12;
  at(r, 3, 2)[2] = 200;
  write(r, dir / "a.png");
  Diagnostics d;
  const auto back = render::read_png(dir / "a.png", d);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->width, 7);
  EXPECT_EQ(back->height, 5);
  EXPECT_EQ(back->rgb, r.rgb);
}

TEST(ReadPng, GreyWithAlphaIsCompositedOnWhite) {
  const fs::path path = test::scratch_dir("cli-read-png-alpha") / "ga.png";
  // Two pixels, grey + alpha: black opaque, black fully transparent.
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  png.width = 2;
  png.height = 1;
  png.format = PNG_FORMAT_GA;
  const std::uint8_t pixels[] = {0, 255, 0, 0};
  ASSERT_NE(png_image_write_to_file(&png, path.c_str(), 0, pixels, 0, nullptr), 0);
  Diagnostics d;
  const auto r = render::read_png(path, d);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->rgb, (std::vector<std::uint8_t>{0, 0, 0, 255, 255, 255}));
}

TEST(ReadPng, MissingAndBrokenFilesAreReported) {
  const fs::path dir = test::scratch_dir("cli-read-png-bad");
  write_text(dir / "broken.png", "\x89PNG\r\n\x1a\n garbage");
  Diagnostics d;
  EXPECT_FALSE(render::read_png(dir / "none.png", d).has_value());
  EXPECT_FALSE(render::read_png(dir / "broken.png", d).has_value());
  ASSERT_EQ(d.items().size(), 2u);
  EXPECT_EQ(d.items()[0].code, "file-not-found");
  EXPECT_EQ(d.items()[1].code, "bad-image");
  EXPECT_NE(d.items()[1].message.find("broken.png"), std::string::npos);
}

}  // namespace
}  // namespace zjgr::cli
