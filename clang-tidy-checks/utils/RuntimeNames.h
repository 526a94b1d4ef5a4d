// The runtime's vocabulary: the names of its types, members and annotations
// that the checks recognise, and recognising entities by qualified name
// without building qualified-name strings on the hot path.

#ifndef ASYNCDROP_UTILS_RUNTIMENAMES_H
#define ASYNCDROP_UTILS_RUNTIMENAMES_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::asyncdrop {

/// The member an AsyncDrop type provides (the asyncdrop::AsyncDrop concept).
inline constexpr llvm::StringLiteral AsyncDropImplName = "async_drop_impl";
/// AsyncDropGuard's escape hatch (pattern rule 7).
inline constexpr llvm::StringLiteral UnsafeIntoInnerName =
    "unsafe_into_inner_dont_drop";
/// The class an AsyncDrop type befriends so make_guard reaches it.
inline constexpr llvm::StringLiteral AccessClassName = "access";
/// What ASYNCDROP_DROPS puts on a parameter (annotations.hpp).
inline constexpr llvm::StringLiteral DropsAnnotation = "asyncdrop::drops";

/// D's qualified name is Qualified ("std::vector", leading "::" optional),
/// inline namespaces (std::__cxx11, ABI versions) looked through; compared
/// component by component from the back, without building a string.
bool hasQualifiedName(const NamedDecl *D, llvm::StringRef Qualified);

/// True when D is `::asyncdrop::Name` (inline namespaces such as an ABI
/// version namespace are looked through).
bool isRuntimeEntity(const NamedDecl *D, llvm::StringRef Name);

/// The class template T instantiates or names, when T is (sugar for) a
/// specialization of one: `SyncDrop<Conn>`, a dependent `SyncDrop<T>`, or a
/// CTAD placeholder `SyncDrop`. Null otherwise.
const TemplateDecl *specializedTemplate(QualType T);

/// P is annotated ASYNCDROP_DROPS: the callee drops what it refers to.
bool hasDropsAnnotation(const ParmVarDecl *P);

/// RD declares `friend class asyncdrop::access;`.
bool befriendsAccess(const CXXRecordDecl *RD);

} // namespace clang::tidy::asyncdrop

#endif
