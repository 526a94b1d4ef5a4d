#include "MissingAsyncDropCheck.h"

#include "utils/FlowCheckSupport.h"
#include "clang/AST/ASTContext.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::asyncdrop {

MissingAsyncDropCheck::MissingAsyncDropCheck(StringRef Name,
                                             ClangTidyContext *Context)
    : AsyncDropCheck(Name, Context),
      CheckThrowPaths(Options.get("CheckThrowPaths", true)),
      Flow(SharedFlow::get(Context, Types)) {
  Flow->requireTemporaries();
}

void MissingAsyncDropCheck::storeCheckOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "CheckThrowPaths", CheckThrowPaths);
}

void MissingAsyncDropCheck::registerUserCodeMatchers(MatchFinder *Finder) {
  registerGuardFunctionMatchers(Finder, this, Types, /*Temporaries=*/true,
                                &Functions);
}

void MissingAsyncDropCheck::onEndOfTranslationUnit() {
  Analysed.clear();
  Reported.clear();
  Functions.clear();
  Flow->endTranslationUnit();
}

// `EXPECT_THROW((void)map.remove(k), std::out_of_range)`: a test framework's
// expected-exception macro says the call throws, so the guard it would
// return never exists.
bool MissingAsyncDropCheck::inExpectedThrow(SourceLocation Loc,
                                            const SourceManager &SM) const {
  for (unsigned Depth = 0; Loc.isMacroID() && Depth < 16; ++Depth) {
    StringRef Name = Lexer::getImmediateMacroName(Loc, SM, getLangOpts());
    if (Name.contains("THROW") && !Name.contains("NO_THROW") &&
        !Name.contains("NOTHROW"))
      return true;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

void MissingAsyncDropCheck::checkMatch(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *F = functionToAnalyse(Result, Analysed, &Functions);
  if (!F)
    return;
  const FlowResult *R = Flow->guards(*Result.Context, F);
  if (!R)
    return;

  for (const FlowExit &X : R->Exits) {
    if (!X.MayBeOwned || X.Loc.isInvalid() ||
        (X.K == FlowExit::Kind::Throw && !CheckThrowPaths))
      continue;
    // A reference parameter (tracked for use-after-async-drop) owns
    // nothing: its caller is the one to drop.
    if (SharedFlow::isReferenceParam(*R, X.Entity))
      continue;
    // A stored drop task owed an await is unawaited-async-drop's finding;
    // the guard it would have dropped is reported on its own.
    if (R->Entities[X.Entity].isDropTask())
      continue;
    const ValueDecl *D = R->Entities[X.Entity].Decl;
    if (!D->getIdentifier() ||
        !Reported.insert({X.Loc, D->getLocation()}).second)
      continue;
    std::string Name = entityName(D);
    // In the type's own words (GuardRule): "scope 'scope' ... without
    // 'stdexec::sync_wait(scope.join())'".
    const GuardRule &Rule = Types.ruleOrDefault(D->getType());
    diag(X.Loc, X.K == FlowExit::Kind::Reassign
                    ? "%4 '%0' of type '%1' is overwritten without '%2' on "
                      "this path; drop it first (a second drop is a no-op, "
                      "so this is safe on every path)"
                    : "%4 '%0' of type '%1' is destroyed without '%2' on "
                      "this %select{|exception }3path")
        << Name << guardTypeName(D->getType(), *Result.Context)
        << Types.dropSpelling(D->getType(), Name, R->IsCoroutine)
        << X.OnExceptionPath << Rule.Noun;
    diag(D->getLocation(), "'%0' declared here", DiagnosticIDs::Note) << Name;
    for (const FlowNote &N : X.Notes)
      diag(N.Loc, N.Text, DiagnosticIDs::Note);
  }

  for (const FlowTemporary &T : R->Temporaries) {
    if (T.Loc.isInvalid() || inExpectedThrow(T.Loc, *Result.SourceManager) ||
        !Reported.insert({T.Loc, T.Loc}).second)
      continue;
    diag(T.Loc, "temporary guard of type '%0' is destroyed at the end of the "
                "full-expression without '%1()'; keep it in a variable and "
                "'co_await' its '%1()'")
        << guardTypeName(T.Temp->getType(), *Result.Context)
        << Types.primaryDropMethodFor(T.Temp->getType());
  }
}

} // namespace clang::tidy::asyncdrop
