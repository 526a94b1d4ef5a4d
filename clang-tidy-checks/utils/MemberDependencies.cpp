#include "MemberDependencies.h"

#include "ExprNodes.h"
#include "MemberDrops.h"
#include "OwnedTypes.h"
#include "RuntimeNames.h"
#include "UserCode.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/IgnoreExpr.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::asyncdrop {

namespace {
// One matcher each rather than composed ones (callee(functionDecl(hasName(
// "::asyncdrop::make_guard")))): they run on every call and construction of
// user code, and compare an identifier before anything else.
AST_MATCHER(CallExpr, callsMakeGuard) {
  return isRuntimeEntity(Node.getDirectCallee(), "make_guard");
}
AST_MATCHER(CXXConstructExpr, constructsAGuard) {
  const CXXConstructorDecl *Ctor = Node.getConstructor();
  return Ctor && isRuntimeEntity(Ctor->getParent(), "AsyncDropGuard");
}
AST_MATCHER(CXXConstructExpr, constructsFromScratch) {
  const CXXConstructorDecl *Ctor = Node.getConstructor();
  return Ctor && !Ctor->isImplicit() && !Ctor->isCopyConstructor() &&
         !Ctor->isMoveConstructor();
}
} // namespace

void MemberDependencies::registerMatchers(MatchFinder *Finder,
                                          MatchFinder::MatchCallback *CB) {
  Finder->addMatcher(callExpr(callsMakeGuard()).bind("dep-make-guard"), CB);
  Finder->addMatcher(cxxConstructExpr(constructsAGuard()).bind("dep-in-place"),
                     CB);
  Finder->addMatcher(
      cxxConstructExpr(constructsFromScratch()).bind("dep-construct"), CB);
}

static llvm::SmallVector<const Expr *, 4>
spelledArgs(llvm::ArrayRef<const Expr *> Args) {
  llvm::SmallVector<const Expr *, 4> Out;
  for (const Expr *Arg : Args)
    if (!isa<CXXDefaultArgExpr>(Arg))
      Out.push_back(Arg);
  return Out;
}

// The one constructor of Class that N arguments can call, when there is
// exactly one (make_guard forwards its arguments: overload resolution
// happened inside the runtime, out of sight).
static const CXXConstructorDecl *constructorFor(const CXXRecordDecl *Class,
                                                unsigned N) {
  const CXXConstructorDecl *Found = nullptr;
  for (const CXXConstructorDecl *Ctor : Class->ctors()) {
    if (Ctor->isCopyOrMoveConstructor() || Ctor->isDeleted() ||
        Ctor->getMinRequiredArguments() > N || Ctor->getNumParams() < N)
      continue;
    if (Found)
      return nullptr;
    Found = Ctor;
  }
  return Found;
}

bool MemberDependencies::record(const MatchFinder::MatchResult &Result) {
  const CXXRecordDecl *Class = nullptr;
  const CXXConstructorDecl *Ctor = nullptr;
  llvm::SmallVector<const Expr *, 4> Args;
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("dep-make-guard")) {
    const FunctionDecl *FD = Call->getDirectCallee();
    const TemplateArgumentList *TArgs =
        FD ? FD->getTemplateSpecializationArgs() : nullptr;
    if (!TArgs || TArgs->size() == 0 ||
        TArgs->get(0).getKind() != TemplateArgument::Type)
      return true;
    Class = TArgs->get(0).getAsType()->getAsCXXRecordDecl();
    Args = spelledArgs({Call->getArgs(), Call->getNumArgs()});
  } else if (const auto *CE =
                 Result.Nodes.getNodeAs<CXXConstructExpr>("dep-in-place")) {
    // AsyncDropGuard<T>(std::in_place, where, args...)
    if (CE->getNumArgs() < 2)
      return true;
    const CXXRecordDecl *Tag = CE->getArg(0)->getType()->getAsCXXRecordDecl();
    if (!Tag || !Tag->getIdentifier() || Tag->getName() != "in_place_t")
      return true;
    llvm::SmallVector<const CXXRecordDecl *, 2> Owned =
        ownedClasses(CE->getType(), Types);
    if (Owned.empty())
      return true;
    Class = Owned.front();
    Args = spelledArgs({CE->getArgs() + 2, CE->getNumArgs() - 2});
  } else if (const auto *CE =
                 Result.Nodes.getNodeAs<CXXConstructExpr>("dep-construct")) {
    Ctor = CE->getConstructor();
    Class = Ctor->getParent();
    Args = spelledArgs({CE->getArgs(), CE->getNumArgs()});
  } else {
    return false;
  }
  if (!Class || !Class->hasDefinition())
    return true;
  Class = Class->getDefinition();
  // Only classes with two guard-like members can have an order to keep;
  // most constructions in a translation unit are of other classes.
  auto [Known, Inserted] = Relevant.try_emplace(Class, false);
  if (Inserted) {
    unsigned GuardLike = 0;
    for (const FieldDecl *Field : Class->fields())
      GuardLike += isGuardLikeMember(Field->getType(), Types);
    Known->second = GuardLike >= 2;
  }
  if (!Known->second)
    return true;
  if (!Ctor)
    Ctor = constructorFor(Class, Args.size());
  if (!Ctor)
    return true;
  const auto *Pattern = cast<CXXConstructorDecl>(functionPattern(Ctor));
  Constructions[classIdentity(Class)].push_back({Pattern, std::move(Args)});
  return true;
}

