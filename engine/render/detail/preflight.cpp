// Preflight of the finished PDF with libqpdf (see preflight.h). Each check walks the file as a
// plant's tool would — the page tree, each page's resources and content — not our own records.
#include "render/detail/preflight.h"

#include "render/detail/content_stream.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <new>
#include <regex>
#include <set>

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

namespace zjgr::render::detail {
namespace {

std::string name_of(QPDFObjectHandle o) {
  if (o.isName()) return o.getName().substr(1);
  if (o.isArray() && o.getArrayNItems() > 0 && o.getArrayItem(0).isName()) return o.getArrayItem(0).getName().substr(1);
  return o.isNull() ? "" : "?";
}

std::string fmt(const char* format, double a, double b = 0, double c = 0) {
  char buf[160];
  std::snprintf(buf, sizeof buf, format, a, b, c);
  return buf;
}

bool read_box(QPDFObjectHandle o, std::array<double, 4>& out) {
  if (!o.isArray() || o.getArrayNItems() != 4) return false;
  for (int i = 0; i < 4; ++i) {
    if (!o.getArrayItem(i).isNumber()) return false;
    out[static_cast<std::size_t>(i)] = o.getArrayItem(i).getNumericValue();
  }
  return true;
}

bool inside(const std::array<double, 4>& inner, const std::array<double, 4>& outer) {
  constexpr double eps = 0.01;
  return inner[0] >= outer[0] - eps && inner[1] >= outer[1] - eps && inner[2] <= outer[2] + eps &&
         inner[3] <= outer[3] + eps;
}

bool same_box(const std::array<double, 4>& a, const std::array<double, 4>& b) {
  for (std::size_t i = 0; i < 4; ++i) {
    if (std::fabs(a[i] - b[i]) > 0.01) return false;
  }
  return true;
}

/// What the content streams paint with: colour operators and the colours text and strokes use.
class ContentScanner {
 public:
  int rgb_operators = 0;      ///< rg, RG, or cs/CS selecting an RGB or ICC space
  int rich_black_paints = 0;  ///< text or strokes in CMYK black with C, M or Y added
  int paints = 0;             ///< text shows and strokes seen
  double max_ink = 0;         ///< largest C+M+Y+K of a k/K colour, percent

  void scan(std::string_view content) {
    ContentLexer lexer(content);
    ContentToken token;
    while (lexer.next(token)) {
      if (token.type == ContentTokenType::Number) {
        operands_.push_back(token.number);
      } else if (token.type == ContentTokenType::Name) {
        name_ = token.text;
      } else if (token.type == ContentTokenType::Operator) {
        handle(token.text);
        operands_.clear();
      }
    }
  }

 private:
  void handle(std::string_view op) {
    if (op == "rg" || op == "RG") ++rgb_operators;
    if ((op == "cs" || op == "CS") && name_ != "/DeviceCMYK" && name_ != "/DeviceGray" && name_ != "/Pattern") {
      ++rgb_operators;
    }
    if ((op == "k" || op == "K") && operands_.size() == 4) {
      const std::array<double, 4> c{operands_[0], operands_[1], operands_[2], operands_[3]};
      (op == "k" ? fill_ : stroke_) = c;
      max_ink = std::max(max_ink, 100 * (c[0] + c[1] + c[2] + c[3]));
    }
    if ((op == "g" || op == "G") && operands_.size() == 1) (op == "g" ? fill_ : stroke_) = {0, 0, 0, 1 - operands_[0]};
    if (op == "q") stack_.emplace_back(fill_, stroke_);
    if (op == "Q" && !stack_.empty()) {
      std::tie(fill_, stroke_) = stack_.back();
      stack_.pop_back();
    }
    if (op == "Tj" || op == "TJ" || op == "'" || op == "\"") paint(fill_);
    if (op == "S" || op == "s") paint(stroke_);
  }

 private:
  void paint(const std::array<double, 4>& c) {
    ++paints;
    // Rich black: a black (K ≥ 90 %) built up with colour inks — misregisters on newsprint.
    if (c[3] >= 0.9 && c[0] + c[1] + c[2] > 1e-4) ++rich_black_paints;
  }

