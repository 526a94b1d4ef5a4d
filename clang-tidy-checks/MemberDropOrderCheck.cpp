#include "MemberDropOrderCheck.h"

#include "utils/MemberDrops.h"
#include "utils/RuntimeNames.h"
#include "utils/UserCode.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/Analyses/CFGReachabilityAnalysis.h"
#include "clang/Analysis/CFG.h"
#include "clang/Analysis/CFGStmtMap.h"

using namespace clang::ast_matchers;

namespace clang::tidy::asyncdrop {

MemberDropOrderCheck::MemberDropOrderCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : AsyncDropCheck(Name, Context), Flow(Types), Deps(Types) {}

void MemberDropOrderCheck::registerMatchers(MatchFinder *Finder) {
  registerConfigurationMatcher(Finder);
  MemberDependencies::registerMatchers(Finder, this);
  Finder->addMatcher(
      cxxMethodDecl(hasName("async_drop_impl"), isDefinition()).bind("impl"),
      this);
}

void MemberDropOrderCheck::checkMatch(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (Deps.record(Result))
    return;
  const auto *Impl = Result.Nodes.getNodeAs<CXXMethodDecl>("impl");
  const SourceManager &SM = *Result.SourceManager;
  if (!Impl || !Impl->hasBody() ||
      !isUserClassDefinition(Impl->getParent(), SM) ||
      SM.isInSystemHeader(SM.getExpansionLoc(Impl->getLocation())) ||
      Tests.isTestCode(Impl->getLocation(), SM))
    return;
  if (Seen.insert(SM.getExpansionLoc(Impl->getLocation())).second)
    Impls.push_back(Impl);
}

void MemberDropOrderCheck::onEndOfTranslationUnit() {
  for (const FunctionDecl *Impl : Impls)
    checkImpl(Impl);
  Impls.clear();
  Seen.clear();
  Deps.clear();
}

// Every awaited member drop in S, in source order (lambdas are other
// functions).
static void collectDrops(const Stmt *S, const GuardTypes &Types,
                         GuardFlow &Flow, ASTContext &Ctx,
                         std::vector<MemberDrop> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (isa<CoawaitExpr>(S) || isa<DependentCoawaitExpr>(S)) {
    if (std::optional<MemberDrop> Drop =
            matchMemberDrop(S, Types, &Flow, &Ctx)) {
      Out.push_back(std::move(*Drop));
      return;
    }
  }
  for (const Stmt *Child : S->children())
    collectDrops(Child, Types, Flow, Ctx, Out);
}

namespace {
/// "Can the drop at A happen before the drop at B on some path?" from the
/// CFG's block reachability; source order inside one block, or when the
/// CFG cannot be built (dependent code).
class Order {
public:
  Order(const FunctionDecl *F, ASTContext &Ctx) : SM(Ctx.getSourceManager()) {
    if (F->isDependentContext())
      return;
    CFG::BuildOptions Opts;
    Cfg = CFG::buildCFG(F, F->getBody(), &Ctx, Opts);
    if (!Cfg)
      return;
    PM = std::make_unique<ParentMap>(F->getBody());
    Map.reset(CFGStmtMap::Build(Cfg.get(), PM.get()));
    Reach = std::make_unique<CFGReverseBlockReachabilityAnalysis>(*Cfg);
  }
  bool mayPrecede(const Stmt *A, const Stmt *B) {
    const CFGBlock *BA = Map ? Map->getBlock(A) : nullptr;
    const CFGBlock *BB = Map ? Map->getBlock(B) : nullptr;
    if (!BA || !BB || BA == BB)
      return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
    return Reach->isReachable(BA, BB);
  }

private:
  const SourceManager &SM;
  std::unique_ptr<CFG> Cfg;
  std::unique_ptr<ParentMap> PM;
  std::unique_ptr<CFGStmtMap> Map;
  std::unique_ptr<CFGReverseBlockReachabilityAnalysis> Reach;
};
} // namespace

void MemberDropOrderCheck::checkImpl(const FunctionDecl *Impl) {
  const auto *RD = cast<CXXMethodDecl>(Impl)->getParent();
  const Stmt *Body = Impl->getBody();
  if (const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(Body))
    Body = Coroutine->getBody();
  std::vector<MemberDrop> Drops;
  collectDrops(Body, Types, Flow, *Ctx, Drops);
  if (Drops.empty() || Deps.of(RD).empty())
    return;

  llvm::DenseSet<std::pair<const FieldDecl *, const FieldDecl *>> Reported;
  auto Note = [this](const MemberDependency &Dep) {
    diag(Dep.Loc, "%0", DiagnosticIDs::Note) << Dep.Note;
  };

  // Dependent and dependency in one drop_all: their cleanups overlap.
  for (const MemberDrop &Drop : Drops) {
    if (!Drop.DropAll)
      continue;
    for (const MemberDrop::Operand &A : Drop.Members)
      for (const MemberDrop::Operand &B : Drop.Members) {
        const MemberDependency *Dep = Deps.find(RD, B.Field, A.Field);
        if (!Dep || !Reported.insert({A.Field, B.Field}).second)
          continue;
        diag(Drop.DropAll->getBeginLoc(),
             "'%0' and '%1' are dropped concurrently by 'drop_all', but '%1' "
             "depends on '%0' and may still use it while it is dropped; "
             "drop '%1' first, then '%0'")
            << A.Field->getName() << B.Field->getName();
        Note(*Dep);
      }
  }

  Order Ord(Impl, *Ctx);
  for (const MemberDrop &First : Drops)
    for (const MemberDrop &Later : Drops) {
      if (&First == &Later)
        continue;
      for (const MemberDrop::Operand &A : First.Members)
        for (const MemberDrop::Operand &B : Later.Members) {
          const MemberDependency *Dep = Deps.find(RD, B.Field, A.Field);
          if (!Dep || Reported.count({A.Field, B.Field}) ||
              !Ord.mayPrecede(First.Site, Later.Site))
            continue;
          Reported.insert({A.Field, B.Field});
          diag(A.Spelling->getExprLoc(),
               "'%0' is dropped before '%1', which depends on it; drop '%1' "
               "first (dependents go before what they depend on, the "
               "reverse of construction, as destructors do)")
              << A.Field->getName() << B.Field->getName();
          Note(*Dep);
          diag(B.Spelling->getExprLoc(), "'%0' is dropped here",
               DiagnosticIDs::Note)
              << B.Field->getName();
        }
    }
}

} // namespace clang::tidy::asyncdrop
