// GuardFlow: the flow-sensitive engine behind asyncdrop-missing-async-drop
// and asyncdrop-use-after-async-drop, also usable by other checks (e.g. "is
// this member dropped on every path of async_drop_impl()?").
//
// ---------------------------------------------------------------- the API --
//
//   GuardFlow Flow(Types);          // caches callee summaries; the checks
//                                   // share one per TU (SharedFlow.h)
//
//   // Track entities of your choice through one function definition:
//   FlowEntity Members[] = {FlowEntity::field(ConnField),
//                           FlowEntity::field(CacheField)};
//   std::optional<FlowResult> R = Flow.analyze(*Ctx, ImplMethod, Members);
//   if (!R) return;                 // not analysable: invalid code, no body,
//                                   // dependent context, CFG not buildable
//   for (const FlowExit &X : R->Exits) // one per (entity, exit point) where
//     ...                              // the entity may still be owned
//   R->droppedOnEveryPath(0)        // true: Members[0] is dropped (or handed
//                                   // on) on every path to every exit
//
//   // Or let the engine find the function's own guards (locals, by-value
//   // parameters, lifetime-extended references; with Opts.FindTemporaries
//   // leaked temporaries; with Opts.CollectUses also non-const reference
//   // parameters, and R->Uses):
//   std::optional<FlowResult> R = Flow.analyzeGuards(*Ctx, F, Opts);
//
//   // What a visible callee does with its reference parameter, and what a
//   // member function called on `this` does with members:
//   Flow.calleeParamEffect(*Ctx, Callee, I)  // None/Drops/Consumes/Unknown
//   Flow.calleeFieldEffects(*Ctx, Method, Fields)
//
// What an entity is, and where it counts as "destroyed" (an exit):
//  - FlowEntity::var(VD), VD a local variable (or a reference variable that
//    extends a temporary's lifetime): owned from its initialisation (any
//    initialisation: a default-constructed task scope must be joined too;
//    `G b = std::move(a)` takes over a's state), destroyed at each end of its
//    scope: `return`, `co_return`, `break`, `continue`, `goto`, the closing
//    brace, the end of a loop iteration, and an explicit `throw` that leaves
//    its scope.
//  - FlowEntity::var(PVD), PVD a parameter: by value or by reference, owned on
//    entry, checked at every exit of the function (each return/co_return, the
//    closing brace, a throw that leaves the function). For a reference
//    parameter that answers "does this callee drop its argument on every
//    path".
//  - FlowEntity::field(FD): a member accessed through `this` (implicitly or
//    `this->f`): owned on entry, checked at every exit like a parameter.
//  analyzeGuards also finds (owners: GuardTypes::isOwner, the configured
//  guards and the runtime's owners):
//  - FlowEntity::binding(BD): an element of `auto [a, b] = ...` (not
//    `auto &[a, b]`), owned from the declaration, destroyed with the hidden
//    DecompositionDecl.
//  - FlowEntity::capture(VD): in a lambda's call operator, a by-value init
//    capture: owned on entry, checked at every exit (isParam()).
//  - FlowEntity::member(FD): in a member function, a member of its class:
//    owned on entry (in a constructor, unless it starts default-constructed),
//    followed for uses and assignments over it (Reassign exits), never owed
//    a drop at an exit nor destroyed by a throw. A non-const member call on
//    `this`, or `this` passed on or captured, lets all of them escape.
//  - FlowEntity::dropTask(VD) (also in analyze()): a local initialised with
//    a lazy drop task (`auto t = g.async_drop();`, drop_all, a callee with an
//    ASYNCDROP_DROPS parameter): owned until awaited or handed on; its exits
//    are the places where it is destroyed unawaited.
//
// Events, in evaluation order along each path:
//  - drop: a member call on the entity whose name is a drop method
//    (GuardTypes' DropMethods, plus FlowOptions::ExtraDropMethods, plus a
//    runtime owner's async_drop()); `asyncdrop::drop_all(..., e, ...)`;
//    passing the entity by lvalue reference to a parameter annotated
//    ASYNCDROP_DROPS ([[clang::annotate("asyncdrop::drops")]]), or to a
//    visible callee that drops (or hands on) that parameter on every path (a
//    summary computed with this engine: see Callee summaries, below); for a
//    member, a call on `this` of a member function that drops it on every
//    path. A drop method's or drop_all's call, and any other such call that
//    returns a coroutine type (a class with a promise_type), makes a lazy
//    task and drops only where the task is awaited or handed on:
//    discarded (an expression statement, a cast to void) it is no event;
//    stored in a DropTask entity, its drops happen when that entity is
//    awaited (`co_await t`), moved out or returned.
//  - move out: the entity (possibly through std::move/std::forward/
//    static_cast<T&&>) consumed by a by-value or rvalue-reference parameter
//    of a function or constructor (incl. move constructors: `G b =
//    std::move(a)`, captures `[g = std::move(g)]`, members, containers,
//    with_async_drop), a move assignment's right side, or returned
//    (`return g;`, `co_return g;`).
//  - release: `std::move(g).unsafe_into_inner_dont_drop()`, or any other
//    member qualified && (`operator GuardHandoff<T>() &&`): a move out.
//  - escape: address taken, bound to a reference that is not a simple alias,
//    captured by reference in a lambda, passed by lvalue reference to a
//    visible callee that consumes it on some paths only (`if
//    (!map.try_insert(k, g)) ...`): no longer tracked on that path
//    (precision first). `auto &r = g;` is an alias: events on r act on g.
//  - re-arm: assignment to the entity (from another entity: its state moves
//    over). If the entity may still own an undropped value there, that is an
//    exit too (FlowExit::Kind::Reassign).
//  - use (CollectUses): any other member call on the entity, except the
//    names in FlowOptions::AllowedAfterDrop; reported when it may follow a
//    drop.
//  Passing the entity by lvalue reference to any other function is no event.
//
// Paths that cannot run are not followed:
//  - a branch whose condition is `e.is_dropped()` (through `!`, and as an
//    operand of `&&`, `||`, `?:`, or a loop's condition) continues on its
//    true edge only with the states where e may be dropped, on its false
//    edge only with those where it may still own its value;
//  - a branch on a local value (bool or scalar, a by-value parameter or a
//    local variable that nothing assigns, increments, takes the address of
//    or binds to a non-const reference) that at least two branches test:
//    the analysis runs once per combination of those values (at most three
//    values, eight scenarios), and each edge keeps the scenarios where the
//    value has the edge's outcome. A variable declared again (in a loop)
//    starts with either value.
//  - notes and drop sites walk back only along edges that carry the state
//    they explain, in the scenario of the exit.
//
// Callee summaries: what a visible callee does with a reference parameter
// (calleeParamEffect) or, for a non-virtual member function called on
// `this`, with each member (calleeFieldEffects), computed with this engine
// on demand. A question asked again while its answer is being computed
// (recursion), or more than MaxSummaryDepth questions deep, is answered
// "does nothing" (precision first), and the answers that depend on such a
// cut-off are not cached: whatever order the functions are analysed in,
// the same question always gets the same answer.
//
// Lambdas are separate functions (analyse the call operator on its own; its
// by-value captures are its entities). The else branch of an always-true
// test macro (gtest's `if (TrueWithString x{})`, `if (AlwaysTrue())`) is no
// path.
// Calls that merely might throw are not exits; a catch handler starts from
// the states before every call in its try block that may throw. A noreturn
// call ends the path; a jump written by a system header's macro (gtest's
// ASSERT_*) is not an exit.
//
// ------------------------------------------------------------ the lattice --
// A forward "may" analysis. The value at a program point is, per scenario
// (see above; one scenario when no value correlates branches), a bit vector:
//   owned(e)    on some path here, e holds a value nobody dropped or handed
//               on (reported when e is destroyed or overwritten);
//   dropped(e)  on some path here, e was dropped and not re-armed since
//               (a use is a use after drop);
//   escaped(e)  on some path here, e left tracking (address taken, ...);
//   runs        some path that can run reaches here. A scenario without it
//               is bottom: all bits clear, nothing reported there.
// An entity with no bit set is moved from, destroyed, or not yet declared.
// Join: bitwise OR, per scenario (the union of the paths).
// Transfer, per event in a block: Init/Assign: owned only; InitFrom/
// AssignFrom: the source's bits move over; Drop: dropped instead of owned;
// MoveOut: neither; Escape: escaped instead of either; Dtor: all clear.
// Edges: a branch test clears what its outcome rules out (the whole scenario
// when nothing is left). Catch handlers join the states before each call in
// their try block that may throw, without the try block's own entities
// (destroyed by unwinding).
//
// ------------------------------------------------------- costs and limits --
// One CFG per analysed function, events precomputed per block, clang's
// ForwardDataflowWorklist in reverse post-order (PostOrderCFGView) over
// per-block bit vectors (3 bits per entity, times the scenarios): about
// O(blocks * scenarios * entities / 64 * iterations). The parent map is
// built in one iterative walk (StmtParents), so neither time nor stack
// follows the nesting of co_await or of an expression. Nothing is analysed
// in a translation unit with compile errors.
// Everything here is single-threaded and the results point into the AST of
// the current translation unit: do not keep them past it.