  std::vector<double> operands_;
  std::string name_;  // the last name operand
  std::array<double, 4> fill_{0, 0, 0, 1}, stroke_{0, 0, 0, 1};  // PDF's initial colour: black
  std::vector<std::pair<std::array<double, 4>, std::array<double, 4>>> stack_;
};

struct Walker {
  Preflight& out;
  ContentScanner scanner;
  int transparency = 0;  ///< soft masks, transparency groups, alpha or blend modes found
  std::set<QPDFObjGen> seen;

  // An ExtGState that makes anything transparent.
  void check_gstate(QPDFObjectHandle gs) {
    if (!gs.isDictionary()) return;
    for (const char* key : {"/CA", "/ca"}) {
      if (gs.getKey(key).isNumber() && gs.getKey(key).getNumericValue() < 1) ++transparency;
    }
    QPDFObjectHandle smask = gs.getKey("/SMask");
    if (!smask.isNull() && !smask.isNameAndEquals("/None")) ++transparency;
    QPDFObjectHandle bm = gs.getKey("/BM");
    if (!bm.isNull() && !bm.isNameAndEquals("/Normal") && !bm.isNameAndEquals("/Compatible")) ++transparency;
  }

  void resources(QPDFObjectHandle res, int page, int depth) {
    if (!res.isDictionary() || depth > 8) return;
    QPDFObjectHandle states = res.getKey("/ExtGState");
    if (states.isDictionary()) {
      for (auto item : states.ditems()) check_gstate(item.second);
    }
    QPDFObjectHandle xobjects = res.getKey("/XObject");
    if (!xobjects.isDictionary()) return;
    for (auto item : xobjects.ditems()) {
      QPDFObjectHandle x = item.second;
      if (!x.isStream() || !seen.insert(x.getObjGen()).second) continue;
      QPDFObjectHandle d = x.getDict();
      if (d.getKey("/Subtype").isNameAndEquals("/Image")) image(x, page);
      if (d.getKey("/Subtype").isNameAndEquals("/Form")) {
        if (d.getKey("/Group").isDictionary()) ++transparency;
        scanner.scan(stream_content(x));
        resources(d.getKey("/Resources"), page, depth + 1);
      }
    }
  }

  static bool inverts(QPDFObjectHandle decode) {
    if (!decode.isArray() || decode.getArrayNItems() != 8) return false;
    for (int i = 0; i < 8; ++i) {
      QPDFObjectHandle v = decode.getArrayItem(i);
      if (!v.isNumber() || v.getNumericValue() != ((i % 2 == 0) ? 1.0 : 0.0)) return false;
    }
    return true;
  }

