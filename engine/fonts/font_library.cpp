// FontLibrary: family lookup (project directories first, then fontconfig), one load per
// (file, face index), and FontStack's fallback by nominal glyph.
#include "fonts/font_library.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ot.h>
#include <hb.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <system_error>

namespace zjgr::fonts {
namespace {

/// Family names compare as fontconfig compares them: blanks and ASCII case do not count.
bool family_equal(std::string_view a, std::string_view b) {
  auto next = [](std::string_view s, std::size_t& i) -> int {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i == s.size()) return -1;
    const unsigned char c = static_cast<unsigned char>(s[i++]);
    return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
  };
  std::size_t i = 0, j = 0;
  for (;;) {
    const int ca = next(a, i), cb = next(b, j);
    if (ca != cb) return false;
    if (ca == -1) return true;
  }
}

bool is_font_file(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".ttf" || ext == ".otf" || ext == ".ttc" || ext == ".otc";
}

/// OS/2 usWeightClass (bytes 4–5, big endian); 400 when the table is absent.
int os2_weight(hb_face_t* face) {
  hb_blob_t* os2 = hb_face_reference_table(face, HB_TAG('O', 'S', '/', '2'));
  unsigned length = 0;
  const char* data = hb_blob_get_data(os2, &length);
  int weight = 400;
  if (length >= 6) {
    weight = (static_cast<unsigned char>(data[4]) << 8) | static_cast<unsigned char>(data[5]);
  }
  hb_blob_destroy(os2);
  return weight;
}

/// Every family name of a face: name ids 1 (family), 16 (typographic family) and 21 (WWS
/// family), in every language the name table has.
std::vector<std::string> family_names(hb_face_t* face) {
  std::vector<std::string> names;
  unsigned count = 0;
  const hb_ot_name_entry_t* entries = hb_ot_name_list_names(face, &count);
  for (unsigned i = 0; i < count; ++i) {
    const hb_ot_name_id_t id = entries[i].name_id;
    if (id != HB_OT_NAME_ID_FONT_FAMILY && id != HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY &&
        id != HB_OT_NAME_ID_WWS_FAMILY) {
      continue;
    }
    char buffer[256];
    unsigned size = sizeof buffer;
    hb_ot_name_get_utf8(face, id, entries[i].language, &size, buffer);
    std::string name(buffer, size);
    if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(std::move(name));
    }
  }
  return names;
}

/// What fontconfig's configured font folders hold that is neither a folder nor a regular file
/// (a FIFO, a socket, a device, a dangling link), found with stat() alone: fontconfig opens every
/// file of its folders with FreeType, and opening a FIFO blocks for ever. Names starting with a
/// dot are skipped, as fontconfig skips them; depth and entries are bounded.
struct FolderWalk {
  std::vector<std::string> hazards;
  std::size_t entries = 0;
};

/// Whether `dir` and everything below it are folders and regular files only.
bool walk_clean(const std::filesystem::path& dir, FolderWalk& walk, int depth) {
  constexpr int kMaxDepth = 32;
  constexpr std::size_t kMaxEntries = 200'000;
  bool clean = true;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (++walk.entries > kMaxEntries || depth > kMaxDepth) return clean;
    if (it->path().filename().string().starts_with(".")) continue;
    std::error_code status_ec;
    const auto status = std::filesystem::status(it->path(), status_ec);  // follows links, as fontconfig does
    if (std::filesystem::is_directory(status)) {
      clean = walk_clean(it->path(), walk, depth + 1) && clean;
    } else if (!std::filesystem::is_regular_file(status)) {
      walk.hazards.push_back(it->path().string());
      clean = false;
    }
  }
  return clean;
}

