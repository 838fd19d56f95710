// libFuzzer target: the composer. The first four bytes choose the measure (1–64 em plus a
// fraction), alignment, 禁则 level, punctuation style, hanging and indent; the rest is the
// paragraph's text (valid UTF-8 only: input/ rejects anything else). The text is shaped with
// Noto Serif CJK SC through text::shape and broken by compose::Paragraph, normally and balanced;
// every line is set into a frame.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/utf8.h"
#include "compose/paragraph.h"
#include "fonts/font_library.h"
#include "text/shape.h"

namespace {

struct Fixture {
  zjgr::fonts::FontLibrary library{zjgr::fonts::FontLibraryOptions{false, {"/usr/share/fonts/opentype/noto"}}};
  zjgr::fonts::FontStack stack;
  Fixture() {
    zjgr::Diagnostics d;
    const auto font = library.resolve("Noto Serif CJK SC", 400, d);
    if (!font) std::abort();  // the fuzzer means nothing without its font
    stack = zjgr::fonts::FontStack({*font});
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace zjgr;
  static Fixture fixture;
  if (size < 4) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 4, size - 4);
  if (find_invalid_utf8(text)) return 0;

  compose::ParagraphStyle style;
  style.size = Length::pt(9);
  style.align = static_cast<compose::Align>(data[1] & 3);
  style.kinsoku = static_cast<compose::Kinsoku>((data[1] >> 2) & 3);
  style.punctuation = static_cast<compose::PunctuationStyle>((data[1] >> 4) & 3);
  style.hanging = (data[1] & 0x40) != 0;
  style.avoid_orphan = (data[1] & 0x80) == 0;
  style.indent = style.size * static_cast<std::int64_t>(data[2] & 3);
  style.tracking = Length::pt(static_cast<double>(static_cast<std::int8_t>(data[3])) / 64.0);
  const Length measure = style.size * static_cast<std::int64_t>(data[0] % 64 + 1) + Length::pt((data[2] >> 2) / 8.0);

  Diagnostics diagnostics;
  text::ShapedText shaped = text::shape(text, fixture.stack, fixture.library, text::ShapeOptions{style.size, "zh-Hans"},
                                        diagnostics);
  const compose::Paragraph paragraph(std::move(shaped), style);
  for (const auto& line : paragraph.break_lines(compose::LineWidths::uniform(measure), diagnostics)) {
    (void)paragraph.line_frame(line);
    (void)paragraph.line_text(line);
  }
  if (text.size() < 512) (void)paragraph.break_balanced(measure, diagnostics);
  return 0;
}
