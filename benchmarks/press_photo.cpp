// zjgr-press-photo (issue 14): the camera-sized test photos of the press benchmark, made by
// scripts/make-press-photo. An outdoor scene — graded sky with soft clouds and the sun's glow,
// hazy mountain ridges, a town of buildings with windows, a road in perspective, trees and
// people — with what makes a real photo cost what it costs to decode and compress: smooth
// gradients, hard edges (roofs, windows, ridges), texture on surfaces (foliage, walls, ground)
// and sensor grain. Not flat colour, which compresses to nothing, nor pure noise, which does not
// compress at all. The seed picks the light (noon, golden hour, overcast, dusk), the horizon and
// every object; the same seed gives the same bytes (own PRNG, Cairo and libjpeg's integer DCT).
//
// Usage: zjgr-press-photo SEED OUT.jpg [WIDTH HEIGHT [QUALITY]]   (default 6000 4000 90)
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include <cairo.h>
#include <jpeglib.h>  // after <cstdio>: it needs FILE and size_t

namespace {

constexpr double kUnitsW = 1500, kUnitsH = 1000;  // the scene's coordinates, scaled to the photo

/// splitmix64: small, fast, and the same numbers on every machine.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double uniform(double a = 0, double b = 1) { return a + (b - a) * static_cast<double>(next() >> 11) * 0x1p-53; }
  int integer(int a, int b) { return a + static_cast<int>(next() % static_cast<std::uint64_t>(b - a + 1)); }

 private:
  std::uint64_t s_;
};

struct Rgb {
  double r, g, b;  // 0…255
};
Rgb mix(Rgb a, Rgb b, double t) { return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t}; }
Rgb jitter(Rng& rng, Rgb c, double amount) {
  return {c.r + rng.uniform(-amount, amount), c.g + rng.uniform(-amount, amount), c.b + rng.uniform(-amount, amount)};
}
void source(cairo_t* cr, Rgb c, double alpha = 1) {
  auto f = [](double v) { return std::clamp(v, 0.0, 255.0) / 255; };
  cairo_set_source_rgba(cr, f(c.r), f(c.g), f(c.b), alpha);
}
void add_stop(cairo_pattern_t* p, double at, Rgb c, double alpha = 1) {
  cairo_pattern_add_color_stop_rgba(p, at, c.r / 255, c.g / 255, c.b / 255, alpha);
}

/// The light of a scene: sky top and horizon, haze (far things fade into it), sunlight, shadow,
/// ground far and near.
struct Light {
  Rgb top, horizon, haze, sun, shadow, far, near;
};
const Light kLights[] = {
    {{62, 112, 186}, {176, 204, 228}, {170, 192, 212}, {255, 246, 225}, {40, 52, 70}, {128, 140, 96}, {86, 104, 52}},
    {{70, 98, 160}, {246, 196, 130}, {226, 180, 140}, {255, 214, 150}, {60, 40, 48}, {160, 134, 90}, {96, 84, 40}},
    {{150, 156, 164}, {206, 208, 210}, {192, 194, 196}, {236, 236, 236}, {70, 74, 80}, {124, 130, 112}, {74, 88, 60}},
    {{30, 40, 88}, {220, 120, 96}, {150, 110, 120}, {255, 170, 120}, {24, 22, 40}, {90, 80, 84}, {40, 44, 36}},
};

void ellipse(cairo_t* cr, double x, double y, double rx, double ry) {
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_scale(cr, rx, ry);
  cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
  cairo_restore(cr);
}

/// A soft round blob: a radial gradient from `c` to transparent, stretched to rx × ry.
void glow(cairo_t* cr, double x, double y, double rx, double ry, Rgb c, double alpha) {
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_scale(cr, rx, ry);
  cairo_pattern_t* p = cairo_pattern_create_radial(0, 0, 0, 0, 0, 1);
  add_stop(p, 0, c, alpha);
  add_stop(p, 0.5, c, alpha * 0.6);
  add_stop(p, 1, c, 0);
  cairo_set_source(cr, p);
  cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
  cairo_fill(cr);
  cairo_pattern_destroy(p);
  cairo_restore(cr);
}

