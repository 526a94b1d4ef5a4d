// GuardFlow, part 1: from a function definition to its CFG and, per block,
// the ordered list of events that touch a tracked entity.

#include "ExprNodes.h"
#include "GuardFlowModel.h"
#include "RuntimeNames.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/IgnoreExpr.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/StmtVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::asyncdrop::flow_detail {

static bool isStdFunction(const FunctionDecl *FD, llvm::StringRef Name) {
  return FD && FD->getIdentifier() && FD->getName() == Name &&
         FD->isInStdNamespace();
}

// The implicit conversions that leave the object an expression names as it
// is: adding const, and derived to base (a guard reached through its base).
static Expr *ignoreSameObjectConversion(Expr *E) {
  if (auto *ICE = dyn_cast<ImplicitCastExpr>(E))
    switch (ICE->getCastKind()) {
    case CK_NoOp:
    case CK_DerivedToBase:
    case CK_UncheckedDerivedToBase:
      return ICE->getSubExpr();
    default:
      break;
    }
  return E;
}

static Expr *ignoreTemporaryWrapper(Expr *E) {
  if (auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    return MTE->getSubExpr();
  if (auto *Full = dyn_cast<FullExpr>(E))
    return Full->getSubExpr();
  return E;
}

// `std::move(g)` and its kin (ExprNodes.h: the one definition of a move).
static Expr *ignoreMove(Expr *E) {
  if (const Expr *Operand = movedOperand(E))
    return const_cast<Expr *>(Operand);
  return E;
}

const Expr *stripToObject(const Expr *E) {
  if (!E)
    return nullptr;
  return IgnoreExprNodes(E, IgnoreParensSingleStep, ignoreSameObjectConversion,
                         ignoreTemporaryWrapper, ignoreMove);
}

// A call that never returns and whose callee's name says it throws:
// `std::rethrow_exception(e)`, `std::throw_with_nested(e)`,
// `boost::throw_exception(e)`, a project's `[[noreturn]] throw_error(...)`.
// (Other noreturn calls, such as abort(), end the path without an exit.)
bool throwingCall(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->isNoReturn() || !Callee->getIdentifier())
    return false;
  return Callee->getName().contains_insensitive("throw");
}

static bool isGtestAlwaysTrue(const FunctionDecl *Callee) {
  return Callee && Callee->getIdentifier() &&
         Callee->getName() == "AlwaysTrue" &&
         Callee->getQualifiedNameAsString() == "testing::internal::AlwaysTrue";
}

static const FunctionProtoType *protoOf(const CallExpr *Call) {
  const Expr *Callee = Call->getCallee();
  if (!Callee)
    return nullptr;
  QualType T = Callee->getType();
  if (const auto *PT = T->getAs<PointerType>())
    T = PT->getPointeeType();
  else if (const auto *RT = T->getAs<ReferenceType>())
    T = RT->getPointeeType();
  return T->getAs<FunctionProtoType>();
}

bool FunctionModel::isDropName(llvm::StringRef Name) const {
  for (const std::string &D : Flow.types().dropMethods())
    if (Name == D)
      return true;
  for (const std::string &D : Opts.ExtraDropMethods)
    if (Name == D)
      return true;
  return false;
}

const GuardRule *FunctionModel::ruleOf(unsigned E) const {
  const FlowEntity &Ent = Entities[E];
  if (Ent.isDropTask() || !Ent.Decl)
    return nullptr;
  return Flow.types().ruleFor(
      Ent.Decl->getType().getNonReferenceType().getUnqualifiedType());
}

bool FunctionModel::isFreeDropCall(const CallExpr *Call) const {
  if (isa<CXXMemberCallExpr>(Call))
    return false;
  llvm::StringRef Name = GuardTypes::calleeName(Call);
  if (Name.empty())
    return false;
  for (const Expr *Arg : GuardTypes::calleeArgs(Call)) {
    const GuardRule *Rule = Flow.types().ruleFor(stripToObject(Arg)
                                                     ->getType()
                                                     .getNonReferenceType()
                                                     .getUnqualifiedType());
    if (Rule && llvm::is_contained(Rule->DropFunctions, Name))
      return true;
  }
  return false;
}

bool FunctionModel::build() {
  if (!F || F->isDependentContext() || F->isInvalidDecl() ||
      !F->doesThisDeclarationHaveABody() || F->isDefaulted())
    return false;
  const Stmt *Whole = F->getBody();
  if (!Whole || GuardFlow::hasErrors(Ctx, F))
    return false;
  Body = Whole;
  // The CFG of a whole CoroutineBodyStmt would drag in the promise, the
  // initial/final suspends and the exception handler; the user-written body
  // is what the analysis needs, and clang 19's CFG builder treats its
  // `co_return` like `return`: the promise call, then the scope's implicit
  // destructors, then an edge to EXIT (checked with debug.DumpCFG).
  if (const auto *Coro = dyn_cast<CoroutineBodyStmt>(Whole)) {
    IsCoroutine = true;
    Body = Coro->getBody();
  }
  CFG::BuildOptions BO;
  BO.AddImplicitDtors = true;
  BO.AddTemporaryDtors = true;
  BO.PruneTriviallyFalseEdges = true;
  // A constructor's mem-initializers (`: conn_(std::move(c))`) move its
  // by-value parameters.
  BO.AddInitializers = true;
  BO.AddCXXDefaultInitExprInCtors = true;
  // Every subexpression becomes an element, so that events are seen in
  // evaluation order, whatever statement kind they are nested in.
  BO.setAllAlwaysAdd();
  Cfg = CFG::buildCFG(F, const_cast<Stmt *>(Body), &Ctx, BO);
  if (!Cfg)
    return false;
  for (auto It = Cfg->synthetic_stmt_begin(), E = Cfg->synthetic_stmt_end();
       It != E; ++It)
    Synthetic[It->first] = It->second;
  Parents.build(Body);
  return true;
}

void FunctionModel::addEntity(const FlowEntity &E) {
  if (!E.Decl || Index.count(E.Decl))
    return;
  Index[E.Decl] = Entities.size();
  Entities.push_back(E);
}

// No initialiser, `{}`, or a default constructor call: the value a
// default-constructed member or stream starts with, which owns nothing.
static bool isDefaultConstruction(const Expr *Init) {
  if (!Init)
    return true;
  Init = Init->IgnoreImplicit();
  if (const auto *List = dyn_cast<InitListExpr>(Init))
    return List->getNumInits() == 0;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Init))
    return CE->getConstructor() &&
           CE->getConstructor()->isDefaultConstructor() &&
           llvm::all_of(CE->arguments(), [](const Expr *A) {
             return isa<CXXDefaultArgExpr>(A);
           });
  return false;
}

