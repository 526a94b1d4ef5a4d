// Which types are guards, runtime helpers and AsyncDrop types: the one place
// every check asks. Configurable per check through the GuardTypes and
// DropMethods options, so a codebase can apply the checks to its own guards
// (a scope that must be joined with `co_await scope.join()`, say). The check
// reads the options (AsyncDropCheck.h) and hands them over: nothing here
// needs clang-tidy, so the engine builds and is tested without it.

#ifndef ASYNCDROP_UTILS_GUARDTYPES_H
#define ASYNCDROP_UTILS_GUARDTYPES_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang::tidy::asyncdrop {

/// The GuardTypes, DropMethods and AsyncDropTypes options: as written (to
/// store them back) and split into names.
struct GuardTypesConfig {
  std::string GuardTypesText, DropMethodsText, AsyncDropTypesText;
  std::vector<std::string> GuardNames, DropMethods, AsyncDropTypeNames;
};

/// Reads the options from a check's OptionsView; defined in AsyncDropCheck.h.
template <class OptionsView>
GuardTypesConfig readGuardTypesConfig(OptionsView &Options);

class GuardTypes {
public:
  static constexpr llvm::StringLiteral DefaultGuardTypes =
      "::asyncdrop::AsyncDropGuard";
  static constexpr llvm::StringLiteral DefaultDropMethods = "async_drop";

  explicit GuardTypes(GuardTypesConfig Config);
  template <class OptionsView, class OptionMap>
  void storeOptions(OptionsView &Options, OptionMap &Opts) const {
    Options.store(Opts, "GuardTypes", GuardTypesText);
    Options.store(Opts, "DropMethods", DropMethodsText);
    Options.store(Opts, "AsyncDropTypes", AsyncDropTypesText);
  }

  /// Everything in the configuration that decides what is a guard and how
  /// it is dropped: checks whose keys are equal classify every type alike,
  /// so they can share one analysis (SharedFlow.h).
  std::string configKey() const {
    return GuardTypesText + '\n' + DropMethodsText + '\n' + AsyncDropTypesText;
  }

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
  std::vector<std::string> GuardNames;
  std::vector<std::string> DropMethods;
  std::vector<std::string> AsyncDropTypeNames;
};

} // namespace clang::tidy::asyncdrop

#endif
