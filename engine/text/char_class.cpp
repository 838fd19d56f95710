// CLREQ character classes: table-driven classification of code points (CLREQ-RULES.md C1–C9).
#include "text/char_class.h"

namespace zjgr::text {

CharClass classify(char32_t cp) {
  switch (cp) {
    // C2 opening brackets.
    case U'“': case U'‘': case U'（': case U'《': case U'〈': case U'「': case U'『':
    case U'【': case U'〖': case U'〔': case U'［': case U'｛': case U'〘': case U'〚':
    case U'(': case U'[': case U'{': case U'｟':
      return CharClass::OpeningMark;
    // C3 closing brackets.
    case U'”': case U'’': case U'）': case U'》': case U'〉': case U'」': case U'』':
    case U'】': case U'〗': case U'〕': case U'］': case U'｝': case U'〙': case U'〛':
    case U')': case U']': case U'}': case U'｠':
      return CharClass::ClosingMark;
    // C1 pause marks.
    case U'、': case U'，': case U'；': case U'：': case U',': case U';': case U':':
    case U'､':
      return CharClass::Pause;
    // C1 stop marks.
    case U'。': case U'？': case U'！': case U'．': case U'.': case U'?': case U'!':
    case U'｡': case U'‼': case U'⁇': case U'⁈': case U'⁉':
      return CharClass::Stop;
    // C6 interpunct.
    case U'·': case U'・': case U'‧': case U'･':
      return CharClass::Middle;
    // C4 dash halves.
    case U'—': case U'―': case U'⸺': case U'⸻':
      return CharClass::Dash;
    // C4 ellipsis halves.
    case U'…': case U'⋯':
      return CharClass::Ellipsis;
    // C5 connectors.
    case U'–': case U'～': case U'~': case U'‐': case U'‑': case U'-': case U'〜':
      return CharClass::Connector;
    // C7 solidus.
    case U'/': case U'／':
      return CharClass::Solidus;
    // C9 numeric prefixes and postfixes.
    case U'$': case U'¥': case U'￥': case U'£': case U'€': case U'＄': case U'#': case U'＃':
    case U'￡':
      return CharClass::NumericPrefix;
    case U'%': case U'‰': case U'℃': case U'℉': case U'°': case U'％': case U'′': case U'″':
    case U'‱':
      return CharClass::NumericPostfix;
    // Spaces.
    case U' ': case U'\u00A0': case U'\u3000': case U'\t': case U'\u2002': case U'\u2003':
    case U'\u2009': case U'\u200A': case U'\u202F': case U'\u2005': case U'\u2006':
      return CharClass::Space;
    case U'々': case U'〇': case U'〆':
      return CharClass::Han;
    default:
      break;
  }
  if (cp >= U'0' && cp <= U'9') return CharClass::Digit;
  if ((cp >= U'A' && cp <= U'Z') || (cp >= U'a' && cp <= U'z')) return CharClass::LatinLetter;
  if (cp >= 0x00C0 && cp <= 0x024F && cp != 0x00D7 && cp != 0x00F7) return CharClass::LatinLetter;
  if (cp >= 0x0370 && cp <= 0x04FF) return CharClass::LatinLetter;  // Greek, Cyrillic
  if (cp >= 0x1E00 && cp <= 0x1EFF) return CharClass::LatinLetter;  // Latin Extended Additional
  // Ideographs: URO, Ext A, compatibility, supplementary planes (Ext B…), radicals, strokes.
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF) ||
      (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x31C0 && cp <= 0x31EF) ||
      (cp >= 0x3190 && cp <= 0x319F) || (cp >= 0x3200 && cp <= 0x33FF)) {
    return CharClass::Han;
  }
  // Hangul and full-width letters and digits also sit on the grid like Han (F3 discourages
  // full-width ASCII, but when it is typed it is one em wide).
  if ((cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF) ||
      (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
      (cp >= 0xFF41 && cp <= 0xFF5A)) {
    return CharClass::Han;
  }
  if ((cp >= 0x3041 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF)) return CharClass::Kana;
  return CharClass::Other;
}

const char* to_string(CharClass c) {
  switch (c) {
    case CharClass::OpeningMark: return "opening-mark";
    case CharClass::ClosingMark: return "closing-mark";
    case CharClass::Pause: return "pause";
    case CharClass::Stop: return "stop";
    case CharClass::Middle: return "middle";
    case CharClass::Dash: return "dash";
    case CharClass::Ellipsis: return "ellipsis";
    case CharClass::Connector: return "connector";
    case CharClass::Solidus: return "solidus";
    case CharClass::Han: return "han";
    case CharClass::Kana: return "kana";
    case CharClass::LatinLetter: return "latin-letter";
    case CharClass::Digit: return "digit";
    case CharClass::NumericPrefix: return "numeric-prefix";
    case CharClass::NumericPostfix: return "numeric-postfix";
    case CharClass::Space: return "space";
    case CharClass::Other: return "other";
  }
  return "other";
}

}  // namespace zjgr::text