  void image(QPDFObjectHandle x, int page) {
    QPDFObjectHandle d = x.getDict();
    PreflightImage im;
    im.page = page;
    im.width = d.getKey("/Width").isInteger() ? static_cast<int>(d.getKey("/Width").getIntValue()) : 0;
    im.height = d.getKey("/Height").isInteger() ? static_cast<int>(d.getKey("/Height").getIntValue()) : 0;
    im.color_space = d.getKey("/ImageMask").isBool() && d.getKey("/ImageMask").getBoolValue() ? "ImageMask"
                                                                                            : name_of(d.getKey("/ColorSpace"));
    im.filter = name_of(d.getKey("/Filter"));
    if (!d.getKey("/SMask").isNull() || d.hasKey("/SMaskInData")) ++transparency;
    if (im.color_space == "DeviceCMYK" && d.getKey("/BitsPerComponent").isInteger() &&
        d.getKey("/BitsPerComponent").getIntValue() == 8) {
      const std::shared_ptr<Buffer> data = x.getStreamData(qpdf_dl_all);
      const unsigned char* p = data->getBuffer();
      // An Adobe-inverted JPEG's /Decode [1 0 1 0 1 0 1 0]: the ink is 255 minus the sample.
      const bool inverted = inverts(d.getKey("/Decode"));
      int max_sum = 0;
      for (std::size_t i = 0; i + 3 < data->getSize(); i += 4) {
        const int sum = p[i] + p[i + 1] + p[i + 2] + p[i + 3];
        max_sum = std::max(max_sum, inverted ? 4 * 255 - sum : sum);
      }
      im.max_ink = std::round(max_sum * 1000.0 / 255) / 10;
    }
    out.images.push_back(im);
  }
};

void check_fonts(QPDF& pdf, Preflight& out) {
  static const std::regex subset_tag("^[A-Z]{6}\\+.*");
  for (QPDFObjectHandle obj : pdf.getAllObjects()) {
    if (!obj.isDictionary() || !obj.getKey("/Type").isNameAndEquals("/Font")) continue;
    const std::string subtype = name_of(obj.getKey("/Subtype"));
    if (subtype == "CIDFontType0" || subtype == "CIDFontType2") continue;  // listed with their Type0 parent
    PreflightFont font;
    font.name = obj.getKey("/BaseFont").isName() ? obj.getKey("/BaseFont").getName().substr(1) : "";
    font.type = subtype;
    QPDFObjectHandle descriptor_owner = obj;
    if (subtype == "Type0" && obj.getKey("/DescendantFonts").isArray() &&
        obj.getKey("/DescendantFonts").getArrayNItems() > 0) {
      descriptor_owner = obj.getKey("/DescendantFonts").getArrayItem(0);
      font.type += "/" + name_of(descriptor_owner.getKey("/Subtype"));
    }
    if (subtype == "Type3") {
      font.embedded = font.subset = true;  // glyphs are content streams in the file, only those used
    } else {
      QPDFObjectHandle fd = descriptor_owner.getKey("/FontDescriptor");
      font.embedded = fd.isDictionary() && (fd.hasKey("/FontFile") || fd.hasKey("/FontFile2") || fd.hasKey("/FontFile3"));
      font.subset = std::regex_match(font.name, subset_tag);
    }
    out.fonts.push_back(font);
  }
  std::sort(out.fonts.begin(), out.fonts.end(), [](const PreflightFont& a, const PreflightFont& b) { return a.name < b.name; });
}

void run(const std::string& bytes, const PreflightSpec& spec, Preflight& out) {
  auto check = [&](const std::string& name, bool passed, const std::string& detail) {
    out.checks.push_back({name, passed, detail});
  };
  QPDF pdf;
  pdf.setSuppressWarnings(true);
  pdf.processMemoryFile("finished.pdf", bytes.data(), bytes.size());
  check("readable", !pdf.anyWarnings(), pdf.anyWarnings() ? "qpdf found damage while reading" : "qpdf reads it cleanly");

  // Page boxes: TrimBox the page, inside the BleedBox, inside the MediaBox.
  std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf).getAllPages();
  std::string box_problem;
  for (std::size_t i = 0; i < pages.size() && i < spec.pages.size(); ++i) {
    QPDFObjectHandle page = pages[i].getObjectHandle();
    std::array<double, 4> media{}, bleed{}, trim{};
    const std::string where = "page " + std::to_string(i + 1) + ": ";
    if (!read_box(page.getKey("/MediaBox"), media) || !read_box(page.getKey("/BleedBox"), bleed) ||
        !read_box(page.getKey("/TrimBox"), trim)) {
      box_problem = where + "MediaBox, BleedBox or TrimBox missing";
    } else if (!same_box(trim, spec.pages[i].trim) || !same_box(bleed, spec.pages[i].bleed)) {
      box_problem = where + "TrimBox or BleedBox differs from the page size and bleed";
    } else if (!inside(trim, bleed) || !inside(bleed, media)) {
      box_problem = where + "TrimBox not inside BleedBox not inside MediaBox";
    }
  }
  if (pages.size() != spec.pages.size()) box_problem = std::to_string(pages.size()) + " pages in the file, expected " +
                                                       std::to_string(spec.pages.size());
  check("page-boxes", box_problem.empty(),
        box_problem.empty() ? std::to_string(pages.size()) + " pages, TrimBox = page inside BleedBox inside MediaBox"
                            : box_problem);

  // Fonts: embedded and subset.
  check_fonts(pdf, out);
  const auto not_embedded = std::count_if(out.fonts.begin(), out.fonts.end(), [](auto& f) { return !f.embedded; });
  const auto not_subset = std::count_if(out.fonts.begin(), out.fonts.end(), [](auto& f) { return !f.subset; });
  check("fonts-embedded", not_embedded == 0,
        std::to_string(out.fonts.size()) + " fonts, " + std::to_string(not_embedded) + " not embedded");
  check("fonts-subset", not_subset == 0, std::to_string(not_subset) + " of " + std::to_string(out.fonts.size()) + " not subset");

