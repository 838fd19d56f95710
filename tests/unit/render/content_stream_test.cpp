// ContentLexer (render/detail/content_stream.h): the tokens of a decoded PDF content stream as
// views into its bytes; and, through finish_pdf (render/detail/finish.h), the colour rewrite that
// uses it: neutral RGB becomes DeviceGray and every byte outside the colour operators is kept.
// qpdf 11's headers warn unless the PointerHolder transition level is chosen (render does so too).
#define POINTERHOLDER_TRANSITION 4

#include "render/detail/content_stream.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <gtest/gtest.h>

#include <qpdf/Pl_String.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <cstddef>
#include <optional>
#include <random>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "render/detail/finish.h"

namespace zjgr::render::detail {
namespace {

using namespace std::string_view_literals;

char letter(ContentTokenType type) {
  switch (type) {
    case ContentTokenType::Number: return 'N';
    case ContentTokenType::Name: return '/';
    case ContentTokenType::Operator: return 'O';
    case ContentTokenType::String: return 'S';
    case ContentTokenType::Delimiter: return 'D';
    case ContentTokenType::InlineImage: return 'I';
    case ContentTokenType::Bad: return 'B';
  }
  return '?';
}

/// All tokens of `content`; fails the test if the lexer yields more tokens than there are bytes
/// (every token is at least one byte, so more means it is not advancing).
std::vector<ContentToken> tokens(std::string_view content) {
  std::vector<ContentToken> out;
  ContentLexer lexer(content);
  ContentToken token;
  while (lexer.next(token)) {
    out.push_back(token);
    if (out.size() > content.size()) {
      ADD_FAILURE() << "lexer does not advance";
      break;
    }
  }
  return out;
}

/// The tokens printed as `N{12} O{rg} S{(a)}`: type letter (N number, / name, O operator,
/// S string, D delimiter, I inline image, B bad) and the token's bytes.
std::string dump(std::string_view content) {
  std::string out;
  for (const ContentToken& t : tokens(content)) {
    if (!out.empty()) out += ' ';
    out += letter(t.type);
    out += '{';
    out += t.text;
    out += '}';
  }
  return out;
}

// ---- ContentLexer ----------------------------------------------------------------------------

TEST(ContentLexer, NumbersInEveryPdfSpellingAreNumbersWithTheirValue) {
  const auto t = tokens("12 -3.5 .5 +4 -.25 5. 0 007 -0.0");
  ASSERT_EQ(t.size(), 9u);
  const double expected[] = {12, -3.5, 0.5, 4, -0.25, 5, 0, 7, 0};
  for (std::size_t i = 0; i < t.size(); ++i) {
    EXPECT_EQ(t[i].type, ContentTokenType::Number) << i << ": " << t[i].text;
    EXPECT_DOUBLE_EQ(t[i].number, expected[i]) << i << ": " << t[i].text;
  }
  EXPECT_EQ(t[1].text, "-3.5");
  EXPECT_EQ(t[5].text, "5.");
}

TEST(ContentLexer, SignOrPointWithoutDigitsAndMalformedNumbersAreOperators) {
  EXPECT_EQ(dump("- . + -. 1.2.3 --5 1e5 12a"), "O{-} O{.} O{+} O{-.} O{1.2.3} O{--5} O{1e5} O{12a}");
}

TEST(ContentLexer, NamesKeepTheirSlashAndEndAtADelimiter) {
  EXPECT_EQ(dump("/F1 12 Tf /GS0 gs /A/B /C(x) / 1"),
            "/{/F1} N{12} O{Tf} /{/GS0} O{gs} /{/A} /{/B} /{/C} S{(x)} /{/} N{1}");
}

TEST(ContentLexer, OperatorsIncludeQuotesAndStars) {
  EXPECT_EQ(dump("1 0 0 rg BT T* (a) ' 1 2 (b) \" ET true null"),
            "N{1} N{0} N{0} O{rg} O{BT} O{T*} S{(a)} O{'} N{1} N{2} S{(b)} O{\"} O{ET} O{true} O{null}");
}

TEST(ContentLexer, LiteralStringWithNestedAndEscapedParenthesesIsOneToken) {
  EXPECT_EQ(dump("(a\\)b(c)d) Tj"), "S{(a\\)b(c)d)} O{Tj}");
  EXPECT_EQ(dump("((x)(y(z))) Tj"), "S{((x)(y(z)))} O{Tj}");
  // An escaped backslash does not escape the parenthesis after it.
  EXPECT_EQ(dump("(x\\\\) Tj"), "S{(x\\\\)} O{Tj}");
  // A string needs no space around it.
  EXPECT_EQ(dump("(a)Tj(b)'"), "S{(a)} O{Tj} S{(b)} O{'}");
}

TEST(ContentLexer, HexStringIsOneStringToken) {
  EXPECT_EQ(dump("<0a1b> Tj <> Tj <4 1\n42>Tj"), "S{<0a1b>} O{Tj} S{<>} O{Tj} S{<4 1\n42>} O{Tj}");
}

TEST(ContentLexer, DictionaryBracketsAreDelimiters) {
  EXPECT_EQ(dump("/Span << /MCID 1 /Alt (x) >> BDC"),
            "/{/Span} D{<<} /{/MCID} N{1} /{/Alt} S{(x)} D{>>} O{BDC}");
  EXPECT_EQ(dump("<</A<0a>>>"), "D{<<} /{/A} S{<0a>} D{>>}");
}

TEST(ContentLexer, ArraysAndBracesAreDelimiters) {
  EXPECT_EQ(dump("[(A) -120 (B)<0c>]TJ [3 1] 0 d { }"),
            "D{[} S{(A)} N{-120} S{(B)} S{<0c>} D{]} O{TJ} D{[} N{3} N{1} D{]} N{0} O{d} D{{} D{}}");
}

TEST(ContentLexer, CommentsAreSkippedToTheEndOfTheLine) {
  EXPECT_EQ(dump("1 g % a comment ) ( < [\n2 G %cr ends it\r3 w%at the very end"), "N{1} O{g} N{2} O{G} N{3} O{w}");
  EXPECT_EQ(dump("% only a comment"), "");
}

TEST(ContentLexer, AllSixWhitespaceCharactersSeparateTokens) {
  EXPECT_EQ(dump("1 2\t3\n4\r5\f6\0rg"sv), "N{1} N{2} N{3} N{4} N{5} N{6} O{rg}");
  EXPECT_EQ(dump("\0\0q\0Q\0"sv), "O{q} O{Q}");
}

TEST(ContentLexer, InlineImageIsOneTokenUpToAnEiStandingAlone) {
  // Four bytes of binary data holding an "EI" glued to other bytes and a ')' that is no string.
  const std::string data = "\xff" "EI)";
  const std::string image = "BI /W 2 /H 2 /BPC 8 /CS /G ID " + data + " EI";
  const std::string content = "q " + image + " Q 1 0 0 rg";
  const auto t = tokens(content);
  ASSERT_EQ(t.size(), 7u) << dump(content);
  EXPECT_EQ(t[0].text, "q");
  EXPECT_EQ(t[1].type, ContentTokenType::InlineImage);
  EXPECT_EQ(t[1].text, image);
  EXPECT_EQ(t[2].type, ContentTokenType::Operator);
  EXPECT_EQ(t[2].text, "Q");
  EXPECT_EQ(t[6].text, "rg");
}

TEST(ContentLexer, InlineImageDataMayHoldEiAfterASpaceWhenARegularByteFollows) {
  // The data " EIx" has an EI after whitespace but glued to "x": not the end.
  const std::string image = "BI /W 4 /H 1 /BPC 8 /CS /G /F /AHx ID  EIx EI";
  EXPECT_EQ(dump(image + "\nQ"), "I{" + image + "} O{Q}");
  // No data at all: EI right after the one whitespace byte that follows ID.
  EXPECT_EQ(dump("BI /W 0 ID EI Q"), "I{BI /W 0 ID EI} O{Q}");
}

// end_of_inline_image lexes the image's dictionary with a nested ContentLexer; a "BI" inside it
// starts no image of its own, so 200 000 of them are one token, not 200 000 stack frames.
TEST(ContentLexer, ManyBiWithoutIdAreOneInlineImageWithoutExhaustingTheStack) {
  std::string content;
  for (int i = 0; i < 200000; ++i) content += "BI ";
  const auto t = tokens(content);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].type, ContentTokenType::InlineImage);
  EXPECT_EQ(t[0].text.size(), content.size());
}

