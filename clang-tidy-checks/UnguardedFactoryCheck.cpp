#include "UnguardedFactoryCheck.h"

#include "utils/ExprNodes.h"
#include "utils/Factories.h"
#include "utils/RuntimeNames.h"
#include "utils/UserCode.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/TypeLoc.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::asyncdrop {

// make_guard has one overload per arity up to this many arguments.
static constexpr unsigned MaxMakeGuardArgs = 12;

UnguardedFactoryCheck::UnguardedFactoryCheck(StringRef Name,
                                             ClangTidyContext *Context)
    : AsyncDropCheck(Name, Context) {}

namespace {
// Every reference to a function of user code is matched against this: only
// those that return an AsyncDrop type unguarded (the answer cached per
// function pattern) reach check(), instead of one callback per call.
AST_MATCHER_P2(FunctionDecl, mayBeUnguardedFactory, const GuardTypes *, Types,
               UnguardedFactoryCheck::InterestingMap *, Interesting) {
  const FunctionDecl *Key = functionPattern(&Node);
  auto [It, Inserted] = Interesting->try_emplace(Key, false);
  if (Inserted)
    It->second = unguardedResult(Key, *Types).has_value();
  return It->second;
}
} // namespace

void UnguardedFactoryCheck::registerUserCodeMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      functionDecl(unless(cxxConstructorDecl()), unless(cxxDestructorDecl()),
                   unless(cxxConversionDecl()), unless(isImplicit()),
                   unless(isExpansionInSystemHeader()),
                   unless(isInInstantiatedCode()))
          .bind("function"),
      this);
  // Uses of a factory, wherever they are, decide whether its fix-it is safe.
  // Only a function returning a class by value (T or Task<T>) can be one.
  auto ReturnsRecord = functionDecl(returns(hasCanonicalType(recordType())),
                                    mayBeUnguardedFactory(&Types, &Interesting))
                           .bind("referenced");
  Finder->addMatcher(declRefExpr(to(ReturnsRecord)).bind("ref"), this);
  Finder->addMatcher(memberExpr(member(ReturnsRecord)).bind("ref"), this);
}

void UnguardedFactoryCheck::checkMatch(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  const SourceManager &SM = *Result.SourceManager;
  if (const auto *F = Result.Nodes.getNodeAs<FunctionDecl>("referenced")) {
    const FunctionDecl *Key = functionPattern(F);
    auto [It, Inserted] = Interesting.try_emplace(Key, false);
    if (Inserted)
      It->second = unguardedResult(Key, Types).has_value();
    if (It->second && !References.count(Key))
      if (const auto *Ref = Result.Nodes.getNodeAs<Expr>("ref"))
        References[Key] = SM.getExpansionLoc(Ref->getBeginLoc());
    return;
  }
  const auto *F = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!F || F->isDeleted() || F->isInvalidDecl() ||
      isInTemplateInstantiation(F) || isInRuntimeNamespace(F) ||
      SM.isInSystemHeader(SM.getExpansionLoc(F->getLocation())) ||
      Tests.isTestCode(F->getLocation(), SM))
    return;
  std::optional<UnguardedResult> Unguarded = unguardedResult(F, Types);
  if (!Unguarded || !isFactoryOf(F, Unguarded->Class))
    return;
  if (Seen.insert(F->getCanonicalDecl()).second)
    Factories.push_back(F->getCanonicalDecl());
}

void UnguardedFactoryCheck::onEndOfTranslationUnit() {
  for (const FunctionDecl *F : Factories)
    checkFactory(F);
  Factories.clear();
  Seen.clear();
  Interesting.clear();
  References.clear();
}

// The return statements of F's own body (not of lambdas or local classes).
static void collectReturns(const Stmt *S,
                           llvm::SmallVectorImpl<const Stmt *> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (isa<ReturnStmt>(S) || isa<CoreturnStmt>(S)) {
    Out.push_back(S);
    return;
  }
  for (const Stmt *Child : S->children())
    collectReturns(Child, Out);
}

namespace {
/// `T(args)` / `T{args}` as spelled, ready to become make_guard<T>(args).
struct Construction {
  SourceRange TypeRange;
  SourceLocation Open, Close;
  llvm::SmallVector<const Expr *, 4> Args;
};
} // namespace

