// The zjgr-typeset binary end to end: a small two-page issue typeset to PDF and PNG, checked
// with poppler-utils, its report, and a golden PNG; bad input exits 1 and writes nothing.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/paths.h"
#include "support/process.h"
#include "cli/diff.h"
#include "cli/typeset.h"
#include "render/png_read.h"

namespace zjgr {
namespace {

namespace fs = std::filesystem;

using test::Outcome;
using test::quote;
using test::read_file;
using test::run;

// The golden PNG compared as zjgr-diff compares (T = 2, N = 0); ZJGR_UPDATE_REFS=1 rewrites it
// (scripts/update-goldens.sh). Returns what differs, or an empty string.
std::string check_golden_png(const fs::path& golden, const fs::path& actual) {
  const char* update = std::getenv("ZJGR_UPDATE_REFS");
  if (update != nullptr && std::string(update) == "1") {
    fs::copy_file(actual, golden, fs::copy_options::overwrite_existing);
    return "";
  }
  Diagnostics diagnostics;
  const auto want = render::read_png(golden, diagnostics);
  const auto got = render::read_png(actual, diagnostics);
  if (!want || !got) return "cannot read " + golden.string() + " or " + actual.string();
  if (want->width != got->width || want->height != got->height) return "page size differs";
  const cli::PixelDiff diff = cli::compare_rasters(*want, *got, 2);
  if (diff.differing_pixels == 0) return "";
  return std::to_string(diff.differing_pixels) + " pixels differ; see zjgr-diff " + golden.string() + " " + actual.string();
}

const fs::path kSmall = test::source_dir() / "tests/fixtures/e2e/small/issue.json";

class SmallIssue : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // ctest runs each test in its own process, possibly in parallel: one folder per process.
    out_ = new fs::path(test::scratch_dir("e2e-small-" + std::to_string(::getpid())));
    fs::create_directories(*out_ / "png");
    outcome_ = new Outcome(run(std::string(ZJGR_TYPESET) + " " + quote(kSmall) + " -o " + quote(*out_ / "small.pdf") +
                               " --png " + quote(*out_ / "png") + " --dpi 50 --report " + quote(*out_ / "report.json") +
                               " --dump-layout " + quote(*out_ / "layout.txt")));
  }
  static void TearDownTestSuite() {
    delete out_;
    delete outcome_;
  }
  static fs::path* out_;
  static Outcome* outcome_;
};
fs::path* SmallIssue::out_ = nullptr;
Outcome* SmallIssue::outcome_ = nullptr;

TEST_F(SmallIssue, ExitsZeroAndPrintsOneProgressLinePerPage) {
  EXPECT_EQ(outcome_->status, 0) << outcome_->output;
  EXPECT_NE(outcome_->output.find("page 1: 3 articles"), std::string::npos) << outcome_->output;
  EXPECT_NE(outcome_->output.find("page 2: 1 article,"), std::string::npos) << outcome_->output;
}

TEST_F(SmallIssue, PdfHasTwoPagesOfTheTrimPlusBleed) {
  const Outcome info = run("pdfinfo " + quote(*out_ / "small.pdf"));
  ASSERT_EQ(info.status, 0) << info.output;
  EXPECT_NE(info.output.find("Pages:           2\n"), std::string::npos) << info.output;
  // 148 mm + 2 × 3 mm bleed = 436.54 pt; 210 mm + 6 mm = 612.28 pt.
  EXPECT_NE(info.output.find("436.5"), std::string::npos) << info.output;
}

TEST_F(SmallIssue, EveryFontIsEmbeddedAndSubset) {
  const Outcome fonts = run("pdffonts " + quote(*out_ / "small.pdf"));
  ASSERT_EQ(fonts.status, 0) << fonts.output;
  std::istringstream lines(fonts.output);
  std::string line;
  int count = 0;
  std::getline(lines, line);  // header
  std::getline(lines, line);  // ----
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    ++count;
    // name type encoding emb sub uni object ID
    EXPECT_NE(line.find(" yes yes "), std::string::npos) << line;
    EXPECT_EQ(line.find('+'), 6u) << "subset fonts are named ABCDEF+Name: " << line;
  }
  EXPECT_GE(count, 3) << fonts.output;  // song, hei, kai at least
}