// Whether a member's initial value in a constructor is an empty one (a
// configured scope type), so that assigning over it destroys nothing worth
// dropping.
static bool startsEmpty(const CXXConstructorDecl *Ctor, const FieldDecl *FD) {
  const Expr *Init = nullptr;
  for (const CXXCtorInitializer *I : Ctor->inits())
    if (I->getMember() == FD)
      Init = I->getInit();
  if (const auto *Default = dyn_cast_or_null<CXXDefaultInitExpr>(Init))
    Init = Default->getExpr();
  return isDefaultConstruction(Init);
}

// In a member function, the class's own members of an owner type are
// followed for uses after a drop and assignments over an undropped value.
// They are not owed a drop at each exit (only async_drop_impl() must drop
// them: asyncdrop-missing-member-delegation's rule).
void FunctionModel::addMemberEntities(const CXXMethodDecl *MD) {
  const CXXRecordDecl *RD = MD->getParent();
  if (MD->isStatic() || !RD || RD->isLambda() || !RD->hasDefinition())
    return;
  const auto *Ctor = dyn_cast<CXXConstructorDecl>(MD);
  for (const FieldDecl *FD : RD->fields()) {
    if (!Flow.types().isOwner(FD->getType()))
      continue;
    addEntity(FlowEntity::member(FD));
    if (!Ctor || !startsEmpty(Ctor, FD))
      OwnedMembers.push_back(Index[FD]);
  }
}

// Each variable of each declaration the CFG evaluates (its synthetic
// one-variable DeclStmts for `G a, b;` included), with that DeclStmt.
template <class Visitor>
void FunctionModel::forEachDeclaredVar(Visitor Visit) const {
  for (const CFGBlock *B : *Cfg)
    for (const CFGElement &El : *B) {
      auto S = El.getAs<CFGStmt>();
      const auto *DS = S ? dyn_cast<DeclStmt>(S->getStmt()) : nullptr;
      if (!DS)
        continue;
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          Visit(VD, DS);
    }
}

void FunctionModel::discoverGuards(bool WithReferenceParams) {
  const GuardTypes &Types = Flow.types();
  for (const ParmVarDecl *P : F->parameters()) {
    QualType T = P->getType();
    if (Types.isOwner(T))
      addEntity(FlowEntity::var(P));
    else if (WithReferenceParams && T->isLValueReferenceType() &&
             !T->getPointeeType().isConstQualified() &&
             Types.isOwner(T->getPointeeType().getUnqualifiedType()))
      addEntity(FlowEntity::var(P));
  }
  if (const auto *MD = dyn_cast<CXXMethodDecl>(F)) {
    // A lambda owns what it captured by value: its call operator starts
    // with each such capture owned, like a by-value parameter. (Guards are
    // move-only, so only an init capture `[c = std::move(c)]` can hold one.)
    if (const CXXRecordDecl *RD = MD->getParent(); RD && RD->isLambda()) {
      for (const LambdaCapture &C : RD->captures())
        if (C.capturesVariable())
          if (const auto *V = dyn_cast<VarDecl>(C.getCapturedVar());
              V && V->isInitCapture() && Types.isOwner(V->getType()))
            addEntity(FlowEntity::capture(V));
    } else {
      addMemberEntities(MD);
    }
  }
  forEachDeclaredVar([&](const VarDecl *VD, const DeclStmt *) {
    if (!VD->hasLocalStorage() || VD->isInitCapture() || isa<ParmVarDecl>(VD))
      return;
    QualType T = VD->getType();
    if (const auto *DD = dyn_cast<DecompositionDecl>(VD)) {
      // `auto [a, b] = open_pair();`: the hidden variable holds the
      // elements; each binding of an owner type is one to follow, and
      // goes with the hidden variable. `auto &[a, b] = p;` owns nothing.
      if (T->isReferenceType())
        return;
      for (const BindingDecl *BD : DD->bindings())
        if (Types.isOwner(
                BD->getType().getNonReferenceType().getUnqualifiedType())) {
          addEntity(FlowEntity::binding(BD));
          BindingOwner[BD] = DD;
          Bindings[DD].push_back(Index[BD]);
        }
      return;
    }
    if (Types.isOwner(T)) {
      addEntity(FlowEntity::var(VD));
    } else if (T->isReferenceType() &&
               Types.isOwner(T->getPointeeType().getUnqualifiedType())) {
      // `const auto &g = make_guard<X>();` extends the temporary's
      // lifetime to g's scope: it is a local in all but name.
      // (IgnoreParenImpCasts would skip the MaterializeTemporaryExpr.)
      const Expr *Init = VD->getInit();
      if (const auto *Full = dyn_cast_or_null<FullExpr>(Init))
        Init = Full->getSubExpr();
      while (const auto *ICE = dyn_cast_or_null<ImplicitCastExpr>(Init))
        Init = ICE->getSubExpr();
      const auto *MTE = dyn_cast_or_null<MaterializeTemporaryExpr>(Init);
      if (MTE && MTE->getExtendingDecl() == VD)
        addEntity(FlowEntity::var(VD));
    }
  });
  discoverDropTasks();
}

// The call an initialiser is, through what only materialises its value.
static const Expr *initCall(const Expr *Init) {
  while (Init) {
    if (const auto *Full = dyn_cast<FullExpr>(Init))
      Init = Full->getSubExpr();
    else if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(Init))
      Init = BTE->getSubExpr();
    else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(Init))
      Init = MTE->getSubExpr();
    else if (const auto *ICE = dyn_cast<ImplicitCastExpr>(Init))
      Init = ICE->getSubExpr();
    else
      break;
  }
  return isa_and_nonnull<CallExpr>(Init) ? Init : nullptr;
}

bool FunctionModel::isDropMethodCall(const CXXMemberCallExpr *MC) const {
  const CXXMethodDecl *MD = MC->getMethodDecl();
  if (!MD || !MD->getIdentifier())
    return false;
  // A guard type's own drop methods (GuardRule::DropMethods): a profile's
  // scope is joined by its join(), whatever DropMethods says.
  if (const GuardRule *Rule = Flow.types().ruleFor(MD->getParent());
      Rule && !Rule->Profile.empty())
    return llvm::is_contained(Rule->DropMethods, MD->getName()) ||
           llvm::is_contained(Opts.ExtraDropMethods, MD->getName());
  if (isDropName(MD->getName()))
    return true;
  // The runtime's owners are released with async_drop() whatever the
  // DropMethods option names for configured guards.
  return MD->getName() == "async_drop" && MD->getParent() &&
         GuardTypes::isRuntimeOwner(
             QualType(MD->getParent()->getTypeForDecl(), 0));
}

bool FunctionModel::isDropTaskCall(const Expr *E) const {
  const auto *Call = dyn_cast_or_null<CallExpr>(E);
  if (!Call || Call->getType()->isVoidType())
    return false;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (!isDropMethodCall(MC) || !MD)
      return false;
    // A drop method of an owner, or a named one on a tracked entity
    // (ExtraDropMethods such as async_drop_impl() on a member).
    return Flow.types().isGuardClass(MD->getParent()) ||
           GuardTypes::isRuntimeOwner(
               QualType(MD->getParent()->getTypeForDecl(), 0)) ||
           entityOf(MC->getImplicitObjectArgument());
  }
  if (isFreeDropCall(Call))
    return true;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return false;
  if (isRuntimeEntity(Callee, "drop_all"))
    return true;
  return llvm::any_of(Callee->parameters(), hasDropsAnnotation);
}

