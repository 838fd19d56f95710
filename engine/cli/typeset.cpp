#include "cli/typeset.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <ostream>
#include <string>

#include <malloc.h>
#include <sys/resource.h>

#include "base/atomic_file.h"
#include "cli/outputs.h"
#include "fonts/font_library.h"
#include "input/load.h"
#include "layout/characters.h"
#include "layout/issue_layout.h"
#include "layout/page_runner.h"
#include "render/render.h"
#include "report/report.h"

namespace zjgr::cli {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Every kept diagnostic, then one line per kind with the count of those not kept.
void print_diagnostics(const Diagnostics& diagnostics, std::ostream& err, bool quiet) {
  for (const auto& d : diagnostics.items()) {
    if (quiet && d.severity == Severity::Warning) continue;
    err << format(d) << "\n";
  }
  for (const auto& [key, count] : diagnostics.omitted()) {
    if (quiet && key.first == Severity::Warning) continue;
    err << format_omitted(key, count) << "\n";
  }
}

// Prints the diagnostics and says that nothing was written. The status: 3 when the machine is
// at fault (a full disk, an unwritable folder, memory), else 1 (the input or the command line).
// When the machine failed, only its errors are shown: what follows from them (a font that could
// not be loaded for lack of memory is then "not found" wherever a style asks for it) would send
// the reader to the input, which is fine.
int fail(const Diagnostics& diagnostics, std::ostream& err, const char* what) {
  const auto& items = diagnostics.items();
  const std::size_t faults =
      static_cast<std::size_t>(std::count_if(items.begin(), items.end(), [](const Diagnostic& d) { return is_environment_fault(d); }));
  if (faults == 0) {
    print_diagnostics(diagnostics, err, false);
    err << "error: " << diagnostics.error_count() << " " << what << "; nothing written\n";
    return kInputError;
  }
  for (const Diagnostic& d : items) {
    if (is_environment_fault(d)) err << format(d) << "\n";
  }
  err << "error: the machine failed (" << faults << " error(s) above";
  if (diagnostics.error_count() > faults) {
    err << "; " << diagnostics.error_count() - faults << " more that may follow from them not shown";
  }
  err << "); nothing written\n";
  return kEnvironmentFault;
}

// The run keeps each finished page's frame out of memory (drawn from the store), and a record
// of every line only for the layout dump: its memory does not grow with its pages.
layout::LayoutOptions layout_options(const Options& options) {
  layout::LayoutOptions layout;
  layout.fit = !options.no_fit;
  layout.spill_frames = true;
  layout.line_records = options.dump_layout.has_value();
  layout.threads = options.jobs;
  return layout;
}

// --proof-on-error: the input's only errors are overlapping areas. Lay the pages out anyway and
// write their PNG proofs (the overlaps marked by layout), no PDF, report or dump; exit 1.
int write_overlap_proofs(const Options& options, const model::Issue& issue, Diagnostics& diagnostics,
                         std::ostream& err) {
  Options proofs = options;
  proofs.pdf.clear();
  proofs.report.reset();
  proofs.dump_layout.reset();
  Outputs outputs(proofs, issue.pages.size());
  std::vector<std::filesystem::path> inputs(issue.input_files.begin(), issue.input_files.end());
  if (!outputs.check(inputs, diagnostics)) return fail(diagnostics, err, "error(s) in the outputs asked for");
  const std::size_t errors = diagnostics.error_count();
  fonts::FontLibrary fonts;
  const layout::LayoutResult result =
      layout::layout_issue(issue, fonts, diagnostics, {}, layout_options(options));
  if (diagnostics.error_count() != errors || !outputs.open(diagnostics) ||
      !render::render_pngs(result.document, fonts, *outputs.png_staging(), options.dpi, diagnostics) ||
      !outputs.commit(diagnostics)) {
    return fail(diagnostics, err, "error(s)");
  }
  print_diagnostics(diagnostics, err, options.quiet);
  err << "error: " << diagnostics.error_count() << " input error(s); no PDF written, the proofs in "
      << options.png_dir->string() << " show the overlaps\n";
  return kInputError;
}

// A number option's check: a finite number from `min` to `max`. CLI::Range alone lets "nan"
// through (every comparison with NaN is false), and "--dpi nan" would reach Cairo.
CLI::Validator finite_range(double min, double max) {
  CLI::Validator finite(
      [](std::string& value) -> std::string {
        double number = 0;
        if (CLI::detail::lexical_cast(value, number) && std::isfinite(number)) return "";
        return "expected a number, found \"" + value + "\"";
      },
      "", "FINITE");
  return finite & CLI::Range(min, max);
}

}  // namespace

