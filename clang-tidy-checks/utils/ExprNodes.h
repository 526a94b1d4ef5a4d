// Looking through the expression nodes that do not change which object an
// expression denotes: the one definition of "a move" and the strippers every
// check uses, built on Clang's IgnoreExprNodes.

#ifndef ASYNCDROP_UTILS_EXPRNODES_H
#define ASYNCDROP_UTILS_EXPRNODES_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::asyncdrop {

/// E hands its operand on as an rvalue without doing anything else:
/// `std::move(x)`, `std::forward<T>(x)`, `std::move_if_noexcept(x)` (which
/// moves every guard: they are nothrow-movable and not copyable) and
/// `std::forward_like<T>(x)`, resolved (Clang's builtins or not) or still
/// unresolved in a template, and an explicit cast to an rvalue reference
/// (`static_cast<T &&>(x)`).
bool isMoveLike(const Expr *E);

/// The operand of a move-like E (see isMoveLike), or null.
const Expr *movedOperand(const Expr *E);

/// E without parentheses, implicit casts, temporaries and full-expression
/// cleanups.
const Expr *ignoreTemporaries(const Expr *E);

/// ignoreTemporaries, and moves (isMoveLike) and copy or move constructions
/// too: the object a by-value argument or initialiser comes from.
const Expr *ignoreMoves(const Expr *E);

/// Whether Pred holds for Root or any statement below it, found with a
/// worklist (no recursion that follows the nesting of the code).
bool anyStmtIn(const Stmt *Root, llvm::function_ref<bool(const Stmt *)> Pred);

} // namespace clang::tidy::asyncdrop

#endif
