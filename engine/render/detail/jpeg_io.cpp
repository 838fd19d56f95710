// libjpeg plumbing (see jpeg_io.h).
#include "render/detail/jpeg_io.h"

#include <cstdint>
#include <fstream>

#include <jerror.h>

#include "base/limits.h"

namespace zjgr::render::detail {
namespace {

[[noreturn]] void jpeg_error_exit(j_common_ptr cinfo) {
  auto* err = reinterpret_cast<JpegError*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, err->message);
  std::longjmp(err->jump, 1);
}

/// libjpeg's warnings that mean damaged data (a cut or corrupt file), which it decodes as far as
/// it can; others (an unknown JFIF revision, an odd Adobe transform code) are not the photo's fault.
bool is_damage(int code) {
  switch (code) {
    case JWRN_HIT_MARKER: case JWRN_JPEG_EOF: case JWRN_EXTRANEOUS_DATA: case JWRN_HUFF_BAD_CODE:
    case JWRN_ARITH_BAD_CODE: case JWRN_MUST_RESYNC: case JWRN_NOT_SEQUENTIAL: case JWRN_BOGUS_PROGRESSION:
      return true;
    default:
      return false;
  }
}

// Level -1 is a warning; trace messages (levels 1 and up) are ignored.
void jpeg_note_warning(j_common_ptr cinfo, int level) {
  auto* err = reinterpret_cast<JpegError*>(cinfo->err);
  if (level != -1) return;
  ++cinfo->err->num_warnings;
  if (err->first_warning[0] == '\0' && is_damage(cinfo->err->msg_code)) {
    (*cinfo->err->format_message)(cinfo, err->first_warning);
  }
}

}  // namespace

bool read_image_file(const std::string& path, Bytes& out) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return false;
  const std::streamoff size = in.tellg();
  if (size < 0 || static_cast<std::uint64_t>(size) > limits::kMaxImageFileBytes) return false;
  out.resize(static_cast<std::size_t>(size));
  in.seekg(0);
  in.read(reinterpret_cast<char*>(out.data()), size);
  return in.gcount() == size;
}

void install_jpeg_error(jpeg_common_struct& cinfo, JpegError& err) {
  cinfo.err = jpeg_std_error(&err.mgr);
  err.mgr.error_exit = jpeg_error_exit;
  err.mgr.emit_message = jpeg_note_warning;
}

void warn_if_damaged(const std::string& path, const char* first_warning, Diagnostics& diagnostics) {
  if (first_warning[0] == '\0') return;
  diagnostics.warning("photo-damaged", "JPEG \"" + path + "\" has damaged image data (libjpeg: " +
                                           first_warning + "); it prints as far as it decodes");
}

}  // namespace zjgr::render::detail
