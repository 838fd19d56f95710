// Printer's marks (see marks.h).
#include "render/detail/marks.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace zjgr::render::detail {
namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kHairline = 0.25;  // pt: the usual weight of crop marks

class Pen {
 public:
  std::string text;

  void op(const char* format, double a = 0, double b = 0, double c = 0, double d = 0) {
    char buf[160];
    std::snprintf(buf, sizeof buf, format, a, b, c, d);
    text += buf;
    text += '\n';
  }
  void line(double x0, double y0, double x1, double y1) { op("%.3f %.3f m %.3f %.3f l", x0, y0, x1, y1); }
  void curve(double x1, double y1, double x2, double y2, double x3, double y3) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%.3f %.3f %.3f %.3f %.3f %.3f c\n", x1, y1, x2, y2, x3, y3);
    text += buf;
  }
  // A circle from four Bézier quarters (k = 0.5523 · r).
  void circle(double cx, double cy, double r) {
    const double k = 0.5523 * r;
    op("%.3f %.3f m", cx + r, cy);
    curve(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    curve(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    curve(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    curve(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    op("h");
  }
  void cmyk_fill(const std::array<double, 4>& c) { op("%.2f %.2f %.2f %.2f k", c[0], c[1], c[2], c[3]); }
  void cmyk_stroke(const std::array<double, 4>& c) { op("%.2f %.2f %.2f %.2f K", c[0], c[1], c[2], c[3]); }
};

// A registration target: a circle with a cross through it, centred at (x, y).
void target(Pen& pen, double x, double y) {
  const double r = 2.5 * kMm, arm = 4 * kMm;
  pen.circle(x, y, r);
  pen.line(x - arm, y, x + arm, y);
  pen.line(x, y - arm, x, y + arm);
}

// The letters of the plate names as strokes in a unit box (x right, y up): C, M, Y, K.
const std::vector<std::vector<std::array<double, 2>>>& letter(char c) {
  static const std::vector<std::vector<std::array<double, 2>>> kC{{{1, 1}, {0, 1}, {0, 0}, {1, 0}}};
  static const std::vector<std::vector<std::array<double, 2>>> kM{{{0, 0}, {0, 1}, {0.5, 0.4}, {1, 1}, {1, 0}}};
  static const std::vector<std::vector<std::array<double, 2>>> kY{{{0, 1}, {0.5, 0.5}, {1, 1}}, {{0.5, 0.5}, {0.5, 0}}};
  static const std::vector<std::vector<std::array<double, 2>>> kK{{{0, 0}, {0, 1}}, {{1, 1}, {0, 0.45}, {1, 0}}};
  return c == 'C' ? kC : c == 'M' ? kM : c == 'Y' ? kY : kK;
}

}  // namespace

std::string marks_content(const PageBoxes& boxes) {
  const auto& trim = boxes.trim;
  const double bleed = trim[0] - boxes.bleed[0];
  const double near = bleed + 1 * kMm, far = bleed + 9 * kMm;  // crop marks: outside the bleed
  const double mid = bleed + 5 * kMm;                           // the slug's middle line
  Pen pen;
  pen.op("q");
  // 1. Crop marks and registration targets on every plate: the /All separation at full tint.
  pen.text += std::string(kAllSeparation) + " CS 1 SCN\n";
  pen.op("%.2f w 0 J", kHairline);
  for (int corner = 0; corner < 4; ++corner) {
    const double dx = (corner & 1) ? 1 : -1, dy = (corner & 2) ? 1 : -1;
    const double cx = (corner & 1) ? trim[2] : trim[0], cy = (corner & 2) ? trim[3] : trim[1];
    pen.line(cx + dx * near, cy, cx + dx * far, cy);
    pen.line(cx, cy + dy * near, cx, cy + dy * far);
  }
  const double xm = (trim[0] + trim[2]) / 2, ym = (trim[1] + trim[3]) / 2;
  target(pen, xm, trim[3] + mid);
  target(pen, xm, trim[1] - mid);
  target(pen, trim[0] - mid, ym);
  target(pen, trim[2] + mid, ym);
  pen.op("S");

  // 2. The colour bar in the bottom slug, left of the centre target: solids, two-colour
  //    overprints (200 %, within any newsprint ink limit), then 50 % tints.
  const std::array<std::array<double, 4>, 11> patches{{{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1},
                                                       {1, 1, 0, 0}, {1, 0, 1, 0}, {0, 1, 1, 0},
                                                       {.5, 0, 0, 0}, {0, .5, 0, 0}, {0, 0, .5, 0}, {0, 0, 0, .5}}};
  const double patch = 4 * kMm, bar_y = trim[1] - mid - patch / 2;
  double x = xm - 10 * kMm - patches.size() * patch;
  for (const auto& c : patches) {
    pen.cmyk_fill(c);
    pen.op("%.3f %.3f %.3f %.3f re f", x, bar_y, patch, patch);
    x += patch;
  }

  // 3. The plate names, each letter in its own ink, right of the centre target.
  const std::array<std::array<double, 4>, 4> inks{{{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}};
  const double w = 2.4 * kMm, h = 3 * kMm, y0 = trim[1] - mid - h / 2;
  x = xm + 10 * kMm;
  pen.op("0.4 w 0 j");
  for (int i = 0; i < 4; ++i) {
    pen.cmyk_stroke(inks[i]);
    for (const auto& stroke : letter("CMYK"[i])) {
      for (std::size_t p = 0; p < stroke.size(); ++p) {
        pen.op(p == 0 ? "%.3f %.3f m" : "%.3f %.3f l", x + stroke[p][0] * w, y0 + stroke[p][1] * h);
      }
    }
    pen.op("S");
    x += w + 1.6 * kMm;
  }
  pen.op("Q");
  return pen.text;
}

}  // namespace zjgr::render::detail
