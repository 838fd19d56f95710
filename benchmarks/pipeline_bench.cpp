// pipeline_bench: the stage table of issue 8 on the synthetic 8-page issue made by
// scripts/make-bench-issue — itemize, shape, build items, break, whole layout, PDF drawing, PDF
// finish, PNG — plus the scaling of shaping and breaking with paragraph length (1×, 4×, 16×).
// scripts/bench.sh runs it and prints the table; run alone:
//   build-perf/benchmarks/pipeline_bench [--benchmark_filter=…]   (ZJGR_BENCH_ISSUE=DIR to choose)
#include <benchmark/benchmark.h>

#include <cairo-pdf.h>
#include <cairo.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "compose/build_items.h"
#include "compose/paragraph.h"
#include "fonts/font_library.h"
#include "input/load.h"
#include "layout/area.h"
#include "layout/issue_layout.h"
#include "render/detail/cairo_canvas.h"
#include "render/detail/font_faces.h"
#include "render/detail/images.h"
#include "render/render.h"
#include "text/char_class.h"
#include "text/normalize.h"
#include "text/shape.h"

namespace fs = std::filesystem;
using namespace zjgr;

namespace {

/// Body text as the layout sets it: 小五 (9 pt) Noto Serif CJK SC, 12 characters a column (P1).
const Length kBodySize = Length::pt(9);
const Length kMeasure = Length::pt(9 * 12);

/// Everything loaded once: the issue, its fonts, its texts and every stage's output, so each
/// benchmark times one stage on the previous stage's real result.
struct Fixture {
  fs::path dir;
  std::optional<model::Issue> issue;
  std::unique_ptr<fonts::FontLibrary> fonts;
  fonts::FontStack stack;
  std::vector<std::string> texts;            ///< every text of the issue (text.txt), one per entry
  std::vector<text::ShapedText> shaped;      ///< texts shaped in the body style
  std::vector<compose::Paragraph> paragraphs;
  layout::LayoutResult layout;
  std::size_t characters = 0;
};

Fixture* g_fixture = nullptr;

bool load_fixture(Fixture& f, std::string& error) {
  const char* env = std::getenv("ZJGR_BENCH_ISSUE");
  f.dir = env != nullptr ? fs::path(env) : fs::path(ZJGR_SOURCE_DIR) / "build" / "bench-issue-x1";
  std::ifstream in(f.dir / "text.txt");
  if (!in) {
    error = "no " + (f.dir / "text.txt").string() + ": run scripts/make-bench-issue first";
    return false;
  }
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    f.characters += to_u32(line).size();
    f.texts.push_back(std::move(line));
  }
  Diagnostics diagnostics;
  input::LoadOptions options;
  options.layout_dirs.emplace_back(fs::path(ZJGR_SOURCE_DIR) / "layouts");
  f.issue = input::load_issue(f.dir / "issue.json", options, diagnostics);
  f.fonts = std::make_unique<fonts::FontLibrary>();
  const auto body = f.fonts->resolve("Noto Serif CJK SC", 400, diagnostics);
  if (!f.issue || !body || diagnostics.has_errors()) {
    error = "cannot load " + (f.dir / "issue.json").string() + " or its fonts";
    for (const auto& d : diagnostics.items()) error += "\n  " + format(d);
    return false;
  }
  f.stack = fonts::FontStack({*body});
  text::ShapeOptions shape_options;
  shape_options.size = kBodySize;
  compose::ParagraphStyle style;
  style.size = kBodySize;
  style.indent = kBodySize * 2;
  for (const auto& t : f.texts) {
    f.shaped.push_back(text::shape(t, f.stack, *f.fonts, shape_options, diagnostics));
    f.paragraphs.emplace_back(f.shaped.back(), style);
  }
  f.layout = layout::layout_issue(*f.issue, *f.fonts, diagnostics);
  return true;
}

void set_character_rate(benchmark::State& state, std::size_t characters) {
  state.counters["chars/s"] = benchmark::Counter(static_cast<double>(characters) * static_cast<double>(state.iterations()),
                                                 benchmark::Counter::kIsRate);
}

