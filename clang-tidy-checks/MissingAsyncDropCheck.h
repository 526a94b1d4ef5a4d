#ifndef ASYNCDROP_MISSINGASYNCDROPCHECK_H
#define ASYNCDROP_MISSINGASYNCDROPCHECK_H

#include "utils/AsyncDropCheck.h"
#include "utils/FlowCheckSupport.h"
#include "utils/SharedFlow.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::asyncdrop {

/// Finds every path on which a guard (local, by-value parameter, temporary)
/// is destroyed without its asynchronous cleanup and without having handed
/// its ownership on: early returns, loop iterations, break/continue/goto,
/// switch cases, explicit throws, assignments over an undropped guard.
///
/// Docs: docs/checks/asyncdrop-missing-async-drop.md
class MissingAsyncDropCheck : public AsyncDropCheck {
public:
  MissingAsyncDropCheck(StringRef Name, ClangTidyContext *Context);
  void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) override;
  void
  checkMatch(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  bool classifiesTestFiles() const override { return false; }
  void storeCheckOptions(ClangTidyOptions::OptionMap &Opts) override;
  bool inExpectedThrow(SourceLocation Loc, const SourceManager &SM) const;

  const bool CheckThrowPaths;
  std::shared_ptr<SharedFlow> Flow;
  EnclosingFunctions Functions;
  llvm::DenseSet<const FunctionDecl *> Analysed;
  // Template instantiations share source locations: report each once.
  llvm::DenseSet<std::pair<SourceLocation, SourceLocation>> Reported;
};

} // namespace clang::tidy::asyncdrop

#endif
