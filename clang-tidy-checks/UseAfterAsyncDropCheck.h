#ifndef ASYNCDROP_USEAFTERASYNCDROPCHECK_H
#define ASYNCDROP_USEAFTERASYNCDROPCHECK_H

#include "utils/AsyncDropCheck.h"
#include "utils/GuardFlow.h"
#include "utils/GuardTypes.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::asyncdrop {

/// Flags uses of a guard's value (`*g`, `g->`, `g.get()`,
/// `unsafe_into_inner_dont_drop()`, any other member for configured guard
/// types) on a path after the guard was dropped. Assignment re-arms it;
/// `is_dropped()` and a second drop are not uses.
///
/// Docs: docs/checks/asyncdrop-use-after-async-drop.md
class UseAfterAsyncDropCheck : public AsyncDropCheck {
public:
  UseAfterAsyncDropCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void
  checkMatch(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  GuardTypes Types;
  const std::string AllowedText;
  llvm::SmallVector<std::string, 2> Allowed;
  GuardFlow Flow;
  llvm::DenseSet<const FunctionDecl *> Analysed;
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::asyncdrop

#endif
