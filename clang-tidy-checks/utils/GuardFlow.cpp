// GuardFlow, part 2: the fixpoint over the per-block events, the reports
// (exits, uses after a drop, leaked temporaries) and the path notes.

#include "GuardFlow.h"
#include "CompileErrors.h"
#include "GuardFlowModel.h"
#include "RuntimeNames.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/BitVector.h"
#include <cstdlib>
#include <deque>

namespace clang::tidy::asyncdrop {

using namespace flow_detail;

bool FlowResult::droppedOnEveryPath(unsigned I) const {
  for (const FlowExit &X : Exits)
    if (X.Entity == I && (X.MayBeOwned || X.MayHaveEscaped))
      return false;
  return true;
}

bool GuardFlow::hasErrors(const ASTContext &Ctx, const FunctionDecl *F) {
  // Nothing is analysed in a translation unit with errors: see
  // CompileErrors.h for why a clean-looking function cannot be trusted then.
  if (hasCompileErrors(Ctx) || F->isInvalidDecl())
    return true;
  const Stmt *Body = F->getBody();
  if (!Body)
    return false;
  llvm::SmallVector<const Stmt *, 64> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *E = dyn_cast<Expr>(S); E && E->containsErrors())
      return true;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (D->isInvalidDecl())
          return true;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return false;
}

namespace {

// Three bits per entity in one vector: [owned | dropped | escaped], each a
// run of N bits, so a whole state joins with one OR.
class Solver {
public:
  Solver(FunctionModel &M, FlowResult &R)
      : M(M), R(R), N(M.Entities.size()), NumBlocks(M.Cfg->getNumBlockIDs()) {}

  void run();

private:
  unsigned O(unsigned E) const { return E; }
  unsigned D(unsigned E) const { return N + E; }
  unsigned X(unsigned E) const { return 2 * N + E; }
  bool tracksExit(unsigned E) const {
    return M.Entities[E].isField() || M.Entities[E].isParam();
  }

  void order();
  void transfer(const CFGBlock *B, llvm::BitVector &S, bool Report,
                llvm::BitVector *Thrown = nullptr);
  void moveState(llvm::BitVector &S, unsigned From, unsigned To) {
    bool Bits[3] = {S.test(O(From)), S.test(D(From)), S.test(X(From))};
    clear(S, From);
    S[O(To)] = Bits[0];
    S[D(To)] = Bits[1];
    S[X(To)] = Bits[2];
  }
  void clear(llvm::BitVector &S, unsigned E) {
    S.reset(O(E));
    S.reset(D(E));
    S.reset(X(E));
  }
  void exitAt(const llvm::BitVector &S, unsigned E, FlowExit::Kind K,
              const Stmt *At, SourceLocation Loc, const CFGBlock *B,
              unsigned EventIdx);
  void functionExits(const CFGBlock *B, const llvm::BitVector &S);
  llvm::SmallVector<FlowNote, 2> notes(const CFGBlock *B, unsigned EventIdx,
                                       unsigned E, FlowExit::Kind K);
  std::optional<FlowNote> describe(const CFGBlock *Branch,
                                   const CFGBlock *Taken, FlowExit::Kind K,
                                   bool Nearest);
  const Stmt *dropSite(const CFGBlock *B, unsigned EventIdx, unsigned E);
  bool reachable(const CFGBlock *B) const {
    return B && Rank[B->getBlockID()] != ~0u;
  }

