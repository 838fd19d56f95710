// Break opportunities with ICU's BreakIterators over a UTF-8 UText, so the boundaries ICU
// returns are byte offsets into the paragraph (no UTF-16 copy, no index maps).
#include "text/line_breaks.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <memory>

namespace zjgr::text {
namespace {

/// One line and one word BreakIterator per thread: creating one loads and compiles ICU's rules
/// (tens of microseconds; the word iterator also opens the Chinese dictionary), setting new text
/// on it is cheap.
std::unique_ptr<icu::BreakIterator> create_iterator(bool words) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale zh("zh");
  std::unique_ptr<icu::BreakIterator> it(words ? icu::BreakIterator::createWordInstance(zh, status)
                                               : icu::BreakIterator::createLineInstance(zh, status));
  if (U_FAILURE(status)) it.reset();
  return it;
}

icu::BreakIterator* line_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> iterator = create_iterator(false);
  return iterator.get();
}

icu::BreakIterator* word_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> iterator = create_iterator(true);
  return iterator.get();
}

/// Calls `at(boundary, rule_status)` for every boundary strictly inside `utf8` that `it` finds.
template <typename Visit>
void for_each_boundary(icu::BreakIterator* it, std::string_view utf8, Visit at) {
  if (it == nullptr || utf8.empty()) return;
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, utf8.data(), static_cast<std::int64_t>(utf8.size()), &status);
  if (U_FAILURE(status)) {
    utext_close(ut);
    return;
  }
  it->setText(ut, status);
  if (U_SUCCESS(status)) {
    for (std::int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) {
      if (b <= 0 || static_cast<std::size_t>(b) >= utf8.size()) continue;
      at(static_cast<std::size_t>(b), it->getRuleStatus());
    }
  }
  // Detach the iterator from the UText before closing it (the text may be freed next).
  UErrorCode ignore = U_ZERO_ERROR;
  UText* empty = utext_openUTF8(nullptr, "", 0, &ignore);
  it->setText(empty, ignore);
  utext_close(ut);
  // `empty` stays referenced by the iterator until the next call; the iterator clones the
  // UText shallowly, so closing our handle is safe.
  utext_close(empty);
}

}  // namespace

std::vector<BreakKind> line_breaks(std::string_view utf8) {
  std::vector<BreakKind> out(utf8.size() + 1, BreakKind::None);
  out[utf8.size()] = BreakKind::Mandatory;  // UAX #14 LB3: always break at the end of text
  for_each_boundary(line_iterator(), utf8, [&](std::size_t b, std::int32_t tag) {
    // UBRK_LINE_HARD: a mandatory break (after LF, CR, NEL, LS, PS; UAX #14 LB4–LB6).
    out[b] = tag >= UBRK_LINE_HARD && tag < UBRK_LINE_HARD_LIMIT ? BreakKind::Mandatory : BreakKind::Allowed;
  });
  return out;
}

std::vector<bool> word_boundaries(std::string_view utf8) {
  std::vector<bool> out(utf8.size() + 1, false);
  out[0] = true;
  out[utf8.size()] = true;
  for_each_boundary(word_iterator(), utf8, [&](std::size_t b, std::int32_t) { out[b] = true; });
  return out;
}

}  // namespace zjgr::text