void MemberDependencies::clear() {
  Relevant.clear();
  Constructions.clear();
  Cache.clear();
}

// A one-element ParenListExpr, init list or unresolved construction around
// an initialiser, which dependent code keeps.
static Expr *ignoreSingleElementListStep(Expr *E) {
  if (auto *List = dyn_cast<ParenListExpr>(E); List && List->getNumExprs() == 1)
    return List->getExpr(0);
  if (auto *Init = dyn_cast<InitListExpr>(E); Init && Init->getNumInits() == 1)
    return Init->getInit(0);
  if (auto *Unresolved = dyn_cast<CXXUnresolvedConstructExpr>(E);
      Unresolved && Unresolved->getNumArgs() == 1)
    return Unresolved->getArg(0);
  return E;
}

// The expression an initialiser takes its value from, past moves,
// temporaries and those lists.
static const Expr *unwrapInit(const Expr *E) {
  if (!E)
    return nullptr;
  return IgnoreExprNodes(
      const_cast<Expr *>(E),
      [](Expr *E) { return const_cast<Expr *>(ignoreMoves(E)); },
      ignoreSingleElementListStep);
}

// Whether a value of type T can refer to another object: a reference, a
// pointer, a guard (a handle on a value that may point back), an iterator,
// a view; a class with such a member. Not scalars, nor an AsyncDropArc
// share, which keeps its own ownership; not a class made only of values.
// Unknown (incomplete, dependent) types may.
static bool mayRefer(QualType T, const GuardTypes &Types, unsigned Depth = 0) {
  if (T.isNull() || T->isDependentType() || Depth > 4)
    return true;
  T = T.getCanonicalType();
  if (T->isReferenceType() || T->isPointerType() || T->isMemberPointerType() ||
      T->isBlockPointerType())
    return true;
  if (T->isScalarType() || T->isVoidType())
    return false;
  if (const ArrayType *Array = T->getAsArrayTypeUnsafe())
    return mayRefer(Array->getElementType(), Types, Depth + 1);
  if (isRuntimeEntity(specializedTemplate(T), "AsyncDropArc"))
    return false;
  if (Types.isGuard(T) || GuardTypes::isRuntimeHelper(T))
    return true;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return true;
  RD = RD->getDefinition();
  // The standard library's classes are judged by what they are made of as
  // template arguments (std::string holds chars, std::vector<Db *> pointers),
  // not by their private members (every container holds a pointer).
  if (RD->isInStdNamespace()) {
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
    StringRef Name = RD->getIdentifier() ? RD->getName() : "";
    if (Name.contains("iterator") || Name.contains("view") || Name == "span" ||
        Name == "reference_wrapper" || Name == "shared_ptr" ||
        Name == "weak_ptr" || Name == "function" ||
        Name == "coroutine_handle" || !Spec)
      return Spec ? true : !RD->fields().empty() || RD->getNumBases() > 0;
    for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
      if (Arg.getKind() == TemplateArgument::Type &&
          mayRefer(Arg.getAsType(), Types, Depth + 1))
        return true;
    return false;
  }
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (mayRefer(Base.getType(), Types, Depth + 1))
      return true;
  for (const FieldDecl *Field : RD->fields())
    if (mayRefer(Field->getType(), Types, Depth + 1))
      return true;
  return false;
}