  FunctionModel &M;
  FlowResult &R;
  unsigned N, NumBlocks;
  std::vector<const CFGBlock *> RPO;
  std::vector<unsigned> Rank; // block ID -> index in RPO, ~0u: unreachable
  std::vector<llvm::BitVector> In, Out;
  // For blocks inside a try: the union of the states before each call that
  // may throw (and each throw), which is what its handlers may start from.
  std::vector<llvm::BitVector> Thrown;
  llvm::DenseSet<std::pair<unsigned, unsigned>> SeenExits; // entity, loc
  llvm::DenseSet<const Stmt *> SeenUses;
};

void Solver::order() {
  Rank.assign(NumBlocks, ~0u);
  std::vector<const CFGBlock *> Post;
  std::vector<bool> Seen(NumBlocks);
  // Iterative DFS; virtual handler edges count as successors.
  struct Frame {
    const CFGBlock *B;
    unsigned Next;
  };
  std::vector<Frame> Stack{{&M.Cfg->getEntry(), 0}};
  Seen[M.Cfg->getEntry().getBlockID()] = true;
  auto SuccAt = [&](const CFGBlock *B, unsigned I) -> const CFGBlock * {
    unsigned NS = B->succ_size();
    if (I < NS)
      return B->succ_begin()[I].getReachableBlock();
    if (!M.HandlerSuccs.empty())
      return M.HandlerSuccs[B->getBlockID()][I - NS];
    return nullptr;
  };
  auto NumSuccs = [&](const CFGBlock *B) {
    return B->succ_size() + (M.HandlerSuccs.empty()
                                 ? 0
                                 : M.HandlerSuccs[B->getBlockID()].size());
  };
  while (!Stack.empty()) {
    Frame &Top = Stack.back();
    if (Top.Next < NumSuccs(Top.B)) {
      const CFGBlock *S = SuccAt(Top.B, Top.Next++);
      if (S && !Seen[S->getBlockID()]) {
        Seen[S->getBlockID()] = true;
        Stack.push_back({S, 0});
      }
      continue;
    }
    Post.push_back(Top.B);
    Stack.pop_back();
  }
  RPO.assign(Post.rbegin(), Post.rend());
  for (unsigned I = 0; I < RPO.size(); ++I)
    Rank[RPO[I]->getBlockID()] = I;
}

void Solver::run() {
  order();
  In.assign(NumBlocks, llvm::BitVector(3 * N));
  Out.assign(NumBlocks, llvm::BitVector(3 * N));
  llvm::BitVector Entry(3 * N);
  for (unsigned E = 0; E < N; ++E)
    if (tracksExit(E))
      Entry.set(O(E));

  llvm::BitVector Pending(RPO.size(), true), Visited(RPO.size());
  llvm::BitVector NewIn(3 * N), NewOut(3 * N), NewThrown(3 * N);
  if (!M.InTry.empty())
    Thrown.assign(NumBlocks, llvm::BitVector(3 * N));
  for (int I = Pending.find_first(); I != -1; I = Pending.find_first()) {
    Pending.reset(I);
    const CFGBlock *B = RPO[I];
    unsigned ID = B->getBlockID();
    NewIn.reset();
    if (B == &M.Cfg->getEntry())
      NewIn |= Entry;
    for (const CFGBlock::AdjacentBlock &P : B->preds())
      if (reachable(P.getReachableBlock()))
        NewIn |= Out[P.getReachableBlock()->getBlockID()];
    if (!M.HandlerPreds.empty())
      for (const CFGBlock *P : M.HandlerPreds[ID])
        NewIn |= Thrown[P->getBlockID()];
    NewOut = NewIn;
    bool InTry = !M.InTry.empty() && M.InTry[ID];
    if (InTry)
      NewThrown.reset();
    transfer(B, NewOut, /*Report=*/false, InTry ? &NewThrown : nullptr);
    bool Changed = !Visited.test(I) || NewIn != In[ID] || NewOut != Out[ID] ||
                   (InTry && NewThrown != Thrown[ID]);
    Visited.set(I);
    if (!Changed)
      continue;
    In[ID] = NewIn;
    Out[ID] = NewOut;
    if (InTry)
      Thrown[ID] = NewThrown;
    for (const CFGBlock::AdjacentBlock &S : B->succs())
      if (reachable(S.getReachableBlock()))
        Pending.set(Rank[S.getReachableBlock()->getBlockID()]);
    if (!M.HandlerSuccs.empty())
      for (const CFGBlock *S : M.HandlerSuccs[ID])
        Pending.set(Rank[S->getBlockID()]);
  }

  // Replay once more with the final states, reporting.
  llvm::BitVector S(3 * N);
  for (const CFGBlock *B : RPO) {
    S = In[B->getBlockID()];
    transfer(B, S, /*Report=*/true);
    functionExits(B, S);
  }
}

static FlowExit::Kind exitKindOf(const Stmt *Trigger) {
  if (!Trigger)
    return FlowExit::Kind::ScopeEnd;
  switch (Trigger->getStmtClass()) {
  case Stmt::ReturnStmtClass:
    return FlowExit::Kind::Return;
  case Stmt::CoreturnStmtClass:
    return FlowExit::Kind::CoReturn;
  case Stmt::BreakStmtClass:
    return FlowExit::Kind::Break;
  case Stmt::ContinueStmtClass:
    return FlowExit::Kind::Continue;
  case Stmt::GotoStmtClass:
  case Stmt::IndirectGotoStmtClass:
    return FlowExit::Kind::Goto;
  default:
    return FlowExit::Kind::ScopeEnd;
  }
}

// Where a scope's end is reported: a jump where it is written, a block at its
// closing brace, a statement owning its own scope (`if (auto g = ...)`,
// `for (auto g = ...; ...)`) at its end.
static SourceLocation exitLocOf(const Stmt *Trigger) {
  if (!Trigger)
    return {};
  if (const auto *CS = dyn_cast<CompoundStmt>(Trigger))
    return CS->getRBracLoc();
  if (exitKindOf(Trigger) != FlowExit::Kind::ScopeEnd)
    return Trigger->getBeginLoc();
  return Trigger->getEndLoc();
}

void Solver::transfer(const CFGBlock *B, llvm::BitVector &S, bool Report,
                      llvm::BitVector *Thrown) {
  const auto &Events = M.Events[B->getBlockID()];
  for (unsigned I = 0; I < Events.size(); ++I) {
    const Event &Ev = Events[I];
    unsigned E = Ev.Entity;
    switch (Ev.K) {
    case Ev::Init:
      clear(S, E);
      S.set(O(E));
      break;
    case Ev::InitFrom:
      moveState(S, Ev.From, E);
      break;
    case Ev::Drop:
      S.reset(O(E));
      S.set(D(E));
      break;
    case Ev::MoveOut:
      S.reset(O(E));
      S.reset(D(E));
      break;
    case Ev::Escape:
      S.reset(O(E));
      S.reset(D(E));
      S.set(X(E));
      break;
    case Ev::Assign:
      if (Report && S.test(O(E))) {
        const auto *OC = dyn_cast<CXXOperatorCallExpr>(Ev.S);
        exitAt(S, E, FlowExit::Kind::Reassign, Ev.S,
               OC ? OC->getOperatorLoc() : Ev.S->getBeginLoc(), B, I);
      }
      clear(S, E);
      S.set(O(E));
      break;
    case Ev::AssignFrom:
      if (Report && S.test(O(E))) {
        const auto *OC = dyn_cast<CXXOperatorCallExpr>(Ev.S);
        exitAt(S, E, FlowExit::Kind::Reassign, Ev.S,
               OC ? OC->getOperatorLoc() : Ev.S->getBeginLoc(), B, I);
      }
      moveState(S, Ev.From, E);
      break;
    case Ev::MayThrow:
      if (Thrown)
        *Thrown |= S;
      break;
    case Ev::Use:
      if (Report && M.Opts.CollectUses && S.test(D(E)) &&
          SeenUses.insert(Ev.S).second)
        R.Uses.push_back({E, cast<Expr>(Ev.S), dropSite(B, I, E)});
      break;
    case Ev::Dtor:
      if (Report && S.test(O(E)))
        exitAt(S, E, exitKindOf(Ev.S), Ev.S, exitLocOf(Ev.S), B, I);
      clear(S, E);
      break;
    case Ev::Throw: {
      if (Thrown)
        *Thrown |= S;
      if (!Report || !M.Opts.CheckThrowPaths)
        break;
      const auto *T = cast<CXXThrowExpr>(Ev.S);
      const ThrowTarget &Target = M.ThrowTargets[T];
      for (unsigned Ent = 0; Ent < N; ++Ent) {
        bool Live = S.test(O(Ent)) || (tracksExit(Ent) && S.test(X(Ent)));
        if (Live && M.throwDestroys(Target, Ent))
          exitAt(S, Ent, FlowExit::Kind::Throw, T, T->getThrowLoc(), B, I);
      }
      break;
    }
    }
  }
}

// Blocks that reach EXIT: the function's exits, for parameters and fields.
void Solver::functionExits(const CFGBlock *B, const llvm::BitVector &S) {
  bool ToExit = false;
  for (const CFGBlock::AdjacentBlock &Succ : B->succs())
    ToExit |= Succ.getReachableBlock() == &M.Cfg->getExit();
  // A noreturn call ends the program, a try's dispatch block only carries
  // exceptions nobody caught, and a throw block was handled at the throw.
  if (!ToExit || B->hasNoReturnElement() ||
      isa_and_nonnull<CXXTryStmt>(B->getTerminatorStmt()))
    return;
  const Stmt *Exit = nullptr;
  for (const CFGBlock *Cur = B; Cur && !Exit;) {
    for (auto It = Cur->rbegin(); It != Cur->rend(); ++It) {
      auto CS = It->getAs<CFGStmt>();
      if (!CS)
        continue;
      const Stmt *St = CS->getStmt();
      if (isa<CXXThrowExpr>(St))
        return;
      if (isa<ReturnStmt, CoreturnStmt>(St)) {
        Exit = St;
        break;
      }
    }
    // The return may sit in a single predecessor when destructors of
    // temporaries split the block.
    Cur = (!Exit && Cur->pred_size() == 1) ? Cur->pred_begin()->getReachableBlock()
                                           : nullptr;
    if (Cur && Cur->succ_size() != 1)
      Cur = nullptr;
  }
  SourceLocation Loc;
  FlowExit::Kind K = FlowExit::Kind::ScopeEnd;
  if (Exit) {
    Loc = Exit->getBeginLoc();
    K = isa<ReturnStmt>(Exit) ? FlowExit::Kind::Return
                              : FlowExit::Kind::CoReturn;
  } else {
    Loc = exitLocOf(M.Body);
  }
  unsigned Idx = M.Events[B->getBlockID()].size();
  for (unsigned E = 0; E < N; ++E)
    if (tracksExit(E) && (S.test(O(E)) || S.test(X(E))))
      exitAt(S, E, K, Exit, Loc, B, Idx);
}

void Solver::exitAt(const llvm::BitVector &S, unsigned E, FlowExit::Kind K,
                    const Stmt *At, SourceLocation Loc, const CFGBlock *B,
                    unsigned EventIdx) {
  // A jump written by a system header's macro (gtest's ASSERT_* returns on
  // failure) is the framework's exit, not the user's.
  if (K != FlowExit::Kind::ScopeEnd && K != FlowExit::Kind::Reassign &&
      M.Ctx.getSourceManager().isInSystemMacro(Loc))
    return;
  if (!SeenExits.insert({E, Loc.getRawEncoding()}).second)
    return;
  FlowExit X;
  X.Entity = E;
  X.K = K;
  X.At = At;
  X.Loc = Loc;
  X.MayBeOwned = S.test(O(E));
  X.MayHaveEscaped = S.test(this->X(E));
  if (X.MayBeOwned)
    X.Notes = notes(B, EventIdx, E, K);
  R.Exits.push_back(std::move(X));
}

static bool startsOwnership(const Event &Ev, unsigned E) {
  return Ev.Entity == E && (Ev.K == Ev::Init || Ev.K == Ev::Assign ||
                            Ev.K == Ev::InitFrom || Ev.K == Ev::AssignFrom);
}

// Walks back from the exit over blocks where the entity may still be owned
// to the nearest branches, so the user sees which way leads there.
llvm::SmallVector<FlowNote, 2> Solver::notes(const CFGBlock *B,
                                            unsigned EventIdx, unsigned E,
                                            FlowExit::Kind K) {
  llvm::SmallVector<FlowNote, 2> Found;
  const auto &Events = M.Events[B->getBlockID()];
  for (unsigned I = 0; I < EventIdx && I < Events.size(); ++I)
    if (startsOwnership(Events[I], E))
      return Found; // straight line from the declaration to the exit
  auto Starts = [&](const CFGBlock *Cur) {
    return llvm::any_of(M.Events[Cur->getBlockID()], [&](const Event &Ev) {
      return startsOwnership(Ev, E);
    });
  };
  auto Caught = [&](const CFGBlock *Cur) {
    if (!isa_and_nonnull<CXXCatchStmt>(Cur->getLabel()) || Found.size() >= 2)
      return false;
    Found.insert(Found.begin(), FlowNote{Cur->getLabel()->getBeginLoc(),
                                         "when an exception is caught here"});
    return true;
  };
  if (Caught(B))
    return Found;
  const CFGBlock *From = B;
  while (From && Found.size() < 2) {
    // Breadth first: the nearest branch on some path where E stays owned.
    std::deque<std::pair<const CFGBlock *, const CFGBlock *>> Queue;
    llvm::DenseSet<const CFGBlock *> Seen{From};
    auto PushPreds = [&](const CFGBlock *Cur) {
      for (const CFGBlock::AdjacentBlock &P : Cur->preds()) {
        const CFGBlock *PB = P.getReachableBlock();
        if (reachable(PB) && Out[PB->getBlockID()].test(O(E)) &&
            Seen.insert(PB).second)
          Queue.push_back({PB, Cur});
      }
    };
    PushPreds(From);
    const CFGBlock *Next = nullptr;
    while (!Queue.empty()) {
      auto [Cur, Taken] = Queue.front();
      Queue.pop_front();
      if (auto Note = describe(Cur, Taken, K, Found.empty())) {
        Found.insert(Found.begin(), *Note);
        Next = Cur;
        break;
      }
      if (Caught(Cur))
        return Found;
      if (!Starts(Cur))
        PushPreds(Cur);
    }
    if (!Next || Starts(Next) || Caught(Next))
      break;
    From = Next;
  }
  return Found;
}

std::optional<FlowNote> Solver::describe(const CFGBlock *Branch,
                                         const CFGBlock *Taken,
                                         FlowExit::Kind K, bool Nearest) {
  const Stmt *T = Branch->getTerminatorStmt();
  if (!T)
    return std::nullopt;
  unsigned Reachable = 0, Index = ~0u, I = 0;
  for (const CFGBlock::AdjacentBlock &S : Branch->succs()) {
    if (S.getReachableBlock())
      ++Reachable;
    if (S.getReachableBlock() == Taken && Index == ~0u)
      Index = I;
    ++I;
  }
  if (Reachable < 2 || Index == ~0u)
    return std::nullopt;
  const Stmt *Cond = Branch->getTerminatorCondition();
  SourceLocation Loc = Cond ? Cond->getBeginLoc() : T->getBeginLoc();
  bool True = Index == 0;
  switch (T->getStmtClass()) {
  case Stmt::IfStmtClass:
    if (Nearest && True) {
      switch (K) {
      case FlowExit::Kind::Return:
        return FlowNote{Loc, "taking the early return here"};
      case FlowExit::Kind::CoReturn:
        return FlowNote{Loc, "taking the early 'co_return' here"};
      case FlowExit::Kind::Throw:
        return FlowNote{Loc, "taking the 'throw' here"};
      case FlowExit::Kind::Break:
        return FlowNote{Loc, "taking the 'break' here"};
      case FlowExit::Kind::Continue:
        return FlowNote{Loc, "taking the 'continue' here"};
      case FlowExit::Kind::Goto:
        return FlowNote{Loc, "taking the 'goto' here"};
      default:
        break;
      }
    }
    [[fallthrough]];
  case Stmt::ConditionalOperatorClass:
  case Stmt::BinaryConditionalOperatorClass:
  case Stmt::BinaryOperatorClass:
    return FlowNote{Loc, True ? "when this condition is true"
                              : "when this condition is false"};
  case Stmt::WhileStmtClass:
  case Stmt::ForStmtClass:
  case Stmt::DoStmtClass:
  case Stmt::CXXForRangeStmtClass:
    return FlowNote{Loc, True ? "entering the loop body here"
                              : "leaving the loop here"};
  case Stmt::SwitchStmtClass:
    if (const Stmt *Label = Taken->getLabel()) {
      if (isa<CaseStmt>(Label))
        return FlowNote{Label->getBeginLoc(), "on this 'case'"};
      if (isa<DefaultStmt>(Label))
        return FlowNote{Label->getBeginLoc(), "on the 'default' case"};
    }
    return FlowNote{Loc, "when no 'case' matches"};
  default:
    return std::nullopt;
  }
}

const Stmt *Solver::dropSite(const CFGBlock *B, unsigned EventIdx,
                             unsigned E) {
  auto LastDrop = [&](const CFGBlock *Cur, unsigned End,
                      bool &Stop) -> const Stmt * {
    const auto &Events = M.Events[Cur->getBlockID()];
    for (unsigned I = std::min<unsigned>(End, Events.size()); I-- > 0;) {
      if (Events[I].Entity != E)
        continue;
      if (Events[I].K == Ev::Drop)
        return Events[I].S;
      if (startsOwnership(Events[I], E)) {
        Stop = true;
        return nullptr;
      }
    }
    return nullptr;
  };
  bool Stop = false;
  if (const Stmt *S = LastDrop(B, EventIdx, Stop))
    return S;
  if (Stop)
    return nullptr;
  std::deque<const CFGBlock *> Queue;
  llvm::DenseSet<const CFGBlock *> Seen{B};
  auto PushPreds = [&](const CFGBlock *Cur) {
    for (const CFGBlock::AdjacentBlock &P : Cur->preds()) {
      const CFGBlock *PB = P.getReachableBlock();
      if (reachable(PB) && Out[PB->getBlockID()].test(D(E)) &&
          Seen.insert(PB).second)
        Queue.push_back(PB);
    }
    if (!M.HandlerPreds.empty())
      for (const CFGBlock *PB : M.HandlerPreds[Cur->getBlockID()])
        if (Seen.insert(PB).second)
          Queue.push_back(PB);
  };
  PushPreds(B);
  while (!Queue.empty()) {
    const CFGBlock *Cur = Queue.front();
    Queue.pop_front();
    bool CurStop = false;
    if (const Stmt *S = LastDrop(Cur, ~0u, CurStop))
      return S;
    if (!CurStop)
      PushPreds(Cur);
  }
  return nullptr;
}

} // namespace

