// The print-ready PDF of the example issue (examples/2021-02-25), screen and --print mode,
// checked only with tools the printing plant also has: qpdf (--check, --json), poppler-utils
// (pdffonts, pdfimages, pdfinfo) and Ghostscript's inkcov device. Issue 5's checklist, in order.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "render/png_read.h"
#include "support/paths.h"
#include "support/process.h"

namespace zjgr {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using test::Outcome;
using test::quote;
using test::read_file;
using test::run;

const fs::path kExample = test::source_dir() / "examples/2021-02-25/issue.json";
constexpr double kMm = 72.0 / 25.4;

/// Typesets the example into `dir` (created) as issue.pdf with `flags`; fails the test on a bad exit.
fs::path typeset(const std::string& name, const std::string& flags, const std::string& prefix = "") {
  const fs::path dir = test::scratch_dir("print-" + name + "-" + std::to_string(::getpid()));
  const fs::path pdf = dir / "issue.pdf";
  // "{dir}" in the flags stands for the output folder.
  const std::string expanded = std::regex_replace(flags, std::regex(R"(\{dir\})"), dir.string());
  const Outcome o = run(prefix + std::string(ZJGR_TYPESET) + " " + quote(kExample) + " -q -o " + quote(pdf) + " " + expanded);
  EXPECT_EQ(o.status, 0) << o.output;
  EXPECT_TRUE(fs::exists(pdf));
  return pdf;
}

/// qpdf --json (version 2) of a file.
json qpdf_json(const fs::path& pdf) {
  const Outcome o = run("qpdf --json " + quote(pdf), false);
  EXPECT_EQ(o.status, 0) << "qpdf --json failed (is qpdf installed?)";
  return json::parse(o.output);
}

/// The object a "N 0 R" reference names in qpdf's JSON (its dict for a stream).
const json& object(const json& doc, const std::string& ref) {
  const json& o = doc["qpdf"][1]["obj:" + ref];
  return o.contains("stream") ? o["stream"]["dict"] : o["value"];
}

std::vector<double> numbers(const json& array) {
  std::vector<double> v;
  for (const auto& x : array) v.push_back(x.get<double>());
  return v;
}

void expect_box(const json& page, const std::string& key, std::array<double, 4> want) {
  ASSERT_TRUE(page.contains(key)) << key << " missing";
  const std::vector<double> got = numbers(page[key]);
  ASSERT_EQ(got.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(got[i], want[i], 0.01) << key << "[" << i << "]";
}

/// Ghostscript's inkcov device: per page, the fraction of the page covered by C, M, Y, K.
std::vector<std::array<double, 4>> inkcov(const fs::path& pdf) {
  const Outcome o = run("gs -q -dNOPAUSE -dBATCH -o - -sDEVICE=inkcov -r36 " + quote(pdf), false);
  EXPECT_EQ(o.status, 0) << "gs failed (is ghostscript installed?)";
  std::vector<std::array<double, 4>> pages;
  std::istringstream lines(o.output);
  std::string line;
  while (std::getline(lines, line)) {
    std::array<double, 4> c{};
    if (std::sscanf(line.c_str(), " %lf %lf %lf %lf CMYK", &c[0], &c[1], &c[2], &c[3]) == 4) pages.push_back(c);
  }
  return pages;
}

// --- 1. Fonts ---------------------------------------------------------------------------------

TEST(PrintPdf, EveryFontIsEmbeddedAndSubsetInBothModes) {
  for (const std::string flags : {"", "--print"}) {
    const fs::path pdf = typeset(flags.empty() ? "fonts" : "fonts-print", flags);
    const Outcome o = run("pdffonts " + quote(pdf), false);
    ASSERT_EQ(o.status, 0);
    std::istringstream lines(o.output);
    std::string line;
    int fonts = 0;
    // name type… encoding emb sub uni object ID: the three yes/no columns before the object number.
    const std::regex row(R"(^\S+\s.*\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$)");
    while (std::getline(lines, line)) {
      std::smatch m;
      if (!std::regex_match(line, m, row)) continue;
      ++fonts;
      EXPECT_EQ(m[1], "yes") << "not embedded: " << line;
      EXPECT_EQ(m[2], "yes") << "not subset: " << line;
    }
    EXPECT_GE(fonts, 3) << o.output;  // song, hei (two weights), kai at least
  }
}

// --- 2. Photos --------------------------------------------------------------------------------

TEST(PrintPdf, ScreenModeEmbedsTheOriginalJpegBytes) {
  const fs::path pdf = typeset("jpeg", "");
  const Outcome list = run("pdfimages -list " + quote(pdf), false);
  ASSERT_EQ(list.status, 0);
  EXPECT_EQ(std::regex_search(list.output, std::regex(R"(image\s+2400\s+1600\s+rgb\s+3\s+8\s+jpeg)")), true) << list.output;
  // pdfimages -j writes DCT streams out unchanged: they must be the photo files, byte for byte.
  ASSERT_EQ(run("pdfimages -j " + quote(pdf) + " " + quote(pdf.parent_path() / "img")).status, 0);
  std::set<std::string> extracted;
  for (const auto& e : fs::directory_iterator(pdf.parent_path())) {
    if (e.path().extension() == ".jpg") extracted.insert(read_file(e.path()));
  }
  for (const char* photo : {"lantern.jpg", "party-badge.jpg", "labour-poster.jpg"}) {
    const std::string bytes = read_file(test::source_dir() / "examples/2021-02-25/images" / photo);
    ASSERT_FALSE(bytes.empty()) << photo;
    EXPECT_TRUE(extracted.count(bytes)) << photo << " is not embedded as its original bytes";
  }
}

TEST(PrintPdf, PrintModeConvertsPhotosToCmykWithinTheInkLimit) {
  for (const int limit : {240, 200}) {
    const fs::path pdf = typeset("cmyk-" + std::to_string(limit), "--print --ink-limit " + std::to_string(limit));
    const Outcome list = run("pdfimages -list " + quote(pdf), false);
    ASSERT_EQ(list.status, 0);
    const std::regex row(R"(image\s+(\d+)\s+(\d+)\s+(\w+)\s+(\d)\s+8\s+\w+\s+\w+\s+(\d+)\s+0)");
    int images = 0;
    for (std::sregex_iterator it(list.output.begin(), list.output.end(), row), end; it != end; ++it) {
      ++images;
      EXPECT_EQ((*it)[3], "cmyk") << list.output;
      // The pixels as qpdf decodes them (the JPEG's samples; the image's /Decode says whether
      // they are inverted, Adobe's convention): no pixel carries more ink than the limit.
      const Outcome data = run("qpdf --show-object=" + (*it)[5].str() + " --filtered-stream-data " + quote(pdf), false);
      ASSERT_EQ(data.status, 0);
      const Outcome dict = run("qpdf --show-object=" + (*it)[5].str() + " " + quote(pdf), false);
      const bool inverted = std::regex_search(dict.output, std::regex(R"(/Decode \[ ?1 0 1 0 1 0 1 0 ?\])"));
      const std::size_t pixels = std::stoul((*it)[1]) * std::stoul((*it)[2]);
      ASSERT_EQ(data.output.size(), 4 * pixels);
      int most = 0;
      for (std::size_t i = 0; i < data.output.size(); i += 4) {
        int sum = 0;
        for (std::size_t c = 0; c < 4; ++c) sum += static_cast<unsigned char>(data.output[i + c]);
        most = std::max(most, inverted ? 4 * 255 - sum : sum);
      }
      EXPECT_LE(most, limit * 255 / 100) << "object " << (*it)[5];
      EXPECT_GE(most, limit * 255 / 100 - 8) << "the dark areas of a photo reach the limit, not far under it";
    }
    EXPECT_EQ(images, 3) << list.output;  // page 1's two photos, page 3's poster
  }
}

TEST(PrintPdf, PrintModeEmbedsPhotosAsCmykJpegsDownsampledToTheTarget) {
  // pdfimages -list: page num type width height color comp bpc enc interp object gen x-ppi y-ppi …
  const fs::path pdf = typeset("press-photos", "--print");
  const Outcome list = run("pdfimages -list " + quote(pdf), false);
  ASSERT_EQ(list.status, 0);
  const std::regex row(R"(image\s+(\d+)\s+(\d+)\s+(\w+)\s+(\d)\s+8\s+(\w+)\s+(\w+)\s+\d+\s+0\s+(\d+)\s+(\d+))");
  std::set<std::pair<int, int>> sizes;
  for (std::sregex_iterator it(list.output.begin(), list.output.end(), row), end; it != end; ++it) {
    EXPECT_EQ((*it)[3], "cmyk") << list.output;
    EXPECT_EQ((*it)[5], "jpeg") << "a press photo is a CMYK JPEG (DCT), not Flate: " << list.output;
    EXPECT_EQ((*it)[6], "no") << "no /Interpolate in a PDF/X file";
    EXPECT_LE(std::stoi((*it)[7]), 301) << "above the 300 ppi target: " << list.output;
    EXPECT_LE(std::stoi((*it)[8]), 301) << list.output;
    sizes.emplace(std::stoi((*it)[1]), std::stoi((*it)[2]));
  }
  // The lantern (2400×1600, shown 3:2 at 127 mm = 479 ppi) goes down to 300 ppi; the party badge,
  // cropped to 1200×1600 pixels at 240 ppi, and page 3's poster (3000×2300 across the page's
  // 350 mm, 218 ppi) keep their pixels (never upsampled).
  EXPECT_EQ(sizes, (std::set<std::pair<int, int>>{{1503, 1002}, {1200, 1600}, {3000, 2300}})) << list.output;
  // Each stored as Adobe's YCCK: luma and K at full resolution, the two chroma components 2x2.
  const fs::path out = pdf.parent_path() / "img";
  ASSERT_EQ(run("pdfimages -j " + quote(pdf) + " " + quote(out), false).status, 0);
  for (const char* name : {"img-000.jpg", "img-001.jpg", "img-002.jpg"}) {
    const Outcome info = run("identify -format '%[jpeg:sampling-factor]' " + quote(pdf.parent_path() / name), false);
    EXPECT_EQ(info.output, "2x2,1x1,1x1,2x2") << name;
  }
}

/// The separations of one page through Ghostscript's tiffsep device at `dpi`: per plate (Cyan,
/// Magenta, Yellow, Black) the ink of each pixel, 0 (none) … 255 (solid), rows top to bottom.
struct Plates {
  int width = 0, height = 0;
  std::map<std::string, std::string> ink;
  int at(const std::string& plate, int x, int y) const {
    return static_cast<unsigned char>(ink.at(plate)[static_cast<std::size_t>(y) * width + x]);
  }
};

Plates separations(const fs::path& pdf, int page, int dpi) {
  const fs::path dir = pdf.parent_path() / ("sep-" + std::to_string(page));
  fs::create_directories(dir);
  Plates plates;
  const Outcome gs = run("gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=tiffsep -r" + std::to_string(dpi) + " -dFirstPage=" +
                             std::to_string(page) + " -dLastPage=" + std::to_string(page) + " -o " +
                             quote(dir / "p.tif") + " " + quote(pdf), false);
  EXPECT_EQ(gs.status, 0) << "gs failed (is ghostscript installed?)";
  for (const char* plate : {"Cyan", "Magenta", "Yellow", "Black"}) {
    const fs::path tif = dir / ("p(" + std::string(plate) + ").tif");
    // ImageMagick shows a separation as it prints: white paper, dark ink.
    const Outcome size = run("identify -format '%w %h' " + quote(tif), false);
    EXPECT_EQ(std::sscanf(size.output.c_str(), "%d %d", &plates.width, &plates.height), 2) << plate << ": " << size.output;
    const Outcome grey = run("convert " + quote(tif) + " -depth 8 gray:-", false);
    std::string ink = grey.output;
    EXPECT_EQ(ink.size(), static_cast<std::size_t>(plates.width) * plates.height) << plate;
    for (char& c : ink) c = static_cast<char>(255 - static_cast<unsigned char>(c));
    plates.ink[plate] = ink;
  }
  return plates;
}

// Text on the black plate alone; printer's marks in the slug on every plate (the /All
// separation), the colour bar's patches and the plate names each on their own.
TEST(PrintPdf, SeparationsShowTextOnBlackAndTheMarksOnEveryPlate) {
  const fs::path pdf = typeset("tiffsep", "--print --marks");
  const int dpi = 30;
  const Plates plates = separations(pdf, 2, dpi);
  ASSERT_GT(plates.width, 0);
  // The trim box starts 13 mm (slug 10 + bleed 3) in from each side of the MediaBox.
  const int inset = static_cast<int>(std::ceil(13 / 25.4 * dpi)) + 1;
  std::map<std::string, long> inside, outside;
  for (const auto& [plate, ink] : plates.ink) {
    for (int y = 0; y < plates.height; ++y) {
      for (int x = 0; x < plates.width; ++x) {
        const bool in_trim = x >= inset && y >= inset && x < plates.width - inset && y < plates.height - inset;
        (in_trim ? inside : outside)[plate] += plates.at(plate, x, y);
      }
    }
  }
  EXPECT_EQ(inside["Cyan"], 0);
  EXPECT_EQ(inside["Magenta"], 0);
  EXPECT_EQ(inside["Yellow"], 0);
  EXPECT_GT(inside["Black"], 0);
  for (const char* plate : {"Cyan", "Magenta", "Yellow", "Black"}) EXPECT_GT(outside[plate], 0) << plate;
  // A crop mark at the top left corner, 1–9 mm beyond the bleed, is on all four plates.
  const int y = static_cast<int>(std::lround(13 / 25.4 * dpi)), x = static_cast<int>(std::lround(6 / 25.4 * dpi));
  for (const char* plate : {"Cyan", "Magenta", "Yellow", "Black"}) {
    int most = 0;
    for (int dy = -1; dy <= 1; ++dy) most = std::max(most, plates.at(plate, x, y + dy));
    EXPECT_GT(most, 128) << plate << ": no crop mark at the top left";
  }
}

// A CMYK JPEG in Adobe's convention (inverted samples) prints right only with the inverting
// /Decode: photos of a flat teal read back from the plates as cyan and yellow, not magenta and
// black (which is what the inverted samples would print as).
TEST(PrintPdf, PressPhotosPrintWithTheirOwnColoursOnThePlates) {
  const fs::path dir = test::scratch_dir("print-teal-" + std::to_string(::getpid()));
  fs::copy(kExample.parent_path(), dir / "issue", fs::copy_options::recursive);
  for (const char* photo : {"lantern.jpg", "party-badge.jpg"}) {
    const fs::path file = dir / "issue/images" / photo;
    fs::remove(file);
    ASSERT_EQ(run("convert -size 2400x1600 xc:'#20c0a0' -strip -quality 92 " + quote(file)).status, 0);
  }
  const fs::path pdf = dir / "issue.pdf";
  ASSERT_EQ(run(std::string(ZJGR_TYPESET) + " " + quote(dir / "issue/issue.json") + " -q --print -o " + quote(pdf)).status, 0);
  const Plates plates = separations(pdf, 1, 20);
  std::map<std::string, long> total;
  for (const auto& [plate, ink] : plates.ink) {
    for (unsigned char c : ink) total[plate] += c;
  }
  EXPECT_GT(total["Cyan"], 3 * total["Magenta"]);
  EXPECT_GT(total["Yellow"], 2 * total["Magenta"]);
  EXPECT_GT(total["Cyan"], total["Black"]) << "the photos print dark: the /Decode is missing or wrong";
}

// --- 3. Boxes, 4. colour keys, 5. metadata (qpdf --json, not pdfinfo -box) ------------------------

TEST(PrintPdf, QpdfShowsBoxesOutputIntentPdfxKeysAndOverprint) {
  const fs::path pdf = typeset("keys", "--print --marks");
  const Outcome check = run("qpdf --check " + quote(pdf));
  EXPECT_EQ(check.status, 0) << check.output;
  EXPECT_NE(check.output.find("No syntax or stream encoding errors"), std::string::npos) << check.output;

  const json doc = qpdf_json(pdf);
  // Trim 390 × 545 mm, bleed 3 mm, a 10 mm slug for the crop marks (layouts/broadsheet.json).
  const double slug = 10 * kMm, bleed = 3 * kMm, w = 390 * kMm, h = 545 * kMm;
  ASSERT_EQ(doc["pages"].size(), 3u);
  for (const auto& p : doc["pages"]) {
    const json& page = object(doc, p["object"]);
    expect_box(page, "/MediaBox", {0, 0, w + 2 * (bleed + slug), h + 2 * (bleed + slug)});
    expect_box(page, "/BleedBox", {slug, slug, slug + w + 2 * bleed, slug + h + 2 * bleed});
    expect_box(page, "/TrimBox", {slug + bleed, slug + bleed, slug + bleed + w, slug + bleed + h});
    EXPECT_FALSE(page.contains("/Group")) << "a page transparency group is left";
  }

  const json& trailer = doc["qpdf"][1]["trailer"]["value"];
  ASSERT_TRUE(trailer.contains("/ID"));
  const json& info = object(doc, trailer["/Info"]);
  EXPECT_EQ(info["/GTS_PDFXVersion"], "u:PDF/X-1a:2003");
  EXPECT_EQ(info["/Trapped"], "/False");
  EXPECT_EQ(info["/CreationDate"], "u:D:20210225000000+08'00'");
  EXPECT_EQ(info["/ModDate"], "u:D:20210225000000+08'00'");
  const std::string title = info["/Title"];
  for (const char* part : {"浙江工人日报", "2021", "11752"}) EXPECT_NE(title.find(part), std::string::npos) << title;
  EXPECT_EQ(info["/Author"], "u:浙江工人日报");
  EXPECT_TRUE(info.contains("/Subject"));

  const json& root = object(doc, trailer["/Root"]);
  ASSERT_TRUE(root.contains("/OutputIntents"));
  const json& intent = object(doc, root["/OutputIntents"][0]);
  EXPECT_EQ(intent["/S"], "/GTS_PDFX");
  EXPECT_EQ(object(doc, intent["/DestOutputProfile"])["/N"], 4);
  // The condition is named: "Custom" (the embedded profile is it) and the profile's description.
  EXPECT_EQ(intent["/OutputConditionIdentifier"], "u:Custom");
  EXPECT_EQ(intent["/OutputCondition"], "u:Artifex CMYK SWOP Profile");
  EXPECT_EQ(read_file(pdf).substr(0, 8), "%PDF-1.4");

  // Overprint for black: an ExtGState with /OP true /op true /OPM 1 exists and is used.
  // (The graphics states sit as direct dictionaries inside the resources: search every value.)
  int overprint = 0;
  std::function<void(const json&)> find = [&](const json& v) {
    if (v.is_object()) {
      if (v.value("/Type", "") == "/ExtGState" && v.value("/op", false) && v.value("/OP", false) && v.value("/OPM", 0) == 1) {
        ++overprint;
      }
      for (const auto& [key, child] : v.items()) find(child);
    } else if (v.is_array()) {
      for (const auto& child : v) find(child);
    }
  };
  find(doc["qpdf"][1]);
  EXPECT_GE(overprint, 2) << "one per page";
  const Outcome qdf = run("qpdf --qdf --object-streams=disable " + quote(pdf) + " -", false);
  // Black fills (text) are set right after selecting an overprinting graphics state.
  EXPECT_TRUE(std::regex_search(qdf.output, std::regex(R"(/\w+ gs 0 0 0 1 k)"))) << "black is not set to overprint";
  // Page labels and the outline (page → article headlines).
  ASSERT_EQ(doc["pagelabels"].size(), 3u);
  EXPECT_EQ(doc["pagelabels"][0]["label"]["/P"], "u:第1版");
  EXPECT_EQ(doc["pagelabels"][1]["label"]["/P"], "u:第2版");
  EXPECT_EQ(doc["pagelabels"][2]["label"]["/P"], "u:第3版");
  ASSERT_EQ(doc["outlines"].size(), 3u);
  EXPECT_FALSE(doc["outlines"][0]["kids"].empty());
  EXPECT_EQ(doc["outlines"][0]["destpageposfrom1"], 1);
  EXPECT_EQ(doc["outlines"][1]["destpageposfrom1"], 2);
  EXPECT_EQ(doc["outlines"][2]["destpageposfrom1"], 3);
}

TEST(PrintPdf, ScreenModeClaimsNoPdfxAndHasGreyBlack) {
  const fs::path pdf = typeset("screen-keys", "");
  EXPECT_EQ(run("qpdf --check " + quote(pdf)).status, 0);
  const json doc = qpdf_json(pdf);
  const double bleed = 3 * kMm, w = 390 * kMm, h = 545 * kMm;
  for (const auto& p : doc["pages"]) {
    const json& page = object(doc, p["object"]);
    expect_box(page, "/MediaBox", {0, 0, w + 2 * bleed, h + 2 * bleed});
    expect_box(page, "/TrimBox", {bleed, bleed, bleed + w, bleed + h});
  }
  // A screen file keeps sRGB photos: it meets no PDF/X version, so it claims none (issue 14) —
  // no GTS_PDFX keys and no OutputIntent that a plant's preflight would hold it to.
  const json& trailer = doc["qpdf"][1]["trailer"]["value"];
  const json& root = object(doc, trailer["/Root"]);
  EXPECT_FALSE(root.contains("/OutputIntents"));
  EXPECT_FALSE(object(doc, trailer["/Info"]).contains("/GTS_PDFXVersion"));
  EXPECT_FALSE(object(doc, trailer["/Info"]).contains("/GTS_PDFXConformance"));
  // Black text is DeviceGray: no "0 0 0 rg" left in any content stream.
  const Outcome qdf = run("qpdf --qdf --object-streams=disable " + quote(pdf) + " -", false);
  EXPECT_EQ(qdf.output.find("0 0 0 rg"), std::string::npos);
  EXPECT_NE(qdf.output.find("0 g"), std::string::npos);
}

TEST(PrintPdf, PdfxOptionChoosesX1a2001WithItsKeysAndPdfVersion) {
  const fs::path pdf = typeset("x1a2001", "--print --pdfx 1a:2001 --output-condition IFRA26");
  EXPECT_EQ(read_file(pdf).substr(0, 8), "%PDF-1.3");  // ISO 15930-1 is based on PDF 1.3
  const json doc = qpdf_json(pdf);
  const json& trailer = doc["qpdf"][1]["trailer"]["value"];
  const json& info = object(doc, trailer["/Info"]);
  EXPECT_EQ(info["/GTS_PDFXVersion"], "u:PDF/X-1:2001");
  EXPECT_EQ(info["/GTS_PDFXConformance"], "u:PDF/X-1a:2001");
  const json& intent = object(doc, object(doc, trailer["/Root"])["/OutputIntents"][0]);
  EXPECT_EQ(intent["/OutputConditionIdentifier"], "u:IFRA26");
  EXPECT_EQ(run(std::string(ZJGR_TYPESET) + " " + quote(kExample) + " -q --print --pdfx 3:2003 -o " +
                quote(pdf.parent_path() / "x3.pdf")).status, 1)
      << "only the X-1a versions the file meets can be asked for";
}

// --- 4. Colour on the plates --------------------------------------------------------------------

TEST(PrintPdf, InkcovShowsTextOnlyPageOnTheBlackPlateAlone) {
  const fs::path print = typeset("inkcov", "--print");
  const auto pages = inkcov(print);
  ASSERT_EQ(pages.size(), 3u);
  // Page 2 has text and rules only: cyan, magenta and yellow are blank, black is not.
  EXPECT_EQ(pages[1][0], 0.0);
  EXPECT_EQ(pages[1][1], 0.0);
  EXPECT_EQ(pages[1][2], 0.0);
  EXPECT_GT(pages[1][3], 0.001);
  // Page 1 carries the two colour photos, page 3 the red poster: the colour plates are used there.
  EXPECT_GT(pages[0][0] + pages[0][1] + pages[0][2], 0.01);
  EXPECT_GT(pages[2][1] + pages[2][2], 0.1);
  // No RGB is left for the RIP to convert, and black is K only.
  const Outcome qdf = run("qpdf --qdf --object-streams=disable " + quote(print) + " -", false);
  EXPECT_FALSE(std::regex_search(qdf.output, std::regex(R"(\s(rg|RG)\s)")));
  EXPECT_NE(qdf.output.find("0 0 0 1 k"), std::string::npos);
}

// --- 6. Deterministic --------------------------------------------------------------------------

TEST(PrintPdf, RunsFromOtherFoldersTimeZonesAndLocalesAreByteIdentical) {
  for (const std::string mode : {"", "--print"}) {
    const std::string tag = mode.empty() ? "screen" : "print";
    const fs::path a = typeset("det-a-" + tag, mode + " --png {dir}/png --dpi 20", "cd / && TZ=UTC LC_ALL=C ");
    const fs::path b = typeset("det-b-" + tag, mode + " --png {dir}/png --dpi 20",
                               "cd /tmp && TZ=Asia/Shanghai LC_ALL=C.UTF-8 LANG=zh_CN.UTF-8 ");
    const std::string first = read_file(a);
    ASSERT_FALSE(first.empty());
    EXPECT_TRUE(first == read_file(b)) << tag << ": the PDFs differ";
    for (const char* page : {"page-01.png", "page-02.png", "page-03.png"}) {
      const std::string pa = read_file(a.parent_path() / "png" / page), pb = read_file(b.parent_path() / "png" / page);
      EXPECT_FALSE(pa.empty()) << page;
      EXPECT_TRUE(pa == pb) << page;
    }
  }
}

// --- 7. Atomic ---------------------------------------------------------------------------------

TEST(PrintPdf, AFailedRunLeavesTheOlderPdfUntouchedAndNoTemporary) {
  const fs::path pdf = typeset("atomic", "");
  const std::string before = read_file(pdf);
  ASSERT_FALSE(before.empty());
  // The render stage fails after its temporary file exists: the output profile is not ICC.
  const fs::path bad = pdf.parent_path() / "not-a-profile.icc";
  std::ofstream(bad) << "this is not an ICC profile";
  const Outcome o = run(std::string(ZJGR_TYPESET) + " " + quote(kExample) + " -q --print --output-profile " +
                        quote(bad) + " -o " + quote(pdf));
  EXPECT_EQ(o.status, 1) << o.output;
  EXPECT_NE(o.output.find("bad-profile"), std::string::npos) << o.output;
  EXPECT_TRUE(read_file(pdf) == before) << "the older PDF was changed";
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(pdf.parent_path())) files.push_back(e.path().filename().string());
  std::sort(files.begin(), files.end());
  EXPECT_EQ(files, (std::vector<std::string>{"issue.pdf", "not-a-profile.icc"}));
}

// --- 7. Photos as the camera stored them -------------------------------------------------------

/// The bounding box [x0, y0, x1, y1] of the pixels within 24 of `rgb` in a PNG; all -1 if none.
std::array<int, 4> box_of(const fs::path& png, std::array<int, 3> rgb) {
  Diagnostics diagnostics;
  const auto r = render::read_png(png, diagnostics);
  EXPECT_TRUE(r.has_value()) << png;
  std::array<int, 4> box{-1, -1, -1, -1};
  if (!r) return box;
  for (int y = 0; y < r->height; ++y) {
    for (int x = 0; x < r->width; ++x) {
      const std::size_t i = (static_cast<std::size_t>(y) * r->width + x) * 3;
      if (std::abs(r->rgb[i] - rgb[0]) > 24 || std::abs(r->rgb[i + 1] - rgb[1]) > 24 || std::abs(r->rgb[i + 2] - rgb[2]) > 24) continue;
      if (box[0] < 0) box = {x, y, x, y};
      box = {std::min(box[0], x), std::min(box[1], y), std::max(box[2], x), std::max(box[3], y)};
    }
  }
  return box;
}

// A camera's portrait photo: stored 2400×1600 (teal left, purple right) with EXIF orientation 6,
// so upright it is 1600×2400, teal on top. The example's lantern photo is replaced by it: the
// report gives the upright size and its resolution, and the proof and the PDF (through
// Ghostscript) show teal above purple, as wide as each other — not side by side. The article crops
// to 3:2, so the crop (the upright middle) is checked too.
TEST(PrintPdf, ExifTurnedPhotoIsUprightInTheReportTheProofAndThePdf) {
  const fs::path dir = test::scratch_dir("print-exif-" + std::to_string(::getpid()));
  fs::copy(kExample.parent_path(), dir / "issue", fs::copy_options::recursive);
  const fs::path stored = dir / "stored.jpg", lantern = dir / "issue/images/lantern.jpg";
  ASSERT_EQ(run("convert -size 1200x1600 xc:'#20c0a0' -size 1200x1600 xc:'#c020c0' +append -strip -quality 92 " +
                quote(stored)).status, 0) << "ImageMagick's convert failed";
  std::string jpeg = read_file(stored);
  ASSERT_GT(jpeg.size(), 2u);
  // APP1 (length 34): "Exif\0\0", big-endian TIFF header, IFD0 with Orientation (0x0112) = 6.
  const std::string app1("\xFF\xE1\0\x22" "Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0", 36);
  jpeg.insert(2, app1);
  std::ofstream(lantern, std::ios::binary | std::ios::trunc) << jpeg;

  const fs::path pdf = dir / "issue.pdf";
  const Outcome o = run(std::string(ZJGR_TYPESET) + " " + quote(dir / "issue/issue.json") + " -q -o " + quote(pdf) +
                        " --report " + quote(dir / "report.json") + " --png " + quote(dir / "png") + " --dpi 36");
  ASSERT_EQ(o.status, 0) << o.output;
  const json report = json::parse(read_file(dir / "report.json"));
  int page = 0;
  for (const auto& photo : report["photos"]) {
    if (photo["article"] != "lantern") continue;
    page = photo["page"].get<int>();
    EXPECT_EQ(photo["pixels"], json::array({1600, 2400}));
    const double width = photo["placed_pt"][0].get<double>(), height = photo["placed_pt"][1].get<double>();
    EXPECT_NEAR(width / height, 1.5, 0.01);  // the article's crop
    EXPECT_NEAR(photo["effective_ppi"].get<double>(), 1600 / (width / 72), 0.5);
  }
  ASSERT_GT(page, 0) << "the lantern photo is not in the report";

  char name[32];
  std::snprintf(name, sizeof name, "page-%02d.png", page);
  const fs::path rip = dir / "rip.png";
  ASSERT_EQ(run("gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=png16m -r36 -dUseTrimBox -dFirstPage=" + std::to_string(page) +
                " -dLastPage=" + std::to_string(page) + " -o " + quote(rip) + " " + quote(pdf)).status, 0);
  for (const fs::path& png : {dir / "png" / name, rip}) {
    SCOPED_TRACE(png.string());
    const std::array<int, 4> top = box_of(png, {0x20, 0xc0, 0xa0}), bottom = box_of(png, {0xc0, 0x20, 0xc0});
    ASSERT_GE(top[0], 0) << "no teal";
    ASSERT_GE(bottom[0], 0) << "no purple";
    EXPECT_LE(top[3], bottom[1] + 1) << "teal is not above purple";
    EXPECT_NEAR(top[0], bottom[0], 2) << "teal and purple do not start at the same x";
    EXPECT_NEAR(top[2], bottom[2], 2) << "teal and purple do not end at the same x";
    // The 3:2 crop of the upright middle: as much teal as purple, the whole 1.5 : 1.
    EXPECT_NEAR(top[3] - top[1], bottom[3] - bottom[1], 3);
    EXPECT_NEAR((top[2] - top[0] + 1) / double(bottom[3] - top[1] + 1), 1.5, 0.05);
  }
}

// --- 8. Preflight in report.json ----------------------------------------------------------------

TEST(PrintPdf, ReportListsThePreflightOfTheFinishedFile) {
  // --strict: the example has no warning, so a failed preflight check would be exit status 2.
  const fs::path pdf = typeset("report", "--print --marks --strict --report {dir}/report.json");
  const json report = json::parse(read_file(pdf.parent_path() / "report.json"));
  ASSERT_TRUE(report.contains("preflight"));
  const json& pre = report["preflight"];
  EXPECT_EQ(pre["mode"], "print");
  // Its photos are made for the press from the whole document: drawn after layout.
  EXPECT_EQ(report.value("pdf_drawn", ""), "after-layout");
  std::set<std::string> names;
  for (const auto& c : pre["checks"]) {
    names.insert(c["check"].get<std::string>());
    EXPECT_TRUE(c["passed"].get<bool>()) << c.dump();
  }
  for (const char* name : {"page-boxes", "fonts-embedded", "fonts-subset", "no-transparency", "document-id", "metadata",
                           "pdfx-version", "no-pdf15-features", "output-intent", "image-resolution", "jpeg-quality",
                           "marks-all-plates", "no-rgb", "black-k-only", "ink-limit"}) {
    EXPECT_TRUE(names.count(name)) << name;
  }
  EXPECT_GE(pre["pdf_fonts"].size(), 3u);
  ASSERT_EQ(pre["pdf_images"].size(), 3u);
  for (const auto& im : pre["pdf_images"]) {
    EXPECT_EQ(im["color_space"], "DeviceCMYK");
    EXPECT_EQ(im["filter"], "DCTDecode");
    EXPECT_LE(im["max_ink_percent"].get<double>(), 240.0);
    EXPECT_EQ(im["jpeg_quality"], 90);  // read back from the quantisation tables
    EXPECT_LE(im["effective_ppi"][1].get<double>(), 301.0);
  }
  // Each photo as made: placed size, the file's pixels and resolution there, and the JPEG's.
  ASSERT_EQ(pre["press_photos"].size(), 3u);
  for (const auto& ph : pre["press_photos"]) {
    EXPECT_EQ(ph["jpeg_quality"], 90);
    EXPECT_LE(ph["output_ppi"].get<double>(), std::min(300.5, ph["source_ppi"].get<double>() + 0.05)) << ph.dump();
    EXPECT_GT(ph["placed_pt"][0].get<double>(), 0);
  }
  // The photos with their effective resolution, from layout.
  ASSERT_EQ(report["photos"].size(), 3u);
  EXPECT_GT(report["photos"][0]["effective_ppi"].get<double>(), 0);
}

}  // namespace
}  // namespace zjgr
