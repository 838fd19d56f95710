// Lengths in fixed point: 1/65536 pt (TeX's scaled point), so that sums of widths are exact
// and layout is deterministic across machines. Owns no unit parsing (see units.h).
#pragma once

#include <compare>
#include <cstdint>
#include <cmath>

namespace zjgr {

/// A signed length in scaled points (1 pt = 65536 sp; 1 pt = 1/72 in).
class Length {
 public:
  static constexpr std::int64_t kSpPerPt = 65536;

  constexpr Length() = default;
  static constexpr Length sp(std::int64_t v) { return Length(v); }
  static constexpr Length pt(double v) { return Length(static_cast<std::int64_t>(std::llround(v * kSpPerPt))); }
  static constexpr Length mm(double v) { return pt(v * 72.0 / 25.4); }
  static constexpr Length zero() { return Length(); }

  constexpr std::int64_t raw() const { return sp_; }
  constexpr double to_pt() const { return static_cast<double>(sp_) / kSpPerPt; }
  constexpr double to_mm() const { return to_pt() * 25.4 / 72.0; }

  constexpr Length operator+(Length o) const { return Length(sp_ + o.sp_); }
  constexpr Length operator-(Length o) const { return Length(sp_ - o.sp_); }
  constexpr Length operator-() const { return Length(-sp_); }
  constexpr Length& operator+=(Length o) { sp_ += o.sp_; return *this; }
  constexpr Length& operator-=(Length o) { sp_ -= o.sp_; return *this; }
  /// Scaling rounds to the nearest scaled point.
  constexpr Length operator*(double f) const { return Length(static_cast<std::int64_t>(std::llround(static_cast<double>(sp_) * f))); }
  constexpr Length operator*(std::int64_t n) const { return Length(sp_ * n); }
  constexpr Length operator*(int n) const { return Length(sp_ * n); }
  constexpr Length operator/(std::int64_t n) const { return Length(sp_ / n); }
  constexpr Length operator/(int n) const { return Length(sp_ / n); }
  constexpr double operator/(Length o) const { return static_cast<double>(sp_) / static_cast<double>(o.sp_); }
  constexpr auto operator<=>(const Length&) const = default;

 private:
  constexpr explicit Length(std::int64_t v) : sp_(v) {}
  std::int64_t sp_ = 0;
};

constexpr Length max(Length a, Length b) { return a < b ? b : a; }
constexpr Length min(Length a, Length b) { return a < b ? a : b; }

}  // namespace zjgr
