#ifndef ASYNCDROP_UNGUARDEDFACTORYCHECK_H
#define ASYNCDROP_UNGUARDEDFACTORYCHECK_H

#include "utils/AsyncDropCheck.h"
#include "utils/GuardTypes.h"
#include "utils/TestFileClassifier.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <vector>

namespace clang::tidy::asyncdrop {

/// Flags factories of an AsyncDrop type T (its member functions, its
/// friends, free functions of its namespace) that return T or Task<T> by
/// value, a raw pointer to a new T, or a std::unique_ptr, std::shared_ptr or
/// std::optional of T, instead of AsyncDropGuard<T>.
///
/// Docs: docs/checks/asyncdrop-unguarded-factory.md
class UnguardedFactoryCheck : public AsyncDropCheck {
public:
  UnguardedFactoryCheck(StringRef Name, ClangTidyContext *Context);
  void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) override;
  void
  checkMatch(const ast_matchers::MatchFinder::MatchResult &Result) override;
  // Whether the fix-it is safe depends on every reference to the function.
  void onEndOfTranslationUnit() override;
  /// Per function pattern: does it return an AsyncDrop type unguarded.
  using InterestingMap = llvm::DenseMap<const FunctionDecl *, bool>;

private:
  void checkFactory(const FunctionDecl *F);
  llvm::SmallVector<FixItHint, 4> fixIts(const FunctionDecl *F,
                                         const CXXRecordDecl *RD, bool InTask);

  ASTContext *Ctx = nullptr;
  std::vector<const FunctionDecl *> Factories; // canonical declarations
  llvm::DenseSet<const FunctionDecl *> Seen;
  InterestingMap Interesting;
  // Function (pattern) -> a reference to it (a call, an address taken).
  llvm::DenseMap<const FunctionDecl *, SourceLocation> References;
};

} // namespace clang::tidy::asyncdrop

#endif
