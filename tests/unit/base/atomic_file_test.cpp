// AtomicFile, temporary names, and removing what killed runs left behind.
#include "base/atomic_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <set>

#include "support/paths.h"
#include "support/process.h"

namespace zjgr {
namespace {

namespace fs = std::filesystem;

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename().string());
  return names;
}

void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

/// A pid no process can have: above the kernel's largest pid_max (2^22).
constexpr long kDeadPid = 99999999;

TEST(TemporaryName, CarriesThePidAndIsRecognised) {
  const fs::path p = temporary_path("out", "issue.pdf");
  EXPECT_EQ(p.parent_path(), fs::path("out"));
  const std::string name = p.filename().string();
  EXPECT_TRUE(name.starts_with(".zjgr-tmp-" + std::to_string(::getpid()) + "-")) << name;
  EXPECT_TRUE(name.ends_with("-issue.pdf")) << name;
  EXPECT_EQ(temporary_owner(name), ::getpid());
  EXPECT_NE(temporary_path("out", "issue.pdf"), p);  // unique per call
}

TEST(TemporaryName, OwnerIsReadFromOurPatternOnly) {
  EXPECT_EQ(temporary_owner(".zjgr-tmp-123-4-issue.pdf"), 123);
  EXPECT_EQ(temporary_owner(".zjgr-tmp-123"), 123);  // the PNG staging folder of earlier versions
  EXPECT_EQ(temporary_owner(".zjgr-tmp-12a-x"), -1);
  EXPECT_EQ(temporary_owner(".zjgr-tmp-"), -1);
  EXPECT_EQ(temporary_owner(".zjgr-tmp-notes.txt"), -1);
  EXPECT_EQ(temporary_owner("zjgr-tmp-123"), -1);
  EXPECT_EQ(temporary_owner(".issue.pdf.123.0.tmp"), -1);
  EXPECT_EQ(temporary_owner(".zjgr-tmp-12345678901-x"), -1);  // no pid has 11 digits
}

TEST(TemporaryName, LongNamesStayWithinTheLimitAndWholeCharacters) {
  std::string name;
  for (int i = 0; i < 100; ++i) name += "版";  // 300 bytes
  const std::string file = temporary_path(".", name + ".pdf").filename().string();
  EXPECT_LE(file.size(), 255u);
  // The cut keeps whole UTF-8 sequences: the name ends in a complete 版.
  EXPECT_TRUE(file.ends_with("版")) << file;
}

TEST(StaleTemporaries, ThoseOfDeadProcessesGoOthersStay) {
  const fs::path dir = test::scratch_dir("base-stale-temporaries");
  const std::string dead = ".zjgr-tmp-" + std::to_string(kDeadPid);
  write(dir / (dead + "-0-issue.pdf"), "half a pdf");
  fs::create_directories(dir / dead / "inner");  // a PNG staging folder, with what it holds
  write(dir / dead / "page-01.png", "png");
  write(dir / dead / "inner" / "x", "x");
  fs::create_directories(dir / "elsewhere");
  write(dir / "elsewhere" / "target.txt", "keep me");
  fs::create_symlink(dir / "elsewhere", dir / (dead + "-1-link"));
  // Alive: our parent process (the test runner's shell or ctest), and this process itself.
  const std::string parent = ".zjgr-tmp-" + std::to_string(::getppid()) + "-0-report.json";
  const std::string self = temporary_path(dir, "dump.txt").filename().string();
  write(dir / parent, "{");
  write(dir / self, "in progress");
  // Not ours at all.
  for (const char* other : {".zjgr-tmp-notes.txt", "issue.pdf", ".issue.pdf.99999999.0.tmp", "zjgr-tmp-99999999"}) {
    write(dir / other, "someone else's");
  }

  EXPECT_EQ(remove_stale_temporaries(dir), 3u);
  EXPECT_EQ(names_in(dir), (std::set<std::string>{parent, self, ".zjgr-tmp-notes.txt", "issue.pdf",
                                                  ".issue.pdf.99999999.0.tmp", "zjgr-tmp-99999999", "elsewhere"}));
  EXPECT_EQ(test::read_file(dir / "elsewhere" / "target.txt"), "keep me");  // a symlink is never followed
}

TEST(StaleTemporaries, OldOnesGoWhoeverOwnsThem) {
  const fs::path dir = test::scratch_dir("base-stale-temporaries-old");
  // pid 1 always runs; a file of "its" two hours old is a leftover whose pid was reused.
  const fs::path old = dir / ".zjgr-tmp-1-0-issue.pdf";
  const fs::path fresh = dir / ".zjgr-tmp-1-1-issue.pdf";
  write(old, "old");
  write(fresh, "fresh");
  fs::last_write_time(old, fs::file_time_type::clock::now() - std::chrono::hours(2));
  const fs::path mine = temporary_path(dir, "issue.pdf");
  write(mine, "mine");
  fs::last_write_time(mine, fs::file_time_type::clock::now() - std::chrono::hours(2));

  EXPECT_EQ(remove_stale_temporaries(dir), 1u);
  EXPECT_FALSE(fs::exists(old));
  EXPECT_TRUE(fs::exists(fresh));
  EXPECT_TRUE(fs::exists(mine));  // this process's own temporary, however old
}

TEST(AtomicFileTest, NothingReachesTheTargetBeforeCommit) {
  const fs::path dir = test::scratch_dir("base-atomic-file");
  write(dir / "out.txt", "old");
  Diagnostics diagnostics;
  {
    AtomicFile file(dir / "out.txt", diagnostics);
    ASSERT_TRUE(file.ok());
    EXPECT_TRUE(file.write("new", 3));
    EXPECT_TRUE(file.finish());
    EXPECT_TRUE(file.ok());
    EXPECT_EQ(test::read_file(dir / "out.txt"), "old");
    EXPECT_EQ(test::read_file(file.temporary()), "new");
  }  // dropped without a commit
  EXPECT_EQ(names_in(dir), std::set<std::string>{"out.txt"});
  EXPECT_EQ(test::read_file(dir / "out.txt"), "old");

  AtomicFile file(dir / "out.txt", diagnostics);
  file.write("new", 3);
  EXPECT_TRUE(file.commit());
  EXPECT_EQ(test::read_file(dir / "out.txt"), "new");
  EXPECT_EQ(names_in(dir), std::set<std::string>{"out.txt"});
  EXPECT_FALSE(diagnostics.has_errors());
}

TEST(AtomicFileTest, AFailureNamesTheTargetAndTheReason) {
  const fs::path dir = test::scratch_dir("base-atomic-file-fail");
  Diagnostics diagnostics;
  AtomicFile file(dir / "missing" / "out.txt", diagnostics);
  EXPECT_FALSE(file.ok());
  EXPECT_FALSE(file.commit());
  ASSERT_EQ(diagnostics.error_count(), 1u);  // reported once
  EXPECT_EQ(diagnostics.items()[0].code, "write-failed");
  EXPECT_NE(diagnostics.items()[0].message.find("out.txt"), std::string::npos) << diagnostics.items()[0].message;
  EXPECT_NE(diagnostics.items()[0].message.find("No such file or directory"), std::string::npos)
      << diagnostics.items()[0].message;
  EXPECT_TRUE(is_environment_fault(diagnostics.items()[0]));
}

}  // namespace
}  // namespace zjgr
