// Building items: shaped text → boxes, glue and penalties by the CLREQ rules (CLREQ-RULES.md
// B1–B9, U1–U4, D1–D7, E1, F1–F2, G2–G3 levels, H1–H2), with ICU's line BreakIterator
// (text/line_breaks.h) as the source of break opportunities where no CLREQ class decides.
// Every Chinese rule of the composer lives here; the breaker only sees metrics.
#pragma once

#include "compose/item.h"
#include "compose/style.h"
#include "text/glyph_run.h"

namespace zjgr::compose {

/// Tuned spacing amounts, in em of the paragraph's size.
struct SpacingParams {
  double inter_stretch = 0.25;   ///< G3(3): stretch of each breakable inter-character gap
  double inter_shrink = 0.04;    ///< a little shrink between ideographs (never a whole character)
  double han_latin = 0.25;       ///< F1: ¼ em between Han and Latin/digits
  double han_latin_stretch = 0.25;  ///< G3(2): up to ½ em
  double han_latin_shrink = 0.125;  ///< G2(6): down to ⅛ em
  int space_break_penalty = -100;   ///< a typed space between Han text is a preferred break
  int url_break_penalty = 500;      ///< breaking inside a URL is possible but costly
  double url_line_end_fill = 3;     ///< a line broken inside a URL may end this much short, flush left
  /// B6: a break inside a run of three marks (a closing mark then starts the line). 3000² =
  /// 9·10⁶ demerits, more than ten lines at the loosest tolerated ratio (2: 810² each), so it
  /// is taken only when keeping the run whole leaves no line within the tolerance.
  int three_punctuation_penalty = 3000;
  /// B9 (phrase breaking only): a break inside a word or inside 《…》 “…”. 5000² demerits
  /// outweigh any number of ragged headline lines, so it is taken only when nothing else fits.
  int inside_word_penalty = 5000;
  /// B9: a break before a one-character word (生产|线): avoided, not reported.
  int short_word_penalty = 1000;
};

/// The item list of a shaped paragraph: one box per glyph cluster (indent box first), glue
/// and penalties between them, ending with P(inf) G(0pt+fil) P(-inf). Computes the paragraph's
/// UAX #14 opportunities once (text::line_breaks); linear in the length of the text.
ItemList build_items(const text::ShapedText& shaped, const ParagraphStyle& style, const SpacingParams& spacing = {});

}  // namespace zjgr::compose
