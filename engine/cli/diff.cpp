// zjgr-diff: pixel and text comparison of an expected and an actual run, diff images and the
// HTML report (issue 6). Reading and writing PNGs is render/'s; this file only counts pixels.
#include "cli/diff.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <map>
#include <ostream>
#include <set>
#include <sstream>
#include <system_error>

#include "base/atomic_file.h"
#include "render/png_read.h"

namespace zjgr::cli {
namespace {

namespace fs = std::filesystem;
using render::Raster;

/// Side of the tiles outlined around changes in a diff image: small enough to point at one
/// character at 40 dpi (a 9 pt character is 5 px there), large enough to be seen zoomed out.
constexpr int kTile = 16;
/// Above this many line pairs the text diff does not align (bounded work on huge dumps).
constexpr std::size_t kMaxAlignCells = 4'000'000;
/// Text goldens larger than this are not read (a layout dump of a 24-page issue is ~2 MiB).
constexpr std::uintmax_t kMaxTextBytes = 64u << 20;
/// Changed lines shown per text file in the terminal summary (the report shows them all).
constexpr std::size_t kSummaryLines = 12;

constexpr std::array<std::uint8_t, 3> kInkAdded{220, 0, 0};      // strong red
constexpr std::array<std::uint8_t, 3> kInkRemoved{0, 70, 230};   // strong blue
constexpr std::array<std::uint8_t, 3> kTileOutline{255, 150, 0};  // orange
constexpr std::array<std::uint8_t, 3> kOutsideTint{255, 215, 240};  // pale pink: only one page has pixels here

const std::uint8_t* pixel(const Raster& r, int x, int y) {
  return r.rgb.data() + (static_cast<std::size_t>(y) * static_cast<std::size_t>(r.width) + static_cast<std::size_t>(x)) * 3;
}

int channel_difference(const std::uint8_t* a, const std::uint8_t* b) {
  int worst = 0;
  for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(int{a[c]} - int{b[c]}));
  return worst;
}

/// Walks the union of both rasters, calling `visit(x, y, differs)` for each pixel.
template <typename Visit>
PixelDiff walk(const Raster& expected, const Raster& actual, int channel_tolerance, Visit&& visit) {
  PixelDiff diff;
  const int width = std::max(expected.width, actual.width), height = std::max(expected.height, actual.height);
  int left = width, top = height, right = 0, bottom = 0;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const bool in_expected = x < expected.width && y < expected.height;
      const bool in_actual = x < actual.width && y < actual.height;
      bool differs = true;
      if (in_expected && in_actual) {
        const int d = channel_difference(pixel(expected, x, y), pixel(actual, x, y));
        diff.max_channel_difference = std::max(diff.max_channel_difference, d);
        differs = d > channel_tolerance;
      }
      if (differs) {
        ++diff.differing_pixels;
        left = std::min(left, x);
        top = std::min(top, y);
        right = std::max(right, x + 1);
        bottom = std::max(bottom, y + 1);
      }
      visit(x, y, differs);
    }
  }
  if (diff.differing_pixels > 0) {
    diff.left = left;
    diff.top = top;
    diff.right = right;
    diff.bottom = bottom;
  }
  return diff;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool is_png_name(const fs::path& p) { return lower(p.extension().string()) == ".png"; }
bool is_text_name(const fs::path& p) { return lower(p.extension().string()) == ".txt"; }