namespace {
/// The members, parameters and locals an initialiser keeps something of:
/// the declarations whose object the initialised value may still refer to
/// (`Cache::open(*db_)`, `db_.get()`, `&db_`, an iterator into it), not
/// those it only reads a value from (`make_guard<Shard>(db_->id())`).
class KeptReferences {
public:
  using Ref = std::pair<const ValueDecl *, SourceLocation>;
  KeptReferences(const GuardTypes &Types, llvm::SmallVectorImpl<Ref> &Out)
      : Types(Types), Out(Out) {}

  /// E's value (or, for a glvalue, its object) may be kept when Kept.
  void visit(const Stmt *S, bool Kept, unsigned Depth = 0) {
    const auto *E = dyn_cast_or_null<Expr>(S);
    if (!S || Depth > 256)
      return;
    if (!E) {
      visitChildren(S, Kept, Depth);
      return;
    }
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
      // Reading a value copies it: only a value that refers keeps its source.
      bool Copy = Cast->getCastKind() == CK_LValueToRValue;
      visit(Cast->getSubExpr(),
            Kept && (!Copy || mayRefer(E->getType(), Types)), Depth + 1);
      return;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts())) {
        if (const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
            Field && Kept)
          Out.push_back({Field, ME->getMemberLoc()});
        return;
      }
      // `x.part` refers into x.
      visit(ME->getBase(), Kept, Depth + 1);
      return;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      if (Kept)
        Out.push_back({DRE->getDecl(), DRE->getLocation()});
      return;
    }
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      // `x.get()` keeps x, `x.id()` does not.
      visit(Call->getImplicitObjectArgument(), Kept && refers(Call), Depth + 1);
      visitArgs(Call->getDirectCallee(), Call->arguments(), 0, Kept, Depth);
      return;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && isa_and_nonnull<CXXMethodDecl>(Op->getDirectCallee()) &&
        Op->getNumArgs() >= 1) {
      // `*guard`, `guard->`, `v[i]`: the object, like a member call.
      visit(Op->getArg(0), Kept && refers(Op), Depth + 1);
      visitArgs(Op->getDirectCallee(), Op->arguments(), 1, Kept, Depth);
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      if (const FunctionDecl *Callee = Call->getDirectCallee()) {
        visitArgs(Callee, Call->arguments(), 0, Kept, Depth);
        return;
      }
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      visitArgs(Construct->getConstructor(), Construct->arguments(), 0, Kept,
                Depth);
      return;
    }
    // Anything else (operators on values, dependent code): conservatively,
    // what the parts keep, the whole keeps.
    visitChildren(S, Kept, Depth);
  }

private:
  // A call's result refers to something: an object (a reference returned),
  // or a value that may refer.
  bool refers(const Expr *Call) const {
    return Call->isGLValue() || mayRefer(Call->getType(), Types);
  }

  void visitChildren(const Stmt *S, bool Kept, unsigned Depth) {
    for (const Stmt *Child : S->children())
      visit(Child, Kept, Depth + 1);
  }

  // An argument is kept through a reference or pointer parameter when it is
  // an object that outlives the call, through a by-value parameter when the
  // value refers to something.
  template <class Range>
  void visitArgs(const FunctionDecl *Callee, Range Args, unsigned Shift,
                 bool Kept, unsigned Depth) {
    unsigned I = 0;
    for (const Expr *Arg : Args) {
      unsigned Index = I++;
      if (Index < Shift || !Arg)
        continue;
      bool ArgKept = Kept;
      const unsigned Param = Index - Shift;
      if (Kept && Callee && Param < Callee->getNumParams()) {
        QualType T = Callee->getParamDecl(Param)->getType();
        if (T->isReferenceType() && !T->isDependentType())
          ArgKept = Arg->isGLValue() &&
                            !isa<MaterializeTemporaryExpr>(Arg->IgnoreParens())
                        ? true
                        : mayRefer(Arg->getType(), Types);
        else if (!T->isDependentType())
          ArgKept = mayRefer(T, Types);
      }
      visit(Arg, ArgKept, Depth + 1);
    }
  }

  const GuardTypes &Types;
  llvm::SmallVectorImpl<Ref> &Out;
};
} // namespace