std::optional<std::string> check_memory_limit() {
  struct Limit {
    int resource;
    const char* name;
  };
  for (const Limit limit : {Limit{RLIMIT_AS, "address space (ulimit -v)"}, Limit{RLIMIT_DATA, "data (ulimit -d)"}}) {
    struct rlimit now {};
    if (::getrlimit(limit.resource, &now) != 0 || now.rlim_cur == RLIM_INFINITY) continue;
    ::mallopt(M_ARENA_MAX, 1);
    const rlim_t mib = now.rlim_cur / (1024 * 1024);
    if (mib >= static_cast<rlim_t>(kMinAddressSpaceMiB)) continue;
    return "error[out-of-memory]: zjgr-typeset needs at least " + std::to_string(kMinAddressSpaceMiB) +
           " MiB of address space, the limit of its " + limit.name + " is " + std::to_string(mib) +
           " MiB; raise the limit; nothing written";
  }
  return std::nullopt;
}

std::optional<std::filesystem::path> installed_layouts_dir() {
  // The program's own file (Linux), then the relative path CMake computed from bin/ to the
  // layouts (engine/cli/CMakeLists.txt): installed, <prefix>/share/zjgr-typeset/layouts; in the
  // build tree, a link to the source tree's layouts/.
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec || self.empty()) return std::nullopt;
  const std::filesystem::path dir = (self.parent_path() / ZJGR_LAYOUTS_FROM_BIN).lexically_normal();
  if (!std::filesystem::is_directory(dir, ec)) return std::nullopt;
  return dir;
}

std::optional<int> parse_options(int argc, char** argv, Options& options) {
  CLI::App app{"zjgr-typeset: typesets an issue of 浙江工人日报 to a print-ready PDF"};
  app.set_version_flag("--version", std::string("zjgr-typeset ") + ZJGR_VERSION);
  app.add_option("issue", options.issue, "the issue file (issue.json)")->required();
  app.add_option("-o,--output", options.pdf, "the PDF to write (default: issue file with .pdf)");
  app.add_option("--png", options.png_dir, "also write page-01.png … into this folder");
  app.add_option("--dpi", options.dpi, "resolution of the PNG pages")->check(finite_range(10, 600));
  app.add_option("--report", options.report, "write the machine-readable report (JSON) here");
  app.add_option("--dump-layout", options.dump_layout, "write every set line (text, position, fit) here");
  app.add_option("--layouts", options.layout_dirs, "folders searched for layouts named by the issue");
  app.add_flag("--strict", options.strict, "exit with status 2 when there is any warning");
  app.add_flag("-q,--quiet", options.quiet, "no progress lines and no warnings on stderr");
  app.add_flag("--allow-outside-paths", options.allow_outside_paths,
               "let articles, photos and the layout come from outside the issue's folder and the layout folders");
  app.add_flag("--marks", options.crop_marks, "draw crop marks in the PDF");
  app.add_flag("--print", options.print,
               "press PDF (PDF/X-1a style): K-only overprinting black, CMYK photos, no transparency");
  app.add_option("--ink-limit", options.ink_limit, "with --print: most total ink in percent (default 240)")
      ->check(finite_range(100, 400));
  app.add_option("--output-profile", options.output_profile,
                 "with --print: the press's CMYK ICC profile (default: Ghostscript's default_cmyk.icc)");
  app.add_option("--pdfx", options.pdfx, "with --print: the PDF/X version claimed, 1a:2001 or 1a:2003 (default)")
      ->check(CLI::IsMember({"1a:2001", "1a:2003"}));
  app.add_option("--output-condition", options.output_condition,
                 "with --print: the output condition's registered name (e.g. IFRA26 for ISO newsprint)");
  app.add_flag("--no-fit", options.no_fit, "set every area's copy as it comes: no copyfitting");
  app.add_option("-j,--jobs", options.jobs,
                 "pages laid out at once (default: one per core, half the cores with --png); "
                 "the output is the same for any number")
      ->check(CLI::Range(1u, 64u));
  app.add_flag("--proof-on-error", options.proof_on_error,
               "when overlapping areas are the only input errors, still write the PNG proofs (no PDF), overlaps marked");
  app.footer("Exit status: 0 done, 1 bad input or command line (nothing written), 2 warnings under --strict,\n"
             "3 the machine failed (disk full, folder not writable, out of memory; nothing written) or an internal error.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return status == 0 ? kDone : kInputError;
  }
  if (options.pdf.empty()) options.pdf = std::filesystem::path(options.issue).replace_extension(".pdf");
  return std::nullopt;
}

