// libFuzzer target: input::parse_json on arbitrary bytes. It must report or return a tree,
// never crash, and a tree it returns must be bounded by kMaxDepth.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "input/json_reader.h"

namespace {

int depth(const zjgr::input::JsonValue& v) {
  int deepest = 0;
  for (const auto& item : v.items) deepest = std::max(deepest, depth(item));
  for (const auto& member : v.members) deepest = std::max(deepest, depth(member.value));
  return deepest + (v.is_array() || v.is_object() ? 1 : 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  zjgr::Diagnostics diagnostics;
  const auto root = zjgr::input::parse_json(text, "fuzz.json", diagnostics);
  // Invariants: a failed parse says why; a successful one stays within the depth limit.
  if (!root && !diagnostics.has_errors()) std::abort();
  if (root && depth(*root) > zjgr::input::kMaxDepth) std::abort();
  for (const auto& d : diagnostics.items()) (void)zjgr::format(d);
  return 0;
}
