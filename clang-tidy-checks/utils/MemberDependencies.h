// Which members of a class depend on which others, for the drop-order and
// sequential-drops checks: a dependent must be dropped before what it
// depends on, and only independent members may be dropped concurrently.
//
// Member B depends on member A when B keeps something that refers into A
// (a reference, a pointer, a guard, an iterator, a handle; not a value read
// out of it, `make_guard<Shard>(db_->id())`, nor an AsyncDropArc share,
// which keeps its own ownership):
//  - B's initialiser keeps A: a constructor's mem-initializer
//    (`cache_(Cache::open(*db_))`), an assignment in a constructor body, or
//    B's default member initialiser;
//  - a factory builds B's constructor argument from A's
//    (`auto db = ...; auto cache = Cache::open(*db);
//      make_guard<Service>(std::move(db), std::move(cache))`);
//  - B's type stores a reference, a pointer or a guard to A's type
//    (`class Cache { Db &db_; };`).

#ifndef ASYNCDROP_UTILS_MEMBERDEPENDENCIES_H
#define ASYNCDROP_UTILS_MEMBERDEPENDENCIES_H

#include "GuardTypes.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseMap.h"
#include <string>
#include <vector>

namespace clang::tidy::asyncdrop {

struct MemberDependency {
  const FieldDecl *Dependent = nullptr;
  const FieldDecl *Dependency = nullptr;
  SourceLocation Loc; ///< where the dependency shows, for a note
  std::string Note;   ///< the note's text
};

class MemberDependencies {
public:
  explicit MemberDependencies(const GuardTypes &Types) : Types(Types) {}

  /// Matchers for the constructions factories perform (make_guard<T>(...),
  /// AsyncDropGuard<T>(std::in_place, where, ...), T(...)); hand their
  /// matches to record().
  static void registerMatchers(ast_matchers::MatchFinder *Finder,
                               ast_matchers::MatchFinder::MatchCallback *CB);
  /// Records a match of registerMatchers(); false for other matches.
  bool record(const ast_matchers::MatchFinder::MatchResult &Result);

  /// The dependencies among the guard-like members of RD (the class as
  /// written: a template's pattern). Call once the translation unit has
  /// been matched; cached.
  const std::vector<MemberDependency> &of(const CXXRecordDecl *RD);
  /// Why Dependent depends on Dependency, if it does.
  const MemberDependency *find(const CXXRecordDecl *RD,
                               const FieldDecl *Dependent,
                               const FieldDecl *Dependency);
  /// Dependent depends on Dependency directly or through other members
  /// (`api_` uses `cache_`, which uses `db_`).
  bool dependsTransitively(const CXXRecordDecl *RD, const FieldDecl *Dependent,
                           const FieldDecl *Dependency);
  /// Forgets everything (end of a translation unit).
  void clear();

private:
  struct Construction {
    const CXXConstructorDecl *Ctor; // the pattern's constructor
    llvm::SmallVector<const Expr *, 4> Args;
  };
  void fromInitialisers(const CXXRecordDecl *RD,
                        std::vector<MemberDependency> &Out);
  void fromFactories(const CXXRecordDecl *RD,
                     std::vector<MemberDependency> &Out);
  void fromStoredReferences(const CXXRecordDecl *RD,
                            std::vector<MemberDependency> &Out);

  const GuardTypes &Types;
  llvm::DenseMap<const CXXRecordDecl *, bool> Relevant;
  llvm::DenseMap<const CXXRecordDecl *, std::vector<Construction>>
      Constructions;
  llvm::DenseMap<const CXXRecordDecl *, std::vector<MemberDependency>> Cache;
};

} // namespace clang::tidy::asyncdrop

#endif
