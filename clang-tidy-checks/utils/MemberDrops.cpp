#include "MemberDrops.h"

#include "ExprNodes.h"
#include "GuardFlow.h"
#include "RuntimeNames.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::asyncdrop {

const FieldDecl *thisMember(const Expr *E) {
  const auto *ME = dyn_cast_or_null<MemberExpr>(ignoreMoves(E));
  if (!ME)
    return nullptr;
  const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
  if (const auto *Deref = dyn_cast<UnaryOperator>(Base);
      Deref && Deref->getOpcode() == UO_Deref)
    Base = Deref->getSubExpr()->IgnoreParenImpCasts();
  if (!isa<CXXThisExpr>(Base))
    return nullptr;
  return dyn_cast<FieldDecl>(ME->getMemberDecl());
}

std::optional<llvm::StringRef> calledMemberName(const Expr *E,
                                                const Expr **Object) {
  const auto *Call = dyn_cast_or_null<CallExpr>(ignoreTemporaries(E));
  if (!Call)
    return std::nullopt;
  const Expr *Callee = Call->getCallee()->IgnoreParens();
  const Expr *Base = nullptr;
  std::optional<llvm::StringRef> Name;
  if (const auto *ME = dyn_cast<MemberExpr>(Callee)) {
    Base = ME->getBase();
    if (const IdentifierInfo *Id = ME->getMemberDecl()->getIdentifier())
      Name = Id->getName();
  } else if (const auto *DME = dyn_cast<CXXDependentScopeMemberExpr>(Callee)) {
    Base = DME->isImplicitAccess() ? nullptr : DME->getBase();
    if (const IdentifierInfo *Id =
            DME->getMemberNameInfo().getName().getAsIdentifierInfo())
      Name = Id->getName();
  } else if (const auto *UME = dyn_cast<UnresolvedMemberExpr>(Callee)) {
    Base = UME->isImplicitAccess() ? nullptr : UME->getBase();
    if (const IdentifierInfo *Id = UME->getName().getAsIdentifierInfo())
      Name = Id->getName();
  }
  if (Name && Object)
    *Object = Base;
  return Name;
}

bool isDropAllCall(const CallExpr *Call) {
  if (!Call)
    return false;
  if (const FunctionDecl *FD = Call->getDirectCallee()) {
    if (const FunctionTemplateDecl *Primary = FD->getPrimaryTemplate())
      return isRuntimeEntity(Primary, "drop_all");
    return isRuntimeEntity(FD, "drop_all");
  }
  if (const auto *ULE =
          dyn_cast<UnresolvedLookupExpr>(Call->getCallee()->IgnoreParens()))
    for (const NamedDecl *D : ULE->decls())
      if (isRuntimeEntity(D->getUnderlyingDecl(), "drop_all"))
        return true;
  return false;
}

const Expr *awaitedOperand(const Expr *E) {
  if (!E)
    return nullptr;
  E = ignoreTemporaries(E);
  if (const auto *Await = dyn_cast<CoawaitExpr>(E))
    return Await->getOperand();
  if (const auto *Await = dyn_cast<DependentCoawaitExpr>(E))
    return Await->getOperand();
  return nullptr;
}

const Expr *statementExpr(const Stmt *S) { return dyn_cast_or_null<Expr>(S); }

// `close(m)` with a parameter that drops its argument, or takes it over.
static void helperDrops(const CallExpr *Call, GuardFlow *Flow, ASTContext *Ctx,
                        llvm::SmallVectorImpl<MemberDrop::Operand> &Out) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD)
    return;
  unsigned Shift =
      isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(FD) ? 1 : 0;
  for (unsigned I = Shift; I < Call->getNumArgs(); ++I) {
    unsigned ParamIndex = I - Shift;
    if (ParamIndex >= FD->getNumParams())
      break;
    const FieldDecl *Field = thisMember(Call->getArg(I));
    if (!Field)
      continue;
    const ParmVarDecl *P = FD->getParamDecl(ParamIndex);
    QualType PT = P->getType();
    bool TakesOver = !PT->isLValueReferenceType() && !PT->isPointerType();
    bool Drops =
        PT->isLValueReferenceType() &&
        (hasDropsAnnotation(P) ||
         (Flow && Ctx && Flow->calleeDropsParam(*Ctx, FD, ParamIndex)));
    if (TakesOver || Drops)
      Out.push_back({Field, Call->getArg(I)});
  }
}

std::optional<MemberDrop> matchMemberDrop(const Stmt *S,
                                          const GuardTypes &Types,
                                          GuardFlow *Flow, ASTContext *Ctx) {
  const Expr *E = statementExpr(S);
  const Expr *Operand = awaitedOperand(E);
  if (!Operand)
    return std::nullopt;
  MemberDrop Drop;
  Drop.Site = ignoreTemporaries(E);

  const Expr *Object = nullptr;
  if (std::optional<llvm::StringRef> Name = calledMemberName(Operand, &Object);
      Name && Object) {
    if (const FieldDecl *Field = thisMember(Object)) {
      QualType T = Field->getType();
      bool GuardLike = Types.isGuardLike(T) || T->isDependentType();
      bool ByValue = T->getAsCXXRecordDecl() &&
                     Types.isAsyncDropType(T->getAsCXXRecordDecl());
      if ((GuardLike && llvm::is_contained(Types.dropMethods(), *Name)) ||
          (ByValue && *Name == "async_drop_impl")) {
        Drop.Members.push_back({Field, Object});
        return Drop;
      }
    }
  }

  const auto *Call = dyn_cast<CallExpr>(ignoreTemporaries(Operand));
  if (!Call)
    return std::nullopt;
  if (isDropAllCall(Call)) {
    Drop.DropAll = Call;
    for (const Expr *Arg : Call->arguments())
      if (const FieldDecl *Field = thisMember(Arg))
        Drop.Members.push_back({Field, Arg});
  } else {
    helperDrops(Call, Flow, Ctx, Drop.Members);
  }
  if (Drop.Members.empty())
    return std::nullopt;
  return Drop;
}

const FunctionDecl *ownAsyncDropImpl(const CXXRecordDecl *RD) {
  for (const Decl *D : RD->decls()) {
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
      FD = FTD->getTemplatedDecl();
    if (!FD || !FD->getIdentifier() || FD->getName() != "async_drop_impl")
      continue;
    if (const FunctionDecl *Def = FD->getDefinition())
      return Def;
    return FD;
  }
  return nullptr;
}

} // namespace clang::tidy::asyncdrop