std::optional<std::string> read_text(const fs::path& path, std::string& error) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) {
    error = "\"" + path.string() + "\" cannot be read: " + ec.message();
    return std::nullopt;
  }
  if (size > kMaxTextBytes) {
    error = "\"" + path.string() + "\" is larger than 64 MiB";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  if (!in && !in.eof()) {
    error = "\"" + path.string() + "\" cannot be read";
    return std::nullopt;
  }
  return s.str();
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

/// The changed area of both pages and of the diff image side by side, enlarged so that a single
/// changed character can be read: the bounding box of the changes with a margin, at an integer
/// scale (nearest neighbour) that makes it about 360 px tall or wide.
Raster zoom_image(const Raster& expected, const Raster& actual, const Raster& diff, const PixelDiff& changes) {
  constexpr int kMargin = 12, kGap = 6, kTarget = 360, kMaxScale = 8;
  const int left = std::max(0, changes.left - kMargin), top = std::max(0, changes.top - kMargin);
  const int right = std::min(diff.width, changes.right + kMargin), bottom = std::min(diff.height, changes.bottom + kMargin);
  const int w = right - left, h = bottom - top;
  const int scale = std::clamp(kTarget / std::max(1, std::max(w, h)), 1, kMaxScale);
  Raster out;
  out.width = 3 * w * scale + 2 * kGap;
  out.height = h * scale;
  out.rgb.assign(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height) * 3, 160);  // grey gaps
  const Raster* panels[] = {&expected, &actual, &diff};
  for (int k = 0; k < 3; ++k) {
    const Raster& src = *panels[k];
    const int x_offset = k * (w * scale + kGap);
    for (int y = 0; y < out.height; ++y) {
      for (int x = 0; x < w * scale; ++x) {
        const int sx = left + x / scale, sy = top + y / scale;
        const std::uint8_t* from = sx < src.width && sy < src.height ? pixel(src, sx, sy) : kOutsideTint.data();
        std::uint8_t* to = out.rgb.data() + (static_cast<std::size_t>(y) * static_cast<std::size_t>(out.width) +
                                             static_cast<std::size_t>(x_offset + x)) * 3;
        std::copy(from, from + 3, to);
      }
    }
  }
  return out;
}

void compare_images(const fs::path& expected, const fs::path& actual, const Tolerance& tolerance, FileResult& file,
                    DiffResult& result, Diagnostics& diagnostics) {
  Diagnostics local;
  const std::optional<Raster> want = render::read_png(expected, local);
  const std::optional<Raster> got = render::read_png(actual, local);
  if (!want || !got) {
    file.status = FileStatus::Unreadable;
    for (const auto& d : local.items()) {
      file.message += (file.message.empty() ? "" : "; ") + d.message;
      diagnostics.add(d);
    }
    result.usable = false;
    return;
  }
  file.expected_width = want->width;
  file.expected_height = want->height;
  file.actual_width = got->width;
  file.actual_height = got->height;
  file.pixels = compare_rasters(*want, *got, tolerance.channel);
  if (want->width != got->width || want->height != got->height) {
    file.status = FileStatus::SizeDiffers;
  } else if (file.pixels.differing_pixels > tolerance.pixels) {
    file.status = FileStatus::Different;
  }
  if (file.pixels.differing_pixels > 0 && !file.passes()) {
    file.diff = diff_image(*want, *got, tolerance.channel);
    file.zoom = zoom_image(*want, *got, *file.diff, file.pixels);
  }
}

void compare_texts(const fs::path& expected, const fs::path& actual, FileResult& file, DiffResult& result,
                   Diagnostics& diagnostics) {
  std::string error;
  const std::optional<std::string> want = read_text(expected, error);
  const std::optional<std::string> got = want ? read_text(actual, error) : std::nullopt;
  if (!want || !got) {
    file.status = FileStatus::Unreadable;
    file.message = error;
    diagnostics.error("read-error", error);
    result.usable = false;
    return;
  }
  if (*want == *got) return;
  file.status = FileStatus::Different;
  file.text_changes = diff_lines(*want, *got, 2, file.changed_lines);
}

/// Report order: unreadable files, failing pages, failing text goldens, then what passes.
int rank(const FileResult& f) {
  if (f.status == FileStatus::Unreadable) return 0;
  if (f.passes()) return 3;
  return f.is_image ? 1 : 2;
}

std::string status_word(const FileResult& f) { return f.passes() ? "ok  " : f.status == FileStatus::Unreadable ? "ERROR" : "FAIL"; }

