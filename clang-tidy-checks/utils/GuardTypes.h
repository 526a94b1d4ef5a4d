// Which types are guards, runtime helpers and AsyncDrop types: the one place
// every check asks. Configurable per check through the GuardTypes and
// DropMethods options, so a codebase can apply the checks to its own guards
// (a scope that must be joined with `co_await scope.join()`, say), and
// through the global Profiles option, which adds other libraries' scope types
// each with its own rules (GuardRule, GuardProfiles.cpp). The check reads the
// options (AsyncDropCheck.h) and hands them over: nothing here needs
// clang-tidy, so the engine builds and is tested without it.
//
// A configured name matches the class (or class template) it names as
// declared, and also the one it reaches through typedefs, alias templates,
// using-declarations and namespace aliases in the translation unit: the names
// are looked up once per translation unit (resolveNames) and compared by
// canonical declaration.

#ifndef ASYNCDROP_UTILS_GUARDTYPES_H
#define ASYNCDROP_UTILS_GUARDTYPES_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::asyncdrop {

/// The GuardTypes, DropMethods and AsyncDropTypes options and the global
/// Profiles option: as written (to store them back) and split into names.
struct GuardTypesConfig {
  std::string GuardTypesText, DropMethodsText, AsyncDropTypesText;
  std::vector<std::string> GuardNames, DropMethods, AsyncDropTypeNames;
  std::string ProfilesText;
  std::vector<std::string> ProfileNames;
};

/// How one guard type is released. A type named in GuardTypes gets the
/// default rule (the DropMethods option, owed from its construction); a
/// profile's types (GuardProfiles.cpp) each bring their own.
struct GuardRule {
  /// Qualified name without the leading "::".
  std::string Name;
  /// Members whose awaited (or waited-for) result drops the value.
  std::vector<std::string> DropMethods;
  /// Free functions (unqualified names) whose awaited result drops the
  /// guard passed to them by reference: `join(scope)`.
  std::vector<std::string> DropFunctions;
  /// Members that are fine to call after the drop (besides the drops).
  std::vector<std::string> AllowedAfterDrop;
  /// Members that start work in the scope (`scope.spawn(...)`).
  std::vector<std::string> SpawnMethods;
  /// Free functions (unqualified names) that start work in the scope passed
  /// to them by reference, or in the scope whose token is passed to them
  /// (`spawn(sndr, scope)`, `spawn(sndr, scope.get_token())`).
  std::vector<std::string> SpawnFunctions;
  /// The drop is owed only once work was started in the value (SpawnMethods,
  /// SpawnFunctions): an unused scope may be destroyed.
  bool OwedOnlyAfterSpawn = false;
  /// The drop may be repeated and the value used again afterwards (work
  /// spawned after it is owed a drop of its own).
  bool ReusableAfterDrop = false;
  /// A default-constructed value owns nothing (`output_stream<char> out;`).
  bool EmptyWhenDefaultConstructed = false;
  /// Cannot be copied or moved: a reference to it never takes it over.
  bool NonMovable = false;
  /// What a drop call returns, for messages: "task", "sender", "awaitable",
  /// "future".
  std::string ResultNoun = "task";
  /// What the tracked value is called in messages: "guard", "scope", ...
  std::string Noun = "guard";
  /// What the drop does, for messages: "dropped", "joined", "closed".
  std::string DropVerbPast = "dropped";
  /// How the drop is waited for outside a coroutine, `$` standing for the
  /// drop call: "stdexec::sync_wait($)"; empty: `co_await $` everywhere.
  std::string BlockingWait;
  /// The profile that brought the rule; empty for GuardTypes names.
  std::string Profile;
};

/// Reads the options from a check's OptionsView; defined in AsyncDropCheck.h.
template <class OptionsView>
GuardTypesConfig readGuardTypesConfig(OptionsView &Options);

class GuardTypes {
public:
  static constexpr llvm::StringLiteral DefaultGuardTypes =
      "::asyncdrop::AsyncDropGuard";
  static constexpr llvm::StringLiteral DefaultDropMethods = "async_drop";

  /// The values of the Profiles option.
  static llvm::ArrayRef<llvm::StringLiteral> knownProfiles();

  explicit GuardTypes(GuardTypesConfig Config);
  template <class OptionsView, class OptionMap>
  void storeOptions(OptionsView &Options, OptionMap &Opts) const {
    Options.store(Opts, "GuardTypes", GuardTypesText);
    Options.store(Opts, "DropMethods", DropMethodsText);
    Options.store(Opts, "AsyncDropTypes", AsyncDropTypesText);
    Options.store(Opts, "Profiles", ProfilesText);
  }

