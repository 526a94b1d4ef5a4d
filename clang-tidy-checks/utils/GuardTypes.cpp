#include "GuardTypes.h"

#include "RuntimeNames.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::asyncdrop {

GuardTypes::GuardTypes(GuardTypesConfig Config)
    : GuardTypesText(std::move(Config.GuardTypesText)),
      DropMethodsText(std::move(Config.DropMethodsText)),
      AsyncDropTypesText(std::move(Config.AsyncDropTypesText)),
      ProfilesText(std::move(Config.ProfilesText)),
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
  for (const std::string &Profile : Config.ProfileNames)
    if (!appendProfileRules(Profile, Rules))
      UnknownProfiles.push_back(Profile);
  ProfileRules = Rules.size();
  DefaultRule.DropMethods = DropMethods;
  for (const std::string &Name : GuardNames) {
    GuardRule R = DefaultRule;
    R.Name = Name;
    Rules.push_back(std::move(R));
  }
}

std::string GuardTypes::configKey() const {
  return GuardTypesText + '\n' + DropMethodsText + '\n' + AsyncDropTypesText +
         '\n' + ProfilesText;
}

// The classes a declaration found by name stands for: a class, a class
// template (its pattern), or what a typedef, alias (template) or
// using-declaration names.
static void addClassesOf(const NamedDecl *D,
                         llvm::SmallVectorImpl<const CXXRecordDecl *> &Out) {
  D = D->getUnderlyingDecl(); // through using-declarations
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D)) {
    Out.push_back(RD->getCanonicalDecl());
    return;
  }
  if (const auto *CTD = dyn_cast<ClassTemplateDecl>(D)) {
    Out.push_back(CTD->getTemplatedDecl()->getCanonicalDecl());
    return;
  }
  QualType Aliased;
  if (const auto *TND = dyn_cast<TypedefNameDecl>(D))
    Aliased = TND->getUnderlyingType();
  else if (const auto *TATD = dyn_cast<TypeAliasTemplateDecl>(D))
    Aliased = TATD->getTemplatedDecl()->getUnderlyingType();
  if (Aliased.isNull())
    return;
  // `template <class T> using scope = basic_scope<T>;`: the template.
  if (const TemplateDecl *TD = specializedTemplate(Aliased);
      TD && isa_and_nonnull<CXXRecordDecl>(TD->getTemplatedDecl()) &&
      !Aliased->getAsCXXRecordDecl()) {
    Out.push_back(
        cast<CXXRecordDecl>(TD->getTemplatedDecl())->getCanonicalDecl());
    return;
  }
  if (const CXXRecordDecl *RD = Aliased->getAsCXXRecordDecl())
    Out.push_back(RD->getCanonicalDecl());
}

// Looks Qualified up from the translation unit, component by component,
// through namespace aliases, using-directives of the namespaces on the way
// and inline namespaces (their members are visible in the enclosing one).
// Mentioned: the first component names something in the translation unit.
static void lookupClasses(const ASTContext &Ctx, llvm::StringRef Qualified,
                          llvm::SmallVectorImpl<const CXXRecordDecl *> &Out,
                          bool &Mentioned) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Qualified.split(Parts, "::");
  llvm::SmallVector<const DeclContext *, 2> Scopes{
      Ctx.getTranslationUnitDecl()};
  for (unsigned I = 0; I < Parts.size() && !Scopes.empty(); ++I) {
    // get(), not find(): it also asks a precompiled preamble (clangd).
    DeclarationName Name(&Ctx.Idents.get(Parts[I]));
    const bool Last = I + 1 == Parts.size();
    llvm::SmallVector<const DeclContext *, 2> Next;
    // A namespace's using-directives bring more names in (one level).
    llvm::SmallVector<const DeclContext *, 4> Searched(Scopes.begin(),
                                                       Scopes.end());
    for (const DeclContext *DC : Scopes)
      if (isa<NamespaceDecl>(DC))
        for (const UsingDirectiveDecl *UD : DC->using_directives())
          if (const NamespaceDecl *NS = UD->getNominatedNamespace())
            Searched.push_back(NS);
    bool Found = false;
    for (const DeclContext *DC : Searched)
      for (const NamedDecl *ND : DC->lookup(Name)) {
        Found = true;
        if (Last) {
          addClassesOf(ND, Out);
          continue;
        }
        const NamedDecl *D = ND->getUnderlyingDecl();
        if (const auto *Alias = dyn_cast<NamespaceAliasDecl>(D))
          D = Alias->getNamespace();
        if (const auto *NS = dyn_cast_or_null<NamespaceDecl>(D)) {
          Next.push_back(NS);
          continue;
        }
        llvm::SmallVector<const CXXRecordDecl *, 1> Classes;
        addClassesOf(D, Classes);
        for (const CXXRecordDecl *RD : Classes)
          if (const CXXRecordDecl *Def = RD->getDefinition())
            Next.push_back(Def);
      }
    if (I == 0)
      Mentioned = Found;
    Scopes = std::move(Next);
  }
}