/// Sky and ground as gradients, the sun's glow and clouds: no hard edge anywhere.
void background(cairo_t* cr, Rng& rng, const Light& light, double horizon, double sun_x, double sun_y) {
  cairo_pattern_t* sky = cairo_pattern_create_linear(0, 0, 0, horizon);
  for (int i = 0; i <= 8; ++i) add_stop(sky, i / 8.0, mix(light.top, light.horizon, std::pow(i / 8.0, 1.6)));
  cairo_set_source(cr, sky);
  cairo_rectangle(cr, 0, 0, kUnitsW, horizon);
  cairo_fill(cr);
  cairo_pattern_destroy(sky);
  cairo_pattern_t* ground = cairo_pattern_create_linear(0, horizon, 0, kUnitsH);
  for (int i = 0; i <= 8; ++i) add_stop(ground, i / 8.0, mix(light.far, light.near, std::pow(i / 8.0, 0.7)));
  cairo_set_source(cr, ground);
  cairo_rectangle(cr, 0, horizon, kUnitsW, kUnitsH - horizon);
  cairo_fill(cr);
  cairo_pattern_destroy(ground);
  glow(cr, sun_x, sun_y, 260, 260, light.sun, 0.55);
  const int clouds = rng.integer(6, 18);
  for (int i = 0; i < clouds; ++i) {
    const double cx = rng.uniform(-100, kUnitsW + 100), cy = rng.uniform(20, horizon * 0.75);
    const Rgb shade = mix(light.sun, light.shadow, rng.uniform(0.05, 0.35));
    const int puffs = rng.integer(3, 8);
    for (int k = 0; k < puffs; ++k) {
      glow(cr, cx + rng.uniform(-120, 120), cy + rng.uniform(-25, 25), rng.uniform(50, 160), rng.uniform(16, 45),
           jitter(rng, shade, 12), rng.uniform(0.5, 0.9));
    }
  }
}

/// A ridge line by midpoint displacement, from x = -20 to the right edge + 20, around height y.
std::vector<std::pair<double, double>> ridge(Rng& rng, double y, double roughness) {
  std::vector<std::pair<double, double>> points{{-20, y + rng.uniform(-40, 40)},
                                                {kUnitsW + 20, y + rng.uniform(-40, 40)}};
  for (int level = 0; level < 9; ++level, roughness *= 0.55) {
    std::vector<std::pair<double, double>> next;
    for (std::size_t i = 0; i + 1 < points.size(); ++i) {
      next.push_back(points[i]);
      next.push_back({(points[i].first + points[i + 1].first) / 2,
                      (points[i].second + points[i + 1].second) / 2 + rng.uniform(-roughness, roughness)});
    }
    next.push_back(points.back());
    points = std::move(next);
  }
  return points;
}

void rectangle(cairo_t* cr, Rgb c, double x0, double y0, double x1, double y1) {
  source(cr, c);
  cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
  cairo_fill(cr);
}

/// A building: lit front, shaded side wall, roof edge, a grid of windows (a few lit).
void building(cairo_t* cr, Rng& rng, const Light& light, double x, double base, double width, double height) {
  static const Rgb walls[] = {{196, 186, 168}, {170, 150, 130}, {210, 206, 198}, {150, 120, 100}, {120, 126, 134}};
  const Rgb wall = mix(jitter(rng, walls[rng.integer(0, 4)], 15), light.sun, 0.15);
  const double top = base - height, depth = width * rng.uniform(0.15, 0.3);
  const double side = rng.uniform() < 0.5 ? x - depth : x + width;
  rectangle(cr, wall, x, top, x + width, base);
  source(cr, mix(wall, light.shadow, 0.45));
  cairo_move_to(cr, side, top + 6);
  cairo_line_to(cr, side + depth, top);
  cairo_line_to(cr, side + depth, base);
  cairo_line_to(cr, side, base);
  cairo_fill(cr);
  rectangle(cr, mix(wall, light.shadow, 0.6), x - 3, top - 6, x + width + 3, top + 2);
  const int cols = std::max(2, static_cast<int>(width / rng.uniform(14, 22)));
  const int rows = std::max(2, static_cast<int>(height / rng.uniform(16, 26)));
  const double cw = width / cols, rh = height / rows;
  const Rgb glass = jitter(rng, mix(light.shadow, light.top, 0.35), 10);
  for (int r = 0; r + 1 < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      const Rgb colour = rng.uniform() < 0.12 ? mix(glass, light.sun, 0.7) : jitter(rng, glass, 14);
      const double wx = x + c * cw + cw * 0.25, wy = top + 8 + r * rh + rh * 0.2;
      rectangle(cr, colour, wx, wy, wx + cw * 0.5, wy + rh * 0.55);
    }
  }
}

