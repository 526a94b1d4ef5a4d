// The parent of each statement in one function body, built in one
// iterative walk that visits every node once.
//
// clang::ParentMap is not used for this: it re-walks the source expression
// of an OpaqueValueExpr each time one refers to it, and a `co_await` refers
// to its operand from each of its await_ready/await_suspend/await_resume
// calls, so `co_await f(co_await f(...))` costs 3^depth (12 levels: minutes).
// It also recurses once per level of expression nesting, which overflows the
// stack on a 60,000-term `a + b + ...` that clang itself compiles.

#ifndef ASYNCDROP_UTILS_STMTPARENTS_H
#define ASYNCDROP_UTILS_STMTPARENTS_H

#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::asyncdrop {

class StmtParents {
public:
  StmtParents() = default;
  explicit StmtParents(const Stmt *Root) { build(Root); }
  void build(const Stmt *Root);
  /// The statement S is a child of (the first one met when S is shared, as
  /// an OpaqueValueExpr's source is), or null for the root and for
  /// statements outside the body.
  const Stmt *parent(const Stmt *S) const {
    auto It = Parents.find(S);
    return It == Parents.end() ? nullptr : It->second;
  }
  bool contains(const Stmt *S) const { return Parents.count(S); }

private:
  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
};

} // namespace clang::tidy::asyncdrop

#endif
