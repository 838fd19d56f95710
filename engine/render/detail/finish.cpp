// Finishing Cairo's PDF with libqpdf (see finish.h). Outline:
//   1. page boxes (TrimBox, BleedBox) and no page transparency groups;
//   2. colour in every content stream (pages, forms): neutral RGB → DeviceGray, or with print
//      everything → DeviceCMYK, K-only black overprinting; print drops Cairo's /ActualText spans
//      (a PDF 1.5 feature that PDF/X-1a's PDF 1.3 and 1.4 do not have);
//   3. CMYK JPEGs stored inverted (Adobe APP14) get the /Decode that inverts them back; print:
//      RGB images (PNG) → CMYK with lcms2 (flattened over paper white when they carry alpha);
//      JPEG photos arrive made for the press already (press_photos.h);
//   4. Info (D: dates, Trapped, GTS_PDFXVersion) and the OutputIntent;
//   5. written with a deterministic /ID (an MD5 of the content, as qpdf computes it).
#include "render/detail/finish.h"

#include "base/parallel.h"
#include "render/detail/content_stream.h"
#include "render/detail/images.h"
#include "render/detail/marks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <new>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <zlib.h>

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <qpdf/Pl_String.hh>

namespace zjgr::render::detail {
namespace {

/// A number as a content stream writes it: at most 4 decimals, no trailing zeros, no "-0".
std::string number(double v) {
  if (std::fabs(v) < 5e-5) return "0";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

QPDFObjectHandle box(const std::array<double, 4>& b) {
  std::vector<QPDFObjectHandle> items;
  for (double v : b) items.push_back(QPDFObjectHandle::newReal(v, 4, true));
  return QPDFObjectHandle::newArray(items);
}

/// Two RGB components that print as the same grey (Cairo writes 6 decimals).
bool same(double a, double b) { return std::fabs(a - b) < 0.5 / 255; }

/// Rewrites the colour operators of one content stream. Cairo 1.16 sets every colour with
/// `r g b rg` / `RG`; other operators pass unchanged (the preflight reports any RGB left). The
/// bytes between replaced operators are copied as they are.
///
/// With print it also drops the marked-content spans that carry /ActualText (PDF 1.5), keeping
/// what they enclose: Cairo writes `/Span << /ActualText <…> >> BDC … EMC` around a cluster
/// whose text the font's ToUnicode cannot say (a glyph shown for two characters, a ligature).
/// The press file's text still extracts through ToUnicode, where each glyph's first use wins.
class ColorRewriter {
 public:
  ColorRewriter(bool print, const CmykConverter* converter) : print_(print), converter_(converter) {}

  /// The overprint graphics states the rewritten streams use, by resource name.
  const std::set<std::string>& overprint_states() const { return used_; }

  std::string rewrite(std::string_view content) {
    out_.clear();
    out_.reserve(content.size() + content.size() / 8);
    std::size_t copied = 0;        // content before this is in out_
    std::size_t operands_at = 0;   // where the operands of the next operator begin (with their spaces)
    operands_.clear();
    numeric_ = true;
    ContentLexer lexer(content);
    ContentToken token;
    while (lexer.next(token)) {
      const std::size_t end = static_cast<std::size_t>(token.text.data() + token.text.size() - content.data());
      if (token.type == ContentTokenType::Number) {
        operands_.push_back(token.number);
        continue;
      }
      if (token.type == ContentTokenType::InlineImage) {  // an operator of its own, kept
        operands_at = end;
        operands_.clear();
        numeric_ = true;
        continue;
      }
      if (token.type != ContentTokenType::Operator) {
        numeric_ = false;
        actual_text_ = actual_text_ || (token.type == ContentTokenType::Name && token.text == "/ActualText");
        continue;
      }
      if (replace(token.text) || drop_marked_content(token.text)) {
        out_.append(content.substr(copied, operands_at - copied));
        out_.append(replacement_);
        copied = end;
      } else if (token.text == "q") {
        stack_.push_back(state_);
      } else if (token.text == "Q" && !stack_.empty()) {
        // Overprint is part of the graphics state: q and Q save and restore it with the colour.
        state_ = stack_.back();
        stack_.pop_back();
      }
      operands_at = end;
      operands_.clear();
      numeric_ = true;
      actual_text_ = false;
    }
    out_.append(content.substr(copied));
    return std::move(out_);
  }

 private:
  struct State {
    bool fill_black = false, stroke_black = false;  ///< the current colour is 100 % K only
    bool fill_op = false, stroke_op = false;        ///< overprint as last set by our gs
  };

  // Sets replacement_ for a colour operator with numeric operands; false to keep it as it is.
  bool replace(std::string_view op) {
    replacement_.clear();
    if (!numeric_) return false;
    const std::vector<double>& c = operands_;
    if ((op == "rg" || op == "RG") && c.size() == 3) {
      rgb(op == "RG", c);
    } else if (print_ && (op == "g" || op == "G") && c.size() == 1) {
      cmyk(op == "G", {0, 0, 0, 1 - c[0]});
    } else if (print_ && (op == "k" || op == "K") && c.size() == 4) {
      cmyk(op == "K", {c[0], c[1], c[2], c[3]});
    } else {
      return false;
    }
    return true;
  }

  // Print: true for the BDC of an /ActualText span and for the EMC that closes it (replacement_
  // stays empty, so both go with their operands). Every BMC and BDC opens a level, so an EMC
  // is matched with its own opening even inside spans that are kept.
  bool drop_marked_content(std::string_view op) {
    if (!print_) return false;
    if (op == "BMC" || op == "BDC") {
      const bool drop = op == "BDC" && actual_text_;
      marked_.push_back(drop);
      return drop;
    }
    if (op == "EMC" && !marked_.empty()) {
      const bool drop = marked_.back();
      marked_.pop_back();
      return drop;
    }
    return false;
  }

  void write(const std::string& text) { replacement_ += text; }

  void rgb(bool stroke, const std::vector<double>& c) {
    const bool neutral = same(c[0], c[1]) && same(c[1], c[2]);
    if (!print_) {
      // A neutral colour needs one plate, not three: DeviceGray.
      if (neutral) {
        write(" " + number(c[0]) + (stroke ? " G" : " g"));
      } else {
        write(" " + number(c[0]) + " " + number(c[1]) + " " + number(c[2]) + (stroke ? " RG" : " rg"));
      }
      return;
    }
    // Print: a grey is a tint of black alone (never four-colour rich black); other colours go
    // through the output profile with the ink limit.
    if (neutral) return cmyk(stroke, {0, 0, 0, 1 - c[0]});
    cmyk(stroke, converter_->convert(c[0], c[1], c[2]));
  }

  void cmyk(bool stroke, std::array<double, 4> c) {
    const bool black = c[0] < 1e-4 && c[1] < 1e-4 && c[2] < 1e-4 && c[3] > 1 - 1e-4;
    (stroke ? state_.stroke_black : state_.fill_black) = black;
    // Black text and rules overprint (no white gap around them on a misregistered press); every
    // other colour knocks out. OPM 1: the zero C, M, Y of K-only black leave the plates below.
    if (state_.fill_black != state_.fill_op || state_.stroke_black != state_.stroke_op) {
      state_.fill_op = state_.fill_black;
      state_.stroke_op = state_.stroke_black;
      const std::string name = std::string("/ZjgrOP") + (state_.stroke_op ? "1" : "0") + (state_.fill_op ? "1" : "0");
      used_.insert(name);
      write(" " + name + " gs");
    }
    // The operands' spaces were dropped with them: a replacement starts with its own.
    write(" " + number(c[0]) + " " + number(c[1]) + " " + number(c[2]) + " " + number(c[3]) + (stroke ? " K" : " k"));
  }

  bool print_;
  const CmykConverter* converter_;
  std::vector<double> operands_;  // numbers since the last operator
  bool numeric_ = true;           // nothing but numbers since the last operator
  bool actual_text_ = false;      // an /ActualText name since the last operator
  std::vector<bool> marked_;      // open marked-content levels: true for a span being dropped
  std::string out_, replacement_;
  State state_;
  std::vector<State> stack_;
  std::set<std::string> used_;
};

/// The dictionary under `key` in `owner`, made (empty) when missing or not a dictionary.
QPDFObjectHandle dictionary_at(QPDFObjectHandle owner, const std::string& key) {
  QPDFObjectHandle d = owner.getKey(key);
  if (!d.isDictionary()) {
    d = QPDFObjectHandle::newDictionary();
    owner.replaceKey(key, d);
  }
  return d;
}

/// Adds the overprint graphics states named in `used` to a resource dictionary.
void add_overprint_states(QPDFObjectHandle owner, const std::set<std::string>& used) {
  if (used.empty()) return;
  QPDFObjectHandle states = dictionary_at(dictionary_at(owner, "/Resources"), "/ExtGState");
  for (const std::string& name : used) {
    QPDFObjectHandle gs = QPDFObjectHandle::newDictionary();
    gs.replaceKey("/Type", QPDFObjectHandle::newName("/ExtGState"));
    gs.replaceKey("/OP", QPDFObjectHandle::newBool(name[7] == '1'));
    gs.replaceKey("/op", QPDFObjectHandle::newBool(name[8] == '1'));
    gs.replaceKey("/OPM", QPDFObjectHandle::newInteger(1));
    states.replaceKey(name, gs);
  }
}

/// A content stream as it goes into the file: Flate-compressed here at zlib level 1 (on the 8-page
/// benchmark issue 8 ms faster than qpdf's level 6, the file 2.7 % larger), or as it is when zlib
/// failed (qpdf then compresses it).
struct PackedContent {
  std::string bytes;
  bool deflated = false;
};

PackedContent pack(std::string content) {
  PackedContent out;
  uLongf size = compressBound(static_cast<uLong>(content.size()));
  out.bytes.resize(size);
  out.deflated = compress2(reinterpret_cast<Bytef*>(out.bytes.data()), &size,
                           reinterpret_cast<const Bytef*>(content.data()), static_cast<uLong>(content.size()), 1) == Z_OK;
  if (out.deflated) {
    out.bytes.resize(size);
  } else {
    out.bytes = std::move(content);
  }
  return out;
}

/// Sets a content stream: qpdf leaves /FlateDecode data as it is (its own level is a process-wide
/// setting that print mode's photos should keep).
void set_content(QPDFObjectHandle stream, const PackedContent& content) {
  stream.replaceStreamData(content.bytes,
                           content.deflated ? QPDFObjectHandle::newName("/FlateDecode") : QPDFObjectHandle::newNull(),
                           QPDFObjectHandle::newNull());
}

std::string buffer_string(const std::shared_ptr<Buffer>& b) {
  return std::string(reinterpret_cast<const char*>(b->getBuffer()), b->getSize());
}

bool is_dct(QPDFObjectHandle filter) {
  if (filter.isArray() && filter.getArrayNItems() == 1) filter = filter.getArrayItem(0);
  return filter.isNameAndEquals("/DCTDecode");
}

/// A /Decode array that inverts all four components: [1 0 1 0 1 0 1 0].
QPDFObjectHandle inverting_decode() {
  std::vector<QPDFObjectHandle> items;
  for (int i = 0; i < 4; ++i) {
    items.push_back(QPDFObjectHandle::newInteger(1));
    items.push_back(QPDFObjectHandle::newInteger(0));
  }
  return QPDFObjectHandle::newArray(items);
}

// A CMYK JPEG passed through (Cairo writes it as DCTDecode DeviceCMYK with no /Decode): PDF's
// DCTDecode undoes a YCCK transform but never Adobe's inversion, so a photo that Photoshop or
// ImageMagick wrote (APP14 "Adobe", 0 = full ink) would print nearly black. The array inverts it.
void set_jpeg_decode(QPDFObjectHandle image) {
  QPDFObjectHandle dict = image.getDict();
  if (!is_dct(dict.getKey("/Filter")) || !dict.getKey("/ColorSpace").isNameAndEquals("/DeviceCMYK")) return;
  if (dict.hasKey("/Decode")) return;
  const std::shared_ptr<Buffer> raw = image.getRawStreamData();
  const std::optional<JpegColor> color = jpeg_color(raw->getBuffer(), raw->getSize());
  if (color && color->inverted_cmyk()) dict.replaceKey("/Decode", inverting_decode());
}

// Print: an 8-bit DeviceRGB image becomes DeviceCMYK (stored lossless, Flate); alpha (Cairo's
// /SMask) is flattened over paper white first, since PDF/X-1a allows no transparency.
void convert_image(QPDFObjectHandle image, const CmykConverter& converter) {
  QPDFObjectHandle dict = image.getDict();
  // JPEG photos reach here already made for the press (detail/press_photos.h): CMYK or grey DCT.
  if (dict.getKey("/ImageMask").isBool()) return;
  if (!dict.getKey("/ColorSpace").isNameAndEquals("/DeviceRGB")) return;
  if (!dict.getKey("/BitsPerComponent").isInteger() || dict.getKey("/BitsPerComponent").getIntValue() != 8) return;
  const long long width = dict.getKey("/Width").isInteger() ? dict.getKey("/Width").getIntValue() : 0;
  const long long height = dict.getKey("/Height").isInteger() ? dict.getKey("/Height").getIntValue() : 0;
  if (width <= 0 || height <= 0) return;
  const auto pixels = static_cast<std::size_t>(width * height);
  std::string rgb = buffer_string(image.getStreamData(qpdf_dl_all));
  if (rgb.size() < 3 * pixels) throw std::runtime_error("an image holds fewer pixels than its size says");

  QPDFObjectHandle smask = dict.getKey("/SMask");
  if (smask.isStream()) {
    const std::string alpha = buffer_string(smask.getStreamData(qpdf_dl_all));
    if (alpha.size() >= pixels) {
      for (std::size_t i = 0; i < pixels; ++i) {
        const int a = static_cast<unsigned char>(alpha[i]);
        for (int c = 0; c < 3; ++c) {
          const int v = static_cast<unsigned char>(rgb[3 * i + c]);
          rgb[3 * i + c] = static_cast<char>((v * a + 255 * (255 - a) + 127) / 255);
        }
      }
    }
  }
  std::string cmyk(4 * pixels, '\0');
  converter.convert(reinterpret_cast<const std::uint8_t*>(rgb.data()), reinterpret_cast<std::uint8_t*>(cmyk.data()),
                    pixels);
  image.replaceStreamData(cmyk, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
  dict.replaceKey("/ColorSpace", QPDFObjectHandle::newName("/DeviceCMYK"));
  dict.removeKey("/SMask");
  dict.removeKey("/Decode");
}

// The /All separation: a tint of it is that tint on every plate of the press.
QPDFObjectHandle all_separation() {
  QPDFObjectHandle tint = QPDFObjectHandle::newDictionary();
  tint.replaceKey("/FunctionType", QPDFObjectHandle::newInteger(2));
  tint.replaceKey("/Domain", QPDFObjectHandle::parse("[0 1]"));
  tint.replaceKey("/C0", QPDFObjectHandle::parse("[0 0 0 0]"));
  tint.replaceKey("/C1", QPDFObjectHandle::parse("[1 1 1 1]"));
  tint.replaceKey("/N", QPDFObjectHandle::newInteger(1));
  return QPDFObjectHandle::newArray({QPDFObjectHandle::newName("/Separation"), QPDFObjectHandle::newName("/All"),
                                     QPDFObjectHandle::newName("/DeviceCMYK"), tint});
}

void add_marks(QPDF& pdf, QPDFPageObjectHelper& page, const PageBoxes& boxes) {
  // Cairo's content leaves its flipped CTM set: wrap it in q … Q so the marks draw in PDF space.
  page.addPageContents(pdf.newStream("q\n"), true);
  QPDFObjectHandle stream = pdf.newStream();
  set_content(stream, pack("Q\n" + marks_content(boxes)));
  page.addPageContents(stream, false);
  dictionary_at(dictionary_at(page.getObjectHandle(), "/Resources"), "/ColorSpace")
      .replaceKey(kAllSeparation, all_separation());
}

std::string pdf_date(const FinishSpec& spec) {
  // The paper's local midnight of the date (China Standard Time, no daylight saving).
  char buf[48];
  std::snprintf(buf, sizeof buf, "D:%04d%02d%02d000000+08'00'", spec.year, spec.month, spec.day);
  return buf;
}

void set_info(QPDF& pdf, const FinishSpec& spec) {
  QPDFObjectHandle trailer = pdf.getTrailer();
  QPDFObjectHandle info = trailer.getKey("/Info");
  if (!info.isDictionary()) {
    info = pdf.makeIndirectObject(QPDFObjectHandle::newDictionary());
    trailer.replaceKey("/Info", info);
  }
  // Cairo 1.16 writes the dates without the D: prefix the PDF spec requires.
  const std::string date = pdf_date(spec);
  info.replaceKey("/CreationDate", QPDFObjectHandle::newString(date));
  info.replaceKey("/ModDate", QPDFObjectHandle::newString(date));
  info.replaceKey("/Trapped", QPDFObjectHandle::newName("/False"));
  // Only the press file claims PDF/X (X-1a: CMYK and spot only, no transparency, a CMYK
  // OutputIntent). A screen file with sRGB photos meets no PDF/X version and claims none.
  const PdfxClaim claim = pdfx_claim(spec.pdfx);
  if (!claim.version.empty()) info.replaceKey("/GTS_PDFXVersion", QPDFObjectHandle::newString(claim.version));
  if (!claim.conformance.empty()) {
    info.replaceKey("/GTS_PDFXConformance", QPDFObjectHandle::newString(claim.conformance));
  }
  const std::string producer = info.getKey("/Producer").isString() ? info.getKey("/Producer").getUTF8Value() : "";
  info.replaceKey("/Producer", QPDFObjectHandle::newUnicodeString("zjgr-typeset (" + producer + ", qpdf)"));
}

// The output condition the file is made for: a registered characterisation (ICC registry) named
// by its identifier, or "Custom", described by the embedded profile.
void set_output_intent(QPDF& pdf, const IccProfile& profile, const std::string& condition) {
  QPDFObjectHandle icc = pdf.newStream(profile.bytes);
  icc.getDict().replaceKey("/N", QPDFObjectHandle::newInteger(profile.channels));
  QPDFObjectHandle intent = QPDFObjectHandle::newDictionary();
  intent.replaceKey("/Type", QPDFObjectHandle::newName("/OutputIntent"));
  intent.replaceKey("/S", QPDFObjectHandle::newName("/GTS_PDFX"));
  intent.replaceKey("/OutputConditionIdentifier", QPDFObjectHandle::newString(condition.empty() ? "Custom" : condition));
  intent.replaceKey("/OutputCondition", QPDFObjectHandle::newUnicodeString(profile.description));
  intent.replaceKey("/Info", QPDFObjectHandle::newUnicodeString(profile.description));
  intent.replaceKey("/RegistryName", QPDFObjectHandle::newString("http://www.color.org"));
  intent.replaceKey("/DestOutputProfile", icc);
  pdf.getRoot().replaceKey("/OutputIntents", QPDFObjectHandle::newArray({pdf.makeIndirectObject(intent)}));
}

std::string finish(const std::string& cairo_pdf, const FinishSpec& spec) {
  QPDF pdf;
  pdf.setSuppressWarnings(true);
  pdf.processMemoryFile("cairo.pdf", cairo_pdf.data(), cairo_pdf.size());

  // 1. Boxes; the page group Cairo adds makes every page a transparency group (PDF/X: none).
  std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf).getAllPages();
  if (pages.size() != spec.pages.size()) throw std::runtime_error("cairo wrote a different number of pages");
  for (std::size_t i = 0; i < pages.size(); ++i) {
    QPDFObjectHandle page = pages[i].getObjectHandle();
    page.replaceKey("/MediaBox", box(spec.pages[i].media));
    page.replaceKey("/BleedBox", box(spec.pages[i].bleed));
    page.replaceKey("/TrimBox", box(spec.pages[i].trim));
    page.removeKey("/Group");
  }

  // 2. Colour of every page's content and of every form XObject and tiling pattern. The pages'
  //    streams are rewritten and deflated on every core (qpdf's objects only on this thread), a
  //    batch of pages at a time: the copies of a batch's streams, not the whole document's.
  constexpr std::size_t kBatch = 16;
  std::vector<std::string> sources(kBatch);
  std::vector<PackedContent> packed(kBatch);
  std::vector<std::set<std::string>> overprint_states(kBatch);
  for (std::size_t first = 0; first < pages.size(); first += kBatch) {
    const std::size_t count = std::min(kBatch, pages.size() - first);
    for (std::size_t k = 0; k < count; ++k) sources[k] = page_content(pages[first + k]);
    parallel_for(count, 0, [&](std::size_t k) {
      ColorRewriter rewriter(spec.print, spec.converter);
      packed[k] = pack(rewriter.rewrite(sources[k]));
      overprint_states[k] = rewriter.overprint_states();
      std::string().swap(sources[k]);
    });
    for (std::size_t k = 0; k < count; ++k) {
      QPDFObjectHandle contents = pdf.newStream();
      set_content(contents, packed[k]);
      pages[first + k].getObjectHandle().replaceKey("/Contents", contents);
      add_overprint_states(pages[first + k].getObjectHandle(), overprint_states[k]);
      packed[k] = {};
    }
  }
  for (QPDFObjectHandle obj : pdf.getAllObjects()) {
    if (!obj.isStream()) continue;
    QPDFObjectHandle dict = obj.getDict();
    const bool form = dict.getKey("/Subtype").isNameAndEquals("/Form");
    const bool tiling = dict.getKey("/PatternType").isInteger() && dict.getKey("/PatternType").getIntValue() == 1;
    if (form || tiling) {
      ColorRewriter rewriter(spec.print, spec.converter);
      set_content(obj, pack(rewriter.rewrite(stream_content(obj))));
      add_overprint_states(dict, rewriter.overprint_states());
      if (spec.print) dict.removeKey("/Group");
    }
    // 3. Photos: inverted CMYK JPEGs decoded right; with print, everything to the press's CMYK.
    if (dict.getKey("/Subtype").isNameAndEquals("/Image")) {
      set_jpeg_decode(obj);
      if (spec.print) {
        convert_image(obj, *spec.converter);
        // PDF/X: no image interpolation; the press file's photos are at the plate's resolution.
        dict.removeKey("/Interpolate");
      }
    }
  }

  // Printer's marks, after the rewriting (their colours are set for the plates already).
  if (spec.marks) {
    for (std::size_t i = 0; i < pages.size(); ++i) add_marks(pdf, pages[i], spec.pages[i]);
  }

  // 4. Metadata and the output condition.
  set_info(pdf, spec);
  if (spec.output_intent != nullptr) set_output_intent(pdf, *spec.output_intent, spec.output_condition);

  // 5. Write: without object streams, as the PDF version the claim is based on (X-1a:2001: 1.3,
  // X-1a:2003: 1.4), the /ID an MD5 of the content so identical input gives an identical file.
  QPDFWriter writer(pdf);
  // Straight into the string returned (qpdf's memory output would be one more copy of the file).
  std::string out;
  out.reserve(cairo_pdf.size() + cairo_pdf.size() / 8);  // about Cairo's size: no doubling reallocations
  Pl_String sink("finished pdf", nullptr, out);
  writer.setOutputPipeline(&sink);
  writer.setDeterministicID(true);
  writer.setObjectStreamMode(qpdf_o_disable);
  writer.setCompressStreams(true);
  writer.forcePDFVersion(pdfx_claim(spec.pdfx).pdf_version);
  writer.write();
  return out;
}

}  // namespace

PdfxClaim pdfx_claim(PdfxVersion version) {
  switch (version) {
    case PdfxVersion::X1a2001: return {"PDF/X-1:2001", "PDF/X-1a:2001", "1.3"};  // ISO 15930-1
    case PdfxVersion::X1a2003: return {"PDF/X-1a:2003", "", "1.4"};            // ISO 15930-4
    case PdfxVersion::None: break;
  }
  return {"", "", "1.4"};
}

std::optional<std::string> finish_pdf(const std::string& cairo_pdf, const FinishSpec& spec, Diagnostics& diagnostics) {
  if (spec.print && spec.converter == nullptr) {
    diagnostics.error("finish-failed", "print mode needs a cmyk converter");
    return std::nullopt;
  }
  try {
    return finish(cairo_pdf, spec);
  } catch (const std::bad_alloc&) {
    throw;  // out of memory is the machine's fault, not the document's: the CLI reports it
  } catch (const std::exception& e) {
    diagnostics.error("finish-failed", std::string("cannot finish the pdf: ") + e.what());
    return std::nullopt;
  }
}

}  // namespace zjgr::render::detail
