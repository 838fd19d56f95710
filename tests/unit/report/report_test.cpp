// The report and the layout dump from a LayoutResult made by hand (no fonts, no layout run).
#include "report/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace zjgr::report {
namespace {

layout::AreaReport fitted_area(const std::string& article, int trials) {
  layout::AreaReport a;
  a.page = 1;
  a.article = article;
  a.rows = 8;
  a.photo_overflow_rows = 3;
  layout::CopyfitReport fit;
  fit.result = layout::FitResult::Overset;
  fit.trials = trials;
  fit.headline_from = fit.headline_to = Length::pt(24);
  a.copyfit = fit;
  return a;
}

TEST(LayoutDump, CountsTrialsInTheSingularAndThePlural) {
  layout::LayoutResult result;
  result.areas = {fitted_area("one", 1), fitted_area("four", 4)};
  const std::string dump = layout_dump(result);
  EXPECT_NE(dump.find("# copyfit page 1 one: overset;"), std::string::npos) << dump;
  EXPECT_NE(dump.find("head rows +0; 1 trial\n"), std::string::npos) << dump;
  EXPECT_NE(dump.find("head rows +0; 4 trials\n"), std::string::npos) << dump;
}

TEST(ReportJson, AnAreaSaysHowFarItsPhotoReachesPastItsFoot) {
  layout::LayoutResult result;
  result.document.pages.resize(1);
  result.document.pages[0].number = 1;
  result.pages.resize(1);
  result.pages[0].number = 1;
  result.areas = {fitted_area("lantern", 2)};
  const auto j = nlohmann::json::parse(report_json(result, Diagnostics{}, RunInfo{}));
  bool found = false;
  for (const auto& page : j.at("pages")) {
    for (const auto& area : page.at("areas")) {
      if (area.at("article") != "lantern") continue;
      found = true;
      EXPECT_EQ(area.at("photo_overflow_rows"), 3);
      EXPECT_EQ(area.at("copyfit").at("result"), "overset");
    }
  }
  EXPECT_TRUE(found) << j.dump(2);
}

}  // namespace
}  // namespace zjgr::report
