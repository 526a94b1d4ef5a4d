// Source text helpers for the fix-its that move or add class members: where
// a class body ends, how its members are indented, and the full text of a
// member declaration (template header and trailing ';' included).

#ifndef ASYNCDROP_UTILS_FIXITTEXT_H
#define ASYNCDROP_UTILS_FIXITTEXT_H

#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include <optional>
#include <string>

namespace clang::tidy::asyncdrop {

/// Where new members go: just before the class's closing brace.
struct ClassEnd {
  SourceLocation InsertAt;
  std::string AccessIndent; ///< indentation of `public:` / `private:`
  std::string MemberIndent; ///< indentation of a member declaration
  bool OwnLine = true;      ///< the brace starts its line: insert lines
  /// Block is a sequence of indented lines; on a one-line class it is
  /// folded into one line.
  std::string wrap(const std::string &Block) const;
};
std::optional<ClassEnd> findClassEnd(const CXXRecordDecl *RD,
                                     const SourceManager &SM);

/// A member declaration's text and the range that removes it (whole lines
/// when it has its lines to itself). None when a macro is involved.
struct DeclText {
  CharSourceRange Removal;
  std::string Text;
};
std::optional<DeclText> declText(const Decl *D, const SourceManager &SM,
                                 const LangOptions &LangOpts);

/// The whitespace before Loc on its line, if only whitespace precedes it.
std::optional<std::string> indentationOf(SourceLocation Loc,
                                         const SourceManager &SM);

} // namespace clang::tidy::asyncdrop

#endif
