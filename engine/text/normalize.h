// Punctuation normalisation: half-width , . : ; ? ! ( ) typed in Chinese text become the
// full-width marks the paper prints (a style option). Pure text in, text out.
#pragma once

#include <string>
#include <string_view>

namespace zjgr::text {

/// Replaces half-width punctuation typed next to Han characters with its full-width form
/// (， 。 ： ； ？ ！ （ ）) and drops the spaces typed after such a mark before Han text.
/// Marks between two digits or two Latin letters ("4,000", "12:30", "www.a.com") are kept.
/// `replaced` is set to the number of marks replaced. Invalid UTF-8 is copied unchanged.
std::string normalize_punctuation(std::string_view utf8, int& replaced);

}  // namespace zjgr::text