// Whether a guard temporary that its full-expression destroys still owned
// its value: discarded, or only used as the object of a member call that is
// not a drop, or bound to a const reference parameter. Anything else (moved
// into a parameter, returned, ...) is ownership handed on.
static bool temporaryLeaks(const FunctionModel &M,
                           const CXXBindTemporaryExpr *BTE) {
  const Stmt *C = BTE;
  const Stmt *P = M.parent(C);
  // The guard `co_await f()` yields is the temporary made by the await_resume
  // call, the CoawaitExpr's resume expression: the co_await is its value.
  while (P && (isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
                   FullExpr>(P) ||
               (isa<CXXFunctionalCastExpr>(P) &&
                cast<CastExpr>(P)->getCastKind() == CK_NoOp) ||
               (isa<CoroutineSuspendExpr>(P) &&
                cast<CoroutineSuspendExpr>(P)->getResumeExpr() == C))) {
    C = P;
    P = M.parent(P);
  }
  if (!P)
    return false;
  if (isa<CompoundStmt, CaseStmt, DefaultStmt, LabelStmt, AttributedStmt>(P))
    return true;
  if (const auto *If = dyn_cast<IfStmt>(P))
    return C == If->getThen() || C == If->getElse();
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(P))
    return Cast->getCastKind() == CK_ToVoid;
  if (const auto *ME = dyn_cast<MemberExpr>(P)) {
    const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
    if (!MD)
      return false;
    llvm::StringRef Name = MD->getIdentifier() ? MD->getName() : "";
    // Members qualified && (unsafe_into_inner_dont_drop, the conversion to
    // GuardHandoff) consume the guard.
    return !M.isDropName(Name) && MD->getRefQualifier() != RQ_RValue;
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P))
    if (isa_and_nonnull<CXXMethodDecl>(OC->getDirectCallee()) &&
        OC->getNumArgs() > 0 && OC->getArg(0) == C)
      return OC->getOperator() != OO_Equal;
  // Bound to a const reference parameter: destroyed after the call.
  auto ConstRefParam = [&](const FunctionDecl *FD,
                           llvm::ArrayRef<const Expr *> Args,
                           unsigned Offset) {
    for (unsigned I = 0; I < Args.size(); ++I)
      if (Args[I] == C && FD && I + Offset < FD->getNumParams()) {
        QualType T = FD->getParamDecl(I + Offset)->getType();
        return T->isLValueReferenceType() &&
               T->getPointeeType().isConstQualified();
      }
    return false;
  };
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P)) {
    bool Method = isa_and_nonnull<CXXMethodDecl>(OC->getDirectCallee());
    llvm::ArrayRef<const Expr *> Args(OC->getArgs(), OC->getNumArgs());
    return Method ? ConstRefParam(OC->getDirectCallee(), Args.drop_front(), 0)
                  : ConstRefParam(OC->getDirectCallee(), Args, 0);
  }
  if (const auto *Call = dyn_cast<CallExpr>(P))
    return ConstRefParam(Call->getDirectCallee(),
                         {Call->getArgs(), Call->getNumArgs()}, 0);
  if (const auto *CE = dyn_cast<CXXConstructExpr>(P))
    return ConstRefParam(CE->getConstructor(), {CE->getArgs(), CE->getNumArgs()},
                         0);
  return false;
}

