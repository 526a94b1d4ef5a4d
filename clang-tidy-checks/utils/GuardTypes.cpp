#include "GuardTypes.h"

#include "RuntimeNames.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::asyncdrop {

GuardTypes::GuardTypes(GuardTypesConfig Config)
    : GuardTypesText(std::move(Config.GuardTypesText)),
      DropMethodsText(std::move(Config.DropMethodsText)),
      AsyncDropTypesText(std::move(Config.AsyncDropTypesText)),
      GuardNames(std::move(Config.GuardNames)),
      DropMethods(std::move(Config.DropMethods)),
      AsyncDropTypeNames(std::move(Config.AsyncDropTypeNames)) {
  // Names are compared without the leading "::".
  for (std::vector<std::string> *Names : {&GuardNames, &AsyncDropTypeNames})
    for (std::string &Name : *Names)
      if (llvm::StringRef(Name).starts_with("::"))
        Name.erase(0, 2);
  if (DropMethods.empty())
    DropMethods.push_back(DefaultDropMethods.str());
}

bool GuardTypes::isGuardClass(const CXXRecordDecl *RD) const {
  if (!RD)
    return false;
  const NamedDecl *Named = RD;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    Named = Spec->getSpecializedTemplate()->getTemplatedDecl();
  for (const std::string &Name : GuardNames)
    if (hasQualifiedName(Named, Name))
      return true;
  return false;
}

bool GuardTypes::isGuard(QualType T) const {
  if (T.isNull() || T->isReferenceType() || T->isPointerType())
    return false;
  if (const auto *RD = T->getAsCXXRecordDecl())
    return isGuardClass(RD);
  // A dependent specialization (AsyncDropGuard<T> inside a template).
  if (const TemplateDecl *TD = specializedTemplate(T))
    if (const auto *Templated =
            dyn_cast_or_null<CXXRecordDecl>(TD->getTemplatedDecl()))
      return isGuardClass(Templated);
  return false;
}

bool GuardTypes::isDropMethod(const CXXMethodDecl *MD) const {
  if (!MD || !MD->getIdentifier() || !isGuardClass(MD->getParent()))
    return false;
  for (const std::string &Name : DropMethods)
    if (MD->getName() == Name)
      return true;
  return false;
}

bool GuardTypes::isRuntimeHelper(QualType T) {
  if (T.isNull() || T->isReferenceType() || T->isPointerType())
    return false;
  const TemplateDecl *TD = specializedTemplate(T);
  for (llvm::StringRef Name :
       {"AsyncDropArc", "AsyncDropMutex", "AsyncDropHashMap", "AsyncDropResult",
        "AsyncOwned"})
    if (isRuntimeEntity(TD, Name))
      return true;
  return false;
}

bool GuardTypes::isRuntimeOwner(QualType T) {
  if (T.isNull() || T->isReferenceType() || T->isPointerType())
    return false;
  // Checked against runtime/include/asyncdrop: each of these destructors
  // (or the guard each one holds) reports a value that was never dropped.
  const TemplateDecl *TD = specializedTemplate(T);
  for (llvm::StringRef Name :
       {"AsyncDropArc", "AsyncDropShared", "AsyncDropHashMap",
        "AsyncDropResult", "AsyncDropMutex"})
    if (isRuntimeEntity(TD, Name))
      return true;
  return false;
}

bool GuardTypes::isAsyncDropClass(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition())
    return false;
  RD = RD->getDefinition();
  // Looked up by name, including bases: the concept is satisfied by an
  // inherited async_drop_impl() too.
  bool Found = false;
  auto HasImpl = [&Found](const CXXRecordDecl *Class) {
    for (const auto *D : Class->decls()) {
      const auto *ND = dyn_cast<NamedDecl>(D);
      if (!ND || !ND->getIdentifier())
        continue;
      if (ND->getName() == "async_drop_impl" &&
          (isa<CXXMethodDecl>(ND) || isa<FunctionTemplateDecl>(ND))) {
        Found = true;
        return false; // stop
      }
    }
    return true;
  };
  if (!HasImpl(RD))
    return true;
  if (Found)
    return true;
  RD->forallBases([&](const CXXRecordDecl *Base) { return HasImpl(Base); });
  return Found;
}

// Whether the runtime can await what async_drop_impl() returns: Task<void>,
// a type with an async_drop_result_traits specialisation, or anything still
// dependent. Without the runtime's traits in sight, anything goes.
static bool isAwaitableCleanup(QualType R, const ASTContext &Ctx) {
  if (R.isNull() || R->isDependentType() || R->isUndeducedType())
    return true;
  if (const TemplateDecl *TD = specializedTemplate(R);
      TD && isRuntimeEntity(TD, "Task")) {
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        R.getCanonicalType()->getAsCXXRecordDecl());
    return !Spec || Spec->getTemplateArgs()[0].getAsType()->isVoidType();
  }
  auto &Idents = const_cast<ASTContext &>(Ctx).Idents;
  for (const NamedDecl *NS :
       Ctx.getTranslationUnitDecl()->lookup(&Idents.get("asyncdrop")))
    if (const auto *Runtime = dyn_cast<NamespaceDecl>(NS))
      for (const NamedDecl *D :
           Runtime->lookup(&Idents.get("async_drop_result_traits")))
        if (const auto *Traits = dyn_cast<ClassTemplateDecl>(D)) {
          for (const ClassTemplateSpecializationDecl *Spec :
               Traits->specializations())
            if (Spec->isExplicitSpecialization() &&
                Spec->getTemplateArgs()[0].getAsType().getCanonicalType() ==
                    R.getCanonicalType())
              return true;
          return false;
        }
  return true;
}

// The asyncdrop::AsyncDrop concept, approximated without instantiating
// anything: some async_drop_impl() of RD or a base returns an awaitable
// cleanup and asyncdrop::access may call it (public, or its class
// befriends access). A private one without the friend declaration, or one
// returning void, does not make an AsyncDrop type.
static bool satisfiesAsyncDrop(const CXXRecordDecl *RD) {
  bool Satisfied = false;
  auto Visit = [&Satisfied](const CXXRecordDecl *Class) {
    for (const Decl *D : Class->decls()) {
      const auto *FD = dyn_cast<FunctionDecl>(D);
      if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
        FD = FTD->getTemplatedDecl();
      if (!FD || !FD->getIdentifier() || FD->getName() != "async_drop_impl")
        continue;
      if ((FD->getAccess() == AS_public || befriendsAccess(Class)) &&
          isAwaitableCleanup(FD->getReturnType(), Class->getASTContext())) {
        Satisfied = true;
        return false; // stop
      }
    }
    return true;
  };
  if (Visit(RD) && !Satisfied)
    RD->forallBases(Visit);
  return Satisfied;
}

bool GuardTypes::isAsyncDropType(const CXXRecordDecl *RD) const {
  if (!RD)
    return false;
  const NamedDecl *Named = RD;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    Named = Spec->getSpecializedTemplate()->getTemplatedDecl();
  for (const std::string &Name : AsyncDropTypeNames)
    if (hasQualifiedName(Named, Name))
      return true;
  return isAsyncDropClass(RD) &&
         satisfiesAsyncDrop(RD->getDefinition() ? RD->getDefinition() : RD);
}

bool GuardTypes::isGuardLike(QualType T) const {
  if (isGuard(T) || isRuntimeHelper(T))
    return true;
  if (T.isNull() || T->isReferenceType() || T->isPointerType())
    return false;
  return isAsyncDropType(T->getAsCXXRecordDecl());
}

} // namespace clang::tidy::asyncdrop
