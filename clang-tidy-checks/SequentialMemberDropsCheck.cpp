#include "SequentialMemberDropsCheck.h"

#include "utils/MemberDrops.h"
#include "utils/RuntimeNames.h"
#include "utils/UserCode.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::asyncdrop {

SequentialMemberDropsCheck::SequentialMemberDropsCheck(
    StringRef Name, ClangTidyContext *Context)
    : AsyncDropCheck(Name, Context), Deps(Types) {}

void SequentialMemberDropsCheck::registerMatchers(MatchFinder *Finder) {
  registerConfigurationMatcher(Finder);
  MemberDependencies::registerMatchers(Finder, this);
  // Member functions (lambdas in them included) that await something.
  Finder->addMatcher(
      // The cheap tests first: hasDescendant walks the whole body, and
      // system headers are full of member function definitions.
      cxxMethodDecl(isDefinition(), unless(isExpansionInSystemHeader()),
                    unless(isInInstantiatedCode()),
                    hasBody(hasDescendant(
                        expr(anyOf(coawaitExpr(), dependentCoawaitExpr())))))
          .bind("function"),
      this);
}

void SequentialMemberDropsCheck::checkMatch(
    const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (Deps.record(Result))
    return;
  const auto *F = Result.Nodes.getNodeAs<FunctionDecl>("function");
  const SourceManager &SM = *Result.SourceManager;
  if (!F || isInTemplateInstantiation(F) || isInRuntimeNamespace(F) ||
      SM.isInSystemHeader(SM.getExpansionLoc(F->getLocation())) ||
      Tests.isTestCode(F->getLocation(), SM))
    return;
  if (Seen.insert(SM.getExpansionLoc(F->getLocation())).second)
    Functions.push_back(F);
}

void SequentialMemberDropsCheck::onEndOfTranslationUnit() {
  for (const FunctionDecl *F : Functions) {
    llvm::SmallVector<const Stmt *, 16> Work{F->getBody()};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S || isa<LambdaExpr>(S)) // a lambda is a function of its own
        continue;
      if (const auto *Block = dyn_cast<CompoundStmt>(S))
        checkBlock(Block);
      for (const Stmt *Child : S->children())
        Work.push_back(Child);
    }
  }
  Functions.clear();
  Seen.clear();
  Deps.clear();
}

void SequentialMemberDropsCheck::checkBlock(const CompoundStmt *Block) {
  llvm::SmallVector<Step, 4> Run;
  auto Flush = [&] {
    if (Run.size() >= 2)
      report(Run);
    Run.clear();
  };
  for (const Stmt *S : Block->body()) {
    // Only the plain statement `co_await m.async_drop();`: drop_all needs
    // an async_drop() member, so helpers and async_drop_impl() break a run.
    const Expr *Object = nullptr;
    const Expr *Operand = awaitedOperand(statementExpr(S));
    std::optional<StringRef> Name =
        Operand ? calledMemberName(Operand, &Object) : std::nullopt;
    const FieldDecl *Field = Object ? thisMember(Object) : nullptr;
    if (!Field || *Name != Types.primaryDropMethod() ||
        !Types.isGuardLike(Field->getType()) ||
        Types.isAsyncDropType(Field->getType()->getAsCXXRecordDecl())) {
      Flush();
      continue;
    }
    const auto *RD = cast<CXXRecordDecl>(Field->getParent());
    bool Independent = true;
    for (const Step &Earlier : Run)
      // Transitively: `api_` uses `cache_`, which uses `db_`, so `api_` and
      // `db_` must not be dropped concurrently either.
      if (Earlier.Field == Field ||
          Deps.dependsTransitively(RD, Field, Earlier.Field) ||
          Deps.dependsTransitively(RD, Earlier.Field, Field))
        Independent = false;
    if (!Independent)
      Flush();
    Run.push_back({S, Field, Object});
  }
  Flush();
}

void SequentialMemberDropsCheck::report(llvm::ArrayRef<Step> Run) {
  const SourceManager &SM = Ctx->getSourceManager();
  const LangOptions &LangOpts = Ctx->getLangOpts();
  std::string Names, Args;
  for (size_t I = 0; I < Run.size(); ++I) {
    if (I > 0) {
      Names += I + 1 == Run.size() ? " and " : ", ";
      Args += ", ";
    }
    Names += "'" + Run[I].Field->getNameAsString() + "'";
    StringRef Spelled = Lexer::getSourceText(
        CharSourceRange::getTokenRange(Run[I].Spelling->getSourceRange()), SM,
        LangOpts);
    Args += Spelled.empty() ? Run[I].Field->getNameAsString() : Spelled.str();
  }
  auto Diag = diag(Run.front().S->getBeginLoc(),
                   "%0 are dropped one after another, but %select{neither "
                   "depends on the other|none depends on another}1: drop them "
                   "concurrently with 'co_await asyncdrop::drop_all(%2)'")
              << Names << (Run.size() > 2) << Args;

  // The fix-it replaces the statements, from the first to the last ';',
  // unless something other than whitespace (a comment) lies between them.
  SourceLocation Begin = Run.front().S->getBeginLoc();
  std::optional<Token> Semi =
      Lexer::findNextToken(Run.back().S->getEndLoc(), SM, LangOpts);
  if (!Semi || !Semi->is(tok::semi) || !Begin.isFileID() ||
      !Semi->getLocation().isFileID())
    return;
  for (size_t I = 0; I + 1 < Run.size(); ++I) {
    std::optional<Token> End =
        Lexer::findNextToken(Run[I].S->getEndLoc(), SM, LangOpts);
    if (!End || !End->is(tok::semi) || !End->getLocation().isFileID())
      return;
    StringRef Between =
        Lexer::getSourceText(CharSourceRange::getCharRange(
                                 End->getEndLoc(), Run[I + 1].S->getBeginLoc()),
                             SM, LangOpts);
    if (!Between.trim().empty())
      return;
  }
  Diag << FixItHint::CreateReplacement(
      CharSourceRange::getCharRange(Begin, Semi->getEndLoc()),
      "co_await asyncdrop::drop_all(" + Args + ");");
}

} // namespace clang::tidy::asyncdrop