// ASYNCDROP_FLOW_DEBUG=1 in the environment prints each analysed function's
// CFG, entities and events to stderr.
static void debugDump(const FunctionModel &M) {
  static const bool Enabled = std::getenv("ASYNCDROP_FLOW_DEBUG") != nullptr;
  if (!Enabled)
    return;
  llvm::errs() << "== GuardFlow: " << M.F->getQualifiedNameAsString() << "\n";
  for (unsigned I = 0; I < M.Entities.size(); ++I)
    llvm::errs() << "  entity " << I << ": "
                 << M.Entities[I].Decl->getNameAsString() << "\n";
  M.Cfg->print(llvm::errs(), M.Ctx.getLangOpts(), false);
  static const char *Names[] = {"Init",   "InitFrom",   "Drop", "MoveOut",
                                "Escape", "Assign",     "AssignFrom",
                                "Use",    "Dtor",       "Throw", "MayThrow"};
  for (unsigned B = 0; B < M.Events.size(); ++B)
    for (const Event &E : M.Events[B])
      llvm::errs() << "  B" << B << ": " << Names[static_cast<int>(E.K)]
                   << " entity " << E.Entity << "\n";
}

static std::optional<FlowResult> solve(FunctionModel &M) {
  debugDump(M);
  FlowResult R;
  R.IsCoroutine = M.IsCoroutine;
  R.Entities = M.Entities;
  R.Consumed.assign(M.Entities.size(), false);
  R.Moved.assign(M.Entities.size(), false);
  for (const auto &Events : M.Events)
    for (const Event &Ev : Events) {
      if (Ev.K == Ev::Drop || Ev.K == Ev::MoveOut || Ev.K == Ev::Escape)
        R.Consumed[Ev.Entity] = true;
      if (Ev.K == Ev::MoveOut || Ev.K == Ev::Escape)
        R.Moved[Ev.Entity] = true;
      if (Ev.K == Ev::InitFrom || Ev.K == Ev::AssignFrom)
        R.Consumed[Ev.From] = R.Moved[Ev.From] = true;
    }
  if (!M.Entities.empty()) {
    Solver S(M, R);
    S.run();
  }
  for (const CXXBindTemporaryExpr *BTE : M.DestroyedTemps)
    if (temporaryLeaks(M, BTE))
      R.Temporaries.push_back({BTE, BTE->getBeginLoc()});
  return R;
}

