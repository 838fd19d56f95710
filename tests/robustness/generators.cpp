#include "generators.h"

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>

namespace zjgr::robustness {
namespace {

namespace fs = std::filesystem;
using Args = std::vector<std::string>;

void write(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string repeat(const std::string& unit, std::size_t bytes) {
  std::string out;
  out.reserve(bytes + unit.size());
  while (out.size() < bytes) out += unit;
  return out;
}

std::string article(const std::string& id, const std::string& paragraph) {
  return "{ \"id\": \"" + id + "\", \"headline\": \"生成的文章\", \"body\": [ \"" + paragraph + "\" ] }\n";
}

std::uint32_t crc32(const std::string& bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : bytes) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::string be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

std::string png_chunk(const std::string& type, const std::string& data) {
  return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(crc32(type + data));
}

// A PNG whose IHDR claims width × height (8-bit RGB) with a tiny, valid zlib stream of
// nothing: a decoder that trusts the header allocates width × height × 4 bytes.
std::string png_header(std::uint32_t width, std::uint32_t height) {
  const std::string ihdr = be32(width) + be32(height) + std::string("\x08\x02\x00\x00\x00", 5);
  const std::string idat("\x78\x9c\x03\x00\x00\x00\x00\x01", 8);
  return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr) + png_chunk("IDAT", idat) + png_chunk("IEND", "");
}

// A JPEG whose SOF0 claims width × height: SOI, SOF0 (8-bit, 1 component), then EOI.
std::string jpeg_header(std::uint32_t width, std::uint32_t height) {
  std::string sof("\xFF\xD8\xFF\xC0\x00\x0B\x08", 7);
  sof += static_cast<char>(height >> 8);
  sof += static_cast<char>(height & 0xFF);
  sof += static_cast<char>(width >> 8);
  sof += static_cast<char>(width & 0xFF);
  sof += std::string("\x01\x01\x11\x00\xFF\xD9", 6);
  return sof;
}

std::size_t number(const std::string& s) { return static_cast<std::size_t>(std::stoull(s)); }

// A 1×1 8-bit RGB PNG with `extra` chunks between IHDR and IDAT.
std::string png_1x1(const std::string& extra) {
  const std::string ihdr = be32(1) + be32(1) + std::string("\x08\x02\x00\x00\x00", 5);
  const std::string idat("\x78\x9c\x63\x60\x60\x60\x00\x00\x00\x04\x00\x01", 12);  // filter 0, one black pixel
  return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr) + extra + png_chunk("IDAT", idat) +
         png_chunk("IEND", "");
}

std::string deflate(const std::string& bytes) {
  uLongf size = compressBound(static_cast<uLong>(bytes.size()));
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(bytes.data()),
                static_cast<uLong>(bytes.size()), 9) != Z_OK) {
    throw std::runtime_error("zlib failed");
  }
  out.resize(size);
  return out;
}

std::string article_with(const std::string& id, const std::string& body, const std::string& more = "") {
  return "{ \"id\": \"" + id + "\", \"headline\": \"生成的文章\"," + more + " \"body\": [ " + body + " ] }\n";
}

// COUNT copies of `item`, comma-separated.
std::string list(const std::string& item, std::size_t count) {
  std::string out;
  out.reserve(count * (item.size() + 2));
  for (std::size_t i = 0; i < count; ++i) out += (i > 0 ? ", " : "") + item;
  return out;
}

