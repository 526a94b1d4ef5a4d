// GuardFlow, part 1: from a function definition to its CFG and, per block,
// the ordered list of events that touch a tracked entity.

#include "GuardFlowModel.h"
#include "RuntimeNames.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::asyncdrop::flow_detail {

static bool isStdFunction(const FunctionDecl *FD, llvm::StringRef Name) {
  return FD && FD->getIdentifier() && FD->getName() == Name &&
         FD->isInStdNamespace();
}

bool isMoveLike(const Expr *E) {
  E = E->IgnoreParens();
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *FD = Call->getDirectCallee();
    return Call->getNumArgs() == 1 &&
           (isStdFunction(FD, "move") || isStdFunction(FD, "forward") ||
            isStdFunction(FD, "move_if_noexcept"));
  }
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
    return Cast->getTypeAsWritten()->isRValueReferenceType();
  return false;
}

const Expr *stripToObject(const Expr *E) {
  while (E) {
    E = E->IgnoreParens();
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E)) {
      CastKind K = ICE->getCastKind();
      if (K != CK_NoOp && K != CK_DerivedToBase &&
          K != CK_UncheckedDerivedToBase)
        return E;
      E = ICE->getSubExpr();
    } else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = MTE->getSubExpr();
    } else if (const auto *Full = dyn_cast<FullExpr>(E)) {
      E = Full->getSubExpr();
    } else if (isMoveLike(E)) {
      if (const auto *Call = dyn_cast<CallExpr>(E))
        E = Call->getArg(0);
      else
        E = cast<ExplicitCastExpr>(E)->getSubExpr();
    } else {
      return E;
    }
  }
  return E;
}

