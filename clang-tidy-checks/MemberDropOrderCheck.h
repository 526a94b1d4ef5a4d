#ifndef ASYNCDROP_MEMBERDROPORDERCHECK_H
#define ASYNCDROP_MEMBERDROPORDERCHECK_H

#include "utils/AsyncDropCheck.h"
#include "utils/GuardTypes.h"
#include "utils/MemberDependencies.h"
#include "utils/SharedFlow.h"
#include "utils/TestFileClassifier.h"
#include "llvm/ADT/DenseSet.h"
#include <vector>

namespace clang::tidy::asyncdrop {

/// Flags async_drop_impl() bodies that drop a member before (or
/// concurrently with) another member that depends on it.
///
/// Docs: docs/checks/asyncdrop-member-drop-order.md
class MemberDropOrderCheck : public AsyncDropCheck {
public:
  MemberDropOrderCheck(StringRef Name, ClangTidyContext *Context);
  void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) override;
  void
  checkMatch(const ast_matchers::MatchFinder::MatchResult &Result) override;
  // Factories anywhere in the translation unit add dependencies: analyse
  // once everything has been seen.
  void onEndOfTranslationUnit() override;

private:
  void checkImpl(const FunctionDecl *Impl);

  // The engine (and its callee summaries) of every check configured alike.
  std::shared_ptr<SharedFlow> Shared;
  GuardFlow &Flow;
  MemberDependencies Deps;
  ASTContext *Ctx = nullptr;
  std::vector<const FunctionDecl *> Impls;
  llvm::DenseSet<SourceLocation> Seen;
};

} // namespace clang::tidy::asyncdrop

#endif
