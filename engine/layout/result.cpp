#include "layout/result.h"

namespace zjgr::layout {

std::string_view to_string(LineRole role) {
  switch (role) {
    case LineRole::Body: return "body";
    case LineRole::Headline: return "headline";
    case LineRole::Kicker: return "kicker";
    case LineRole::Subheadline: return "subheadline";
    case LineRole::Byline: return "byline";
    case LineRole::Subhead: return "subhead";
    case LineRole::Caption: return "caption";
    case LineRole::Jump: return "jump";
    case LineRole::Template: return "template";
    case LineRole::Proof: return "proof";
  }
  return "body";
}

std::string_view to_string(FitResult result) {
  switch (result) {
    case FitResult::AsSet: return "as-set";
    case FitResult::Fitted: return "fitted";
    case FitResult::Overset: return "overset";
    case FitResult::Underset: return "underset";
  }
  return "as-set";
}

}  // namespace zjgr::layout