const std::map<std::string, std::pair<std::size_t, std::function<void(const Args&, const fs::path&)>>>& table() {
  static const std::map<std::string, std::pair<std::size_t, std::function<void(const Args&, const fs::path&)>>> t{
      // deep-json FILE DEPTH: an issue whose "pages" holds arrays nested DEPTH deep.
      {"deep-json", {2, [](const Args& a, const fs::path& tree) {
         const std::size_t depth = number(a[1]);
         write(tree / a[0], "{ \"pages\": " + std::string(depth, '[') + std::string(depth, ']') + " }\n");
       }}},
      // big-file FILE BYTES: a JSON string value padded to BYTES.
      {"big-file", {2, [](const Args& a, const fs::path& tree) {
         write(tree / a[0], "{ \"newspaper\": \"" + repeat("x", number(a[1])) + "\" }\n");
       }}},
      // paragraph FILE ID BYTES UNIT: an article of one paragraph of UNIT repeated to BYTES.
      {"paragraph", {4, [](const Args& a, const fs::path& tree) {
         write(tree / a[0], article(a[1], repeat(a[3], number(a[2]))));
       }}},
      // repeat FILE MARKER UNIT COUNT: the first MARKER in FILE replaced by UNIT repeated COUNT
      // times (a headline, a section name or a template text made long in an otherwise valid file).
      {"repeat", {4, [](const Args& a, const fs::path& tree) {
         std::string text = read(tree / a[0]);
         const std::size_t at = text.find(a[1]);
         if (at == std::string::npos) throw std::runtime_error("\"" + a[1] + "\" not in " + a[0]);
         std::string unit;
         for (std::size_t i = 0; i < number(a[3]); ++i) unit += a[2];
         text.replace(at, a[1].size(), unit);
         write(tree / a[0], text);
       }}},
      // combining FILE ID COUNT: an article whose paragraph has a letter carrying COUNT U+0301.
      {"combining", {3, [](const Args& a, const fs::path& tree) {
         write(tree / a[0], article(a[1], "职工e" + repeat("\xCC\x81", 2 * number(a[2])) + "疗休养。"));
       }}},
      // pages FILE COUNT: an issue of COUNT pages, each placing articles/a.json's copy.
      {"pages", {2, [](const Args& a, const fs::path& tree) {
         std::string issue = "{ \"newspaper\": \"浙江工人日报\", \"date\": \"2021-02-25\", \"layout\": \"layout.json\", \"pages\": [\n";
         for (std::size_t i = 1; i <= number(a[1]); ++i) {
           issue += std::string(i > 1 ? ",\n" : "") + "{ \"page\": " + std::to_string(i) +
                    ", \"template\": \"inside\", \"articles\": [ { \"article\": \"articles/a.json\", \"column\": 1, "
                    "\"span\": 2, \"line\": 2 } ] }";
         }
         write(tree / a[0], issue + " ] }\n");
       }}},
      // png-header FILE W H, jpeg-header FILE W H: headers claiming W × H pixels.
      {"png-header", {3, [](const Args& a, const fs::path& tree) {
         write(tree / a[0], png_header(static_cast<std::uint32_t>(number(a[1])), static_cast<std::uint32_t>(number(a[2]))));
       }}},
      {"jpeg-header", {3, [](const Args& a, const fs::path& tree) {
         write(tree / a[0], jpeg_header(static_cast<std::uint32_t>(number(a[1])), static_cast<std::uint32_t>(number(a[2]))));
       }}},
      // exif FILE IFD COUNT VALUE: an APP1 Exif segment put right after the JPEG's SOI, big-endian,
      // IFD0 at offset IFD claiming COUNT entries, holding one (Orientation = VALUE) and a next-IFD
      // offset that points back at IFD0 (a loop for a reader that follows the chain).
      {"exif", {4, [](const Args& a, const fs::path& tree) {
         const auto be16 = [](std::size_t v) { return std::string{static_cast<char>(v >> 8), static_cast<char>(v & 0xFF)}; };
         const std::string tiff = std::string("MM\x00\x2A", 4) + be32(static_cast<std::uint32_t>(number(a[1]))) +
                                  be16(number(a[2])) + be16(0x0112) + be16(3) + be32(1) + be16(number(a[3])) + be16(0) + be32(8);
         const std::string payload = std::string("Exif\0\0", 6) + tiff;
         std::string bytes = read(tree / a[0]);
         bytes.insert(2, std::string("\xFF\xE1", 2) + be16(payload.size() + 2) + payload);
         write(tree / a[0], bytes);
       }}},
      // png-chunk FILE TYPE LENGTH: a 1×1 PNG with a TYPE chunk after IHDR whose length field says
      // LENGTH bytes while 100 follow (libpng's simplified API allocated them all).
      {"png-chunk", {3, [](const Args& a, const fs::path& tree) {
         if (a[1].size() != 4) throw std::runtime_error("a chunk type has 4 letters");
         const std::string data(100, 'x');
         const std::string chunk = be32(static_cast<std::uint32_t>(number(a[2]))) + a[1] + data + be32(crc32(a[1] + data));
         write(tree / a[0], png_1x1(chunk));
       }}},
      // png-text-bomb FILE CHUNKS BYTES: a 1×1 PNG carrying CHUNKS zTXt chunks, each BYTES of zeros
      // deflated (about a thousandth of that in the file).
      {"png-text-bomb", {3, [](const Args& a, const fs::path& tree) {
         const std::string text = deflate(std::string(number(a[2]), '\0'));
         std::string chunks;
         for (std::size_t i = 0; i < number(a[1]); ++i) {
           chunks += png_chunk("zTXt", "Comment" + std::to_string(i) + std::string("\0\0", 2) + text);
         }
         write(tree / a[0], png_1x1(chunks));
       }}},
      // paragraphs FILE ID COUNT TEXT: an article of COUNT paragraphs TEXT ("" for empty ones).
      {"paragraphs", {4, [](const Args& a, const fs::path& tree) {
         const std::string text = a[3] == "\"\"" ? "" : a[3];
         write(tree / a[0], article_with(a[1], list("\"" + text + "\"", number(a[2]))));
       }}},
      // long-article FILE ID COUNT BYTES UNIT: an article of COUNT paragraphs of UNIT repeated to BYTES.
      {"long-article", {5, [](const Args& a, const fs::path& tree) {
         write(tree / a[0], article_with(a[1], list("\"" + repeat(a[4], number(a[3])) + "\"", number(a[2]))));
       }}},
      // unknown-keys FILE ID COUNT: an article with COUNT unknown keys "k0" … besides its own.
      {"unknown-keys", {3, [](const Args& a, const fs::path& tree) {
         std::string keys;
         for (std::size_t i = 0; i < number(a[2]); ++i) keys += " \"k" + std::to_string(i) + "\": 0,";
         write(tree / a[0], article_with(a[1], "\"一段。\"", keys));
       }}},
      // photos FILE ID COUNT W H: an article of COUNT photos ../images/pN.png, each a PNG header
      // claiming W × H pixels.
      {"photos", {5, [](const Args& a, const fs::path& tree) {
         std::string body;
         for (std::size_t i = 1; i <= number(a[2]); ++i) {
           const std::string name = "images/p" + std::to_string(i) + ".png";
           write(tree / name, png_header(static_cast<std::uint32_t>(number(a[3])), static_cast<std::uint32_t>(number(a[4]))));
           body += std::string(i > 1 ? ", " : "") + "{ \"photo\": \"../" + name + "\", \"span\": 1 }";
         }
         write(tree / a[0], article_with(a[1], body));
       }}},
      // pages-of FILE COUNT PREFIX: an issue of COUNT pages, page N placing PREFIX<N>.json.
      {"pages-of", {3, [](const Args& a, const fs::path& tree) {
         std::string issue = "{ \"newspaper\": \"浙江工人日报\", \"date\": \"2021-02-25\", \"layout\": \"layout.json\", \"pages\": [\n";
         for (std::size_t i = 1; i <= number(a[1]); ++i) {
           issue += std::string(i > 1 ? ",\n" : "") + "{ \"page\": " + std::to_string(i) +
                    ", \"template\": \"inside\", \"articles\": [ { \"article\": \"" + a[2] + std::to_string(i) +
                    ".json\", \"column\": 1, \"span\": 2, \"line\": 2 } ] }";
         }
         write(tree / a[0], issue + " ] }\n");
       }}},
      // pad FILE BYTES: JSON whitespace appended to the file up to BYTES.
      {"pad", {2, [](const Args& a, const fs::path& tree) {
         const std::string bytes = read(tree / a[0]);
         write(tree / a[0], bytes + std::string(number(a[1]) > bytes.size() ? number(a[1]) - bytes.size() : 0, ' '));
       }}},
      // font-renamed FROM TO OLD NEW: a copy of the font file FROM (an absolute path) at TO, every
      // OLD in its names (ASCII and UTF-16BE; "_" stands for a space) replaced by NEW of the same
      // length: a family of its own.
      {"font-renamed", {4, [](Args a, const fs::path& tree) {
         std::replace(a[2].begin(), a[2].end(), '_', ' ');
         std::replace(a[3].begin(), a[3].end(), '_', ' ');
         if (a[2].size() != a[3].size()) throw std::runtime_error("OLD and NEW differ in length");
         std::string bytes = read(a[0]);
         if (bytes.empty()) throw std::runtime_error("cannot read " + a[0]);
         const auto utf16 = [](const std::string& ascii) {
           std::string out;
           for (char c : ascii) out += std::string{'\0', c};
           return out;
         };
         for (const auto& [from, to] : {std::pair{a[2], a[3]}, std::pair{utf16(a[2]), utf16(a[3])}}) {
           for (std::size_t at = 0; (at = bytes.find(from, at)) != std::string::npos; at += to.size()) bytes.replace(at, from.size(), to);
         }
         write(tree / a[1], bytes);
       }}},
      // damage-table FILE FACE TAG PERMILLE BYTES: BYTES of garbage written over the table TAG ("_"
      // for a space) of face FACE of the font collection (or font, FACE 0) FILE, from PERMILLE
      // thousandths into it, in place: the folder's modification time stays, so fontconfig's cache
      // still lists the face.
      {"damage-table", {5, [](Args a, const fs::path& tree) {
         std::replace(a[2].begin(), a[2].end(), '_', ' ');
         std::string bytes = read(tree / a[0]);
         const auto u32 = [&](std::size_t at) {
           return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes.at(at))) << 24 |
                  static_cast<std::uint32_t>(static_cast<unsigned char>(bytes.at(at + 1))) << 16 |
                  static_cast<std::uint32_t>(static_cast<unsigned char>(bytes.at(at + 2))) << 8 |
                  static_cast<unsigned char>(bytes.at(at + 3));
         };
         const std::size_t face = bytes.starts_with("ttcf") ? u32(12 + 4 * number(a[1])) : 0;
         const std::size_t tables = u32(face + 4) >> 16;
         for (std::size_t i = 0; i < tables; ++i) {
           const std::size_t entry = face + 12 + 16 * i;
           if (bytes.substr(entry, 4) != a[2]) continue;
           const std::size_t offset = u32(entry + 8), length = u32(entry + 12);
           const std::size_t from = offset + length * number(a[3]) / 1000;
           for (std::size_t k = from; k < std::min(from + number(a[4]), offset + length); ++k) {
             bytes[k] = static_cast<char>((k * 37 + 11) & 0xFF);
           }
           std::fstream out(tree / a[0], std::ios::binary | std::ios::in | std::ios::out);
           out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
           return;
         }
         throw std::runtime_error("no table " + a[2]);
       }}},
      // truncate FILE BYTES: keep the first BYTES of the file.
      {"truncate", {2, [](const Args& a, const fs::path& tree) {
         fs::resize_file(tree / a[0], number(a[1]));
       }}},
      // corrupt FILE FROM: overwrite every byte from FROM on with a fixed pattern.
      {"corrupt", {2, [](const Args& a, const fs::path& tree) {
         std::string bytes = read(tree / a[0]);
         for (std::size_t i = number(a[1]); i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 37 + 11) & 0xFF);
         write(tree / a[0], bytes);
       }}},
      // directory FILE: FILE becomes a folder; symlink FILE TARGET: a (perhaps dangling) link.
      {"directory", {1, [](const Args& a, const fs::path& tree) {
         fs::remove(tree / a[0]);
         fs::create_directories(tree / a[0]);
       }}},
      {"symlink", {2, [](const Args& a, const fs::path& tree) {
         fs::remove(tree / a[0]);
         fs::create_symlink(a[1], tree / a[0]);
       }}},
      // hardlink FROM TO: TO becomes a second name of FROM (the same device and inode).
      {"hardlink", {2, [](const Args& a, const fs::path& tree) {
         fs::create_directories((tree / a[1]).parent_path());
         fs::create_hard_link(tree / a[0], tree / a[1]);
       }}},
      // fifo FILE: a named pipe (reading it would block forever).
      {"fifo", {1, [](const Args& a, const fs::path& tree) {
         fs::remove(tree / a[0]);
         fs::create_directories((tree / a[0]).parent_path());
         if (::mkfifo((tree / a[0]).c_str(), 0644) != 0) throw std::runtime_error("mkfifo failed");
       }}},
      // copy FROM TO: copy a file of the tree (TO may lie outside it: "../outside/x.json").
      {"copy", {2, [](const Args& a, const fs::path& tree) {
         fs::create_directories((tree / a[1]).parent_path());
         fs::copy_file(tree / a[0], tree / a[1], fs::copy_options::overwrite_existing);
       }}},
  };
  return t;
}

}  // namespace

std::string generate(const Args& words, const fs::path& tree) {
  if (words.empty()) return "empty generate line";
  const auto it = table().find(words[0]);
  if (it == table().end()) return "unknown generator \"" + words[0] + "\"";
  const Args args(words.begin() + 1, words.end());
  if (args.size() != it->second.first) {
    return "generator \"" + words[0] + "\" takes " + std::to_string(it->second.first) + " arguments";
  }
  try {
    it->second.second(args, tree);
  } catch (const std::exception& e) {
    return "generator \"" + words[0] + "\" failed: " + e.what();
  }
  return {};
}

}  // namespace zjgr::robustness