TEST(ContentLexer, UnterminatedTokensRunToTheEndOfTheStream) {
  EXPECT_EQ(dump("1 0 0 rg (abc(d) Tj"), "N{1} N{0} N{0} O{rg} S{(abc(d) Tj}");
  EXPECT_EQ(dump("(ends in a backslash\\"), "S{(ends in a backslash\\}");
  EXPECT_EQ(dump("<0a1b Tj"), "S{<0a1b Tj}");
  EXPECT_EQ(dump("<"), "S{<}");
  EXPECT_EQ(dump("q BI /W 1 ID xx"), "O{q} I{BI /W 1 ID xx}");
  EXPECT_EQ(dump("q BI /W 1 /H"), "O{q} I{BI /W 1 /H}");
}

TEST(ContentLexer, StrayClosingBracketsAreBadTokensOfOneByte) {
  EXPECT_EQ(dump(") 1 g"), "B{)} N{1} O{g}");
  EXPECT_EQ(dump("(a)) >x"), "S{(a)} B{)} B{>} O{x}");
}

TEST(ContentLexer, EmptyOrBlankStreamHasNoTokensAndStaysAtTheEnd) {
  for (const std::string_view s : {""sv, " \n\t\r\f\0"sv, "%x\n%y"sv}) {
    ContentLexer lexer(s);
    ContentToken token;
    EXPECT_FALSE(lexer.next(token));
    EXPECT_FALSE(lexer.next(token));
  }
}

