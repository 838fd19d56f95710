// Punctuation normalisation: half-width marks typed in Chinese text become full width.
#include "text/normalize.h"

#include <gtest/gtest.h>

namespace zjgr::text {
namespace {

std::string norm(std::string_view s, int expected_count) {
  int n = -1;
  std::string out = normalize_punctuation(s, n);
  EXPECT_EQ(n, expected_count) << s;
  return out;
}

TEST(Normalize, HalfWidthMarksBetweenHanBecomeFullWidth) {
  EXPECT_EQ(norm("坚持实干为先,充分激发职工建功立业热情.", 2), "坚持实干为先，充分激发职工建功立业热情。");
  EXPECT_EQ(norm("社址:杭州市;邮编?好!", 4), "社址：杭州市；邮编？好！");
  EXPECT_EQ(norm("高技能人才(劳模)创新", 2), "高技能人才（劳模）创新");
}

TEST(Normalize, NumbersAddressesAndLatinAreKept) {
  EXPECT_EQ(norm("约4,000吨,达141.57亿元", 1), "约4,000吨，达141.57亿元");
  EXPECT_EQ(norm("时间12:30", 0), "时间12:30");
  EXPECT_EQ(norm("Hello, world. (ok)", 0), "Hello, world. (ok)");
  EXPECT_EQ(norm("电子邮箱:zjgrxxw@163.com", 1), "电子邮箱：zjgrxxw@163.com");
}

TEST(Normalize, AMarkEndingAnEnglishQuotationStaysEnglish) {
  EXPECT_EQ(norm("他说：“It’s efficient,”大家都笑了", 0), "他说：“It’s efficient,”大家都笑了");
  EXPECT_EQ(norm("“Really?”他问", 0), "“Really?”他问");
  // Han inside the quotation makes it Chinese: its marks are Chinese.
  EXPECT_EQ(norm("“我们用5G,”他说", 1), "“我们用5G，”他说");
  // Without an opening quote there is no quotation to keep it in.
  EXPECT_EQ(norm("efficient,”他说", 1), "efficient，”他说");
}

TEST(Normalize, DigitBeforeHanTakesTheChineseComma) {
  EXPECT_EQ(norm("2021,浙江工会这么干", 1), "2021，浙江工会这么干");
}

TEST(Normalize, SpaceAfterAReplacedMarkIsDropped) {
  EXPECT_EQ(norm("你好, 世界", 1), "你好，世界");
}

TEST(Normalize, InvalidUtf8IsCopiedUnchanged) {
  EXPECT_EQ(norm("甲,\xFF乙", 0), "甲,\xFF乙");
}

}  // namespace
}  // namespace zjgr::text
