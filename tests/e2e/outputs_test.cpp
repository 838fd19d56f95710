// The binary's outputs end to end (issue 18): one commit point per run — a full disk, an
// unwritable folder or too little memory is exit status 3 with nothing written — missing folders
// made, and outputs that would destroy a device node refused. The bad-output cases that need no
// privileges are in the robustness catalogue (tests/robustness/cases/output-*).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include "support/paths.h"
#include "support/process.h"

namespace zjgr {
namespace {

namespace fs = std::filesystem;

using test::Outcome;
using test::quote;
using test::run;

const fs::path kSmall = test::source_dir() / "tests/fixtures/e2e/small/issue.json";

/// Every entry under `dir` (files, folders, links), relative to it.
std::vector<std::string> entries_under(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    out.push_back(it->path().lexically_relative(dir).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Outcome typeset(const std::string& arguments) {
  return run(std::string(ZJGR_TYPESET) + " -q " + quote(kSmall) + " " + arguments);
}

/// A tmpfs mounted for one test (root only; unmounted at the end).
class TmpfsMount {
 public:
  TmpfsMount(const fs::path& dir, const std::string& options) : dir_(dir) {
    if (::geteuid() != 0) return;
    fs::create_directories(dir);
    mounted_ = run("mount -t tmpfs -o " + options + " zjgr-test " + quote(dir)).status == 0;
  }
  ~TmpfsMount() {
    if (mounted_) run("umount " + quote(dir_));
  }
  bool mounted() const { return mounted_; }

 private:
  fs::path dir_;
  bool mounted_ = false;
};

TEST(Outputs, MissingFoldersAreMadeForEveryOutput) {
  const fs::path dir = test::scratch_dir("e2e-outputs-folders");
  const Outcome o = typeset("-o " + quote(dir / "a/b/issue.pdf") + " --report " + quote(dir / "c/report.json") +
                            " --dump-layout " + quote(dir / "d/e/layout.txt") + " --png " + quote(dir / "f/png") +
                            " --dpi 20");
  ASSERT_EQ(o.status, 0) << o.output;
  EXPECT_TRUE(fs::is_regular_file(dir / "a/b/issue.pdf"));
  EXPECT_TRUE(fs::is_regular_file(dir / "c/report.json"));
  EXPECT_TRUE(fs::is_regular_file(dir / "d/e/layout.txt"));
  EXPECT_EQ(entries_under(dir / "f/png"), (std::vector<std::string>{"page-01.png", "page-02.png"}));
}

TEST(Outputs, ARefusedRunMakesNoFolder) {
  const fs::path dir = test::scratch_dir("e2e-outputs-refused-folders");
  // The report would be the PDF: refused before anything, so no folder is made either.
  const Outcome o = typeset("-o " + quote(dir / "a/x") + " --report " + quote(dir / "a/x") + " --png " +
                            quote(dir / "p/png"));
  EXPECT_EQ(o.status, 1) << o.output;
  EXPECT_NE(o.output.find("error[bad-output]"), std::string::npos) << o.output;
  EXPECT_TRUE(entries_under(dir).empty()) << o.output;
}

// One output at a time on a full disk: exit 3, the system's reason and the path, and none of the
// other outputs (on a healthy disk) written either.
class FullDisk : public ::testing::TestWithParam<const char*> {};

TEST_P(FullDisk, IsStatusThreeAndNothingIsWritten) {
  const std::string which = GetParam();
  const fs::path dir = test::scratch_dir(std::string("e2e-outputs-full-") + which);
  TmpfsMount full(dir / "full", "size=64k");
  if (!full.mounted()) GTEST_SKIP() << "needs root and a tmpfs mount";
  {
    std::ofstream filler(dir / "full" / "filler", std::ios::binary);
    const std::string block(4096, 'x');
    for (int i = 0; i < 64 && filler.write(block.data(), static_cast<std::streamsize>(block.size())); ++i) {
    }
  }
  const auto filler_size = fs::file_size(dir / "full" / "filler");
  auto place = [&](const std::string& output, const std::string& name) {
    return quote((output == which ? dir / "full" : dir / "ok") / name);
  };
  fs::create_directories(dir / "ok");
  const Outcome o = typeset("-o " + place("pdf", "issue.pdf") + " --report " + place("report", "report.json") +
                            " --dump-layout " + place("dump", "layout.txt") + " --png " + place("png", "png") +
                            " --dpi 30");
  EXPECT_EQ(o.status, 3) << o.output;
  EXPECT_NE(o.output.find("No space left on device"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find((dir / "full").string()), std::string::npos) << "the path is named" << o.output;
  EXPECT_NE(o.output.find("nothing written"), std::string::npos) << o.output;
  EXPECT_TRUE(entries_under(dir / "ok").empty()) << o.output;
  EXPECT_EQ(entries_under(dir / "full"), std::vector<std::string>{"filler"}) << o.output;
  EXPECT_EQ(fs::file_size(dir / "full" / "filler"), filler_size);
}

INSTANTIATE_TEST_SUITE_P(EachOutput, FullDisk, ::testing::Values("pdf", "report", "dump", "png"));

TEST(Outputs, AnUnwritableFolderIsStatusThreeAndNothingIsWritten) {
  const fs::path dir = test::scratch_dir("e2e-outputs-unwritable");
  fs::create_directories(dir / "ok");
  // Root writes anywhere a mode allows nothing: a read-only file system then; others: mode 0555.
  TmpfsMount read_only(dir / "ro", "ro,size=64k");
  if (::geteuid() == 0 && !read_only.mounted()) GTEST_SKIP() << "as root, needs a tmpfs mount";
  if (::geteuid() != 0) {
    fs::create_directories(dir / "ro");
    fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                    fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  }
  const Outcome o = typeset("-o " + quote(dir / "ok/issue.pdf") + " --png " + quote(dir / "ok/png") + " --report " +
                            quote(dir / "ro/report.json"));
  if (::geteuid() != 0) fs::permissions(dir / "ro", fs::perms::owner_all);
  EXPECT_EQ(o.status, 3) << o.output;
  EXPECT_NE(o.output.find("error[write-failed]"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find((dir / "ro/report.json").string()), std::string::npos) << o.output;
  EXPECT_TRUE(o.output.find("Read-only file system") != std::string::npos ||
              o.output.find("Permission denied") != std::string::npos)
      << o.output;
  EXPECT_TRUE(entries_under(dir / "ok").empty()) << o.output;
  EXPECT_TRUE(entries_under(dir / "ro").empty()) << o.output;
}

TEST(Outputs, ADeviceNodeIsRefusedAndKept) {
  const fs::path dir = test::scratch_dir("e2e-outputs-device");
  // What -o /dev/null is, without risking the system's own: a node like it in the scratch folder.
  const fs::path node = dir / "null";
  if (::mknod(node.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) GTEST_SKIP() << "mknod needs root";
  const Outcome o = typeset("-o " + quote(node) + " --report " + quote(dir / "report.json"));
  EXPECT_EQ(o.status, 1) << o.output;
  EXPECT_NE(o.output.find("is a character device"), std::string::npos) << o.output;
  struct stat st {};
  ASSERT_EQ(::lstat(node.c_str(), &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
  EXPECT_EQ(entries_under(dir), std::vector<std::string>{"null"});
}

#if !defined(__SANITIZE_ADDRESS__)
TEST(Outputs, TooLittleMemoryIsStatusThreeNotAMissingFont) {
  const fs::path dir = test::scratch_dir("e2e-outputs-memory");
  // 80 MB of address space: the program starts, the CJK fonts (20 MB and more each) would not
  // fit; below cli::kMinAddressSpaceMiB it now refuses before loading any (Cli.RefusesToStart…).
  const Outcome o = run("ulimit -v 81920; exec " + std::string(ZJGR_TYPESET) + " " + quote(kSmall) + " -o " +
                        quote(dir / "out/issue.pdf") + " --png " + quote(dir / "out/png"));
  if (o.status == 0) GTEST_SKIP() << "80 MB was enough on this machine";
  EXPECT_EQ(o.status, 3) << o.output;
  EXPECT_NE(o.output.find("error[out-of-memory]"), std::string::npos) << o.output;
  EXPECT_EQ(o.output.find("missing-font"), std::string::npos) << o.output;
  EXPECT_EQ(o.output.find("internal error"), std::string::npos) << o.output;
  EXPECT_TRUE(entries_under(dir).empty()) << o.output;
}
#endif

}  // namespace
}  // namespace zjgr
