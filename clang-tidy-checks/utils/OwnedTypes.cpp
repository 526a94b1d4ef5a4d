#include "OwnedTypes.h"

#include "RuntimeNames.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::asyncdrop {

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
      if (!Guard &&
          (Types.isGuard(ArgType) || GuardTypes::isRuntimeHelper(ArgType))) {
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

} // namespace clang::tidy::asyncdrop
