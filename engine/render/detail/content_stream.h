// Content streams: the decoded bytes of a page's or a form's content, and ContentLexer, their
// tokens (ISO 32000-1 §7.2, §8.9.7) as views into those bytes, for finish.cpp (rewriting colour
// operators) and preflight.cpp (reading them). A hand-written lexer instead of qpdf's
// TokenFilter, which builds a std::string and a shared_ptr per token: on the 8-page benchmark
// issue that was 230 M of the run's 1,750 M instructions. Private to render/.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

namespace zjgr::render::detail {

enum class ContentTokenType {
  Number,       ///< 12, -3.5, .5
  Name,         ///< /F1 (text includes the slash)
  Operator,     ///< any other run of regular characters: rg, Tf, BT, true, null …
  String,       ///< (literal) or <hex>
  Delimiter,    ///< [ ] << >> { }
  InlineImage,  ///< BI … ID <binary data> EI as one opaque token
  Bad,          ///< a byte no token starts with (a stray ')' or '>'), kept as it is
};

struct ContentToken {
  ContentTokenType type = ContentTokenType::Bad;
  std::string_view text;  ///< the token's bytes in the stream
  double number = 0;      ///< for Number
};

/// A page's content, its content streams decoded and joined (as qpdf's filterContents joins them).
std::string page_content(QPDFPageObjectHelper& page);

/// A form XObject's or tiling pattern's content, decoded.
std::string stream_content(QPDFObjectHandle stream);

/// Walks a content stream token by token; whitespace and comments are skipped, but every token's
/// text is a view into the stream, so a caller can copy the bytes between tokens verbatim.
class ContentLexer {
 public:
  explicit ContentLexer(std::string_view content) : s_(content) {}

  /// The next token; false at the end of the stream.
  bool next(ContentToken& token);

 private:
  void skip_space_and_comments();
  std::size_t end_of_literal_string(std::size_t from) const;
  std::size_t end_of_inline_image(std::size_t from) const;

  std::string_view s_;
  std::size_t pos_ = 0;
  bool image_dict_ = false;  ///< lexing an inline image's dictionary: a "BI" there starts no image
};

}  // namespace zjgr::render::detail