/// Adds the fonts of `dir` to `config`'s application set, skipping what is not a regular file:
/// a clean folder through fontconfig's cache, the others file by file.
void add_folder_safely(FcConfig* config, const std::filesystem::path& dir, int depth) {
  FolderWalk walk;
  if (walk_clean(dir, walk, 0)) {
    FcConfigAppFontAddDir(config, reinterpret_cast<const FcChar8*>(dir.c_str()));
    return;
  }
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end && depth < 32; it.increment(ec)) {
    if (it->path().filename().string().starts_with(".")) continue;
    std::error_code status_ec;
    const auto status = std::filesystem::status(it->path(), status_ec);
    if (std::filesystem::is_directory(status)) {
      add_folder_safely(config, it->path(), depth + 1);
    } else if (std::filesystem::is_regular_file(status)) {
      FcConfigAppFontAddFile(config, reinterpret_cast<const FcChar8*>(it->path().c_str()));
    }
  }
}

/// The fontconfig configuration every lookup uses, made once per process: the configuration
/// files as fontconfig reads them, its fonts built through its caches unless a configured folder
/// holds something that is not a regular file; then the fonts of those folders are added file by
/// file, without it (issue 18: a FIFO in a font folder hung the run).
struct Fontconfig {
  FcConfig* config = nullptr;            ///< null: fontconfig could not start
  std::vector<std::string> skipped;      ///< what was not opened, for one warning per run
};

const Fontconfig& fontconfig() {
  static const Fontconfig fc = [] {
    Fontconfig out;
    FcConfig* config = FcInitLoadConfig();  // the configuration files only, no font yet
    if (config == nullptr) return out;
    std::vector<std::filesystem::path> dirs;
    if (FcStrList* list = FcConfigGetFontDirs(config)) {
      for (FcChar8* dir = FcStrListNext(list); dir != nullptr; dir = FcStrListNext(list)) {
        dirs.emplace_back(reinterpret_cast<const char*>(dir));
      }
      FcStrListDone(list);
    }
    FolderWalk walk;
    bool clean = true;
    for (const auto& dir : dirs) clean = walk_clean(dir, walk, 0) && clean;
    if (clean) {
      if (FcConfigBuildFonts(config) != FcTrue) {
        FcConfigDestroy(config);
        return out;
      }
    } else {
      for (const auto& dir : dirs) add_folder_safely(config, dir, 0);
      out.skipped = std::move(walk.hazards);
    }
    out.config = config;  // kept for the process's life
    return out;
  }();
  return fc;
}

}  // namespace

std::vector<FontLibrary::FaceInfo> scan_font_directory(const std::filesystem::path& directory) {
  std::vector<FontLibrary::FaceInfo> faces;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (auto it = std::filesystem::recursive_directory_iterator(directory, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && is_font_file(it->path())) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());  // deterministic order whatever the file system does
  for (const auto& file : files) {
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(file.c_str());
    if (blob == nullptr) continue;
    const unsigned count = hb_face_count(blob);
    for (unsigned index = 0; index < count; ++index) {
      hb_face_t* face = hb_face_create(blob, index);
      FontLibrary::FaceInfo info{file, index, family_names(face), os2_weight(face)};
      hb_face_destroy(face);
      if (!info.families.empty()) faces.push_back(std::move(info));
    }
    hb_blob_destroy(blob);
  }
  return faces;
}

FontLibrary::FontLibrary(FontLibraryOptions options) : options_(std::move(options)) {
  FT_Library library = nullptr;
  if (FT_Init_FreeType(&library) == 0) ft_library_ = library;
}

FontLibrary::~FontLibrary() {
  // Every FT_Face belongs to ft_library_: fonts go first.
  for (auto& font : fonts_) font.reset();
  if (ft_library_ != nullptr) FT_Done_FreeType(ft_library_);
}

