#include "report/report.h"

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

namespace zjgr::report {
namespace {

using nlohmann::ordered_json;

double pt(Length l) { return static_cast<double>(std::llround(l.to_pt() * 1000)) / 1000; }

ordered_json where_json(const SourceRef& where) {
  ordered_json j;
  j["file"] = where.file;
  j["pointer"] = where.json_pointer;
  j["line"] = where.line;
  j["column"] = where.column;
  if (!where.chars.empty()) j["bytes"] = {where.chars.begin, where.chars.end};
  return j;
}

// A run of empty rows: its columns (the article's for a hole in an area, the grid's for a band
// between areas) and its page rows.
ordered_json hole_json(const layout::Hole& h) {
  ordered_json j = {{"columns", {h.first_column, h.last_column}}, {"first_row", h.first_row}, {"rows", h.rows}};
  if (h.foot) j["foot"] = true;
  return j;
}

// What copyfitting did: the steps taken (tracked from before to after) and the result; when it
// could not fit, the cut or the copy still needed.
ordered_json copyfit_json(const layout::CopyfitReport& fit) {
  ordered_json steps = ordered_json::array();
  if (fit.squeezed) steps.push_back({{"step", "squeeze"}});
  if (fit.headline_to != fit.headline_from) {
    steps.push_back({{"step", "headline"}, {"size_pt_before", pt(fit.headline_from)}, {"size_pt_after", pt(fit.headline_to)}});
  }
  if (fit.photo_rows != 0) steps.push_back({{"step", "photo"}, {"rows_changed", fit.photo_rows}});
  if (fit.head_rows != 0) steps.push_back({{"step", "head_space"}, {"rows_added", fit.head_rows}});
  ordered_json j = {{"result", layout::to_string(fit.result)},
                    {"steps", std::move(steps)},
                    {"trials", fit.trials},
                    {"overset_column_lines_before", fit.overset_column_lines_before},
                    {"underset_column_lines_before", fit.underset_column_lines_before}};
  if (fit.result == layout::FitResult::Overset) {
    j["cut"] = {{"chars", fit.cut_chars}, {"from_paragraph", fit.cut_from_paragraph},
                {"last_fitting_sentence", fit.last_fitting_sentence}};
  }
  if (fit.result == layout::FitResult::Underset) j["missing_chars"] = fit.missing_chars;
  return j;
}

}  // namespace

std::string report_json(const layout::LayoutResult& result, const Diagnostics& diagnostics, const RunInfo& run) {
  ordered_json j;
  j["issue"] = run.issue_file;
  j["pdf"] = run.pdf;
  if (!run.pdf_drawn.empty()) j["pdf_drawn"] = run.pdf_drawn;
  std::map<std::string, int> by_code;
  ordered_json warnings = ordered_json::array();
  ordered_json errors = ordered_json::array();
  for (const auto& d : diagnostics.items()) {
    ordered_json w;
    w["code"] = d.code;
    w["message"] = d.message;
    w["source"] = where_json(d.where);
    if (!d.hints.empty()) w["hints"] = d.hints;
    if (d.severity == Severity::Warning) {
      ++by_code[d.code];
      warnings.push_back(std::move(w));
    } else {
      errors.push_back(std::move(w));
    }
  }
  // Only the first of each kind are listed; the counts are whole.
  ordered_json not_listed = ordered_json::object();
  for (const auto& [key, count] : diagnostics.omitted()) {
    if (key.first == Severity::Warning) by_code[key.second] += static_cast<int>(count);
    not_listed[key.second] = count;
  }
  j["summary"] = {{"pages", result.pages.size()},
                  {"errors", diagnostics.error_count()},
                  {"warnings", diagnostics.warning_count()},
                  {"warnings_by_code", by_code},
                  {"not_listed", not_listed},
                  {"paragraphs", result.stats.paragraphs},
                  {"characters", result.stats.characters},
                  {"normalized_punctuation", result.stats.normalized_punctuation}};
  j["errors"] = std::move(errors);
  j["warnings"] = std::move(warnings);

  ordered_json pages = ordered_json::array();
  for (const auto& p : result.pages) {
    ordered_json page;
    page["page"] = p.number;
    page["articles"] = p.articles;
    page["lines"] = p.lines;
    ordered_json areas = ordered_json::array();
    for (const auto& a : result.areas) {
      if (a.page != p.number) continue;
      ordered_json holes = ordered_json::array();
      for (const auto& h : a.holes) holes.push_back(hole_json(h));
      areas.push_back({{"article", a.article},
                       {"column", a.column},
                       {"span", a.span},
                       {"row", a.row},
                       {"rows", a.rows},
                       {"columns", a.columns},
                       {"capacity_column_lines", a.capacity_column_lines},
                       {"used_column_lines", a.used_column_lines},
                       {"overset_column_lines", a.overset_column_lines},
                       {"overset_chars", a.overset_chars},
                       {"overset_text", a.overset_text},
                       {"underset_column_lines", a.underset_column_lines},
                       {"jumped_column_lines", a.jumped_column_lines},
                       {"photo_overflow_rows", a.photo_overflow_rows},
                       {"continue_page", a.continue_page},
                       {"holes", std::move(holes)}});
      if (a.copyfit) areas.back()["copyfit"] = copyfit_json(*a.copyfit);
      if (a.vertical_headline) areas.back()["vertical_headline"] = true;
      if (a.vertical) areas.back()["orientation"] = "vertical";
      if (a.stack) {
        areas.back()["stack"] = {{"band_first_row", a.stack->band_first_row}, {"band_rows", a.stack->band_rows},
                                 {"areas", a.stack->areas}, {"natural_rows", a.stack->natural_rows},
                                 {"rows", a.stack->rows}, {"rows_moved", a.stack->rows - a.stack->natural_rows},
                                 {"takes_rest", a.stack->takes_rest}};
      }
    }
    page["areas"] = std::move(areas);
    ordered_json bands = ordered_json::array();
    for (const auto& h : p.bands) bands.push_back(hole_json(h));
    page["bands"] = std::move(bands);
    pages.push_back(std::move(page));
  }
  j["pages"] = std::move(pages);

  ordered_json photos = ordered_json::array();
  for (const auto& ph : result.photos) {
    photos.push_back({{"page", ph.page},
                      {"article", ph.article},
                      {"path", ph.path},
                      {"pixels", {ph.pixel_width, ph.pixel_height}},
                      {"placed_pt", {pt(ph.width), pt(ph.height)}},
                      {"effective_ppi", std::round(ph.effective_ppi * 10) / 10}});
  }
  j["photos"] = std::move(photos);
  j["fonts"] = run.fonts;
  if (!run.preflight.mode.empty()) {
    ordered_json checks = ordered_json::array(), fonts = ordered_json::array(), images = ordered_json::array();
    for (const auto& c : run.preflight.checks) checks.push_back({{"check", c.name}, {"passed", c.passed}, {"detail", c.detail}});
    for (const auto& f : run.preflight.fonts) {
      fonts.push_back({{"name", f.name}, {"type", f.type}, {"embedded", f.embedded}, {"subset", f.subset}});
    }
    for (const auto& im : run.preflight.images) {
      ordered_json image = {{"page", im.page}, {"pixels", {im.width, im.height}}, {"color_space", im.color_space}, {"filter", im.filter}};
      if (im.color_space == "DeviceCMYK") image["max_ink_percent"] = im.max_ink;
      if (im.max_ppi > 0) image["effective_ppi"] = {im.min_ppi, im.max_ppi};
      if (im.jpeg_quality > 0) image["jpeg_quality"] = im.jpeg_quality;
      images.push_back(std::move(image));
    }
    j["preflight"] = {{"mode", run.preflight.mode}, {"checks", std::move(checks)}, {"pdf_fonts", std::move(fonts)},
                      {"pdf_images", std::move(images)}};
    if (run.preflight.mode == "print") {
      ordered_json press = ordered_json::array();
      const auto tenth = [](double v) { return std::round(v * 10) / 10; };
      for (const auto& ph : run.preflight.press_photos) {
        press.push_back({{"path", ph.path},
                         {"placed_pt", {tenth(ph.placed_width_pt), tenth(ph.placed_height_pt)}},
                         {"source_pixels", {ph.source_width, ph.source_height}},
                         {"source_ppi", tenth(ph.source_ppi)},
                         {"pixels", {ph.width, ph.height}},
                         {"output_ppi", tenth(ph.output_ppi)},
                         {"jpeg_quality", ph.quality}});
      }
      j["preflight"]["press_photos"] = std::move(press);
    }
  }
  ordered_json timings;
  for (const auto& [stage, ms] : run.timings) timings[stage] = std::round(ms * 100) / 100;
  j["timings_ms"] = std::move(timings);
  return j.dump(2) + "\n";
}

std::string layout_dump(const layout::LayoutResult& result) {
  std::string out;
  // The copyfitting decisions first, one header line per fitted area.
  for (const auto& a : result.areas) {
    if (!a.copyfit || a.copyfit->result == layout::FitResult::AsSet) continue;
    const auto& fit = *a.copyfit;
    char line[256];
    std::snprintf(line, sizeof line, "# copyfit page %d %s: %s; squeeze %s; headline %.1f -> %.1f pt; photo rows %+d; head rows %+d; %d %s\n",
                  a.page, a.article.c_str(), std::string(layout::to_string(fit.result)).c_str(), fit.squeezed ? "yes" : "no", fit.headline_from.to_pt(),
                  fit.headline_to.to_pt(), fit.photo_rows, fit.head_rows, fit.trials, fit.trials == 1 ? "trial" : "trials");
    out += line;
  }
  // How each stack shared its band: one line per area whose height it chose.
  for (const auto& a : result.areas) {
    if (!a.stack) continue;
    char line[256];
    char share[64];
    if (a.stack->takes_rest) {
      std::snprintf(share, sizeof share, "it jumps and takes the rest");
    } else {
      std::snprintf(share, sizeof share, "its copy as set: %d, moved %+d", a.stack->natural_rows,
                    a.stack->rows - a.stack->natural_rows);
    }
    std::snprintf(line, sizeof line, "# stack page %d %s: %d rows (%s); band rows %d-%d shared by %d areas\n", a.page,
                  a.article.c_str(), a.stack->rows, share, a.stack->band_first_row,
                  a.stack->band_first_row + a.stack->band_rows - 1, a.stack->areas);
    out += line;
  }
  out += "# page\tarea\trole\tcolumn\tx\ty\twidth\tnatural\tratio\tbreak\ttext\n";
  char buffer[160];
  for (const auto& r : result.lines) {
    std::snprintf(buffer, sizeof buffer, "%d\t%s\t%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%s\t", r.page, r.area.c_str(),
                  std::string(layout::to_string(r.role)).c_str(), r.column, r.x.to_pt(), r.y.to_pt(), r.width.to_pt(), r.natural.to_pt(), r.ratio,
                  std::string(compose::to_string(r.ended_by)).c_str());
    out += buffer;
    if (r.vertical) out += "dir=ttb\t";  // 竖排: x is the line's axis, y the top of its first cell
    out += r.text;
    out += '\n';
  }
  return out;
}

}  // namespace zjgr::report