TEST(ContentLexer, TokensAreViewsIntoTheStreamAndGapsPlusTokensRebuildIt) {
  const std::string content =
      "q\n1 0 0 -1 0 842 cm\n0.5 0.5 0.5 rg\n%note\n20 60 60 40 re f\nBT\n/f-0-0 20 Tf\n"
      "[(\\(a\\))-120<0102>]TJ\nET\n<< /MCID 0 >> BDC EMC\nBI /W 1 /H 1 ID \x01 EI Q";
  std::string rebuilt;
  const char* at = content.data();
  const auto t = tokens(content);
  ASSERT_EQ(t.size(), 37u) << dump(content);
  for (const ContentToken& token : t) {
    ASSERT_FALSE(token.text.empty());
    ASSERT_GE(token.text.data(), at);  // after the previous token, never before
    ASSERT_LE(token.text.data() + token.text.size(), content.data() + content.size());
    rebuilt.append(at, token.text.data());  // the gap, copied from the stream
    rebuilt.append(token.text);
    at = token.text.data() + token.text.size();
  }
  rebuilt.append(at, content.data() + content.size());
  EXPECT_EQ(rebuilt, content);
  // The comment lies in the gap between "rg" and "20": "\n%note\n".
  EXPECT_EQ(t[11].text, "rg");
  EXPECT_EQ(t[12].text, "20");
  EXPECT_EQ(t[12].text.data() - (t[11].text.data() + t[11].text.size()), 7);
  EXPECT_EQ(t[17].text, "f");
  EXPECT_EQ(t[35].type, ContentTokenType::InlineImage);
  EXPECT_EQ(t[36].text, "Q");
}

TEST(ContentLexer, RandomBytesAlwaysTerminateWithNonEmptyOrderedTokensInsideTheBuffer) {
  // Many delimiters, whitespace (\0 included), number characters and the letters of BI/ID/EI.
  static constexpr std::string_view kAlphabet = "()<<>>[]{}/%\\ \n\r\t\f\0" "0123456789.+-" "BIDEIrgT*'\"\x80\xff"sv;
  std::mt19937 random(20210225);
  std::uniform_int_distribution<std::size_t> length(0, 200), pick(0, kAlphabet.size() - 1);
  for (int round = 0; round < 4000; ++round) {
    std::string s(length(random), ' ');
    for (char& c : s) c = kAlphabet[pick(random)];
    ContentLexer lexer(s);
    ContentToken token;
    const char* at = s.data();
    std::size_t count = 0;
    while (lexer.next(token)) {
      ASSERT_LE(++count, s.size()) << "no progress on round " << round;
      ASSERT_FALSE(token.text.empty()) << "round " << round;
      ASSERT_GE(token.text.data(), at) << "round " << round;
      ASSERT_LE(token.text.data() + token.text.size(), s.data() + s.size()) << "round " << round;
      // Between tokens only whitespace, unless a comment was skipped there.
      const std::string_view gap(at, static_cast<std::size_t>(token.text.data() - at));
      if (gap.find('%') == std::string_view::npos) {
        ASSERT_EQ(gap.find_first_not_of(" \n\r\t\f\0"sv), std::string_view::npos) << "round " << round;
      }
      at = token.text.data() + token.text.size();
    }
  }
}

// ---- finish_pdf's colour rewrite ---------------------------------------------------------------

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

/// A one-page 100×100 pt PDF from Cairo: a grey filled square, a red filled square, a grey stroked
/// line and a near-grey (within Cairo's rounding of one 8-bit step) filled square.
std::string cairo_pdf_with_colours() {
  std::string pdf;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_to_string, &pdf, 100, 100);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
  cairo_rectangle(cr, 10, 10, 20, 20);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 1, 0, 0);
  cairo_rectangle(cr, 40, 10, 20, 20);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
  cairo_move_to(cr, 10, 50);
  cairo_line_to(cr, 90, 50);
  cairo_stroke(cr);
  cairo_set_source_rgb(cr, 0.25, 0.2515, 0.25);
  cairo_rectangle(cr, 10, 70, 20, 20);
  cairo_fill(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  EXPECT_EQ(cairo_surface_status(surface), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(surface);
  return pdf;
}

/// The first page's content streams, decoded and joined, read with qpdf directly.
std::string first_page_content(const std::string& pdf_bytes) {
  QPDF pdf;
  pdf.setSuppressWarnings(true);
  pdf.processMemoryFile("test.pdf", pdf_bytes.data(), pdf_bytes.size());
  std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf).getAllPages();
  EXPECT_EQ(pages.size(), 1u);
  std::string content;
  if (pages.empty()) return content;
  Pl_String sink("content", nullptr, content);
  pages[0].pipeContents(&sink);
  return content;
}