  // Content, images and transparency, page by page.
  Walker walker{out, {}, 0, {}};
  for (std::size_t i = 0; i < pages.size(); ++i) {
    QPDFObjectHandle page = pages[i].getObjectHandle();
    if (page.getKey("/Group").isDictionary()) ++walker.transparency;
    walker.scanner.scan(page_content(pages[i]));
    walker.resources(page.getKey("/Resources"), static_cast<int>(i) + 1, 0);
  }
  check("no-transparency", walker.transparency == 0,
        std::to_string(walker.transparency) + " transparency groups, soft masks, alpha or blend modes");

  // Document keys: /ID, Info, OutputIntent.
  QPDFObjectHandle id = pdf.getTrailer().getKey("/ID");
  check("document-id", id.isArray() && id.getArrayNItems() == 2 && id.getArrayItem(0).isString(),
        id.isArray() ? "trailer /ID present" : "no trailer /ID");
  QPDFObjectHandle info = pdf.getTrailer().getKey("/Info");
  auto info_string = [&](const char* key) {
    return info.isDictionary() && info.getKey(key).isString() ? info.getKey(key).getUTF8Value() : std::string();
  };
  const bool info_ok = !info_string("/Title").empty() && info_string("/CreationDate").rfind("D:", 0) == 0 &&
                       info_string("/ModDate").rfind("D:", 0) == 0 && info.getKey("/Trapped").isName() &&
                       !info_string("/GTS_PDFXVersion").empty();
  check("metadata", info_ok,
        info_ok ? info_string("/GTS_PDFXVersion") + ", created " + info_string("/CreationDate")
                : "Title, D: dates, Trapped or GTS_PDFXVersion missing");
  QPDFObjectHandle intents = pdf.getRoot().getKey("/OutputIntents");
  int channels = 0;
  if (intents.isArray() && intents.getArrayNItems() > 0) {
    QPDFObjectHandle profile = intents.getArrayItem(0).getKey("/DestOutputProfile");
    if (profile.isStream() && profile.getDict().getKey("/N").isInteger()) {
      channels = static_cast<int>(profile.getDict().getKey("/N").getIntValue());
    }
  }
  const int want_channels = spec.print ? 4 : 3;
  check("output-intent", channels == want_channels,
        channels == 0 ? "no OutputIntent with a DestOutputProfile"
                      : std::string(channels == 4 ? "CMYK" : "RGB") + " OutputIntent" +
                            (channels == want_channels ? "" : ", expected " + std::string(spec.print ? "CMYK" : "RGB")));

  if (!spec.print) return;
  // Print: nothing in RGB, black never rich, ink within the limit.
  int rgb_images = 0;
  double max_ink = walker.scanner.max_ink;
  for (const PreflightImage& im : out.images) {
    if (im.color_space != "DeviceCMYK" && im.color_space != "DeviceGray" && im.color_space != "ImageMask") ++rgb_images;
    max_ink = std::max(max_ink, im.max_ink);
  }
  check("no-rgb", rgb_images == 0 && walker.scanner.rgb_operators == 0,
        std::to_string(rgb_images) + " RGB images, " + std::to_string(walker.scanner.rgb_operators) +
            " RGB colour operators");
  check("black-k-only", walker.scanner.rich_black_paints == 0,
        std::to_string(walker.scanner.rich_black_paints) + " of " + std::to_string(walker.scanner.paints) +
            " text and stroke paints in rich black");
  check("ink-limit", max_ink <= spec.ink_limit + 0.05, fmt("most ink %.1f %% (limit %.0f %%)", max_ink, spec.ink_limit));
}

}  // namespace

Preflight preflight_pdf(const std::string& pdf, const PreflightSpec& spec) {
  Preflight out;
  try {
    run(pdf, spec, out);
  } catch (const std::bad_alloc&) {
    throw;  // out of memory is the machine's fault, not the file's: the CLI reports it
  } catch (const std::exception& e) {
    out.checks.push_back({"readable", false, std::string("qpdf cannot read the finished file: ") + e.what()});
  }
  return out;
}

}  // namespace zjgr::render::detail
