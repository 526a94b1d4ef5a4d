#include "UnsafeIntoInnerCheck.h"

#include "utils/ExprNodes.h"
#include "utils/MemberDrops.h"
#include "utils/OwnedTypes.h"
#include "utils/RuntimeNames.h"
#include "utils/StmtParents.h"
#include "utils/UserCode.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::asyncdrop {

static constexpr llvm::StringLiteral Release = UnsafeIntoInnerName;

UnsafeIntoInnerCheck::UnsafeIntoInnerCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : AsyncDropCheck(Name, Context), Shared(SharedFlow::get(Context, Types)),
      Flow(Shared->engine()) {}

namespace {
// On every member call of user code: an identifier comparison.
AST_MATCHER(CXXMemberCallExpr, callsRelease) {
  const CXXMethodDecl *MD = Node.getMethodDecl();
  return MD && MD->getIdentifier() && MD->getName() == asyncdrop::Release;
}
} // namespace

void UnsafeIntoInnerCheck::registerUserCodeMatchers(MatchFinder *Finder) {
  Functions.registerMatchers(Finder, this);
  Finder->addMatcher(cxxMemberCallExpr(callsRelease()).bind("call"), this);
  // Still dependent inside a template.
  Finder->addMatcher(callExpr(callee(cxxDependentScopeMemberExpr(
                                  hasMemberName(Release.str()))))
                         .bind("call"),
                     this);
}

namespace {
// The parents of the nodes of the function being checked, from one walk of
// its body (StmtParents). ASTContext's parent map, whose construction walks
// the whole translation unit, is only asked about what lies outside the
// body: member initialisers and default arguments.
class BodyParents {
public:
  BodyParents(ASTContext &Ctx, const FunctionDecl *F) : Ctx(Ctx) {
    if (F && F->getBody())
      Parents.build(F->getBody());
  }

  /// Like ASTContext::getParents(Node)[0]: the initialiser of a variable has
  /// the variable as its parent.
  DynTypedNode parent(const DynTypedNode &Node) const {
    if (const auto *S = Node.get<Stmt>(); S && Parents.contains(S)) {
      const Stmt *P = Parents.parent(S);
      if (!P)
        return {};
      if (const auto *DS = dyn_cast<DeclStmt>(P))
        for (const Decl *D : DS->decls())
          if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit() == S)
            return DynTypedNode::create(*VD);
      return DynTypedNode::create(*P);
    }
    DynTypedNodeList List = Ctx.getParents(Node);
    return List.empty() ? DynTypedNode() : List[0];
  }

private:
  ASTContext &Ctx;
  StmtParents Parents;
};
} // namespace

// The parent of E, past what does not change the value: parentheses,
// implicit conversions, temporaries, elided copies and moves.
static DynTypedNode consumer(const Expr *E, const BodyParents &Up,
                             const Expr **Child = nullptr) {
  DynTypedNode Node = DynTypedNode::create(*E);
  const Expr *Current = E;
  for (unsigned Depth = 0; Depth < 64; ++Depth) {
    DynTypedNode Parent = Up.parent(Node);
    if (Parent.getNodeKind().isNone())
      break;
    const auto *P = Parent.get<Expr>();
    bool Transparent =
        P && (isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
                  CXXBindTemporaryExpr, ExprWithCleanups>(P) ||
              (isa<CXXConstructExpr>(P) &&
               cast<CXXConstructExpr>(P)->getNumArgs() == 1 &&
               cast<CXXConstructExpr>(P)
                   ->getConstructor()
                   ->isCopyOrMoveConstructor()));
    if (!Transparent) {
      if (Child)
        *Child = Current;
      return Parent;
    }
    Node = Parent;
    Current = P;
  }
  if (Child)
    *Child = Current;
  return {};
}

