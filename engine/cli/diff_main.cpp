// zjgr-diff: compares the rendered pages and layout dumps of two runs (visual regression, issue 6).
#include <exception>
#include <iostream>

#include "cli/diff.h"

int main(int argc, char** argv) {
  try {
    zjgr::cli::DiffOptions options;
    if (auto status = zjgr::cli::parse_diff_options(argc, argv, options)) return *status;
    return zjgr::cli::run_diff(options, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << ", please report\n";
    return 2;
  }
}