static std::optional<Construction> spelledConstruction(const Expr *E,
                                                       QualType Expected) {
  E = ignoreTemporaries(E);
  if (!E || E->getType().getCanonicalType().getUnqualifiedType() !=
                Expected.getCanonicalType().getUnqualifiedType())
    return std::nullopt;
  Construction C;
  auto AddArgs = [&C](auto Range) {
    for (const Expr *Arg : Range)
      if (!isa<CXXDefaultArgExpr>(Arg))
        C.Args.push_back(Arg);
  };
  if (const auto *Temp = dyn_cast<CXXTemporaryObjectExpr>(E)) {
    C.TypeRange = Temp->getTypeSourceInfo()->getTypeLoc().getSourceRange();
    C.Open = Temp->getParenOrBraceRange().getBegin();
    C.Close = Temp->getParenOrBraceRange().getEnd();
    AddArgs(Temp->arguments());
  } else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
    C.TypeRange = Cast->getTypeInfoAsWritten()->getTypeLoc().getSourceRange();
    const Expr *Sub = Cast->getSubExpr()->IgnoreImplicit();
    if (const auto *List = dyn_cast<InitListExpr>(Sub)) {
      if (const InitListExpr *Syntactic = List->getSyntacticForm())
        List = Syntactic;
      C.Open = List->getLBraceLoc();
      C.Close = List->getRBraceLoc();
      AddArgs(List->inits());
    } else {
      C.Open = Cast->getLParenLoc();
      C.Close = Cast->getRParenLoc();
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(Sub))
        AddArgs(Construct->arguments());
      else
        C.Args.push_back(Sub);
    }
  } else if (const auto *Dependent = dyn_cast<CXXUnresolvedConstructExpr>(E)) {
    // `Box(v)` inside the template Box<T>.
    C.TypeRange = Dependent->getTypeSourceInfo()->getTypeLoc().getSourceRange();
    if (Dependent->isListInitialization()) {
      const auto *List = Dependent->getNumArgs() == 1
                             ? dyn_cast<InitListExpr>(Dependent->getArg(0))
                             : nullptr;
      if (!List)
        return std::nullopt;
      C.Open = List->getLBraceLoc();
      C.Close = List->getRBraceLoc();
      AddArgs(List->inits());
    } else {
      C.Open = Dependent->getLParenLoc();
      C.Close = Dependent->getRParenLoc();
      AddArgs(Dependent->arguments());
    }
  } else {
    return std::nullopt;
  }
  if (C.Args.size() > MaxMakeGuardArgs || C.Open.isInvalid() ||
      C.Close.isInvalid())
    return std::nullopt;
  // Braced arguments cannot be forwarded through make_guard's parameters.
  for (const Expr *Arg : C.Args)
    if (isa<InitListExpr>(Arg->IgnoreImplicit()) ||
        isa<DesignatedInitExpr>(Arg) ||
        isa<CXXStdInitializerListExpr>(Arg->IgnoreImplicit()))
      return std::nullopt;
  return C;
}

// The TypeLoc of T in a declared return type `Task<T>`.
static TypeLoc taskArgumentLoc(TypeLoc Loc) {
  while (true) {
    if (auto Qualified = Loc.getAs<QualifiedTypeLoc>())
      Loc = Qualified.getUnqualifiedLoc();
    else if (auto Elaborated = Loc.getAs<ElaboratedTypeLoc>())
      Loc = Elaborated.getNamedTypeLoc();
    else
      break;
  }
  auto Spec = Loc.getAs<TemplateSpecializationTypeLoc>();
  if (!Spec || Spec.getNumArgs() < 1)
    return {};
  if (TypeSourceInfo *TSI = Spec.getArgLoc(0).getTypeSourceInfo())
    return TSI->getTypeLoc();
  return {};
}

static bool isFileRange(SourceRange R, const SourceManager &SM) {
  return R.isValid() && R.getBegin().isFileID() && R.getEnd().isFileID() &&
         SM.getFileID(R.getBegin()) == SM.getFileID(R.getEnd());
}