// `auto t = g.async_drop();` (or drop_all, or a helper with an
// ASYNCDROP_DROPS parameter) makes a lazy task: nothing is dropped until it
// is awaited, so the task is followed like a guard of its own.
void FunctionModel::discoverDropTasks() {
  if (TasksDiscovered)
    return;
  TasksDiscovered = true;
  forEachDeclaredVar([&](const VarDecl *VD, const DeclStmt *) {
    if (!VD->hasLocalStorage() || isa<ParmVarDecl>(VD) ||
        VD->getType()->isReferenceType() || Index.count(VD))
      return;
    const Expr *Call = initCall(VD->getInit());
    if (!Call || !isDropTaskCall(Call))
      return;
    addEntity(FlowEntity::dropTask(VD));
    TaskCall[Index[VD]] = Call;
  });
}

std::optional<unsigned> FunctionModel::entityOfDecl(const Decl *D) const {
  for (unsigned Step = 0; D && Step < 8; ++Step) {
    if (auto It = Index.find(D); It != Index.end())
      return It->second;
    const auto *VD = dyn_cast<VarDecl>(D);
    auto Alias = VD ? Aliases.find(VD) : Aliases.end();
    if (Alias == Aliases.end())
      return std::nullopt;
    D = Alias->second;
  }
  return std::nullopt;
}

std::optional<unsigned> FunctionModel::entityOf(const Expr *E) const {
  if (!E)
    return std::nullopt;
  E = stripToObject(E);
  // `r.value()` is the guard an AsyncDropResult holds: dropping it, moving
  // it out or using it is dropping, emptying or using the result.
  for (unsigned Step = 0; Step < 4; ++Step) {
    const auto *MC = dyn_cast<CXXMemberCallExpr>(E);
    const CXXMethodDecl *MD = MC ? MC->getMethodDecl() : nullptr;
    if (!MD || !MD->getIdentifier() || MD->getName() != "value" ||
        MC->getNumArgs() != 0 ||
        !MD->getReturnType()->isLValueReferenceType() ||
        !isRuntimeEntity(MD->getParent(), "AsyncDropResult"))
      break;
    E = stripToObject(MC->getImplicitObjectArgument());
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return entityOfDecl(DRE->getDecl());
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
      return entityOfDecl(ME->getMemberDecl());
  return std::nullopt;
}

const Stmt *FunctionModel::original(const Stmt *S) const {
  auto It = Synthetic.find(S);
  return It == Synthetic.end() ? S : It->second;
}

bool FunctionModel::isInside(const Stmt *S, const Stmt *Ancestor) const {
  for (; S; S = parent(S))
    if (S == Ancestor)
      return true;
  return false;
}

// Whether F's body may start work in the scope its parameter P refers to:
// a spawn member called on it, a spawn function given it (or its token), or
// P handed on by reference to another function (which may).
static bool maySpawnInto(const FunctionDecl *F, unsigned Param,
                         const GuardRule &Rule) {
  const FunctionDecl *Def = nullptr;
  const Stmt *Body = F->getBody(Def);
  if (!Body || !Def || Param >= Def->getNumParams())
    return true;
  const ParmVarDecl *P = Def->getParamDecl(Param);
  auto NamesP = [P](const Expr *E) {
    const auto *DRE = dyn_cast_or_null<DeclRefExpr>(stripToObject(E));
    return DRE && DRE->getDecl() == P;
  };
  return anyStmtIn(Body, [&](const Stmt *S) {
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
      const CXXMethodDecl *MD = MC->getMethodDecl();
      return MD && MD->getIdentifier() &&
             NamesP(MC->getImplicitObjectArgument()) &&
             llvm::is_contained(Rule.SpawnMethods, MD->getName());
    }
    if (const auto *Call = dyn_cast<CallExpr>(S))
      for (const Expr *Arg : GuardTypes::calleeArgs(Call)) {
        const Expr *Object = stripToObject(Arg);
        if (const auto *Token = dyn_cast<CXXMemberCallExpr>(Object))
          Object = Token->getImplicitObjectArgument();
        if (NamesP(Object))
          return true; // a spawn function, or handed on
      }
    return false;
  });
}

void FunctionModel::argEvents(const FunctionDecl *Callee,
                              const FunctionProtoType *Proto,
                              llvm::ArrayRef<const Expr *> Args,
                              unsigned FirstParam, const Stmt *Site,
                              llvm::SmallVectorImpl<Event> &Out) {
  for (unsigned I = 0; I < Args.size(); ++I) {
    if (isa<CXXDefaultArgExpr>(Args[I]))
      continue;
    std::optional<unsigned> E = entityOf(Args[I]);
    if (!E)
      continue;
    unsigned PI = FirstParam + I;
    const ParmVarDecl *PVD = nullptr;
    QualType PT;
    if (Callee && PI < Callee->getNumParams()) {
      PVD = Callee->getParamDecl(PI);
      PT = PVD->getType();
    } else if (Proto && PI < Proto->getNumParams()) {
      PT = Proto->getParamType(PI);
    }
    if (PT.isNull())
      continue; // C variadic: nothing sensible to say
    const GuardRule *Rule = ruleOf(*E);
    if (PT->isRValueReferenceType()) {
      Out.push_back({Ev::MoveOut, *E, Site});
    } else if (PT->isLValueReferenceType()) {
      if (PT->getPointeeType().isConstQualified())
        continue;
      if (Rule && Rule->NonMovable) {
        // A reference to a value that cannot be moved never takes it over:
        // the caller still owns it, unless the callee drops it. A scope
        // owed a join once work was spawned is owed one after a callee that
        // may spawn into it (one whose body is not in sight, too: a scope
        // is handed on by non-const reference to have work added).
        if ((PVD && hasDropsAnnotation(PVD)) ||
            (Callee &&
             Flow.calleeParamEffect(Ctx, Callee, PI) == ParamEffect::Drops))
          Out.push_back({Ev::Drop, *E, Site});
        else if (Rule->OwedOnlyAfterSpawn &&
                 (!Callee || maySpawnInto(Callee, PI, *Rule)))
          Out.push_back({Ev::Arm, *E, Site});
        continue;
      }
      if (PVD && hasDropsAnnotation(PVD)) {
        Out.push_back({Ev::Drop, *E, Site});
      } else if (Callee) {
        ParamEffect Effect = Flow.calleeParamEffect(Ctx, Callee, PI);
        if (Effect == ParamEffect::Drops)
          Out.push_back({Ev::Drop, *E, Site});
        else if (Effect == ParamEffect::Consumes)
          Out.push_back({Ev::MoveOut, *E, Site});
        else if (Effect == ParamEffect::Unknown)
          Out.push_back({Ev::Escape, *E, Site});
      }
    } else if (PT->isRecordType()) {
      Out.push_back({Ev::MoveOut, *E, Site});
    }
  }
}