std::optional<FontId> FontLibrary::resolve(const std::string& family, int weight, Diagnostics& diagnostics,
                                           const SourceRef& where) {
  // 1. Each (family, weight) is looked up once; failures are cached too, but reported at every
  //    place that asks, since each is a separate input problem.
  for (const CacheEntry& entry : cache_) {
    if (entry.weight == weight && entry.family == family) {
      if (!entry.id && !entry.out_of_memory) {
        diagnostics.error("missing-font", "font family \"" + family + "\" not found", where);
      }
      return entry.id;
    }
  }
  // 2. The project's directories first, then the system through fontconfig.
  std::optional<Candidate> candidate = find_in_directories(family, weight);
  std::string system_failure;
  if (!candidate && options_.use_fontconfig) candidate = find_with_fontconfig(family, weight, system_failure);
  if (!skipped_warning_.empty()) {
    diagnostics.warning("font-file-skipped", std::move(skipped_warning_), {},
                        {"remove them from the font folder: fontconfig would block opening a FIFO"});
    skipped_warning_.clear();
  }

  std::optional<FontId> id;
  bool out_of_memory = false;
  if (!system_failure.empty()) {
    // Not the layout's fault, and not cached: the machine failed, not the family name.
    diagnostics.error("font-system-failed", "cannot look for font family \"" + family + "\": " + system_failure, where);
    return std::nullopt;
  }
  if (!candidate) {
    std::vector<std::string> hints;
    if (!options_.use_fontconfig) hints.push_back("only the configured font directories are searched");
    diagnostics.error("missing-font", "font family \"" + family + "\" not found", where, std::move(hints));
  } else {
    // 3. Load, unless another family name or weight already led to the same face.
    id = load_face(family, *candidate, diagnostics, where, out_of_memory);
  }
  // Memory running out is reported once, where it happened; later askers are not told that the
  // family was "not found", which would send the reader to the layout.
  cache_.push_back({family, weight, id, out_of_memory});
  return id;
}

std::optional<FontLibrary::Candidate> FontLibrary::find_in_directories(const std::string& family, int weight) {
  if (!directories_scanned_) {
    for (const auto& directory : options_.directories) {
      auto faces = scan_font_directory(directory);
      directory_faces_.insert(directory_faces_.end(), std::make_move_iterator(faces.begin()),
                              std::make_move_iterator(faces.end()));
    }
    directories_scanned_ = true;
  }
  // The face of that family with the nearest weight; on a tie the first in scan order.
  const FaceInfo* best = nullptr;
  for (const FaceInfo& face : directory_faces_) {
    const bool match = std::any_of(face.families.begin(), face.families.end(),
                                   [&](const std::string& name) { return family_equal(name, family); });
    if (!match) continue;
    if (best == nullptr || std::abs(face.weight - weight) < std::abs(best->weight - weight)) best = &face;
  }
  if (best == nullptr) return std::nullopt;
  return Candidate{best->file, best->index, best->weight};
}

