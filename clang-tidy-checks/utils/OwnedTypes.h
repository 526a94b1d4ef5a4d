// What a guard-like type owns: which members an owner must drop, and the
// classes a guard, a runtime helper or an AsyncDrop value stands for.

#ifndef ASYNCDROP_UTILS_OWNEDTYPES_H
#define ASYNCDROP_UTILS_OWNEDTYPES_H

#include "GuardTypes.h"
#include "clang/AST/TemplateBase.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::asyncdrop {

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

} // namespace clang::tidy::asyncdrop

#endif