// `G b = std::move(a);` with both tracked: b takes over a's state (a dropped
// guard moved into b is still dropped), instead of a move out plus a fresh
// owner.
bool FunctionModel::initialisesEntity(const CXXConstructExpr *CE) const {
  if (!CE->getConstructor() || !CE->getConstructor()->isMoveConstructor() ||
      CE->getNumArgs() != 1 || !entityOf(CE->getArg(0)))
    return false;
  const Stmt *P = parent(CE);
  while (P && isa<FullExpr, ImplicitCastExpr, ParenExpr>(P))
    P = parent(P);
  const auto *DS = dyn_cast_or_null<DeclStmt>(P);
  if (!DS)
    return false;
  for (const Decl *D : DS->decls())
    if (const auto *VD = dyn_cast<VarDecl>(D))
      if (VD->getInit() && VD->getInit()->IgnoreImplicit() == CE &&
          Index.count(VD))
        return true;
  return false;
}

// Whether evaluating S may throw, for the states a catch handler starts
// from. Drop calls only create a lazy task; their failure surfaces at the
// co_await, which is a throwing point of its own.
bool FunctionModel::mayThrow(const Stmt *S) const {
  if (isa<CoroutineSuspendExpr, CXXNewExpr>(S))
    return true;
  const FunctionProtoType *Proto = nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
        MC && isDropMethodCall(MC))
      return false;
    // gtest's `if (::testing::internal::AlwaysTrue()) { statement; }` (in
    // EXPECT_THROW and friends) only throws to keep compilers from seeing
    // through it; it returns true.
    if (isGtestAlwaysTrue(Callee))
      return false;
    Proto =
        Callee ? Callee->getType()->getAs<FunctionProtoType>() : protoOf(Call);
  } else if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (!Ctor || Ctor->isTrivial())
      return false;
    Proto = Ctor->getType()->getAs<FunctionProtoType>();
  } else {
    return false;
  }
  return !Proto || !Proto->isNothrow();
}

// A member of a runtime owner that asks about its state rather than using
// its value: still meaningful after a drop (AsyncDropResult keeps its error,
// an AsyncDropArc knows it was dropped).
static bool isRuntimeOwnerQuery(const CXXMethodDecl *MD) {
  if (isa<CXXConversionDecl>(MD))
    return MD->getReturnType()->isBooleanType();
  if (!MD->getIdentifier())
    return false;
  // An AsyncDropHashMap stays usable after a drop (values can be inserted
  // again); value() hands out the guard, whose own state tells.
  if (isRuntimeEntity(MD->getParent(), "AsyncDropHashMap"))
    return true;
  return llvm::is_contained(
      {llvm::StringRef("is_dropped"), llvm::StringRef("has_value"),
       llvm::StringRef("error"), llvm::StringRef("value"),
       llvm::StringRef("strong_count"), llvm::StringRef("is_ready"),
       llvm::StringRef("is_locked"), llvm::StringRef("try_lock")},
      MD->getName());
}

// An AsyncDropResult made from an error (`Unexpected(e)`) owns nothing.
static bool holdsError(const Expr *E) {
  for (unsigned Step = 0; E && Step < 8; ++Step) {
    E = E->IgnoreImplicit();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    const auto *CE = dyn_cast<CXXConstructExpr>(E);
    if (!CE || CE->getNumArgs() != 1 || !CE->getConstructor())
      return false;
    QualType Param =
        CE->getConstructor()->getParamDecl(0)->getType().getNonReferenceType();
    if (isRuntimeEntity(specializedTemplate(Param), "Unexpected"))
      return GuardTypes::isRuntimeOwner(CE->getType());
    if (!CE->getConstructor()->isMoveConstructor())
      return false;
    E = CE->getArg(0); // AsyncDropResult<T, E>(Unexpected(...)) moved in
  }
  return false;
}

// What becomes of a call's value: only a drop task that is awaited (or
// handed on to someone who will await it) drops anything.
namespace {
enum class TaskUse {
  HandedOn,  ///< awaited, returned, an argument, part of a larger expression
  Discarded, ///< an expression statement, or cast to void
  Stored,    ///< the initialiser of a DropTask entity
};
} // namespace

// Turns one CFG element into the events it causes, in evaluation order.
class EventClassifier : public ConstStmtVisitor<EventClassifier> {
public:
  EventClassifier(FunctionModel &M, llvm::SmallVectorImpl<Event> &Out,
                  bool ForTask = false)
      : M(M), Out(Out), ForTask(ForTask) {}

  void VisitDeclStmt(const DeclStmt *DS);
  void VisitUnaryOperator(const UnaryOperator *UO);
  void VisitCXXMemberCallExpr(const CXXMemberCallExpr *MC);
  void VisitCXXOperatorCallExpr(const CXXOperatorCallExpr *OC);
  void VisitCallExpr(const CallExpr *Call);
  void VisitCXXConstructExpr(const CXXConstructExpr *CE);
  void VisitReturnStmt(const ReturnStmt *RS);
  void VisitCoreturnStmt(const CoreturnStmt *CR);
  void VisitCoawaitExpr(const CoawaitExpr *CA);
  void VisitLambdaExpr(const LambdaExpr *L);
  void VisitCXXThisExpr(const CXXThisExpr *This);
  void VisitCXXThrowExpr(const CXXThrowExpr *T);

private:
  void emit(Ev K, unsigned E, const Stmt *S, unsigned From = ~0u);
  void args(const FunctionDecl *Callee, const FunctionProtoType *Proto,
            llvm::ArrayRef<const Expr *> Args, const Stmt *Site);
  void lazyDrops(const CallExpr *Call, size_t FirstEvent);
  void scopeFunctionEvents(const CallExpr *Call, size_t FirstEvent);
  void spawnEvents(unsigned E, const GuardRule &Rule, const Stmt *S);
  TaskUse taskUse(const Expr *Call) const;
  void membersEscape(const Stmt *S);

  FunctionModel &M;
  llvm::SmallVectorImpl<Event> &Out;
  // Collecting what a stored drop task will drop when it is awaited.
  bool ForTask;
};

void EventClassifier::emit(Ev K, unsigned E, const Stmt *S, unsigned From) {
  Out.push_back({K, E, S, From});
  if (!M.Entities[E].isDropTask())
    return;
  // Awaiting a drop task (or handing it on to be awaited) is the drop of
  // what it drops; letting it escape loses those too.
  Ev Then = K == Ev::Escape ? Ev::Escape : Ev::Drop;
  if (K != Ev::Drop && K != Ev::MoveOut && K != Ev::Escape)
    return;
  auto It = M.TaskGuards.find(E);
  if (It != M.TaskGuards.end())
    for (unsigned G : It->second)
      Out.push_back({Then, G, S});
}

