#include "GuardInStdContainerCheck.h"

#include "utils/Factories.h"
#include "utils/OwnedTypes.h"
#include "utils/RuntimeNames.h"
#include "utils/UserCode.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::asyncdrop {

GuardInStdContainerCheck::GuardInStdContainerCheck(StringRef Name,
                                                   ClangTidyContext *Context)
    : AsyncDropCheck(Name, Context),
      StandardOwnersText(
          Options.get("StandardOwners", DefaultStandardOwners).str()),
      StandardOwners(optionList(StandardOwnersText)) {}

void GuardInStdContainerCheck::storeCheckOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "StandardOwners", StandardOwnersText);
}

void GuardInStdContainerCheck::registerUserCodeMatchers(MatchFinder *Finder) {
  // check() skips system headers; saying so here spares a callback for
  // every declaration of the standard library. Instantiations are matched:
  // `std::list<T>` in a template is only known to hold guards there.
  auto UserDecl =
      allOf(unless(isImplicit()), unless(isExpansionInSystemHeader()));
  Finder->addMatcher(varDecl(UserDecl).bind("decl"), this);
  Finder->addMatcher(fieldDecl(UserDecl).bind("decl"), this);
  Finder->addMatcher(functionDecl(UserDecl).bind("function"), this);
}

namespace {
/// A standard owner and the guard-like element it destroys.
struct Held {
  const TemplateDecl *Owner;
  QualType Element;
};
} // namespace

// Templates that hold each of their type arguments by value, with no
// cleanup of their own: inside a standard owner, what they hold is what the
// owner destroys (`std::vector<std::pair<int, Guard>>`).
static bool holdsArgumentsByValue(const TemplateDecl *TD) {
  for (StringRef Name : {"std::pair", "std::tuple", "std::variant",
                         "std::array", "std::expected"})
    if (hasQualifiedName(TD, Name))
      return true;
  return false;
}

// The innermost standard owner in T that holds a guard-like element
// (`std::optional<std::vector<Guard>>` names the vector), also through the
// pairs, tuples, variants and arrays it holds. Only owners and those are
// looked into: a map's allocator of pairs is not an element, and neither is
// what a std::reference_wrapper refers to.
static std::optional<Held> findHeld(QualType T, const GuardTypes &Types,
                                    llvm::ArrayRef<std::string> Owners,
                                    const TemplateDecl *Outer = nullptr,
                                    unsigned Depth = 0) {
  if (T.isNull() || Depth > 8)
    return std::nullopt;
  while (const ArrayType *Array = T->getAsArrayTypeUnsafe())
    T = Array->getElementType();
  const TemplateDecl *TD = specializedTemplate(T);
  if (!TD)
    return std::nullopt;
  const TemplateDecl *Owner = nullptr;
  if (llvm::any_of(Owners, [TD](const std::string &Name) {
        return hasQualifiedName(TD, Name);
      }))
    Owner = TD;
  else if (Outer && holdsArgumentsByValue(TD))
    Owner = Outer;
  else
    return std::nullopt;
  llvm::SmallVector<QualType, 4> Elements;
  for (const TemplateArgument &Arg : templateArgumentsOf(T)) {
    if (Arg.getKind() == TemplateArgument::Type)
      Elements.push_back(Arg.getAsType());
    else if (Arg.getKind() == TemplateArgument::Pack) // tuple, variant
      for (const TemplateArgument &Packed : Arg.pack_elements())
        if (Packed.getKind() == TemplateArgument::Type)
          Elements.push_back(Packed.getAsType());
  }
  for (QualType Element : Elements) {
    // Guards, the runtime's helpers (a vector of AsyncDropArc clones is
    // destroyed without dropping one) and AsyncDrop values.
    if (isGuardLikeMember(Element, Types))
      return Held{Owner, Element};
    if (std::optional<Held> Inner =
            findHeld(Element, Types, Owners, Owner, Depth + 1))
      return Inner;
  }
  return std::nullopt;
}

