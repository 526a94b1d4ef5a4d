#include "ClassRules.h"

#include "GuardFlow.h"
#include "ExprNodes.h"
#include "RuntimeNames.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::asyncdrop {

bool isInRuntimeNamespace(const Decl *D) {
  for (const DeclContext *Ctx = D ? D->getDeclContext() : nullptr; Ctx;
       Ctx = Ctx->getParent()) {
    const auto *NS = dyn_cast<NamespaceDecl>(Ctx);
    if (!NS || !NS->getIdentifier() || NS->getName() != "asyncdrop")
      continue;
    const DeclContext *Outer = NS->getParent();
    while (Outer && Outer->isInlineNamespace())
      Outer = Outer->getParent();
    if (Outer && Outer->isTranslationUnit())
      return true;
  }
  return false;
}

static bool isInstantiation(const Decl *D) {
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
    return isTemplateInstantiation(RD->getTemplateSpecializationKind());
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    return isTemplateInstantiation(FD->getTemplateSpecializationKind());
  if (const auto *VD = dyn_cast<VarDecl>(D))
    return isTemplateInstantiation(VD->getTemplateSpecializationKind());
  return false;
}

bool isInTemplateInstantiation(const Decl *D) {
  for (; D; D = dyn_cast_or_null<Decl>(D->getDeclContext()))
    if (isInstantiation(D))
      return true;
  return false;
}

bool isUserClassDefinition(const CXXRecordDecl *RD, const SourceManager &SM) {
  if (!RD || !RD->isThisDeclarationADefinition() || RD->isImplicit() ||
      RD->isLambda() || RD->isInvalidDecl())
    return false;
  SourceLocation Loc = RD->getLocation();
  if (Loc.isInvalid() || SM.isInSystemHeader(SM.getExpansionLoc(Loc)))
    return false;
  return !isInTemplateInstantiation(RD) && !isInRuntimeNamespace(RD);
}

const CXXRecordDecl *classIdentity(const CXXRecordDecl *RD) {
  if (!RD)
    return nullptr;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    if (!isa<ClassTemplatePartialSpecializationDecl>(Spec) &&
        Spec->getSpecializationKind() != TSK_ExplicitSpecialization)
      RD = Spec->getSpecializedTemplate()->getTemplatedDecl();
  if (const CXXRecordDecl *From = RD->getInstantiatedFromMemberClass())
    RD = From;
  return RD->getCanonicalDecl();
}

// A class type, or the pattern of a dependent specialization of a class
// template (`Cache<T>` inside a template).
static const CXXRecordDecl *classOf(QualType T) {
  if (T.isNull())
    return nullptr;
  if (const auto *RD = T->getAsCXXRecordDecl())
    return RD;
  if (const TemplateDecl *TD = specializedTemplate(T))
    return dyn_cast_or_null<CXXRecordDecl>(TD->getTemplatedDecl());
  return nullptr;
}

bool isGuardLikeMember(QualType T, const GuardTypes &Types) {
  return Types.isGuardLike(T) &&
         !isRuntimeEntity(specializedTemplate(T), "AsyncOwned");
}

llvm::ArrayRef<TemplateArgument> templateArgumentsOf(QualType T) {
  if (T.isNull())
    return {};
  // Canonical dependent arguments lose their names (type-parameter-0-0):
  // keep the written ones, for messages.
  if (T->isDependentType())
    if (const auto *TST = T->getAs<TemplateSpecializationType>())
      return TST->template_arguments();
  QualType Canon = T.getCanonicalType();
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          Canon->getAsCXXRecordDecl()))
    return Spec->getTemplateArgs().asArray();
  if (const auto *TST = Canon->getAs<TemplateSpecializationType>())
    return TST->template_arguments();
  return {};
}

llvm::SmallVector<const CXXRecordDecl *, 2>
ownedClasses(QualType T, const GuardTypes &Types) {
  llvm::SmallVector<const CXXRecordDecl *, 2> Owned;
  if (T.isNull() || T->isReferenceType() || T->isPointerType())
    return Owned;
  const bool Guard = Types.isGuard(T);
  if (Guard || GuardTypes::isRuntimeHelper(T)) {
    for (const TemplateArgument &Arg : templateArgumentsOf(T)) {
      if (Arg.getKind() != TemplateArgument::Type)
        continue;
      QualType ArgType = Arg.getAsType();
      // A guard owns its T; a helper owns the guards and AsyncDrop values
      // among its arguments (not AsyncDropHashMap's key, hash or equality).
      if (!Guard && (Types.isGuard(ArgType) ||
                     GuardTypes::isRuntimeHelper(ArgType))) {
        Owned.append(ownedClasses(ArgType, Types));
      } else if (const CXXRecordDecl *RD = classOf(ArgType);
                 RD && (Guard || Types.isAsyncDropType(RD))) {
        Owned.push_back(RD);
      }
      if (Guard)
        break;
    }
    return Owned;
  }
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
    if (Types.isAsyncDropType(RD))
      Owned.push_back(RD);
  return Owned;
}

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
  unsigned Shift = isa<CXXOperatorCallExpr>(Call) &&
                           isa<CXXMethodDecl>(FD) ? 1 : 0;
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
    bool Drops = PT->isLValueReferenceType() &&
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

const FunctionDecl *functionPattern(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
    FD = Pattern;
  return FD->getCanonicalDecl();
}

static bool isFriendOf(const Decl *D, const CXXRecordDecl *RD) {
  const auto *FD = dyn_cast<FunctionDecl>(D);
  const CXXRecordDecl *Pattern = classIdentity(RD);
  const CXXRecordDecl *Def = Pattern->getDefinition();
  if (!Def)
    return false;
  for (const FriendDecl *Friend : Def->friends()) {
    if (const NamedDecl *ND = Friend->getFriendDecl()) {
      if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(ND))
        ND = FTD->getTemplatedDecl();
      if (FD && isa<FunctionDecl>(ND) &&
          functionPattern(cast<FunctionDecl>(ND)) == functionPattern(FD))
        return true;
      continue;
    }
    const TypeSourceInfo *TSI = Friend->getFriendType();
    const CXXRecordDecl *FriendClass =
        TSI ? TSI->getType()->getAsCXXRecordDecl() : nullptr;
    if (!FriendClass)
      continue;
    for (const DeclContext *Ctx = D->getDeclContext(); Ctx;
         Ctx = Ctx->getParent())
      if (const auto *Enclosing = dyn_cast<CXXRecordDecl>(Ctx))
        if (classIdentity(Enclosing) == classIdentity(FriendClass))
          return true;
  }
  return false;
}

bool hasClassAccess(const Decl *D, const CXXRecordDecl *RD) {
  if (!D || !RD)
    return false;
  if (isInRuntimeNamespace(D))
    return true;
  const CXXRecordDecl *Target = classIdentity(RD);
  for (const Decl *Cur = D; Cur; Cur = dyn_cast_or_null<Decl>(
                                     Cur->getDeclContext())) {
    if (const auto *Class = dyn_cast<CXXRecordDecl>(Cur))
      if (classIdentity(Class) == Target)
        return true;
    if (isa<FunctionDecl>(Cur) && isFriendOf(Cur, RD))
      return true;
  }
  return false;
}

} // namespace clang::tidy::asyncdrop
