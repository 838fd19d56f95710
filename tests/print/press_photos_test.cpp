// Press photos (render/detail/press_photos.h): the crop in stored pixels, the resolution and
// quality of what is made, and the same bytes whatever the number of threads.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <new>
#include <string>
#include <thread>

#include "render/detail/color.h"
#include "render/detail/images.h"
#include "render/detail/press_photos.h"
#include "render/render.h"
#include "support/paths.h"
#include "support/process.h"

namespace zjgr::render {
namespace {

namespace fs = std::filesystem;
using detail::CropWindow;
using detail::stored_crop;

void expect_crop(const CropWindow& got, const CropWindow& want) {
  EXPECT_NEAR(got.left, want.left, 1e-9);
  EXPECT_NEAR(got.top, want.top, 1e-9);
  EXPECT_NEAR(got.right, want.right, 1e-9);
  EXPECT_NEAR(got.bottom, want.bottom, 1e-9);
}

TEST(PressPhotos, StoredCropTurnsTheUprightCropBack) {
  const CropWindow upright{0.1, 0.2, 0.5, 0.9};
  expect_crop(stored_crop(1, upright), upright);
  expect_crop(stored_crop(2, upright), {0.5, 0.2, 0.9, 0.9});  // mirrored left–right
  expect_crop(stored_crop(3, upright), {0.5, 0.1, 0.9, 0.8});  // turned 180°
  // 6: stored row 0 is on the right, seen upright: upright (u, v) is stored (v, 1 - u).
  expect_crop(stored_crop(6, upright), {0.2, 0.5, 0.9, 0.9});
}

std::string make_jpeg(const fs::path& dir, const std::string& name, const std::string& draw, int quality) {
  const fs::path file = dir / name;
  const test::Outcome o = test::run("MAGICK_THREAD_LIMIT=1 convert -seed 5 -size 160x100 " + draw +
                                    " -resize 1600x1000\\! -strip -quality " + std::to_string(quality) + " " +
                                    test::quote(file));
  EXPECT_EQ(o.status, 0) << "ImageMagick's convert failed: " << o.output;
  return file.string();
}

TEST(PressPhotos, QualityIsReadBackFromTheQuantisationTables) {
  const fs::path dir = test::scratch_dir("press-quality-" + std::to_string(::getpid()));
  for (int q : {50, 75, 90, 97}) {
    const std::string bytes = test::read_file(make_jpeg(dir, "q.jpg", "plasma:", q));
    EXPECT_EQ(detail::jpeg_quality(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()), q);
  }
  EXPECT_EQ(detail::jpeg_quality(nullptr, 0), 0);
}

frame::Document four_photos(const fs::path& dir) {
  frame::Document doc;
  doc.metadata.title = "press photos";
  doc.metadata.year = 2021, doc.metadata.month = 2, doc.metadata.day = 25;
  frame::PageFrame page;
  page.trim = {Length::mm(200), Length::mm(200)};
  page.bleed = Length::mm(3);
  const std::string draws[] = {"plasma:red-blue", "plasma:green-yellow", "gradient:navy-orange", "xc:gray60"};
  for (int i = 0; i < 4; ++i) {
    frame::ImageItem image;
    image.path = make_jpeg(dir, "photo-" + std::to_string(i) + ".jpg", draws[i], 85);
    image.size = {Length::mm(80), Length::mm(50)};  // 1600 px over 80 mm: 508 ppi, down to 300
    if (i == 1) image.crop_left = 0.5, image.size = {Length::mm(40), Length::mm(50)};
    if (i == 2) image.size = {Length::mm(160), Length::mm(100)};  // 254 ppi: kept as it is
    if (i == 3) image.orientation = 6;
    page.frame.push(Point{Length::mm(10 + (i % 2) * 90), Length::mm(10 + (i / 2) * 100)}, image);
  }
  doc.pages.push_back(std::move(page));
  return doc;
}

TEST(PressPhotos, SameBytesWhateverTheThreadCountAndNeverUpsampled) {
  const fs::path dir = test::scratch_dir("press-threads-" + std::to_string(::getpid()));
  const frame::Document doc = four_photos(dir);
  fonts::FontLibrary fonts;
  std::string first;
  for (unsigned threads : {1u, 3u}) {
    PdfOptions options;
    options.print = true;
    options.threads = threads;
    Diagnostics diagnostics;
    Preflight preflight;
    const fs::path pdf = dir / ("t" + std::to_string(threads) + ".pdf");
    ASSERT_TRUE(render_pdf(doc, fonts, pdf, options, diagnostics, &preflight));
    EXPECT_FALSE(diagnostics.has_errors());
    const std::string bytes = test::read_file(pdf);
    if (first.empty()) {
      first = bytes;
      ASSERT_EQ(preflight.press_photos.size(), 4u);
      for (const PressPhotoReport& photo : preflight.press_photos) {
        SCOPED_TRACE(photo.path);
        EXPECT_LE(photo.output_ppi, std::min(300.0, photo.source_ppi) + 1);
        EXPECT_EQ(photo.quality, 90);
      }
      EXPECT_EQ(preflight.press_photos[0].width, 945);   // 80 mm at 300 ppi, rounded up
      EXPECT_EQ(preflight.press_photos[1].width, 473);   // the right half of the photo, 40 mm
      EXPECT_EQ(preflight.press_photos[2].width, 1600);  // 254 ppi: never upsampled
      EXPECT_EQ(preflight.press_photos[3].height, 591);  // turned upright: 1000 × 1600, 50 mm tall
      for (const PreflightCheck& check : preflight.checks) EXPECT_TRUE(check.passed) << check.name << ": " << check.detail;
    } else {
      EXPECT_TRUE(bytes == first) << "the PDF depends on the number of threads";
    }
  }
}

// Out of memory on a worker thread (issue 18): the exception reaches prepare()'s caller, after
// the workers have stopped, instead of ending the process with std::terminate from the worker.
TEST(PressPhotos, AWorkersExceptionIsThrownOnTheCallingThread) {
  const fs::path dir = test::scratch_dir("press-worker-throws-" + std::to_string(::getpid()));
  const frame::Document doc = four_photos(dir);
  Diagnostics diagnostics;
  const auto profile = detail::read_icc_profile(detail::kDefaultCmykProfile, diagnostics);
  ASSERT_TRUE(profile);
  const auto converter = detail::CmykConverter::create(*profile, 240, diagnostics);
  ASSERT_NE(converter, nullptr);
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<int> on_workers{0};
  detail::PressPhotoSettings settings;
  settings.threads = 4;
  settings.before_job = [&](std::size_t) {
    if (std::this_thread::get_id() == caller) {
      // The calling thread waits (at most 10 s) until a worker has taken a job and thrown.
      for (int i = 0; i < 1000 && on_workers.load() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      return;
    }
    ++on_workers;
    throw std::bad_alloc();
  };
  detail::PressPhotos photos;
  EXPECT_THROW(photos.prepare(doc, *converter, settings, diagnostics), std::bad_alloc);
  EXPECT_GE(on_workers.load(), 1) << "no job ran on a worker thread";
}

}  // namespace
}  // namespace zjgr::render
