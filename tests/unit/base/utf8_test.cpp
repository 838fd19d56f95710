#include "base/utf8.h"

#include <gtest/gtest.h>

namespace zjgr {
namespace {

TEST(Utf8, RoundTripsHanLatinAndAstral) {
  const std::u32string text = U"浙江A1，𠀀";
  EXPECT_EQ(to_u32(to_utf8(text)), text);
}

TEST(Utf8, FindsInvalidSequences) {
  EXPECT_FALSE(find_invalid_utf8("浙江工人日报").has_value());
  EXPECT_EQ(find_invalid_utf8("ab\xC0\xAF"), 2u);         // overlong '/'
  EXPECT_EQ(find_invalid_utf8("a\xED\xA0\x80"), 1u);      // surrogate
  EXPECT_EQ(find_invalid_utf8("\xE6\xB5"), 0u);           // truncated 浙
  EXPECT_EQ(find_invalid_utf8("ok\xFF"), 2u);
}

}  // namespace
}  // namespace zjgr