/// A trunk and a crown of overlapping leaf masses, darker underneath.
void tree(cairo_t* cr, Rng& rng, const Light& light, double x, double base, double size) {
  static const Rgb greens[] = {{52, 86, 40}, {70, 100, 46}, {40, 70, 44}, {90, 104, 50}};
  const Rgb green = jitter(rng, greens[rng.integer(0, 3)], 10);
  rectangle(cr, mix({70, 50, 36}, light.shadow, 0.3), x - size * 0.07, base - size * 0.9, x + size * 0.07, base);
  const int masses = rng.integer(7, 14);
  for (int i = 0; i < masses; ++i) {
    const double t = rng.uniform();
    source(cr, jitter(rng, mix(mix(green, light.shadow, 0.5), mix(green, light.sun, 0.25), t), 8));
    ellipse(cr, x + rng.uniform(-0.45, 0.45) * size, base - size * (0.95 + 0.5 * t) + rng.uniform(-0.15, 0.15) * size,
            rng.uniform(0.22, 0.4) * size, rng.uniform(0.18, 0.32) * size);
    cairo_fill(cr);
  }
}

/// A standing figure: legs, coat, head, hair.
void person(cairo_t* cr, Rng& rng, double x, double base, double height) {
  static const Rgb coats[] = {{40, 48, 70}, {150, 40, 36}, {60, 80, 60}, {200, 170, 120}, {30, 30, 34}, {90, 110, 150}};
  const double w = height * 0.14, head = height * 0.065;
  rectangle(cr, {42, 42, 48}, x - w * 0.45, base - height * 0.45, x + w * 0.45, base);
  source(cr, jitter(rng, coats[rng.integer(0, 5)], 10));
  cairo_new_sub_path(cr);
  const double x0 = x - w, y0 = base - height * 0.85, x1 = x + w, y1 = base - height * 0.42, r = w * 0.4;
  cairo_arc(cr, x0 + r, y0 + r, r, M_PI, 1.5 * M_PI);
  cairo_arc(cr, x1 - r, y0 + r, r, 1.5 * M_PI, 2 * M_PI);
  cairo_line_to(cr, x1, y1);
  cairo_line_to(cr, x0, y1);
  cairo_fill(cr);
  source(cr, {200, 154, 122});
  ellipse(cr, x, base - height * 0.92, head, head * 1.2);
  cairo_fill(cr);
  source(cr, {30, 26, 24});
  cairo_save(cr);
  cairo_translate(cr, x, base - height * 0.94);
  cairo_scale(cr, head * 1.05, head);
  cairo_arc(cr, 0, 0, 1, M_PI, 2 * M_PI);
  cairo_restore(cr);
  cairo_fill(cr);
}

