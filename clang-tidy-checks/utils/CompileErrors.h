// The one rule every asyncdrop check follows on broken input: say nothing in
// a translation unit that has compile errors.
//
// Why the whole translation unit and not only the function with the error:
// parser recovery can drop a statement (the rest of a block cut off at the
// end of the file, a co_await in a handler, a stretch skipped to the next
// ')') without leaving a RecoveryExpr or an invalid declaration behind. The
// function then looks complete and well-formed, with its drop missing, and
// nothing in the AST says so. Clang's own flow warnings make the same call
// (AnalysisBasedWarnings stops once an error has occurred). Diagnostics come
// back as soon as the code compiles; warnings promoted by -Werror do not
// count as errors here.

#ifndef ASYNCDROP_UTILS_COMPILEERRORS_H
#define ASYNCDROP_UTILS_COMPILEERRORS_H

#include "clang/AST/ASTContext.h"

namespace clang::tidy::asyncdrop {

inline bool hasCompileErrors(const ASTContext &Ctx) {
  return Ctx.getDiagnostics().hasUncompilableErrorOccurred();
}

} // namespace clang::tidy::asyncdrop

#endif
