#ifndef ASYNCDROP_SEQUENTIALMEMBERDROPSCHECK_H
#define ASYNCDROP_SEQUENTIALMEMBERDROPSCHECK_H

#include "utils/AsyncDropCheck.h"
#include "utils/GuardTypes.h"
#include "utils/MemberDependencies.h"
#include "utils/TestFileClassifier.h"
#include "llvm/ADT/DenseSet.h"
#include <vector>

namespace clang::tidy::asyncdrop {

/// A performance hint: consecutive `co_await m.async_drop();` statements on
/// members that do not depend on each other could run concurrently with
/// `co_await asyncdrop::drop_all(a, b, ...)`.
///
/// Docs: docs/checks/asyncdrop-sequential-member-drops.md
class SequentialMemberDropsCheck : public AsyncDropCheck {
public:
  SequentialMemberDropsCheck(StringRef Name, ClangTidyContext *Context);
  void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) override;
  void
  checkMatch(const ast_matchers::MatchFinder::MatchResult &Result) override;
  // Dependencies come from factories anywhere in the translation unit.
  void onEndOfTranslationUnit() override;

private:
  struct Step {
    const Stmt *S;
    const FieldDecl *Field;
    const Expr *Spelling;
  };
  void checkBlock(const CompoundStmt *Block);
  void report(llvm::ArrayRef<Step> Run);

  MemberDependencies Deps;
  ASTContext *Ctx = nullptr;
  std::vector<const FunctionDecl *> Functions;
  llvm::DenseSet<SourceLocation> Seen;
};

} // namespace clang::tidy::asyncdrop

#endif
