// What makes a function a factory that hands out an AsyncDrop type without
// its guard (pattern rule 4): unguarded-factory reports these, and
// guard-in-std-container leaves their return types to it, so that one
// mistake is one diagnostic.

#ifndef ASYNCDROP_UTILS_FACTORIES_H
#define ASYNCDROP_UTILS_FACTORIES_H

#include "GuardTypes.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclTemplate.h"
#include <optional>

namespace clang::tidy::asyncdrop {

/// How a factory's result holds the AsyncDrop value.
enum class UnguardedKind {
  Value,         ///< `T f()`
  Task,          ///< `Task<T> f()`
  RawPointer,    ///< `T *f()` whose body returns `new T(...)`
  StandardOwner, ///< `std::unique_ptr<T>`, `std::shared_ptr<T>`,
                 ///< `std::optional<T>`
};

struct UnguardedResult {
  const CXXRecordDecl *Class = nullptr; ///< the AsyncDrop type T
  UnguardedKind Kind = UnguardedKind::Value;
  const TemplateDecl *Owner = nullptr; ///< the standard owner, if any
};

/// What F returns of an AsyncDrop type without a guard, if anything. A raw
/// pointer only counts when F's visible definition returns a new-expression:
/// `Conn *find(int id)` looks one up, it does not create one.
std::optional<UnguardedResult> unguardedResult(const FunctionDecl *F,
                                               const GuardTypes &Types);

/// F creates values of RD for callers: a member function of RD (static, or
/// one returning a new RD such as `Cursor fork() const`), a friend of RD, or
/// a free function of RD's namespace.
bool isFactoryOf(const FunctionDecl *F, const CXXRecordDecl *RD);

} // namespace clang::tidy::asyncdrop

#endif
