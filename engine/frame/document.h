// Document: the composed pages as render receives them — page boxes, one Frame per page and
// the document's metadata. Layout fills it; render draws it.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "base/geometry.h"
#include "frame/frame.h"
#include "frame/frame_store.h"

namespace zjgr::frame {

/// One composed page. Frame coordinates have their origin at the trim box's top left.
struct PageFrame {
  int number = 1;              ///< 版次
  std::string label;           ///< page label for the PDF, e.g. "第1版"
  Size trim;                   ///< the finished page size (TrimBox)
  Length bleed;                ///< added on each side for the BleedBox
  Frame frame;
};

/// What the PDF's Info dictionary says.
struct Metadata {
  std::string title;           ///< e.g. "浙江工人日报 2021年2月25日 第11752号"
  std::string author;          ///< the paper
  std::string subject;
  std::string creator = "zjgr-typeset";
  int year = 1970, month = 1, day = 1;  ///< creation date: the issue's date, never the clock
};

struct Document {
  Metadata metadata;
  std::vector<PageFrame> pages;
  /// Where layout moved the pages' frames (LayoutOptions::spill_frames), if it did: a page the
  /// store has keeps an empty `frame` in `pages`.
  std::shared_ptr<const FrameStore> frames;

  /// Page `index`'s frame: pages[index].frame, or read back from `frames` into `loaded`.
  const Frame& frame(std::size_t index, Frame& loaded) const {
    if (frames == nullptr || !frames->has(index)) return pages[index].frame;
    loaded = frames->load(index);
    return loaded;
  }
};

}  // namespace zjgr::frame
