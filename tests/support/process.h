// Running the project's programs and independent tools (poppler-utils, qpdf, Ghostscript) from
// tests, and reading what they wrote.
#pragma once

#include <filesystem>
#include <string>

namespace zjgr::test {

/// What a command did: its exit status (-1 if it did not exit normally) and its output.
struct Outcome {
  int status = -1;
  std::string output;  ///< stdout, and stderr unless it was discarded
};

/// Runs `command` with /bin/sh; stderr joins stdout unless `with_stderr` is false.
Outcome run(const std::string& command, bool with_stderr = true);

/// `path` quoted for the shell.
std::string quote(const std::filesystem::path& path);

/// The whole file, or an empty string when it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace zjgr::test
