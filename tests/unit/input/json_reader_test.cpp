// The JSON layer: positions of values and keys, and the checks nlohmann does not make.
#include "input/json_reader.h"

#include <gtest/gtest.h>

#include <chrono>

namespace zjgr::input {
namespace {

std::string dump(const Diagnostics& d) {
  std::string out;
  for (const auto& item : d.items()) out += format(item) + "\n";
  return out;
}

TEST(JsonReader, ValuesAndKeysKnowTheirLineAndColumn) {
  Diagnostics d;
  const auto v = parse_json("{\n  \"标题\": \"浙江\", \"n\": [1, 2.5,\n    true, null]\n}", "x.json", d);
  ASSERT_TRUE(v.has_value()) << dump(d);
  ASSERT_EQ(v->members.size(), 2u);
  EXPECT_EQ(v->line, 1);
  EXPECT_EQ(v->column, 1);
  const JsonMember& title = v->members[0];
  EXPECT_EQ(title.key, "标题");
  EXPECT_EQ(title.key_line, 2);
  EXPECT_EQ(title.key_column, 3);
  EXPECT_EQ(title.value.line, 2);
  EXPECT_EQ(title.value.column, 9);  // columns count code points, not bytes
  const JsonMember& n = v->members[1];
  EXPECT_EQ(n.key_column, 15);
  ASSERT_EQ(n.value.items.size(), 4u);
  EXPECT_EQ(n.value.items[0].kind, JsonKind::Integer);
  EXPECT_EQ(n.value.items[0].integer, 1);
  EXPECT_EQ(n.value.items[1].kind, JsonKind::Float);
  EXPECT_EQ(n.value.items[1].text, "2.5");
  EXPECT_EQ(n.value.items[1].column, 24);
  EXPECT_EQ(n.value.items[2].line, 3);
  EXPECT_EQ(n.value.items[2].column, 5);
  EXPECT_EQ(n.value.items[3].kind, JsonKind::Null);
  EXPECT_EQ(n.value.items[3].column, 11);
}

TEST(JsonReader, StringsWithEscapesAndColonsDoNotConfuseThePositions) {
  Diagnostics d;
  const auto v = parse_json(R"({"a:\"b": "x\\\":y", "c": {"d": ":"}})", "x.json", d);
  ASSERT_TRUE(v.has_value()) << dump(d);
  EXPECT_EQ(v->members[0].key, "a:\"b");
  EXPECT_EQ(v->members[0].value.text, "x\\\":y");
  EXPECT_EQ(v->members[1].key_column, 22);
  EXPECT_EQ(v->members[1].value.column, 27);
  EXPECT_EQ(v->members[1].value.members[0].value.column, 33);
}

TEST(JsonReader, SyntaxErrorReportsLineAndColumnOfTheOffendingByte) {
  Diagnostics d;
  EXPECT_FALSE(parse_json("{\n  \"a\": [1, 2,]\n}", "x.json", d).has_value());
  ASSERT_EQ(d.error_count(), 1u);
  const Diagnostic& e = d.items()[0];
  EXPECT_EQ(e.code, "json-syntax");
  EXPECT_EQ(e.where.file, "x.json");
  EXPECT_EQ(e.where.json_pointer, "/a/2");
  EXPECT_EQ(e.where.line, 2);
  EXPECT_EQ(e.where.column, 14);
  ASSERT_FALSE(e.hints.empty());
  EXPECT_NE(e.hints[0].find("comma"), std::string::npos);
  EXPECT_EQ(e.message.find("[json.exception"), std::string::npos) << e.message;
}

// A file named as a layout by mistake may hold secrets: a syntax error in it says where, and
// quotes nothing of its text (nlohmann's "last read: '…'" and "number overflow parsing '…'").
TEST(JsonReader, SyntaxErrorsQuoteNothingOfTheFile) {
  for (const char* text : {R"({ "k": "hunter2" "k2": 1 })", R"({ "k": hunter2 })", R"({ "k": "hunter2)",
                           R"({ "k": "hunter2\q" })", R"({ "k": 1e99999999 })", R"({ "k": [1, hunter2] })",
                           R"({ "k": "x'; expected '}'hunter2)", "hunter2", R"({ "k": "hunter2" } hunter2)"}) {
    SCOPED_TRACE(text);
    Diagnostics d;
    EXPECT_FALSE(parse_json(text, "secrets.json", d).has_value());
    ASSERT_EQ(d.error_count(), 1u);
    const Diagnostic& e = d.items()[0];
    EXPECT_EQ(e.code, "json-syntax");
    EXPECT_EQ(format(e).find("hunter2"), std::string::npos) << format(e);
    EXPECT_EQ(format(e).find("99999999"), std::string::npos) << format(e);
    EXPECT_NE(e.message.find(e.message.starts_with("number") ? "too large" : "syntax error"), std::string::npos)
        << e.message;
  }
}