std::optional<FlowResult> GuardFlow::analyze(ASTContext &Ctx,
                                             const FunctionDecl *F,
                                             llvm::ArrayRef<FlowEntity> Entities,
                                             const FlowOptions &Opts) {
  FunctionModel M(Ctx, *this, F, Opts);
  if (!M.build())
    return std::nullopt;
  for (const FlowEntity &E : Entities)
    M.addEntity(E);
  M.computeEvents();
  return solve(M);
}

std::optional<FlowResult> GuardFlow::analyzeGuards(ASTContext &Ctx,
                                                   const FunctionDecl *F,
                                                   const FlowOptions &Opts) {
  FunctionModel M(Ctx, *this, F, Opts);
  if (!M.build())
    return std::nullopt;
  M.discoverGuards(/*WithReferenceParams=*/Opts.CollectUses);
  if (M.Entities.empty() && !Opts.FindTemporaries)
    return FlowResult{};
  M.computeEvents();
  return solve(M);
}

ParamEffect GuardFlow::calleeParamEffect(ASTContext &Ctx,
                                         const FunctionDecl *F,
                                         unsigned Param) {
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def) || !Def || Param >= Def->getNumParams())
    return ParamEffect::None;
  // A virtual call may land in another override.
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Def); MD && MD->isVirtual())
    return ParamEffect::None;
  const ParmVarDecl *PVD = Def->getParamDecl(Param);
  if (!PVD->getType()->isLValueReferenceType())
    return ParamEffect::None;
  auto Key = std::make_pair(Def, Param);
  if (auto It = Summaries.find(Key); It != Summaries.end())
    return It->second;
  // Recursion (and deep chains of helpers) assume "does nothing".
  Summaries[Key] = ParamEffect::None;
  if (SummaryDepth >= 3)
    return ParamEffect::None;
  ++SummaryDepth;
  FlowEntity E = FlowEntity::var(PVD);
  std::optional<FlowResult> R = analyze(Ctx, Def, E, FlowOptions());
  --SummaryDepth;
  ParamEffect Effect = ParamEffect::None;
  // Moved on every path (into a container, say) leaves the caller a
  // moved-from guard, not a dropped one: using it then is no use-after-drop.
  if (R && R->droppedOnEveryPath(0))
    Effect = R->Moved[0] ? ParamEffect::Consumes : ParamEffect::Drops;
  else if (R && R->Consumed[0])
    Effect = ParamEffect::Unknown;
  Summaries[Key] = Effect;
  return Effect;
}

} // namespace clang::tidy::asyncdrop
