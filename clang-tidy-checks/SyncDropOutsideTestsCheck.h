#ifndef ASYNCDROP_SYNCDROPOUTSIDETESTSCHECK_H
#define ASYNCDROP_SYNCDROPOUTSIDETESTSCHECK_H

#include "utils/AsyncDropCheck.h"
#include "utils/TestFileClassifier.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::asyncdrop {

/// Flags every spelled use of asyncdrop::SyncDrop outside test code: it
/// blocks the calling thread on an asynchronous cleanup, which deadlocks when
/// that thread is the one the cleanup needs.
///
/// Docs: docs/checks/asyncdrop-sync-drop-outside-tests.md
class SyncDropOutsideTestsCheck : public AsyncDropCheck {
public:
  SyncDropOutsideTestsCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) override;
  void
  checkMatch(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override { Reported.clear(); }

private:
  // A type spelled once can be reached through more than one TypeLoc (a
  // template argument's loc and its elaborated wrapper, a template and each
  // of its instantiations); report it once. (TK_IgnoreUnlessSpelledInSource
  // would skip instantiations, but it asks the parent map about every node,
  // and building that map costs a walk of the whole translation unit.)
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::asyncdrop

#endif
