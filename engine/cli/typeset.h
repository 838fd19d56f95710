// The zjgr-typeset command: options, the run from issue file to PDF/PNG/report, exit statuses.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace zjgr::cli {

/// Exit statuses (DESIGN.md §4, README "Exit status"): 1 when the input or the command line is
/// wrong, 3 when the machine failed (is_environment_fault: disk full, folder not writable, out of
/// memory) or the program did; nothing is written for either.
enum ExitStatus : int {
  kDone = 0,
  kInputError = 1,
  kWarningsUnderStrict = 2,
  kEnvironmentFault = 3,
  kInternalError = 3,
};

struct Options {
  std::filesystem::path issue;
  std::filesystem::path pdf;
  std::optional<std::filesystem::path> png_dir;
  double dpi = 100;
  std::optional<std::filesystem::path> report;
  std::optional<std::filesystem::path> dump_layout;
  std::vector<std::filesystem::path> layout_dirs;
  bool strict = false;
  bool quiet = false;
  bool allow_outside_paths = false;
  bool crop_marks = false;
  bool print = false;                    ///< --print: PDF/X-1a-style CMYK press file
  double ink_limit = 240;                ///< --ink-limit PCT (print)
  std::filesystem::path output_profile;  ///< --output-profile ICC (print); empty = the default CMYK profile
  std::string pdfx = "1a:2003";          ///< --pdfx: the PDF/X version the press file claims
  std::string output_condition;          ///< --output-condition ID (print): the OutputConditionIdentifier
  bool no_fit = false;                   ///< --no-fit: set the copy as it comes, no copyfitting
  unsigned jobs = 0;                     ///< --jobs: pages laid out at once (0: one per core)
  bool proof_on_error = false;           ///< overlapping areas: still write the PNG proofs (no PDF), overlaps marked
};

/// The least address space a run is allowed to start with under a memory limit (ulimit -v,
/// RLIMIT_AS, or RLIMIT_DATA): the example issue, in screen and --print mode with PNG proofs,
/// needs about 210 MiB, and below that Cairo, which does not check every allocation, crashed
/// (SIGSEGV) instead of failing cleanly; this leaves a margin. A larger issue needs more; it then
/// fails with "out-of-memory" (exit status 3).
inline constexpr long kMinAddressSpaceMiB = 256;

/// Under a memory limit: gives every thread the one malloc arena (glibc reserves 64 MiB of
/// address space per thread's arena otherwise, so the memory a run needs would grow with the
/// number of cores), and returns the error when the limit is below kMinAddressSpaceMiB
/// ("needs at least N MiB of address space, the limit … is M MiB"); nullopt when a run may start.
std::optional<std::string> check_memory_limit();

/// The project's layouts folder, found from the running program's own path (bin/../share/
/// zjgr-typeset/layouts when installed; the source tree's layouts/ in the build tree), or nullopt.
/// Searched after the --layouts folders; never a folder fixed when the program was built.
std::optional<std::filesystem::path> installed_layouts_dir();

/// Parses argv; returns the exit status to use now (help, version, bad usage) or nullopt to run.
std::optional<int> parse_options(int argc, char** argv, Options& options);

/// Typesets the issue; diagnostics and progress go to `err`.
int run(const Options& options, std::ostream& err);

}  // namespace zjgr::cli