// ---- stages ----------------------------------------------------------------------------------

// Itemize: what happens to each code point before HarfBuzz — punctuation normalised, CLREQ
// class, the font of the stack that covers it (text::shape does this inside; timed apart here).
void BM_1_Itemize(benchmark::State& state) {
  const Fixture& f = *g_fixture;
  for (auto _ : state) {
    std::size_t n = 0;
    for (const auto& t : f.texts) {
      int replaced = 0;
      const std::string normalized = text::normalize_punctuation(t, replaced);
      for (const char32_t cp : to_u32(normalized)) {
        n += static_cast<std::size_t>(text::classify(cp)) + f.stack.font_for(cp, *f.fonts).value_or(0);
      }
    }
    benchmark::DoNotOptimize(n);
  }
  set_character_rate(state, f.characters);
}

// Shape: what the layout does before composing a paragraph (layout::StyleBook::paragraph):
// punctuation normalised, then text::shape (font and script runs with ICU, HarfBuzz, positions
// to Lengths). Itemize above is part of this, timed apart.
void BM_2_Shape(benchmark::State& state) {
  const Fixture& f = *g_fixture;
  text::ShapeOptions options;
  options.size = kBodySize;
  for (auto _ : state) {
    Diagnostics diagnostics;
    for (const auto& t : f.texts) {
      int replaced = 0;
      const std::string normalized = text::normalize_punctuation(t, replaced);
      benchmark::DoNotOptimize(text::shape(normalized, f.stack, *f.fonts, options, diagnostics));
    }
  }
  set_character_rate(state, f.characters);
}

// Build items: CLREQ boxes, glue and penalties from the shaped text.
void BM_3_BuildItems(benchmark::State& state) {
  const Fixture& f = *g_fixture;
  compose::ParagraphStyle style;
  style.size = kBodySize;
  style.indent = kBodySize * 2;
  for (auto _ : state) {
    for (const auto& s : f.shaped) benchmark::DoNotOptimize(compose::build_items(s, style));
  }
  set_character_rate(state, f.characters);
}

// Break: Knuth–Plass at the column measure, lines made (no frames).
void BM_4_Break(benchmark::State& state) {
  const Fixture& f = *g_fixture;
  const auto widths = compose::LineWidths::uniform(kMeasure);
  for (auto _ : state) {
    Diagnostics diagnostics;
    for (const auto& p : f.paragraphs) benchmark::DoNotOptimize(p.break_lines(widths, diagnostics));
  }
  set_character_rate(state, f.characters);
}

// Layout: layout::layout_issue, the whole engine between the model and the frames (it shapes,
// builds items, breaks and places everything, headlines and captions included). Page layout
// alone is this minus stages 2–4; bench.sh prints both.
// range(0) == 1: with copyfitting (the layout's policy, the default); == 0: --no-fit.
void BM_5_LayoutIssue(benchmark::State& state) {
  const Fixture& f = *g_fixture;
  layout::LayoutOptions options;
  options.fit = state.range(0) == 1;
  for (auto _ : state) {
    Diagnostics diagnostics;
    benchmark::DoNotOptimize(layout::layout_issue(*f.issue, *f.fonts, diagnostics, {}, options));
  }
  set_character_rate(state, f.characters);
}