  /// Every option text that affects what is classified how: equal keys mean
  /// equal answers (an analysis shared between checks is cached by it).
  std::string configKey() const;
  /// Profiles option values that name no profile (reported by the check).
  llvm::ArrayRef<std::string> unknownProfiles() const {
    return UnknownProfiles;
  }

  /// Forgets the names looked up in the previous translation unit; called
  /// when a new one starts (they are also looked up again whenever a
  /// declaration of another translation unit is asked about).
  void beginTranslationUnit() { Resolved.TU = nullptr; }
  /// The GuardTypes and AsyncDropTypes names (not the profiles', which
  /// name every version's spelling) that match no class in this translation
  /// unit although it declares their outermost namespace (or class): the
  /// name is misspelt or names something that is not a class.
  std::vector<std::string> unresolvedNames(const ASTContext &Ctx) const;

  /// The rule of a guard class (or of the class template it specializes),
  /// null when RD is no guard. ruleFor(QualType) is null for references and
  /// pointers, like isGuard.
  const GuardRule *ruleFor(const CXXRecordDecl *RD) const;
  const GuardRule *ruleFor(QualType T) const;
  /// Whether a member named Name of the guard class RD drops it.
  bool isDropMethodName(const CXXRecordDecl *RD, llvm::StringRef Name) const;
  /// `co_await scope.join()`, or `stdexec::sync_wait(scope.on_empty())`
  /// outside a coroutine: how a message tells to drop Object of type T.
  std::string dropSpelling(QualType T, llvm::StringRef Object,
                           bool InCoroutine) const;
  /// The first drop member of T's rule (the DropMethods option's first name
  /// for a type without a rule of its own).
  llvm::StringRef primaryDropMethodFor(QualType T) const;
  /// T's rule, or the default one ("guard", "dropped", "task").
  const GuardRule &ruleOrDefault(QualType T) const;

  /// A class named in GuardTypes, or a specialization of a class template
  /// named there. References and cv-qualifiers are not looked through: a
  /// `Guard&` is not an owner.
  bool isGuard(QualType T) const;
  bool isGuardClass(const CXXRecordDecl *RD) const;

  /// A member function whose awaited result drops the guard.
  bool isDropMethod(const CXXMethodDecl *MD) const;
  /// The name a call's callee is known by: the function's, or for a call of
  /// a function object (a customization point object such as
  /// `unifex::spawn_detached(...)`), the object's. Empty when unnamed.
  static llvm::StringRef calleeName(const CallExpr *Call);
  /// The arguments a call passes to its callee (without a function object
  /// called through operator()).
  static llvm::ArrayRef<const Expr *> calleeArgs(const CallExpr *Call);
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
  // The configured names looked up in one translation unit: the canonical
  // declaration of each class (a class template's pattern) a name reaches,
  // with the index of its rule (AsyncDropTypeRule: an AsyncDropTypes name).
  struct ResolvedNames {
    const TranslationUnitDecl *TU = nullptr;
    llvm::DenseMap<const Decl *, unsigned> Rules;
    std::vector<std::string> Unresolved;
  };
  static constexpr unsigned AsyncDropTypeRule = ~0u;
  const ResolvedNames &resolveNames(const ASTContext &Ctx) const;
  std::optional<unsigned> resolvedRule(const CXXRecordDecl *RD) const;

  std::string GuardTypesText;
  std::string DropMethodsText;
  std::string AsyncDropTypesText;
  std::string ProfilesText;
  // Qualified names without the leading "::".
  std::vector<std::string> GuardNames;
  std::vector<std::string> DropMethods;
  std::vector<std::string> AsyncDropTypeNames;
  // One per guard type: the profiles' first (a profile knows its types
  // better than the defaults), then GuardNames with the default rule.
  std::vector<GuardRule> Rules;
  // How many of Rules come from profiles (never reported as unresolved).
  unsigned ProfileRules = 0;
  std::vector<std::string> UnknownProfiles;
  GuardRule DefaultRule;
  mutable ResolvedNames Resolved;
};

/// Appends the rules of profile Name to Rules; false when there is no such
/// profile. Defined in GuardProfiles.cpp.
bool appendProfileRules(llvm::StringRef Name, std::vector<GuardRule> &Rules);

} // namespace clang::tidy::asyncdrop

#endif
