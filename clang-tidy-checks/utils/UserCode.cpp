#include "UserCode.h"

#include "RuntimeNames.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/DeclTemplate.h"

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
  for (const Decl *Cur = D; Cur;
       Cur = dyn_cast_or_null<Decl>(Cur->getDeclContext())) {
    if (const auto *Class = dyn_cast<CXXRecordDecl>(Cur))
      if (classIdentity(Class) == Target)
        return true;
    if (isa<FunctionDecl>(Cur) && isFriendOf(Cur, RD))
      return true;
  }
  return false;
}

} // namespace clang::tidy::asyncdrop
