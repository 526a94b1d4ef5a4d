// Whose code a declaration is, for the type-level checks: the user's (to
// check, once, as written: a template's pattern), the runtime's (exempt), or
// code with a class's access rights (its members and friends).

#ifndef ASYNCDROP_UTILS_USERCODE_H
#define ASYNCDROP_UTILS_USERCODE_H

#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::asyncdrop {

/// D is declared inside ::asyncdrop (at any depth): the runtime's own
/// implementation, which the checks exempt.
bool isInRuntimeNamespace(const Decl *D);

/// D is, or is nested in, an instantiation of a template: the checks look at
/// the pattern the user wrote instead, once.
bool isInTemplateInstantiation(const Decl *D);

/// The same as a matcher. Not ast_matchers::isInstantiated(): that one asks
/// hasAncestor, and the first hasAncestor of a run builds ASTContext's
/// parent map, a walk of the whole translation unit (as much as all the
/// checks' own work on a typical file).
AST_MATCHER(Decl, isInInstantiatedCode) {
  return isInTemplateInstantiation(&Node);
}

/// A class definition the user wrote and owns: not implicit, not a lambda,
/// not an instantiation, not in a system header, not the runtime's.
bool isUserClassDefinition(const CXXRecordDecl *RD, const SourceManager &SM);

/// The declaration two spellings of "the same class" share: the template
/// pattern for specializations, the canonical declaration otherwise.
const CXXRecordDecl *classIdentity(const CXXRecordDecl *RD);

/// The function as the user wrote it: the template pattern of an
/// instantiation, canonical.
const FunctionDecl *functionPattern(const FunctionDecl *FD);

/// Code in D has the access rights of RD's members: D is RD, lies inside
/// RD (a member, a nested class, a lambda in a member), or is a friend of
/// RD, or is the runtime's (which reaches private members through
/// asyncdrop::access).
bool hasClassAccess(const Decl *D, const CXXRecordDecl *RD);

} // namespace clang::tidy::asyncdrop

#endif