static bool hasDropsAnnotation(const ParmVarDecl *PVD) {
  for (const auto *A : PVD->specific_attrs<AnnotateAttr>())
    if (A->getAnnotation() == "asyncdrop::drops")
      return true;
  return false;
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

void FunctionModel::discoverGuards(bool WithReferenceParams) {
  const GuardTypes &Types = Flow.types();
  for (const ParmVarDecl *P : F->parameters()) {
    QualType T = P->getType();
    if (Types.isGuard(T))
      addEntity(FlowEntity::var(P));
    else if (WithReferenceParams && T->isLValueReferenceType() &&
             !T->getPointeeType().isConstQualified() &&
             Types.isGuard(T->getPointeeType().getUnqualifiedType()))
      addEntity(FlowEntity::var(P));
  }
  for (const CFGBlock *B : *Cfg)
    for (const CFGElement &El : *B) {
      auto S = El.getAs<CFGStmt>();
      const auto *DS = S ? dyn_cast<DeclStmt>(S->getStmt()) : nullptr;
      if (!DS)
        continue;
      for (const Decl *D : DS->decls()) {
        const auto *VD = dyn_cast<VarDecl>(D);
        if (!VD || !VD->hasLocalStorage() || VD->isInitCapture() ||
            isa<ParmVarDecl>(VD))
          continue;
        QualType T = VD->getType();
        if (Types.isGuard(T)) {
          addEntity(FlowEntity::var(VD));
        } else if (T->isReferenceType() &&
                   Types.isGuard(T->getPointeeType().getUnqualifiedType())) {
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
      }
    }
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
    if (PT->isRValueReferenceType()) {
      Out.push_back({Ev::MoveOut, *E, Site});
    } else if (PT->isLValueReferenceType()) {
      if (PT->getPointeeType().isConstQualified())
        continue;
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
    if (isa_and_nonnull<CXXMethodDecl>(Callee) && Callee->getIdentifier() &&
        isDropName(Callee->getName()))
      return false;
    Proto = Callee ? Callee->getType()->getAs<FunctionProtoType>()
                   : protoOf(Call);
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

void FunctionModel::classify(const Stmt *S, llvm::SmallVectorImpl<Event> &Out) {
  switch (S->getStmtClass()) {
  case Stmt::DeclStmtClass:
    for (const Decl *D : cast<DeclStmt>(S)->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD)
        continue;
      if (auto It = Index.find(VD); It != Index.end()) {
        const auto *CE = dyn_cast_or_null<CXXConstructExpr>(
            VD->getInit() ? VD->getInit()->IgnoreImplicit() : nullptr);
        std::optional<unsigned> From;
        if (CE && initialisesEntity(CE))
          From = entityOf(CE->getArg(0));
        // Every initialisation owns: AsyncDropGuard has no empty state but
        // the moved-from one, and a configured type (a task scope) must be
        // joined even when default-constructed.
        if (From && *From != It->second)
          Out.push_back({Ev::InitFrom, It->second, S, *From});
        else
          Out.push_back({Ev::Init, It->second, S});
      } else if (VD->getType()->isReferenceType() && VD->getInit() &&
                 !Aliases.count(VD)) {
        // `G &r = c ? a : b;`: r may name either, which is beyond a simple
        // alias: stop tracking both.
        const Expr *Init = VD->getInit()->IgnoreParenImpCasts();
        if (const auto *CO = dyn_cast<AbstractConditionalOperator>(Init))
          for (const Expr *Arm : {CO->getTrueExpr(), CO->getFalseExpr()})
            if (auto E = entityOf(Arm))
              Out.push_back({Ev::Escape, *E, S});
      }
    }
    return;
  case Stmt::UnaryOperatorClass:
    if (const auto *UO = cast<UnaryOperator>(S); UO->getOpcode() == UO_AddrOf)
      if (auto E = entityOf(UO->getSubExpr()))
        Out.push_back({Ev::Escape, *E, S});
    return;
  case Stmt::CXXMemberCallExprClass: {
    const auto *MC = cast<CXXMemberCallExpr>(S);
    const CXXMethodDecl *MD = MC->getMethodDecl();
    // Arguments are evaluated before the call acts on its object.
    argEvents(MD, nullptr, {MC->getArgs(), MC->getNumArgs()}, 0, S, Out);
    memberHelperEvents(MC, Out); // this->helper(): its summary (GuardFlow.cpp)
    if (auto E = entityOf(MC->getImplicitObjectArgument())) {
      llvm::StringRef Name =
          MD && MD->getIdentifier() ? MD->getName() : llvm::StringRef();
      if (!Name.empty() && isDropName(Name)) {
        Out.push_back({Ev::Drop, *E, S});
      } else if (Name == "unsafe_into_inner_dont_drop") {
        Out.push_back({Ev::Use, *E, S});
        Out.push_back({Ev::MoveOut, *E, S});
      } else if (MD && MD->getRefQualifier() == RQ_RValue) {
        // `std::move(g).into_handoff()`, `operator GuardHandoff<T>() &&`:
        // a member that consumes the guard hands its value on.
        Out.push_back({Ev::MoveOut, *E, S});
      } else if (!llvm::is_contained(Opts.AllowedAfterDrop, Name)) {
        Out.push_back({Ev::Use, *E, S});
      }
    }
    return;
  }
  case Stmt::CXXOperatorCallExprClass: {
    const auto *OC = cast<CXXOperatorCallExpr>(S);
    const FunctionDecl *Callee = OC->getDirectCallee();
    llvm::ArrayRef<const Expr *> Args(OC->getArgs(), OC->getNumArgs());
    if (!isa_and_nonnull<CXXMethodDecl>(Callee)) {
      argEvents(Callee, protoOf(OC), Args, 0, S, Out);
      return;
    }
    if (Args.empty())
      return;
    std::optional<unsigned> Target = entityOf(Args[0]);
    if (Target && OC->getOperator() == OO_Equal && Args.size() == 2)
      if (std::optional<unsigned> From = entityOf(Args[1]);
          From && *From != *Target) {
        Out.push_back({Ev::AssignFrom, *Target, S, *From});
        return;
      }
    argEvents(Callee, nullptr, Args.drop_front(), 0, S, Out);
    if (auto E = Target) {
      if (OC->getOperator() == OO_Equal)
        Out.push_back({Ev::Assign, *E, S});
      else
        Out.push_back({Ev::Use, *E, S});
    }
    return;
  }
  case Stmt::CallExprClass: {
    const auto *Call = cast<CallExpr>(S);
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (isMoveLike(Call))
      return;
    if (isStdFunction(Callee, "addressof") && Call->getNumArgs() == 1) {
      if (auto E = entityOf(Call->getArg(0)))
        Out.push_back({Ev::Escape, *E, S});
      return;
    }
    // drop_all's parameters carry ASYNCDROP_DROPS; naming it keeps working
    // should an instantiation ever lose the attribute.
    if (isRuntimeEntity(Callee, "drop_all")) {
      for (const Expr *Arg : Call->arguments())
        if (auto E = entityOf(Arg))
          Out.push_back({Ev::Drop, *E, S});
      return;
    }
    argEvents(Callee, protoOf(Call), {Call->getArgs(), Call->getNumArgs()}, 0,
              S, Out);
    return;
  }
  case Stmt::CXXConstructExprClass:
  case Stmt::CXXTemporaryObjectExprClass: {
    const auto *CE = cast<CXXConstructExpr>(S);
    if (initialisesEntity(CE))
      return; // the DeclStmt moves the state over (InitFrom)
    argEvents(CE->getConstructor(), nullptr,
              {CE->getArgs(), CE->getNumArgs()}, 0, S, Out);
    return;
  }
  case Stmt::ReturnStmtClass:
    if (auto E = entityOf(cast<ReturnStmt>(S)->getRetValue()))
      Out.push_back({Ev::MoveOut, *E, S});
    return;
  case Stmt::CoreturnStmtClass:
    if (auto E = entityOf(cast<CoreturnStmt>(S)->getOperand()))
      Out.push_back({Ev::MoveOut, *E, S});
    return;
  case Stmt::LambdaExprClass:
    for (const LambdaCapture &C : cast<LambdaExpr>(S)->captures()) {
      if (!C.capturesVariable())
        continue;
      const auto *V = dyn_cast<VarDecl>(C.getCapturedVar());
      if (!V)
        continue;
      if (V->isInitCapture()) {
        // `[g = std::move(g)]` moves (the initializer is a move
        // construction, also seen on its own); `[&r = g]` escapes.
        const Expr *Init = V->getInit();
        if (!Init)
          continue;
        if (V->getType()->isReferenceType()) {
          if (auto E = entityOf(Init))
            Out.push_back({Ev::Escape, *E, S});
        } else if (const auto *CE =
                       dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit());
                   CE && CE->getNumArgs() == 1) {
          if (auto E = entityOf(CE->getArg(0)))
            Out.push_back({Ev::MoveOut, *E, S});
        }
      } else if (C.getCaptureKind() == LCK_ByRef) {
        if (auto E = entityOfDecl(V))
          Out.push_back({Ev::Escape, *E, S});
      }
    }
    return;
  case Stmt::CXXThrowExprClass: {
    const auto *T = cast<CXXThrowExpr>(S);
    ThrowTargets[T] = throwTarget(T);
    Out.push_back({Ev::Throw, 0, S});
    return;
  }
  default:
    return;
  }
}

// Whether handler H catches an exception of type Thrown (null: unknown, as
// for a rethrow out of `catch (...)`, which any handler may catch).
static bool catches(ASTContext &Ctx, const CXXCatchStmt *H, QualType Thrown) {
  if (!H->getExceptionDecl() || Thrown.isNull())
    return true;
  QualType Caught = H->getCaughtType().getNonReferenceType().getUnqualifiedType();
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

ThrowTarget FunctionModel::throwTarget(const CXXThrowExpr *T) const {
  QualType Thrown;
  if (const Expr *Sub = T->getSubExpr()) {
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
  const Stmt *Prev = T;
  for (const Stmt *P = parent(T); P; Prev = P, P = parent(P)) {
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
  if (!Target.TargetTry)
    return true;
  const FlowEntity &E = Entities[I];
  const auto *VD = dyn_cast<VarDecl>(E.Decl);
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

void FunctionModel::computeEvents() {
  Events.assign(Cfg->getNumBlockIDs(), {});
  // First the aliases and declaration sites, so that every event below
  // resolves `r` in `auto &r = g;` to g whatever the block order.
  for (const CFGBlock *B : *Cfg)
    for (const CFGElement &El : *B) {
      if (auto T = El.getAs<CFGTemporaryDtor>()) {
        const CXXBindTemporaryExpr *BTE = T->getBindTemporaryExpr();
        if (Opts.FindTemporaries && BTE &&
            Flow.types().isGuard(BTE->getType()) &&
            !llvm::is_contained(DestroyedTemps, BTE))
          DestroyedTemps.push_back(BTE);
        continue;
      }
      auto S = El.getAs<CFGStmt>();
      const auto *DS = S ? dyn_cast<DeclStmt>(S->getStmt()) : nullptr;
      if (!DS)
        continue;
      for (const Decl *D : DS->decls()) {
        const auto *VD = dyn_cast<VarDecl>(D);
        if (!VD)
          continue;
        if (Index.count(VD)) {
          DeclOf[VD] = original(DS);
          continue;
        }
        if (!VD->getType()->isReferenceType() || !VD->getInit())
          continue;
        if (const auto *DRE =
                dyn_cast<DeclRefExpr>(stripToObject(VD->getInit())))
          if (const auto *Target = dyn_cast<VarDecl>(DRE->getDecl()))
            Aliases[VD] = Target;
      }
    }
  // Aliases of things that are not tracked are of no interest.
  for (auto It = Aliases.begin(); It != Aliases.end();) {
    auto Cur = It++;
    if (!entityOfDecl(Cur->first))
      Aliases.erase(Cur);
  }
  findHandlers();
  findBranchTests();
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
      }
    }
  }
}

} // namespace clang::tidy::asyncdrop::flow_detail
