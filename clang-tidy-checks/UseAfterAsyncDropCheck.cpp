#include "UseAfterAsyncDropCheck.h"

#include "utils/FlowCheckSupport.h"
#include "clang/AST/ExprCXX.h"

using namespace clang::ast_matchers;

namespace clang::tidy::asyncdrop {

UseAfterAsyncDropCheck::UseAfterAsyncDropCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : AsyncDropCheck(Name, Context),
      AllowedText(Options.get("AllowedAfterDrop", "is_dropped").str()),
      Flow(SharedFlow::get(Context, Types)) {
  Flow->requireUses(optionList(AllowedText));
}

void UseAfterAsyncDropCheck::storeCheckOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "AllowedAfterDrop", AllowedText);
}

void UseAfterAsyncDropCheck::registerUserCodeMatchers(MatchFinder *Finder) {
  registerGuardFunctionMatchers(Finder, this, Types, /*Temporaries=*/false,
                                /*Functions=*/nullptr,
                                /*ReferenceParams=*/true);
}

void UseAfterAsyncDropCheck::onEndOfTranslationUnit() {
  Analysed.clear();
  Reported.clear();
  Flow->endTranslationUnit();
}

void UseAfterAsyncDropCheck::checkMatch(
    const MatchFinder::MatchResult &Result) {
  const FunctionDecl *F = functionToAnalyse(Result, Analysed);
  if (!F)
    return;
  const FlowResult *R = Flow->guards(*Result.Context, F);
  if (!R)
    return;
  for (const FlowUse &U : R->Uses) {
    SourceLocation Loc = U.Use->getBeginLoc();
    if (R->Entities[U.Entity].isDropTask())
      continue;
    const ValueDecl *D = R->Entities[U.Entity].Decl;
    if (Loc.isInvalid() || !D->getIdentifier() || !Reported.insert(Loc).second)
      continue;
    std::string Name = entityName(D);
    const GuardRule &Rule = Types.ruleOrDefault(D->getType());
    diag(Loc, "%1 '%0' is used after it was %2")
        << Name << Rule.Noun << Rule.DropVerbPast;
    if (U.DropSite)
      diag(U.DropSite->getBeginLoc(), "'%0' was %1 here", DiagnosticIDs::Note)
          << Name << Rule.DropVerbPast;
  }
}

} // namespace clang::tidy::asyncdrop
