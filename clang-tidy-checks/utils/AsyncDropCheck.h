// The base of every asyncdrop check: the rules all of them follow, kept in
// one place so that a new check cannot forget one.

#ifndef ASYNCDROP_UTILS_ASYNCDROPCHECK_H
#define ASYNCDROP_UTILS_ASYNCDROPCHECK_H

#include "ClangTidyCheck.h"
#include "CompileErrors.h"

namespace clang::tidy::asyncdrop {

class AsyncDropCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;

  /// Nothing is reported in a translation unit with compile errors (see
  /// CompileErrors.h); otherwise the match goes to checkMatch().
  void check(const ast_matchers::MatchFinder::MatchResult &Result) final {
    if (!hasCompileErrors(*Result.Context))
      checkMatch(Result);
  }

protected:
  virtual void
  checkMatch(const ast_matchers::MatchFinder::MatchResult &Result) = 0;
};

} // namespace clang::tidy::asyncdrop

#endif