TEST_F(SmallIssue, TextExtractsAsTypedWithNoTofu) {
  Outcome text = run("pdftotext " + quote(*out_ / "small.pdf") + " -");
  ASSERT_EQ(text.status, 0);
  // pdftotext turns the ¼ em Han–Latin spaces (CLREQ F1) and line ends into blanks: drop them.
  std::erase_if(text.output, [](char c) { return c == ' ' || c == '\n'; });
  EXPECT_NE(text.output.find("杭州亚运会短视频大赛启动"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("浙江文化走向世界"), std::string::npos);
  EXPECT_NE(text.output.find("（下转第2版）"), std::string::npos);
  EXPECT_NE(text.output.find("（上接第1版）"), std::string::npos);
  EXPECT_EQ(text.output.find("⼯"), std::string::npos) << "Kangxi radical instead of 工";
  const auto report = nlohmann::json::parse(read_file(*out_ / "report.json"));
  for (const auto& w : report["warnings"]) EXPECT_NE(w["code"], "missing-glyph") << w.dump();
}

TEST_F(SmallIssue, JumpCarriesTheRestOfTheArticle) {
  const auto report = nlohmann::json::parse(read_file(*out_ / "report.json"));
  int jumped = 0, overset = 0;
  for (const auto& page : report["pages"]) {
    for (const auto& area : page["areas"]) {
      jumped += area["jumped_column_lines"].get<int>();
      overset += area["overset_column_lines"].get<int>();
    }
  }
  EXPECT_GT(jumped, 0);
  EXPECT_EQ(overset, 0);
}

TEST_F(SmallIssue, FirstPageMatchesItsGoldenPng) {
  ASSERT_TRUE(fs::exists(*out_ / "png/page-01.png"));
  ASSERT_TRUE(fs::exists(*out_ / "png/page-02.png"));
  const std::string problem =
      check_golden_png(test::source_dir() / "tests/golden/e2e/small-page-01.png", *out_ / "png/page-01.png");
  EXPECT_EQ(problem, "");
}

TEST(Cli, SameInputGivesByteIdenticalPdfs) {
  const fs::path dir = test::scratch_dir("e2e-determinism");
  for (const char* name : {"a.pdf", "b.pdf"}) {
    const Outcome o = run(std::string(ZJGR_TYPESET) + " -q " + quote(kSmall) + " -o " + quote(dir / name));
    ASSERT_EQ(o.status, 0) << o.output;
  }
  EXPECT_EQ(read_file(dir / "a.pdf"), read_file(dir / "b.pdf"));
}

// --jobs (issue 17): pages laid out on one thread or on three give the same PDF (drawn beside
// layout), the same proofs and the same report (its timings aside), on the example (jumps) and
// on pages that jump to each other beside independent ones.
TEST(Cli, AnyNumberOfLayoutThreadsGivesTheSameFiles) {
  const fs::path dir = test::scratch_dir("e2e-jobs");
  for (const fs::path& issue : {test::source_dir() / "examples/2021-02-25/issue.json",
                                test::source_dir() / "tests/fixtures/e2e/small/issue-parallel.json"}) {
    SCOPED_TRACE(issue.string());
    std::map<std::string, std::string> files[2];
    int pass = 0;
    for (const char* jobs : {"1", "3"}) {
      const fs::path out = dir / (issue.parent_path().filename().string() + "-j" + jobs);
      const Outcome o = run(std::string(ZJGR_TYPESET) + " -q --jobs " + jobs + " " + quote(issue) + " -o " +
                            quote(out / "issue.pdf") + " --png " + quote(out / "png") + " --dpi 30 --report " +
                            quote(out / "report.json") + " --dump-layout " + quote(out / "dump.json"));
      ASSERT_EQ(o.status, 0) << o.output;
      auto report = nlohmann::json::parse(read_file(out / "report.json"));
      // The PDF was drawn as layout finished its pages: its fonts' cut foresaw every glyph.
      EXPECT_EQ(report.value("pdf_drawn", ""), "with-layout");
      report.erase("timings_ms");
      report.erase("pdf");
      for (auto& page : report["pages"]) page.erase("milliseconds");
      files[pass]["report"] = report.dump();
      files[pass]["pdf"] = read_file(out / "issue.pdf");
      files[pass]["dump"] = read_file(out / "dump.json");
      for (const auto& entry : fs::directory_iterator(out / "png")) {
        files[pass][entry.path().filename().string()] = read_file(entry.path());
      }
      ++pass;
    }
    ASSERT_EQ(files[0].size(), files[1].size());
    EXPECT_GE(files[0].size(), 5u);  // report, pdf, dump and two pages or more
    for (const auto& [name, bytes] : files[0]) EXPECT_TRUE(bytes == files[1][name]) << name << " differs";
  }
}

TEST(Cli, HelpAndVersion) {
  const Outcome help = run(std::string(ZJGR_TYPESET) + " --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.output.find("--dump-layout"), std::string::npos);
  const Outcome version = run(std::string(ZJGR_TYPESET) + " --version");
  EXPECT_EQ(version.status, 0);
  EXPECT_NE(version.output.find("zjgr-typeset"), std::string::npos);
}

// Number options out of range, NaN and infinity included (CLI::Range alone let "nan" through):
// refused before any work, exit status 1 (a wrong command line), nothing written.
TEST(Cli, NumberOptionsRefuseNanInfinityAndNonsense) {
  const fs::path dir = test::scratch_dir("e2e-number-options");
  for (const char* option : {"--dpi nan", "--dpi NaN", "--dpi inf", "--dpi -inf", "--dpi -100", "--dpi 1e308",
                             "--dpi x", "--ink-limit nan", "--ink-limit -240", "--ink-limit inf"}) {
    SCOPED_TRACE(option);
    const Outcome o = run(std::string(ZJGR_TYPESET) + " " + quote(kSmall) + " -o " + quote(dir / "out.pdf") +
                          " --png " + quote(dir / "png") + " " + option);
    EXPECT_EQ(o.status, 1) << o.output;
    const std::string name = std::string(option).substr(0, std::string(option).find(' '));
    EXPECT_NE(o.output.find(name), std::string::npos) << o.output;
    EXPECT_FALSE(fs::exists(dir / "out.pdf"));
    EXPECT_FALSE(fs::exists(dir / "png"));
  }
}

// The project's layouts are found beside the program (bin/../share/zjgr-typeset/layouts), never
// at a folder fixed when it was built: the same binary under another prefix without them finds
// no "broadsheet"; with them, it does.
TEST(Cli, LayoutsAreFoundBesideTheProgramNeverWhereItWasBuilt) {
  const fs::path dir = test::scratch_dir("e2e-installed-layouts");
  fs::copy(test::source_dir() / "examples/2021-02-25", dir / "issue", fs::copy_options::recursive);
  fs::create_directories(dir / "prefix/bin");
  std::error_code ec;
  fs::create_hard_link(ZJGR_TYPESET, dir / "prefix/bin/zjgr-typeset", ec);
  if (ec) fs::copy_file(ZJGR_TYPESET, dir / "prefix/bin/zjgr-typeset");
  const std::string command = quote(dir / "prefix/bin/zjgr-typeset") + " -q " + quote(dir / "issue/issue.json") +
                              " -o " + quote(dir / "out.pdf");
  const Outcome without = run(command);
  EXPECT_EQ(without.status, 1) << without.output;
  EXPECT_NE(without.output.find("error[layout-not-found]"), std::string::npos) << without.output;
  EXPECT_EQ(without.output.find((test::source_dir() / "layouts").string()), std::string::npos)
      << "the source tree's layouts were searched: " << without.output;
  fs::create_directories(dir / "prefix/share/zjgr-typeset");
  fs::copy(test::source_dir() / "layouts", dir / "prefix/share/zjgr-typeset/layouts", fs::copy_options::recursive);
  const Outcome with = run(command);
  EXPECT_EQ(with.status, 0) << with.output;
  EXPECT_TRUE(fs::exists(dir / "out.pdf"));
}

// Under a memory limit too small to run safely (Cairo crashed with SIGSEGV between ~150 and
// ~270 MiB of address space, issue 18), the run refuses at once: exit status 3, the need and the
// limit named, nothing written. Above the floor, the small issue is typeset. (The sanitizers
// reserve terabytes of address space: no limit can be tried under them.)
TEST(Cli, RefusesToStartUnderTooSmallAMemoryLimit) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer cannot run under an address-space limit";
#else
  const fs::path dir = test::scratch_dir("e2e-memory-limit");
  const auto typeset = [&](long mib) {
    return run("ulimit -v " + std::to_string(mib * 1024) + " && " + std::string(ZJGR_TYPESET) + " -q " +
               quote(kSmall) + " -o " + quote(dir / "out.pdf") + " --png " + quote(dir / "png"));
  };
  const Outcome low = typeset(cli::kMinAddressSpaceMiB - 60);
  EXPECT_EQ(low.status, 3) << low.output;
  EXPECT_NE(low.output.find("needs at least " + std::to_string(cli::kMinAddressSpaceMiB) + " MiB of address space"),
            std::string::npos) << low.output;
  EXPECT_NE(low.output.find("is " + std::to_string(cli::kMinAddressSpaceMiB - 60) + " MiB"), std::string::npos)
      << low.output;
  EXPECT_FALSE(fs::exists(dir / "out.pdf"));
  EXPECT_FALSE(fs::exists(dir / "png"));
  const Outcome enough = typeset(cli::kMinAddressSpaceMiB + 64);
  EXPECT_EQ(enough.status, 0) << enough.output;
  EXPECT_TRUE(fs::exists(dir / "png/page-02.png"));
#endif
}

// Bad input: exit status 1, a message naming file, pointer and line, and no output file.
struct BadInput {
  const char* name;
  const char* issue_json;
  const char* expect;  // substring of the diagnostic
};

class CliBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(CliBadInput, ExitsOneNamesThePlaceAndWritesNothing) {
  const BadInput& bad = GetParam();
  const fs::path dir = test::scratch_dir(std::string("e2e-bad-") + bad.name);
  fs::copy(test::source_dir() / "tests/fixtures/e2e/small", dir, fs::copy_options::recursive);
  { std::ofstream(dir / "issue.json") << bad.issue_json; }
  const Outcome o = run(std::string(ZJGR_TYPESET) + " " + quote(dir / "issue.json") + " -o " + quote(dir / "out.pdf") +
                        " --png " + quote(dir / "png") + " --report " + quote(dir / "report.json"));
  EXPECT_EQ(o.status, 1) << o.output;
  EXPECT_NE(o.output.find(bad.expect), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("issue.json"), std::string::npos) << o.output;
  EXPECT_FALSE(fs::exists(dir / "out.pdf"));
  EXPECT_FALSE(fs::exists(dir / "report.json"));
  EXPECT_FALSE(fs::exists(dir / "png" / "page-01.png"));
}

INSTANTIATE_TEST_SUITE_P(
    Catalogue, CliBadInput,
    ::testing::Values(
        BadInput{"truncated", "{ \"newspaper\": \"x\", \"date\": ", "line 1"},
        BadInput{"unknown_key",
                 "{\"newspaper\":\"x\",\"date\":\"2021-02-25\",\"layout\":\"layout.json\",\"pagez\":[]}", "/pagez"},
        BadInput{"span_past_grid",
                 "{\"newspaper\":\"x\",\"date\":\"2021-02-25\",\"layout\":\"layout.json\",\"pages\":[{\"page\":1,"
                 "\"articles\":[{\"article\":\"articles/union.json\",\"column\":2,\"span\":3}]}]}",
                 "/pages/0/articles/0"},
        BadInput{"missing_article",
                 "{\"newspaper\":\"x\",\"date\":\"2021-02-25\",\"layout\":\"layout.json\",\"pages\":[{\"page\":1,"
                 "\"articles\":[{\"article\":\"articles/nope.json\",\"column\":1,\"span\":1}]}]}",
                 "nope.json"}),
    [](const ::testing::TestParamInfo<BadInput>& param_info) { return std::string(param_info.param.name); });

TEST(Cli, StrictTurnsWarningsIntoExitTwo) {
  const fs::path dir = test::scratch_dir("e2e-strict");
  fs::copy(test::source_dir() / "tests/fixtures/e2e/small", dir, fs::copy_options::recursive);
  // The union article in a 4-line area: overset, a warning.
  {
    std::ofstream(dir / "issue.json")
        << "{\"newspaper\":\"浙江工人日报\",\"date\":\"2021-02-25\",\"layout\":\"layout.json\",\"pages\":[{\"page\":1,"
           "\"articles\":[{\"article\":\"articles/union.json\",\"column\":1,\"span\":1,\"lines\":4}]}]}";
  }
  const Outcome relaxed = run(std::string(ZJGR_TYPESET) + " " + quote(dir / "issue.json") + " -o " + quote(dir / "a.pdf"));
  EXPECT_EQ(relaxed.status, 0) << relaxed.output;
  EXPECT_NE(relaxed.output.find("warning[overset]"), std::string::npos) << relaxed.output;
  const Outcome strict =
      run(std::string(ZJGR_TYPESET) + " --strict " + quote(dir / "issue.json") + " -o " + quote(dir / "b.pdf"));
  EXPECT_EQ(strict.status, 2) << strict.output;
}

// Issue 12: the proof marks of an overset and an underset area are on the PNG (its golden is
// tests/golden/expected/proof-marks), never in the PDF; the report's figures name their units
// and were counted by hand from the proof: the library's one column has 17 rows below its
// headline (three lines since issue 15: 职工书屋|开到|生产线旁, not 开|到), 9 set and 8 empty at its foot; rows 10–17 of columns 1–2 stand empty between
// canteen (rows 2–9) and safety (rows 18–28).
/// Typesets the small golden case `name` (tests/golden/cases/<name>/issue.json) into `pdf` and
/// `report`. Its layout, shared by the golden cases, lies in their parent folder: a layout folder.
Outcome typeset_golden_case(const std::string& name, const fs::path& pdf, const fs::path& report) {
  const fs::path cases = test::source_dir() / "tests/golden/cases";
  return run(std::string(ZJGR_TYPESET) + " " + quote(cases / name / "issue.json") + " -q -o " + quote(pdf) +
             " --report " + quote(report) + " --layouts " + quote(cases));
}

TEST(ProofMarks, OnTheProofNeverInThePdfAndCountedInTheirUnits) {
  const fs::path out = test::scratch_dir("e2e-proof-marks-" + std::to_string(::getpid()));
  const Outcome o = typeset_golden_case("proof-marks", out / "p.pdf", out / "report.json");
  ASSERT_EQ(o.status, 0) << o.output;
  Outcome text = run("pdftotext " + quote(out / "p.pdf") + " -");
  ASSERT_EQ(text.status, 0);
  EXPECT_EQ(text.output.find("超"), std::string::npos) << "an overset label reached the PDF";
  EXPECT_EQ(text.output.find("空"), std::string::npos) << "an underset label reached the PDF";
  const auto report = nlohmann::json::parse(read_file(out / "report.json"));
  const auto& page = report["pages"][0];
  std::map<std::string, nlohmann::json> areas;
  for (const auto& a : page["areas"]) areas[a["article"].get<std::string>()] = a;
  EXPECT_GT(areas["canteen"]["overset_column_lines"].get<int>(), 0);
  EXPECT_EQ(areas["canteen"]["overset_text"].get<std::string>().rfind("夜班职工", 0), 0u)
      << areas["canteen"]["overset_text"];
  EXPECT_EQ(areas["library"]["rows"], 22);
  EXPECT_EQ(areas["library"]["columns"], 1);
  EXPECT_EQ(areas["library"]["underset_column_lines"], 8);
  ASSERT_EQ(areas["library"]["holes"].size(), 1u);
  EXPECT_EQ(areas["library"]["holes"][0]["rows"], 8);
  bool between = false;
  for (const auto& band : page["bands"]) {
    if (band.contains("foot")) continue;
    between = true;
    EXPECT_EQ(band["columns"], nlohmann::json::array({1, 2}));
    EXPECT_EQ(band["first_row"], 10);
    EXPECT_EQ(band["rows"], 8);
  }
  EXPECT_TRUE(between);
  std::error_code ec;
  fs::remove_all(out, ec);
}

// Issue 12: two fixed areas that overlap are an input error that names both articles, the
// columns and rows they share and how far the lower one must move; --proof-on-error still
// writes the PNG proof with the overlap marked in red (and no PDF).
TEST(ProofMarks, OverlapIsNamedAndShownWithProofOnError) {
  const fs::path out = test::scratch_dir("e2e-overlap-" + std::to_string(::getpid()));
  const fs::path cases = test::source_dir() / "tests/golden/cases";
  const std::string issue = R"({"newspaper": "浙江工人日报", "date": "2021-02-25", "layout": ")" +
                            (cases / "layout.json").string() + R"(", "pages": [{"page": 1, "template": "inside",
      "section": "要闻", "articles": [
      {"article": ")" + (cases / "proof-marks/articles/canteen.json").string() + R"(", "column": 1, "span": 2, "line": 2, "lines": 12},
      {"article": ")" + (cases / "proof-marks/articles/safety.json").string() + R"(", "column": 2, "span": 2, "line": 10, "lines": 11}]}]})";
  {
    std::ofstream(out / "issue.json") << issue;
  }
  const std::string command = std::string(ZJGR_TYPESET) + " " + quote(out / "issue.json") +
                              " --allow-outside-paths -o " + quote(out / "issue.pdf") + " --png " + quote(out / "png");
  const Outcome plain = run(command + " 2>&1");
  EXPECT_EQ(plain.status, 1);
  EXPECT_NE(plain.output.find("article \"safety\" overlaps the area of article \"canteen\""), std::string::npos)
      << plain.output;
  EXPECT_NE(plain.output.find("in columns 2, rows 10–13"), std::string::npos) << plain.output;
  EXPECT_NE(plain.output.find("\"safety\" would have to move down 4 rows"), std::string::npos) << plain.output;
  EXPECT_FALSE(fs::exists(out / "png/page-01.png"));

  const Outcome proofs = run(command + " --proof-on-error 2>&1");
  EXPECT_EQ(proofs.status, 1) << proofs.output;
  EXPECT_FALSE(fs::exists(out / "issue.pdf"));
  ASSERT_TRUE(fs::exists(out / "png/page-01.png")) << proofs.output;
  Diagnostics diagnostics;
  const auto page = render::read_png(out / "png/page-01.png", diagnostics);
  ASSERT_TRUE(page.has_value());
  int red = 0;
  for (std::size_t i = 0; i + 2 < page->rgb.size(); i += 3) {
    red += page->rgb[i] > 180 && page->rgb[i + 1] < 90 && page->rgb[i + 2] < 90;
  }
  EXPECT_GT(red, 100) << "the overlap's outline is drawn on the proof";
  std::error_code ec;
  fs::remove_all(out, ec);
}

