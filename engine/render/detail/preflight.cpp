// Preflight of the finished PDF with libqpdf (see preflight.h). Each check walks the file as a
// plant's tool would — the page tree, each page's resources and content — not our own records.
#include "render/detail/preflight.h"

#include "render/detail/content_stream.h"
#include "render/detail/images.h"
#include "render/detail/press_photos.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <new>
#include <optional>
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
  int actual_text = 0;        ///< /ActualText in marked-content properties (PDF 1.5)
  double max_ink = 0;         ///< largest C+M+Y+K of a k/K colour, percent
  /// Called for each Do with the XObject's name (with its slash) and the CTM [a b c d e f].
  std::function<void(std::string_view, const std::array<double, 6>&)> on_do;
  /// Called for each CS/cs with the colour space's name (with its slash).
  std::function<void(std::string_view)> on_color_space;

  void scan(std::string_view content) {
    ctm_ = {1, 0, 0, 1, 0, 0};  // each stream from its own space (a page's, or a form's)
    stack_.clear();
    ContentLexer lexer(content);
    ContentToken token;
    while (lexer.next(token)) {
      if (token.type == ContentTokenType::Number) {
        operands_.push_back(token.number);
      } else if (token.type == ContentTokenType::Name) {
        name_ = token.text;
        if (token.text == "/ActualText") ++actual_text;
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
      // A named space from the resources: the caller tells a separation from an RGB space.
      if (on_color_space && name_.rfind("/Device", 0) != 0) {
        on_color_space(name_);
      } else {
        ++rgb_operators;
      }
    }
    if (op == "cm" && operands_.size() == 6) {
      const std::array<double, 6> m{operands_[0], operands_[1], operands_[2], operands_[3], operands_[4], operands_[5]};
      const std::array<double, 6> c = ctm_;
      ctm_ = {m[0] * c[0] + m[1] * c[2], m[0] * c[1] + m[1] * c[3], m[2] * c[0] + m[3] * c[2],
              m[2] * c[1] + m[3] * c[3], m[4] * c[0] + m[5] * c[2] + c[4], m[4] * c[1] + m[5] * c[3] + c[5]};
    }
    if (op == "Do" && on_do) on_do(name_, ctm_);
    if ((op == "k" || op == "K") && operands_.size() == 4) {
      const std::array<double, 4> c{operands_[0], operands_[1], operands_[2], operands_[3]};
      (op == "k" ? fill_ : stroke_) = c;
      max_ink = std::max(max_ink, 100 * (c[0] + c[1] + c[2] + c[3]));
    }
    if ((op == "g" || op == "G") && operands_.size() == 1) (op == "g" ? fill_ : stroke_) = {0, 0, 0, 1 - operands_[0]};
    if (op == "q") stack_.push_back({fill_, stroke_, ctm_});
    if (op == "Q" && !stack_.empty()) {
      fill_ = stack_.back().fill;
      stroke_ = stack_.back().stroke;
      ctm_ = stack_.back().ctm;
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
  std::array<double, 6> ctm_{1, 0, 0, 1, 0, 0};
  struct Saved {
    std::array<double, 4> fill, stroke;
    std::array<double, 6> ctm;
  };
  std::vector<Saved> stack_;
};

struct Walker {
  Preflight& out;
  const std::map<std::string, double>& measured_inks;
  ContentScanner scanner;
  int transparency = 0;  ///< soft masks, transparency groups, alpha or blend modes found
  int groups = 0;        ///< transparency groups among them (page or form /Group)
  std::set<QPDFObjGen> seen;
  /// Per image object: the lowest and highest effective ppi of its placements on pages.
  std::map<QPDFObjGen, std::pair<double, double>> placements;
  std::vector<QPDFObjGen> image_ids;  ///< parallel to out.images
  int all_selections = 0;             ///< CS/cs selecting a Separation /All on the current page
  int other_spaces = 0;               ///< CS/cs selecting any other named space (RGB, ICC, …)

  // Sets the scanner up for one page: images placed through its resources, named colour spaces.
  void page(QPDFObjectHandle res) {
    QPDFObjectHandle xobjects = res.isDictionary() ? res.getKey("/XObject") : QPDFObjectHandle::newNull();
    QPDFObjectHandle spaces = res.isDictionary() ? res.getKey("/ColorSpace") : QPDFObjectHandle::newNull();
    scanner.on_do = [this, xobjects](std::string_view name, const std::array<double, 6>& m) mutable {
      if (!xobjects.isDictionary()) return;
      QPDFObjectHandle x = xobjects.getKey(std::string(name));
      if (!x.isStream() || !x.getDict().getKey("/Subtype").isNameAndEquals("/Image")) return;
      QPDFObjectHandle d = x.getDict();
      if (!d.getKey("/Width").isInteger() || !d.getKey("/Height").isInteger()) return;
      // The image fills the unit square: the CTM's columns are its placed width and height.
      const double w_in = std::hypot(m[0], m[1]) / 72, h_in = std::hypot(m[2], m[3]) / 72;
      if (w_in <= 0 || h_in <= 0) return;
      const double px = static_cast<double>(d.getKey("/Width").getIntValue()) / w_in;
      const double py = static_cast<double>(d.getKey("/Height").getIntValue()) / h_in;
      auto [it, fresh] = placements.emplace(x.getObjGen(), std::make_pair(std::min(px, py), std::max(px, py)));
      if (!fresh) {
        it->second.first = std::min(it->second.first, std::min(px, py));
        it->second.second = std::max(it->second.second, std::max(px, py));
      }
    };
    scanner.on_color_space = [this, spaces](std::string_view name) mutable {
      QPDFObjectHandle cs = spaces.isDictionary() ? spaces.getKey(std::string(name)) : QPDFObjectHandle::newNull();
      if (cs.isArray() && cs.getArrayNItems() >= 3 && cs.getArrayItem(0).isNameAndEquals("/Separation") &&
          cs.getArrayItem(1).isNameAndEquals("/All")) {
        ++all_selections;
      } else {
        ++other_spaces;
      }
    };
  }

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
        if (d.getKey("/Group").isDictionary()) ++transparency, ++groups;
        // A form's names are its own resources': the page's callbacks do not apply.
        auto on_do = std::move(scanner.on_do);
        auto on_color_space = std::move(scanner.on_color_space);
        scanner.on_do = nullptr;
        scanner.on_color_space = nullptr;
        scanner.scan(stream_content(x));
        scanner.on_do = std::move(on_do);
        scanner.on_color_space = std::move(on_color_space);
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
    std::optional<double> measured;  // the ink of these very bytes, read back when they were made
    if (im.filter == "DCTDecode") {
      const std::shared_ptr<Buffer> raw = x.getRawStreamData();
      im.jpeg_quality = jpeg_quality(raw->getBuffer(), raw->getSize());
      auto it = measured_inks.find(jpeg_content_id(raw->getBuffer(), raw->getSize()));
      if (it != measured_inks.end() && inverts(d.getKey("/Decode"))) measured = it->second;
    }
    image_ids.push_back(x.getObjGen());
    if (!d.getKey("/SMask").isNull() || d.hasKey("/SMaskInData")) ++transparency;
    if (measured && im.color_space == "DeviceCMYK") {
      im.max_ink = std::round(*measured * 10) / 10;
    } else if (im.color_space == "DeviceCMYK" && d.getKey("/BitsPerComponent").isInteger() &&
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

/// True when the file's last cross-reference section is a stream (PDF 1.5), not a table: what
/// its startxref points at. A file without one is left to the "readable" check.
bool xref_is_stream(const std::string& bytes) {
  const std::size_t at = bytes.rfind("startxref");
  if (at == std::string::npos) return false;
  std::size_t i = at + 9;
  while (i < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[i]))) ++i;
  std::size_t offset = 0;
  for (; i < bytes.size() && bytes[i] >= '0' && bytes[i] <= '9'; ++i) {
    if (offset > bytes.size()) return false;  // beyond the file: no section to read
    offset = offset * 10 + static_cast<std::size_t>(bytes[i] - '0');
  }
  while (offset < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[offset]))) ++offset;
  return offset < bytes.size() && bytes.compare(offset, 4, "xref") != 0;
}