/// Everything with an edge: ridges, the town, the road, trees and people.
void objects(cairo_t* cr, Rng& rng, const Light& light, double horizon) {
  const int layers = rng.integer(2, 3);
  for (int i = 0; i < layers; ++i) {
    const double t = (i + 1.0) / (layers + 1);
    source(cr, mix(light.haze, mix(light.far, light.shadow, 0.4), t));
    const auto points = ridge(rng, horizon - rng.uniform(60, 200) * (1 - t * 0.6), rng.uniform(60, 130));
    for (const auto& [x, y] : points) cairo_line_to(cr, x, y);
    cairo_line_to(cr, kUnitsW + 20, horizon + 5);
    cairo_line_to(cr, -20, horizon + 5);
    cairo_fill(cr);
  }
  for (double x = rng.uniform(-60, 40); x < kUnitsW;) {
    const double width = rng.uniform(50, 150);
    if (rng.uniform() < 0.85) building(cr, rng, light, x, horizon + rng.uniform(10, 40), width, rng.uniform(60, 260));
    x += width + rng.uniform(5, 60);
  }
  const double vx = rng.uniform(400, 1100), road_top = horizon + 40;  // the road's vanishing point
  source(cr, mix({96, 94, 92}, light.sun, 0.1));
  cairo_move_to(cr, vx - 8, road_top);
  cairo_line_to(cr, vx + 8, road_top);
  cairo_line_to(cr, vx + 520, kUnitsH);
  cairo_line_to(cr, vx - 520, kUnitsH);
  cairo_fill(cr);
  for (int k = 0; k < 12; ++k) {  // the dashed centre line, longer as it comes closer
    const double a = std::pow(k / 12.0, 1.8), b = std::pow((k + 0.5) / 12, 1.8);
    const double ya = road_top + a * (kUnitsH - road_top), yb = road_top + b * (kUnitsH - road_top);
    source(cr, {232, 226, 204});
    cairo_move_to(cr, vx - 1 - 8 * a, ya);
    cairo_line_to(cr, vx + 1 + 8 * a, ya);
    cairo_line_to(cr, vx + 1 + 8 * b, yb);
    cairo_line_to(cr, vx - 1 - 8 * b, yb);
    cairo_fill(cr);
  }
  const int trees = rng.integer(6, 16);
  for (int i = 0; i < trees; ++i) {
    const double base = rng.uniform(horizon + 30, kUnitsH + 40), depth = (base - horizon) / (kUnitsH - horizon);
    const double x = rng.uniform(0, kUnitsW);
    if (std::abs(x - vx) >= 80 + 520 * depth) tree(cr, rng, light, x, base, 60 + 340 * depth);  // not on the road
  }
  const int people = rng.integer(2, 7);
  for (int i = 0; i < people; ++i) {
    const double base = rng.uniform(horizon + 120, kUnitsH - 10), depth = (base - horizon) / (kUnitsH - horizon);
    person(cr, rng, rng.uniform(60, kUnitsW - 60), base, 40 + 260 * depth);
  }
}

/// Value noise: a grid of random values every `cell` pixels, bilinearly interpolated (−1…1).
class ValueNoise {
 public:
  ValueNoise(Rng& rng, int width, int height, int cell) : cell_(cell), w_(width / cell + 2), h_(height / cell + 2) {
    grid_.resize(static_cast<std::size_t>(w_) * h_);
    for (float& v : grid_) v = static_cast<float>(rng.uniform(-1, 1));
  }
  float at(int x, int y) const {
    const int gx = x / cell_, gy = y / cell_;
    const float fx = static_cast<float>(x % cell_) / static_cast<float>(cell_);
    const float fy = static_cast<float>(y % cell_) / static_cast<float>(cell_);
    const float* r0 = &grid_[static_cast<std::size_t>(gy) * w_ + gx];
    const float* r1 = r0 + w_;
    return (r0[0] * (1 - fx) + r0[1] * fx) * (1 - fy) + (r1[0] * (1 - fx) + r1[1] * fx) * fy;
  }