// One article area set again (issue 12: copyfitting sets an area many times): the example's
// lead story (5 columns, 38 rows, about 2,000 characters). range(0) == 0: shape its copy and
// set it, as the first setting costs; == 1: set it again from the copy already shaped.
void BM_5b_SetArea(benchmark::State& state) {
  static const auto example = [] {
    struct Example {
      std::optional<model::Issue> issue;
      std::unique_ptr<fonts::FontLibrary> fonts;
    } e;
    Diagnostics diagnostics;
    input::LoadOptions options;
    options.layout_dirs.emplace_back(fs::path(ZJGR_SOURCE_DIR) / "layouts");
    e.issue = input::load_issue(fs::path(ZJGR_SOURCE_DIR) / "examples/2021-02-25/issue.json", options, diagnostics);
    e.fonts = std::make_unique<fonts::FontLibrary>();
    return e;
  }();
  if (!example.issue) {
    state.SkipWithError("cannot load examples/2021-02-25/issue.json");
    return;
  }
  const model::Issue& issue = *example.issue;
  const model::Placement& placement = issue.pages.at(0).articles.at(0);
  const model::Article& article = issue.articles.at(static_cast<std::size_t>(placement.article));
  const layout::PageGrid grid = layout::make_grid(issue.layout, 1);
  layout::StyleBook styles(issue.layout, *example.fonts);
  Diagnostics diagnostics;
  layout::AreaSpec spec;
  spec.column = placement.column - 1;
  spec.span = placement.span;
  spec.row = placement.line;
  spec.rows = placement.lines;
  spec.max_rows = grid.lines - placement.line;
  spec.page = 1;
  if (!placement.headline_style.empty()) spec.headline_style = placement.headline_style;
  layout::AreaContext context{grid, styles, diagnostics, issue.layout.grid.column_rules};
  const layout::ArticleCopy shaped = layout::shape_copy(article, grid, styles, diagnostics);
  const bool again = state.range(0) == 1;
  std::size_t lines = 0;
  for (auto _ : state) {
    if (again) {
      lines = layout::set_area(spec, shaped, context).lines.size();
    } else {
      const layout::ArticleCopy copy = layout::shape_copy(article, grid, styles, diagnostics);
      lines = layout::set_area(spec, copy, context).lines.size();
    }
    benchmark::DoNotOptimize(lines);
  }
  state.counters["lines"] = static_cast<double>(lines);
}

cairo_status_t discard(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

// PDF drawing (state.range(0) == 0) or finishing (== 1), with fonts subset before Cairo
// (state.range(1) == 1, what render_pdf does) or whole (== 0). The Canvas walk of render_pdf,
// into a stream that discards the bytes, so disk speed is not measured.
void BM_6_Pdf(benchmark::State& state) {
  const Fixture& f = *g_fixture;
  const bool time_finish = state.range(0) == 1;
  const bool subset = state.range(1) == 1;
  const frame::Document& doc = f.layout.document;
  for (auto _ : state) {
    if (time_finish) state.PauseTiming();
    Diagnostics diagnostics;
    auto faces = subset ? std::make_unique<render::detail::FontFaces>(*f.fonts, render::detail::collect_glyphs(doc))
                        : std::make_unique<render::detail::FontFaces>(*f.fonts);
    render::detail::ImageCache images;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(discard, nullptr, 100, 100);
    for (const auto& page : doc.pages) {
      const double bleed = page.bleed.to_pt();
      cairo_pdf_surface_set_size(surface, page.trim.width.to_pt() + 2 * bleed, page.trim.height.to_pt() + 2 * bleed);
      cairo_t* cr = cairo_create(surface);
      cairo_translate(cr, bleed, bleed);
      render::detail::Canvas canvas{cr, *faces, images, diagnostics, false, {}};
      render::detail::draw_frame(canvas, page.frame);
      cairo_show_page(cr);
      cairo_destroy(cr);
    }
    if (time_finish) {
      state.ResumeTiming();
    } else {
      state.PauseTiming();
    }
    cairo_surface_finish(surface);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) state.SkipWithError("cairo failed");
    cairo_surface_destroy(surface);
    if (!time_finish) state.ResumeTiming();
  }
  state.SetLabel(std::string(time_finish ? "finish" : "draw") + (subset ? ", subset fonts" : ", whole fonts"));
}

// The real render_pdf (draw + finish + atomic write), for cross-checking stages 6.
void BM_7_RenderPdf(benchmark::State& state) {
  const Fixture& f = *g_fixture;
  const fs::path out = fs::temp_directory_path() / "zjgr-pipeline-bench.pdf";
  for (auto _ : state) {
    Diagnostics diagnostics;
    if (!render::render_pdf(f.layout.document, *f.fonts, out, {}, diagnostics)) state.SkipWithError("render_pdf failed");
  }
  state.counters["bytes"] = static_cast<double>(fs::file_size(out));
  fs::remove(out);
}

