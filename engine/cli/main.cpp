// zjgr-typeset: typesets one issue of the paper to a print-ready PDF.
#include <exception>
#include <iostream>

#include "cli/typeset.h"

int main(int argc, char** argv) {
  try {
    zjgr::cli::Options options;
    if (auto status = zjgr::cli::parse_options(argc, argv, options)) return *status;
    return zjgr::cli::run(options, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << ", please report\n";
    return zjgr::cli::kInternalError;
  }
}
