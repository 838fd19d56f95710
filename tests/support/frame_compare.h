// Deep comparison of frames for tests: where two frame trees first differ, or "" when they are
// the same item for item (groups compared by content, not by pointer).
#pragma once

#include <cstddef>
#include <string>
#include <variant>

#include "frame/frame.h"

namespace zjgr::test {

inline std::string frame_difference(const frame::Frame& a, const frame::Frame& b, const std::string& where = "frame") {
  if (!(a.size == b.size)) return where + ": size";
  if (a.items.size() != b.items.size()) {
    return where + ": " + std::to_string(a.items.size()) + " against " + std::to_string(b.items.size()) + " items";
  }
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    const std::string at = where + ".items[" + std::to_string(i) + "]";
    const auto& [pa, ia] = a.items[i];
    const auto& [pb, ib] = b.items[i];
    if (!(pa == pb)) return at + ": position";
    if (ia.index() != ib.index()) return at + ": kind";
    if (const auto* x = std::get_if<frame::GlyphRunItem>(&ia)) {
      const auto& y = std::get<frame::GlyphRunItem>(ib);
      if (x->font != y.font || !(x->size == y.size) || !(x->color == y.color) || x->text != y.text ||
          x->x_scale != y.x_scale) {
        return at + ": run";
      }
      if (x->glyphs.size() != y.glyphs.size() || x->clusters.size() != y.clusters.size()) return at + ": run length";
      for (std::size_t g = 0; g < x->glyphs.size(); ++g) {
        if (x->glyphs[g].id != y.glyphs[g].id || !(x->glyphs[g].at == y.glyphs[g].at)) return at + ": glyph";
      }
      for (std::size_t c = 0; c < x->clusters.size(); ++c) {
        if (x->clusters[c].bytes != y.clusters[c].bytes || x->clusters[c].glyphs != y.clusters[c].glyphs) {
          return at + ": cluster";
        }
      }
    } else if (const auto* im = std::get_if<frame::ImageItem>(&ia)) {
      const auto& im2 = std::get<frame::ImageItem>(ib);
      if (im->path != im2.path || !(im->size == im2.size) || im->crop_left != im2.crop_left || im->crop_top != im2.crop_top ||
          im->crop_right != im2.crop_right || im->crop_bottom != im2.crop_bottom || im->orientation != im2.orientation) {
        return at + ": image";
      }
    } else if (const auto* ru = std::get_if<frame::RuleItem>(&ia)) {
      const auto& ru2 = std::get<frame::RuleItem>(ib);
      if (!(ru->to == ru2.to) || !(ru->thickness == ru2.thickness) || !(ru->color == ru2.color)) return at + ": rule";
    } else if (const auto* bx = std::get_if<frame::BoxItem>(&ia)) {
      const auto& bx2 = std::get<frame::BoxItem>(ib);
      if (!(bx->size == bx2.size) || bx->fill != bx2.fill || bx->stroke != bx2.stroke || !(bx->stroke_width == bx2.stroke_width)) {
        return at + ": box";
      }
    } else if (const auto* mk = std::get_if<frame::MarkItem>(&ia)) {
      const auto& mk2 = std::get<frame::MarkItem>(ib);
      if (mk->title != mk2.title || mk->level != mk2.level) return at + ": mark";
    } else {
      const auto& ga = std::get<frame::GroupItem>(ia);
      const auto& gb = std::get<frame::GroupItem>(ib);
      if (ga.clip != gb.clip || ga.proof_only != gb.proof_only || ga.quarter_turns != gb.quarter_turns) return at + ": group";
      if ((ga.frame == nullptr) != (gb.frame == nullptr)) return at + ": group frame";
      if (ga.frame) {
        if (std::string d = frame_difference(*ga.frame, *gb.frame, at); !d.empty()) return d;
      }
    }
  }
  return "";
}

}  // namespace zjgr::test