#ifndef ASYNCDROP_UTILS_GUARDFLOW_H
#define ASYNCDROP_UTILS_GUARDFLOW_H

#include "GuardTypes.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace clang::tidy::asyncdrop {

/// Something that owns an undropped value until it is dropped or moved away.
struct FlowEntity {
  enum class Kind {
    Var,      ///< a local or a parameter (VarDecl)
    Field,    ///< a member, owned on entry, checked at every exit (FieldDecl)
    Binding,  ///< an element of `auto [a, b] = ...` (BindingDecl)
    Capture,  ///< a lambda's by-value init capture, seen from its call
              ///< operator: owned on entry, like a by-value parameter
    Member,   ///< a member in one of its class's member functions: owned on
              ///< entry, followed for uses after a drop and assignments over
              ///< it, never owed a drop at an exit (FieldDecl)
    DropTask, ///< a local holding a lazy drop task (`auto t = g.async_drop()`)
              ///< that is owed an await (VarDecl)
  };
  Kind K = Kind::Var;
  const ValueDecl *Decl = nullptr;

  static FlowEntity var(const VarDecl *VD) { return {Kind::Var, VD}; }
  static FlowEntity field(const FieldDecl *FD) { return {Kind::Field, FD}; }
  static FlowEntity binding(const BindingDecl *BD) {
    return {Kind::Binding, BD};
  }
  static FlowEntity capture(const VarDecl *VD) { return {Kind::Capture, VD}; }
  static FlowEntity member(const FieldDecl *FD) { return {Kind::Member, FD}; }
  static FlowEntity dropTask(const VarDecl *VD) { return {Kind::DropTask, VD}; }
  /// Owned on entry and checked at every exit of the function: a parameter,
  /// or a lambda's by-value capture (which is one in all but name).
  bool isParam() const {
    return (K == Kind::Var && isa<ParmVarDecl>(Decl)) || K == Kind::Capture;
  }
  bool isField() const { return K == Kind::Field; }
  bool isMember() const { return K == Kind::Member; }
  bool isDropTask() const { return K == Kind::DropTask; }
};

