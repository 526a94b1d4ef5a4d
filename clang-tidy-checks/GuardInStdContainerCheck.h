#ifndef ASYNCDROP_GUARDINSTDCONTAINERCHECK_H
#define ASYNCDROP_GUARDINSTDCONTAINERCHECK_H

#include "utils/AsyncDropCheck.h"
#include "utils/GuardTypes.h"
#include "utils/TestFileClassifier.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <string>
#include <vector>

namespace clang::tidy::asyncdrop {

/// Flags variables, members, parameters and return values whose type is a
/// standard owner (std::vector, std::map, std::optional, std::unique_ptr,
/// std::shared_ptr, ...) of guards, runtime helpers or AsyncDrop values
/// held by value: the owner destroys them without their asynchronous
/// cleanup.
///
/// Docs: docs/checks/asyncdrop-guard-in-std-container.md
class GuardInStdContainerCheck : public AsyncDropCheck {
public:
  static constexpr llvm::StringLiteral DefaultStandardOwners =
      "::std::vector;::std::deque;::std::list;::std::forward_list;"
      "::std::map;::std::multimap;::std::unordered_map;"
      "::std::unordered_multimap;::std::optional;::std::unique_ptr;"
      "::std::shared_ptr";

  GuardInStdContainerCheck(StringRef Name, ClangTidyContext *Context);
  void storeCheckOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) override;
  void
  checkMatch(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// One diagnostic, and for one found in an instantiation only, the
  /// instantiation its note names.
  struct Finding {
    SourceLocation Loc;
    std::string Owner, Element, Advice;
    std::string Instantiation;
    SourceLocation InstantiatedAt;
  };
  void report(const Finding &F);

  std::string StandardOwnersText;
  std::vector<std::string> StandardOwners;
  llvm::DenseSet<SourceLocation> Reported;
  // Found in instantiations, reported at the end unless the pattern was.
  llvm::DenseMap<SourceLocation, Finding> Pending;
  std::vector<SourceLocation> PendingOrder;
};

} // namespace clang::tidy::asyncdrop

#endif
