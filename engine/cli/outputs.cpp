// Outputs: the checks before any work, the temporaries, and the one commit at the end.
#include "cli/outputs.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include <sys/stat.h>

#include "base/file_kind.h"
#include "cli/typeset.h"

namespace zjgr::cli {
namespace {

namespace fs = std::filesystem;

fs::path folder_of(const fs::path& path) { return path.has_parent_path() ? path.parent_path() : fs::path("."); }

// The absolute, normalised form of a path, symlinks of its existing part resolved: two paths
// naming one place compare equal even when the file does not exist yet.
fs::path normal(const fs::path& path) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  if (ec) return path.lexically_normal();
  const fs::path resolved = fs::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal() : resolved;
}

// One file as the checks see it: where it is and, when it exists, which inode it is.
struct FileKey {
  fs::path normal;
  bool exists = false;
  dev_t device = 0;
  ino_t inode = 0;

  bool same(const FileKey& other) const {
    return normal == other.normal || (exists && other.exists && device == other.device && inode == other.inode);
  }
};

// Inputs are followed through symlinks (the file read is what must survive); outputs are not
// (an output that is a symlink is refused before this comparison matters).
FileKey key_of(const fs::path& path, bool follow) {
  FileKey key{normal(path)};
  struct stat st {};
  if ((follow ? ::stat(path.c_str(), &st) : ::lstat(path.c_str(), &st)) == 0) {
    key.exists = true;
    key.device = st.st_dev;
    key.inode = st.st_ino;
  }
  return key;
}

// The nearest folder of `path` that exists, when it is not a folder (so `path` cannot be made):
// "out.pdf/x.pdf" with out.pdf a file. Empty when fine or when it cannot be told (a permission).
std::optional<fs::path> blocking_ancestor(const fs::path& path) {
  fs::path p = folder_of(path);
  while (true) {
    struct stat st {};
    if (::stat(p.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode)) return std::nullopt;
      return p;
    }
    if (errno != ENOENT && errno != ENOTDIR) return std::nullopt;  // the write will say what is wrong
    if (!p.has_parent_path() || p.parent_path() == p) return std::nullopt;
    p = p.parent_path();
  }
}

// Creates `folder` and its missing parents; appends the ones made, outermost first.
bool make_folder(const fs::path& folder, std::vector<fs::path>& created, Diagnostics& diagnostics) {
  std::vector<fs::path> missing;
  std::error_code ec;
  for (fs::path p = folder; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
    missing.push_back(p);
    if (p.parent_path() == p) break;
  }
  if (missing.empty()) return true;
  fs::create_directories(folder, ec);
  // What was made is removed again if the run fails, even when making the rest failed.
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    std::error_code exists_ec;
    if (fs::is_directory(*it, exists_ec)) created.push_back(*it);
  }
  if (ec) {
    diagnostics.error("write-failed", "cannot create the folder \"" + folder.string() + "\": " + ec.message());
    return false;
  }
  return true;
}

}  // namespace

std::string png_page_name(std::size_t number) {
  char name[32];
  std::snprintf(name, sizeof name, "page-%02zu.png", number);
  return name;
}

std::size_t png_page_number(const std::string& filename) {
  if (!filename.starts_with("page-") || !filename.ends_with(".png")) return 0;
  const std::string digits = filename.substr(5, filename.size() - 9);
  if (digits.size() < 2 || digits.size() > 6 || !std::all_of(digits.begin(), digits.end(), [](char c) {
        return c >= '0' && c <= '9';
      })) {
    return 0;
  }
  const std::size_t number = std::stoul(digits);
  return number > 0 && png_page_name(number) == filename ? number : 0;  // "page-007.png" is not ours
}

Outputs::Outputs(const Options& options, std::size_t pages) : options_(options), pages_(pages) {}

Outputs::~Outputs() {
  if (committed_) return;
  // An uncommitted run: temporaries, the staging folder, then the folders made (if still empty).
  pdf_.reset();
  report_.reset();
  dump_.reset();
  std::error_code ec;
  if (staging_) fs::remove_all(*staging_, ec);
  for (auto it = created_folders_.rbegin(); it != created_folders_.rend(); ++it) fs::remove(*it, ec);
}

std::vector<Outputs::Target> Outputs::file_targets() const {
  std::vector<Target> targets;
  if (!options_.pdf.empty()) targets.push_back({"-o", options_.pdf});
  if (options_.report) targets.push_back({"--report", *options_.report});
  if (options_.dump_layout) targets.push_back({"--dump-layout", *options_.dump_layout});
  if (options_.png_dir) {
    for (std::size_t i = 1; i <= pages_; ++i) targets.push_back({"--png", *options_.png_dir / png_page_name(i)});
  }
  return targets;
}

