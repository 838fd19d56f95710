// libjpeg plumbing shared by the proof/screen decoder (images.cpp) and the press photos
// (press_photos.cpp): reading a photo file within its bound and libjpeg's error handling
// (a longjmp out of the library instead of exit(), damaged data told from harmless warnings).
// Private to render/.
#pragma once

#include <csetjmp>
#include <string>
#include <vector>

#include <cstdio>  // jpeglib.h needs FILE
#include <jpeglib.h>

#include "base/diagnostics.h"

namespace zjgr::render::detail {

using Bytes = std::vector<unsigned char>;

/// The whole file, if it is no larger than a photo may be (limits::kMaxImageFileBytes; input/
/// checked it, but it may have grown since).
bool read_image_file(const std::string& path, Bytes& out);

/// libjpeg's error manager with a jump target: install with install_jpeg_error(), then
/// `if (setjmp(err.jump) != 0)` around the calls; the message is in err.message.
struct JpegError {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
  char first_warning[JMSG_LENGTH_MAX];  ///< libjpeg's first complaint about damaged data, if any
};

/// Points `cinfo`'s error manager at `err` (errors longjmp to err.jump; damage warnings are kept).
void install_jpeg_error(jpeg_common_struct& cinfo, JpegError& err);

/// Reports "photo-damaged" for the JPEG at `path` when decoding it met damaged data (libjpeg's
/// `first_warning`, empty if none): the same warning whichever decoder (screen or press) met it.
void warn_if_damaged(const std::string& path, const char* first_warning, Diagnostics& diagnostics);

}  // namespace zjgr::render::detail