/// An explanation on the way to an exit ("taking the early return here").
struct FlowNote {
  SourceLocation Loc;
  std::string Text;
};

/// An exit at which an entity may still own an undropped value.
struct FlowExit {
  enum class Kind {
    Return,   ///< `return`            (Stmt: the ReturnStmt)
    CoReturn, ///< `co_return`         (Stmt: the CoreturnStmt)
    Throw,    ///< an explicit `throw` leaving the entity's scope
    Break,    ///< `break` out of the entity's scope
    Continue, ///< `continue`: the end of a loop iteration
    Goto,     ///< `goto` out of the entity's scope
    ScopeEnd, ///< the closing brace of the entity's scope (or of the function)
    Reassign, ///< an assignment over the entity (Stmt: the assignment)
  };
  unsigned Entity = 0; ///< index into the entities passed to analyze()
  Kind K = Kind::ScopeEnd;
  const Stmt *At = nullptr;    ///< the statement named by Kind (may be null)
  SourceLocation Loc;          ///< where the entity is destroyed: report here
  bool MayBeOwned = false;     ///< still owns an undropped value on some path
  bool MayHaveEscaped = false; ///< left tracking on some path (escape/release)
  /// The exit is an explicit `throw`, or lies inside a catch handler: the
  /// path to it is an exception's.
  bool OnExceptionPath = false;
  /// At most two, nearest to the exit last.
  llvm::SmallVector<FlowNote, 2> Notes;
};

/// A use of the entity's value on a path after a drop.
struct FlowUse {
  unsigned Entity = 0;
  const Expr *Use = nullptr;      ///< the member/operator call
  const Stmt *DropSite = nullptr; ///< a drop that reaches the use
};

/// A guard temporary destroyed at the end of its full-expression while still
/// owning its value (`make_guard<X>();`, `connect()->send()`).
struct FlowTemporary {
  const Expr *Temp = nullptr; ///< the CXXBindTemporaryExpr
  SourceLocation Loc;
};

struct FlowOptions {
  /// Report explicit `throw`s that leave an entity's scope.
  bool CheckThrowPaths = true;
  /// Fill FlowResult::Uses (costs one more replay of the events).
  bool CollectUses = false;
  /// analyzeGuards only: also look for discarded guard temporaries.
  bool FindTemporaries = false;
  /// Member calls that are not uses after a drop (besides drop methods and
  /// assignment). Names, e.g. {"is_dropped"}.
  llvm::ArrayRef<std::string> AllowedAfterDrop;
  /// Further member names that drop the entity, e.g. {"async_drop_impl"}
  /// for members held by value whose own cleanup is called directly.
  llvm::ArrayRef<std::string> ExtraDropMethods;
};

