// Item notation for tests (SILE style): parse "H<10pt> G<0pt+1pt-0pt> P(inf)" into items and
// print items and breaks back, so compose tests read like node lists.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compose/item.h"
#include "compose/linebreak.h"

namespace zjgr::test {

/// Items from notation: H<w>, G<w+y-z>, G<w+fil>, P(n|inf|-inf[,f]) with an optional <w> after
/// a penalty. Lengths in pt. A malformed token fails the current test and is skipped.
compose::ItemList items(std::string_view notation);

/// Items in the same notation; with `text`, a box that draws text prints as that text followed
/// by its width ("，<4.5pt>"), so tests can say which character is where.
std::string print(const compose::ItemList& items, std::string_view text = {});

/// Lines as box letters: "HHHH|HHHH|HH" (one H per box, | between lines).
std::string lines(const compose::ItemList& items, const std::vector<compose::Break>& breaks);

}  // namespace zjgr::test
