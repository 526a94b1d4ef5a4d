#ifndef ASYNCDROP_MISSINGMEMBERDELEGATIONCHECK_H
#define ASYNCDROP_MISSINGMEMBERDELEGATIONCHECK_H

#include "utils/AsyncDropCheck.h"
#include "utils/GuardTypes.h"
#include "utils/SharedFlow.h"
#include "utils/TestFileClassifier.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::asyncdrop {

/// Flags classes with guard-like members (guards, the runtime's helpers,
/// AsyncDrop types by value) that have no async_drop_impl(), or whose
/// async_drop_impl() does not drop every such member on every path.
///
/// Docs: docs/checks/asyncdrop-missing-member-delegation.md
class MissingMemberDelegationCheck : public AsyncDropCheck {
public:
  MissingMemberDelegationCheck(StringRef Name, ClangTidyContext *Context);
  void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) override;
  void
  checkMatch(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override { Seen.clear(); }

private:
  void reportMissingImpl(const CXXRecordDecl *RD,
                         llvm::ArrayRef<const FieldDecl *> Members);
  void checkImpl(ASTContext &Ctx, const CXXRecordDecl *RD,
                 const FunctionDecl *Impl,
                 llvm::ArrayRef<const FieldDecl *> Members);
  bool closesItself(const CXXRecordDecl *RD, const FieldDecl *Member) const;
  void storeCheckOptions(ClangTidyOptions::OptionMap &Opts) override;

  const std::string CloseMethodsText;
  const std::vector<std::string> CloseMethods;
  // The engine (and its callee summaries) of every check configured alike.
  std::shared_ptr<SharedFlow> Shared;
  GuardFlow &Flow;
  llvm::DenseSet<SourceLocation> Seen;
};

} // namespace clang::tidy::asyncdrop

#endif