void UnguardedFactoryCheck::checkFactory(const FunctionDecl *F) {
  std::optional<UnguardedResult> Unguarded = unguardedResult(F, Types);
  if (!Unguarded)
    return;
  const CXXRecordDecl *RD = Unguarded->Class;
  const StringRef Name = RD->getName();
  auto Ref = References.find(functionPattern(F));
  const bool Referenced = Ref != References.end();
  const bool InTask = Unguarded->Kind == UnguardedKind::Task;
  switch (Unguarded->Kind) {
  case UnguardedKind::RawPointer:
    diag(F->getLocation(),
         "'%0' returns a raw pointer to a new '%1', so the caller gets it "
         "without a guard; return 'AsyncDropGuard<%1>' (built with "
         "'asyncdrop::make_guard<%1>(...)')")
        << F->getName() << Name;
    return;
  case UnguardedKind::StandardOwner: {
    const bool Shared = Unguarded->Owner->getName() == "shared_ptr";
    diag(F->getLocation(),
         "'%0' returns AsyncDrop type '%1' in a 'std::%2', which destroys it "
         "without its cleanup; return 'AsyncDropGuard<%1>' (built with "
         "'asyncdrop::make_guard<%1>(...)')%select{|, or 'AsyncDropArc<%1>' "
         "for shared ownership}3")
        << F->getName() << Name << Unguarded->Owner->getName() << Shared;
    return;
  }
  case UnguardedKind::Value:
  case UnguardedKind::Task:
    break;
  }
  {
    auto Diag = diag(F->getLocation(),
                     InTask ? "'%0' returns 'Task<%1>', so its result is an "
                              "AsyncDrop type without a guard; return "
                              "'Task<AsyncDropGuard<%1>>' (built with "
                              "'asyncdrop::make_guard<%1>(...)')"
                            : "'%0' returns AsyncDrop type '%1' by value, so "
                              "the caller gets it without a guard; return "
                              "'AsyncDropGuard<%1>' (built with "
                              "'asyncdrop::make_guard<%1>(...)')")
                << F->getName() << Name;
    if (!Referenced)
      for (const FixItHint &Fix : fixIts(F, RD, InTask))
        Diag << Fix;
  }
  if (Referenced)
    diag(Ref->second,
         "'%0' is used here, and returning a guard changes what this code "
         "gets: no fix-it is offered",
         DiagnosticIDs::Note)
        << F->getName();
}

// A body whose only return builds T, and a return type spelled out in every
// declaration: `T f(...) { ...; return T(args); }` becomes
// `AsyncDropGuard<T> f(...) { ...; return asyncdrop::make_guard<T>(args); }`.
llvm::SmallVector<FixItHint, 4>
UnguardedFactoryCheck::fixIts(const FunctionDecl *F, const CXXRecordDecl *RD,
                              bool InTask) {
  const SourceManager &SM = Ctx->getSourceManager();
  const LangOptions &LangOpts = Ctx->getLangOpts();
  const FunctionDecl *Def = F->getDefinition();
  if (!Def)
    return {};
  const Stmt *Body = Def->getBody();
  if (const auto *Coroutine = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    Body = Coroutine->getBody();
  llvm::SmallVector<const Stmt *, 2> Returns;
  collectReturns(Body, Returns);
  if (Returns.size() != 1)
    return {};
  const Expr *Value = nullptr;
  if (const auto *Return = dyn_cast<ReturnStmt>(Returns[0]); Return && !InTask)
    Value = Return->getRetValue();
  else if (const auto *CoReturn = dyn_cast<CoreturnStmt>(Returns[0]);
           CoReturn && InTask)
    Value = CoReturn->getOperand();
  std::optional<Construction> Built =
      Value ? spelledConstruction(Value, Ctx->getRecordType(RD)) : std::nullopt;
  if (!Built || !isFileRange(Built->TypeRange, SM) || !Built->Open.isFileID() ||
      !Built->Close.isFileID())
    return {};

  llvm::SmallVector<FixItHint, 4> Fixes;
  for (const FunctionDecl *Redecl : F->redecls()) {
    if (Redecl->getReturnType()->getContainedAutoType())
      return {};
    SourceRange Range = Redecl->getReturnTypeSourceRange();
    if (InTask) {
      TypeLoc Arg =
          taskArgumentLoc(Redecl->getFunctionTypeLoc().getReturnLoc());
      Range = Arg ? Arg.getSourceRange() : SourceRange();
    }
    if (!isFileRange(Range, SM))
      return {};
    StringRef Spelled = Lexer::getSourceText(
        CharSourceRange::getTokenRange(Range), SM, LangOpts);
    Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Range),
        ("asyncdrop::AsyncDropGuard<" + Spelled + ">").str()));
  }
  StringRef TypeText = Lexer::getSourceText(
      CharSourceRange::getTokenRange(Built->TypeRange), SM, LangOpts);
  Fixes.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(Built->TypeRange.getBegin(), Built->Open),
      ("asyncdrop::make_guard<" + TypeText + ">(").str()));
  Fixes.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(Built->Close, Built->Close), ")"));
  return Fixes;
}

} // namespace clang::tidy::asyncdrop