 private:
  int cell_, w_, h_;
  std::vector<float> grid_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 5 && argc != 6) {
    std::fprintf(stderr, "usage: zjgr-press-photo SEED OUT.jpg [WIDTH HEIGHT [QUALITY]]\n");
    return 1;
  }
  const std::uint64_t seed = std::strtoull(argv[1], nullptr, 10);
  const std::string out = argv[2];
  const int width = argc >= 5 ? std::atoi(argv[3]) : 6000, height = argc >= 5 ? std::atoi(argv[4]) : 4000;
  const int quality = argc == 6 ? std::atoi(argv[5]) : 90;
  if (width < 16 || height < 16 || width > 16000 || height > 16000 || quality < 1 || quality > 100) {
    std::fprintf(stderr, "zjgr-press-photo: size 16…16000 pixels a side, quality 1…100\n");
    return 1;
  }

  // 1. The scene, drawn in 1500 × 1000 units: background, then the objects on a layer of their
  //    own, whose coverage says where surface texture goes.
  Rng rng(seed * 0x2545f4914f6cdd1dull + 1);
  const Light& light = kLights[rng.integer(0, 3)];
  const double horizon = rng.uniform(380, 620);
  const double sun_x = rng.uniform(150, kUnitsW - 150), sun_y = rng.uniform(horizon * 0.2, horizon * 0.8);
  cairo_surface_t* photo = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_surface_t* layer = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
  for (cairo_surface_t* s : {photo, layer}) {
    cairo_t* cr = cairo_create(s);
    cairo_scale(cr, width / kUnitsW, height / kUnitsH);
    if (s == photo) {
      background(cr, rng, light, horizon, sun_x, sun_y);
    } else {
      objects(cr, rng, light, horizon);
    }
    cairo_destroy(cr);
  }
  cairo_t* cr = cairo_create(photo);
  cairo_set_source_surface(cr, layer, 0, 0);
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_flush(photo);

  // 2. Row by row into the JPEG: texture on objects and ground (blotches of ~5 and ~40 pixels
  //    and a fine one of 2), light falling off from the sun (vignetting), sensor grain.
  std::FILE* file = std::fopen((out + ".tmp").c_str(), "wb");
  if (file == nullptr) {
    std::perror(out.c_str());
    return 1;
  }
  jpeg_compress_struct cinfo{};
  jpeg_error_mgr err{};
  cinfo.err = jpeg_std_error(&err);
  jpeg_create_compress(&cinfo);
  jpeg_stdio_dest(&cinfo, file);
  cinfo.image_width = static_cast<JDIMENSION>(width);
  cinfo.image_height = static_cast<JDIMENSION>(height);
  cinfo.input_components = 3;
  cinfo.in_color_space = JCS_RGB;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, quality, TRUE);  // 4:2:0, as cameras write
  cinfo.dct_method = JDCT_ISLOW;
  jpeg_start_compress(&cinfo, TRUE);
  const ValueNoise fine(rng, width, height, 2), blotch(rng, width, height, 5), mottle(rng, width, height, 40);
  const double sx = sun_x * width / kUnitsW, sy = sun_y * height / kUnitsH;
  const double reach = std::hypot(std::max(sx, width - sx), std::max(sy, height - sy));
  const double vignette = rng.uniform(0.25, 0.45);
  const int ground = static_cast<int>(horizon * height / kUnitsH);
  std::vector<unsigned char> row(static_cast<std::size_t>(width) * 3);
  const unsigned char* pixels = cairo_image_surface_get_data(photo);
  const unsigned char* cover = cairo_image_surface_get_data(layer);
  const int stride = cairo_image_surface_get_stride(photo);
  for (int y = 0; y < height; ++y) {
    const auto* p = reinterpret_cast<const std::uint32_t*>(pixels + static_cast<std::size_t>(y) * stride);
    const auto* a = reinterpret_cast<const std::uint32_t*>(cover + static_cast<std::size_t>(y) * stride);
    for (int x = 0; x < width; ++x) {
      const float mask = y >= ground ? 1.0f : static_cast<float>(a[x] >> 24) / 255;
      const float texture = mask * (0.10f * fine.at(x, y) + 0.14f * blotch.at(x, y) + 0.10f * mottle.at(x, y));
      const double d = std::hypot(x - sx, y - sy) / reach;
      const float light_falloff = static_cast<float>(1 - vignette * d * d);
      const float gain = (1 + texture) * light_falloff;
      // Two uniform numbers summed: a triangular grain of ±5 levels, a little rougher than Gaussian.
      const float u1 = static_cast<float>(rng.next() >> 40) * 0x1p-24f, u2 = static_cast<float>(rng.next() >> 40) * 0x1p-24f;
      const float grain = u1 + u2 - 1;
      for (int c = 0; c < 3; ++c) {
        const float v = static_cast<float>((p[x] >> (16 - 8 * c)) & 0xff) * gain + 5 * grain;
        row[static_cast<std::size_t>(x) * 3 + c] = static_cast<unsigned char>(std::clamp(v + 0.5f, 0.0f, 255.0f));
      }
    }
    JSAMPROW r = row.data();
    jpeg_write_scanlines(&cinfo, &r, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  const bool written = std::fclose(file) == 0;
  cairo_surface_destroy(layer);
  cairo_surface_destroy(photo);
  if (!written || std::rename((out + ".tmp").c_str(), out.c_str()) != 0) {
    std::perror(out.c_str());
    return 1;
  }
  return 0;
}
