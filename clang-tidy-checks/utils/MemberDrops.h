// What a member drop looks like in source (`co_await m_.async_drop();`,
// `drop_all(a_, b_)`, a helper that drops its argument), for the checks that
// look at async_drop_impl() bodies.

#ifndef ASYNCDROP_UTILS_MEMBERDROPS_H
#define ASYNCDROP_UTILS_MEMBERDROPS_H

#include "GuardTypes.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::asyncdrop {

class GuardFlow;

/// The field E names through `this` (`m`, `this->m`, `(*this).m`), if any.
const FieldDecl *thisMember(const Expr *E);

/// The name of the member function E calls, also when the call is still
/// dependent (`g_.async_drop()` with a dependent `g_`); the object
/// expression in *Object.
std::optional<llvm::StringRef> calledMemberName(const Expr *E,
                                                const Expr **Object);

/// A call of asyncdrop::drop_all, resolved or not.
bool isDropAllCall(const CallExpr *Call);

/// The operand of `co_await X` (also dependent), or null.
const Expr *awaitedOperand(const Expr *E);

/// One awaited drop of members of the enclosing class:
///   co_await m.async_drop();            (also this->m, async_drop_impl()
///                                        on an AsyncDrop member by value)
///   co_await asyncdrop::drop_all(a, b); (one site, several members)
///   co_await close(m);                  (a parameter annotated
///                                        ASYNCDROP_DROPS, or a visible helper
///                                        that drops it: needs Flow)
struct MemberDrop {
  const Expr *Site = nullptr;        ///< the co_await expression
  const CallExpr *DropAll = nullptr; ///< the drop_all call, if any
  struct Operand {
    const FieldDecl *Field;
    const Expr *Spelling; ///< the expression naming the member
  };
  llvm::SmallVector<Operand, 2> Members;
};
std::optional<MemberDrop> matchMemberDrop(const Stmt *S,
                                          const GuardTypes &Types,
                                          GuardFlow *Flow = nullptr,
                                          ASTContext *Ctx = nullptr);

/// Expression statements are often wrapped (ExprWithCleanups): the
/// statement's own expression, or null for other statements.
const Expr *statementExpr(const Stmt *S);

/// The user-declared async_drop_impl() of RD itself (not inherited): its
/// definition when visible.
const FunctionDecl *ownAsyncDropImpl(const CXXRecordDecl *RD);

} // namespace clang::tidy::asyncdrop

#endif
