#include "RuntimeNames.h"

#include "clang/AST/DeclCXX.h"

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

} // namespace clang::tidy::asyncdrop
