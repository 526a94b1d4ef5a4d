// What the three flow checks (missing, unawaited, use-after async_drop)
// share: the matchers that find functions worth analysing, and how a guard
// and its type are named in messages.

#ifndef ASYNCDROP_UTILS_FLOWCHECKSUPPORT_H
#define ASYNCDROP_UTILS_FLOWCHECKSUPPORT_H

#include "GuardTypes.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <string>
#include <vector>

namespace clang::tidy::asyncdrop {

/// Finds the function a matched statement is in without ASTContext's parent
/// map, whose construction (a walk of the whole translation unit with a map
/// insertion per node) would cost more than all of the flow analysis: the
/// MatchFinder visits nodes in pre-order, so the enclosing function of a
/// match is the most recent function definition (or lambda) whose body
/// contains it. A statement outside every function has none.
class EnclosingFunctions {
public:
  void registerMatchers(ast_matchers::MatchFinder *Finder,
                        ast_matchers::MatchFinder::MatchCallback *CB);
  /// Records a function or lambda matched by registerMatchers; true when
  /// Result was one of those (and needs nothing else).
  bool record(const ast_matchers::MatchFinder::MatchResult &Result);
  /// The innermost function definition that contains S (in its body, its
  /// member initialisers or its signature).
  const FunctionDecl *of(const Stmt &S, ASTContext &Ctx);
  void clear() { Stack.clear(); }

private:
  std::vector<const FunctionDecl *> Stack;
};

/// Registers, on Finder, matchers for the only things that make a function
/// worth analysing: a local, by-value parameter, structured binding or
/// lambda init capture of an owner type (GuardTypes::isOwner; or a local
/// reference to one), a member function of a class with a member of an
/// owner type, with ReferenceParams a non-const lvalue reference parameter
/// to one, and with Temporaries (which needs Functions) an owner temporary.
/// Every other function is never looked at.
/// Check::check() then calls functionToAnalyse().
void registerGuardFunctionMatchers(ast_matchers::MatchFinder *Finder,
                                   ast_matchers::MatchFinder::MatchCallback *CB,
                                   const GuardTypes &Types, bool Temporaries,
                                   EnclosingFunctions *Functions = nullptr,
                                   bool ReferenceParams = false);

/// The function a match from registerGuardFunctionMatchers belongs to, or
/// null when it is not worth analysing (no body, in a system header,
/// uninstantiated template) or was already returned once (Seen).
const FunctionDecl *
functionToAnalyse(const ast_matchers::MatchFinder::MatchResult &Result,
                  llvm::DenseSet<const FunctionDecl *> &Seen,
                  EnclosingFunctions *Functions = nullptr);

/// `AsyncDropGuard<Conn>`: the guard's type without namespaces, as messages
/// show it.
std::string guardTypeName(QualType T, const ASTContext &Ctx);

/// The name a message uses for a guard's declaration ("conn", "this->conn").
std::string entityName(const ValueDecl *D);

} // namespace clang::tidy::asyncdrop

#endif
