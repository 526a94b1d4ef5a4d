#include "UnawaitedAsyncDropCheck.h"

#include "utils/GuardFlow.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::asyncdrop {

namespace {
// A drop method of a guard type, or the same name on one of the runtime's
// owning helpers (AsyncDropArc, AsyncDropHashMap, ...): all return lazy tasks.
AST_MATCHER_P(CXXMethodDecl, isDropMethodOf, const GuardTypes *, Types) {
  if (Types->isDropMethod(&Node))
    return true;
  if (!Node.getIdentifier() || !llvm::is_contained(Types->dropMethods(),
                                                   Node.getName().str()))
    return false;
  const CXXRecordDecl *RD = Node.getParent();
  return GuardTypes::isRuntimeHelper(
      QualType(RD->getTypeForDecl(), 0));
}
} // namespace

UnawaitedAsyncDropCheck::UnawaitedAsyncDropCheck(StringRef Name,
                                                 ClangTidyContext *Context)
    : AsyncDropCheck(Name, Context), Types(Options) {}

void UnawaitedAsyncDropCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Types.storeOptions(Options, Opts);
}

void UnawaitedAsyncDropCheck::registerMatchers(MatchFinder *Finder) {
  Functions.registerMatchers(Finder, this);
  Finder->addMatcher(
      cxxMemberCallExpr(callee(cxxMethodDecl(isDropMethodOf(&Types))))
          .bind("call"),
      this);
}

// "conn.async_drop", or just "async_drop" when the object is long.
static std::string callText(const CXXMemberCallExpr *Call,
                            const SourceManager &SM, const LangOptions &LO) {
  std::string Method = Call->getMethodDecl()->getNameAsString();
  const Expr *Obj = Call->getImplicitObjectArgument();
  if (!Obj || Obj->getBeginLoc().isMacroID() || Obj->getEndLoc().isMacroID())
    return Method;
  StringRef Text = Lexer::getSourceText(
      CharSourceRange::getTokenRange(Obj->getSourceRange()), SM, LO);
  if (Text.empty() || Text.size() > 40 || Text.contains('\n'))
    return Method;
  const auto *ME = dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParens());
  return (Text + (ME && ME->isArrow() ? "->" : ".") + Method).str();
}

void UnawaitedAsyncDropCheck::checkMatch(const MatchFinder::MatchResult &Result) {
  if (Functions.record(Result))
    return;
  const auto *Call = Result.Nodes.getNodeAs<CXXMemberCallExpr>("call");
  if (!Call)
    return;
  const SourceManager &SM = *Result.SourceManager;
  ASTContext &Ctx = *Result.Context;
  SourceLocation Loc = Call->getBeginLoc();
  if (Loc.isInvalid() || SM.isInSystemHeader(Loc))
    return;
  const FunctionDecl *F = Functions.of(*Call, Ctx);
  if (!F || !F->getBody())
    return;
  // One parent map per function body, and none when there are errors (the
  // AST may be partial: say nothing).
  auto [It, New] = Bodies.try_emplace(F);
  if (New && !GuardFlow::hasErrors(Ctx, F))
    It->second = std::make_unique<StmtParents>(F->getBody());
  const StmtParents *PM = It->second.get();
  if (!PM)
    return;

  // Climb to the first parent that does something with the task.
  const Stmt *Child = Call;
  while (true) {
    const Stmt *P = PM->parent(Child);
    if (!P)
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      // Stored: fine if the variable is used at all afterwards (awaited,
      // moved, returned, handed on).
      const VarDecl *VD = nullptr;
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit() == Child)
          VD = V;
      if (!VD || !VD->hasLocalStorage())
        return;
      auto Refs = match(
          findAll(declRefExpr(to(varDecl(equalsNode(VD)))).bind("ref")),
          *F->getBody(), Ctx);
      if (!Refs.empty() || !Reported.insert(Loc).second)
        return;
      diag(Loc, "the task returned by '%0()' is stored in '%1' but never "
                "awaited: nothing is dropped")
          << callText(Call, SM, getLangOpts()) << VD->getName();
      return;
    }
    if (isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
            CXXBindTemporaryExpr, FullExpr>(P)) {
      Child = P;
      continue;
    }
    bool ToVoid = false;
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(P))
      ToVoid = Cast->getCastKind() == CK_ToVoid;
    // Awaited, returned, passed on, part of a larger expression: not ours.
    if (!ToVoid && (isa<Expr>(P) || isa<ReturnStmt, CoreturnStmt>(P)))
      return;
    if (!Reported.insert(Loc).second)
      return;
    auto D = diag(Loc, "the task returned by '%0()' is discarded without "
                       "'co_await': nothing is dropped")
             << callText(Call, SM, getLangOpts());
    if (!ToVoid && isa<CoroutineBodyStmt>(F->getBody()) && !Loc.isMacroID())
      D << FixItHint::CreateInsertion(Loc, "co_await ");
    return;
  }
}

} // namespace clang::tidy::asyncdrop
