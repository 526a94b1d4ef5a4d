#include "SyncDropOutsideTestsCheck.h"

#include "utils/RuntimeNames.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/TypeLoc.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::asyncdrop {

SyncDropOutsideTestsCheck::SyncDropOutsideTestsCheck(StringRef Name,
                                                     ClangTidyContext *Context)
    : AsyncDropCheck(Name, Context) {}

// SyncDrop is found by name: the guard options do not apply.
void SyncDropOutsideTestsCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Tests.storeOptions(Options, Opts);
}

// The cheap test first, on every TypeLoc of the translation unit: is the
// template called SyncDrop? (check() makes sure it is the runtime's.) Only
// then ask the SourceManager whether the loc is in a system header, which
// costs a file lookup.
AST_MATCHER(TypeLoc, namesSyncDrop) {
  const TemplateDecl *Template = specializedTemplate(Node.getType());
  return Template && Template->getIdentifier() &&
         Template->getName() == "SyncDrop";
}

void SyncDropOutsideTestsCheck::registerUserCodeMatchers(MatchFinder *Finder) {
  // Three spellings reach the type: SyncDrop<X> (also inside aliases,
  // template arguments, return types ...), CTAD `SyncDrop(guard)`, and a
  // typedef or alias whose target is a SyncDrop. System headers never spell
  // it for the user.
  auto User = allOf(namesSyncDrop(), unless(isExpansionInSystemHeader()));
  Finder->addMatcher(templateSpecializationTypeLoc(User).bind("loc"), this);
  Finder->addMatcher(
      typeLoc(loc(deducedTemplateSpecializationType()), User).bind("loc"),
      this);
  Finder->addMatcher(typeLoc(loc(typedefType()), User).bind("loc"), this);
}

// "asyncdrop::SyncDrop<app::Conn>" for a concrete type. A dependent
// specialization or an undeduced CTAD placeholder has no canonical record to
// print, so spell the qualified template name and the written arguments.
static std::string describeType(QualType Spelled, const TemplateDecl *Template,
                                const PrintingPolicy &Policy) {
  QualType Canonical = Spelled.getCanonicalType();
  if (Canonical->getAsCXXRecordDecl())
    return Canonical.getAsString(Policy);
  std::string Text = Template->getQualifiedNameAsString();
  if (const auto *TST = Spelled->getAs<TemplateSpecializationType>()) {
    llvm::raw_string_ostream OS(Text);
    printTemplateArgumentList(OS, TST->template_arguments(), Policy);
  }
  return Text;
}

void SyncDropOutsideTestsCheck::checkMatch(
    const MatchFinder::MatchResult &Result) {
  const auto *TL = Result.Nodes.getNodeAs<TypeLoc>("loc");
  if (!TL)
    return;
  QualType Spelled = TL->getType();
  const TemplateDecl *Template = specializedTemplate(Spelled);
  if (!isRuntimeEntity(Template, "SyncDrop"))
    return;

  const SourceManager &SM = *Result.SourceManager;
  SourceLocation Loc = TL->getBeginLoc();
  if (Loc.isInvalid() || SM.isInSystemHeader(Loc))
    return;
  // The runtime's own header defines and uses SyncDrop.
  if (SM.getFileID(SM.getExpansionLoc(Loc)) ==
      SM.getFileID(SM.getExpansionLoc(Template->getLocation())))
    return;
  if (Tests.isTestCode(Loc, SM) || !Reported.insert(Loc).second)
    return;

  PrintingPolicy Policy(Result.Context->getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  const std::string Shown = describeType(Spelled, Template, Policy);

  // An alias hides the name: say what it stands for.
  const bool ThroughAlias =
      Spelled->getAs<TypedefType>() ||
      (Spelled->getAs<TemplateSpecializationType>() &&
       Spelled->getAs<TemplateSpecializationType>()->isTypeAlias());
  if (ThroughAlias)
    diag(Loc, "'%0' is '%1', which blocks the calling thread until the "
              "cleanup finishes and can deadlock inside an event loop; "
              "outside tests, drop with 'co_await guard.async_drop()' or "
              "'with_async_drop'")
        << Spelled.getAsString(Policy) << Shown;
  else
    diag(Loc, "'%0' blocks the calling thread until the cleanup finishes and "
              "can deadlock inside an event loop; outside tests, drop with "
              "'co_await guard.async_drop()' or 'with_async_drop'")
        << Shown;
}

} // namespace clang::tidy::asyncdrop