/// What is wrong with one file, in one line ("183 pixels differ …").
std::string describe(const FileResult& f) {
  switch (f.status) {
    case FileStatus::Same:
      return f.is_image && f.pixels.differing_pixels > 0
                 ? std::to_string(f.pixels.differing_pixels) + " pixels differ, within the tolerance"
                 : "same";
    case FileStatus::Different:
      if (!f.is_image) return std::to_string(f.changed_lines) + " lines removed or added";
      return std::to_string(f.pixels.differing_pixels) +
             (f.pixels.differing_pixels == 1 ? " pixel differs" : " pixels differ") + " (largest channel difference " +
             std::to_string(f.pixels.max_channel_difference) + ") in x " + std::to_string(f.pixels.left) + "–" +
             std::to_string(f.pixels.right) + ", y " + std::to_string(f.pixels.top) + "–" +
             std::to_string(f.pixels.bottom);
    case FileStatus::SizeDiffers:
      return "size differs: expected " + std::to_string(f.expected_width) + "x" + std::to_string(f.expected_height) +
             ", actual " + std::to_string(f.actual_width) + "x" + std::to_string(f.actual_height);
    case FileStatus::MissingActual: return "missing from the actual run (the golden has it)";
    case FileStatus::MissingGolden: return "no golden (new in the actual run)";
    case FileStatus::Unreadable: return f.message;
  }
  return "";
}

// ---- HTML -----------------------------------------------------------------------------------

std::string html_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

