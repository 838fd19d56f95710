// An article as the newsroom wrote it: headline group, byline and body blocks, no geometry.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/diagnostics.h"

namespace zjgr::model {

/// A body paragraph (H1: first line indented).
struct Paragraph {
  std::string text;
  SourceRef where;
};

/// A 小标题 inside the body; occupies whole grid lines (P2).
struct Subhead {
  std::string text;
  SourceRef where;
};

enum class PhotoFit { Keep, Crop };
enum class ImageFormat { Jpeg, Png };

/// A photo with caption and credit, spanning whole columns of the article.
struct Photo {
  std::string path;          ///< resolved, absolute
  std::string caption;
  std::string credit;        ///< e.g. "通讯员胡剑欢 摄"
  int span = 0;              ///< columns; 0 = all columns of the article
  std::optional<int> column; ///< 1-based column inside the article; none = first
  std::optional<int> line;   ///< grid line inside the body; none = top of the body
  PhotoFit fit = PhotoFit::Keep;
  std::optional<double> aspect;  ///< width / height to crop to (with fit = Crop)
  ImageFormat format = ImageFormat::Jpeg;  ///< from the file's signature, probed by input/
  /// From the file's header, probed by input/: the size as the photo is seen, upright — a JPEG's
  /// stored width and height swapped when its EXIF orientation turns it a quarter (5–8).
  int pixel_width = 0, pixel_height = 0;
  /// The JPEG's EXIF orientation (TIFF tag 0x0112): how the stored pixels are turned and
  /// mirrored to be seen upright. 1 = as stored, 2 mirrored left–right, 3 turned 180°, 4 mirrored
  /// top–bottom, 5 transposed, 6 turned 90° clockwise, 7 transversed, 8 turned 90° anticlockwise.
  int orientation = 1;
  SourceRef where;
};

/// Whether an EXIF orientation turns the picture a quarter, so that width and height swap.
inline bool orientation_swaps_axes(int orientation) { return orientation >= 5 && orientation <= 8; }

using Block = std::variant<Paragraph, Subhead, Photo>;

struct Article {
  std::string id;
  std::string kicker;        ///< 引题
  std::string headline;      ///< 主题
  std::string subheadline;   ///< 副题
  std::string byline;
  std::vector<Block> body;
  std::optional<int> columns;  ///< 破栏: the article's own column count inside its area
  bool sequential_columns = false;  ///< "column_fill": "sequential": each column filled before the next, not balanced
  bool box = false;            ///< ruled box around the article
  std::optional<std::string> shade;  ///< 底纹: the area's background, sRGB "#rrggbb"
  std::string file;            ///< the article file, for diagnostics
  std::string body_file;       ///< the body_file as resolved (relative to the working folder); empty for an inline body
  SourceRef where;
};

}  // namespace zjgr::model
