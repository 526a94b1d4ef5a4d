#include "MissingMemberDelegationCheck.h"

#include "utils/ExprNodes.h"
#include "utils/MemberDrops.h"
#include "utils/OwnedTypes.h"
#include "utils/RuntimeNames.h"
#include "utils/UserCode.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::asyncdrop {

// Members held by value whose own cleanup the owner calls directly.
static const std::string ExtraDropMethods[] = {"async_drop_impl"};

MissingMemberDelegationCheck::MissingMemberDelegationCheck(
    StringRef Name, ClangTidyContext *Context)
    : AsyncDropCheck(Name, Context),
      CloseMethodsText(
          Options.get("CloseMethods", "close;shutdown;stop;join;cleanup")
              .str()),
      CloseMethods(optionList(CloseMethodsText)),
      Shared(SharedFlow::get(Context, Types)), Flow(Shared->engine()) {}

void MissingMemberDelegationCheck::storeCheckOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "CloseMethods", CloseMethodsText);
}

// A class that owns a profile's scope (or stream) and releases it itself:
// one of its CloseMethods, or its destructor (`sync_wait(scope_.join())`),
// calls a drop of the member's type on it. Such a class needs no
// async_drop_impl() for that member.
bool MissingMemberDelegationCheck::closesItself(const CXXRecordDecl *RD,
                                                const FieldDecl *Member) const {
  const GuardRule *Rule = Types.ruleFor(Member->getType());
  if (!Rule || Rule->Profile.empty())
    return false;
  for (const CXXMethodDecl *MD : RD->methods()) {
    bool Closes = isa<CXXDestructorDecl>(MD) ||
                  (MD->getIdentifier() &&
                   llvm::is_contained(CloseMethods, MD->getName()));
    if (Closes && anyStmtIn(MD->getBody(), [&](const Stmt *S) {
          const auto *MC = dyn_cast<CXXMemberCallExpr>(S);
          if (!MC)
            return false;
          const auto *Object = dyn_cast_or_null<MemberExpr>(
              MC->getImplicitObjectArgument()
                  ? MC->getImplicitObjectArgument()->IgnoreParenImpCasts()
                  : nullptr);
          const CXXMethodDecl *Callee = MC->getMethodDecl();
          return Object && Object->getMemberDecl() == Member && Callee &&
                 Callee->getIdentifier() &&
                 llvm::is_contained(Rule->DropMethods, Callee->getName());
        }))
      return true;
  }
  return false;
}

void MissingMemberDelegationCheck::registerUserCodeMatchers(
    MatchFinder *Finder) {
  Finder->addMatcher(
      cxxRecordDecl(isDefinition(), unless(isExpansionInSystemHeader()))
          .bind("class"),
      this);
}

static std::string memberList(llvm::ArrayRef<const FieldDecl *> Members) {
  std::string List;
  for (size_t I = 0; I < Members.size(); ++I) {
    if (I > 0)
      List += I + 1 == Members.size() ? " and " : ", ";
    List += "'" + Members[I]->getNameAsString() + "'";
  }
  return List;
}

void MissingMemberDelegationCheck::checkMatch(
    const MatchFinder::MatchResult &Result) {
  const auto *RD = Result.Nodes.getNodeAs<CXXRecordDecl>("class");
  const SourceManager &SM = *Result.SourceManager;
  if (!RD || RD->isUnion() || !isUserClassDefinition(RD, SM) ||
      Tests.isTestCode(RD->getLocation(), SM))
    return;
  llvm::SmallVector<const FieldDecl *, 4> Members;
  for (const FieldDecl *Field : RD->fields())
    if (isGuardLikeMember(Field->getType(), Types) && !closesItself(RD, Field))
      Members.push_back(Field);
  if (Members.empty() ||
      !Seen.insert(SM.getExpansionLoc(RD->getLocation())).second)
    return;
  const FunctionDecl *Impl = ownAsyncDropImpl(RD);
  if (!Impl)
    reportMissingImpl(RD, Members);
  else
    checkImpl(*Result.Context, RD, Impl, Members);
}

void MissingMemberDelegationCheck::reportMissingImpl(
    const CXXRecordDecl *RD, llvm::ArrayRef<const FieldDecl *> Members) {
  // An inherited async_drop_impl() runs the base's cleanup, which cannot
  // know the members added here.
  const bool Inherits = Types.isAsyncDropType(RD);
  diag(RD->getLocation(),
       "'%0' holds %1, which must be dropped asynchronously, but "
       "%select{has no 'async_drop_impl()'|does not override the inherited "
       "'async_drop_impl()'}2; make '%0' an AsyncDrop type whose "
       "'async_drop_impl()' drops %select{it|each of them}3")
      << RD->getName() << memberList(Members) << Inherits
      << (Members.size() > 1);
  for (const FieldDecl *Field : Members)
    diag(Field->getLocation(), "'%0' declared here", DiagnosticIDs::Note)
        << Field->getName();
}