/// A file name as a relative URL: everything but unreserved characters percent-encoded.
std::string url_path(const std::string& folder, const std::string& name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = folder + "/";
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

/// "page-07.png" → 7; 0 when the name does not end in digits before its extension.
int page_number(const std::string& name) {
  const std::string stem = fs::path(name).stem().string();
  std::size_t i = stem.size();
  while (i > 0 && std::isdigit(static_cast<unsigned char>(stem[i - 1])) != 0) --i;
  if (i == stem.size() || stem.size() - i > 6) return 0;
  return std::stoi(stem.substr(i));
}

/// Changed lines of each text golden per page, read from the dump's first column (its page).
std::map<int, std::vector<std::pair<std::string, std::size_t>>> text_changes_by_page(const DiffResult& result) {
  std::map<int, std::map<std::string, std::size_t>> counts;
  for (const auto& f : result.files) {
    for (const auto& c : f.text_changes) {
      if (c.kind != '-' && c.kind != '+') continue;
      std::size_t digits = 0;
      while (digits < c.text.size() && digits < 6 && std::isdigit(static_cast<unsigned char>(c.text[digits])) != 0) ++digits;
      if (digits == 0 || digits >= c.text.size() || c.text[digits] != '\t') continue;
      ++counts[std::stoi(c.text.substr(0, digits))][f.name];
    }
  }
  std::map<int, std::vector<std::pair<std::string, std::size_t>>> out;
  for (const auto& [page, per_file] : counts) out[page].assign(per_file.begin(), per_file.end());
  return out;
}

constexpr const char* kStyle = R"(<style>
body { font: 14px/1.4 system-ui, "Noto Sans CJK SC", sans-serif; margin: 1em 2em; background: #f4f4f4; color: #222; }
h1 { font-size: 1.3em; } h2 { font-size: 1.05em; margin: .2em 0 .5em; }
.fail h2, .fail > summary { color: #b00; } .pass > summary { color: #286; }
section, details { background: #fff; border: 1px solid #ddd; border-radius: 4px; padding: .6em 1em; margin: 0 0 1em; }
.row { display: flex; gap: 1em; align-items: flex-start; }
figure { margin: 0; flex: 1 1 0; min-width: 0; } figcaption { font-weight: 600; margin-bottom: .3em; }
figure img { width: 100%; border: 1px solid #ccc; image-rendering: pixelated; background: #fff; }
figure.zoom { margin-bottom: 1em; } figure.zoom img { width: auto; max-width: 100%; }
img.broken { outline: 4px solid #f0f; }
.absent { color: #888; font-style: italic; padding: 2em 0; }
pre { font: 12px/1.35 ui-monospace, monospace; overflow-x: auto; background: #fafafa; padding: .5em; }
.del { background: #dbe6ff; } .ins { background: #ffd6d6; } .gap { color: #888; }
.legend span { display: inline-block; padding: 0 .4em; margin-right: .6em; }
#broken-images { display: none; color: #fff; background: #c0f; padding: .3em .6em; }
</style>)";

// Marks the body with how many images decoded, so a person (a banner) and a headless browser
// (the DOM) can both tell that the report is complete.
constexpr const char* kSelfCheck = R"(<script>
window.addEventListener('load', function () {
  var images = Array.prototype.slice.call(document.images), broken = 0;
  images.forEach(function (img) {
    img.setAttribute('data-natural-width', String(img.naturalWidth));
    if (!img.complete || img.naturalWidth === 0) { broken += 1; img.classList.add('broken'); }
  });
  document.body.setAttribute('data-images-total', String(images.length));
  document.body.setAttribute('data-images-broken', String(broken));
  if (broken > 0) {
    var banner = document.getElementById('broken-images');
    banner.textContent = broken + ' of ' + images.length + ' images did not load';
    banner.style.display = 'block';
  }
});
</script>)";

std::string figure(const std::string& caption, const std::optional<std::string>& src, const std::string& absent) {
  std::string out = "<figure><figcaption>" + caption + "</figcaption>";
  if (src) {
    out += "<a href=\"" + *src + "\"><img src=\"" + *src + "\" alt=\"" + caption + "\"></a>";
  } else {
    out += "<div class=\"absent\">" + absent + "</div>";
  }
  return out + "</figure>";
}

}  // namespace

// ---- comparison -------------------------------------------------------------------------------

PixelDiff compare_rasters(const Raster& expected, const Raster& actual, int channel_tolerance) {
  return walk(expected, actual, channel_tolerance, [](int, int, bool) {});
}

Raster diff_image(const Raster& expected, const Raster& actual, int channel_tolerance) {
  Raster out;
  out.width = std::max(expected.width, actual.width);
  out.height = std::max(expected.height, actual.height);
  out.rgb.assign(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height) * 3, 255);
  const int tiles_x = (out.width + kTile - 1) / kTile, tiles_y = (out.height + kTile - 1) / kTile;
  std::vector<char> changed_tile(static_cast<std::size_t>(tiles_x) * static_cast<std::size_t>(tiles_y), 0);
  auto put = [&](int x, int y, const std::array<std::uint8_t, 3>& c) {
    std::uint8_t* p = out.rgb.data() + (static_cast<std::size_t>(y) * static_cast<std::size_t>(out.width) + static_cast<std::size_t>(x)) * 3;
    p[0] = c[0];
    p[1] = c[1];
    p[2] = c[2];
  };
  // 1. The faded page (both pages' ink at a quarter) and the changed tiles.
  walk(expected, actual, channel_tolerance, [&](int x, int y, bool differs) {
    const bool in_expected = x < expected.width && y < expected.height;
    const bool in_actual = x < actual.width && y < actual.height;
    std::array<std::uint8_t, 3> c = (in_expected && in_actual) ? std::array<std::uint8_t, 3>{255, 255, 255} : kOutsideTint;
    for (int ch = 0; ch < 3; ++ch) {
      int darkest = 255;
      if (in_expected) darkest = std::min(darkest, int{pixel(expected, x, y)[ch]});
      if (in_actual) darkest = std::min(darkest, int{pixel(actual, x, y)[ch]});
      c[static_cast<std::size_t>(ch)] = static_cast<std::uint8_t>(std::min(int{c[static_cast<std::size_t>(ch)]}, 255 - (255 - darkest) / 4));
    }
    put(x, y, c);
    if (differs) changed_tile[static_cast<std::size_t>(y / kTile) * static_cast<std::size_t>(tiles_x) + static_cast<std::size_t>(x / kTile)] = 1;
  });
  // 2. An outline around each tile that holds a change, so that a few pixels are found at once.
  for (int ty = 0; ty < tiles_y; ++ty) {
    for (int tx = 0; tx < tiles_x; ++tx) {
      if (changed_tile[static_cast<std::size_t>(ty) * static_cast<std::size_t>(tiles_x) + static_cast<std::size_t>(tx)] == 0) continue;
      const int x0 = tx * kTile, y0 = ty * kTile;
      const int x1 = std::min(out.width, x0 + kTile) - 1, y1 = std::min(out.height, y0 + kTile) - 1;
      for (int x = x0; x <= x1; ++x) {
        put(x, y0, kTileOutline);
        put(x, y1, kTileOutline);
      }
      for (int y = y0; y <= y1; ++y) {
        put(x0, y, kTileOutline);
        put(x1, y, kTileOutline);
      }
    }
  }
  // 3. The changed pixels on top: red where the actual page has more ink, blue where less.
  walk(expected, actual, channel_tolerance, [&](int x, int y, bool differs) {
    if (!differs) return;
    const bool in_expected = x < expected.width && y < expected.height;
    const bool in_actual = x < actual.width && y < actual.height;
    auto ink = [](const std::uint8_t* p) { return 765 - (int{p[0]} + int{p[1]} + int{p[2]}); };
    const int expected_ink = in_expected ? ink(pixel(expected, x, y)) : 0;
    const int actual_ink = in_actual ? ink(pixel(actual, x, y)) : 0;
    if (expected_ink == 0 && actual_ink == 0) return;  // white against nothing: the tint says it
    put(x, y, actual_ink >= expected_ink ? kInkAdded : kInkRemoved);
  });
  return out;
}

std::vector<TextChange> diff_lines(const std::string& expected, const std::string& actual, std::size_t context,
                                   std::size_t& changed_lines) {
  const std::vector<std::string> a = split_lines(expected), b = split_lines(actual);
  // 1. Common start and end: a dump usually changes in one place.
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  const std::size_t n = a.size() - head - tail, m = b.size() - head - tail;

  // 2. The middle aligned by a longest common subsequence, when that is affordable.
  std::string ops(head, ' ');  // ' ' both, '-' a only, '+' b only, in order
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= kMaxAlignCells) {
    std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
    for (std::size_t i = n; i-- > 0;) {
      for (std::size_t j = m; j-- > 0;) {
        at(i, j) = a[head + i] == b[head + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    std::size_t i = 0, j = 0;
    while (i < n && j < m) {
      if (a[head + i] == b[head + j]) {
        ops += ' ';
        ++i;
        ++j;
      } else if (at(i + 1, j) >= at(i, j + 1)) {
        ops += '-';
        ++i;
      } else {
        ops += '+';
        ++j;
      }
    }
    ops.append(n - i, '-');
    ops.append(m - j, '+');
  } else {
    ops.append(n, '-');
    ops.append(m, '+');
  }
  ops.append(tail, ' ');

  // 3. Changes with `context` unchanged lines around them; "…" between distant hunks.
  std::vector<char> keep(ops.size(), 0);
  changed_lines = 0;
  for (std::size_t k = 0; k < ops.size(); ++k) {
    if (ops[k] == ' ') continue;
    ++changed_lines;
    const std::size_t from = k >= context ? k - context : 0, to = std::min(ops.size(), k + context + 1);
    for (std::size_t q = from; q < to; ++q) keep[q] = 1;
  }
  std::vector<TextChange> out;
  std::size_t line_a = 0, line_b = 0;
  bool gap = false;
  for (std::size_t k = 0; k < ops.size(); ++k) {
    const char op = ops[k];
    if (keep[k] != 0) {
      if (gap && !out.empty()) out.push_back({'@', 0, "…"});
      gap = false;
      if (op == '+') {
        out.push_back({'+', line_b + 1, b[line_b]});
      } else {
        out.push_back({op, line_a + 1, a[line_a]});
      }
    } else {
      gap = true;
    }
    if (op != '+') ++line_a;
    if (op != '-') ++line_b;
  }
  return out;
}

int DiffResult::exit_status() const {
  if (!usable) return 2;
  for (const auto& f : files) {
    if (!f.passes()) return 1;
  }
  return 0;
}

DiffResult diff_paths(const fs::path& expected, const fs::path& actual, const Tolerance& tolerance,
                      Diagnostics& diagnostics) {
  DiffResult result;
  result.expected = expected;
  result.actual = actual;
  std::error_code ec;
  for (const fs::path& p : {expected, actual}) {
    if (!fs::exists(p, ec)) {
      diagnostics.error("file-not-found", "\"" + p.string() + "\" does not exist");
      result.usable = false;
    }
  }
  if (!result.usable) return result;

  // The pairs to compare: one pair of files, or every page and text golden of two folders.
  std::vector<std::pair<std::string, std::pair<bool, bool>>> names;  // name, (in expected, in actual)
  const bool expected_dir = fs::is_directory(expected, ec), actual_dir = fs::is_directory(actual, ec);
  if (expected_dir != actual_dir) {
    diagnostics.error("bad-usage", "compare two files or two folders, not a file with a folder: \"" +
                                       expected.string() + "\", \"" + actual.string() + "\"");
    result.usable = false;
    return result;
  }
  if (!expected_dir) {
    names.push_back({actual.filename().string(), {true, true}});
  } else {
    std::map<std::string, std::pair<bool, bool>> found;
    for (const auto& [dir, is_expected] : {std::pair{expected, true}, std::pair{actual, false}}) {
      for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (!entry.is_regular_file(ec) || !(is_png_name(entry.path()) || is_text_name(entry.path()))) continue;
        auto& where = found[entry.path().filename().string()];
        (is_expected ? where.first : where.second) = true;
      }
      if (ec) {
        diagnostics.error("read-error", "cannot list \"" + dir.string() + "\": " + ec.message());
        result.usable = false;
        return result;
      }
    }
    if (std::none_of(found.begin(), found.end(), [](const auto& f) { return f.second.first; })) {
      diagnostics.error("empty-golden", "\"" + expected.string() + "\" holds no .png or .txt file to compare with");
      result.usable = false;
      return result;
    }
    names.assign(found.begin(), found.end());
  }

  for (const auto& [name, presence] : names) {
    FileResult file;
    file.name = name;
    const fs::path e = expected_dir ? expected / name : expected, a = actual_dir ? actual / name : actual;
    file.is_image = is_png_name(expected_dir ? fs::path(name) : expected);
    if (!presence.second) {
      file.status = FileStatus::MissingActual;
    } else if (!presence.first) {
      file.status = FileStatus::MissingGolden;
    } else if (file.is_image) {
      compare_images(e, a, tolerance, file, result, diagnostics);
    } else {
      compare_texts(e, a, file, result, diagnostics);
    }
    result.files.push_back(std::move(file));
  }
  // Failing files first, each group by name (the folder listing is already in name order).
  std::stable_sort(result.files.begin(), result.files.end(),
                   [](const FileResult& x, const FileResult& y) { return rank(x) < rank(y); });
  return result;
}

// ---- report -------------------------------------------------------------------------------------

bool write_report(const DiffResult& result, const Tolerance& tolerance, const fs::path& dir, Diagnostics& diagnostics) {
  std::error_code ec;
  for (const char* sub : {"expected", "actual", "diff"}) fs::create_directories(dir / sub, ec);
  if (ec) {
    diagnostics.error("write-failed", "cannot create \"" + dir.string() + "\": " + ec.message());
    return false;
  }
  const bool folders = fs::is_directory(result.expected, ec);
  const auto by_page = text_changes_by_page(result);

  std::size_t failing = 0;
  for (const auto& f : result.files) failing += f.passes() ? 0 : 1;

  std::string html = "<!DOCTYPE html>\n<html lang=\"zh-Hans\"><head><meta charset=\"utf-8\"><title>zjgr-diff: " +
                     std::to_string(failing) + " of " + std::to_string(result.files.size()) + " failing</title>\n" +
                     kStyle + "\n</head>\n<body>\n<div id=\"broken-images\"></div>\n";
  html += "<h1>zjgr-diff: " + std::to_string(failing) + " of " + std::to_string(result.files.size()) +
          " files fail</h1>\n<p>expected: <code>" + html_escape(fs::absolute(result.expected).string()) +
          "</code><br>actual: <code>" + html_escape(fs::absolute(result.actual).string()) +
          "</code><br>tolerance: a pixel differs when a channel differs by more than " +
          std::to_string(tolerance.channel) + "; a page fails when more than " + std::to_string(tolerance.pixels) +
          " pixels differ</p>\n<p class=\"legend\">diff images: <span style=\"color:#dc0000\">■ ink added</span>"
          "<span style=\"color:#0046e6\">■ ink removed</span><span style=\"color:#ff9600\">□ 16 px tile with a "
          "change</span><span style=\"background:#ffd7f0\">only one page reaches here</span></p>\n";

  bool ok = true;
  for (const auto& f : result.files) {
    const fs::path e = folders ? result.expected / f.name : result.expected;
    const fs::path a = folders ? result.actual / f.name : result.actual;
    const std::string heading = status_word(f) + " " + html_escape(f.name) + ": " + html_escape(describe(f));
    const bool pass = f.passes();
    html += pass ? "<details class=\"pass\"><summary>" + heading + "</summary>\n"
                 : "<section class=\"fail\" id=\"" + html_escape(f.name) + "\"><h2>" + heading + "</h2>\n";
    if (f.is_image) {
      // The dump's lines on this page say what moved.
      if (const int page = page_number(f.name); page > 0 && by_page.count(page) != 0) {
        html += "<p>";
        for (const auto& [text_name, count] : by_page.at(page)) {
          html += "<a href=\"#" + html_escape(text_name) + "\">" + html_escape(text_name) + "</a>: " +
                  std::to_string(count) + " lines removed or added on page " + std::to_string(page) + ". ";
        }
        html += "</p>\n";
      }
      std::optional<std::string> want, got, diff;
      if (fs::is_regular_file(e, ec)) {
        fs::copy_file(e, dir / "expected" / f.name, fs::copy_options::overwrite_existing, ec);
        if (!ec) want = url_path("expected", f.name);
      }
      if (fs::is_regular_file(a, ec)) {
        fs::copy_file(a, dir / "actual" / f.name, fs::copy_options::overwrite_existing, ec);
        if (!ec) got = url_path("actual", f.name);
      }
      if (ec) {
        diagnostics.error("write-failed", "cannot copy an image into \"" + dir.string() + "\": " + ec.message());
        ok = false;
      }
      if (f.diff) {
        if (render::write_png(*f.diff, dir / "diff" / f.name, diagnostics)) {
          diff = url_path("diff", f.name);
        } else {
          ok = false;
        }
      }
      if (f.zoom) {
        const std::string zoom_name = "zoom-" + f.name;
        if (render::write_png(*f.zoom, dir / "diff" / zoom_name, diagnostics)) {
          html += "<figure class=\"zoom\"><figcaption>the changed area (x " + std::to_string(f.pixels.left) + "–" +
                  std::to_string(f.pixels.right) + ", y " + std::to_string(f.pixels.top) + "–" +
                  std::to_string(f.pixels.bottom) + "), enlarged: expected | actual | diff</figcaption><a href=\"" +
                  url_path("diff", zoom_name) + "\"><img src=\"" + url_path("diff", zoom_name) +
                  "\" alt=\"the changed area\"></a></figure>\n";
        } else {
          ok = false;
        }
      }
      html += "<div class=\"row\">" + figure("expected", want, "no golden") + figure("actual", got, "not produced") +
              figure("diff", diff, pass ? "within the tolerance" : "no diff image") + "</div>\n";
    } else if (!f.text_changes.empty()) {
      html += "<pre>";
      for (const auto& c : f.text_changes) {
        const char* cls = c.kind == '-' ? "del" : c.kind == '+' ? "ins" : c.kind == '@' ? "gap" : "ctx";
        html += "<span class=\"" + std::string(cls) + "\">";
        if (c.kind == '@') {
          html += "…";
        } else {
          char number[32];
          std::snprintf(number, sizeof number, "%c%6zu  ", c.kind, c.line);
          html += number + html_escape(c.text);
        }
        html += "</span>\n";
      }
      html += "</pre>\n";
    }
    html += pass ? "</details>\n" : "</section>\n";
  }
  html += std::string(kSelfCheck) + "\n</body></html>\n";

  std::string error;
  if (!write_file_atomically(dir / "index.html", html, error)) {
    diagnostics.error("write-failed", error);
    return false;
  }
  return ok;
}

void print_summary(const DiffResult& result, bool failing_only, std::ostream& out) {
  for (const auto& f : result.files) {
    if (failing_only && f.passes()) continue;
    out << status_word(f) << " " << f.name << ": " << describe(f) << "\n";
    std::size_t shown = 0;
    for (const auto& c : f.text_changes) {
      if (c.kind != '-' && c.kind != '+') continue;
      if (shown++ == kSummaryLines) {
        out << "       … (" << f.changed_lines - kSummaryLines << " more)\n";
        break;
      }
      out << "     " << c.kind << c.line << ": " << c.text << "\n";
    }
  }
}

// ---- command line -------------------------------------------------------------------------------

std::optional<int> parse_diff_options(int argc, char** argv, DiffOptions& options) {
  CLI::App app{"zjgr-diff: compares rendered pages (PNG) and layout dumps of an expected and an actual run"};
  app.set_version_flag("--version", std::string("zjgr-diff ") + ZJGR_VERSION);
  app.add_option("expected", options.expected, "the golden: a PNG, or a folder of page-NN.png and *.txt")->required();
  app.add_option("actual", options.actual, "the run to check: a PNG, or a folder like the golden")->required();
  app.add_option("--report", options.report, "write an HTML report (index.html and images) into this folder");
  app.add_option("-t,--tolerance", options.tolerance.channel,
                 "a pixel differs when a channel differs by more than this (0-255)")
      ->check(CLI::Range(0, 255))
      ->capture_default_str();
  app.add_option("-n,--max-pixels", options.tolerance.pixels, "a page fails when more pixels than this differ")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_flag("-q,--quiet", options.quiet, "print only failing files and the report's location");
  app.footer("Exit status: 0 all the same, 1 something differs, 2 unusable input.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return std::nullopt;
}

int run_diff(const DiffOptions& options, std::ostream& out, std::ostream& err) {
  Diagnostics diagnostics;
  const DiffResult result = diff_paths(options.expected, options.actual, options.tolerance, diagnostics);
  print_summary(result, options.quiet, out);
  int status = result.exit_status();
  if (options.report && (result.usable || !result.files.empty())) {
    if (write_report(result, options.tolerance, *options.report, diagnostics)) {
      out << "report: " << fs::absolute(*options.report / "index.html").lexically_normal().string() << "\n";
    } else {
      status = 2;
    }
  }
  for (const auto& d : diagnostics.items()) err << format(d) << "\n";
  return status;
}

}  // namespace zjgr::cli