// A vector-like owner of the runtime, should it offer one.
static const NamedDecl *runtimeSequenceHelper(ASTContext &Ctx) {
  for (const NamedDecl *D :
       Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get("asyncdrop")))
    if (const auto *NS = dyn_cast<NamespaceDecl>(D))
      for (StringRef Name : {"AsyncDropVec", "AsyncDropVector"})
        for (const NamedDecl *Found : NS->lookup(&Ctx.Idents.get(Name)))
          return Found;
  return nullptr;
}

static std::string advice(const Held &H, const GuardTypes &Types,
                          ASTContext &Ctx) {
  const StringRef Owner = H.Owner->getName();
  llvm::SmallVector<const CXXRecordDecl *, 2> Owned =
      ownedClasses(H.Element, Types);
  const std::string Value =
      Owned.empty() ? "T" : Owned.front()->getName().str();
  const bool IsGuard = Types.isGuard(H.Element);
  const bool IsHelper = GuardTypes::isRuntimeHelper(H.Element);
  // A scope that cannot be moved (cppcoro, stdexec, folly): "hold it
  // directly" would make its owner immovable too, which may be what the
  // pointer is for; what works is joining it through the pointer in a
  // member of the owner that runs before the pointer lets go.
  if (const GuardRule *Rule = Types.ruleFor(H.Element);
      Rule && Rule->NonMovable) {
    const std::string Drop = Rule->DropMethods.empty()
                                 ? std::string("join")
                                 : Rule->DropMethods.front();
    if (Owner == "unique_ptr" || Owner == "optional" || Owner == "shared_ptr")
      return "it cannot be moved: hold it directly where its owner need not "
             "move, or join it through the pointer ('co_await p->" +
             Drop +
             "()') in an 'async_drop_impl()' or close method of the "
             "owner, before the pointer is reset";
    return "it cannot be moved: hold a fixed number of them directly, or "
           "join each ('co_await s." +
           Drop +
           "()') in an 'async_drop_impl()' or close method of their "
           "owner before the container is destroyed";
  }
  if (Owner == "shared_ptr")
    return "use 'asyncdrop::AsyncDropArc<" + Value +
           ">' for shared ownership: every clone is dropped and the last one "
           "runs the cleanup";
  if (Owner == "unique_ptr" || Owner == "optional") {
    if (IsGuard || IsHelper)
      return "hold it directly: it already is an owner, and a moved-from or "
             "dropped one owns nothing";
    return "use 'asyncdrop::AsyncDropGuard<" + Value +
           ">', the unique owner that drops it";
  }
  if (Owner.contains("map"))
    return "use 'asyncdrop::AsyncDropHashMap', which drops its values "
           "concurrently";
  if (const NamedDecl *Helper = runtimeSequenceHelper(Ctx))
    return "use 'asyncdrop::" + Helper->getName().str() +
           "', which drops its elements";
  return "use 'asyncdrop::AsyncDropHashMap' (keyed by position if need be), "
         "which drops its values concurrently, or an owner whose "
         "'async_drop_impl()' drops every element";
}

// The outermost instantiation D belongs to (a class template
// specialization, a function template specialization), if any.
static const NamedDecl *instantiationOf(const Decl *D) {
  const NamedDecl *Found = nullptr;
  for (; D; D = dyn_cast_or_null<Decl>(D->getDeclContext())) {
    if (const auto *RD = dyn_cast<CXXRecordDecl>(D);
        RD && isTemplateInstantiation(RD->getTemplateSpecializationKind()))
      Found = RD;
    else if (const auto *FD = dyn_cast<FunctionDecl>(D);
             FD && isTemplateInstantiation(FD->getTemplateSpecializationKind()))
      Found = FD;
  }
  return Found;
}

static SourceLocation pointOfInstantiation(const NamedDecl *D) {
  SourceLocation Loc;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(D))
    Loc = Spec->getPointOfInstantiation();
  else if (const auto *FD = dyn_cast<FunctionDecl>(D))
    Loc = FD->getPointOfInstantiation();
  return Loc.isValid() ? Loc : D->getLocation();
}