// Whether S names Field anywhere (through `this`).
static bool mentions(const Stmt *S, const FieldDecl *Field) {
  if (!S)
    return false;
  if (const auto *E = dyn_cast<Expr>(S); E && thisMember(E) == Field)
    return true;
  for (const Stmt *Child : S->children())
    if (mentions(Child, Field))
      return true;
  return false;
}

// An instantiation of RD's template whose async_drop_impl() has a body:
// GuardFlow analyses that instead of the dependent pattern.
static const FunctionDecl *instantiatedImpl(const CXXRecordDecl *RD,
                                            const CXXRecordDecl **Instance) {
  const ClassTemplateDecl *Template = RD->getDescribedClassTemplate();
  if (!Template)
    return nullptr;
  for (const ClassTemplateSpecializationDecl *Spec :
       Template->specializations()) {
    if (!isTemplateInstantiation(Spec->getTemplateSpecializationKind()) ||
        !Spec->hasDefinition())
      continue;
    const FunctionDecl *Impl = ownAsyncDropImpl(Spec);
    if (Impl && Impl->hasBody() && Impl->isThisDeclarationADefinition() &&
        !Impl->isDependentContext()) {
      *Instance = Spec;
      return Impl;
    }
  }
  return nullptr;
}

void MissingMemberDelegationCheck::checkImpl(
    ASTContext &Ctx, const CXXRecordDecl *RD, const FunctionDecl *Impl,
    llvm::ArrayRef<const FieldDecl *> Members) {
  if (!Impl->hasBody())
    return; // defined in another translation unit
  llvm::SmallVector<const FieldDecl *, 4> Forgotten;
  llvm::SmallVector<const FlowExit *, 4> Where;

  const FunctionDecl *Analysed = Impl;
  const CXXRecordDecl *Instance = RD;
  if (Impl->isDependentContext())
    Analysed = instantiatedImpl(RD, &Instance);
  std::optional<FlowResult> R;
  llvm::SmallVector<FlowEntity, 4> Entities;
  if (Analysed) {
    // The instance's fields, in the pattern's order.
    llvm::SmallVector<const FieldDecl *, 8> Fields(Instance->fields());
    for (const FieldDecl *Field : Members)
      if (Field->getFieldIndex() < Fields.size())
        Entities.push_back(FlowEntity::field(Fields[Field->getFieldIndex()]));
    if (Entities.size() == Members.size()) {
      FlowOptions Opts;
      Opts.ExtraDropMethods = ExtraDropMethods;
      R = Flow.analyze(Ctx, Analysed, Entities, Opts);
    }
  }
  if (R) {
    for (unsigned I = 0; I < Members.size(); ++I) {
      // Only a path on which the member may still own its value counts: a
      // member whose address escapes is left alone (precision first).
      const FlowExit *Owned = nullptr;
      for (const FlowExit &X : R->Exits)
        if (X.Entity == I && X.MayBeOwned) {
          Owned = &X;
          break;
        }
      if (Owned) {
        Forgotten.push_back(Members[I]);
        Where.push_back(Owned);
      }
    }
  } else {
    // Not analysable (a template never instantiated here): only a member
    // the body never mentions is certainly forgotten.
    for (const FieldDecl *Field : Members)
      if (!mentions(Impl->getBody(), Field)) {
        Forgotten.push_back(Field);
        Where.push_back(nullptr);
      }
  }
  if (Forgotten.empty())
    return;

  diag(Impl->getLocation(),
       "'async_drop_impl()' of '%0' does not drop %1 on every path; drop "
       "%select{it|each of them}2 there (with 'co_await m.%3()', "
       "'asyncdrop::drop_all(...)' or a helper that drops it)")
      << RD->getName() << memberList(Forgotten) << (Forgotten.size() > 1)
      << Types.primaryDropMethod();
  for (size_t I = 0; I < Forgotten.size(); ++I) {
    diag(Forgotten[I]->getLocation(), "'%0' declared here", DiagnosticIDs::Note)
        << Forgotten[I]->getName();
    const FlowExit *X = Where[I];
    if (!X || X->Loc.isInvalid())
      continue;
    for (const FlowNote &Note : X->Notes)
      diag(Note.Loc, "%0", DiagnosticIDs::Note) << Note.Text;
    diag(X->Loc, "'%0' may still own its value here", DiagnosticIDs::Note)
        << Forgotten[I]->getName();
  }
}

} // namespace clang::tidy::asyncdrop
