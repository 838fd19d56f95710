// FrameStore: page frames moved out of memory come back the same, item for item, in any order
// and from several threads at once.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "frame/frame_store.h"
#include "support/frame_compare.h"

namespace zjgr::frame {
namespace {

/// A frame with every kind of item, a group inside a group, and a group without a frame.
Frame every_kind(int seed) {
  Frame inner;
  inner.size = {Length::pt(100), Length::pt(20 + seed)};
  GlyphRunItem run;
  run.font = 3;
  run.size = Length::pt(10.5);
  run.color = {10, 20, 30, 200};
  run.glyphs = {{101, {Length::pt(0), Length::pt(9)}}, {102, {Length::pt(10.5), Length::pt(9)}}};
  run.text = "工会" + std::to_string(seed);
  run.clusters = {{3, 1}, {3 + static_cast<std::uint32_t>(std::to_string(seed).size()), 1}};
  inner.push({Length::pt(1), Length::pt(2)}, run);
  inner.push({}, RuleItem{{Length::pt(50), Length()}, Length::pt(0.75), {255, 0, 0}});
  Frame page;
  page.size = {Length::pt(800), Length::pt(1100)};
  page.push({}, MarkItem{"第" + std::to_string(seed) + "版 要闻", 1});
  page.push({Length::pt(30), Length::pt(40)}, ImageItem{"images/photo.jpg", {Length::pt(200), Length::pt(150)},
                                                        0.1, 0.2, 0.9, 0.8, 6});
  page.push({Length::pt(5), Length::pt(6)}, BoxItem{{Length::pt(7), Length::pt(8)}, Color{1, 2, 3}, std::nullopt,
                                                    Length::pt(1)});
  Frame outer;
  outer.size = {Length::pt(300), Length::pt(300)};
  outer.push_frame({Length::pt(3), Length::pt(4)}, inner);
  page.items.emplace_back(Point{Length::pt(60), Length::pt(70)},
                          GroupItem{std::make_shared<const Frame>(outer),
                                    Rect{{Length::pt(1), Length::pt(1)}, {Length::pt(90), Length::pt(90)}}, true, 3});
  page.items.emplace_back(Point{}, GroupItem{nullptr, std::nullopt, false, 0});
  return page;
}

TEST(FrameStore, AFrameComesBackItemForItemAndThePageKeepsAnEmptyOne) {
  FrameStore store(1);
  Frame frame = every_kind(1);
  const Frame original = frame;
  ASSERT_FALSE(store.has(0));
  ASSERT_TRUE(store.put(0, frame));
  EXPECT_TRUE(store.has(0));
  EXPECT_TRUE(frame.items.empty());
  EXPECT_EQ(test::frame_difference(store.load(0), original), "");
  EXPECT_EQ(test::frame_difference(store.load(0), original), "") << "a frame loads as often as it is drawn";
}

TEST(FrameStore, PagesStoredOutOfOrderComeBackByTheirIndex) {
  FrameStore store(3);
  std::vector<Frame> originals{every_kind(0), every_kind(1), every_kind(2)};
  for (const std::size_t i : {2u, 0u}) {
    Frame f = originals[i];
    ASSERT_TRUE(store.put(i, f));
  }
  EXPECT_FALSE(store.has(1));
  EXPECT_FALSE(store.has(3));
  Frame again = originals[0];
  EXPECT_FALSE(store.put(0, again)) << "a page is stored once";
  EXPECT_FALSE(again.items.empty()) << "a frame that is not stored is left as it was";
  EXPECT_EQ(test::frame_difference(store.load(0), originals[0]), "");
  EXPECT_EQ(test::frame_difference(store.load(2), originals[2]), "");
}

TEST(FrameStore, ThreadsLoadPagesAtOnce) {
  constexpr std::size_t kPages = 16;
  FrameStore store(kPages);
  for (std::size_t i = 0; i < kPages; ++i) {
    Frame f = every_kind(static_cast<int>(i));
    ASSERT_TRUE(store.put(i, f));
  }
  std::vector<std::string> differences(2 * kPages);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = 0; i < kPages; ++i) {
        differences[t * kPages + i] = test::frame_difference(store.load(i), every_kind(static_cast<int>(i)));
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& d : differences) EXPECT_EQ(d, "");
}

}  // namespace
}  // namespace zjgr::frame