int run(const Options& options, std::ostream& err) {
  const auto start = Clock::now();
  // Too little memory to run at all: said now, before Cairo meets it where it does not check.
  if (const auto problem = check_memory_limit()) {
    err << *problem << "\n";
    return kEnvironmentFault;
  }
  Diagnostics diagnostics;
  report::RunInfo run_info;
  run_info.issue_file = options.issue.string();
  run_info.pdf = options.pdf.string();

  // 1. Input: nothing is written when the input has errors.
  input::LoadOptions load_options;
  load_options.layout_dirs = options.layout_dirs;
  if (auto installed = installed_layouts_dir()) load_options.layout_dirs.push_back(*installed);
  load_options.allow_outside_paths = options.allow_outside_paths;
  load_options.keep_overlapping = options.proof_on_error && options.png_dir.has_value();
  auto stage = Clock::now();
  std::optional<model::Issue> issue = input::load_issue(options.issue, load_options, diagnostics);
  run_info.timings.emplace_back("input", ms_since(stage));
  if (issue && diagnostics.has_errors() && load_options.keep_overlapping) {
    return write_overlap_proofs(options, *issue, diagnostics, err);
  }
  if (!issue || diagnostics.has_errors()) return fail(diagnostics, err, "input error(s)");

  // The outputs, before any work: none may replace an input of the run, another output, or
  // anything that is not a regular file. The input files are known now; the fonts after layout.
  Outputs outputs(options, issue->pages.size());
  std::vector<std::filesystem::path> inputs(issue->input_files.begin(), issue->input_files.end());
  if (options.print && !options.output_profile.empty()) inputs.push_back(options.output_profile);
  if (!outputs.check(inputs, diagnostics)) return fail(diagnostics, err, "error(s) in the outputs asked for");

  // Every output to a temporary (the PNGs into a hidden folder inside theirs), opened now so
  // that the proofs can be drawn while layout goes on: the folders are made and the leftovers of
  // killed runs removed first. A run that fails later leaves none of it behind.
  if (!outputs.open(diagnostics)) return fail(diagnostics, err, "error(s)");

  // 2. Layout. Each page is drawn into the PDF (a thread of its own, in page order) and into its
  // PNG proof (the spare cores) as soon as layout has finished it; this thread helps with the
  // proofs left once layout is done. The proofs' diagnostics come after layout's, in page order.
  fonts::FontLibrary fonts;
  render::PdfOptions pdf_options;
  pdf_options.crop_marks = options.crop_marks;
  pdf_options.print = options.print;
  pdf_options.ink_limit = options.ink_limit;
  pdf_options.output_profile = options.output_profile;
  pdf_options.pdfx = options.pdfx;
  pdf_options.output_condition = options.output_condition;
  pdf_options.photo_ppi = issue->layout.print.photo_ppi;
  pdf_options.jpeg_quality = issue->layout.print.jpeg_quality;
  // Its fonts cut to the issue's characters, not to the census of finished pages (render.h).
  // The body style's fonts are resolved here, before layout (which resolves that style first, so
  // the ids are the same): the PDF cuts only them to the body paragraphs' characters.
  std::vector<fonts::FontId> body_fonts = layout::body_fonts(issue->layout, fonts, diagnostics);
  render::PdfStream pdf(issue->pages.size(), fonts, [&issue, body = std::move(body_fonts)] {
    layout::IssueCharacters characters = layout::issue_characters(*issue);
    return render::CharacterForesight{std::move(characters.everywhere), std::move(characters.body), body};
  }, pdf_options);
  std::optional<render::PngProofs> proofs;
  layout::LayoutOptions layout_choices = layout_options(options);
  layout_choices.on_page_finished = [&pdf, &proofs](std::size_t index, const frame::PageFrame& page,
                                                    const std::shared_ptr<const frame::FrameStore>& store) {
    pdf.add(index, page, store);
    if (proofs) proofs->add(index, page, store);
  };
  if (outputs.png_staging()) {
    proofs.emplace(issue->pages.size(), fonts, *outputs.png_staging(), options.dpi, render::PngProofs::spare_cores());
    // The proofs take the spare cores as pages finish: by default layout keeps half of them
    // (on 2 cores one thread, which was as fast as two with proofs: 790 against 810 ms wall for
    // 32 pages, and leaves the proofs their core).
    if (options.jobs == 0) layout_choices.threads = std::max(1u, layout::layout_threads(0) / 2);
  } else if (!options.print) {
    // Without proofs layout takes every core, though the PDF's thread draws beside it (on 2 cores
    // two layout threads: 0.68 s wall for 100 pages against 0.76 s with one, medians of 4,
    // interleaved); below its priority, so that the PDF keeps up with the pages and is not left
    // to draw the last third of them alone after layout (32 pages: 0.27 against 0.31 s).
    layout_choices.yield_to_drawing = true;
  }
  stage = Clock::now();
  layout::LayoutResult result = layout::layout_issue(*issue, fonts, diagnostics, [&](const layout::PageReport& page) {
    if (options.quiet) return;
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.1f ms", page.milliseconds);
    err << "page " << page.number << ": " << counted(page.articles, "article") << ", " << counted(page.lines, "line")
        << ", " << ms << "\n";
  }, layout_choices);
  run_info.timings.emplace_back("layout", ms_since(stage));
  if (diagnostics.has_errors()) return fail(diagnostics, err, "error(s)");  // a missing font family, say: never print tofu
  std::vector<std::filesystem::path> font_files;
  for (std::size_t i = 0; i < fonts.size(); ++i) {
    const auto& font = fonts.font(static_cast<fonts::FontId>(i));
    run_info.fonts.push_back(font.family() + " (" + font.file().string() + ", face " + std::to_string(font.face_index()) + ")");
    font_files.push_back(font.file());
  }
  // By name: the order faces were loaded in depends on which page thread asked first.
  std::sort(run_info.fonts.begin(), run_info.fonts.end());
  if (!outputs.check(font_files, diagnostics)) return fail(diagnostics, err, "error(s) in the outputs asked for");

  // 3. Render: the rest of the PDF (all of it when it could not be drawn during layout, and a
  // press file's always), while the proofs go on.
  stage = Clock::now();
  Diagnostics pdf_diagnostics;
  render::Preflight preflight;
  const bool pdf_ok = pdf.finish(result.document, *outputs.pdf(), pdf_diagnostics, &preflight);
  run_info.timings.emplace_back("pdf", ms_since(stage));
  run_info.pdf_drawn = pdf.streamed() ? "with-layout" : "after-layout";
  if (proofs) {
    const bool png_ok = proofs->finish(diagnostics);
    run_info.timings.emplace_back("png", ms_since(stage));  // the PDF and the proofs, overlapped
    if (!png_ok) {
      diagnostics.add_all(pdf_diagnostics);
      return fail(diagnostics, err, "error(s)");
    }
  }
  diagnostics.add_all(pdf_diagnostics);
  if (!pdf_ok) return fail(diagnostics, err, "error(s)");
  run_info.preflight.mode = options.print ? "print" : "screen";
  for (const auto& c : preflight.checks) run_info.preflight.checks.push_back({c.name, c.passed, c.detail});
  for (const auto& f : preflight.fonts) run_info.preflight.fonts.push_back({f.name, f.type, f.embedded, f.subset});
  for (const auto& im : preflight.images) {
    run_info.preflight.images.push_back({im.page, im.width, im.height, im.color_space, im.filter, im.max_ink,
                                         im.min_ppi, im.max_ppi, im.jpeg_quality});
  }
  for (const auto& ph : preflight.press_photos) {
    run_info.preflight.press_photos.push_back({ph.path, ph.placed_width_pt, ph.placed_height_pt, ph.source_width,
                                               ph.source_height, ph.width, ph.height, ph.source_ppi, ph.output_ppi,
                                               ph.quality});
  }

  // 4. Report and dump.
  if (AtomicFile* dump = outputs.dump()) {
    const std::string text = report::layout_dump(result);
    dump->write(text.data(), text.size());
    if (!dump->finish()) return fail(diagnostics, err, "error(s)");
  }
  run_info.timings.emplace_back("total", ms_since(start));
  if (AtomicFile* report_file = outputs.report()) {
    const std::string json = report::report_json(result, diagnostics, run_info);
    report_file->write(json.data(), json.size());
    if (!report_file->finish()) return fail(diagnostics, err, "error(s)");
  }

  // 5. The one commit point: every output was written, now each replaces its target.
  if (!outputs.commit(diagnostics)) {
    print_diagnostics(diagnostics, err, false);
    err << "error: the outputs could not all be put in place; those named above are unchanged\n";
    return kEnvironmentFault;
  }
  print_diagnostics(diagnostics, err, options.quiet);
  if (!options.quiet) {
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.0f ms", ms_since(start));
    err << "wrote " << options.pdf.string() << ": " << counted(static_cast<long long>(result.document.pages.size()), "page") << ", "
        << counted(static_cast<long long>(diagnostics.warning_count()), "warning") << ", " << ms << "\n";
  }
  if (options.strict && diagnostics.warning_count() > 0) return kWarningsUnderStrict;
  return kDone;
}

}  // namespace zjgr::cli