// The references an initialiser keeps (see KeptReferences).
static void collectRefs(
    const Stmt *S, const GuardTypes &Types,
    llvm::SmallVectorImpl<std::pair<const ValueDecl *, SourceLocation>> &Out) {
  KeptReferences(Types, Out).visit(S, /*Kept=*/true);
}

static llvm::DenseMap<const ParmVarDecl *, const FieldDecl *>
parameterFields(const CXXConstructorDecl *Ctor) {
  llvm::DenseMap<const ParmVarDecl *, const FieldDecl *> Map;
  for (const CXXCtorInitializer *Init : Ctor->inits()) {
    if (!Init->isWritten() || !Init->getMember())
      continue;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(unwrapInit(Init->getInit())))
      if (const auto *Param = dyn_cast<ParmVarDecl>(DRE->getDecl()))
        Map.try_emplace(Param, Init->getMember());
  }
  return Map;
}

namespace {
class Collector {
public:
  Collector(const llvm::DenseSet<const FieldDecl *> &Members,
            std::vector<MemberDependency> &Out, const GuardTypes &Types)
      : Members(Members), Out(Out), Types(Types) {}
  void add(const FieldDecl *Dependent, const FieldDecl *Dependency,
           SourceLocation Loc, std::string Note) {
    if (Dependent == Dependency || !Members.count(Dependent) ||
        !Members.count(Dependency))
      return;
    for (const MemberDependency &D : Out)
      if (D.Dependent == Dependent && D.Dependency == Dependency)
        return;
    Out.push_back({Dependent, Dependency, Loc, std::move(Note)});
  }
  // B's initialiser Init names A directly, or names the parameter that
  // initialises A.
  void fromExpr(
      const FieldDecl *B, const Stmt *Init,
      const llvm::DenseMap<const ParmVarDecl *, const FieldDecl *> &Params) {
    llvm::SmallVector<std::pair<const ValueDecl *, SourceLocation>, 8> Refs;
    collectRefs(Init, Types, Refs);
    for (auto [D, Loc] : Refs) {
      if (const auto *A = dyn_cast<FieldDecl>(D))
        add(B, A, Loc,
            "'" + B->getNameAsString() + "' is initialised from '" +
                A->getNameAsString() + "' here");
      else if (const auto *P = dyn_cast<ParmVarDecl>(D))
        if (const FieldDecl *A = Params.lookup(P))
          add(B, A, Loc,
              "'" + B->getNameAsString() + "' is initialised from '" +
                  P->getNameAsString() + "', which also initialises '" +
                  A->getNameAsString() + "', here");
    }
  }

private:
  const llvm::DenseSet<const FieldDecl *> &Members;
  std::vector<MemberDependency> &Out;
  const GuardTypes &Types;
};
} // namespace

static llvm::DenseSet<const FieldDecl *>
guardLikeFields(const CXXRecordDecl *RD, const GuardTypes &Types) {
  llvm::DenseSet<const FieldDecl *> Fields;
  for (const FieldDecl *Field : RD->fields())
    if (isGuardLikeMember(Field->getType(), Types))
      Fields.insert(Field);
  return Fields;
}

