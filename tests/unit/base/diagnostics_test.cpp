// Diagnostics keeps the first limits::kMaxDiagnosticsPerCode of each severity and code and counts
// the rest (issue 18: 200,000 unknown keys printed 30 MB).
#include "base/diagnostics.h"

#include <gtest/gtest.h>

#include <string>

#include "base/limits.h"

namespace zjgr {
namespace {

constexpr std::size_t kKept = limits::kMaxDiagnosticsPerCode;

TEST(Diagnostics, KeepsTheFirstOfEachKindAndCountsTheRest) {
  Diagnostics d;
  for (std::size_t i = 0; i < kKept + 150; ++i) d.error("unknown-key", "unknown key \"k" + std::to_string(i) + "\"");
  d.warning("unknown-key", "a warning of the same code is another kind");
  d.warning("hole", "one");
  EXPECT_EQ(d.error_count(), kKept + 150);
  EXPECT_EQ(d.warning_count(), 2u);
  ASSERT_EQ(d.items().size(), kKept + 2);
  EXPECT_EQ(d.items()[kKept - 1].message, "unknown key \"k" + std::to_string(kKept - 1) + "\"");
  EXPECT_EQ(d.items()[kKept].message, "a warning of the same code is another kind");
  const auto omitted = d.omitted();
  ASSERT_EQ(omitted.size(), 1u);
  EXPECT_EQ(omitted.begin()->first, (Diagnostics::Key{Severity::Error, "unknown-key"}));
  EXPECT_EQ(omitted.begin()->second, 150u);
  EXPECT_EQ(format_omitted(omitted.begin()->first, 150),
            "error[unknown-key]: 150 more like this not shown (only the first " + std::to_string(kKept) +
                " of a kind are listed)");
}

TEST(Diagnostics, AddAllKeepsTheCapAndTheCountsOfBoth) {
  Diagnostics a, b;
  for (std::size_t i = 0; i < kKept + 10; ++i) a.warning("missing-glyph", "a" + std::to_string(i));
  for (std::size_t i = 0; i < kKept + 20; ++i) b.warning("missing-glyph", "b" + std::to_string(i));
  b.error("bad-image", "b");
  a.add_all(b);
  EXPECT_EQ(a.warning_count(), 2 * kKept + 30);
  EXPECT_EQ(a.error_count(), 1u);
  EXPECT_EQ(a.items().size(), kKept + 1);
  EXPECT_EQ((a.omitted().at({Severity::Warning, "missing-glyph"})), kKept + 30);
  EXPECT_TRUE(a.has_errors());
}

TEST(Diagnostics, NothingIsOmittedBelowTheCap) {
  Diagnostics d;
  for (std::size_t i = 0; i < kKept; ++i) d.error("bad-value", "x" + std::to_string(i));
  EXPECT_EQ(d.items().size(), kKept);
  EXPECT_TRUE(d.omitted().empty());
}

TEST(Diagnostics, KeepsAnswersWhetherTheNextOfAKindIsKeptAndCountOmittedCountsIt) {
  Diagnostics d;
  for (std::size_t i = 0; i < kKept; ++i) {
    EXPECT_TRUE(d.keeps(Severity::Error, "unknown-key"));
    d.error("unknown-key", "k" + std::to_string(i));
  }
  EXPECT_FALSE(d.keeps(Severity::Error, "unknown-key"));
  EXPECT_TRUE(d.keeps(Severity::Warning, "unknown-key"));
  d.count_omitted(Severity::Error, "unknown-key");
  d.count_omitted(Severity::Error, "unknown-key");
  EXPECT_EQ(d.error_count(), kKept + 2);
  EXPECT_EQ(d.items().size(), kKept);
  EXPECT_EQ((d.omitted().at({Severity::Error, "unknown-key"})), 2u);
}

// The same report twice (a damaged photo met by the PDF and by a proof, the same warning from two
// threads' diagnostics joined) is one report: kept and counted once. A difference in any part of
// it — message, file, pointer, position, text range, severity — makes it another.
TEST(Diagnostics, TheSameReportTwiceIsKeptAndCountedOnce) {
  const SourceRef at{"a.json", "/body/1", 6, 5, {}};
  Diagnostics d;
  d.warning("photo-damaged", "JPEG \"x.jpg\" has damaged image data", at);
  d.warning("photo-damaged", "JPEG \"x.jpg\" has damaged image data", at);
  EXPECT_EQ(d.warning_count(), 1u);
  ASSERT_EQ(d.items().size(), 1u);

  Diagnostics other;
  other.warning("photo-damaged", "JPEG \"x.jpg\" has damaged image data", at);
  d.add_all(other);
  EXPECT_EQ(d.warning_count(), 1u);

  d.warning("photo-damaged", "JPEG \"y.jpg\" has damaged image data", at);
  d.warning("photo-damaged", "JPEG \"x.jpg\" has damaged image data", SourceRef{"b.json", "/body/1", 6, 5, {}});
  d.warning("photo-damaged", "JPEG \"x.jpg\" has damaged image data", SourceRef{"a.json", "/body/2", 6, 5, {}});
  d.warning("photo-damaged", "JPEG \"x.jpg\" has damaged image data", SourceRef{"a.json", "/body/1", 7, 5, {}});
  d.warning("photo-damaged", "JPEG \"x.jpg\" has damaged image data", SourceRef{"a.json", "/body/1", 6, 5, {0, 3}});
  d.error("photo-damaged", "JPEG \"x.jpg\" has damaged image data", at);
  EXPECT_EQ(d.warning_count(), 6u);
  EXPECT_EQ(d.error_count(), 1u);
  EXPECT_EQ(d.items().size(), 7u);
}

TEST(Counted, NamesTheUnitSingularOrPlural) {
  EXPECT_EQ(counted(1, "column-line"), "1 column-line");
  EXPECT_EQ(counted(3, "column-line"), "3 column-lines");
  EXPECT_EQ(counted(0, "row"), "0 rows");
  EXPECT_EQ(counted(-1, "row"), "-1 row");
  EXPECT_EQ(counted(12, "character"), "12 characters");
  EXPECT_EQ(counted(2, "photo", "photos"), "2 photos");
  EXPECT_EQ(counted(2, "box", "boxes"), "2 boxes");
}

}  // namespace
}  // namespace zjgr
