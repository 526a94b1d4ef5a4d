#include "FlowCheckSupport.h"

#include "ExprNodes.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"

using namespace clang::ast_matchers;

namespace clang::tidy::asyncdrop {

namespace {
AST_MATCHER_P2(VarDecl, isGuardVar, const GuardTypes *, Types, bool,
               ReferenceParams) {
  if (!Node.isLocalVarDeclOrParm())
    return false;
  QualType T = Node.getType();
  // `[c = std::move(c)]`: owned by the lambda (its call operator is the
  // variable's context); `[&r = g]` owns nothing.
  if (Node.isInitCapture())
    return !T->isReferenceType() && Types->isOwner(T);
  // `auto [a, b] = open_pair();`: the elements are the owners.
  if (const auto *DD = dyn_cast<DecompositionDecl>(&Node))
    return !T->isReferenceType() &&
           llvm::any_of(DD->bindings(), [&](const BindingDecl *BD) {
             return Types->isOwner(
                 BD->getType().getNonReferenceType().getUnqualifiedType());
           });
  // A reference parameter is only ever a use-after-drop matter (and every
  // guard's own move constructor has one).
  if (T->isReferenceType() && isa<ParmVarDecl>(Node) &&
      (!ReferenceParams || !T->isLValueReferenceType() ||
       T.getNonReferenceType().isConstQualified()))
    return false;
  return Types->isOwner(T.getNonReferenceType().getUnqualifiedType());
}
AST_MATCHER_P(Expr, hasGuardType, const GuardTypes *, Types) {
  return Types->isOwner(Node.getType());
}
// A member function of a class with a member of an owner type: its uses
// after a drop and assignments over it are followed there.
AST_MATCHER_P(CXXMethodDecl, hasOwnerMembers, const GuardTypes *, Types) {
  const CXXRecordDecl *RD = Node.getParent();
  if (Node.isStatic() || !RD || RD->isLambda() || !RD->hasDefinition() ||
      !Node.doesThisDeclarationHaveABody())
    return false;
  if (!llvm::any_of(RD->fields(), [&](const FieldDecl *FD) {
        return Types->isOwner(FD->getType());
      }))
    return false;
  // Only a body that names such a member through `this` needs a CFG.
  return anyStmtIn(Node.getBody(), [&](const Stmt *S) {
    const auto *ME = dyn_cast<MemberExpr>(S);
    const auto *FD = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
    return FD && FD->getParent() == RD && Types->isOwner(FD->getType()) &&
           isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
  });
}
} // namespace

void EnclosingFunctions::registerMatchers(MatchFinder *Finder,
                                          MatchFinder::MatchCallback *CB) {
  Finder->addMatcher(functionDecl(isDefinition()).bind("enclosing-fn"), CB);
  // A lambda's call operator is not visited as a declaration of its own.
  Finder->addMatcher(lambdaExpr().bind("enclosing-lambda"), CB);
}

bool EnclosingFunctions::record(const MatchFinder::MatchResult &Result) {
  if (const auto *F = Result.Nodes.getNodeAs<FunctionDecl>("enclosing-fn")) {
    if (F->getBody())
      Stack.push_back(F);
    return true;
  }
  if (const auto *L = Result.Nodes.getNodeAs<LambdaExpr>("enclosing-lambda")) {
    if (const CXXMethodDecl *Op = L->getCallOperator(); Op && Op->getBody())
      Stack.push_back(Op);
    return true;
  }
  return false;
}

// The whole declaration, not only the body: a constructor's member
// initialisers and default arguments belong to the function too (which is
// also what the parent map says), and a miss here costs the parent map.
static bool contains(const FunctionDecl *F, SourceLocation Loc,
                     const SourceManager &SM) {
  if (!F->getBody() || Loc.isInvalid())
    return false;
  SourceLocation Begin = SM.getExpansionLoc(F->getBeginLoc());
  SourceLocation End = SM.getExpansionLoc(F->getEndLoc());
  Loc = SM.getExpansionLoc(Loc);
  return Begin.isValid() && End.isValid() && SM.isPointWithin(Loc, Begin, End);
}

const FunctionDecl *EnclosingFunctions::of(const Stmt &S, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  while (!Stack.empty()) {
    if (contains(Stack.back(), S.getBeginLoc(), SM))
      return Stack.back();
    Stack.pop_back();
  }
  // Not inside any function: a namespace-scope initialiser, an unevaluated
  // operand of a static_assert. Asking the parent map instead would cost a
  // walk of the whole translation unit, for nothing a flow check analyses.
  return nullptr;
}

void registerGuardFunctionMatchers(MatchFinder *Finder,
                                   MatchFinder::MatchCallback *CB,
                                   const GuardTypes &Types, bool Temporaries,
                                   EnclosingFunctions *Functions,
                                   bool ReferenceParams) {
  Finder->addMatcher(
      varDecl(isGuardVar(&Types, ReferenceParams)).bind("guard-var"), CB);
  Finder->addMatcher(cxxMethodDecl(hasOwnerMembers(&Types)).bind("member-fn"),
                     CB);
  if (Temporaries && Functions) {
    Functions->registerMatchers(Finder, CB);
    Finder->addMatcher(
        cxxBindTemporaryExpr(hasGuardType(&Types)).bind("guard-tmp"), CB);
  }
}

const FunctionDecl *
functionToAnalyse(const MatchFinder::MatchResult &Result,
                  llvm::DenseSet<const FunctionDecl *> &Seen,
                  EnclosingFunctions *Functions) {
  if (Functions && Functions->record(Result))
    return nullptr;
  const FunctionDecl *F = nullptr;
  if (const auto *T = Result.Nodes.getNodeAs<Expr>("guard-tmp"); T && Functions)
    F = Functions->of(*T, *Result.Context);
  if (const auto *VD = Result.Nodes.getNodeAs<VarDecl>("guard-var"))
    F = dyn_cast<FunctionDecl>(VD->getDeclContext());
  if (const auto *MD = Result.Nodes.getNodeAs<CXXMethodDecl>("member-fn"))
    F = MD;
  if (!F || !F->doesThisDeclarationHaveABody() || F->isDependentContext())
    return nullptr;
  if (Result.SourceManager->isInSystemHeader(F->getLocation()))
    return nullptr;
  if (!Seen.insert(F).second)
    return nullptr;
  return F;
}

std::string guardTypeName(QualType T, const ASTContext &Ctx) {
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressScope = true;
  Policy.SuppressTagKeyword = true;
  return T.getNonReferenceType()
      .getCanonicalType()
      .getUnqualifiedType()
      .getAsString(Policy);
}

std::string entityName(const ValueDecl *D) {
  if (isa<FieldDecl>(D))
    return "this->" + D->getNameAsString();
  return D->getNameAsString();
}

} // namespace clang::tidy::asyncdrop