TEST(JsonReader, EmptyInputIsASyntaxError) {
  Diagnostics d;
  EXPECT_FALSE(parse_json("", "x.json", d).has_value());
  ASSERT_EQ(d.error_count(), 1u);
  EXPECT_EQ(d.items()[0].code, "json-syntax");
  EXPECT_EQ(d.items()[0].where.line, 1);
}

TEST(JsonReader, DuplicateKeyIsReportedAtTheSecondKey) {
  Diagnostics d;
  EXPECT_FALSE(parse_json("{\"a\": {\"b\": 1,\n \"b\": 2}}", "x.json", d).has_value());
  ASSERT_EQ(d.error_count(), 1u) << dump(d);
  EXPECT_EQ(d.items()[0].code, "duplicate-key");
  EXPECT_EQ(d.items()[0].where.json_pointer, "/a/b");
  EXPECT_EQ(d.items()[0].where.line, 2);
  EXPECT_EQ(d.items()[0].where.column, 2);
}

TEST(JsonReader, DeepNestingStopsAtTheLimitQuickly) {
  const std::string text(1'000'000, '[');
  Diagnostics d;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(parse_json(text, "deep.json", d).has_value());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  ASSERT_EQ(d.error_count(), 1u);
  EXPECT_EQ(d.items()[0].code, "too-deep");
  EXPECT_EQ(d.items()[0].where.line, 1);
  EXPECT_EQ(d.items()[0].where.column, kMaxDepth + 1);
}

TEST(JsonReader, NestingUpToTheLimitIsFine) {
  const std::string text = std::string(kMaxDepth, '[') + std::string(kMaxDepth, ']');
  Diagnostics d;
  EXPECT_TRUE(parse_json(text, "x.json", d).has_value()) << dump(d);
}

TEST(JsonReader, InvalidUtf8IsReportedWithItsPosition) {
  Diagnostics d;
  EXPECT_FALSE(parse_json("{\"a\":\n \"\xE6\xB5\xC0\"}", "x.json", d).has_value());
  ASSERT_EQ(d.error_count(), 1u);
  EXPECT_EQ(d.items()[0].code, "invalid-utf8");
  EXPECT_EQ(d.items()[0].where.line, 2);
  EXPECT_EQ(d.items()[0].where.column, 3);
}

TEST(JsonReader, ByteOrderMarkIsAnErrorWithAHint) {
  Diagnostics d;
  EXPECT_FALSE(parse_json("\xEF\xBB\xBF{}", "x.json", d).has_value());
  ASSERT_EQ(d.error_count(), 1u);
  EXPECT_EQ(d.items()[0].code, "utf8-bom");
  EXPECT_FALSE(d.items()[0].hints.empty());
}

TEST(JsonReader, PointersEscapeTildeAndSlash) {
  EXPECT_EQ(json_pointer_append("/a", "b/c~d"), "/a/b~1c~0d");
  EXPECT_EQ(json_pointer_append("", "0"), "/0");
}

TEST(JsonReader, DescribeSaysWhatWasFound) {
  Diagnostics d;
  const auto v = parse_json(R"(["3", 3.5, true, {}, [], null])", "x.json", d);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(describe(v->items[0]), "\"3\" (a string)");
  EXPECT_EQ(describe(v->items[1]), "3.5 (a number)");
  EXPECT_EQ(describe(v->items[2]), "true (a boolean)");
  EXPECT_EQ(describe(v->items[3]), "an object");
  EXPECT_EQ(describe(v->items[4]), "an array");
  EXPECT_EQ(describe(v->items[5]), "null");
}

TEST(JsonReader, OversizedTextIsRejected) {
  const std::string text(kMaxFileBytes + 1, ' ');
  Diagnostics d;
  EXPECT_FALSE(parse_json(text, "big.json", d).has_value());
  ASSERT_EQ(d.error_count(), 1u);
  EXPECT_EQ(d.items()[0].code, "file-too-large");
}

}  // namespace
}  // namespace zjgr::input
