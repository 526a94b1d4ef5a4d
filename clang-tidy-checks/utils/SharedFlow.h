// SharedFlow: what the checks of one translation unit share about guard
// flow, so that each function is analysed once however many checks ask.
//
// The three flow checks (missing-, unawaited-, use-after-async-drop) all
// want GuardFlow::analyzeGuards() of the same functions; they differ only in
// which parts of the result they read. Run separately, each would build the
// CFG, classify the events and solve the dataflow problem again, and compute
// every callee summary again in its own GuardFlow. Instead, every check with
// the same guard configuration (GuardTypes::configKey()) holds the same
// SharedFlow, which owns:
//  - one GuardFlow engine, and with it the callee summaries (which depend on
//    the configuration only): also used by the checks that analyse entities
//    of their own (missing-member-delegation, member-drop-order,
//    unsafe-into-inner);
//  - analyzeGuards() of each function, computed at the first request with
//    the union of what the enabled checks need (requireUses,
//    requireTemporaries) and kept until the end of the translation unit.
//
// A result always includes throw exits (FlowExit::Kind::Throw) and, when
// some check needs uses, the entities of non-const reference parameters:
// each check ignores what it does not report (see the filters below), so a
// check finds exactly what it would find on its own.
//
// Lifetime: clang-tidy (and the plugin, and clangd) create the checks anew
// for each translation unit and destroy them after it; the checks hold the
// SharedFlow by shared_ptr, so it lives exactly as long. The registry that
// hands it out is keyed by the checks' ClangTidyContext (an opaque owner
// here, so the engine builds without clang-tidy) and is safe to use from
// several threads (clangd builds ASTs of different files concurrently, each
// with its own context). Results point into the AST: `results()` forgets
// them when asked about another ASTContext, and endTranslationUnit() drops
// them.

#ifndef ASYNCDROP_UTILS_SHAREDFLOW_H
#define ASYNCDROP_UTILS_SHAREDFLOW_H

#include "GuardFlow.h"
#include "GuardTypes.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::asyncdrop {

class SharedFlow {
public:
  /// The SharedFlow of the checks owned by Owner (their ClangTidyContext)
  /// whose configuration is Types' (by configKey()). Created on the first
  /// request, destroyed with the last check holding it.
  static std::shared_ptr<SharedFlow> get(const void *Owner,
                                         const GuardTypes &Types);

  explicit SharedFlow(const GuardTypes &Types);
  SharedFlow(const SharedFlow &) = delete;
  SharedFlow &operator=(const SharedFlow &) = delete;

  /// A check that reads FlowResult::Uses: collect them, except calls of
  /// the members in AllowedAfterDrop (use-after-async-drop's option; the
  /// last check to ask decides, there being one such check per context).
  /// Call from the check's constructor, before any result is computed.
  void requireUses(std::vector<std::string> AllowedAfterDrop);
  /// A check that reads FlowResult::Temporaries (missing-async-drop).
  void requireTemporaries() { Opts.FindTemporaries = true; }

  /// analyzeGuards(F) with every requirement, computed once; null when F
  /// cannot be analysed (see GuardFlow::analyzeGuards).
  const FlowResult *guards(ASTContext &Ctx, const FunctionDecl *F);

  /// The engine, for analyses of entities of a check's own choosing; its
  /// callee summaries are shared with every other check here.
  GuardFlow &engine() { return Flow; }
  const GuardTypes &types() const { return Types; }

  /// Forgets every result (they point into the AST of the translation unit
  /// that just ended). Any of the checks may call it; the others' calls are
  /// then no-ops.
  void endTranslationUnit();

  /// How many functions were analysed since the last endTranslationUnit()
  /// (for tests: a function asked about twice is analysed once).
  unsigned analysedFunctions() const { return Results.size(); }

  /// Entity I of R is there only because some check needs uses: a non-const
  /// lvalue reference parameter, which owns nothing (its caller does), so
  /// it has no exits of its own to report.
  static bool isReferenceParam(const FlowResult &R, unsigned I);

private:
  GuardTypes Types; // the engine refers to this copy
  GuardFlow Flow;
  std::vector<std::string> AllowedAfterDrop; // Opts.AllowedAfterDrop views it
  FlowOptions Opts;
  const ASTContext *ResultsCtx = nullptr;
  llvm::DenseMap<const FunctionDecl *, std::optional<FlowResult>> Results;
};

} // namespace clang::tidy::asyncdrop

#endif
