#ifndef ASYNCDROP_USEAFTERASYNCDROPCHECK_H
#define ASYNCDROP_USEAFTERASYNCDROPCHECK_H

#include "utils/AsyncDropCheck.h"
#include "utils/SharedFlow.h"
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
  void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) override;
  void
  checkMatch(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  bool classifiesTestFiles() const override { return false; }
  void storeCheckOptions(ClangTidyOptions::OptionMap &Opts) override;
  const std::string AllowedText;
  std::shared_ptr<SharedFlow> Flow;
  llvm::DenseSet<const FunctionDecl *> Analysed;
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::asyncdrop

#endif