/// What the file uses of PDF 1.5 and later, which PDF/X-1a (PDF 1.3 and 1.4) does not allow;
/// empty when nothing. `content_actual_text` and `groups` come from the content walk.
std::string pdf15_features(QPDF& pdf, const std::string& bytes, const std::vector<PreflightImage>& images,
                           int content_actual_text, int groups) {
  int compressed = 0, object_streams = 0, actual_text = content_actual_text;
  for (const auto& entry : pdf.getXRefTable()) compressed += entry.second.getType() == 2 ? 1 : 0;
  for (QPDFObjectHandle obj : pdf.getAllObjects()) {
    QPDFObjectHandle d = obj.isStream() ? obj.getDict() : obj;
    if (!d.isDictionary()) continue;
    if (d.getKey("/Type").isNameAndEquals("/ObjStm")) ++object_streams;
    if (d.hasKey("/ActualText")) ++actual_text;  // a structure element's
  }
  const bool xref_stream = xref_is_stream(bytes) || pdf.getTrailer().hasKey("/XRefStm");
  const auto jpx =
      std::count_if(images.begin(), images.end(), [](const PreflightImage& im) { return im.filter == "JPXDecode"; });
  std::string found;
  auto add = [&](bool present, const std::string& what) {
    if (present) found += (found.empty() ? "" : ", ") + what;
  };
  add(compressed > 0 || object_streams > 0,
      std::to_string(object_streams) + " object streams holding " + std::to_string(compressed) + " objects");
  add(xref_stream, "a cross-reference stream");
  add(actual_text > 0, std::to_string(actual_text) + " /ActualText");
  add(groups > 0, std::to_string(groups) + " transparency groups");
  add(jpx > 0, std::to_string(jpx) + " JPEG 2000 images");
  add(pdf.getRoot().hasKey("/OCProperties"), "optional content");
  return found;
}

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
  Walker walker{out, spec.measured_inks, {}, 0, 0, {}, {}, {}, 0, 0};
  int pages_with_marks = 0;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    QPDFObjectHandle page = pages[i].getObjectHandle();
    if (page.getKey("/Group").isDictionary()) ++walker.transparency, ++walker.groups;
    walker.page(page.getKey("/Resources"));
    walker.all_selections = 0;
    walker.scanner.scan(page_content(pages[i]));
    if (walker.all_selections > 0) ++pages_with_marks;
    walker.resources(page.getKey("/Resources"), static_cast<int>(i) + 1, 0);
  }
  walker.scanner.rgb_operators += walker.other_spaces;
  for (std::size_t i = 0; i < out.images.size(); ++i) {
    auto it = walker.placements.find(walker.image_ids[i]);
    if (it == walker.placements.end()) continue;
    out.images[i].min_ppi = std::round(it->second.first * 10) / 10;
    out.images[i].max_ppi = std::round(it->second.second * 10) / 10;
  }
  check("no-transparency", walker.transparency == 0,
        std::to_string(walker.transparency) + " transparency groups, soft masks, alpha or blend modes");
  if (spec.marks) {
    check("marks-all-plates", pages_with_marks == static_cast<int>(pages.size()),
          std::to_string(pages_with_marks) + " of " + std::to_string(pages.size()) +
              " pages draw marks in the /All separation (every plate)");
  }

  // Document keys: /ID, Info, OutputIntent.
  QPDFObjectHandle id = pdf.getTrailer().getKey("/ID");
  check("document-id", id.isArray() && id.getArrayNItems() == 2 && id.getArrayItem(0).isString(),
        id.isArray() ? "trailer /ID present" : "no trailer /ID");
  QPDFObjectHandle info = pdf.getTrailer().getKey("/Info");
  auto info_string = [&](const char* key) {
    return info.isDictionary() && info.getKey(key).isString() ? info.getKey(key).getUTF8Value() : std::string();
  };
  const bool info_ok = !info_string("/Title").empty() && info_string("/CreationDate").rfind("D:", 0) == 0 &&
                       info_string("/ModDate").rfind("D:", 0) == 0 && info.getKey("/Trapped").isName();
  check("metadata", info_ok,
        info_ok ? "Title, Trapped, created " + info_string("/CreationDate") : "Title, D: dates or Trapped missing");
  QPDFObjectHandle intents = pdf.getRoot().getKey("/OutputIntents");
  QPDFObjectHandle intent = intents.isArray() && intents.getArrayNItems() > 0 ? intents.getArrayItem(0)
                                                                              : QPDFObjectHandle::newNull();
  auto intent_string = [&](const char* key) {
    return intent.isDictionary() && intent.getKey(key).isString() ? intent.getKey(key).getUTF8Value() : std::string();
  };

  // The PDF/X claim: what the file says it is, against what it was made to be.
  const PdfxClaim want = pdfx_claim(spec.pdfx);
  const std::string version = info_string("/GTS_PDFXVersion"), conformance = info_string("/GTS_PDFXConformance");
  if (!spec.print) {
    const bool none = version.empty() && conformance.empty() && !intent.isDictionary();
    check("no-pdfx-claim", none,
          none ? "no GTS_PDFXVersion and no OutputIntent: a screen file claims no PDF/X"
               : "a screen file claims PDF/X (" + version + ") or has an OutputIntent");
    return;
  }
  const bool claim_ok = version == want.version && conformance == want.conformance &&
                        pdf.getPDFVersion() == want.pdf_version;
  check("pdfx-version", claim_ok,
        (want.conformance.empty() ? want.version : want.conformance) + " wanted; the file says " +
            (conformance.empty() ? version : conformance) + " on PDF " + pdf.getPDFVersion());
  // PDF/X-1a is PDF 1.3 (2001) or 1.4 (2003): a feature of PDF 1.5 a PDF 1.4 reader may not know.
  const std::string pdf15 = pdf15_features(pdf, bytes, out.images, walker.scanner.actual_text, walker.groups);
  check("no-pdf15-features", pdf15.empty(),
        pdf15.empty() ? "no object or cross-reference streams, /ActualText, transparency groups, JPEG 2000 or "
                        "optional content"
                      : pdf15);
  int channels = 0;
  QPDFObjectHandle profile = intent.isDictionary() ? intent.getKey("/DestOutputProfile") : QPDFObjectHandle::newNull();
  if (profile.isStream() && profile.getDict().getKey("/N").isInteger()) {
    channels = static_cast<int>(profile.getDict().getKey("/N").getIntValue());
  }
  const std::string condition = intent_string("/OutputConditionIdentifier");
  const bool intent_ok = channels == 4 && intent.getKey("/S").isNameAndEquals("/GTS_PDFX") && !condition.empty();
  check("output-intent", intent_ok,
        channels == 0 ? "no OutputIntent with a DestOutputProfile"
                      : "GTS_PDFX OutputIntent " + condition + " (" + intent_string("/OutputCondition") + "), " +
                            (channels == 4 ? "CMYK" : "not a CMYK") + " profile");

  // Photos: at most the target resolution where they are placed, JPEGs at least the quality.
  double lowest = 0, highest = 0;
  int over = 0, low_quality = 0, dct = 0, lowest_quality = 0;
  for (const PreflightImage& im : out.images) {
    if (im.max_ppi > 0) {
      lowest = lowest == 0 ? im.min_ppi : std::min(lowest, im.min_ppi);
      highest = std::max(highest, im.max_ppi);
      // One pixel of rounding (the pixel count is rounded up at the placed size).
      const double inches = std::max(im.width, im.height) / im.max_ppi;
      if (im.max_ppi > spec.photo_ppi + 1 / inches + 0.05) ++over;
    }
    if (im.filter == "DCTDecode") {
      ++dct;
      lowest_quality = lowest_quality == 0 ? im.jpeg_quality : std::min(lowest_quality, im.jpeg_quality);
      if (im.jpeg_quality < spec.jpeg_quality) ++low_quality;
    }
  }
  check("image-resolution", over == 0,
        fmt("%.0f images placed at %.1f to %.1f ppi", static_cast<double>(out.images.size()), lowest, highest) +
            fmt(", %.0f above %.0f ppi", over, spec.photo_ppi));
  check("jpeg-quality", low_quality == 0,
        fmt("%.0f JPEGs, lowest quality %.0f (at least %.0f)", dct, lowest_quality, spec.jpeg_quality));

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