void EventClassifier::args(const FunctionDecl *Callee,
                           const FunctionProtoType *Proto,
                           llvm::ArrayRef<const Expr *> Args,
                           const Stmt *Site) {
  size_t First = Out.size();
  M.argEvents(Callee, Proto, Args, 0, Site, Out);
  // argEvents pushes plain events: expand those on drop tasks.
  llvm::SmallVector<Event, 4> Raw(Out.begin() + First, Out.end());
  Out.resize(First);
  for (const Event &Ev : Raw)
    emit(Ev.K, Ev.Entity, Ev.S, Ev.From);
}

TaskUse EventClassifier::taskUse(const Expr *Call) const {
  const Stmt *Child = Call;
  const Stmt *P = M.parent(Child);
  while (P && isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
                  CXXBindTemporaryExpr, FullExpr>(P)) {
    Child = P;
    P = M.parent(P);
  }
  if (!P)
    return TaskUse::HandedOn;
  if (const auto *DS = dyn_cast<DeclStmt>(P)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit() == Child)
        if (auto E = M.entityOfDecl(VD); E && M.Entities[*E].isDropTask())
          return TaskUse::Stored;
    return TaskUse::HandedOn;
  }
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(P))
    return Cast->getCastKind() == CK_ToVoid ? TaskUse::Discarded
                                            : TaskUse::HandedOn;
  if (isa<Expr, ReturnStmt, CoreturnStmt>(P))
    return TaskUse::HandedOn;
  return TaskUse::Discarded; // a statement of its own
}

// A drop call only creates a lazy task: it drops once awaited. Discarded,
// it drops nothing (asyncdrop-unawaited-async-drop says so at the call);
// stored, the task's own events drop its guards when it is awaited.
// A coroutine's return object (a class with a promise_type): calling a
// coroutine that returns one runs nothing until it is awaited.
static bool isCoroutineType(QualType T) {
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  auto &Idents = RD->getASTContext().Idents;
  return !RD->getDefinition()->lookup(&Idents.get("promise_type")).empty();
}

void EventClassifier::lazyDrops(const CallExpr *Call, size_t FirstEvent) {
  if (ForTask || Call->getType()->isVoidType() ||
      !Call->getType()->isRecordType())
    return;
  // A drop method's or drop_all's result is always a lazy task (or an
  // awaiter for a configured type); another call that drops (an
  // ASYNCDROP_DROPS parameter, a summary) only when it returns a coroutine
  // type: `Status close(G &g)` has dropped by the time it returns.
  const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
  bool DropCall = (MC && M.isDropMethodCall(MC)) ||
                  isRuntimeEntity(Call->getDirectCallee(), "drop_all") ||
                  M.isFreeDropCall(Call);
  if (!DropCall && !isCoroutineType(Call->getType()))
    return;
  bool HasDrop = false;
  for (size_t I = FirstEvent; I < Out.size(); ++I)
    HasDrop |= Out[I].K == Ev::Drop;
  if (!HasDrop || taskUse(Call) == TaskUse::HandedOn)
    return;
  Out.erase(std::remove_if(Out.begin() + FirstEvent, Out.end(),
                           [](const Event &Ev) { return Ev.K == Ev::Drop; }),
            Out.end());
}

void EventClassifier::membersEscape(const Stmt *S) {
  for (unsigned E = 0; E < M.Entities.size(); ++E)
    if (M.Entities[E].isMember())
      Out.push_back({Ev::Escape, E, S});
}

// Work started in a scope: a use (after a drop, unless the scope may be
// reused), and for a scope that owes its drop only once work was started,
// the start of that obligation.
void EventClassifier::spawnEvents(unsigned E, const GuardRule &Rule,
                                  const Stmt *S) {
  if (!Rule.ReusableAfterDrop)
    Out.push_back({Ev::Use, E, S});
  if (Rule.OwedOnlyAfterSpawn)
    Out.push_back({Ev::Arm, E, S});
}

// `spawn(sndr, scope)`, `nest(sndr, scope.get_token())`, `join(scope)`: a
// free function of the scope's rule (GuardRule::SpawnFunctions,
// DropFunctions) takes it by reference and keeps it the caller's; what the
// argument events said about it is replaced.
void EventClassifier::scopeFunctionEvents(const CallExpr *Call,
                                          size_t FirstEvent) {
  llvm::StringRef Name = GuardTypes::calleeName(Call);
  if (Name.empty())
    return;
  for (const Expr *Arg : GuardTypes::calleeArgs(Call)) {
    std::optional<unsigned> E = M.entityOf(Arg);
    bool Token = false;
    if (!E)
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(stripToObject(Arg)))
        if ((E = M.entityOf(MC->getImplicitObjectArgument())))
          Token = true; // `scope.get_token()`
    const GuardRule *Rule = E ? M.ruleOf(*E) : nullptr;
    if (!Rule)
      continue;
    bool Spawns = llvm::is_contained(Rule->SpawnFunctions, Name);
    bool Drops = !Token && llvm::is_contained(Rule->DropFunctions, Name);
    if (!Spawns && !Drops)
      continue;
    Out.erase(std::remove_if(Out.begin() + FirstEvent, Out.end(),
                             [&](const Event &Ev) {
                               return Ev.Entity == *E && Ev.S == Call;
                             }),
              Out.end());
    if (Drops)
      emit(Ev::Drop, *E, Call);
    else
      spawnEvents(*E, *Rule, Call);
  }
}

void EventClassifier::VisitDeclStmt(const DeclStmt *DS) {
  for (const Decl *D : DS->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD)
      continue;
    if (auto Elements = M.Bindings.find(VD); Elements != M.Bindings.end()) {
      for (unsigned E : Elements->second)
        Out.push_back({Ev::Init, E, DS});
      continue;
    }
    if (auto It = M.Index.find(VD); It != M.Index.end()) {
      const auto *CE = dyn_cast_or_null<CXXConstructExpr>(
          VD->getInit() ? VD->getInit()->IgnoreImplicit() : nullptr);
      std::optional<unsigned> From;
      if (CE && M.initialisesEntity(CE))
        From = M.entityOf(CE->getArg(0));
      // Every initialisation owns: AsyncDropGuard has no empty state but
      // the moved-from one, and a configured type (a task scope) must be
      // joined even when default-constructed.
      const GuardRule *Rule = M.ruleOf(It->second);
      if (From && *From != It->second)
        Out.push_back({Ev::InitFrom, It->second, DS, *From});
      else if (Rule && (Rule->OwedOnlyAfterSpawn ||
                        (Rule->EmptyWhenDefaultConstructed &&
                         isDefaultConstruction(VD->getInit()))))
        Out.push_back({Ev::InitEmpty, It->second, DS});
      else
        Out.push_back({Ev::Init, It->second, DS});
      if (holdsError(VD->getInit()))
        Out.push_back({Ev::MoveOut, It->second, DS});
    } else if (VD->getType()->isReferenceType() && VD->getInit() &&
               !M.Aliases.count(VD)) {
      // `G &r = c ? a : b;`: r may name either, which is beyond a simple
      // alias: stop tracking both.
      const Expr *Init = VD->getInit()->IgnoreParenImpCasts();
      if (const auto *CO = dyn_cast<AbstractConditionalOperator>(Init))
        for (const Expr *Arm : {CO->getTrueExpr(), CO->getFalseExpr()})
          if (auto E = M.entityOf(Arm))
            emit(Ev::Escape, *E, DS);
    }
  }
}

