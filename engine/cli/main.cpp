// zjgr-typeset: typesets one issue of the paper to a print-ready PDF.
#include <exception>
#include <iostream>
#include <new>

#include "cli/typeset.h"
#include "render/render.h"

int main(int argc, char** argv) {
  try {
    zjgr::cli::Options options;
    if (auto status = zjgr::cli::parse_options(argc, argv, options)) return *status;
    zjgr::render::prepare_process();  // before any thread
    return zjgr::cli::run(options, std::cerr);
  } catch (const std::bad_alloc&) {
    // The machine's fault, not the input's: run()'s temporaries are gone with its stack.
    std::cerr << "error[out-of-memory]: out of memory (this issue needs more memory than the machine or its limits "
                 "allow); nothing written\n";
    return zjgr::cli::kEnvironmentFault;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << ", please report\n";
    return zjgr::cli::kInternalError;
  }
}
