#include "layout/copyfit.h"

#include <algorithm>
#include <array>
#include <optional>
#include <tuple>
#include <utility>


namespace zjgr::layout {
namespace {

// The 号 sizes in points, largest first: 初号 小初 一号 小一 二号 小二 三号 小三 四号 小四 五号 小五
// 六号 小六 七号 八号.
constexpr std::array<double, 16> kHao{42, 36, 26, 24, 22, 18, 16, 15, 14, 12, 10.5, 9, 7.5, 6.5, 5.5, 5};
constexpr std::array<const char*, 16> kHaoNames{"初号", "小初", "一号", "小一", "二号", "小二", "三号", "小三",
                                                "四号", "小四", "五号", "小五", "六号", "小六", "七号", "八号"};

std::string size_name(Length size) {
  for (std::size_t i = 0; i < kHao.size(); ++i) {
    if (std::abs(size.to_pt() - kHao[i]) < 0.01) return kHaoNames[i];
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1fpt", size.to_pt());
  return buffer;
}

// Lexicographic: a photo less far past the area's foot first, then less overset, then fewer
// empty column-lines.
bool better(const AreaReport& a, const AreaReport& b) {
  return std::tuple(a.photo_overflow_rows, a.overset_column_lines, a.underset_column_lines) <
         std::tuple(b.photo_overflow_rows, b.overset_column_lines, b.underset_column_lines);
}

bool has_photo(const model::Article& article) {
  return std::any_of(article.body.begin(), article.body.end(),
                     [](const model::Block& b) { return std::holds_alternative<model::Photo>(b); });
}

// The last whole sentence of the set body text (what the copy could end with after a cut).
std::string last_sentence(const std::vector<LineRecord>& lines) {
  std::string text;
  for (const auto& line : lines) {
    if (line.role == LineRole::Body) text += line.text;
  }
  static const std::array<std::string, 3> kEnds{"。", "！", "？"};
  std::size_t end = std::string::npos;
  for (const auto& mark : kEnds) {
    const std::size_t at = text.rfind(mark);
    if (at != std::string::npos && (end == std::string::npos || at > end)) end = at;
  }
  if (end == std::string::npos) return "";
  std::size_t start = 0;
  for (const auto& mark : kEnds) {
    const std::size_t at = end == 0 ? std::string::npos : text.rfind(mark, end - 1);
    if (at != std::string::npos) start = std::max(start, at + mark.size());
  }
  return text.substr(start, end + kEnds[0].size() - start);
}

}  // namespace

std::string copyfit_steps(const CopyfitReport& fit) {
  std::string steps;
  const auto add = [&](const std::string& part) { steps += (steps.empty() ? "" : "，") + part; };
  if (fit.squeezed) add("挤排");
  if (fit.headline_to != fit.headline_from) add("题 " + size_name(fit.headline_from) + "→" + size_name(fit.headline_to));
  if (fit.photo_rows != 0) add("图 " + std::string(fit.photo_rows > 0 ? "+" : "") + std::to_string(fit.photo_rows) + " 行");
  if (fit.head_rows != 0) add("题区 +" + std::to_string(fit.head_rows) + " 行");
  return steps;
}

std::string copyfit_label(const CopyfitReport& fit) {
  if (fit.result == FitResult::AsSet) return "";
  std::string label = copyfit_steps(fit);
  const auto add = [&](const std::string& part) { label += (label.empty() ? "" : "，") + part; };
  if (fit.result == FitResult::Overset && fit.cut_chars > 0) add("需删 " + std::to_string(fit.cut_chars) + " 字");
  if (fit.result == FitResult::Underset) add("缺约 " + std::to_string(fit.missing_chars) + " 字");
  return "调整：" + label;
}

bool fills_area(const AreaReport& report) {
  // A vertical area counts its vertical lines as columns: it is full when none is left empty
  // beyond the two its warning allows.
  return report.overset_column_lines == 0 && report.jumped_column_lines == 0 && report.photo_overflow_rows == 0 &&
         (report.vertical ? report.underset_column_lines == 0 : report.underset_column_lines < std::max(1, report.columns));
}

Length hao_step(Length size, int steps) {
  const double pt = size.to_pt();
  // The index of the 号 size at `size`, or of the nearest one in the direction of the steps.
  int i = 0;
  if (steps < 0) {
    while (i + 1 < static_cast<int>(kHao.size()) && kHao[static_cast<std::size_t>(i)] > pt + 0.01) ++i;
    if (kHao[static_cast<std::size_t>(i)] < pt - 0.01) ++steps;  // between sizes: the next smaller is one step
    i -= steps;
  } else {
    i = static_cast<int>(kHao.size()) - 1;
    while (i > 0 && kHao[static_cast<std::size_t>(i)] < pt - 0.01) --i;
    if (kHao[static_cast<std::size_t>(i)] > pt + 0.01) --steps;
    i -= steps;
  }
  return Length::pt(kHao[static_cast<std::size_t>(std::clamp(i, 0, static_cast<int>(kHao.size()) - 1))]);
}

AreaResult fit_area(const AreaSpec& spec, const ArticleCopy& copy, AreaContext& context,
                    const model::CopyfitPolicy& policy) {
  const model::Article& article = *copy.article;
  CopyfitReport fit;
  AreaSpec trial = spec;
  trial.tuning.min_photo_aspect = policy.min_photo_aspect;
  trial.tuning.max_photo_aspect = policy.max_photo_aspect;
  // Each trial reports into a sink of its own: only the chosen setting speaks, and it is not set
  // again. The trials share what does not change between them (TrialCache). The first trial is
  // the copy as it comes; the copy's texts are counted once, in it, the others are trials.
  struct Trial {
    AreaResult result;
    Diagnostics reports;
  };
  TrialCache shared;
  const auto measure = [&](const AreaTuning& tuning) {
    Trial t;
    AreaContext c{context.grid, context.styles, t.reports, context.column_rules, &shared};
    trial.tuning = tuning;
    std::optional<StyleBook::StatsPause> trying;
    if (fit.trials++ > 0) trying.emplace(context.styles);
    t.result = set_area(trial, copy, c);
    return t;
  };
  AreaTuning best_tuning = trial.tuning;
  Trial best_trial = measure(best_tuning);
  const AreaReport* best = &best_trial.result.report;
  fit.overset_column_lines_before = best->overset_column_lines;
  fit.underset_column_lines_before = best->underset_column_lines;
  const ResolvedStyle* headline = context.styles.get(spec.headline_style, context.diagnostics, spec.where);
  const Length headline_size = headline != nullptr ? headline->style->size : Length();

  bool fitted = fills_area(*best);
  for (const model::FitStep step : policy.steps) {
    if (fitted) break;
    // Each step a unit at a time, in the direction the area still needs, from the best setting
    // so far (the steps before it stay as they ended).
    const bool over = best->overset_column_lines > 0 || best->photo_overflow_rows > 0;
    const AreaTuning from = best_tuning;
    int units = 0;
    switch (step) {
      case model::FitStep::Squeeze: units = over && !from.squeeze ? 1 : 0; break;
      case model::FitStep::Headline: units = article.headline.empty() || headline == nullptr ? 0 : policy.headline_steps; break;
      case model::FitStep::Photo: units = has_photo(article) ? policy.photo_rows : 0; break;
      case model::FitStep::HeadSpace: units = over || article.headline.empty() ? 0 : policy.head_rows; break;
    }
    // A vertical (竖排) area has no photo rows nor headline rows to give or take: its photos are
    // as tall as its lines, its headline group as long.
    if (spec.vertical && (step == model::FitStep::Photo || step == model::FitStep::HeadSpace)) units = 0;
    for (int u = 1; u <= units && !fitted; ++u) {
      AreaTuning t = from;
      switch (step) {
        case model::FitStep::Squeeze: t.squeeze = true; break;
        case model::FitStep::Headline: t.headline_size = hao_step(headline_size, over ? -u : u); break;
        case model::FitStep::Photo: t.photo_rows = from.photo_rows + (over ? -u : u); break;
        case model::FitStep::HeadSpace: t.head_rows = from.head_rows + u; break;
      }
      // 号 sizes are coarse near the top (一号 26 pt, 小初 36 pt): a step past the policy's scale is not taken.
      if (t.headline_size && (*t.headline_size < headline_size * policy.headline_scale_min ||
                              *t.headline_size > headline_size * policy.headline_scale_max)) {
        break;
      }
      Trial r = measure(t);
      fitted = fills_area(r.result.report);
      if (fitted || better(r.result.report, *best)) {
        best_trial = std::move(r);
        best = &best_trial.result.report;
        best_tuning = t;
      }
    }
  }

  // The chosen setting, reported as any area is.
  context.diagnostics.add_all(best_trial.reports);
  AreaResult result = std::move(best_trial.result);
  if (fit.trials == 1 && fills_area(result.report)) {
    fit.result = FitResult::AsSet;
    fit.headline_from = fit.headline_to = headline_size;
    result.report.copyfit = fit;
    return result;
  }
  const AreaReport& report = result.report;
  fit.squeezed = best_tuning.squeeze;
  fit.headline_from = headline_size;
  fit.headline_to = best_tuning.headline_size.value_or(headline_size);
  fit.photo_rows = best_tuning.photo_rows;
  fit.head_rows = best_tuning.head_rows;
  const bool changed = fit.squeezed || fit.headline_to != fit.headline_from || fit.photo_rows != 0 || fit.head_rows != 0;
  if (fills_area(report)) {
    fit.result = changed ? FitResult::Fitted : FitResult::AsSet;
  } else if (report.overset_column_lines > 0 || report.photo_overflow_rows > 0) {
    fit.result = FitResult::Overset;
    fit.cut_chars = report.overset_chars;
    fit.cut_from_paragraph = report.overset_from_paragraph;
    fit.last_fitting_sentence = last_sentence(result.lines);
  } else {
    fit.result = FitResult::Underset;
    const int short_lines = report.vertical ? report.underset_column_lines : report.underset_column_lines - (report.columns - 1);
    fit.missing_chars = short_lines * std::max(1, context.grid.characters_in(report.measure));
  }
  result.report.copyfit = fit;
  return result;
}

}  // namespace zjgr::layout
