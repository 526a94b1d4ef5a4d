#include "TestFileClassifier.h"

#include "utils/OptionsUtils.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/Version.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::asyncdrop {

TestFileClassifier::TestFileClassifier(ClangTidyCheck::OptionsView &Options)
    : TestFileRegexText(
          Options.get("TestFileRegex", DefaultTestFileRegex).str()),
      TestFrameworkHeadersText(
          Options.get("TestFrameworkHeaders", DefaultTestFrameworkHeaders)
              .str()),
      TestFileRegex(TestFileRegexText) {
  for (llvm::StringRef Header :
       utils::options::parseStringList(TestFrameworkHeadersText)) {
    FrameworkHeaders.push_back(Header.str());
    SlashedFrameworkHeaders.push_back(("/" + Header).str());
  }
}

void TestFileClassifier::storeOptions(ClangTidyCheck::OptionsView &Options,
                                      ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, "TestFileRegex", TestFileRegexText);
  Options.store(Opts, "TestFrameworkHeaders", TestFrameworkHeadersText);
}

std::string TestFileClassifier::regexError() const {
  std::string Error;
  if (!TestFileRegex.isValid(Error))
    return Error;
  return {};
}

// An entry ending in '/' names a directory of headers ("gtest/"); any other
// entry names one header, matched as the spelled name or its path suffix
// ("catch.hpp" matches both <catch.hpp> and "third_party/catch.hpp").
bool TestFileClassifier::isFrameworkHeader(llvm::StringRef Spelled) const {
  for (unsigned I = 0; I < FrameworkHeaders.size(); ++I) {
    llvm::StringRef E(FrameworkHeaders[I]), Slashed(SlashedFrameworkHeaders[I]);
    if (E.ends_with("/")) {
      if (Spelled.starts_with(E) || Spelled.contains(Slashed))
        return true;
    } else if (Spelled == E || Spelled.ends_with(Slashed)) {
      return true;
    }
  }
  return false;
}

class FrameworkIncludeRecorder : public PPCallbacks {
public:
  explicit FrameworkIncludeRecorder(TestFileClassifier &Owner) : Owner(Owner) {}
  void InclusionDirective(SourceLocation, const Token &, StringRef FileName,
                          bool, CharSourceRange, OptionalFileEntryRef,
                          StringRef, StringRef, const Module *,
#if CLANG_VERSION_MAJOR >= 18 // ModuleImported
                          bool,
#endif
                          SrcMgr::CharacteristicKind) override {
    if (!Owner.IncludesFramework && Owner.isFrameworkHeader(FileName))
      Owner.IncludesFramework = true;
  }

private:
  TestFileClassifier &Owner;
};

void TestFileClassifier::registerPPCallbacks(const SourceManager &,
                                             Preprocessor *PP) {
  // A check object may serve several translation units (clangd): start clean.
  IncludesFramework = false;
  TestFiles.clear();
  PP->addPPCallbacks(std::make_unique<FrameworkIncludeRecorder>(*this));
}

bool TestFileClassifier::isTestCode(SourceLocation Loc,
                                    const SourceManager &SM) {
  if (IncludesFramework)
    return true;
  if (!TestFileRegex.isValid())
    return false;
  FileID File = SM.getFileID(SM.getExpansionLoc(Loc));
  auto [Cached, New] = TestFiles.try_emplace(File, false);
  if (!New)
    return Cached->second;
  OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File);
  if (!Entry)
    return false;
  // Match the absolute path with '/' separators, so that the same file is
  // classified alike whether it was named "tests/a.cpp" or "../tests/a.cpp".
  llvm::SmallString<256> Path(Entry->getName());
  SM.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  bool IsTest = TestFileRegex.match(
      llvm::sys::path::convert_to_slash(Path, llvm::sys::path::Style::native));
  TestFiles[File] = IsTest;
  return IsTest;
}

} // namespace clang::tidy::asyncdrop