// 竖排 (issue 16): the vertical headline strip read back from the PDF. Each upright character is
// a word of pdftotext -bbox: the 主题's characters share one x and go down the page, and the
// report says the area has a vertical headline.
TEST(Vertical, HeadlineReadsDownOneAxisInThePdf) {
  const fs::path out = test::scratch_dir("e2e-vertical-" + std::to_string(::getpid()));
  const Outcome o = typeset_golden_case("vertical", out / "v.pdf", out / "report.json");
  ASSERT_EQ(o.status, 0) << o.output;
  const Outcome bbox = run("pdftotext -f 1 -l 1 -bbox " + quote(out / "v.pdf") + " -");
  ASSERT_EQ(bbox.status, 0) << bbox.output;
  struct Word { double x, y; std::string text; };
  std::vector<Word> words;
  std::istringstream lines(bbox.output);
  for (std::string line; std::getline(lines, line);) {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    const auto at = line.find("<word ");
    const auto close = line.find("</word>");
    if (at == std::string::npos || close == std::string::npos) continue;
    if (std::sscanf(line.c_str() + at, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">", &x0, &y0, &x1,
                    &y1) != 4) {
      continue;
    }
    const auto text_at = line.find('>', at) + 1;
    words.push_back({x0, y0, line.substr(text_at, close - text_at)});
  }
  // 焊花里写就「青春答卷」: find 焊 followed, in the words' order, by 花 里 写 就 on its axis.
  const std::vector<std::string> headline = {"焊", "花", "里", "写", "就"};
  bool found = false;
  for (std::size_t i = 0; i < words.size() && !found; ++i) {
    if (words[i].text != headline[0]) continue;
    std::vector<const Word*> chain = {&words[i]};
    for (std::size_t j = i + 1; j < words.size() && chain.size() < headline.size(); ++j) {
      if (words[j].text == headline[chain.size()] && std::abs(words[j].x - words[i].x) < 0.5) chain.push_back(&words[j]);
    }
    if (chain.size() != headline.size()) continue;
    found = true;
    for (std::size_t k = 1; k < chain.size(); ++k) {
      EXPECT_NEAR(chain[k]->x, chain[0]->x, 0.01) << chain[k]->text << " is off the line's axis";
      EXPECT_GT(chain[k]->y, chain[k - 1]->y + 10) << chain[k]->text << " is not below " << chain[k - 1]->text;
    }
  }
  EXPECT_TRUE(found) << "no vertical line 焊花里写就 in:\n" << bbox.output.substr(0, 4000);
  const auto report = nlohmann::json::parse(read_file(out / "report.json"));
  EXPECT_EQ(report["pages"][0]["areas"][0]["vertical_headline"], true);
  std::error_code ec;
  fs::remove_all(out, ec);
}

}  // namespace
}  // namespace zjgr
