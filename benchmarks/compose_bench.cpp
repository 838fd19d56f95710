// Composer benchmarks (issue 3): the whole seed text (~6,000 characters, every non-empty line a
// paragraph) in Noto Serif CJK SC at 9 pt, broken at 12 characters (108 pt). Shaping is done
// once in the set-up; BM_BreakLines times Knuth–Plass plus making the lines (ended_by and
// reports included), BM_BuildItems times building the items (ICU break opportunities and the
// CLREQ rules). Run with --benchmark_repetitions=5 and read the median.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "compose/paragraph.h"
#include "fonts/font_library.h"
#include "text/shape.h"

namespace {

using namespace zjgr;

constexpr const char* kSeed = "/work/shared/seeds/000_3a5ebe2f82697547.txt";

compose::ParagraphStyle body_style() {
  compose::ParagraphStyle st;
  st.size = Length::pt(9);
  st.indent = Length::pt(18);
  return st;
}

/// The seed shaped once, paragraph by paragraph; exits when the seed or the font is missing
/// (a benchmark of nothing would report a meaningless figure).
const std::vector<text::ShapedText>& shaped_seed() {
  static const std::vector<text::ShapedText> shaped = [] {
    std::ifstream in(kSeed);
    if (!in) {
      std::fprintf(stderr, "seed text missing: %s\n", kSeed);
      std::exit(1);
    }
    fonts::FontLibraryOptions options;
    options.use_fontconfig = false;
    options.directories = {"/usr/share/fonts/opentype/noto"};
    static fonts::FontLibrary library(options);
    Diagnostics d;
    const auto font = library.resolve("Noto Serif CJK SC", 400, d);
    if (!font) {
      std::fprintf(stderr, "font missing: Noto Serif CJK SC\n");
      std::exit(1);
    }
    const fonts::FontStack stack({*font});
    std::vector<text::ShapedText> out;
    std::string line;
    while (std::getline(in, line)) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      if (line.empty()) continue;
      out.push_back(text::shape(line, stack, library, text::ShapeOptions{body_style().size, "zh-Hans"}, d));
    }
    return out;
  }();
  return shaped;
}

std::size_t seed_characters() {
  std::size_t n = 0;
  for (const text::ShapedText& s : shaped_seed()) {
    for (const char c : s.text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return n;
}

void BM_BreakLines(benchmark::State& state) {
  const compose::ParagraphStyle st = body_style();
  std::vector<compose::Paragraph> paragraphs;
  for (const text::ShapedText& s : shaped_seed()) paragraphs.emplace_back(s, st);
  const compose::LineWidths widths = compose::LineWidths::uniform(st.size * std::int64_t{12});
  std::size_t lines = 0;
  for (auto _ : state) {
    Diagnostics d;
    lines = 0;
    for (const compose::Paragraph& p : paragraphs) lines += p.break_lines(widths, d).size();
    benchmark::DoNotOptimize(lines);
  }
  state.counters["paragraphs"] = static_cast<double>(paragraphs.size());
  state.counters["characters"] = static_cast<double>(seed_characters());
  state.counters["lines"] = static_cast<double>(lines);
}
BENCHMARK(BM_BreakLines)->Unit(benchmark::kMillisecond);

void BM_BuildItems(benchmark::State& state) {
  const compose::ParagraphStyle st = body_style();
  std::size_t items = 0;
  for (auto _ : state) {
    items = 0;
    for (const text::ShapedText& s : shaped_seed()) items += compose::build_items(s, st).size();
    benchmark::DoNotOptimize(items);
  }
  state.counters["items"] = static_cast<double>(items);
}
BENCHMARK(BM_BuildItems)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