void EventClassifier::VisitUnaryOperator(const UnaryOperator *UO) {
  if (UO->getOpcode() == UO_AddrOf)
    if (auto E = M.entityOf(UO->getSubExpr()))
      emit(Ev::Escape, *E, UO);
}

void EventClassifier::VisitCXXMemberCallExpr(const CXXMemberCallExpr *MC) {
  const CXXMethodDecl *MD = MC->getMethodDecl();
  size_t First = Out.size();
  // Arguments are evaluated before the call acts on its object.
  args(MD, nullptr, {MC->getArgs(), MC->getNumArgs()}, MC);
  const Expr *Object = MC->getImplicitObjectArgument();
  if (auto E = M.entityOf(Object)) {
    llvm::StringRef Name =
        MD && MD->getIdentifier() ? MD->getName() : llvm::StringRef();
    if (M.isDropMethodCall(MC)) {
      emit(Ev::Drop, *E, MC);
    } else if (Name == "unsafe_into_inner_dont_drop") {
      Out.push_back({Ev::Use, *E, MC});
      emit(Ev::MoveOut, *E, MC);
    } else if (MD && MD->getRefQualifier() == RQ_RValue) {
      // `std::move(g).into_handoff()`, `operator GuardHandoff<T>() &&`:
      // a member that consumes the guard hands its value on.
      emit(Ev::MoveOut, *E, MC);
    } else if (const GuardRule *Rule = M.ruleOf(*E);
               Rule && llvm::is_contained(Rule->SpawnMethods, Name)) {
      spawnEvents(*E, *Rule, MC);
    } else if (Rule && (Rule->ReusableAfterDrop ||
                        llvm::is_contained(Rule->AllowedAfterDrop, Name))) {
      // Fine after the drop: nothing to note.
    } else if (!llvm::is_contained(M.Opts.AllowedAfterDrop, Name) &&
               !(MD &&
                 M.Flow.types().isRuntimeOwner(
                     QualType(MD->getParent()->getTypeForDecl(), 0)) &&
                 isRuntimeOwnerQuery(MD))) {
      Out.push_back({Ev::Use, *E, MC});
    }
  } else if (Object && MD && !MD->isStatic() && !MD->isConst() &&
             isa<CXXThisExpr>(Object->IgnoreParenImpCasts())) {
    // `reopen();` may assign the members: what this function knew about
    // them no longer holds.
    membersEscape(MC);
  }
  // `this->close_smtp()`: what the helper does with each tracked member (its
  // summary, GuardFlow.cpp), after the escape above so that a member it is
  // known to drop is dropped, not merely untracked.
  M.memberHelperEvents(MC, Out);
  lazyDrops(MC, First);
}

void EventClassifier::VisitCXXOperatorCallExpr(const CXXOperatorCallExpr *OC) {
  const FunctionDecl *Callee = OC->getDirectCallee();
  llvm::ArrayRef<const Expr *> Args(OC->getArgs(), OC->getNumArgs());
  if (!isa_and_nonnull<CXXMethodDecl>(Callee)) {
    args(Callee, protoOf(OC), Args, OC);
    return;
  }
  if (Args.empty())
    return;
  if (OC->getOperator() == OO_Call && !M.entityOf(Args[0])) {
    // A function object (`unifex::spawn_detached(sndr, scope)`).
    size_t First = Out.size();
    args(Callee, nullptr, Args.drop_front(), OC);
    scopeFunctionEvents(OC, First);
    lazyDrops(OC, First);
    return;
  }
  std::optional<unsigned> Target = M.entityOf(Args[0]);
  if (Target && OC->getOperator() == OO_Equal && Args.size() == 2)
    if (std::optional<unsigned> From = M.entityOf(Args[1]);
        From && *From != *Target) {
      Out.push_back({Ev::AssignFrom, *Target, OC, *From});
      return;
    }
  args(Callee, nullptr, Args.drop_front(), OC);
  if (auto E = Target) {
    if (OC->getOperator() == OO_Equal) {
      Out.push_back({Ev::Assign, *E, OC});
      if (Args.size() == 2 && holdsError(Args[1]))
        Out.push_back({Ev::MoveOut, *E, OC});
    } else
      Out.push_back({Ev::Use, *E, OC});
  }
}

void EventClassifier::VisitCallExpr(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (isMoveLike(Call))
    return;
  if (isStdFunction(Callee, "addressof") && Call->getNumArgs() == 1) {
    if (auto E = M.entityOf(Call->getArg(0)))
      emit(Ev::Escape, *E, Call);
    return;
  }
  size_t First = Out.size();
  // drop_all's parameters carry ASYNCDROP_DROPS; naming it keeps working
  // should an instantiation ever lose the attribute.
  if (isRuntimeEntity(Callee, "drop_all")) {
    for (const Expr *Arg : Call->arguments())
      if (auto E = M.entityOf(Arg))
        emit(Ev::Drop, *E, Call);
  } else {
    args(Callee, protoOf(Call), {Call->getArgs(), Call->getNumArgs()}, Call);
    scopeFunctionEvents(Call, First);
  }
  lazyDrops(Call, First);
  // `std::rethrow_exception(e)` leaves like a `throw`, once its arguments
  // have been evaluated.
  if (throwingCall(Call)) {
    M.ThrowTargets[Call] = M.throwTarget(Call);
    Out.push_back({Ev::Throw, 0, Call});
  }
}

void EventClassifier::VisitCXXConstructExpr(const CXXConstructExpr *CE) {
  if (M.initialisesEntity(CE))
    return; // the DeclStmt moves the state over (InitFrom)
  args(CE->getConstructor(), nullptr, {CE->getArgs(), CE->getNumArgs()}, CE);
}

void EventClassifier::VisitReturnStmt(const ReturnStmt *RS) {
  if (auto E = M.entityOf(RS->getRetValue()))
    emit(Ev::MoveOut, *E, RS);
}

void EventClassifier::VisitCoreturnStmt(const CoreturnStmt *CR) {
  if (auto E = M.entityOf(CR->getOperand()))
    emit(Ev::MoveOut, *E, CR);
}

// `co_await t` / `co_await std::move(t)` on a stored drop task.
void EventClassifier::VisitCoawaitExpr(const CoawaitExpr *CA) {
  if (auto E = M.entityOf(CA->getOperand()); E && M.Entities[*E].isDropTask())
    emit(Ev::Drop, *E, CA);
}

