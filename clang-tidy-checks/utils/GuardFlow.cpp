// GuardFlow, part 2: the fixpoint over the per-block events, the reports
// (exits, uses after a drop, leaked temporaries) and the path notes.

#include "GuardFlow.h"
#include "CompileErrors.h"
#include "GuardFlowModel.h"
#include "RuntimeNames.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/IgnoreExpr.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/BitVector.h"
#include <cstdlib>
#include <deque>

namespace clang::tidy::asyncdrop {

using namespace flow_detail;

namespace flow_detail {
static const Expr *decidingCondition(const CFGBlock *Block);
} // namespace flow_detail

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

// The bit positions of the lattice described in GuardFlow.h: per entity a
// run of N "may own" bits, then N "may be dropped", N "may have escaped",
// then one "runs" bit. One such vector per scenario.
class Bits {
public:
  explicit Bits(unsigned N) : N(N) {}
  unsigned owned(unsigned E) const { return E; }
  unsigned dropped(unsigned E) const { return N + E; }
  unsigned escaped(unsigned E) const { return 2 * N + E; }
  unsigned runs() const { return 3 * N; }
  unsigned size() const { return 3 * N + 1; }

private:
  unsigned N;
};

/// A dataflow value: one bit vector per scenario (see GuardFlow.h).
using FlowState = llvm::SmallVector<llvm::BitVector, 1>;

static void joinInto(FlowState &To, const FlowState &From) {
  for (unsigned Sc = 0; Sc < To.size(); ++Sc)
    To[Sc] |= From[Sc];
}

class Solver {
public:
  Solver(FunctionModel &M, FlowResult &R)
      : M(M), R(R), N(M.Entities.size()), B(N),
        Scenarios(1u << M.Conditions.size()),
        NumBlocks(M.Cfg->getNumBlockIDs()) {}

  void run();

private:
  bool tracksExit(unsigned E) const {
    return M.Entities[E].isField() || M.Entities[E].isParam();
  }
  FlowState bottom() const {
    return FlowState(Scenarios, llvm::BitVector(B.size()));
  }
  bool feasible(const FlowState &S) const {
    return llvm::any_of(
        S, [&](const llvm::BitVector &V) { return V.test(B.runs()); });
  }
  bool reachable(const CFGBlock *Block) const {
    return Block && feasible(Out[Block->getBlockID()]);
  }
  /// The first scenario in which Bit is set, or ~0u.
  unsigned scenarioWith(const FlowState &S, unsigned Bit) const {
    for (unsigned Sc = 0; Sc < S.size(); ++Sc)
      if (S[Sc].test(Bit))
        return Sc;
    return ~0u;
  }
  bool any(const FlowState &S, unsigned Bit) const {
    return scenarioWith(S, Bit) != ~0u;
  }

  void join(const CFGBlock *Block, FlowState &In) const;
  void refine(llvm::BitVector &V, unsigned Scenario, const BranchTest &T,
              bool Outcome) const;
  llvm::BitVector edgeState(const CFGBlock *Pred, const CFGBlock *Succ,
                            unsigned Scenario) const;
  llvm::BitVector edgeState(const CFGBlock *Pred, const CFGBlock *Succ,
                            unsigned Scenario,
                            const llvm::BitVector &Src) const;
  void transfer(const CFGBlock *Block, FlowState &S, bool Report,
                FlowState *Thrown = nullptr);
  void apply(const Event &Ev, llvm::BitVector &V, llvm::BitVector *Thrown);
  void report(const CFGBlock *Block, unsigned EventIdx, const Event &Ev,
              const FlowState &S);
  void forgetCondition(FlowState &S, unsigned Condition) const;
  void moveState(llvm::BitVector &V, unsigned From, unsigned To) const {
    bool Owned = V.test(B.owned(From)), Dropped = V.test(B.dropped(From)),
         Escaped = V.test(B.escaped(From));
    clear(V, From);
    V[B.owned(To)] = Owned;
    V[B.dropped(To)] = Dropped;
    V[B.escaped(To)] = Escaped;
  }
  void clear(llvm::BitVector &V, unsigned E) const {
    V.reset(B.owned(E));
    V.reset(B.dropped(E));
    V.reset(B.escaped(E));
  }
  void exitAt(const FlowState &S, unsigned E, FlowExit::Kind K, const Stmt *At,
              SourceLocation Loc, const CFGBlock *Block, unsigned EventIdx);
  void functionExits(const CFGBlock *Block, const FlowState &S);
  bool onExceptionPath(const CFGBlock *Block, const Stmt *At,
                       FlowExit::Kind K) const;
  llvm::SmallVector<FlowNote, 2> notes(const CFGBlock *Block, unsigned EventIdx,
                                       unsigned E, FlowExit::Kind K,
                                       unsigned Scenario);
  std::optional<FlowNote> describe(const CFGBlock *Branch,
                                   const CFGBlock *Taken, FlowExit::Kind K,
                                   bool Nearest);
  const Stmt *dropSite(const CFGBlock *Block, unsigned EventIdx, unsigned E);
  void findHandlerMasks();