FinishSpec screen_spec() {
  FinishSpec spec;
  spec.print = false;
  spec.output_intent = nullptr;
  PageBoxes boxes;
  boxes.media = {0, 0, 100, 100};
  boxes.bleed = {0, 0, 100, 100};
  boxes.trim = {5, 5, 95, 95};
  spec.pages.push_back(boxes);
  return spec;
}

TEST(Finish, ScreenRewritesNeutralRgbToGrayAndKeepsEveryOtherByte) {
  const std::string cairo_pdf = cairo_pdf_with_colours();
  const std::string before = first_page_content(cairo_pdf);
  // Cairo 1.16 writes each colour as `r g b rg` / `RG`, at most 6 decimals.
  ASSERT_NE(before.find("0.5 0.5 0.5 rg"), std::string::npos) << before;
  ASSERT_NE(before.find("0.5 0.5 0.5 RG"), std::string::npos) << before;
  ASSERT_NE(before.find("1 0 0 rg"), std::string::npos) << before;
  ASSERT_NE(before.find("0.25 0.2515 0.25 rg"), std::string::npos) << before;

  Diagnostics diagnostics;
  const std::optional<std::string> finished = finish_pdf(cairo_pdf, screen_spec(), diagnostics);
  ASSERT_TRUE(finished.has_value());
  EXPECT_TRUE(diagnostics.items().empty());
  const std::string after = first_page_content(*finished);

  // Each colour operator with its operands is replaced from the end of the operator before it
  // (the whitespace in between included) by " operands op"; everything else is kept byte for byte.
  std::string expected = before;
  expected = std::regex_replace(expected, std::regex(R"([ \n\r\t]+0\.5 0\.5 0\.5 rg)"), " 0.5 g");
  expected = std::regex_replace(expected, std::regex(R"([ \n\r\t]+0\.5 0\.5 0\.5 RG)"), " 0.5 G");
  expected = std::regex_replace(expected, std::regex(R"([ \n\r\t]+1 0 0 rg)"), " 1 0 0 rg");
  // Within half an 8-bit step of grey: still one plate, the red component's value.
  expected = std::regex_replace(expected, std::regex(R"([ \n\r\t]+0\.25 0\.2515 0\.25 rg)"), " 0.25 g");
  EXPECT_EQ(after, expected);
  EXPECT_EQ(after.find("0.5 0.5 0.5"), std::string::npos) << after;
}

TEST(Finish, ScreenSetsPageBoxesAndNeedsNoProfile) {
  Diagnostics diagnostics;
  const std::optional<std::string> finished = finish_pdf(cairo_pdf_with_colours(), screen_spec(), diagnostics);
  ASSERT_TRUE(finished.has_value());
  QPDF pdf;
  pdf.processMemoryFile("finished.pdf", finished->data(), finished->size());
  QPDFObjectHandle page = QPDFPageDocumentHelper(pdf).getAllPages().at(0).getObjectHandle();
  EXPECT_EQ(page.getKey("/TrimBox").unparse(), "[ 5 5 95 95 ]");
  EXPECT_FALSE(page.hasKey("/Group"));
  EXPECT_FALSE(pdf.getRoot().hasKey("/OutputIntents"));
  EXPECT_EQ(pdf.getTrailer().getKey("/Info").getKey("/CreationDate").getUTF8Value(), "D:19700101000000+08'00'");
}

TEST(Finish, PrintWithoutAConverterFailsWithADiagnostic) {
  FinishSpec spec = screen_spec();
  spec.print = true;
  Diagnostics diagnostics;
  EXPECT_FALSE(finish_pdf(cairo_pdf_with_colours(), spec, diagnostics).has_value());
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "finish-failed");
}

TEST(Finish, PageCountDifferentFromTheSpecFailsWithADiagnostic) {
  FinishSpec spec = screen_spec();
  spec.pages.push_back(spec.pages[0]);
  Diagnostics diagnostics;
  EXPECT_FALSE(finish_pdf(cairo_pdf_with_colours(), spec, diagnostics).has_value());
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "finish-failed");
}

}  // namespace
}  // namespace zjgr::render::detail