void EventClassifier::VisitLambdaExpr(const LambdaExpr *L) {
  for (const LambdaCapture &C : L->captures()) {
    if (C.capturesThis()) {
      membersEscape(L);
      continue;
    }
    if (!C.capturesVariable())
      continue;
    const auto *V = dyn_cast<VarDecl>(C.getCapturedVar());
    if (V && V->isInitCapture()) {
      // `[g = std::move(g)]` moves (the initializer is a move
      // construction, also seen on its own); `[&r = g]` escapes.
      const Expr *Init = V->getInit();
      if (!Init)
        continue;
      if (V->getType()->isReferenceType()) {
        if (auto E = M.entityOf(Init))
          emit(Ev::Escape, *E, L);
      } else if (const auto *CE =
                     dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit());
                 CE && CE->getNumArgs() == 1) {
        if (auto E = M.entityOf(CE->getArg(0)))
          emit(Ev::MoveOut, *E, L);
      }
    } else if (C.getCaptureKind() == LCK_ByRef) {
      // `[&scope]`: a value that cannot be moved stays the caller's.
      if (auto E = M.entityOfDecl(C.getCapturedVar());
          E && !(M.ruleOf(*E) && M.ruleOf(*E)->NonMovable))
        emit(Ev::Escape, *E, L);
    }
  }
}

// `helper(*this)`, `register_with(this)`: the members may change behind
// this function's back.
void EventClassifier::VisitCXXThisExpr(const CXXThisExpr *This) {
  const Stmt *P = M.parent(This);
  while (P && isa<ImplicitCastExpr, ParenExpr>(P))
    P = M.parent(P);
  if (!P || isa<MemberExpr>(P))
    return; // `this->m_` or `this->f()`: seen as what they are
  membersEscape(This);
}

void EventClassifier::VisitCXXThrowExpr(const CXXThrowExpr *T) {
  M.ThrowTargets[T] = M.throwTarget(T);
  Out.push_back({Ev::Throw, 0, T});
}

void FunctionModel::classify(const Stmt *S, llvm::SmallVectorImpl<Event> &Out) {
  EventClassifier(*this, Out).Visit(S);
}

// What awaiting each stored drop task drops: the events its initialising
// call would have had, were it awaited on the spot.
void FunctionModel::computeTaskGuards() {
  for (const auto &[Task, Call] : TaskCall) {
    llvm::SmallVector<Event, 4> Scratch;
    EventClassifier(*this, Scratch, /*ForTask=*/true).Visit(Call);
    auto &Guards = TaskGuards[Task];
    for (const Event &Ev : Scratch)
      if (Ev.K == Ev::Drop && Ev.Entity != Task &&
          !llvm::is_contained(Guards, Ev.Entity))
        Guards.push_back(Ev.Entity);
  }
}

// Whether handler H catches an exception of type Thrown (null: unknown, as
// for a rethrow out of `catch (...)`, which any handler may catch).
static bool catches(ASTContext &Ctx, const CXXCatchStmt *H, QualType Thrown) {
  if (!H->getExceptionDecl() || Thrown.isNull())
    return true;
  QualType Caught =
      H->getCaughtType().getNonReferenceType().getUnqualifiedType();
  Thrown = Thrown.getNonReferenceType().getUnqualifiedType();
  if (Thrown->isArrayType())
    Thrown = Ctx.getArrayDecayedType(Thrown);
  if (Caught->isDependentType() || Thrown->isDependentType() ||
      Ctx.hasSameUnqualifiedType(Caught, Thrown))
    return true;
  if (Caught->isPointerType() && Thrown->isPointerType()) {
    Caught = Caught->getPointeeType().getUnqualifiedType();
    Thrown = Thrown->getPointeeType().getUnqualifiedType();
    if (Caught->isVoidType() || Ctx.hasSameUnqualifiedType(Caught, Thrown))
      return true;
  }
  const auto *CaughtRD = Caught->getAsCXXRecordDecl();
  const auto *ThrownRD = Thrown->getAsCXXRecordDecl();
  return CaughtRD && ThrownRD && ThrownRD->hasDefinition() &&
         ThrownRD->isDerivedFrom(CaughtRD);
}

ThrowTarget FunctionModel::throwTarget(const Expr *Throw) const {
  QualType Thrown; // null: any handler may catch it
  const auto *T = dyn_cast<CXXThrowExpr>(Throw);
  if (!T) {
    // A call that throws (std::rethrow_exception): of an unknown type.
  } else if (const Expr *Sub = T->getSubExpr()) {
    Thrown = Sub->getType();
  } else {
    // `throw;` rethrows what the enclosing handler caught.
    for (const Stmt *P = parent(T); P; P = parent(P))
      if (const auto *H = dyn_cast<CXXCatchStmt>(P)) {
        if (H->getExceptionDecl())
          Thrown = H->getCaughtType();
        break;
      }
  }
  const Stmt *Prev = Throw;
  for (const Stmt *P = parent(Throw); P; Prev = P, P = parent(P)) {
    const auto *Try = dyn_cast<CXXTryStmt>(P);
    if (!Try || Prev != Try->getTryBlock())
      continue;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
      if (catches(Ctx, Try->getHandler(I), Thrown))
        return {Try};
  }
  return {};
}

bool FunctionModel::throwDestroys(const ThrowTarget &Target, unsigned I) const {
  const FlowEntity &E = Entities[I];
  // A member outlives the function, whatever the throw; a binding goes with
  // its hidden variable.
  if (E.isMember())
    return false;
  if (!Target.TargetTry)
    return true;
  const auto *VD = dyn_cast<VarDecl>(E.Decl);
  if (const auto *BD = dyn_cast<BindingDecl>(E.Decl))
    VD = BindingOwner.lookup(BD);
  if (E.isField() || !VD || isa<ParmVarDecl>(VD))
    return false;
  auto It = DeclOf.find(VD);
  return It != DeclOf.end() &&
         isInside(It->second, Target.TargetTry->getTryBlock());
}

// clang's CFG only links a try's handlers to explicit throws in its body
// (calls that may throw get no edge unless AddEHEdges, which would also
// split every block at every call and add edges to EXIT that are no paths
// for us). A handler is nonetheless entered from any call in the try block
// that may throw, so each block of the body gets a virtual edge to the
// handlers of every try it is inside, carrying the states before those calls
// (MayThrow events). One CFG block may begin before the `try` (checked with
// debug.DumpCFG: `auto g = f(); try { may_throw(); }` is a single block),
// hence per statement, not per block.
void FunctionModel::findHandlers() {
  for (const CFGBlock *B : *Cfg) {
    const auto *Try = dyn_cast_or_null<CXXTryStmt>(B->getTerminatorStmt());
    if (!Try)
      continue;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs())
      if (const CFGBlock *H = Succ.getReachableBlock())
        if (isa_and_nonnull<CXXCatchStmt>(H->getLabel()))
          Handlers[Try].push_back(H);
  }
  if (Handlers.empty())
    return;
  HandlerSuccs.resize(Cfg->getNumBlockIDs());
  HandlerPreds.resize(Cfg->getNumBlockIDs());
  InTry.assign(Cfg->getNumBlockIDs(), false);
}

