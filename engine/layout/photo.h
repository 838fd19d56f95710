// A photo block: the image scaled to whole columns, its caption and credit set under it, all in
// whole grid lines so that the text beside and below stays on the baseline grid.
#pragma once

#include <string>

#include "frame/frame.h"
#include "layout/grid.h"
#include "layout/result.h"
#include "layout/styles.h"
#include "model/article.h"

namespace zjgr::layout {

struct PhotoBlock {
  frame::Frame frame;               ///< origin at the top of its first grid line box
  std::vector<LineRecord> records;  ///< caption lines, relative to the block
  int lines = 0;                    ///< grid lines occupied, including the space below
  Size image;                       ///< placed size of the image
  double visible_width = 1;         ///< the part of the picture's width shown (1 = uncropped)
  bool refused = false;             ///< not placed ("photo-refused"): the block is empty, 0 lines
};

/// The picture's width / height as placed: its `aspect` when it is cropped ("fit": "crop"), else
/// its pixels' (1.5 when they are unknown).
double shown_aspect(const model::Photo& photo);

/// The photo at `width`. One that would be taller than the type area, or under 1 mm tall, is
/// refused: a "photo-refused" warning at the photo and an empty block (PhotoBlock::refused).
PhotoBlock photo_block(const model::Photo& photo, Length width, const PageGrid& grid, StyleBook& styles,
                       Diagnostics& diagnostics);

/// The report of a placed photo (`block`: the photo with its caption, relative to its area) with
/// its effective resolution; a "low-resolution-photo" warning under 200 ppi.
PhotoReport photo_report(int page, const std::string& article, const model::Photo& photo, const PhotoBlock& placed,
                         Rect block, Diagnostics& diagnostics);

}  // namespace zjgr::layout
