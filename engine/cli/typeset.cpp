#include "cli/typeset.h"

#include <CLI/CLI.hpp>
#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <ostream>

#include "base/atomic_file.h"
#include "fonts/font_library.h"
#include "input/load.h"
#include "layout/issue_layout.h"
#include "render/render.h"
#include "report/report.h"

namespace zjgr::cli {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void print_diagnostics(const Diagnostics& diagnostics, std::ostream& err, bool quiet) {
  for (const auto& d : diagnostics.items()) {
    if (quiet && d.severity == Severity::Warning) continue;
    err << format(d) << "\n";
  }
}

}  // namespace

std::optional<int> parse_options(int argc, char** argv, Options& options) {
  CLI::App app{"zjgr-typeset: typesets an issue of 浙江工人日报 to a print-ready PDF"};
  app.set_version_flag("--version", std::string("zjgr-typeset ") + ZJGR_VERSION);
  app.add_option("issue", options.issue, "the issue file (issue.json)")->required();
  app.add_option("-o,--output", options.pdf, "the PDF to write (default: issue file with .pdf)");
  app.add_option("--png", options.png_dir, "also write page-01.png … into this folder");
  app.add_option("--dpi", options.dpi, "resolution of the PNG pages")->check(CLI::Range(10.0, 600.0));
  app.add_option("--report", options.report, "write the machine-readable report (JSON) here");
  app.add_option("--dump-layout", options.dump_layout, "write every set line (text, position, fit) here");
  app.add_option("--layouts", options.layout_dirs, "folders searched for layouts named by the issue");
  app.add_flag("--strict", options.strict, "exit with status 2 when there is any warning");
  app.add_flag("-q,--quiet", options.quiet, "no progress lines and no warnings on stderr");
  app.add_flag("--allow-outside-paths", options.allow_outside_paths,
               "let articles and photos come from outside the issue's folder");
  app.add_flag("--marks", options.crop_marks, "draw crop marks in the PDF");
  app.add_flag("--print", options.print,
               "press PDF (PDF/X-1a style): K-only overprinting black, CMYK photos, no transparency");
  app.add_option("--ink-limit", options.ink_limit, "with --print: most total ink in percent (default 240)")
      ->check(CLI::Range(100.0, 400.0));
  app.add_option("--output-profile", options.output_profile,
                 "with --print: the press's CMYK ICC profile (default: Ghostscript's default_cmyk.icc)");
  app.footer("Exit status: 0 done, 1 input error (nothing written), 2 warnings under --strict, 3 internal error.");
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
  Diagnostics diagnostics;
  report::RunInfo run_info;
  run_info.issue_file = options.issue.string();
  run_info.pdf = options.pdf.string();

  // 1. Input: nothing is written when the input has errors.
  input::LoadOptions load_options;
  load_options.layout_dirs = options.layout_dirs;
  load_options.layout_dirs.emplace_back(ZJGR_LAYOUTS_DIR);
  load_options.allow_outside_paths = options.allow_outside_paths;
  auto stage = Clock::now();
  std::optional<model::Issue> issue = input::load_issue(options.issue, load_options, diagnostics);
  run_info.timings.emplace_back("input", ms_since(stage));
  if (!issue || diagnostics.has_errors()) {
    print_diagnostics(diagnostics, err, false);
    err << "error: " << diagnostics.error_count() << " input error(s); nothing written\n";
    return kInputError;
  }

  // Every output's folder must exist before any work is done, so that a bad path fails the run
  // before anything is written (the PNG folder is created if missing).
  for (const auto* target : {&options.pdf, options.report ? &*options.report : nullptr,
                             options.dump_layout ? &*options.dump_layout : nullptr}) {
    if (target == nullptr) continue;
    const auto folder = target->parent_path().empty() ? std::filesystem::path(".") : target->parent_path();
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec) || std::filesystem::is_directory(*target, ec)) {
      err << "error[write-failed]: cannot write " << target->string() << ": "
          << (std::filesystem::is_directory(*target, ec) ? "it is a folder" : "its folder does not exist")
          << "; nothing written\n";
      return kInputError;
    }
  }

  // 2. Layout.
  fonts::FontLibrary fonts;
  stage = Clock::now();
  layout::LayoutResult result = layout::layout_issue(*issue, fonts, diagnostics, [&](const layout::PageReport& page) {
    if (options.quiet) return;
    char line[128];
    std::snprintf(line, sizeof line, "page %d: %d articles, %d lines, %.1f ms\n", page.number, page.articles, page.lines,
                  page.milliseconds);
    err << line;
  });
  run_info.timings.emplace_back("layout", ms_since(stage));
  if (diagnostics.has_errors()) {  // a missing font family, say: never print tofu
    print_diagnostics(diagnostics, err, false);
    err << "error: " << diagnostics.error_count() << " error(s); nothing written\n";
    return kInputError;
  }
  for (std::size_t i = 0; i < fonts.size(); ++i) {
    const auto& font = fonts.font(static_cast<fonts::FontId>(i));
    run_info.fonts.push_back(font.family() + " (" + font.file().string() + ", face " + std::to_string(font.face_index()) + ")");
  }

  // 3. Render. Nothing is left behind by a failed run: PNGs go to a temporary folder first and
  // move into place only after the PDF (itself written atomically) has succeeded.
  stage = Clock::now();
  std::optional<std::filesystem::path> png_staging;
  if (options.png_dir) {
    std::error_code ec;
    std::filesystem::create_directories(*options.png_dir, ec);
    png_staging = *options.png_dir / (".zjgr-tmp-" + std::to_string(::getpid()));
    std::filesystem::create_directories(*png_staging, ec);
    if (ec || !render::render_pngs(result.document, fonts, *png_staging, options.dpi, diagnostics)) {
      if (ec) diagnostics.error("write-failed", "cannot create " + png_staging->string() + ": " + ec.message());
      std::filesystem::remove_all(*png_staging, ec);
      print_diagnostics(diagnostics, err, false);
      return kInputError;
    }
    run_info.timings.emplace_back("png", ms_since(stage));
    stage = Clock::now();
  }
  render::PdfOptions pdf_options;
  pdf_options.crop_marks = options.crop_marks;
  pdf_options.print = options.print;
  pdf_options.ink_limit = options.ink_limit;
  pdf_options.output_profile = options.output_profile;
  render::Preflight preflight;
  if (!render::render_pdf(result.document, fonts, options.pdf, pdf_options, diagnostics, &preflight)) {
    std::error_code ec;
    if (png_staging) std::filesystem::remove_all(*png_staging, ec);
    print_diagnostics(diagnostics, err, false);
    return kInputError;
  }
  run_info.preflight.mode = options.print ? "print" : "screen";
  for (const auto& c : preflight.checks) run_info.preflight.checks.push_back({c.name, c.passed, c.detail});
  for (const auto& f : preflight.fonts) run_info.preflight.fonts.push_back({f.name, f.type, f.embedded, f.subset});
  for (const auto& im : preflight.images) {
    run_info.preflight.images.push_back({im.page, im.width, im.height, im.color_space, im.filter, im.max_ink});
  }
  run_info.timings.emplace_back("pdf", ms_since(stage));
  if (png_staging) {
    // Same folder, so each rename is atomic; then the staging folder goes.
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(*png_staging, ec)) {
      std::filesystem::rename(entry.path(), *options.png_dir / entry.path().filename(), ec);
    }
    std::filesystem::remove_all(*png_staging, ec);
  }

  // 4. Report and dump.
  std::string error;
  if (options.dump_layout && !write_file_atomically(*options.dump_layout, report::layout_dump(result), error)) {
    err << "error: " << error << "\n";
    return kInputError;
  }
  run_info.timings.emplace_back("total", ms_since(start));
  if (options.report &&
      !write_file_atomically(*options.report, report::report_json(result, diagnostics, run_info), error)) {
    err << "error: " << error << "\n";
    return kInputError;
  }
  print_diagnostics(diagnostics, err, options.quiet);
  if (!options.quiet) {
    char line[160];
    std::snprintf(line, sizeof line, "wrote %s: %zu pages, %zu warnings, %.0f ms\n", options.pdf.c_str(),
                  result.document.pages.size(), diagnostics.warning_count(), ms_since(start));
    err << line;
  }
  if (options.strict && diagnostics.warning_count() > 0) return kWarningsUnderStrict;
  return kDone;
}

}  // namespace zjgr::cli
