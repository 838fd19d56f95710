#include "base/units.h"

#include <gtest/gtest.h>

namespace zjgr {
namespace {

Length parse_ok(std::string_view text, Length em = Length::pt(9)) {
  std::string error;
  auto length = parse_length(text, LengthContext{em}, error);
  EXPECT_TRUE(length.has_value()) << text << ": " << error;
  return length.value_or(Length());
}

std::string parse_error(std::string_view text) {
  std::string error;
  auto length = parse_length(text, LengthContext{}, error);
  EXPECT_FALSE(length.has_value()) << text;
  return error;
}

TEST(Units, PointsAndMillimetres) {
  EXPECT_EQ(parse_ok("12pt"), Length::pt(12));
  EXPECT_EQ(parse_ok("25.4mm"), Length::pt(72));
  EXPECT_EQ(parse_ok("2.54cm"), Length::pt(72));
  EXPECT_EQ(parse_ok("1in"), Length::pt(72));
  EXPECT_EQ(parse_ok("-3pt"), Length::pt(-3));
}

TEST(Units, QIsAQuarterMillimetre) {
  EXPECT_EQ(parse_ok("4q"), Length::mm(1));
  EXPECT_EQ(parse_ok("13级"), Length::mm(3.25));
}

TEST(Units, EmIsRelativeToTheContext) {
  EXPECT_EQ(parse_ok("2em", Length::pt(9)), Length::pt(18));
  EXPECT_EQ(parse_ok("0.25em", Length::pt(10)), Length::pt(2.5));
}

// CLREQ P7: newspaper body text is 小五 = 9 pt; 五号 = 10.5 pt.
TEST(Units, P7_HaoSizes) {
  EXPECT_EQ(parse_ok("小五"), Length::pt(9));
  EXPECT_EQ(parse_ok("五号"), Length::pt(10.5));
  EXPECT_EQ(parse_ok("初号"), Length::pt(42));
  EXPECT_EQ(parse_ok("小初"), Length::pt(36));
  EXPECT_EQ(parse_ok("小四"), Length::pt(12));
  EXPECT_EQ(parse_ok("六号"), Length::pt(7.5));
  EXPECT_EQ(parse_ok("小六"), Length::pt(6.5));
  EXPECT_EQ(parse_ok("八号"), Length::pt(5));
  EXPECT_EQ(parse_ok("小五号"), Length::pt(9));
  EXPECT_EQ(parse_ok("五号字"), Length::pt(10.5));
}

TEST(Units, RejectsWhatIsNotALength) {
  EXPECT_NE(parse_error("12").find("unit"), std::string::npos);
  EXPECT_NE(parse_error("pt").find("unit"), std::string::npos);
  EXPECT_NE(parse_error("1x2mm").find("number"), std::string::npos);
  EXPECT_NE(parse_error("nanpt").find("number"), std::string::npos);
  EXPECT_NE(parse_error("1e9mm").find("range"), std::string::npos);
  EXPECT_NE(parse_error("中五").find("unit"), std::string::npos);
  EXPECT_NE(parse_error("").find("unit"), std::string::npos);
}

}  // namespace
}  // namespace zjgr
