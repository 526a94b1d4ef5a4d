#include "RuntimeNames.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclFriend.h"

namespace clang::tidy::asyncdrop {

bool isRuntimeEntity(const NamedDecl *D, llvm::StringRef Name) {
  if (!D)
    return false;
  const IdentifierInfo *Id = D->getIdentifier();
  if (!Id || Id->getName() != Name)
    return false;
  const DeclContext *Ctx = D->getDeclContext();
  while (Ctx && Ctx->isInlineNamespace())
    Ctx = Ctx->getParent();
  const auto *NS = dyn_cast_or_null<NamespaceDecl>(Ctx);
  if (!NS || !NS->getIdentifier() || NS->getName() != "asyncdrop")
    return false;
  const DeclContext *Outer = NS->getParent();
  while (Outer && Outer->isInlineNamespace())
    Outer = Outer->getParent();
  return Outer && Outer->isTranslationUnit();
}

const TemplateDecl *specializedTemplate(QualType T) {
  if (T.isNull())
    return nullptr;
  QualType Canon = T.getCanonicalType();
  if (const auto *RD = Canon->getAsCXXRecordDecl())
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      return Spec->getSpecializedTemplate();
  // Dependent specializations stay template specializations even canonically.
  if (const auto *TST = Canon->getAs<TemplateSpecializationType>())
    return TST->getTemplateName().getAsTemplateDecl();
  if (const auto *DTST = T->getContainedDeducedType())
    if (const auto *Deduced = dyn_cast<DeducedTemplateSpecializationType>(DTST))
      return Deduced->getTemplateName().getAsTemplateDecl();
  return nullptr;
}

static const DeclContext *skipInlineNamespaces(const DeclContext *Ctx) {
  while (Ctx && Ctx->isInlineNamespace())
    Ctx = Ctx->getParent();
  return Ctx;
}

bool hasQualifiedName(const NamedDecl *D, llvm::StringRef Qualified) {
  Qualified.consume_front("::");
  while (D) {
    auto [Scope, Last] = Qualified.rsplit("::");
    if (Last.empty() && Scope == Qualified) // no "::" left
      std::swap(Scope, Last);
    if (!D->getIdentifier() || D->getName() != Last)
      return false;
    const DeclContext *Parent = skipInlineNamespaces(D->getDeclContext());
    if (Scope.empty())
      return Parent && Parent->isTranslationUnit();
    D = dyn_cast_or_null<NamedDecl>(Parent);
    Qualified = Scope;
  }
  return false;
}

bool hasDropsAnnotation(const ParmVarDecl *P) {
  if (!P)
    return false;
  for (const auto *A : P->specific_attrs<AnnotateAttr>())
    if (A->getAnnotation() == DropsAnnotation)
      return true;
  return false;
}

bool befriendsAccess(const CXXRecordDecl *RD) {
  if (!RD)
    return false;
  for (const FriendDecl *Friend : RD->friends())
    if (const TypeSourceInfo *TSI = Friend->getFriendType())
      if (isRuntimeEntity(TSI->getType()->getAsCXXRecordDecl(),
                          AccessClassName))
        return true;
  return false;
}

} // namespace clang::tidy::asyncdrop