std::optional<FontLibrary::Candidate> FontLibrary::find_with_fontconfig(const std::string& family, int weight,
                                                                       std::string& failure) {
  const Fontconfig& fc = fontconfig();
  if (fc.config == nullptr) {
    failure = "fontconfig could not start (out of memory, or its configuration cannot be read)";
    return std::nullopt;
  }
  if (!fontconfig_skips_reported_ && !fc.skipped.empty()) {
    std::string list;
    for (std::size_t i = 0; i < fc.skipped.size() && i < 5; ++i) list += (i > 0 ? ", \"" : "\"") + fc.skipped[i] + "\"";
    if (fc.skipped.size() > 5) list += " and " + std::to_string(fc.skipped.size() - 5) + " more";
    skipped_warning_ = "fontconfig's font folders hold " + std::to_string(fc.skipped.size()) +
                       " entries that are not regular files, skipped unopened: " + list;
    fontconfig_skips_reported_ = true;
  }
  // Family, weight and language zh-cn: for the Noto CJK collections the language picks the
  // SC face (index 2) among JP/KR/SC/TC/HK when a generic name is asked for.
  FcPattern* pattern = FcPatternBuild(nullptr, FC_FAMILY, FcTypeString, reinterpret_cast<const FcChar8*>(family.c_str()),
                                      FC_WEIGHT, FcTypeDouble, FcWeightFromOpenTypeDouble(weight),
                                      FC_LANG, FcTypeString, reinterpret_cast<const FcChar8*>("zh-cn"),
                                      static_cast<char*>(nullptr));
  if (pattern == nullptr) {
    failure = "out of memory in fontconfig";
    return std::nullopt;
  }
  FcResult result = FcResultNoMatch;
  FcPattern* match = nullptr;
  if (FcConfigSubstitute(fc.config, pattern, FcMatchPattern) == FcTrue) {
    FcDefaultSubstitute(pattern);
    match = FcFontMatch(fc.config, pattern, &result);
  } else {
    result = FcResultOutOfMemory;  // FcConfigSubstitute fails only when it cannot allocate
  }
  FcPatternDestroy(pattern);
  if (match == nullptr) {
    if (result == FcResultOutOfMemory) failure = "out of memory in fontconfig";
    return std::nullopt;
  }

  // Fontconfig always returns *something*: accept the match only when it really is the family.
  std::optional<Candidate> candidate;
  bool same_family = false;
  FcChar8* name = nullptr;
  for (int n = 0; FcPatternGetString(match, FC_FAMILY, n, &name) == FcResultMatch; ++n) {
    if (family_equal(reinterpret_cast<const char*>(name), family)) {
      same_family = true;
      break;
    }
  }
  FcChar8* file = nullptr;
  int index = 0;
  double fc_weight = FcWeightFromOpenTypeDouble(weight);
  if (same_family && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) {
    FcPatternGetInteger(match, FC_INDEX, 0, &index);
    FcPatternGetDouble(match, FC_WEIGHT, 0, &fc_weight);
    candidate = Candidate{reinterpret_cast<const char*>(file), static_cast<unsigned>(index),
                          static_cast<int>(FcWeightToOpenTypeDouble(fc_weight) + 0.5)};
  }
  FcPatternDestroy(match);
  return candidate;
}

std::optional<FontId> FontLibrary::load_face(const std::string& family, const Candidate& candidate,
                                             Diagnostics& diagnostics, const SourceRef& where, bool& out_of_memory) {
  for (const FaceEntry& face : faces_) {
    if (face.index == candidate.index && face.file == candidate.file) return face.id;
  }
  // Never opened unless it is a regular file: fontconfig's cache may list a path that has since
  // become a FIFO, which FreeType and HarfBuzz would block on.
  std::error_code ec;
  if (!std::filesystem::is_regular_file(candidate.file, ec)) {
    diagnostics.error("missing-font", "font file \"" + candidate.file.string() + "\" of family \"" + family +
                                          "\" is not a regular file",
                      where, {"fontconfig's cache may be stale: run fc-cache"});
    return std::nullopt;
  }
  const std::size_t count = count_.load(std::memory_order_relaxed);
  if (count == fonts_.size()) {
    diagnostics.error("too-many-fonts", "font family \"" + family + "\" is not loaded: a run loads at most " +
                                            std::to_string(fonts_.size()) + " font faces",
                      where, {"use fewer font families and weights in the layout"});
    return std::nullopt;
  }
  const auto id = static_cast<FontId>(count);
  auto font = std::make_unique<Font>(id, family, candidate.file, candidate.index, candidate.weight);
  std::string error;
  if (!font->load(ft_library_, error)) {
    out_of_memory = font->load_ran_out_of_memory();
    diagnostics.error(out_of_memory ? "out-of-memory" : "missing-font", error, where);
    return std::nullopt;
  }
  fonts_[count] = std::move(font);
  count_.store(count + 1, std::memory_order_release);
  faces_.push_back({candidate.file, candidate.index, id});
  return id;
}

const Font& FontLibrary::font(FontId id) const {
  if (id >= size()) throw std::out_of_range("font id " + std::to_string(id) + " is not loaded");
  return *fonts_[id];
}

std::optional<FontId> FontStack::font_for(char32_t cp, const FontLibrary& library) const {
  for (const FontId id : fonts_) {
    if (library.font(id).has_glyph(cp)) return id;
  }
  return std::nullopt;
}

}  // namespace zjgr::fonts
