// UserCodeWalk: the asyncdrop checks' matchers run over user code only, in
// one walk shared by all of them.
//
// clang-tidy's MatchFinder walks the whole translation unit and evaluates
// every check's matchers on every node: in a TU that includes Asio or the
// standard library, nearly all of those nodes are in system headers, where
// no asyncdrop check reports anything. So the checks do not register their
// matchers with clang-tidy's MatchFinder. They register them with the
// UserCodeWalk their ClangTidyContext shares (registerUserCodeMatchers() in
// AsyncDropCheck.h), and the walk registers a single, trivially cheap matcher
// with clang-tidy's MatchFinder: the first declaration it visits starts the
// walk, which runs the checks' matchers (its own MatchFinder) over the
// top-level declarations of the traversal scope that are not in system
// headers. clangd already restricts the scope to the main file's
// declarations; clang-tidy and the compiler plugin traverse the whole TU,
// which the walk replaces by its user-code top-level declarations for as
// long as it runs (ASTContext::setTraversalScope), then restores.
//
// What the checks see is what they saw before, minus the nodes inside
// system headers' top-level declarations (where each check already reported
// nothing): template instantiations of user templates are reached through
// the templates, lambdas through their enclosing declarations, in the same
// pre-order. Each check's onEndOfTranslationUnit() is called by the walk's
// MatchFinder when the walk ends.
//
// The cost that remains is clang-tidy's walk of the TU, which every check
// pays, plus a walk of user code. The parent map (ParentMapContext) is
// reset when the scope changes: the walk starts at the first declaration
// visited, before any check can have built one, and a check that needs it
// afterwards builds it again (for the whole TU) on demand.

#ifndef ASYNCDROP_UTILS_USERCODEWALK_H
#define ASYNCDROP_UTILS_USERCODEWALK_H

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <memory>

namespace clang::tidy::asyncdrop {

class UserCodeWalk : public ast_matchers::MatchFinder::MatchCallback {
public:
  /// The walk of the checks owned by Owner (their ClangTidyContext), created
  /// on the first request, destroyed with the last check holding it.
  static std::shared_ptr<UserCodeWalk> get(const void *Owner);

  /// Where the checks register their matchers (and themselves as the
  /// callbacks).
  ast_matchers::MatchFinder &finder() { return Inner; }

  /// Registers the matcher that starts the walk on clang-tidy's MatchFinder
  /// (once: every check calls it).
  void attach(ast_matchers::MatchFinder &Outer);

  /// Whether the walk over Ctx has not run yet.
  bool pending(const ASTContext &Ctx) const { return Walked != &Ctx; }

  /// The top-level declarations the walk visits, given the traversal scope
  /// clang-tidy (or clangd) set: those not in system headers, with the TU
  /// replaced by its declarations.
  static std::vector<Decl *> userScope(ASTContext &Ctx);

  void run(const ast_matchers::MatchFinder::MatchResult &Result) override;
  llvm::StringRef getID() const override { return "asyncdrop-user-code-walk"; }

private:
  ast_matchers::MatchFinder Inner;
  const ast_matchers::MatchFinder *AttachedTo = nullptr;
  const ASTContext *Walked = nullptr;
};

} // namespace clang::tidy::asyncdrop

#endif
