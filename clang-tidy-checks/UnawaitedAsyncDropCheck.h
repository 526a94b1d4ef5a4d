#ifndef ASYNCDROP_UNAWAITEDASYNCDROPCHECK_H
#define ASYNCDROP_UNAWAITEDASYNCDROPCHECK_H

#include "utils/AsyncDropCheck.h"
#include "utils/FlowCheckSupport.h"
#include "utils/SharedFlow.h"
#include "utils/StmtParents.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>
#include <optional>

namespace clang::tidy::asyncdrop {

/// Flags `g.async_drop()` (or `asyncdrop::drop_all(...)`) whose task is not
/// awaited: discarded, cast to void, or stored in a variable that is not
/// awaited (nor handed on) on every path before it is destroyed. The task is
/// lazy, so nothing is dropped. Fix-it: `co_await ` in coroutines.
///
/// Docs: docs/checks/asyncdrop-unawaited-async-drop.md
class UnawaitedAsyncDropCheck : public AsyncDropCheck {
public:
  UnawaitedAsyncDropCheck(StringRef Name, ClangTidyContext *Context);
  void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) override;
  void
  checkMatch(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override {
    Reported.clear();
    Bodies.clear();
    Functions.clear();
    Flow->endTranslationUnit();
  }

private:
  bool classifiesTestFiles() const override { return false; }
  const GuardRule &ruleOfCall(const CallExpr *Call) const;
  static std::string waitWord(const GuardRule &Rule, bool InCoroutine);
  void storedTask(const CallExpr *Call, const VarDecl *Task,
                  const FunctionDecl *F, ASTContext &Ctx, llvm::StringRef Text);

  std::shared_ptr<SharedFlow> Flow;
  // Template instantiations share source locations: report each once.
  llvm::DenseSet<SourceLocation> Reported;
  EnclosingFunctions Functions;
  // Per function with a drop call: its parent map, null when it has errors.
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<StmtParents>> Bodies;
};

} // namespace clang::tidy::asyncdrop

#endif
