#include "UnawaitedAsyncDropCheck.h"

#include "utils/GuardFlow.h"
#include "utils/RuntimeNames.h"
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
// (Written as one matcher each rather than composed from callee(...): they
// run on every call of user code.)
AST_MATCHER_P(CXXMemberCallExpr, callsDropMethodOf, const GuardTypes *, Types) {
  const CXXMethodDecl *MD = Node.getMethodDecl();
  if (!MD)
    return false;
  if (Types->isDropMethod(MD))
    return true;
  if (!MD->getIdentifier() ||
      !llvm::is_contained(Types->dropMethods(), MD->getName()))
    return false;
  const CXXRecordDecl *RD = MD->getParent();
  return GuardTypes::isRuntimeHelper(QualType(RD->getTypeForDecl(), 0));
}
AST_MATCHER(CallExpr, callsDropAll) {
  return isRuntimeEntity(Node.getDirectCallee(), "drop_all");
}
} // namespace

UnawaitedAsyncDropCheck::UnawaitedAsyncDropCheck(StringRef Name,
                                                 ClangTidyContext *Context)
    : AsyncDropCheck(Name, Context), Flow(SharedFlow::get(Context, Types)) {}

void UnawaitedAsyncDropCheck::registerUserCodeMatchers(MatchFinder *Finder) {
  Functions.registerMatchers(Finder, this);
  Finder->addMatcher(cxxMemberCallExpr(callsDropMethodOf(&Types)).bind("call"),
                     this);
  Finder->addMatcher(callExpr(callsDropAll()).bind("call"), this);
}

// "conn.async_drop", or just "async_drop" when the object is long;
// "drop_all" for asyncdrop::drop_all.
static std::string callText(const CallExpr *Any, const SourceManager &SM,
                            const LangOptions &LO) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(Any);
  if (!Call)
    return Any->getDirectCallee()->getNameAsString();
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

// The rule of the guard a drop call is made on: its words ("the sender
// returned by 'scope.join()'"); the default one for drop_all and the
// runtime's helpers.
const GuardRule &
UnawaitedAsyncDropCheck::ruleOfCall(const CallExpr *Call) const {
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    if (const CXXMethodDecl *MD = MC->getMethodDecl())
      return Types.ruleOrDefault(
          QualType(MD->getParent()->getTypeForDecl(), 0));
  return Types.ruleOrDefault(QualType());
}

// What awaiting is called where the call is: `co_await` in a coroutine,
// the type's blocking wait elsewhere ("stdexec::sync_wait").
std::string UnawaitedAsyncDropCheck::waitWord(const GuardRule &Rule,
                                              bool InCoroutine) {
  if (InCoroutine || Rule.BlockingWait.empty())
    return "co_await";
  llvm::StringRef Wait = Rule.BlockingWait;
  if (Wait.starts_with("$"))
    return Wait.drop_front().str(); // "$.get()": ".get()"
  return Wait.take_until([](char C) { return C == '('; }).str();
}

void UnawaitedAsyncDropCheck::checkMatch(
    const MatchFinder::MatchResult &Result) {
  if (Functions.record(Result))
    return;
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  if (!Call || !Call->getDirectCallee())
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
      if (!VD || !VD->hasLocalStorage() || !VD->getIdentifier())
        return;
      storedTask(Call, VD, F, Ctx, callText(Call, SM, getLangOpts()));
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
    const GuardRule &Rule = ruleOfCall(Call);
    bool InCoroutine = isa<CoroutineBodyStmt>(F->getBody());
    auto D = diag(Loc, "the %1 returned by '%0()' is discarded without "
                       "'%2': nothing is %3")
             << callText(Call, SM, getLangOpts()) << Rule.ResultNoun
             << waitWord(Rule, InCoroutine) << Rule.DropVerbPast;
    if (!ToVoid && isa<CoroutineBodyStmt>(F->getBody()) && !Loc.isMacroID())
      D << FixItHint::CreateInsertion(Loc, "co_await ");
    return;
  }
}

// A stored drop task is owed an await on every path: GuardFlow follows it
// (FlowEntity::Kind::DropTask) from its declaration to each of its exits.
void UnawaitedAsyncDropCheck::storedTask(const CallExpr *Call,
                                         const VarDecl *Task,
                                         const FunctionDecl *F, ASTContext &Ctx,
                                         llvm::StringRef Text) {
  SourceLocation Loc = Call->getBeginLoc();
  const FlowResult *R = Flow->guards(Ctx, F);
  if (!R)
    return;
  std::optional<unsigned> Index;
  for (unsigned I = 0; I < R->Entities.size(); ++I)
    if (R->Entities[I].isDropTask() && R->Entities[I].Decl == Task)
      Index = I;
  if (!Index)
    return;
  if (!R->Consumed[*Index]) {
    if (Reported.insert(Loc).second)
      diag(Loc, "the %2 returned by '%0()' is stored in '%1' but never "
                "awaited: nothing is %3")
          << Text << Task->getName() << ruleOfCall(Call).ResultNoun
          << ruleOfCall(Call).DropVerbPast;
    return;
  }
  for (const FlowExit &X : R->Exits) {
    // An exception leaving with the task pending is the guard's finding
    // (missing-async-drop reports it when it checks throw paths).
    if (X.Entity != *Index || !X.MayBeOwned || X.Loc.isInvalid() ||
        X.K == FlowExit::Kind::Throw)
      continue;
    if (!Reported.insert(Loc).second)
      return;
    diag(Loc, "the %2 returned by '%0()' is stored in '%1' but not awaited "
              "on every path: nothing is %3 on those")
        << Text << Task->getName() << ruleOfCall(Call).ResultNoun
        << ruleOfCall(Call).DropVerbPast;
    for (const FlowNote &N : X.Notes)
      diag(N.Loc, N.Text, DiagnosticIDs::Note);
    diag(X.Loc, "'%0' is destroyed here without being awaited",
         DiagnosticIDs::Note)
        << Task->getName();
    return;
  }
}

} // namespace clang::tidy::asyncdrop
