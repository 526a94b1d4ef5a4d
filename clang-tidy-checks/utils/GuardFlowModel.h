// Internal to GuardFlow: the per-function model (CFG, entities, the events of
// each block) that GuardFlowEvents.cpp builds and GuardFlow.cpp solves.

#ifndef ASYNCDROP_UTILS_GUARDFLOWMODEL_H
#define ASYNCDROP_UTILS_GUARDFLOWMODEL_H

#include "GuardFlow.h"
#include "StmtParents.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include <memory>
#include <optional>
#include <vector>

namespace clang::tidy::asyncdrop::flow_detail {

class EventClassifier;

enum class Ev : uint8_t {
  Init,           // declared and owning
  InitFrom,       // declared by moving another entity: takes over its state
  Drop,           // a drop method call, drop_all, an ASYNCDROP_DROPS parameter
  MoveOut,        // ownership handed on (also release)
  Escape,         // no longer tracked
  Assign,         // assigned an owning value
  AssignFrom,     // move-assigned from another entity: takes over its state
  Use,            // the value is used (for use-after-drop)
  Dtor,           // end of a local's lifetime (Trigger says how)
  Throw,          // an explicit throw (Entity unused)
  MayThrow,       // a call inside a try block: its handlers may start here
  MayDrop,        // dropped on some paths, still owned on the others (a
                  // member helper that drops on some paths only)
  ResetCondition, // a correlated condition variable (Entity: its index in
                  // FunctionModel::Conditions) is (re)initialised
  InitEmpty,      // declared owing nothing yet: a scope whose drop is owed
                  // only once work was spawned into it (GuardRule::
                  // OwedOnlyAfterSpawn), a default-constructed stream
  Arm,            // work spawned into it: owes a drop again (not where it
                  // may have escaped, nor, for a scope that cannot be
                  // reused, where it was dropped: that is a use)
};

struct Event {
  Ev K;
  unsigned Entity;
  const Stmt *S;       // the statement that causes it; for Dtor the trigger
  unsigned From = ~0u; // InitFrom/AssignFrom: the entity moved from
};

/// What the condition of a two-way branch tests, when the branch rules out
/// states: the true edge (successor 0) and the false edge (successor 1) each
/// keep only the states in which the test has that outcome.
struct BranchTest {
  enum class Kind {
    IsDropped, ///< `e.is_dropped()`, Index: the entity
    HasValue,  ///< `r.has_value()` or `bool(r)` on an AsyncDropResult, Index:
               ///< the entity (false: it holds an error, nothing to drop)
    Condition, ///< an unmodified local value, Index: into Conditions
  };
  Kind K = Kind::Condition;
  unsigned Index = 0;
  bool Negated = false; ///< under an odd number of `!` (or `== false`)
};

/// Where a throw lands: a handler of TargetTry, or out of the function.
struct ThrowTarget {
  const CXXTryStmt *TargetTry = nullptr; // null: leaves the function
};

class FunctionModel {
public:
  FunctionModel(ASTContext &Ctx, GuardFlow &Flow, const FunctionDecl *F,
                const FlowOptions &Opts)
      : Ctx(Ctx), Flow(Flow), F(F), Opts(Opts) {}

  /// Builds the CFG and the parent map. False when F cannot be analysed.
  bool build();
  /// Adds F's own guards to Entities (analyzeGuards): locals, by-value
  /// parameters, structured bindings, a lambda's by-value captures and, in a
  /// member function, the class's members (FlowEntity::Kind::Member).
  void discoverGuards(bool WithReferenceParams);
  void addEntity(const FlowEntity &E);
  /// Fills Events, handler links, branch tests and temporaries. Call once,
  /// after entities.
  void computeEvents();

  ASTContext &Ctx;
  GuardFlow &Flow;
  const FunctionDecl *F;
  const FlowOptions &Opts;
  const Stmt *Body = nullptr; // the user-written body
  bool IsCoroutine = false;
  std::unique_ptr<CFG> Cfg;
  StmtParents Parents;

  llvm::SmallVector<FlowEntity, 8> Entities;
  llvm::DenseMap<const Decl *, unsigned> Index;
  // `auto &r = g;`: r -> g (resolved through chains by entityOf).
  llvm::DenseMap<const VarDecl *, const VarDecl *> Aliases;
  // The CFG splits `G a, b;` into synthetic single-variable DeclStmts; only
  // the written one is in the parent map.
  llvm::DenseMap<const Stmt *, const Stmt *> Synthetic;
  // The DeclStmt (as written, not the CFG's synthetic copy) of each local.
  llvm::DenseMap<const VarDecl *, const Stmt *> DeclOf;
  // `auto [a, b] = ...`: the hidden variable that holds a and b, and the
  // binding entities it destroys with it.
  llvm::DenseMap<const BindingDecl *, const DecompositionDecl *> BindingOwner;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<unsigned, 2>> Bindings;
  // Per DropTask entity: the call that made the task, and the entities that
  // awaiting it drops.
  llvm::DenseMap<unsigned, const Expr *> TaskCall;
  llvm::DenseMap<unsigned, llvm::SmallVector<unsigned, 2>> TaskGuards;
  // Member entities that own a value on entry (all but those a constructor
  // starts empty).
  llvm::SmallVector<unsigned, 4> OwnedMembers;
  bool TasksDiscovered = false;