std::vector<fs::path> Outputs::stale_pages() const {
  std::vector<fs::path> stale;
  if (!options_.png_dir) return stale;
  std::error_code ec;
  for (auto it = fs::directory_iterator(*options_.png_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (png_page_number(it->path().filename().string()) > pages_) stale.push_back(it->path());
  }
  std::sort(stale.begin(), stale.end());
  return stale;
}

bool Outputs::check(const std::vector<fs::path>& inputs, Diagnostics& diagnostics) const {
  const std::size_t errors_before = diagnostics.error_count();
  auto refuse = [&](const std::string& option, const fs::path& path, const std::string& why) {
    diagnostics.error("bad-output", option + " \"" + path.string() + "\": " + why);
  };
  std::vector<std::pair<FileKey, fs::path>> input_keys;
  for (const fs::path& input : inputs) input_keys.emplace_back(key_of(input, true), input);

  // Is `path` (for `option`) a file an output may replace or remove?
  std::vector<std::pair<FileKey, std::string>> seen;  // the outputs so far, with their option
  auto check_file = [&](const std::string& option, const fs::path& path, const std::string& role) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0) {
      if (S_ISLNK(st.st_mode)) {
        refuse(option, path, role + "is a symbolic link; an output never replaces a symlink, wherever it points "
                                    "(name the file itself)");
        return;
      }
      if (const std::string kind = file_kind(st.st_mode); !kind.empty()) {
        refuse(option, path, role + "is " + kind + "; an output replaces only a regular file");
        return;
      }
    } else if (const auto blocker = blocking_ancestor(path)) {
      refuse(option, path, "\"" + blocker->string() + "\" is not a folder");
      return;
    }
    const FileKey key = key_of(path, false);
    for (const auto& [input, name] : input_keys) {
      if (key.same(input)) {
        refuse(option, path, role + "is an input of this run (\"" + name.string() + "\"); an output never replaces one");
        return;
      }
    }
    for (const auto& [other, other_option] : seen) {
      if (key.same(other)) {
        refuse(option, path, role + "is also the output of " + other_option);
        return;
      }
    }
    seen.emplace_back(key, option);
  };

  // The PNG folder: pages go inside it, so it must be a folder (a symlink to one is fine).
  bool png_ok = true;
  if (options_.png_dir) {
    std::error_code ec;
    const fs::file_status status = fs::status(*options_.png_dir, ec);
    if (fs::exists(status) && !fs::is_directory(status)) {
      refuse("--png", *options_.png_dir, "it is not a folder");
      png_ok = false;
    } else if (!fs::exists(status)) {
      if (const auto blocker = blocking_ancestor(*options_.png_dir / "x")) {
        refuse("--png", *options_.png_dir, "\"" + blocker->string() + "\" is not a folder");
        png_ok = false;
      }
    }
  }
  for (const Target& target : file_targets()) {
    if (target.option == "--png" && !png_ok) continue;
    check_file(target.option, target.path, "it ");
  }
  // Older pages that commit() will remove: they too must be plain files that nobody else needs.
  if (png_ok) {
    for (const fs::path& page : stale_pages()) {
      check_file("--png", page, "it (a page of an earlier, longer issue, which this run would remove) ");
    }
  }
  return diagnostics.error_count() == errors_before;
}

bool Outputs::open(Diagnostics& diagnostics) {
  // 1. Folders, made when missing (the PNG folder and every file's folder).
  std::vector<fs::path> folders;
  for (const Target& target : file_targets()) {
    if (target.option != "--png") folders.push_back(folder_of(target.path));
  }
  if (options_.png_dir) folders.push_back(*options_.png_dir);
  for (const fs::path& folder : folders) {
    if (!make_folder(folder, created_folders_, diagnostics)) return false;
  }

  // 2. What killed runs left in them.
  std::vector<fs::path> cleaned;
  for (const fs::path& folder : folders) {
    const fs::path n = normal(folder);
    if (std::find(cleaned.begin(), cleaned.end(), n) != cleaned.end()) continue;
    cleaned.push_back(n);
    remove_stale_temporaries(folder);
  }

  // 3. The temporaries, before any drawing: a folder we cannot write to fails now.
  if (!options_.pdf.empty()) {
    pdf_ = std::make_unique<AtomicFile>(options_.pdf, diagnostics);
    if (!pdf_->ok()) return false;
  }
  if (options_.dump_layout) {
    dump_ = std::make_unique<AtomicFile>(*options_.dump_layout, diagnostics);
    if (!dump_->ok()) return false;
  }
  if (options_.report) {
    report_ = std::make_unique<AtomicFile>(*options_.report, diagnostics);
    if (!report_->ok()) return false;
  }
  if (options_.png_dir) {
    const fs::path staging = temporary_path(*options_.png_dir, "");
    std::error_code ec;
    if (!fs::create_directory(staging, ec) || ec) {
      diagnostics.error("write-failed", "cannot write into \"" + options_.png_dir->string() +
                                            "\": cannot create a temporary folder there: " +
                                            (ec ? ec.message() : std::string("it exists")));
      return false;
    }
    staging_ = staging;
  }
  return true;
}

bool Outputs::commit(Diagnostics& diagnostics) {
  // PNG pages first, the PDF last: a run whose PDF is new has written everything.
  if (staging_) {
    std::vector<fs::path> pages;
    std::error_code ec;
    for (auto it = fs::directory_iterator(*staging_, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
      if (png_page_number(it->path().filename().string()) > 0) pages.push_back(it->path());
    }
    if (ec) {
      diagnostics.error("write-failed", "cannot read the folder \"" + staging_->string() + "\": " + ec.message());
      return false;
    }
    std::sort(pages.begin(), pages.end());
    for (const fs::path& page : pages) {
      const fs::path target = *options_.png_dir / page.filename();
      fs::rename(page, target, ec);
      if (ec) {
        diagnostics.error("write-failed", "cannot replace \"" + target.string() + "\": " + ec.message());
        return false;
      }
    }
  }
  if (dump_ && !dump_->commit()) return false;
  if (report_ && !report_->commit()) return false;
  if (pdf_ && !pdf_->commit()) return false;
  committed_ = true;

  // The PNG folder holds this pages only: older ones of a longer issue go (checked to be
  // regular files and no input), and the staging folder, empty by now.
  bool ok = true;
  std::error_code ec;
  for (const fs::path& page : stale_pages()) {
    struct stat st {};
    if (::lstat(page.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    if (!fs::remove(page, ec) && ec) {
      diagnostics.error("write-failed", "cannot remove the older page \"" + page.string() + "\": " + ec.message());
      ok = false;
    }
  }
  if (staging_) fs::remove_all(*staging_, ec);
  return ok;
}

}  // namespace zjgr::cli
