// CLREQ character classes (CLREQ-RULES.md C1–C9): which class a code point belongs to, for the
// composer's prohibition, compression and spacing rules. Knows nothing of fonts or geometry.
#pragma once

#include <cstdint>

namespace zjgr::text {

/// The class of a character as the Chinese layout rules see it.
enum class CharClass : std::uint8_t {
  OpeningMark,     ///< C2 开始夹注: “ ‘ （ 《 〈 「 『 【 〖 〔 ［ ｛ and ASCII ( [ {
  ClosingMark,     ///< C3 结束夹注: ” ’ ） 》 〉 」 』 】 〗 〕 ］ ｝ and ASCII ) ] }
  Pause,           ///< C1 点号 inside a sentence: 、 ， ； ： and ASCII , ; :
  Stop,            ///< C1 点号 ending a sentence: 。 ？ ！ ． and ASCII . ? !
  Middle,          ///< C6 间隔号: · U+00B7, ・ U+30FB, ‧ U+2027
  Dash,            ///< C4 破折号 half: — U+2014, ― U+2015, ⸺ U+2E3A, ⸻ U+2E3B
  Ellipsis,        ///< C4 省略号 half: … U+2026, ⋯ U+22EF
  Connector,       ///< C5 连接号: – U+2013, ～ U+FF5E, ~, ‐ U+2010, ‑ U+2011, -
  Solidus,         ///< C7 分隔号: / U+002F, ／ U+FF0F
  Han,             ///< ideographs (and other full-width letters set on the character grid)
  Kana,            ///< hiragana and katakana
  LatinLetter,     ///< Latin, Greek, Cyrillic letters
  Digit,           ///< European digits 0–9
  NumericPrefix,   ///< C9 prefixes: $ ¥ ￥ £ € ＄ #
  NumericPostfix,  ///< C9 postfixes: % ‰ ℃ ℉ ° ％ ′ ″
  Space,           ///< U+0020, U+00A0, U+3000 and other spaces
  Other,           ///< anything else
};

/// The CLREQ class of `cp`.
CharClass classify(char32_t cp);

/// The class's name in kebab case, for dumps and test messages ("opening-mark").
const char* to_string(CharClass c);

/// True for the CLREQ punctuation classes (opening … solidus).
constexpr bool is_punctuation(CharClass c) {
  return c <= CharClass::Solidus;
}

/// True for characters set on the character grid (Han, Kana).
constexpr bool is_ideographic(CharClass c) {
  return c == CharClass::Han || c == CharClass::Kana;
}

}  // namespace zjgr::text