  FunctionModel &M;
  FlowResult &R;
  unsigned N;
  Bits B;
  unsigned Scenarios, NumBlocks;
  std::vector<FlowState> In, Out;
  // For blocks inside a try: the union of the states before each call that
  // may throw (and each throw), which is what its handlers may start from.
  std::vector<FlowState> Thrown;
  // Per catch handler block: the entities declared inside its try block,
  // which unwinding destroyed before the handler runs.
  llvm::DenseMap<const CFGBlock *, llvm::SmallVector<unsigned, 2>> HandlerMasks;
  llvm::DenseSet<std::pair<unsigned, unsigned>> SeenExits; // entity, loc
  llvm::DenseSet<const Stmt *> SeenUses;
};

// Drops the states the outcome of T rules out on one edge. A scenario left
// with no state in which the test has that outcome cannot take the edge: it
// becomes bottom (nothing runs there).
void Solver::refine(llvm::BitVector &V, unsigned Scenario, const BranchTest &T,
                    bool Outcome) const {
  if (!V.test(B.runs()))
    return;
  if (T.K == BranchTest::Kind::Condition) {
    if (bool((Scenario >> T.Index) & 1) != Outcome)
      V.reset();
    return;
  }
  unsigned E = T.Index;
  if (T.K == BranchTest::Kind::HasValue) {
    // An AsyncDropResult holding an error owns nothing (nor is it a dropped
    // guard): the path where the test is false has nothing to drop. Holding
    // a value says nothing about whether it was dropped yet.
    if (!Outcome) {
      V.reset(B.owned(E));
      V.reset(B.dropped(E));
    }
    return;
  }
  bool Owned = V.test(B.owned(E)), Dropped = V.test(B.dropped(E)),
       Escaped = V.test(B.escaped(E));
  if (!Owned && !Dropped)
    return; // moved from, escaped or not live here: the test says nothing
  if (Outcome) {
    // is_dropped() is true: the paths where it still owns its value are not
    // the ones that get here.
    if (!Dropped && !Escaped) {
      V.reset();
      return;
    }
    V.reset(B.owned(E));
    V.set(B.dropped(E));
  } else {
    if (!Owned && !Escaped) {
      V.reset();
      return;
    }
    V.reset(B.dropped(E));
  }
}

// The state that flows along the edge(s) from Pred to Succ in one scenario.
llvm::BitVector Solver::edgeState(const CFGBlock *Pred, const CFGBlock *Succ,
                                  unsigned Scenario) const {
  return edgeState(Pred, Succ, Scenario, Out[Pred->getBlockID()][Scenario]);
}

llvm::BitVector Solver::edgeState(const CFGBlock *Pred, const CFGBlock *Succ,
                                  unsigned Scenario,
                                  const llvm::BitVector &Src) const {
  const std::optional<BranchTest> &T = M.Tests[Pred->getBlockID()];
  if (!T)
    return Src;
  llvm::BitVector Result(B.size());
  unsigned I = 0;
  for (const CFGBlock::AdjacentBlock &S : Pred->succs()) {
    if (S.getReachableBlock() == Succ && I < 2) {
      llvm::BitVector V = Src;
      refine(V, Scenario, *T, (I == 0) != T->Negated);
      Result |= V;
    }
    ++I;
  }
  return Result;
}

void Solver::join(const CFGBlock *Block, FlowState &NewIn) const {
  unsigned ID = Block->getBlockID();
  for (const CFGBlock::AdjacentBlock &P : Block->preds()) {
    const CFGBlock *PB = P.getReachableBlock();
    if (!reachable(PB))
      continue;
    if (!M.Tests[PB->getBlockID()]) {
      joinInto(NewIn, Out[PB->getBlockID()]);
      continue;
    }
    for (unsigned Sc = 0; Sc < Scenarios; ++Sc)
      NewIn[Sc] |= edgeState(PB, Block, Sc);
  }
  if (!M.HandlerPreds.empty())
    for (const CFGBlock *P : M.HandlerPreds[ID])
      joinInto(NewIn, Thrown[P->getBlockID()]);
  if (auto It = HandlerMasks.find(Block); It != HandlerMasks.end())
    for (llvm::BitVector &V : NewIn)
      for (unsigned E : It->second)
        clear(V, E);
}

void Solver::findHandlerMasks() {
  for (const auto &[Try, Blocks] : M.Handlers) {
    llvm::SmallVector<unsigned, 2> Inside;
    for (unsigned E = 0; E < N; ++E)
      if (M.throwDestroys(ThrowTarget{Try}, E))
        Inside.push_back(E);
    if (Inside.empty())
      continue;
    for (const CFGBlock *H : Blocks)
      HandlerMasks[H] = Inside;
  }
}

void Solver::run() {
  In.assign(NumBlocks, bottom());
  Out.assign(NumBlocks, bottom());
  if (!M.InTry.empty())
    Thrown.assign(NumBlocks, bottom());
  findHandlerMasks();
  FlowState Entry = bottom();
  for (llvm::BitVector &V : Entry) {
    V.set(B.runs());
    for (unsigned E = 0; E < N; ++E)
      if (tracksExit(E))
        V.set(B.owned(E));
  }

  // Clang's worklist visits blocks in reverse post-order; the virtual edges
  // into catch handlers are enqueued by hand.
  PostOrderCFGView Order(M.Cfg.get());
  ForwardDataflowWorklist Work(*M.Cfg, &Order);
  const CFGBlock *EntryBlock = &M.Cfg->getEntry();
  Work.enqueueBlock(EntryBlock);
  FlowState NewIn = bottom(), NewOut = bottom(), NewThrown = bottom();
  while (const CFGBlock *Block = Work.dequeue()) {
    unsigned ID = Block->getBlockID();
    // Reset in place: no allocation per visit.
    if (Block == EntryBlock)
      NewIn = Entry;
    else
      for (llvm::BitVector &V : NewIn)
        V.reset();
    join(Block, NewIn);
    NewOut = NewIn;
    bool InTry = !M.InTry.empty() && M.InTry[ID];
    if (InTry)
      for (llvm::BitVector &V : NewThrown)
        V.reset();
    transfer(Block, NewOut, /*Report=*/false, InTry ? &NewThrown : nullptr);
    if (NewIn == In[ID] && NewOut == Out[ID] &&
        (!InTry || NewThrown == Thrown[ID]))
      continue;
    In[ID] = NewIn;
    Out[ID] = NewOut;
    if (InTry)
      Thrown[ID] = NewThrown;
    Work.enqueueSuccessors(Block);
    if (!M.HandlerSuccs.empty())
      for (const CFGBlock *S : M.HandlerSuccs[ID])
        Work.enqueueBlock(S);
  }

  // Replay once more with the final states, reporting: reverse post-order,
  // then the blocks only the virtual handler edges reach.
  llvm::BitVector Replayed(NumBlocks);
  FlowState S = bottom();
  auto Replay = [&](const CFGBlock *Block) {
    unsigned ID = Block->getBlockID();
    if (Replayed.test(ID) || !feasible(In[ID]))
      return;
    Replayed.set(ID);
    S = In[ID];
    transfer(Block, S, /*Report=*/true);
    functionExits(Block, S);
  };
  for (const CFGBlock *Block : Order)
    Replay(Block);
  for (const CFGBlock *Block : *M.Cfg)
    Replay(Block);
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

// The effect of one event on one scenario's state.
void Solver::apply(const Event &Ev, llvm::BitVector &V,
                   llvm::BitVector *Thrown) {
  unsigned E = Ev.Entity;
  switch (Ev.K) {
  case Ev::Init:
  case Ev::Assign:
    clear(V, E);
    V.set(B.owned(E));
    break;
  case Ev::InitFrom:
  case Ev::AssignFrom:
    moveState(V, Ev.From, E);
    break;
  case Ev::Drop:
    V.reset(B.owned(E));
    V.set(B.dropped(E));
    break;
  case Ev::MayDrop:
    if (V.test(B.owned(E)))
      V.set(B.dropped(E));
    break;
  case Ev::MoveOut:
    V.reset(B.owned(E));
    V.reset(B.dropped(E));
    break;
  case Ev::Escape:
    V.reset(B.owned(E));
    V.reset(B.dropped(E));
    V.set(B.escaped(E));
    break;
  case Ev::Dtor:
    clear(V, E);
    break;
  case Ev::MayThrow:
  case Ev::Throw:
    if (Thrown)
      *Thrown |= V;
    break;
  case Ev::InitEmpty:
    clear(V, E);
    break;
  case Ev::Arm: {
    const GuardRule *Rule = M.ruleOf(E);
    bool Reusable = Rule && Rule->ReusableAfterDrop;
    if (V.test(B.escaped(E)) || (!Reusable && V.test(B.dropped(E))))
      break;
    V.reset(B.dropped(E));
    V.set(B.owned(E));
    break;
  }
  case Ev::Use:
  case Ev::ResetCondition:
    break;
  }
}

// A condition variable initialised (again, in a loop): whatever value it had
// is forgotten, so each pair of scenarios that differ only in it merges.
void Solver::forgetCondition(FlowState &S, unsigned Condition) const {
  unsigned Mask = 1u << Condition;
  for (unsigned Sc = 0; Sc < S.size(); ++Sc)
    if (!(Sc & Mask)) {
      S[Sc] |= S[Sc | Mask];
      S[Sc | Mask] = S[Sc];
    }
}

void Solver::transfer(const CFGBlock *Block, FlowState &S, bool Report,
                      FlowState *Thrown) {
  const auto &Events = M.Events[Block->getBlockID()];
  for (unsigned I = 0; I < Events.size(); ++I) {
    const Event &Ev = Events[I];
    if (Report)
      report(Block, I, Ev, S);
    if (Ev.K == Ev::ResetCondition) {
      forgetCondition(S, Ev.Entity);
      continue;
    }
    for (unsigned Sc = 0; Sc < S.size(); ++Sc)
      if (S[Sc].test(B.runs()))
        apply(Ev, S[Sc], Thrown ? &(*Thrown)[Sc] : nullptr);
  }
}

// What an event reveals about the state just before it.
void Solver::report(const CFGBlock *Block, unsigned I, const Event &Ev,
                    const FlowState &S) {
  unsigned E = Ev.Entity;
  switch (Ev.K) {
  case Ev::Assign:
  case Ev::AssignFrom:
    if (any(S, B.owned(E))) {
      const auto *OC = dyn_cast<CXXOperatorCallExpr>(Ev.S);
      exitAt(S, E, FlowExit::Kind::Reassign, Ev.S,
             OC ? OC->getOperatorLoc() : Ev.S->getBeginLoc(), Block, I);
    }
    break;
  case Ev::Use:
    if (M.Opts.CollectUses && any(S, B.dropped(E)) &&
        SeenUses.insert(Ev.S).second)
      R.Uses.push_back({E, cast<Expr>(Ev.S), dropSite(Block, I, E)});
    break;
  case Ev::Dtor:
    if (any(S, B.owned(E)))
      exitAt(S, E, exitKindOf(Ev.S), Ev.S, exitLocOf(Ev.S), Block, I);
    break;
  case Ev::Throw: {
    if (!M.Opts.CheckThrowPaths)
      break;
    const auto *T = cast<Expr>(Ev.S);
    const ThrowTarget &Target = M.ThrowTargets[T];
    const auto *TE = dyn_cast<CXXThrowExpr>(T);
    SourceLocation Loc = TE ? TE->getThrowLoc() : T->getBeginLoc();
    for (unsigned Ent = 0; Ent < N; ++Ent) {
      bool Live =
          any(S, B.owned(Ent)) || (tracksExit(Ent) && any(S, B.escaped(Ent)));
      if (Live && M.throwDestroys(Target, Ent))
        exitAt(S, Ent, FlowExit::Kind::Throw, T, Loc, Block, I);
    }
    break;
  }
  default:
    break;
  }
}

// Blocks that reach EXIT: the function's exits, for parameters and fields.
void Solver::functionExits(const CFGBlock *Block, const FlowState &S) {
  bool ToExit = false;
  for (const CFGBlock::AdjacentBlock &Succ : Block->succs())
    ToExit |= Succ.getReachableBlock() == &M.Cfg->getExit();
  // A noreturn call ends the program, a try's dispatch block only carries
  // exceptions nobody caught, and a throw block was handled at the throw.
  if (!ToExit || Block->hasNoReturnElement() ||
      isa_and_nonnull<CXXTryStmt>(Block->getTerminatorStmt()))
    return;
  const Stmt *Exit = nullptr;
  for (const CFGBlock *Cur = Block; Cur && !Exit;) {
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
    Cur = (!Exit && Cur->pred_size() == 1)
              ? Cur->pred_begin()->getReachableBlock()
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
  // What leaves along the edge to EXIT (a branch test may rule states out:
  // `if (!m_.is_dropped()) co_await m_.async_drop();` at the end).
  FlowState Leaving = bottom();
  for (unsigned Sc = 0; Sc < Scenarios; ++Sc)
    Leaving[Sc] = M.Tests[Block->getBlockID()]
                      ? edgeState(Block, &M.Cfg->getExit(), Sc, S[Sc])
                      : S[Sc];
  unsigned Idx = M.Events[Block->getBlockID()].size();
  for (unsigned E = 0; E < N; ++E)
    if (tracksExit(E) &&
        (any(Leaving, B.owned(E)) || any(Leaving, B.escaped(E))))
      exitAt(Leaving, E, K, Exit, Loc, Block, Idx);
}

// An explicit throw, or an exit inside a catch handler (which only an
// exception leads to).
bool Solver::onExceptionPath(const CFGBlock *Block, const Stmt *At,
                             FlowExit::Kind K) const {
  if (K == FlowExit::Kind::Throw)
    return true;
  if (M.Handlers.empty())
    return false;
  const Stmt *From = At;
  if (!From)
    for (const CFGElement &El : *Block)
      if (auto CS = El.getAs<CFGStmt>()) {
        From = CS->getStmt();
        break;
      }
  for (const Stmt *P = From; P; P = M.parent(P))
    if (isa<CXXCatchStmt>(P))
      return true;
  return false;
}

void Solver::exitAt(const FlowState &S, unsigned E, FlowExit::Kind K,
                    const Stmt *At, SourceLocation Loc, const CFGBlock *Block,
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
  unsigned Owning = scenarioWith(S, B.owned(E));
  X.MayBeOwned = Owning != ~0u;
  X.MayHaveEscaped = any(S, B.escaped(E));
  X.OnExceptionPath = onExceptionPath(Block, At, K);
  if (X.MayBeOwned)
    X.Notes = notes(Block, EventIdx, E, K, Owning);
  R.Exits.push_back(std::move(X));
}

static bool startsOwnership(const Event &Ev, unsigned E) {
  return Ev.Entity == E &&
         (Ev.K == Ev::Init || Ev.K == Ev::Assign || Ev.K == Ev::InitFrom ||
          Ev.K == Ev::AssignFrom || Ev.K == Ev::Arm);
}

// Walks back from the exit over edges along which the entity may still be
// owned, in the scenario where it is, to the nearest branches, so the user
// sees which way leads there. An edge a branch test rules out carries no
// state, so the walk never describes a path that cannot run.
llvm::SmallVector<FlowNote, 2> Solver::notes(const CFGBlock *Block,
                                             unsigned EventIdx, unsigned E,
                                             FlowExit::Kind K,
                                             unsigned Scenario) {
  llvm::SmallVector<FlowNote, 2> Found;
  const auto &Events = M.Events[Block->getBlockID()];
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
  if (Caught(Block))
    return Found;
  const CFGBlock *From = Block;
  while (From && Found.size() < 2) {
    // Breadth first: the nearest branch on some path where E stays owned.
    std::deque<std::pair<const CFGBlock *, const CFGBlock *>> Queue;
    llvm::DenseSet<const CFGBlock *> Seen{From};
    auto PushPreds = [&](const CFGBlock *Cur) {
      for (const CFGBlock::AdjacentBlock &P : Cur->preds()) {
        const CFGBlock *PB = P.getReachableBlock();
        if (reachable(PB) && !Seen.count(PB) &&
            edgeState(PB, Cur, Scenario).test(B.owned(E)) &&
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
  // In `if (a && b)` the branch of b's block is b, not the whole condition.
  const Stmt *Cond = decidingCondition(Branch);
  if (!Cond)
    Cond = Branch->getTerminatorCondition();
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

const Stmt *Solver::dropSite(const CFGBlock *Block, unsigned EventIdx,
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
  if (const Stmt *S = LastDrop(Block, EventIdx, Stop))
    return S;
  if (Stop)
    return nullptr;
  std::deque<const CFGBlock *> Queue;
  llvm::DenseSet<const CFGBlock *> Seen{Block};
  auto PushPreds = [&](const CFGBlock *Cur) {
    for (const CFGBlock::AdjacentBlock &P : Cur->preds()) {
      const CFGBlock *PB = P.getReachableBlock();
      if (!reachable(PB) || Seen.count(PB))
        continue;
      bool Dropped = false;
      for (unsigned Sc = 0; Sc < Scenarios && !Dropped; ++Sc)
        Dropped = edgeState(PB, Cur, Sc).test(B.dropped(E));
      if (Dropped && Seen.insert(PB).second)
        Queue.push_back(PB);
    }
    if (!M.HandlerPreds.empty())
      for (const CFGBlock *PB : M.HandlerPreds[Cur->getBlockID()])
        if (Seen.insert(PB).second)
          Queue.push_back(PB);
  };
  PushPreds(Block);
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

// ------------------------------------------------------- branch tests --

namespace flow_detail {

static const Expr *stripCondition(const Expr *E) {
  return IgnoreExprNodes(E, IgnoreImplicitSingleStep, IgnoreParensSingleStep);
}

// `r.has_value()`, or `r` converted to bool (`if (!r)`), on an
// AsyncDropResult.
static bool isResultValueTest(const CXXMemberCallExpr *MC) {
  const CXXMethodDecl *MD = MC->getMethodDecl();
  if (!MD || MC->getNumArgs() != 0 ||
      !isRuntimeEntity(MD->getParent(), "AsyncDropResult"))
    return false;
  if (isa<CXXConversionDecl>(MD))
    return MD->getReturnType()->isBooleanType();
  return MD->getIdentifier() && MD->getName() == "has_value";
}

static bool isConditionCandidate(const VarDecl *VD) {
  return VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType() &&
         VD->getType()->isScalarType() && !VD->getType().isVolatileQualified();
}

// The test a branch's condition makes: through `!`, an `e.is_dropped()` on
// a tracked entity or a local scalar value. Condition variables are only
// candidates here; findBranchTests keeps the ones it can trust.
std::optional<BranchTest> FunctionModel::testOf(const Expr *Cond) const {
  BranchTest T;
  for (unsigned Step = 0; Cond && Step < 64; ++Step) {
    Cond = stripCondition(Cond);
    const auto *UO = dyn_cast<UnaryOperator>(Cond);
    if (!UO || UO->getOpcode() != UO_LNot)
      break;
    T.Negated = !T.Negated;
    Cond = UO->getSubExpr();
  }
  if (!Cond)
    return std::nullopt;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Cond)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (MD && MD->getIdentifier() && MD->getName() == "is_dropped" &&
        MC->getNumArgs() == 0)
      if (std::optional<unsigned> E =
              entityOf(MC->getImplicitObjectArgument())) {
        T.K = BranchTest::Kind::IsDropped;
        T.Index = *E;
        return T;
      }
    if (isResultValueTest(MC))
      if (std::optional<unsigned> E =
              entityOf(MC->getImplicitObjectArgument())) {
        T.K = BranchTest::Kind::HasValue;
        T.Index = *E;
        return T;
      }
    return std::nullopt;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Cond))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
        isConditionCandidate(VD)) {
      T.K = BranchTest::Kind::Condition;
      T.Index = ~0u; // resolved by findBranchTests
      return T;
    }
  return std::nullopt;
}

static const VarDecl *conditionVar(const Expr *Cond) {
  for (unsigned Step = 0; Cond && Step < 64; ++Step) {
    Cond = stripCondition(Cond);
    const auto *UO = dyn_cast<UnaryOperator>(Cond);
    if (!UO || UO->getOpcode() != UO_LNot)
      break;
    Cond = UO->getSubExpr();
  }
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(Cond);
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

// The expression a two-way branch block decides on. In `if (a && b)` the
// block that evaluates b ends with the `if` itself, whose condition is the
// whole `a && b`: there, only b is still undecided.
static const Expr *decidingCondition(const CFGBlock *Block) {
  const Stmt *T = Block->getTerminatorStmt();
  if (!T || Block->succ_size() != 2 ||
      !isa<IfStmt, WhileStmt, ForStmt, DoStmt, ConditionalOperator,
           BinaryOperator>(T))
    return nullptr;
  const auto *Cond = dyn_cast_or_null<Expr>(Block->getTerminatorCondition());
  if (isa<BinaryOperator>(T))
    return Cond; // the left operand of the && or ||
  for (unsigned Step = 0; Cond && Step < 64; ++Step) {
    const auto *BO = dyn_cast<BinaryOperator>(stripCondition(Cond));
    if (!BO || !BO->isLogicalOp())
      break;
    Cond = BO->getRHS();
  }
  return Cond;
}

// Whether every reference to VD only reads it (so it keeps the value of its
// initialisation for as long as it lives): no assignment, increment,
// address, non-const reference, or by-reference capture that writes.
bool FunctionModel::isUnmodified(const VarDecl *VD) const {
  llvm::SmallVector<const Stmt *, 64> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S);
        DRE && DRE->getDecl() == VD) {
      const auto *ICE = dyn_cast_or_null<ImplicitCastExpr>(parent(DRE));
      if (!ICE || ICE->getCastKind() != CK_LValueToRValue)
        return false;
    }
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return true;
}

void FunctionModel::findBranchTests() {
  Tests.assign(Cfg->getNumBlockIDs(), std::nullopt);
  llvm::SmallVector<std::pair<const VarDecl *, unsigned>, 4> Counts;
  bool AnyTest = false;
  for (const CFGBlock *B : *Cfg) {
    const Expr *Cond = decidingCondition(B);
    std::optional<BranchTest> T = Cond ? testOf(Cond) : std::nullopt;
    if (!T)
      continue;
    AnyTest = true;
    Tests[B->getBlockID()] = T;
    if (T->K != BranchTest::Kind::Condition)
      continue;
    const VarDecl *VD = conditionVar(Cond);
    auto It = llvm::find_if(Counts, [&](auto &P) { return P.first == VD; });
    if (It == Counts.end())
      Counts.push_back({VD, 1});
    else
      ++It->second;
  }
  if (!AnyTest)
    return;
  // Only a value tested twice can correlate two branches.
  for (auto [VD, Count] : Counts)
    if (Count >= 2 && Conditions.size() < MaxConditions && isUnmodified(VD))
      Conditions.push_back(VD);
  for (const CFGBlock *B : *Cfg) {
    std::optional<BranchTest> &T = Tests[B->getBlockID()];
    if (!T || T->K != BranchTest::Kind::Condition)
      continue;
    const VarDecl *VD = conditionVar(decidingCondition(B));
    const auto *It = llvm::find(Conditions, VD);
    if (It == Conditions.end())
      T.reset();
    else
      T->Index = It - Conditions.begin();
  }
}

} // namespace flow_detail

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
  while (P &&
         (isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr, FullExpr>(
              P) ||
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
                           llvm::ArrayRef<const Expr *> Args, unsigned Offset) {
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
    return ConstRefParam(CE->getConstructor(),
                         {CE->getArgs(), CE->getNumArgs()}, 0);
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
  static const char *Names[] = {
      "Init",           "InitFrom",  "Drop", "MoveOut", "Escape",   "Assign",
      "AssignFrom",     "Use",       "Dtor", "Throw",   "MayThrow", "MayDrop",
      "ResetCondition", "InitEmpty", "Arm"};
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
      if (Ev.K == Ev::Drop || Ev.K == Ev::MoveOut || Ev.K == Ev::Escape ||
          Ev.K == Ev::MayDrop)
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

std::optional<FlowResult>
GuardFlow::analyze(ASTContext &Ctx, const FunctionDecl *F,
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

bool GuardFlow::beginSummary(const SummaryKey &Key) {
  if (InProgress.size() >= MaxSummaryDepth ||
      llvm::is_contained(InProgress, Key)) {
    CutOff = true;
    return false;
  }
  InProgress.push_back(Key);
  OuterCutOff.push_back(CutOff);
  CutOff = false;
  return true;
}

void GuardFlow::endSummary(const SummaryKey &Key, ParamEffect Effect) {
  InProgress.pop_back();
  if (!CutOff)
    Summaries[Key] = Effect;
  // An inexact callee makes the caller inexact too.
  CutOff = OuterCutOff.pop_back_val() || CutOff;
}

ParamEffect GuardFlow::effectOf(const FlowResult &R, unsigned Entity) {
  // Moved on every path (into a container, say) leaves the caller a
  // moved-from guard, not a dropped one: using it then is no use-after-drop.
  if (R.droppedOnEveryPath(Entity))
    return R.Moved[Entity] ? ParamEffect::Consumes : ParamEffect::Drops;
  if (R.Consumed[Entity])
    return ParamEffect::Unknown;
  return ParamEffect::None;
}

ParamEffect GuardFlow::calleeParamEffect(ASTContext &Ctx, const FunctionDecl *F,
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
  SummaryKey Key{Def, PVD};
  if (auto It = Summaries.find(Key); It != Summaries.end())
    return It->second;
  // Recursion, or a chain of helpers deeper than the limit: assume "does
  // nothing" (precision first: the caller keeps tracking the guard).
  if (!beginSummary(Key))
    return ParamEffect::None;
  FlowEntity E = FlowEntity::var(PVD);
  std::optional<FlowResult> R = analyze(Ctx, Def, E, FlowOptions());
  ParamEffect Effect = R ? effectOf(*R, 0) : ParamEffect::None;
  endSummary(Key, Effect);
  return Effect;
}

llvm::SmallVector<ParamEffect, 4>
GuardFlow::calleeFieldEffects(ASTContext &Ctx, const CXXMethodDecl *F,
                              llvm::ArrayRef<const FieldDecl *> Fields) {
  llvm::SmallVector<ParamEffect, 4> Effects(Fields.size(), ParamEffect::None);
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def) || !Def || Fields.empty())
    return Effects;
  const auto *MD = cast<CXXMethodDecl>(Def);
  // A virtual call may land in another override; a static member has no
  // `this`.
  if ((MD->isVirtual() && !MD->hasAttr<FinalAttr>() &&
       !MD->getParent()->hasAttr<FinalAttr>()) ||
      MD->isStatic())
    return Effects;
  llvm::SmallVector<unsigned, 4> Missing;
  for (unsigned I = 0; I < Fields.size(); ++I) {
    auto It = Summaries.find({Def, Fields[I]});
    if (It != Summaries.end())
      Effects[I] = It->second;
    else
      Missing.push_back(I);
  }
  if (Missing.empty())
    return Effects;
  // One analysis for every field still unknown; its key is the first.
  SummaryKey Key{Def, Fields[Missing.front()]};
  if (!beginSummary(Key))
    return Effects;
  llvm::SmallVector<FlowEntity, 4> Entities;
  for (unsigned I : Missing)
    Entities.push_back(FlowEntity::field(Fields[I]));
  std::optional<FlowResult> R = analyze(Ctx, Def, Entities, FlowOptions());
  for (unsigned J = 0; R && J < Missing.size(); ++J) {
    ParamEffect Effect = effectOf(*R, J);
    // A member the helper may leave owned stays owned after the call.
    if (Effect == ParamEffect::Unknown && !R->Moved[J] &&
        llvm::none_of(R->Exits, [&](const FlowExit &X) {
          return X.Entity == J && X.MayHaveEscaped;
        }))
      Effect = ParamEffect::MayDrop;
    Effects[Missing[J]] = Effect;
  }
  bool Exact = !CutOff;
  endSummary(Key, Effects[Missing.front()]);
  if (Exact)
    for (unsigned J = 1; J < Missing.size(); ++J)
      Summaries[{Def, Fields[Missing[J]]}] = Effects[Missing[J]];
  return Effects;
}

// `co_await this->close_db();` (or `close_db()`): what the helper does with
// each member tracked here is what the call does.
void FunctionModel::memberHelperEvents(const CXXMemberCallExpr *Call,
                                       llvm::SmallVectorImpl<Event> &Out) {
  const Expr *Object = Call->getImplicitObjectArgument();
  if (!Object || !isa<CXXThisExpr>(Object->IgnoreParenImpCasts()))
    return;
  llvm::SmallVector<const FieldDecl *, 4> Fields;
  llvm::SmallVector<unsigned, 4> Which;
  for (unsigned I = 0; I < Entities.size(); ++I)
    if (Entities[I].isField() || Entities[I].isMember()) {
      Fields.push_back(cast<FieldDecl>(Entities[I].Decl));
      Which.push_back(I);
    }
  if (Fields.empty())
    return;
  llvm::SmallVector<ParamEffect, 4> Effects =
      Flow.calleeFieldEffects(Ctx, Call->getMethodDecl(), Fields);
  for (unsigned J = 0; J < Fields.size(); ++J) {
    if (Effects[J] == ParamEffect::Drops)
      Out.push_back({Ev::Drop, Which[J], Call});
    else if (Effects[J] == ParamEffect::Consumes)
      Out.push_back({Ev::MoveOut, Which[J], Call});
    else if (Effects[J] == ParamEffect::Unknown)
      Out.push_back({Ev::Escape, Which[J], Call});
    else if (Effects[J] == ParamEffect::MayDrop)
      Out.push_back({Ev::MayDrop, Which[J], Call});
  }
}

} // namespace clang::tidy::asyncdrop
