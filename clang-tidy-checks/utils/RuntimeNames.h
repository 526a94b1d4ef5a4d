// Recognising the runtime's own entities (asyncdrop::SyncDrop, ...) by name,
// without building qualified-name strings on the hot path.

#ifndef ASYNCDROP_UTILS_RUNTIMENAMES_H
#define ASYNCDROP_UTILS_RUNTIMENAMES_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::asyncdrop {

/// True when D is `::asyncdrop::Name` (inline namespaces such as an ABI
/// version namespace are looked through).
bool isRuntimeEntity(const NamedDecl *D, llvm::StringRef Name);

/// The class template T instantiates or names, when T is (sugar for) a
/// specialization of one: `SyncDrop<Conn>`, a dependent `SyncDrop<T>`, or a
/// CTAD placeholder `SyncDrop`. Null otherwise.
const TemplateDecl *specializedTemplate(QualType T);

} // namespace clang::tidy::asyncdrop

#endif