void MemberDependencies::fromInitialisers(const CXXRecordDecl *RD,
                                          std::vector<MemberDependency> &Out) {
  llvm::DenseSet<const FieldDecl *> Members = guardLikeFields(RD, Types);
  Collector C(Members, Out, Types);
  for (const CXXConstructorDecl *Decl : RD->ctors()) {
    const auto *Ctor =
        dyn_cast_or_null<CXXConstructorDecl>(Decl->getDefinition());
    if (!Ctor || Ctor->isImplicit())
      continue;
    auto Params = parameterFields(Ctor);
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten() && Init->getMember())
        C.fromExpr(Init->getMember(), Init->getInit(), Params);
    // `cache_ = Cache::open(*db_);` in the body.
    llvm::SmallVector<const Stmt *, 16> Work{Ctor->getBody()};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S)
        continue;
      const Expr *Lhs = nullptr, *Rhs = nullptr;
      if (const auto *BO = dyn_cast<BinaryOperator>(S);
          BO && BO->getOpcode() == BO_Assign) {
        Lhs = BO->getLHS();
        Rhs = BO->getRHS();
      } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S);
                 OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2) {
        Lhs = OC->getArg(0);
        Rhs = OC->getArg(1);
      }
      if (const FieldDecl *B = Lhs ? thisMember(Lhs) : nullptr)
        C.fromExpr(B, Rhs, Params);
      for (const Stmt *Child : S->children())
        Work.push_back(Child);
    }
  }
  const llvm::DenseMap<const ParmVarDecl *, const FieldDecl *> NoParams;
  for (const FieldDecl *Field : RD->fields())
    if (const Expr *Init = Field->getInClassInitializer())
      C.fromExpr(Field, Init, NoParams);
}

// The locals (and parameters) an argument is built from, through the
// initialisers of the locals it names; each with where it was named.
static void
buildSources(const Expr *Arg, const GuardTypes &Types,
             llvm::DenseMap<const VarDecl *, SourceLocation> &Sources) {
  llvm::SmallVector<const Stmt *, 8> Work{Arg};
  while (!Work.empty()) {
    llvm::SmallVector<std::pair<const ValueDecl *, SourceLocation>, 8> Refs;
    collectRefs(Work.pop_back_val(), Types, Refs);
    for (auto [D, Loc] : Refs) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || !Sources.try_emplace(VD, Loc).second)
        continue;
      if (VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) && VD->getInit())
        Work.push_back(VD->getInit());
    }
  }
}

void MemberDependencies::fromFactories(const CXXRecordDecl *RD,
                                       std::vector<MemberDependency> &Out) {
  auto It = Constructions.find(classIdentity(RD));
  if (It == Constructions.end())
    return;
  llvm::DenseSet<const FieldDecl *> Members = guardLikeFields(RD, Types);
  Collector C(Members, Out, Types);
  for (const Construction &Built : It->second) {
    const auto *Ctor =
        dyn_cast_or_null<CXXConstructorDecl>(Built.Ctor->getDefinition());
    if (!Ctor ||
        Ctor->getParent()->getCanonicalDecl() != RD->getCanonicalDecl())
      continue;
    auto Params = parameterFields(Ctor);
    const unsigned N =
        std::min<unsigned>(Built.Args.size(), Ctor->getNumParams());
    llvm::SmallVector<const FieldDecl *, 4> FieldOf(N);
    llvm::SmallVector<const VarDecl *, 4> VarOf(N);
    for (unsigned I = 0; I < N; ++I) {
      FieldOf[I] = Params.lookup(Ctor->getParamDecl(I));
      if (const auto *DRE = dyn_cast<DeclRefExpr>(ignoreMoves(Built.Args[I])))
        VarOf[I] = dyn_cast<VarDecl>(DRE->getDecl());
    }
    for (unsigned J = 0; J < N; ++J) {
      if (!FieldOf[J])
        continue;
      llvm::DenseMap<const VarDecl *, SourceLocation> Sources;
      buildSources(Built.Args[J], Types, Sources);
      for (unsigned I = 0; I < N; ++I) {
        if (I == J || !FieldOf[I] || !VarOf[I] || VarOf[I] == VarOf[J])
          continue;
        auto Source = Sources.find(VarOf[I]);
        if (Source != Sources.end())
          C.add(FieldOf[J], FieldOf[I], Source->second,
                "the factory builds '" + FieldOf[J]->getNameAsString() +
                    "' from '" + VarOf[I]->getNameAsString() +
                    "', which becomes '" + FieldOf[I]->getNameAsString() +
                    "', here");
      }
    }
  }
}