const GuardTypes::ResolvedNames &
GuardTypes::resolveNames(const ASTContext &Ctx) const {
  const TranslationUnitDecl *TU = Ctx.getTranslationUnitDecl();
  if (Resolved.TU == TU)
    return Resolved;
  Resolved = ResolvedNames();
  Resolved.TU = TU;
  auto Resolve = [&](llvm::StringRef Name, bool Report, auto Add) {
    llvm::SmallVector<const CXXRecordDecl *, 2> Classes;
    bool Mentioned = false;
    lookupClasses(Ctx, Name, Classes, Mentioned);
    for (const CXXRecordDecl *RD : Classes)
      Add(RD);
    if (Report && Mentioned && Classes.empty())
      Resolved.Unresolved.push_back("::" + Name.str());
  };
  for (unsigned I = 0; I < Rules.size(); ++I)
    Resolve(Rules[I].Name, I >= ProfileRules, [&](const CXXRecordDecl *RD) {
      Resolved.Rules.try_emplace(RD, I);
    });
  for (const std::string &Name : AsyncDropTypeNames)
    Resolve(Name, true, [&](const CXXRecordDecl *RD) {
      Resolved.Rules.try_emplace(RD, AsyncDropTypeRule);
    });
  return Resolved;
}

std::vector<std::string>
GuardTypes::unresolvedNames(const ASTContext &Ctx) const {
  return resolveNames(Ctx).Unresolved;
}

std::optional<unsigned>
GuardTypes::resolvedRule(const CXXRecordDecl *RD) const {
  const ResolvedNames &R = resolveNames(RD->getASTContext());
  if (R.Rules.empty())
    return std::nullopt;
  if (auto It = R.Rules.find(RD->getCanonicalDecl()); It != R.Rules.end())
    return It->second;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
    const CXXRecordDecl *Pattern =
        Spec->getSpecializedTemplate()->getTemplatedDecl();
    if (auto It = R.Rules.find(Pattern->getCanonicalDecl());
        It != R.Rules.end())
      return It->second;
  }
  return std::nullopt;
}

const GuardRule *GuardTypes::ruleFor(const CXXRecordDecl *RD) const {
  if (!RD)
    return nullptr;
  const NamedDecl *Named = RD;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    Named = Spec->getSpecializedTemplate()->getTemplatedDecl();
  for (const GuardRule &Rule : Rules)
    if (hasQualifiedName(Named, Rule.Name))
      return &Rule;
  if (std::optional<unsigned> I = resolvedRule(RD);
      I && *I != AsyncDropTypeRule && *I < Rules.size())
    return &Rules[*I];
  return nullptr;
}

bool GuardTypes::isGuardClass(const CXXRecordDecl *RD) const {
  return ruleFor(RD) != nullptr;
}

const GuardRule *GuardTypes::ruleFor(QualType T) const {
  if (T.isNull() || T->isReferenceType() || T->isPointerType())
    return nullptr;
  if (const auto *RD = T->getAsCXXRecordDecl())
    return ruleFor(RD);
  // A dependent specialization (AsyncDropGuard<T> inside a template).
  if (const TemplateDecl *TD = specializedTemplate(T))
    if (const auto *Templated =
            dyn_cast_or_null<CXXRecordDecl>(TD->getTemplatedDecl()))
      return ruleFor(Templated);
  return nullptr;
}

bool GuardTypes::isGuard(QualType T) const { return ruleFor(T) != nullptr; }

const GuardRule &GuardTypes::ruleOrDefault(QualType T) const {
  if (T.isNull())
    return DefaultRule;
  const GuardRule *R = ruleFor(T.getNonReferenceType().getUnqualifiedType());
  return R ? *R : DefaultRule;
}

bool GuardTypes::isDropMethodName(const CXXRecordDecl *RD,
                                  llvm::StringRef Name) const {
  const GuardRule *R = ruleFor(RD);
  return llvm::is_contained(R ? R->DropMethods : DropMethods, Name);
}

bool GuardTypes::isDropMethod(const CXXMethodDecl *MD) const {
  if (!MD || !MD->getIdentifier())
    return false;
  const GuardRule *R = ruleFor(MD->getParent());
  return R && llvm::is_contained(R->DropMethods, MD->getName());
}

llvm::StringRef GuardTypes::primaryDropMethodFor(QualType T) const {
  const GuardRule &R = ruleOrDefault(T);
  return R.DropMethods.empty() ? llvm::StringRef(DropMethods.front())
                               : llvm::StringRef(R.DropMethods.front());
}

std::string GuardTypes::dropSpelling(QualType T, llvm::StringRef Object,
                                     bool InCoroutine) const {
  const GuardRule &R = ruleOrDefault(T);
  std::string Call = (Object + "." + primaryDropMethodFor(T) + "()").str();
  if (InCoroutine || R.BlockingWait.empty())
    return "co_await " + Call;
  std::string Text = R.BlockingWait;
  if (size_t At = Text.find('$'); At != std::string::npos)
    Text.replace(At, 1, Call);
  return Text;
}

llvm::StringRef GuardTypes::calleeName(const CallExpr *Call) {
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call)) {
    if (OC->getOperator() != OO_Call || OC->getNumArgs() == 0)
      return {};
    const auto *Object =
        dyn_cast<DeclRefExpr>(OC->getArg(0)->IgnoreParenImpCasts());
    const NamedDecl *D = Object ? Object->getDecl() : nullptr;
    return D && D->getIdentifier() ? D->getName() : llvm::StringRef();
  }
  const FunctionDecl *Callee = Call->getDirectCallee();
  return Callee && Callee->getIdentifier() ? Callee->getName()
                                           : llvm::StringRef();
}

llvm::ArrayRef<const Expr *> GuardTypes::calleeArgs(const CallExpr *Call) {
  llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call);
      OC && OC->getOperator() == OO_Call && !Args.empty())
    return Args.drop_front();
  return Args;
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
  if (!AsyncDropTypeNames.empty())
    if (std::optional<unsigned> I = resolvedRule(RD);
        I && *I == AsyncDropTypeRule)
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