struct FlowResult {
  llvm::SmallVector<FlowEntity, 8> Entities;
  llvm::SmallVector<FlowExit, 4> Exits;
  llvm::SmallVector<FlowUse, 4> Uses;
  llvm::SmallVector<FlowTemporary, 2> Temporaries;
  /// The analysed function is a coroutine (its body is a CoroutineBodyStmt).
  bool IsCoroutine = false;

  /// Per entity: dropped, moved out or escaped somewhere in the function;
  /// moved out (or escaped) somewhere.
  llvm::SmallVector<bool, 8> Consumed, Moved;

  /// No exit where Entities[I] may be owned or may have escaped.
  bool droppedOnEveryPath(unsigned I) const;
};

/// What a callee does with a guard its parameter refers to.
enum class ParamEffect {
  None,     ///< never drops, moves or lets go of it: the caller still owns it
  Drops,    ///< drops it on every path
  Consumes, ///< drops it or moves it out, on every path (a move at least once)
  Unknown,  ///< on some paths only (or lets it escape): stop tracking
  /// Drops it on some paths and leaves it owned on the others, and never
  /// lets it escape (calleeFieldEffects only; calleeParamEffect says
  /// Unknown).
  MayDrop,
};

class GuardFlow {
public:
  explicit GuardFlow(const GuardTypes &Types) : Types(Types) {}

  /// Tracks Entities through the definition of F. std::nullopt when F cannot
  /// be analysed (no body, dependent context, errors, no CFG).
  std::optional<FlowResult> analyze(ASTContext &Ctx, const FunctionDecl *F,
                                    llvm::ArrayRef<FlowEntity> Entities,
                                    const FlowOptions &Opts = {});

  /// Finds F's own guards (locals and lifetime-extending references of a
  /// guard type, by-value guard parameters) and analyses them.
  std::optional<FlowResult> analyzeGuards(ASTContext &Ctx,
                                          const FunctionDecl *F,
                                          const FlowOptions &Opts = {});

  /// What F does with its lvalue reference parameter number Param, when F
  /// is visible and analysable (else None). See "Callee summaries" above.
  ParamEffect calleeParamEffect(ASTContext &Ctx, const FunctionDecl *F,
                                unsigned Param);
  /// What the member function F, called on `this`, does with each of
  /// Fields (members of its class): one analysis of F for all of them.
  llvm::SmallVector<ParamEffect, 4>
  calleeFieldEffects(ASTContext &Ctx, const CXXMethodDecl *F,
                     llvm::ArrayRef<const FieldDecl *> Fields);
  /// Drops or hands on (Drops or Consumes).
  bool calleeDropsParam(ASTContext &Ctx, const FunctionDecl *F,
                        unsigned Param) {
    ParamEffect E = calleeParamEffect(Ctx, F, Param);
    return E == ParamEffect::Drops || E == ParamEffect::Consumes;
  }

  const GuardTypes &types() const { return Types; }

  /// Forgets every callee summary (they point into the AST of one
  /// translation unit).
  void forgetSummaries() { Summaries.clear(); }

  /// Whether the translation unit has compile errors (then no function is
  /// trusted: recovery may have dropped statements without a trace), or F's
  /// body (or a declaration in it) contains errors.
  static bool hasErrors(const ASTContext &Ctx, const FunctionDecl *F);

  /// How many summaries may be in progress at once (a chain of helpers
  /// each handing the guard to the next).
  static constexpr unsigned MaxSummaryDepth = 8;

private:
  using SummaryKey = std::pair<const FunctionDecl *, const ValueDecl *>;
  /// Starts computing Key; false (and the caller must assume None) when
  /// Key is in progress (recursion) or the depth limit is reached.
  bool beginSummary(const SummaryKey &Key);
  /// Ends computing Key with Effect; caches it unless it was computed
  /// under a cut-off.
  void endSummary(const SummaryKey &Key, ParamEffect Effect);
  static ParamEffect effectOf(const FlowResult &R, unsigned Entity);

  const GuardTypes &Types;
  // Exact summaries only: a result computed while some callee's summary
  // was cut off (recursion, depth) depends on where the question came
  // from, so it is never reused; whatever order the functions of a file
  // are analysed in, each question gets the same answer.
  llvm::DenseMap<SummaryKey, ParamEffect> Summaries;
  llvm::SmallVector<SummaryKey, 8> InProgress;
  bool CutOff = false; // the summary being computed hit a cut-off
  llvm::SmallVector<bool, 8> OuterCutOff; // CutOff of each enclosing one
};

} // namespace clang::tidy::asyncdrop

#endif