void GuardInStdContainerCheck::checkMatch(
    const MatchFinder::MatchResult &Result) {
  const SourceManager &SM = *Result.SourceManager;
  QualType T;
  SourceLocation Loc;
  const Decl *D = nullptr;
  if (const auto *Decl = Result.Nodes.getNodeAs<DeclaratorDecl>("decl")) {
    // A parameter is reported on the function's first declaration only.
    if (const auto *Param = dyn_cast<ParmVarDecl>(Decl))
      if (const auto *F = dyn_cast<FunctionDecl>(Param->getDeclContext());
          F && (!F->isFirstDecl() || F->isImplicit()))
        return;
    // A lambda's captures are the variables they copy, reported there.
    if (const auto *Field = dyn_cast<FieldDecl>(Decl);
        Field && Field->getParent()->isLambda())
      return;
    D = Decl;
    T = Decl->getType();
    const TypeSourceInfo *TSI = Decl->getTypeSourceInfo();
    Loc = TSI ? TSI->getTypeLoc().getBeginLoc() : Decl->getLocation();
  } else if (const auto *F = Result.Nodes.getNodeAs<FunctionDecl>("function")) {
    if (!F->isFirstDecl() || isa<CXXConstructorDecl>(F) ||
        isa<CXXDestructorDecl>(F))
      return;
    D = F;
    T = F->getReturnType();
    Loc = F->getReturnTypeSourceRange().getBegin();
    if (Loc.isInvalid())
      Loc = F->getLocation();
  }
  // A reference or a pointer is not the owner: the owner is reported where
  // it is declared.
  if (!D || T.isNull() || T->isReferenceType() || T->isPointerType() ||
      Loc.isInvalid())
    return;
  Loc = SM.getExpansionLoc(Loc);
  if (SM.isInSystemHeader(Loc) || isInRuntimeNamespace(D) ||
      Reported.count(Loc) || Tests.isTestCode(Loc, SM))
    return;
  const NamedDecl *Instantiation = instantiationOf(D);
  if (Instantiation && Pending.count(Loc))
    return;
  std::optional<Held> H = findHeld(T, Types, StandardOwners);
  if (!H)
    return;
  // `std::unique_ptr<T> open()` is a factory that hands T out unguarded:
  // unguarded-factory's finding, not a second one here.
  if (const auto *F = dyn_cast<FunctionDecl>(D))
    if (std::optional<UnguardedResult> Unguarded = unguardedResult(F, Types);
        Unguarded && Unguarded->Kind == UnguardedKind::StandardOwner &&
        isFactoryOf(F, Unguarded->Class))
      return;

  PrintingPolicy Policy(Result.Context->getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  Policy.SuppressInlineNamespace = true;
  Finding F;
  F.Loc = Loc;
  llvm::raw_string_ostream Owner(F.Owner);
  H->Owner->printQualifiedName(Owner, Policy);
  F.Element = H->Element.getAsString(Policy);
  F.Advice = advice(*H, Types, *Result.Context);
  if (!Instantiation) {
    report(F);
    return;
  }
  // Said once at the template's code, naming one instantiation, unless the
  // pattern says it on its own (its report comes first or last: wait for
  // the end of the translation unit).
  llvm::raw_string_ostream Name(F.Instantiation);
  Instantiation->getNameForDiagnostic(Name, Policy, /*Qualified=*/true);
  F.InstantiatedAt = SM.getExpansionLoc(pointOfInstantiation(Instantiation));
  Pending[Loc] = std::move(F);
  PendingOrder.push_back(Loc);
}

void GuardInStdContainerCheck::report(const Finding &F) {
  if (!Reported.insert(F.Loc).second)
    return;
  diag(F.Loc, "'%0' destroys the '%1' it holds without dropping it; %2")
      << F.Owner << F.Element << F.Advice;
  if (!F.Instantiation.empty())
    diag(F.InstantiatedAt, "in the instantiation '%0' requested here",
         DiagnosticIDs::Note)
        << F.Instantiation;
}

void GuardInStdContainerCheck::onEndOfTranslationUnit() {
  for (SourceLocation Loc : PendingOrder)
    report(Pending[Loc]);
  Pending.clear();
  PendingOrder.clear();
  Reported.clear();
}

} // namespace clang::tidy::asyncdrop
