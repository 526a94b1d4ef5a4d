#ifndef ASYNCDROP_UNSAFEINTOINNERCHECK_H
#define ASYNCDROP_UNSAFEINTOINNERCHECK_H

#include "utils/AsyncDropCheck.h"
#include "utils/FlowCheckSupport.h"
#include "utils/GuardTypes.h"
#include "utils/SharedFlow.h"
#include "utils/TestFileClassifier.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::asyncdrop {

/// Flags `unsafe_into_inner_dont_drop()` outside the guarded type's own
/// member functions and friends, and, inside them, a released value whose
/// guard-like members are neither dropped nor handed to another owner.
///
/// Docs: docs/checks/asyncdrop-unsafe-into-inner.md
class UnsafeIntoInnerCheck : public AsyncDropCheck {
public:
  UnsafeIntoInnerCheck(StringRef Name, ClangTidyContext *Context);
  void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) override;
  void
  checkMatch(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override {
    Reported.clear();
    Functions.clear();
  }

private:
  void checkReleasedMembers(ASTContext &Ctx, const Expr *Call,
                            SourceLocation Loc, const CXXRecordDecl *Released,
                            const FunctionDecl *Enclosing);

  /// A note naming the instantiation being checked, if any.
  void noteInstantiation(const SourceManager &SM);
  static std::string memberList(llvm::ArrayRef<const FieldDecl *> Fields);

  // The engine (and its callee summaries) of every check configured alike.
  std::shared_ptr<SharedFlow> Shared;
  GuardFlow &Flow;
  // Where a call is, without building ASTContext's parent map.
  EnclosingFunctions Functions;
  llvm::DenseSet<SourceLocation> Reported;
  // The function template specialization the current call is in, if any.
  const FunctionDecl *Instantiation = nullptr;
};

} // namespace clang::tidy::asyncdrop

#endif