// PNG proof of one page at 100 dpi: drawing and conversion (range 0) or also libpng encoding
// and the atomic write (range 1). Page 1, the front page: the fullest.
void BM_8_PngPage(benchmark::State& state) {
  const Fixture& f = *g_fixture;
  const bool encode = state.range(0) == 1;
  const fs::path out = fs::temp_directory_path() / "zjgr-pipeline-bench.png";
  for (auto _ : state) {
    Diagnostics diagnostics;
    const render::Raster raster = render::render_page(f.layout.document.pages[0], *f.fonts, 100, diagnostics);
    if (raster.rgb.empty()) state.SkipWithError("render_page failed");
    if (encode && !render::write_png(raster, out, diagnostics)) state.SkipWithError("write_png failed");
  }
  if (encode) fs::remove(out);
  state.SetLabel(encode ? "draw + encode" : "draw");
}

// All pages' PNG proofs at 100 dpi as the CLI makes them (pages in parallel); time per page in
// the "per_page_ms" counter.
void BM_9_PngAll(benchmark::State& state) {
  const Fixture& f = *g_fixture;
  const fs::path dir = fs::temp_directory_path() / "zjgr-pipeline-bench-png";
  fs::create_directories(dir);
  for (auto _ : state) {
    Diagnostics diagnostics;
    if (!render::render_pngs(f.layout.document, *f.fonts, dir, 100, diagnostics)) state.SkipWithError("render_pngs failed");
  }
  fs::remove_all(dir);
  state.counters["pages"] = static_cast<double>(f.layout.document.pages.size());
}

// ---- scaling: one paragraph of 1×, 4×, 16× the text -------------------------------------------

std::string paragraph_of(std::size_t factor) {
  // Base: the issue's paragraphs joined until ~2,000 characters; then that, factor times.
  std::string base;
  for (const auto& t : g_fixture->texts) {
    if (to_u32(base).size() > 2000) break;
    base += t;
  }
  std::string out;
  for (std::size_t i = 0; i < factor; ++i) out += base;
  return out;
}

void BM_ScaleShapeBreak(benchmark::State& state) {
  const Fixture& f = *g_fixture;
  const std::string text = paragraph_of(static_cast<std::size_t>(state.range(0)));
  text::ShapeOptions options;
  options.size = kBodySize;
  compose::ParagraphStyle style;
  style.size = kBodySize;
  const auto widths = compose::LineWidths::uniform(kMeasure);
  for (auto _ : state) {
    Diagnostics diagnostics;
    compose::Paragraph p(text::shape(text, f.stack, *f.fonts, options, diagnostics), style);
    benchmark::DoNotOptimize(p.break_lines(widths, diagnostics));
  }
  state.SetComplexityN(static_cast<benchmark::IterationCount>(to_u32(text).size()));
}

BENCHMARK(BM_1_Itemize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_2_Shape)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_3_BuildItems)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_4_Break)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_5_LayoutIssue)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_5b_SetArea)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_6_Pdf)->ArgsProduct({{0, 1}, {0, 1}})->Unit(benchmark::kMillisecond)->Iterations(8);
BENCHMARK(BM_7_RenderPdf)->Unit(benchmark::kMillisecond)->Iterations(8);
BENCHMARK(BM_8_PngPage)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_9_PngAll)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);
BENCHMARK(BM_ScaleShapeBreak)->Arg(1)->Arg(4)->Arg(16)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  Fixture fixture;
  std::string error;
  if (!load_fixture(fixture, error)) {
    std::fprintf(stderr, "pipeline_bench: %s\n", error.c_str());
    return 1;  // a missing fixture is a failure, never an empty table
  }
  g_fixture = &fixture;
  std::fprintf(stderr, "pipeline_bench: %s: %zu pages, %zu texts, %zu characters\n", fixture.dir.c_str(),
               fixture.layout.document.pages.size(), fixture.texts.size(), fixture.characters);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
