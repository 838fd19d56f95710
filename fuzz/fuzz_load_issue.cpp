// libFuzzer target: input::load_issue on a temporary tree. The input is split at NUL bytes
// (which JSON text never contains) into issue.json, layout.json, articles/asian-games.json,
// articles/culture.json and articles/union.json — the tree of tests/fixtures/e2e/small, whose
// files, joined the same way, are the seed (scripts/fuzz.sh makes it).
#include <unistd.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "input/load.h"

namespace {

namespace fs = std::filesystem;

constexpr std::array<const char*, 5> kFiles{"issue.json", "layout.json", "articles/asian-games.json",
                                            "articles/culture.json", "articles/union.json"};

const fs::path& tree() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("zjgr-fuzz-load-" + std::to_string(::getpid()));
    fs::create_directories(d / "articles");
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  // Write each part; files without a part are removed (a missing file is a case too).
  bool more = true;  // the issue file always gets a part, perhaps empty
  for (const char* name : kFiles) {
    const fs::path path = tree() / name;
    if (!more) {
      std::error_code ec;
      fs::remove(path, ec);
      continue;
    }
    const std::size_t cut = rest.find('\0');
    const std::string_view part = rest.substr(0, cut);
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(part.data(), static_cast<std::streamsize>(part.size()));
    more = cut != std::string_view::npos;
    rest = more ? rest.substr(cut + 1) : std::string_view();
  }
  zjgr::input::LoadOptions options;
  zjgr::Diagnostics diagnostics;
  const auto issue = zjgr::input::load_issue(tree() / "issue.json", options, diagnostics);
  // Invariant: an issue is returned exactly when no error was reported.
  if (issue.has_value() == diagnostics.has_errors()) std::abort();
  for (const auto& d : diagnostics.items()) (void)zjgr::format(d);
  return 0;
}
