// The catalogue of bad inputs (issue 7). Each folder of tests/robustness/cases/ is laid over a
// copy of tests/robustness/base/ (a small valid two-page issue), its expect.txt's generators
// add the big or binary files, and the real zjgr-typeset binary typesets it. Every case checks:
// the documented exit status, each expected diagnostic (code, file, JSON pointer, line:column),
// no crash (no signal, no status 3 unless expected), no partial output (no new file anywhere
// when the status is 1 or 3; a complete PDF, report, dump and PNGs otherwise; no temporary files
// left anywhere), no file that was there before changed or gone (but the outputs a successful
// run replaces, and what "absent:" names), and a run under 10 s. expect.txt:
//   # what the case is about (required: at least one comment line)
//   status: 1                                  exit status
//   error: CODE FILE POINTER LINE:COLUMN       a diagnostic that must be printed ("warning:" too);
//                                              FILE "-" = no location; POINTER "-" = none, "/a/..." = prefix;
//                                              LINE:COLUMN "-" = none
//   message: TEXT                              text that must appear on stderr
//   generate: NAME ARGS...                     see generators.cpp
//   args: ARGS...                              extra command-line arguments
//   outputs: ARGS...                           the output arguments instead of the usual ones (-o out/issue.pdf
//                                              --png out/png --dpi 20 --report out/report.json --dump-layout
//                                              out/layout.txt); a successful run's files are then not checked
//   absent: FILE                               a file of the tree that the run must remove
//   issue: FILE                                the issue argument (default issue.json)
//   env: NAME=VALUE                            an environment variable of the run; {tree} in VALUE is
//                                              the case tree's absolute path (FONTCONFIG_FILE={tree}/fonts.conf)
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "generators.h"
#include "support/paths.h"
#include "support/process.h"

namespace zjgr::robustness {
namespace {

namespace fs = std::filesystem;

/// Longest a case may take (issue 7: "in under 10 s", a promise about the release build). Under
/// ASan+UBSan the same binary runs 3–5 times slower, and CI runs two tests at once on 2 cores: the
/// bound there only guards against a hang or a quadratic loop.
#if defined(__SANITIZE_ADDRESS__)
constexpr double kMaxSeconds = 30.0;
#else
constexpr double kMaxSeconds = 10.0;
#endif

const fs::path kRoot = test::source_dir() / "tests/robustness";

struct Expected {
  std::string severity, code, file, pointer, location;
};

struct Case {
  std::string name;
  int status = -1;
  std::vector<Expected> diagnostics;
  std::vector<std::string> messages;
  std::vector<std::vector<std::string>> generators;
  std::vector<std::string> args;
  std::optional<std::vector<std::string>> outputs;
  std::vector<std::string> absent;
  std::string issue = "issue.json";
  std::vector<std::pair<std::string, std::string>> env;
  bool described = false;
  std::string problem;  // what is wrong with expect.txt itself
};

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

Case read_case(const std::string& name) {
  Case c;
  c.name = name;
  std::ifstream in(kRoot / "cases" / name / "expect.txt");
  if (!in) {
    c.problem = "no expect.txt";
    return c;
  }
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    if (line[0] == '#') {
      c.described = true;
      continue;
    }
    const auto colon = line.find(": ");
    const std::string key = line.substr(0, colon);
    const std::string value = colon == std::string::npos ? "" : line.substr(colon + 2);
    if (key == "status") {
      c.status = std::stoi(value);
    } else if (key == "error" || key == "warning") {
      const auto w = words(value);
      if (w.size() != 4) {
        c.problem = "expected \"" + key + ": CODE FILE POINTER LINE:COLUMN\", found \"" + line + "\"";
        continue;
      }
      c.diagnostics.push_back({key, w[0], w[1], w[2], w[3]});
    } else if (key == "message") {
      c.messages.push_back(value);
    } else if (key == "generate") {
      c.generators.push_back(words(value));
    } else if (key == "args") {
      c.args = words(value);
    } else if (key == "outputs") {
      c.outputs = words(value);
    } else if (key == "absent") {
      c.absent.push_back(value);
    } else if (key == "issue") {
      c.issue = value;
    } else if (key == "env" && value.find('=') != std::string::npos) {
      c.env.emplace_back(value.substr(0, value.find('=')), value.substr(value.find('=') + 1));
    } else {
      c.problem = "unknown line \"" + line + "\"";
    }
  }
  return c;
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kRoot / "cases", ec)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// One printed diagnostic: "error[code]: message" and its "  --> file:pointer (line L, column C)".
struct Printed {
  std::string severity, code, file, pointer, location;
};

std::vector<Printed> parse_output(const std::string& output) {
  static const std::regex header(R"(^(error|warning)\[([a-z0-9-]+)\]: .*)");
  static const std::regex arrow(R"(^  --> ([^:(]*?)(?::(.*?))?(?: \(line (\d+), column (\d+)\))?(?: \(bytes \d+-\d+\))?$)");
  std::vector<Printed> out;
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_match(line, m, header)) {
      out.push_back({m[1], m[2], "-", "-", "-"});
    } else if (!out.empty() && std::regex_match(line, m, arrow)) {
      out.back().file = m[1];
      out.back().pointer = m[2].matched && !m[2].str().empty() ? m[2].str() : "-";
      out.back().location = m[3].matched ? m[3].str() + ":" + m[4].str() : "-";
    }
  }
  return out;
}

