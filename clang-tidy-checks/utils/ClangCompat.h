//===--- ClangCompat.h - Clang 16 / 19 API differences ----------*- C++ -*-===//
//
// The checks are written against Clang 19 and also build against Clang 16
// (-DASYNCDROP_LLVM_VERSION=16, docs/packages.md). Where the two APIs
// differ, the check calls the helper here instead of the Clang member, so
// that the version test is in one place and the call sites stay readable.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCDROP_UTILS_CLANGCOMPAT_H
#define ASYNCDROP_UTILS_CLANGCOMPAT_H

#include "clang/AST/Decl.h"
#include "clang/Basic/Version.h"

namespace clang::tidy::asyncdrop::compat {

/// FieldDecl::isUnnamedBitfield() was renamed isUnnamedBitField() in Clang 19.
inline bool isUnnamedBitField(const FieldDecl &Field) {
#if CLANG_VERSION_MAJOR >= 19
  return Field.isUnnamedBitField();
#else
  return Field.isUnnamedBitfield();
#endif
}

} // namespace clang::tidy::asyncdrop::compat

#endif // ASYNCDROP_UTILS_CLANGCOMPAT_H
