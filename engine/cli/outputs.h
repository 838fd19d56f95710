// The files one run writes (the PDF, the PNG pages, the report, the layout dump): checked before
// any work, written to temporaries, and committed together — one commit point per run.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/atomic_file.h"
#include "base/diagnostics.h"

namespace zjgr::cli {

struct Options;

/// "page-01.png" … for page `number` (1-based), as render_pngs names them.
std::string png_page_name(std::size_t number);
/// The page number of a file name render_pngs could have written ("page-07.png" -> 7), or 0.
std::size_t png_page_number(const std::string& filename);

/// The outputs of one run. Life cycle: check() (before any work) -> open() -> the renderers
/// write into pdf(), report(), dump() and png_staging() -> commit(). Destroyed without a
/// commit, it removes every temporary, the PNG staging folder and the folders open() created,
/// so a failed run leaves the file system as it found it (apart from the stale temporaries of
/// killed runs that open() removed).
class Outputs {
 public:
  /// The outputs `options` asks for; `pages` PNG pages when it asks for PNGs.
  Outputs(const Options& options, std::size_t pages);
  ~Outputs();
  Outputs(const Outputs&) = delete;
  Outputs& operator=(const Outputs&) = delete;

  /// Refuses, with a "bad-output" error per problem, an output that would replace one of
  /// `inputs` (the same path, or the same file by device and inode), another output, or anything
  /// that is not a regular file (a folder, a device, a FIFO, a socket, or any symlink, wherever it
  /// points); a folder of an output that is not a folder; a PNG folder that is not a folder; and
  /// an older page of the PNG folder (page-NN.png past this pages, which commit() removes)
  /// that is not a regular file or is an input. Writes nothing. Can be called more than once
  /// (the fonts are known only after layout).
  bool check(const std::vector<std::filesystem::path>& inputs, Diagnostics& diagnostics) const;

  /// Creates the outputs' missing folders, removes what killed runs left in them
  /// (remove_stale_temporaries) and opens the temporaries. False, with "write-failed" errors,
  /// when the machine refuses.
  bool open(Diagnostics& diagnostics);

  /// The PDF's temporary; none when the options name no PDF (--proof-on-error's proofs).
  AtomicFile* pdf() { return pdf_.get(); }
  AtomicFile* report() { return report_.get(); }
  AtomicFile* dump() { return dump_.get(); }
  /// The hidden folder inside the PNG folder the pages are rendered into; none without --png.
  const std::optional<std::filesystem::path>& png_staging() const { return staging_; }

  /// Renames every temporary over its target (PNG pages, dump, report, then the PDF), then
  /// removes the PNG folder's older pages and the staging folder. Call it only when everything
  /// was written. False, with "write-failed" errors, if a rename fails.
  bool commit(Diagnostics& diagnostics);

 private:
  struct Target {
    std::string option;  ///< "-o", "--report" … for messages
    std::filesystem::path path;
  };
  std::vector<Target> file_targets() const;
  std::vector<std::filesystem::path> stale_pages() const;

  const Options& options_;
  std::size_t pages_;
  std::unique_ptr<AtomicFile> pdf_, report_, dump_;
  std::optional<std::filesystem::path> staging_;
  std::vector<std::filesystem::path> created_folders_;  ///< by open(), outermost first
  bool committed_ = false;
};

}  // namespace zjgr::cli