bool matches(const Expected& e, const Printed& p) {
  if (e.severity != p.severity || e.code != p.code || e.file != p.file || e.location != p.location) return false;
  if (e.pointer.ends_with("...")) return p.pointer.starts_with(e.pointer.substr(0, e.pointer.size() - 3));
  return e.pointer == p.pointer;
}

struct RunResult {
  int status = -1;  // exit status, or 128 + signal
  bool timed_out = false;
  double seconds = 0;
  std::string output;
};

/// Runs the binary in `dir` with stdout and stderr into a file; kills it after 3 × the limit.
/// (test::run goes through the shell with no time limit and cannot tell a signal from status 1.)
RunResult run_binary(const fs::path& dir, const std::vector<std::string>& args,
                     const std::vector<std::pair<std::string, std::string>>& env) {
  RunResult run;
  const fs::path log = dir.parent_path() / "output.txt";
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(dir.c_str()) != 0) ::_exit(126);
    for (const auto& [name, value] : env) {
      std::string v = value;
      for (std::size_t at; (at = v.find("{tree}")) != std::string::npos;) v.replace(at, 6, dir.string());
      ::setenv(name.c_str(), v.c_str(), 1);
    }
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    std::vector<char*> argv;
    static std::string binary = ZJGR_TYPESET;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  int raw = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &raw, WNOHANG);
    if (done == pid) break;
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (run.seconds > 3 * kMaxSeconds) {
      run.timed_out = true;
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &raw, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  run.output = test::read_file(log);
  return run;
}

/// Every regular file under `dir`, relative to it.
std::set<std::string> files_under(const fs::path& dir) {
  std::set<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_symlink() || it->is_regular_file()) out.insert(it->path().lexically_relative(dir).generic_string());
  }
  return out;
}

/// What each regular file under `dir` holds and where each symlink points (never read through:
/// it may lead to a FIFO), by path relative to `dir`.
std::map<std::string, std::string> contents_under(const fs::path& dir) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const std::string name = it->path().lexically_relative(dir).generic_string();
    if (it->is_symlink()) {
      out[name] = "symlink to " + fs::read_symlink(it->path(), ec).string();
    } else if (it->is_regular_file()) {
      out[name] = test::read_file(it->path());
    }
  }
  return out;
}

class Catalogue : public ::testing::TestWithParam<std::string> {};