// `Base.name` or `Base->name` with Base == Child (also dependent): name.
static std::optional<StringRef> accessedMember(const DynTypedNode &Parent,
                                               const Expr *Child) {
  if (const auto *ME = Parent.get<MemberExpr>())
    if (ME->getBase()->IgnoreParenImpCasts() == Child->IgnoreParenImpCasts())
      if (const IdentifierInfo *Id = ME->getMemberDecl()->getIdentifier())
        return Id->getName();
  if (const auto *DME = Parent.get<CXXDependentScopeMemberExpr>())
    if (!DME->isImplicitAccess() &&
        DME->getBase()->IgnoreParenImpCasts() == Child->IgnoreParenImpCasts())
      if (const IdentifierInfo *Id =
              DME->getMemberNameInfo().getName().getAsIdentifierInfo())
        return Id->getName();
  return std::nullopt;
}

// Whether the value E denotes is dropped or handed to another owner where
// it is used: moved, returned, passed on, or the object of a drop.
static bool consumed(const Expr *E, ASTContext &Ctx, const BodyParents &Up,
                     GuardFlow &Flow, const GuardTypes &Types) {
  const Expr *Child = nullptr;
  DynTypedNode Parent = consumer(E, Up, &Child);
  if (Parent.get<ReturnStmt>() || Parent.get<CoreturnStmt>())
    return true;
  if (std::optional<StringRef> Method = accessedMember(Parent, Child))
    return *Method == Types.primaryDropMethod() ||
           *Method == "async_drop_impl" || *Method == Release;
  // std::move, std::forward, std::move_if_noexcept, static_cast<T &&>.
  if (const auto *Move = Parent.get<Expr>(); Move && isMoveLike(Move))
    return true;
  const auto *Call = Parent.get<CallExpr>();
  if (!Call)
    return Parent.get<CXXConstructExpr>() ||
           Parent.get<CXXUnresolvedConstructExpr>() ||
           Parent.get<ParenListExpr>() || Parent.get<InitListExpr>();
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return isDropAllCall(Call) || Call->getCallee()->isTypeDependent();
  if (isDropAllCall(Call))
    return true;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    if (Call->getArg(I) != Child || I >= Callee->getNumParams())
      continue;
    const ParmVarDecl *P = Callee->getParamDecl(I);
    QualType T = P->getType();
    return !T->isLValueReferenceType() || hasDropsAnnotation(P) ||
           Flow.calleeDropsParam(Ctx, Callee, I);
  }
  return false;
}

static void collectRefsTo(const Stmt *S, const VarDecl *VD,
                          llvm::SmallVectorImpl<const DeclRefExpr *> &Out) {
  if (!S)
    return;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == VD)
    Out.push_back(DRE);
  for (const Stmt *Child : S->children())
    collectRefsTo(Child, VD, Out);
}

// The function template specialization F is, or is a member of.
static const FunctionDecl *instantiationOf(const FunctionDecl *F) {
  for (const DeclContext *DC = F; DC; DC = DC->getParent())
    if (const auto *FD = dyn_cast<FunctionDecl>(DC);
        FD && isTemplateInstantiation(FD->getTemplateSpecializationKind()))
      return FD;
  return F;
}

