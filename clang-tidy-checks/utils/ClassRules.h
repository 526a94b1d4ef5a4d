// What the type-level checks (public-constructor, unguarded-factory,
// missing-member-delegation, member-drop-order, sequential-member-drops,
// unsafe-into-inner, guard-in-std-container) agree on: which declarations
// are the user's to fix, what a guard-like member owns, and what a member
// drop looks like in source.

#ifndef ASYNCDROP_UTILS_CLASSRULES_H
#define ASYNCDROP_UTILS_CLASSRULES_H

#include "ExprNodes.h"
#include "GuardTypes.h"
#include "RuntimeNames.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::asyncdrop {

class GuardFlow;

/// D is declared inside ::asyncdrop (at any depth): the runtime's own
/// implementation, which the checks exempt.
bool isInRuntimeNamespace(const Decl *D);

/// D is, or is nested in, an instantiation of a template: the checks look at
/// the pattern the user wrote instead, once.
bool isInTemplateInstantiation(const Decl *D);

/// The same as a matcher. Not ast_matchers::isInstantiated(): that one asks
/// hasAncestor, and the first hasAncestor of a run builds ASTContext's
/// parent map, a walk of the whole translation unit (as much as all the
/// checks' own work on a typical file).
AST_MATCHER(Decl, isInInstantiatedCode) {
  return isInTemplateInstantiation(&Node);
}

/// A class definition the user wrote and owns: not implicit, not a lambda,
/// not an instantiation, not in a system header, not the runtime's.
bool isUserClassDefinition(const CXXRecordDecl *RD, const SourceManager &SM);

/// A member of this type must be dropped by its owner's async_drop_impl():
/// a guard, one of the runtime's helpers, an AsyncDrop type held by value.
/// AsyncOwned is not: it starts its own cleanup in its CleanupScope.
bool isGuardLikeMember(QualType T, const GuardTypes &Types);

/// The template arguments of a class template specialization (also a
/// dependent one, as written), empty otherwise.
llvm::ArrayRef<TemplateArgument> templateArgumentsOf(QualType T);

/// The classes a guard-like type owns: Conn for AsyncDropGuard<Conn>,
/// AsyncDropArc<Conn> or a Conn held by value, X for
/// AsyncDropHashMap<K, AsyncDropGuard<X>>. Dependent arguments contribute
/// their template pattern.
llvm::SmallVector<const CXXRecordDecl *, 2>
ownedClasses(QualType T, const GuardTypes &Types);

/// The declaration two spellings of "the same class" share: the template
/// pattern for specializations, the canonical declaration otherwise.
const CXXRecordDecl *classIdentity(const CXXRecordDecl *RD);

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
  const Expr *Site = nullptr;         ///< the co_await expression
  const CallExpr *DropAll = nullptr;  ///< the drop_all call, if any
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

/// The function as the user wrote it: the template pattern of an
/// instantiation, canonical.
const FunctionDecl *functionPattern(const FunctionDecl *FD);

/// Code in D has the access rights of RD's members: D is RD, lies inside
/// RD (a member, a nested class, a lambda in a member), or is a friend of
/// RD, or is the runtime's (which reaches private members through
/// asyncdrop::access).
bool hasClassAccess(const Decl *D, const CXXRecordDecl *RD);

} // namespace clang::tidy::asyncdrop

#endif
