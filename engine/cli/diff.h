// The zjgr-diff tool: compares rendered pages (PNG) and text goldens (the layout dump) of an
// expected and an actual run, draws diff images and writes an HTML report a person can read.
// Pixels come from render/ (read_png, write_png); this file never sees libpng (issue 6).
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "render/render.h"

namespace zjgr::cli {

/// When two pages count as the same. A pixel differs when one of its channels differs by more
/// than `channel`; a page fails when more than `pixels` pixels differ. Our renderer and fonts are
/// pinned by the distribution, so the defaults are as strict as Typst's and resvg's: one changed
/// 9 pt character alters 130–220 pixels at 150 dpi (about 15–30 at 50 dpi).
struct Tolerance {
  int channel = 2;  ///< 0…255: largest channel difference that is still "the same pixel"
  long pixels = 0;  ///< ≥ 0: differing pixels a page may have and still pass
};

/// The pixel comparison of two rasters over the union of their areas (a pixel outside one of
/// them differs).
struct PixelDiff {
  long differing_pixels = 0;       ///< pixels with a channel difference above the tolerance
  int max_channel_difference = 0;  ///< 0…255, over the common area
  int left = 0, top = 0;           ///< bounding box of the differing pixels, in pixels;
  int right = 0, bottom = 0;       ///< right/bottom exclusive; all 0 when nothing differs
};

/// Compares pixel by pixel; `channel_tolerance` as in Tolerance::channel.
PixelDiff compare_rasters(const render::Raster& expected, const render::Raster& actual, int channel_tolerance);

/// A picture of what changed, the size of the union of both rasters: a faded copy of both pages
/// (the darker of the two, at a quarter of its ink) with ink that appeared in `actual` in strong
/// red, ink that disappeared in strong blue, and each 16 px tile holding a change outlined in
/// orange, so that a single changed character stands out on a whole broadsheet page.
render::Raster diff_image(const render::Raster& expected, const render::Raster& actual, int channel_tolerance);

/// The verdict on one compared file.
enum class FileStatus : std::uint8_t {
  Same,           ///< within the tolerance (images) or byte for byte equal (text)
  Different,      ///< more differing pixels than allowed, or text lines differ
  SizeDiffers,    ///< images of different pixel sizes (always a failure)
  MissingActual,  ///< in the expected folder only: a page or dump that is no longer produced
  MissingGolden,  ///< in the actual folder only: a new page without a golden
  Unreadable,     ///< a file that cannot be read or decoded (unusable input)
};

/// One changed line of a text golden, in a unified-diff spirit.
struct TextChange {
  char kind = ' ';         ///< '-' expected only, '+' actual only, ' ' context, '@' lines left out
  std::size_t line = 0;    ///< 1-based line number in its own file
  std::string text;        ///< the line, without its newline
};

/// The outcome for one file name (the same name in both folders).
struct FileResult {
  std::string name;               ///< e.g. "page-01.png", "layout.txt"
  bool is_image = false;          ///< a PNG page (else a text golden compared exactly)
  FileStatus status = FileStatus::Same;
  int expected_width = 0, expected_height = 0;  ///< pixels; 0 when absent (images only)
  int actual_width = 0, actual_height = 0;      ///< pixels; 0 when absent (images only)
  PixelDiff pixels;                             ///< images only
  std::optional<render::Raster> diff;           ///< the diff image, for images that fail
  std::optional<render::Raster> zoom;           ///< the changed area enlarged: expected | actual | diff
  std::vector<TextChange> text_changes;         ///< text only: changed lines with some context
  std::size_t changed_lines = 0;                ///< text only: lines removed plus lines added
  std::string message;                          ///< what went wrong, for Unreadable

  /// True when the file passes.
  bool passes() const { return status == FileStatus::Same; }
};

/// The outcome of comparing two files or two folders.
struct DiffResult {
  std::filesystem::path expected, actual;  ///< what was compared
  std::vector<FileResult> files;           ///< failing files first, then by name
  bool usable = true;                      ///< false: an input was missing or unreadable

  /// Exit status of zjgr-diff: 0 everything passes, 1 something differs, 2 unusable input.
  int exit_status() const;
};

/// Compares `expected` with `actual`: two PNG files, or two folders, in which every `*.png` is
/// a page compared with `tolerance` and every `*.txt` a text golden compared exactly (files in
/// only one folder fail). Errors (missing paths, a file against a folder, an empty expected
/// folder, unreadable files) go to `diagnostics` and make the result unusable.
DiffResult diff_paths(const std::filesystem::path& expected, const std::filesystem::path& actual,
                      const Tolerance& tolerance, Diagnostics& diagnostics);

/// Line diff of two texts: removed and added lines with up to `context` unchanged lines around
/// each change. Bounded work: after trimming the common start and end, a middle of more than
/// 4 million line pairs is reported as replaced as a whole rather than aligned.
std::vector<TextChange> diff_lines(const std::string& expected, const std::string& actual, std::size_t context,
                                   std::size_t& changed_lines);

/// Writes `dir`/index.html (per failing page its changed area enlarged, then the pages side by
/// side: expected, actual, diff; failing files first;
/// text goldens as line diffs) with the images it shows copied beside it under expected/,
/// actual/ and diff/, so the folder can be moved or archived by CI. The page checks on load
/// that each image decoded and marks the <body> with data-images-total / data-images-broken.
/// Returns false (reported) when it cannot write.
bool write_report(const DiffResult& result, const Tolerance& tolerance, const std::filesystem::path& dir,
                  Diagnostics& diagnostics);

/// One summary line per file ("FAIL page-01.png: 183 pixels differ …", "ok   page-02.png: same"),
/// with the first changed lines of each text golden; `failing_only` leaves out passing files.
void print_summary(const DiffResult& result, bool failing_only, std::ostream& out);

/// The command line of zjgr-diff.
struct DiffOptions {
  std::filesystem::path expected, actual;
  std::optional<std::filesystem::path> report;  ///< folder of the HTML report
  Tolerance tolerance;
  bool quiet = false;  ///< print only failing files and the report's location
};

/// Parses argv; returns the exit status to use now (help, version, bad usage: 2) or nullopt.
std::optional<int> parse_diff_options(int argc, char** argv, DiffOptions& options);

/// Runs the comparison: summary on `out`, diagnostics on `err`; returns the exit status.
int run_diff(const DiffOptions& options, std::ostream& out, std::ostream& err);

}  // namespace zjgr::cli