void UnsafeIntoInnerCheck::noteInstantiation(const SourceManager &SM) {
  if (!Instantiation)
    return;
  PrintingPolicy Policy(Instantiation->getASTContext().getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  Policy.SuppressInlineNamespace = true;
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  Instantiation->getNameForDiagnostic(OS, Policy, /*Qualified=*/true);
  SourceLocation At = Instantiation->getPointOfInstantiation();
  if (At.isInvalid())
    At = Instantiation->getLocation();
  diag(SM.getExpansionLoc(At), "in the instantiation '%0' requested here",
       DiagnosticIDs::Note)
      << OS.str();
}

// The function outside Released's own implementation that the whole value E
// goes to, by value or by rvalue reference (`ship(std::move(batch))`), if
// any. The runtime (make_guard, AsyncDropGuard's constructor) and Released's
// members and friends know what the value still owns.
static const FunctionDecl *outsideRecipient(const Expr *E,
                                            const BodyParents &Up,
                                            const CXXRecordDecl *Released,
                                            const Expr **Site) {
  const Expr *Child = nullptr;
  DynTypedNode Parent = consumer(E, Up, &Child);
  for (unsigned Depth = 0; Depth < 4; ++Depth) {
    const auto *Move = Parent.get<Expr>();
    if (!Move || !isMoveLike(Move))
      break;
    Parent = consumer(Move, Up, &Child);
  }
  const FunctionDecl *Callee = nullptr;
  llvm::ArrayRef<const Expr *> Args;
  unsigned Shift = 0;
  if (const auto *Call = Parent.get<CallExpr>()) {
    Callee = Call->getDirectCallee();
    Args = llvm::ArrayRef(Call->getArgs(), Call->getNumArgs());
    if (isa<CXXOperatorCallExpr>(Call) &&
        isa_and_nonnull<CXXMethodDecl>(Callee))
      Shift = 1;
    *Site = Call;
  } else if (const auto *Construct = Parent.get<CXXConstructExpr>()) {
    Callee = Construct->getConstructor();
    Args = llvm::ArrayRef(Construct->getArgs(), Construct->getNumArgs());
    *Site = Construct;
  }
  if (!Callee || isInRuntimeNamespace(Callee) ||
      hasClassAccess(Callee, Released))
    return nullptr;
  for (unsigned I = Shift; I < Args.size(); ++I) {
    if (Args[I] != Child || I - Shift >= Callee->getNumParams())
      continue;
    QualType T = Callee->getParamDecl(I - Shift)->getType();
    return T->isLValueReferenceType() ? nullptr : Callee;
  }
  return nullptr;
}

void UnsafeIntoInnerCheck::checkMatch(const MatchFinder::MatchResult &Result) {
  if (Functions.record(Result))
    return;
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  ASTContext &Ctx = *Result.Context;
  const SourceManager &SM = *Result.SourceManager;
  if (!Call)
    return;
  const Expr *Object = nullptr;
  if (!calledMemberName(Call, &Object) || !Object)
    return;
  // Outside every function (a namespace-scope initialiser) nothing is said:
  // whose implementation that is cannot be told without the parent map.
  const Decl *Where = Functions.of(*Call, Ctx);
  SourceLocation Loc = Call->getExprLoc();
  if (const auto *Dependent = dyn_cast<CXXDependentScopeMemberExpr>(
          Call->getCallee()->IgnoreParens()))
    Loc = Dependent->getMemberLoc();
  Loc = SM.getExpansionLoc(Loc);
  // Instantiations are checked too: in a template, `AsyncDropGuard<T>` only
  // says which type it releases once T is known. What the pattern already
  // says is said once (Reported is keyed by the call's location).
  if (!Where || isInRuntimeNamespace(Where) || SM.isInSystemHeader(Loc) ||
      Reported.count(Loc) || Tests.isTestCode(Loc, SM))
    return;
  // `std::move(self)` has no type yet in a template: look through it.
  QualType GuardType = ignoreMoves(Object)->getType().getNonReferenceType();
  if (!Types.isGuard(GuardType))
    return;
  llvm::SmallVector<const CXXRecordDecl *, 2> Owned =
      ownedClasses(GuardType, Types);
  // A guard of a template parameter: which type it is is not known here.
  if (Owned.empty() || !Reported.insert(Loc).second)
    return;
  const CXXRecordDecl *Released = Owned.front();

  Instantiation = isInTemplateInstantiation(Where)
                      ? instantiationOf(dyn_cast<FunctionDecl>(Where))
                      : nullptr;
  if (!hasClassAccess(Where, Released)) {
    diag(Loc, "'%0()' takes the '%1' out of its guard without running its "
              "cleanup; only '%1' itself (its member functions and friends) "
              "may do that")
        << Release << Released->getName();
    noteInstantiation(SM);
    return;
  }
  const auto *Enclosing = dyn_cast<FunctionDecl>(Where);
  for (const DeclContext *DC = Where->getDeclContext(); !Enclosing && DC;
       DC = DC->getParent())
    Enclosing = dyn_cast<FunctionDecl>(DC);
  checkReleasedMembers(Ctx, Call, Loc, Released, Enclosing);
}

void UnsafeIntoInnerCheck::checkReleasedMembers(ASTContext &Ctx,
                                                const Expr *Call,
                                                SourceLocation Loc,
                                                const CXXRecordDecl *Released,
                                                const FunctionDecl *Enclosing) {
  const CXXRecordDecl *Def = classIdentity(Released)->getDefinition();
  if (!Def)
    return;
  llvm::SmallVector<const FieldDecl *, 4> Pending;
  for (const FieldDecl *Field : Def->fields())
    if (isGuardLikeMember(Field->getType(), Types))
      Pending.push_back(Field);
  if (Pending.empty())
    return;
  const FunctionDecl *Recipient = nullptr;
  const Expr *RecipientSite = nullptr;
  auto Discharge = [&Pending](StringRef Name) {
    llvm::erase_if(Pending,
                   [Name](const FieldDecl *F) { return F->getName() == Name; });
  };

  BodyParents Up(Ctx, Enclosing);
  const Expr *Child = nullptr;
  DynTypedNode Parent = consumer(Call, Up, &Child);
  if (const auto *VD = Parent.get<VarDecl>()) {
    // `auto inner = std::move(g).unsafe_into_inner_dont_drop();`: each
    // guard-like member of `inner` must be dropped or moved on somewhere in
    // the function (not path by path), or `inner` as a whole handed on.
    if (isa<DecompositionDecl>(VD) || !VD->hasLocalStorage() || !Enclosing)
      return;
    llvm::SmallVector<const DeclRefExpr *, 8> Refs;
    collectRefsTo(Enclosing->getBody(), VD, Refs);
    for (const DeclRefExpr *Ref : Refs) {
      const Expr *RefChild = nullptr;
      DynTypedNode RefParent = consumer(Ref, Up, &RefChild);
      if (std::optional<StringRef> Member =
              accessedMember(RefParent, RefChild)) {
        if (const auto *Access = RefParent.get<Expr>();
            Access && consumed(Access, Ctx, Up, Flow, Types))
          Discharge(*Member);
      } else if (consumed(Ref, Ctx, Up, Flow, Types)) {
        // The whole value went to another owner: one that knows what it
        // still owns, unless it lies outside the type's implementation.
        Recipient = outsideRecipient(Ref, Up, Released, &RecipientSite);
        if (!Recipient)
          return;
        break;
      }
    }
  } else if (std::optional<StringRef> Member = accessedMember(Parent, Child)) {
    // `std::move(g).unsafe_into_inner_dont_drop().inner_`: the temporary's
    // other members die with it.
    Discharge(*Member);
  } else if (!Parent.get<CompoundStmt>() && !Parent.get<CStyleCastExpr>() &&
             !Parent.get<CXXStaticCastExpr>()) {
    // Returned, passed on, assigned: another owner takes it.
    Recipient = outsideRecipient(Call, Up, Released, &RecipientSite);
    if (!Recipient)
      return;
  }
  if (Pending.empty())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  if (Recipient) {
    // Seed gotcha 5: `ship(std::move(batch))` after releasing it hands the
    // members' cleanup to code that cannot know about it.
    diag(Loc, "the '%0' taken out of its guard here still owns %1, and is "
              "handed to '%2', which is not part of '%0''s implementation "
              "and cannot know that %select{it|they}3 must be dropped")
        << Released->getName() << memberList(Pending) << Recipient->getName()
        << (Pending.size() > 1);
    diag(SM.getExpansionLoc(RecipientSite->getBeginLoc()), "handed over here",
         DiagnosticIDs::Note);
    noteInstantiation(SM);
    return;
  }

  diag(Loc,
       "the '%0' taken out of its guard here still owns %1, which %select{is|"
       "are}2 neither dropped nor handed to another owner")
      << Released->getName() << memberList(Pending) << (Pending.size() > 1);
  for (const FieldDecl *Field : Pending)
    diag(Field->getLocation(), "'%0' declared here", DiagnosticIDs::Note)
        << Field->getName();
  noteInstantiation(SM);
}

std::string
UnsafeIntoInnerCheck::memberList(llvm::ArrayRef<const FieldDecl *> Fields) {
  std::string List;
  for (size_t I = 0; I < Fields.size(); ++I) {
    if (I > 0)
      List += I + 1 == Fields.size() ? " and " : ", ";
    List += "'" + Fields[I]->getNameAsString() + "'";
  }
  return List;
}

} // namespace clang::tidy::asyncdrop