TEST_P(Catalogue, AnswersAsDocumented) {
  const Case c = read_case(GetParam());
  ASSERT_TRUE(c.problem.empty()) << "cases/" << c.name << "/expect.txt: " << c.problem;
  ASSERT_TRUE(c.described) << "cases/" << c.name << "/expect.txt: say what the case is in a # comment";
  ASSERT_GE(c.status, 0) << "cases/" << c.name << "/expect.txt: no status";
  ASSERT_TRUE(c.status == 0 || !c.diagnostics.empty() || !c.messages.empty())
      << "cases/" << c.name << ": a failing case must name the diagnostic it expects";

  // The tree: base/, the case's files over it, then the generated files.
  const fs::path scratch = test::scratch_dir("robustness/" + c.name);
  const fs::path tree = scratch / "tree";
  fs::copy(kRoot / "base", tree, fs::copy_options::recursive);
  fs::copy(kRoot / "cases" / c.name, tree, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  fs::remove(tree / "expect.txt");
  for (const auto& g : c.generators) {
    const std::string problem = generate(g, tree);
    ASSERT_TRUE(problem.empty()) << "cases/" << c.name << "/expect.txt: " << problem;
  }
  fs::create_directories(tree / "out");
  const std::set<std::string> before = files_under(tree);
  const std::map<std::string, std::string> contents_before = contents_under(tree);

  std::vector<std::string> args{c.issue};
  const std::vector<std::string> outputs = c.outputs.value_or(std::vector<std::string>{
      "-o", "out/issue.pdf", "--png", "out/png", "--dpi", "20", "--report", "out/report.json", "--dump-layout",
      "out/layout.txt"});
  args.insert(args.end(), outputs.begin(), outputs.end());
  args.insert(args.end(), c.args.begin(), c.args.end());
  const RunResult run = run_binary(tree, args, c.env);
  const std::string shown = "\n--- output of zjgr-typeset in " + tree.string() + ":\n" + run.output;

  // No crash, no hang, the documented status.
  ASSERT_FALSE(run.timed_out) << "killed after " << run.seconds << " s" << shown;
  ASSERT_LT(run.status, 128) << "killed by signal " << run.status - 128 << shown;
  EXPECT_EQ(run.status, c.status) << shown;
  EXPECT_LT(run.seconds, kMaxSeconds) << shown;
  EXPECT_EQ(run.output.find("internal error"), std::string::npos) << shown;
  EXPECT_EQ(run.output.find("runtime error"), std::string::npos) << "UBSan report" << shown;

  // The diagnostics.
  const std::vector<Printed> printed = parse_output(run.output);
  for (const Expected& e : c.diagnostics) {
    const bool found = std::any_of(printed.begin(), printed.end(), [&](const Printed& p) { return matches(e, p); });
    EXPECT_TRUE(found) << "expected " << e.severity << "[" << e.code << "] at " << e.file << ":" << e.pointer << " "
                       << e.location << shown;
  }
  for (const std::string& m : c.messages) EXPECT_NE(run.output.find(m), std::string::npos) << "expected \"" << m << "\"" << shown;
  if (c.status == 1 || c.status == 3) {
    const bool has_error = std::any_of(printed.begin(), printed.end(), [](const Printed& p) { return p.severity == "error"; });
    EXPECT_TRUE(has_error || run.output.find("error") != std::string::npos) << "status 1 without an error" << shown;
  }

  // Output: nothing on failure; complete files on success; no temporary files either way.
  std::set<std::string> after = files_under(tree);
  std::set<std::string> made;
  std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::inserter(made, made.end()));
  const bool succeeded = c.status == 0 || c.status == 2;
  if (c.status == 1 || c.status == 3) {
    EXPECT_TRUE(made.empty()) << "a failed run wrote " << *made.begin() << shown;
  } else if (succeeded && c.outputs) {
    for (const std::string& f : made) EXPECT_EQ(f.find(".zjgr-tmp-"), std::string::npos) << "left behind: " << f << shown;
  } else if (succeeded) {
    const std::string pdf = test::read_file(tree / "out/issue.pdf");
    EXPECT_TRUE(pdf.starts_with("%PDF-")) << shown;
    EXPECT_NE(pdf.find("%%EOF", pdf.size() > 16 ? pdf.size() - 16 : 0), std::string::npos) << "truncated PDF" << shown;
    EXPECT_TRUE(made.contains("out/report.json")) << shown;
    EXPECT_TRUE(made.contains("out/layout.txt")) << shown;
    EXPECT_TRUE(made.contains("out/png/page-01.png")) << shown;
    for (const std::string& f : made) {
      const bool expected = f == "out/issue.pdf" || f == "out/report.json" || f == "out/layout.txt" ||
                            std::regex_match(f, std::regex(R"(out/png/page-\d+\.png)"));
      EXPECT_TRUE(expected) << "unexpected file left behind: " << f << shown;
    }
  }

  // Inputs and everything else that was there: unchanged, unless a successful run replaced it
  // as one of its outputs or the case says the run removes it.
  const std::map<std::string, std::string> contents_after = contents_under(tree);
  for (const std::string& f : c.absent) {
    EXPECT_FALSE(contents_after.contains(f)) << f << " should have been removed" << shown;
    EXPECT_TRUE(contents_before.contains(f)) << "cases/" << c.name << ": absent " << f << " was never there";
  }
  for (const auto& [f, content] : contents_before) {
    if (std::find(c.absent.begin(), c.absent.end(), f) != c.absent.end()) continue;
    const bool replaceable = succeeded && !c.outputs &&
                             (f == "out/issue.pdf" || f == "out/report.json" || f == "out/layout.txt" ||
                              std::regex_match(f, std::regex(R"(out/png/page-\d\d+\.png)")));
    if (replaceable) continue;
    const auto now = contents_after.find(f);
    if (now == contents_after.end()) {
      ADD_FAILURE() << f << " was removed" << shown;
    } else {
      EXPECT_TRUE(now->second == content) << f << " was changed" << shown;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, Catalogue, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(Catalogue, HasAtLeastSixtyCases) {
  // issue 7: "a catalogue of at least 60 bad inputs"; a missing folder fails here.
  EXPECT_GE(case_names().size(), 60u);
}

}  // namespace
}  // namespace zjgr::robustness
