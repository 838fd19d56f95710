// The limits that keep hostile input bounded (issue 7; HarfBuzz's max_len idea), in one place.
// Each is enforced where the input is read, with a diagnostic naming the limit; the README's
// "Limits" section lists them. Plain constants: no module but base needs to agree on them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace zjgr::limits {

/// Largest JSON or text file read, in bytes ("file-too-large").
inline constexpr std::size_t kMaxFileBytes = 16u * 1024u * 1024u;
/// Deepest nesting of JSON arrays and objects, checked while parsing ("too-deep"): nlohmann
/// parses a million-deep array but overflows the stack copying or destroying it.
inline constexpr int kMaxJsonDepth = 64;
/// Largest photo side and area in pixels, read from the header before anything is decoded
/// ("bad-image"): Cairo's PNG loader turns a 48 KB file claiming 30000×30000 into 3.6 GB.
/// 50 Mpx is a 8660×5770 photo, decoded into 200 MB.
inline constexpr int kMaxImageSide = 20000;
inline constexpr std::int64_t kMaxImagePixels = 50'000'000;
/// Most pages in one issue ("too-many-pages"): a daily has 4–32; a special issue stays well below.
inline constexpr int kMaxPages = 200;
/// Longest paragraph (and any other text of an article: headline, caption …) in UTF-8 bytes
/// ("text-too-long"): 32 KiB is about 10,900 Chinese characters, ten times a long paragraph.
inline constexpr std::size_t kMaxParagraphBytes = 32u * 1024u;
/// Most combining marks in a row kept on one base character; later ones are dropped with a
/// "too-many-marks" warning (HarfBuzz 6.0 takes quadratic time on long runs of marks).
inline constexpr int kMaxCombiningMarks = 32;
/// Most JSON values (scalars, arrays and objects) in one file, counted while parsing
/// ("too-many-values"): each costs about 150 bytes in the tree, so a 3 MB file of a million
/// empty strings is refused after a quarter of them instead of taking a gigabyte.
inline constexpr std::size_t kMaxJsonValues = 250'000;
/// Most bytes in one photo file ("bad-image"): the decoders read a photo whole.
inline constexpr std::size_t kMaxImageFileBytes = 128u * 1024u * 1024u;

// Budgets of a whole run (issue 18): the limits above bound each file, these bound their sum, so
// that many legal files cannot add up to what one illegal file may not be. Each is checked as the
// files are read ("budget-exceeded", naming the budget, its value and what the issue needs), and
// the articles after the one that exceeds it are not read.

/// Bytes of all JSON and body files of a run (the issue, its layout, every article and body file).
inline constexpr std::size_t kMaxRunInputBytes = 64u * 1024u * 1024u;
/// Characters (code points) of all the text of a run's articles: 2 million is about 150
/// broadsheet pages of solid text.
inline constexpr std::size_t kMaxRunCharacters = 2'000'000;
/// Blocks (paragraphs, subheads, photos) in one article, and in the whole run. A body_file's
/// blank lines make no paragraph; empty strings in "body" count.
inline constexpr std::size_t kMaxArticleBlocks = 5'000;
inline constexpr std::size_t kMaxRunBlocks = 50'000;
/// Photos of a run, each file counted once however often it is placed: their pixels (the decoders'
/// work) and their file bytes (the PDF's size and the reads). 2 G pixels: issue 14's 32-page issue
/// with a distinct 24-megapixel pair on every page (1.54 G) fits; the press path decodes each
/// photo a few rows at a time, so its memory does not grow with this.
inline constexpr std::int64_t kMaxRunPhotoPixels = 2'000'000'000;
inline constexpr std::uint64_t kMaxRunPhotoBytes = 512ull * 1024u * 1024u;

// Decoder memory (render/, the PNG reader of the diff tool).

/// Largest PNG chunk libpng may allocate or inflate into (png_set_chunk_malloc_max): the text
/// and ICC profile chunks (zTXt, iTXt, iCCP) a photo may carry; IDAT is streamed, never held.
inline constexpr std::size_t kMaxPngChunkBytes = 4u * 1024u * 1024u;
/// Most ancillary chunks libpng keeps (png_set_chunk_cache_max): text, sPLT and unknown chunks.
inline constexpr unsigned kMaxPngCachedChunks = 64;
/// Most memory libjpeg's memory manager may use for one decode beyond its pixel rows
/// (max_memory_to_use): a progressive 50 Mpx photo keeps its coefficients, 100 MB at 4:2:0.
inline constexpr long kMaxJpegDecoderBytes = 512l * 1024 * 1024;

/// Most font faces one run loads ("too-many-fonts"): a layout uses a dozen. The faces sit in a
/// fixed table so that proofs may read it while layout still loads faces (issue 17).
inline constexpr std::size_t kMaxFontFaces = 256;

/// Diagnostics kept (and printed) per severity and code; the rest are counted in one line.
inline constexpr std::size_t kMaxDiagnosticsPerCode = 100;

}  // namespace zjgr::limits