// The innermost try statement whose try block contains S, memoised so that
// all the walks up the parent map of a function cost O(statements).
const CXXTryStmt *FunctionModel::innermostTry(const Stmt *S) {
  llvm::SmallVector<const Stmt *, 16> Path;
  const CXXTryStmt *Found = nullptr;
  for (const Stmt *Cur = S; Cur;) {
    if (auto It = TryOf.find(Cur); It != TryOf.end()) {
      Found = It->second;
      break;
    }
    Path.push_back(Cur);
    const Stmt *P = parent(Cur);
    if (const auto *Try = dyn_cast_or_null<CXXTryStmt>(P);
        Try && Try->getTryBlock() == Cur) {
      Found = Try;
      break;
    }
    Cur = P;
  }
  for (const Stmt *P : Path)
    TryOf[P] = Found;
  return Found;
}

void FunctionModel::linkHandlers(const CFGBlock *B, const CXXTryStmt *Try) {
  unsigned ID = B->getBlockID();
  for (; Try; Try = innermostTry(Try)) {
    auto It = Handlers.find(Try);
    if (It == Handlers.end())
      continue;
    for (const CFGBlock *H : It->second) {
      if (llvm::is_contained(HandlerSuccs[ID], H))
        continue;
      HandlerSuccs[ID].push_back(H);
      HandlerPreds[H->getBlockID()].push_back(B);
    }
  }
}

// `if (T x{})` where T's operator bool is `return true;`: gtest's
// EXPECT_THROW and friends wrap their statement in one, and the else branch
// (which skips the statement) never runs.
static bool isAlwaysTrue(const IfStmt *If) {
  if (const auto *Call =
          dyn_cast_or_null<CallExpr>(If->getCond()->IgnoreParenImpCasts());
      Call && isGtestAlwaysTrue(Call->getDirectCallee()))
    return true;
  const VarDecl *Cond = If->getConditionVariable();
  const CXXRecordDecl *RD =
      Cond ? Cond->getType()->getAsCXXRecordDecl() : nullptr;
  if (!RD || !RD->hasDefinition())
    return false;
  for (const CXXMethodDecl *MD : RD->methods()) {
    const auto *Conv = dyn_cast<CXXConversionDecl>(MD);
    if (!Conv || !Conv->getConversionType()->isBooleanType())
      continue;
    const auto *Body = dyn_cast_or_null<CompoundStmt>(Conv->getBody());
    const auto *Ret = Body && Body->size() == 1
                          ? dyn_cast<ReturnStmt>(Body->body_front())
                          : nullptr;
    const auto *Lit = Ret ? dyn_cast_or_null<CXXBoolLiteralExpr>(
                                Ret->getRetValue()->IgnoreImplicit())
                          : nullptr;
    return Lit && Lit->getValue();
  }
  return false;
}

void FunctionModel::computeEvents() {
  discoverDropTasks();
  Events.assign(Cfg->getNumBlockIDs(), {});
  // First the aliases and declaration sites, so that every event below
  // resolves `r` in `auto &r = g;` to g whatever the block order.
  if (Opts.FindTemporaries)
    for (const CFGBlock *B : *Cfg)
      for (const CFGElement &El : *B)
        if (auto T = El.getAs<CFGTemporaryDtor>()) {
          const CXXBindTemporaryExpr *BTE = T->getBindTemporaryExpr();
          if (BTE && Flow.types().isOwner(BTE->getType()) &&
              !llvm::is_contained(DestroyedTemps, BTE))
            DestroyedTemps.push_back(BTE);
        }
  forEachDeclaredVar([&](const VarDecl *VD, const DeclStmt *DS) {
    if (Index.count(VD) || Bindings.count(VD)) {
      DeclOf[VD] = original(DS);
      return;
    }
    if (!VD->getType()->isReferenceType() || !VD->getInit())
      return;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(stripToObject(VD->getInit())))
      if (const auto *Target = dyn_cast<VarDecl>(DRE->getDecl()))
        Aliases[VD] = Target;
  });
  // Aliases of things that are not tracked are of no interest.
  for (auto It = Aliases.begin(); It != Aliases.end();) {
    auto Cur = It++;
    if (!entityOfDecl(Cur->first))
      Aliases.erase(Cur);
  }
  findHandlers();
  findBranchTests();
  computeTaskGuards();
  // The false branch of an always-true test macro is no path: nothing
  // tracked is owned (or dropped) there. (Events of a block start afresh, so
  // this goes first, before the block's own.)
  for (const CFGBlock *B : *Cfg) {
    const auto *If = dyn_cast_or_null<IfStmt>(B->getTerminatorStmt());
    if (!If || B->succ_size() != 2 ||
        !Ctx.getSourceManager().isInSystemMacro(If->getBeginLoc()) ||
        !isAlwaysTrue(If))
      continue;
    if (const CFGBlock *Else = B->succ_begin()[1].getReachableBlock())
      for (unsigned E = 0; E < Entities.size(); ++E)
        Events[Else->getBlockID()].push_back({Ev::MoveOut, E, If});
  }
  // Members start owned (see addMemberEntities).
  for (unsigned E : OwnedMembers)
    Events[Cfg->getEntry().getBlockID()].push_back({Ev::Init, E, nullptr});
  for (const CFGBlock *B : *Cfg) {
    auto &Out = Events[B->getBlockID()];
    for (const CFGElement &El : *B) {
      const Stmt *Where = nullptr;
      if (auto S = El.getAs<CFGStmt>()) {
        Where = S->getStmt();
        if (!InTry.empty())
          if (const CXXTryStmt *Try = innermostTry(original(Where))) {
            InTry[B->getBlockID()] = true;
            linkHandlers(B, Try);
            if (mayThrow(Where))
              Out.push_back({Ev::MayThrow, 0, Where});
          }
        classify(Where, Out);
        if (!Conditions.empty())
          if (const auto *DS = dyn_cast<DeclStmt>(Where))
            for (const Decl *D : DS->decls())
              for (unsigned C = 0; C < Conditions.size(); ++C)
                if (Conditions[C] == D)
                  Out.push_back({Ev::ResetCondition, C, Where});
      } else if (auto D = El.getAs<CFGAutomaticObjDtor>()) {
        if (auto It = Index.find(D->getVarDecl()); It != Index.end())
          Out.push_back({Ev::Dtor, It->second, D->getTriggerStmt()});
        else if (auto Elements = Bindings.find(D->getVarDecl());
                 Elements != Bindings.end())
          for (unsigned E : Elements->second)
            Out.push_back({Ev::Dtor, E, D->getTriggerStmt()});
      }
    }
  }
}

} // namespace clang::tidy::asyncdrop::flow_detail
