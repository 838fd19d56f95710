#include "model/issue.h"

namespace zjgr::model {

int Date::weekday() const {
  // Sakamoto's method, Gregorian calendar.
  static constexpr int kOffsets[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  int y = month < 3 ? year - 1 : year;
  return (y + y / 4 - y / 100 + y / 400 + kOffsets[(month - 1) % 12] + day) % 7;
}

}  // namespace zjgr::model