  std::vector<llvm::SmallVector<Event, 2>> Events; // by block ID
  // Catch handler blocks of each try statement, and for each block the
  // handlers an exception thrown inside it may reach (virtual edges).
  llvm::DenseMap<const CXXTryStmt *, llvm::SmallVector<const CFGBlock *, 2>>
      Handlers;
  std::vector<llvm::SmallVector<const CFGBlock *, 1>> HandlerSuccs;
  std::vector<llvm::SmallVector<const CFGBlock *, 2>> HandlerPreds;
  // Per block: whether some of its statements are inside a try block.
  std::vector<bool> InTry;
  // Per throw: a CXXThrowExpr, or a call that always throws
  // (throwingCall(): `std::rethrow_exception(e)`).
  llvm::DenseMap<const Expr *, ThrowTarget> ThrowTargets;
  // Per block ID: the test its branch makes (GuardFlow.cpp), if any.
  std::vector<std::optional<BranchTest>> Tests;
  // Local values (bool or scalar, never modified after their
  // initialisation) that at least two branches test: the solver follows
  // each combination of their values separately (at most MaxConditions).
  llvm::SmallVector<const VarDecl *, 3> Conditions;
  static constexpr unsigned MaxConditions = 3;
  // Guard temporaries destroyed by the caller (CFGTemporaryDtor).
  llvm::SmallVector<const CXXBindTemporaryExpr *, 2> DestroyedTemps;

  /// The entity an expression names (through parens, implicit casts,
  /// std::move/std::forward, casts to rvalue references, aliases), if any.
  std::optional<unsigned> entityOf(const Expr *E) const;
  std::optional<unsigned> entityOfDecl(const Decl *D) const;
  /// Whether a throw to Target destroys entity I.
  bool throwDestroys(const ThrowTarget &Target, unsigned I) const;
  const Stmt *parent(const Stmt *S) const { return Parents.parent(S); }
  bool isDropName(llvm::StringRef Name) const;
  /// The rule of entity E's type (GuardTypes::ruleFor), null for a runtime
  /// owner or a drop task.
  const GuardRule *ruleOf(unsigned E) const;
  /// A free function of the rule of the guard passed to it that drops it
  /// (`join(scope)`, GuardRule::DropFunctions).
  bool isFreeDropCall(const CallExpr *Call) const;

  /// A member call whose (awaited) result drops its object: a configured
  /// drop method, or a runtime owner's async_drop().
  bool isDropMethodCall(const CXXMemberCallExpr *MC) const;
  /// A call that makes a lazy drop task, whatever its arguments are:
  /// isDropMethodCall, asyncdrop::drop_all, a callee with an
  /// ASYNCDROP_DROPS parameter.
  bool isDropTaskCall(const Expr *E) const;

private:
  void findBranchTests();
  void memberHelperEvents(const CXXMemberCallExpr *Call,
                          llvm::SmallVectorImpl<Event> &Out);
  std::optional<BranchTest> testOf(const Expr *Cond) const;
  bool isUnmodified(const VarDecl *VD) const;
  friend class EventClassifier;
  void classify(const Stmt *S, llvm::SmallVectorImpl<Event> &Out);
  void discoverDropTasks();
  template <class Visitor> void forEachDeclaredVar(Visitor Visit) const;
  void computeTaskGuards();
  void addMemberEntities(const CXXMethodDecl *MD);
  void argEvents(const FunctionDecl *Callee, const FunctionProtoType *Proto,
                 llvm::ArrayRef<const Expr *> Args, unsigned FirstParam,
                 const Stmt *Site, llvm::SmallVectorImpl<Event> &Out);
  void findHandlers();
  const CXXTryStmt *innermostTry(const Stmt *S);
  void linkHandlers(const CFGBlock *B, const CXXTryStmt *Try);
  llvm::DenseMap<const Stmt *, const CXXTryStmt *> TryOf;
  ThrowTarget throwTarget(const Expr *Throw) const;
  bool mayThrow(const Stmt *S) const;
  bool initialisesEntity(const CXXConstructExpr *CE) const;
  const Stmt *original(const Stmt *S) const;
  bool isInside(const Stmt *S, const Stmt *Ancestor) const;
};

/// Strips what does not change which object an expression names.
const Expr *stripToObject(const Expr *E);
bool throwingCall(const CallExpr *Call);

} // namespace clang::tidy::asyncdrop::flow_detail

#endif
