// Which types are guards, runtime helpers and AsyncDrop types: the one place
// every check asks. Configurable per check through the GuardTypes and
// DropMethods options, so a codebase can apply the checks to its own guards
// (a scope that must be joined with `co_await scope.join()`, say).

#ifndef ASYNCDROP_UTILS_GUARDTYPES_H
#define ASYNCDROP_UTILS_GUARDTYPES_H

#include "ClangTidyCheck.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace clang::tidy::asyncdrop {

class GuardTypes {
public:
  static constexpr llvm::StringLiteral DefaultGuardTypes =
      "::asyncdrop::AsyncDropGuard";
  static constexpr llvm::StringLiteral DefaultDropMethods = "async_drop";

  /// Reads GuardTypes and DropMethods from the check's options.
  explicit GuardTypes(ClangTidyCheck::OptionsView &Options);
  void storeOptions(ClangTidyCheck::OptionsView &Options,
                    ClangTidyOptions::OptionMap &Opts) const;

  /// A class named in GuardTypes, or a specialization of a class template
  /// named there. References and cv-qualifiers are not looked through: a
  /// `Guard&` is not an owner.
  bool isGuard(QualType T) const;
  bool isGuardClass(const CXXRecordDecl *RD) const;

  /// A member function whose awaited result drops the guard.
  bool isDropMethod(const CXXMethodDecl *MD) const;
  /// The first drop method's name, for messages ("co_await g.async_drop()").
  llvm::StringRef primaryDropMethod() const { return DropMethods.front(); }
  /// Every configured drop method name (DropMethods option), never empty.
  llvm::ArrayRef<std::string> dropMethods() const { return DropMethods; }

  /// The runtime's owning helpers, which hold guards and must be dropped
  /// themselves: AsyncDropArc, AsyncDropMutex, AsyncDropHashMap,
  /// AsyncDropResult, AsyncOwned.
  static bool isRuntimeHelper(QualType T);

  /// The runtime's helpers whose destruction while they still own an
  /// undropped value reports a forgotten drop, each released with
  /// `co_await h.async_drop()`: AsyncDropArc (every clone), AsyncDropShared
  /// (every handle), AsyncDropHashMap, AsyncDropResult, AsyncDropMutex. Not
  /// AsyncOwned (its destructor starts the cleanup in its CleanupScope) nor
  /// CleanupScope (only a scope in which cleanups were started must be
  /// joined, which its type does not say).
  static bool isRuntimeOwner(QualType T);
  /// What the flow checks track without configuration: a guard (isGuard) or
  /// a runtime owner (isRuntimeOwner), held by value.
  bool isOwner(QualType T) const { return isGuard(T) || isRuntimeOwner(T); }

  /// A class that provides async_drop_impl() (the asyncdrop::AsyncDrop
  /// concept), found without instantiating anything.
  static bool isAsyncDropClass(const CXXRecordDecl *RD);
  /// isAsyncDropClass, or a class (template) named in the AsyncDropTypes
  /// option: types whose cleanup the checks should know about although
  /// async_drop_impl() is not visible (declared in a generated header, say).
  bool isAsyncDropType(const CXXRecordDecl *RD) const;

  /// A guard, a runtime helper, or an AsyncDrop class held by value: the
  /// members that make their owner responsible for dropping them.
  bool isGuardLike(QualType T) const;

private:
  std::string GuardTypesText;
  std::string DropMethodsText;
  std::string AsyncDropTypesText;
  // Qualified names without the leading "::".
  llvm::SmallVector<std::string, 2> GuardNames;
  llvm::SmallVector<std::string, 2> DropMethods;
  llvm::SmallVector<std::string, 2> AsyncDropTypeNames;
};

} // namespace clang::tidy::asyncdrop

#endif
