// Decides whether a source location belongs to test code, for checks whose
// rule only applies to production code (SyncDrop is fine in tests).

#ifndef ASYNCDROP_UTILS_TESTFILECLASSIFIER_H
#define ASYNCDROP_UTILS_TESTFILECLASSIFIER_H

#include "ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"
#include <memory>
#include <string>

namespace clang::tidy::asyncdrop {

/// Two signals make code "test code":
///  - the file's path matches the option TestFileRegex, or
///  - the translation unit includes a test framework header listed in the
///    option TestFrameworkHeaders (a test's helper header counts as test code
///    in that translation unit).
/// Owned by a check, which forwards its registerPPCallbacks and storeOptions.
class TestFileClassifier {
public:
  static constexpr llvm::StringLiteral DefaultTestFileRegex =
      "(^|/)(tests?|unittests?|testing)/|(^|/)test_[^/]*$|"
      "_(unit)?tests?\\.[^/.]+$";
  static constexpr llvm::StringLiteral DefaultTestFrameworkHeaders =
      "gtest/;gmock/;catch2/;catch.hpp;doctest/;doctest.h;boost/test/";

  explicit TestFileClassifier(ClangTidyCheck::OptionsView &Options);

  void storeOptions(ClangTidyCheck::OptionsView &Options,
                    ClangTidyOptions::OptionMap &Opts) const;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP);

  /// True when Loc is in a file matching TestFileRegex, or anywhere in a
  /// translation unit that includes a test framework header.
  bool isTestCode(SourceLocation Loc, const SourceManager &SM);

  /// An error message when TestFileRegex does not compile, else empty.
  std::string regexError() const;

private:
  bool isFrameworkHeader(llvm::StringRef Spelled) const;
  friend class FrameworkIncludeRecorder;

  std::string TestFileRegexText;
  std::string TestFrameworkHeadersText;
  llvm::Regex TestFileRegex;
  llvm::SmallVector<std::string, 8> FrameworkHeaders;
  // "/" + each of FrameworkHeaders: isFrameworkHeader() runs for every
  // #include of the translation unit, in every check that asks, so it
  // allocates nothing.
  llvm::SmallVector<std::string, 8> SlashedFrameworkHeaders;
  // Per file of the current translation unit: whether TestFileRegex
  // matches its path (asked once per match, computed once per file).
  llvm::DenseMap<FileID, bool> TestFiles;
  bool IncludesFramework = false;
};

} // namespace clang::tidy::asyncdrop

#endif
