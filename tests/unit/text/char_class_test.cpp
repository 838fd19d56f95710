// CLREQ character classes (C1–C9): table-driven, every listed code point in exactly its class.
#include "text/char_class.h"

#include <gtest/gtest.h>

#include "base/utf8.h"

namespace zjgr::text {
namespace {

void expect_all(std::u32string_view cps, CharClass c) {
  for (const char32_t cp : cps) {
    EXPECT_EQ(classify(cp), c) << "U+" << std::hex << static_cast<unsigned>(cp) << " should be " << to_string(c)
                               << ", is " << to_string(classify(cp));
  }
}

TEST(CharClass, C1_PauseAndStopMarks) {
  expect_all(U"、，；：", CharClass::Pause);
  expect_all(U"。？！．", CharClass::Stop);
}

TEST(CharClass, C2_C3_Brackets) {
  expect_all(U"“‘（《〈「『【〖〔［｛", CharClass::OpeningMark);
  expect_all(U"”’）》〉」』】〗〕］｝", CharClass::ClosingMark);
}

TEST(CharClass, C4_To_C7_DashesEllipsisConnectorsInterpunctSolidus) {
  expect_all(U"—⸺", CharClass::Dash);
  expect_all(U"…⋯", CharClass::Ellipsis);
  expect_all(U"–～", CharClass::Connector);
  expect_all(U"·", CharClass::Middle);
  expect_all(U"/／", CharClass::Solidus);
  EXPECT_NE(classify(U'•'), CharClass::Middle);  // C6: not U+2022
}

TEST(CharClass, C9_NumbersLettersAndIdeographs) {
  expect_all(U"0123456789", CharClass::Digit);
  expect_all(U"AZaz", CharClass::LatinLetter);
  expect_all(U"%‰℃％", CharClass::NumericPostfix);
  expect_all(U"$¥￥", CharClass::NumericPrefix);
  expect_all(U"浙江工人日报〇々\U00020000", CharClass::Han);
  expect_all(U" \u3000", CharClass::Space);
}

TEST(CharClass, EveryCodePointHasExactlyOneNamedClass) {
  for (char32_t cp = 0; cp < 0x30000; ++cp) {
    const CharClass c = classify(cp);
    ASSERT_STRNE(to_string(c), "") << static_cast<unsigned>(cp);
  }
}

}  // namespace
}  // namespace zjgr::text
