// Content streams and their lexer (see content_stream.h).
#include "render/detail/content_stream.h"

#include <charconv>

#include <qpdf/Buffer.hh>
#include <qpdf/Pl_String.hh>

namespace zjgr::render::detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }

bool is_delimiter(char c) {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' ||
         c == '/' || c == '%';
}

bool is_regular(char c) { return !is_space(c) && !is_delimiter(c); }

/// A run of regular characters that is a PDF number: an optional sign, digits, at most one point.
bool parse_number(std::string_view word, double& value) {
  std::size_t i = (word[0] == '+' || word[0] == '-') ? 1 : 0;
  bool digit = false, point = false;
  for (std::size_t j = i; j < word.size(); ++j) {
    if (word[j] >= '0' && word[j] <= '9') {
      digit = true;
    } else if (word[j] == '.' && !point) {
      point = true;
    } else {
      return false;
    }
  }
  if (!digit) return false;
  value = 0;
  // from_chars takes no sign but '-' (and PDF allows '+'): the sign is applied here.
  const std::string_view body = word.substr(i);
  const auto result = std::from_chars(body.data(), body.data() + body.size(), value);
  if (result.ec != std::errc()) value = 0;  // out of range: a broken stream, read as 0
  if (word[0] == '-') value = -value;
  return true;
}

}  // namespace

std::string page_content(QPDFPageObjectHelper& page) {
  std::string content;
  Pl_String sink("page content", nullptr, content);
  page.pipeContents(&sink);
  return content;
}

std::string stream_content(QPDFObjectHandle stream) {
  const std::shared_ptr<Buffer> data = stream.getStreamData(qpdf_dl_generalized);
  return std::string(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
}

void ContentLexer::skip_space_and_comments() {
  while (pos_ < s_.size()) {
    if (is_space(s_[pos_])) {
      ++pos_;
    } else if (s_[pos_] == '%') {
      while (pos_ < s_.size() && s_[pos_] != '\n' && s_[pos_] != '\r') ++pos_;
    } else {
      return;
    }
  }
}

// A literal string nests balanced parentheses; a backslash escapes the next byte.
std::size_t ContentLexer::end_of_literal_string(std::size_t from) const {
  int depth = 0;
  for (std::size_t i = from; i < s_.size(); ++i) {
    if (s_[i] == '\\') {
      ++i;
    } else if (s_[i] == '(') {
      ++depth;
    } else if (s_[i] == ')' && --depth == 0) {
      return i + 1;
    }
  }
  return s_.size();  // unterminated: the rest of the stream
}

// From just after "BI": the dictionary up to the ID operator, one whitespace byte, then binary
// data that ends at an "EI" standing alone between whitespace (the usual reading; the data has
// no length of its own before PDF 2.0).
std::size_t ContentLexer::end_of_inline_image(std::size_t from) const {
  ContentLexer dict(s_);
  dict.pos_ = from;
  dict.image_dict_ = true;  // no recursion: a stream of "BI BI BI …" must not exhaust the stack
  ContentToken t;
  while (dict.next(t)) {
    if (t.type == ContentTokenType::Operator && t.text == "ID") break;
  }
  for (std::size_t i = dict.pos_ + 1; i + 1 < s_.size(); ++i) {
    if (s_[i] == 'E' && s_[i + 1] == 'I' && is_space(s_[i - 1]) && (i + 2 == s_.size() || !is_regular(s_[i + 2]))) {
      return i + 2;
    }
  }
  return s_.size();
}

bool ContentLexer::next(ContentToken& token) {
  skip_space_and_comments();
  if (pos_ >= s_.size()) return false;
  const std::size_t start = pos_;
  const char c = s_[pos_];
  token.number = 0;
  if (c == '(') {
    pos_ = end_of_literal_string(pos_);
    token.type = ContentTokenType::String;
  } else if (c == '<' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '<') {
    pos_ += 2;
    token.type = ContentTokenType::Delimiter;
  } else if (c == '>' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '>') {
    pos_ += 2;
    token.type = ContentTokenType::Delimiter;
  } else if (c == '<') {
    const std::size_t close = s_.find('>', pos_);
    pos_ = close == std::string_view::npos ? s_.size() : close + 1;
    token.type = ContentTokenType::String;
  } else if (c == '[' || c == ']' || c == '{' || c == '}') {
    ++pos_;
    token.type = ContentTokenType::Delimiter;
  } else if (c == '/') {
    ++pos_;
    while (pos_ < s_.size() && is_regular(s_[pos_])) ++pos_;
    token.type = ContentTokenType::Name;
  } else if (is_regular(c)) {
    while (pos_ < s_.size() && is_regular(s_[pos_])) ++pos_;
    const std::string_view word = s_.substr(start, pos_ - start);
    if (parse_number(word, token.number)) {
      token.type = ContentTokenType::Number;
    } else if (word == "BI" && !image_dict_) {
      pos_ = end_of_inline_image(pos_);
      token.type = ContentTokenType::InlineImage;
    } else {
      token.type = ContentTokenType::Operator;
    }
  } else {
    ++pos_;  // a stray ')' or '>'
    token.type = ContentTokenType::Bad;
  }
  token.text = s_.substr(start, pos_ - start);
  return true;
}

}  // namespace zjgr::render::detail
