#include "GuardInStdContainerCheck.h"

#include "utils/ClassRules.h"
#include "utils/RuntimeNames.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::asyncdrop {

GuardInStdContainerCheck::GuardInStdContainerCheck(StringRef Name,
                                                   ClangTidyContext *Context)
    : AsyncDropCheck(Name, Context), Types(Options), Tests(Options),
      StandardOwnersText(
          Options.get("StandardOwners", DefaultStandardOwners).str()) {
  llvm::SmallVector<StringRef, 12> Parts;
  StringRef(StandardOwnersText).split(Parts, ';', -1, /*KeepEmpty=*/false);
  for (StringRef Part : Parts)
    if (!Part.trim().empty())
      StandardOwners.push_back(Part.trim().str());
}

void GuardInStdContainerCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Types.storeOptions(Options, Opts);
  Tests.storeOptions(Options, Opts);
  Options.store(Opts, "StandardOwners", StandardOwnersText);
}

void GuardInStdContainerCheck::registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                                  Preprocessor *) {
  Tests.registerPPCallbacks(SM, PP);
}

void GuardInStdContainerCheck::registerMatchers(MatchFinder *Finder) {
  // check() skips system headers and instantiations; saying so here spares
  // a callback for every declaration of the standard library.
  auto UserDecl = allOf(unless(isImplicit()), unless(isExpansionInSystemHeader()),
                        unless(isInInstantiatedCode()));
  Finder->addMatcher(varDecl(UserDecl).bind("decl"), this);
  Finder->addMatcher(fieldDecl(UserDecl).bind("decl"), this);
  Finder->addMatcher(functionDecl(UserDecl).bind("function"), this);
}

static llvm::ArrayRef<TemplateArgument> templateArguments(QualType T) {
  // Canonical dependent arguments lose their names (type-parameter-0-0):
  // keep the written ones for messages.
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

namespace {
/// A standard owner and the guard-like element it destroys.
struct Held {
  const TemplateDecl *Owner;
  QualType Element;
};
} // namespace

// The innermost standard owner in T that holds a guard-like element:
// `std::optional<std::vector<Guard>>` names the vector. Only owners are
// looked into: a map's allocator of pairs is not an element.
static std::optional<Held> findHeld(QualType T, const GuardTypes &Types,
                                    llvm::ArrayRef<std::string> Owners,
                                    unsigned Depth = 0) {
  if (T.isNull() || Depth > 6)
    return std::nullopt;
  while (const ArrayType *Array = T->getAsArrayTypeUnsafe())
    T = Array->getElementType();
  const TemplateDecl *TD = specializedTemplate(T);
  if (!TD || llvm::none_of(Owners, [TD](const std::string &Name) {
        return hasQualifiedName(TD, Name);
      }))
    return std::nullopt;
  for (const TemplateArgument &Arg : templateArguments(T)) {
    if (Arg.getKind() != TemplateArgument::Type)
      continue;
    QualType Element = Arg.getAsType();
    // Guards and AsyncDrop values; the runtime's helpers (a vector of
    // AsyncDropArc clones, each dropped in a loop) are left alone.
    const CXXRecordDecl *Value = Element->getAsCXXRecordDecl();
    if (Types.isGuard(Element) ||
        (Value && !GuardTypes::isRuntimeHelper(Element) &&
         Types.isAsyncDropType(Value)))
      return Held{TD, Element};
    if (std::optional<Held> Inner = findHeld(Element, Types, Owners, Depth + 1))
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
  const std::string Value = Owned.empty() ? "T" : Owned.front()->getName().str();
  const bool IsGuard = Types.isGuard(H.Element);
  const bool IsHelper = GuardTypes::isRuntimeHelper(H.Element);
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

void GuardInStdContainerCheck::checkMatch(const MatchFinder::MatchResult &Result) {
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
      isInTemplateInstantiation(D) || Tests.isTestCode(Loc, SM))
    return;
  std::optional<Held> H = findHeld(T, Types, StandardOwners);
  if (!H || !Reported.insert(Loc).second)
    return;

  PrintingPolicy Policy(Result.Context->getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  Policy.SuppressInlineNamespace = true;
  std::string Owner;
  llvm::raw_string_ostream OS(Owner);
  H->Owner->printQualifiedName(OS, Policy);
  diag(Loc, "'%0' destroys the '%1' it holds without dropping it; %2")
      << OS.str() << H->Element.getAsString(Policy)
      << advice(*H, Types, *Result.Context);
}

} // namespace clang::tidy::asyncdrop
