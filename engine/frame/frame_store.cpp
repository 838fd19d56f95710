#include "frame/frame_store.h"

#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <unistd.h>

namespace zjgr::frame {
namespace {

/// Appends a frame's bytes: its size, then each item as its position, its kind and its fields,
/// groups recursively.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  template <class T>
  void pod(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  template <class T>
  void array(const std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    pod(static_cast<std::uint64_t>(values.size()));
    out_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  }
  void text(const std::string& s) {
    pod(static_cast<std::uint64_t>(s.size()));
    out_.append(s);
  }

  void frame(const Frame& f) {
    pod(f.size);
    pod(static_cast<std::uint64_t>(f.items.size()));
    for (const auto& [at, item] : f.items) {
      pod(at);
      pod(static_cast<std::uint8_t>(item.index()));
      std::visit([this](const auto& i) { this->item(i); }, item);
    }
  }

 private:
  void item(const GlyphRunItem& run) {
    pod(run.font), pod(run.size), pod(run.color), pod(run.x_scale);
    array(run.glyphs);
    text(run.text);
    array(run.clusters);
  }
  void item(const ImageItem& image) {
    text(image.path);
    pod(image.size), pod(image.crop_left), pod(image.crop_top), pod(image.crop_right), pod(image.crop_bottom);
    pod(image.orientation);
  }
  void item(const RuleItem& rule) { pod(rule); }
  void item(const BoxItem& box) { pod(box); }
  void item(const MarkItem& mark) {
    text(mark.title);
    pod(mark.level);
  }
  void item(const GroupItem& group) {
    pod(group.frame != nullptr);
    if (group.frame) frame(*group.frame);
    pod(group.clip), pod(group.proof_only), pod(group.quarter_turns);
  }

  std::string& out_;
};

/// Reads what Writer wrote; throws when the bytes end early or name no kind of item.
class Reader {
 public:
  Reader(const char* data, std::size_t size) : at_(data), end_(data + size) {}

  template <class T>
  T pod() {
    static_assert(std::is_trivially_copyable_v<T>);
    T value;
    std::memcpy(&value, take(sizeof value), sizeof value);
    return value;
  }
  template <class T>
  std::vector<T> array() {
    const auto n = pod<std::uint64_t>();
    if (n > static_cast<std::uint64_t>(end_ - at_) / sizeof(T)) truncated();
    std::vector<T> values(n);
    std::memcpy(values.data(), take(n * sizeof(T)), n * sizeof(T));
    return values;
  }
  std::string text() {
    const auto n = pod<std::uint64_t>();
    if (n > static_cast<std::uint64_t>(end_ - at_)) truncated();
    return std::string(take(n), n);
  }

  Frame frame() {
    Frame f;
    f.size = pod<Size>();
    const auto n = pod<std::uint64_t>();
    f.items.reserve(n);
    for (std::uint64_t k = 0; k < n; ++k) {
      const auto at = pod<Point>();
      f.items.emplace_back(at, item(pod<std::uint8_t>()));
    }
    return f;
  }

 private:
  FrameItem item(std::uint8_t kind) {
    switch (kind) {
      case 0: {
        GlyphRunItem run;
        run.font = pod<fonts::FontId>();
        run.size = pod<Length>();
        run.color = pod<Color>();
        run.x_scale = pod<double>();
        run.glyphs = array<PositionedGlyph>();
        run.text = text();
        run.clusters = array<Cluster>();
        return run;
      }
      case 1: {
        ImageItem image;
        image.path = text();
        image.size = pod<Size>();
        image.crop_left = pod<double>(), image.crop_top = pod<double>();
        image.crop_right = pod<double>(), image.crop_bottom = pod<double>();
        image.orientation = pod<int>();
        return image;
      }
      case 2: return pod<RuleItem>();
      case 3: return pod<BoxItem>();
      case 4: {
        MarkItem mark;
        mark.title = text();
        mark.level = pod<int>();
        return mark;
      }
      case 5: {
        GroupItem group;
        if (pod<bool>()) group.frame = std::make_shared<const Frame>(frame());
        group.clip = pod<std::optional<Rect>>();
        group.proof_only = pod<bool>();
        group.quarter_turns = pod<int>();
        return group;
      }
      default: throw std::runtime_error("a stored page frame names no kind of item");
    }
  }
  const char* take(std::size_t n) {
    if (n > static_cast<std::size_t>(end_ - at_)) truncated();
    const char* p = at_;
    at_ += n;
    return p;
  }
  [[noreturn]] static void truncated() { throw std::runtime_error("a stored page frame ends early"); }

  const char* at_;
  const char* end_;
};

static_assert(std::variant_size_v<FrameItem> == 6, "a new kind of item needs its case in Writer and Reader");

}  // namespace

FrameStore::FrameStore(std::size_t pages) : file_(std::tmpfile()), spans_(pages) {}

FrameStore::~FrameStore() {
  if (file_ != nullptr) std::fclose(file_);
}

bool FrameStore::put(std::size_t index, Frame& frame) {
  if (file_ == nullptr || index >= spans_.size() || has(index)) return false;
  std::string bytes;
  Writer(bytes).frame(frame);
  const std::lock_guard<std::mutex> lock(mutex_);
  if (failed_) return false;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size() || std::fflush(file_) != 0) {
    // A short write leaves the end of the file unknown: no more pages go to it (those in it stay).
    failed_ = true;
    return false;
  }
  spans_[index] = {end_, bytes.size()};
  end_ += bytes.size();
  frame = Frame{};
  return true;
}

Frame FrameStore::load(std::size_t index) const {
  const Span span = spans_.at(index);
  std::string bytes(span.size, '\0');
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::pread(fileno(file_), bytes.data() + done, bytes.size() - done,
                              static_cast<off_t>(span.offset + done));
    if (n <= 0) throw std::runtime_error("a stored page frame cannot be read back");
    done += static_cast<std::size_t>(n);
  }
  Reader reader(bytes.data(), bytes.size());
  return reader.frame();
}

}  // namespace zjgr::frame