// Whether a member of type T refers to class Target: a reference or a
// pointer to it, a guard or helper owning it, or a template over one of
// those (std::reference_wrapper<Db>, std::shared_ptr<Db>).
static bool refersTo(QualType T, const CXXRecordDecl *Target,
                     const GuardTypes &Types, unsigned Depth = 0) {
  if (T.isNull() || Depth > 2)
    return false;
  if (T->isReferenceType() || T->isPointerType())
    T = T->getPointeeType();
  if (Types.isGuard(T) || GuardTypes::isRuntimeHelper(T)) {
    for (const CXXRecordDecl *Owned : ownedClasses(T, Types))
      if (classIdentity(Owned) == Target)
        return true;
    return false;
  }
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl()) {
    if (classIdentity(RD) == Target)
      return true;
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
        if (Arg.getKind() == TemplateArgument::Type &&
            refersTo(Arg.getAsType(), Target, Types, Depth + 1))
          return true;
  }
  return false;
}

void MemberDependencies::fromStoredReferences(
    const CXXRecordDecl *RD, std::vector<MemberDependency> &Out) {
  llvm::DenseSet<const FieldDecl *> Members = guardLikeFields(RD, Types);
  Collector C(Members, Out, Types);
  for (const FieldDecl *B : RD->fields()) {
    if (!Members.count(B))
      continue;
    for (const CXXRecordDecl *OwnedB : ownedClasses(B->getType(), Types)) {
      const CXXRecordDecl *Def = OwnedB->getDefinition();
      if (!Def)
        Def = classIdentity(OwnedB)->getDefinition();
      if (!Def)
        continue;
      for (const FieldDecl *A : RD->fields()) {
        if (A == B || !Members.count(A))
          continue;
        for (const CXXRecordDecl *OwnedA : ownedClasses(A->getType(), Types)) {
          const CXXRecordDecl *Target = classIdentity(OwnedA);
          if (Target == classIdentity(OwnedB))
            continue;
          // A member of B's own type that holds A's type *by value* is
          // another object: only references, pointers and guards count.
          for (const FieldDecl *Inner : Def->fields()) {
            QualType T = Inner->getType();
            bool ByValue = !T->isReferenceType() && !T->isPointerType() &&
                           T->getAsCXXRecordDecl() &&
                           classIdentity(T->getAsCXXRecordDecl()) == Target;
            if (!ByValue && refersTo(T, Target, Types))
              C.add(B, A, Inner->getLocation(),
                    "'" + OwnedB->getNameAsString() + "' refers to '" +
                        OwnedA->getNameAsString() + "' through '" +
                        Inner->getNameAsString() + "' here");
          }
        }
      }
    }
  }
}

const std::vector<MemberDependency> &
MemberDependencies::of(const CXXRecordDecl *RD) {
  const CXXRecordDecl *Key = classIdentity(RD);
  auto It = Cache.find(Key);
  if (It != Cache.end())
    return It->second;
  std::vector<MemberDependency> Deps;
  if (const CXXRecordDecl *Def = Key->getDefinition()) {
    fromInitialisers(Def, Deps);
    fromFactories(Def, Deps);
    fromStoredReferences(Def, Deps);
  }
  return Cache[Key] = std::move(Deps);
}

const MemberDependency *MemberDependencies::find(const CXXRecordDecl *RD,
                                                 const FieldDecl *Dependent,
                                                 const FieldDecl *Dependency) {
  for (const MemberDependency &D : of(RD))
    if (D.Dependent == Dependent && D.Dependency == Dependency)
      return &D;
  return nullptr;
}

bool MemberDependencies::dependsTransitively(const CXXRecordDecl *RD,
                                             const FieldDecl *Dependent,
                                             const FieldDecl *Dependency) {
  const std::vector<MemberDependency> &Edges = of(RD);
  llvm::SmallVector<const FieldDecl *, 8> Work{Dependent};
  llvm::DenseSet<const FieldDecl *> Seen{Dependent};
  while (!Work.empty()) {
    const FieldDecl *From = Work.pop_back_val();
    for (const MemberDependency &D : Edges) {
      if (D.Dependent != From)
        continue;
      if (D.Dependency == Dependency)
        return true;
      if (Seen.insert(D.Dependency).second)
        Work.push_back(D.Dependency);
    }
  }
  return false;
}

} // namespace clang::tidy::asyncdrop
