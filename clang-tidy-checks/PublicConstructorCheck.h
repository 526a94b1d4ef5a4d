#ifndef ASYNCDROP_PUBLICCONSTRUCTORCHECK_H
#define ASYNCDROP_PUBLICCONSTRUCTORCHECK_H

#include "utils/AsyncDropCheck.h"
#include "utils/FlowCheckSupport.h"
#include "utils/GuardTypes.h"
#include "utils/TestFileClassifier.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <vector>

namespace clang::tidy::asyncdrop {

/// Flags AsyncDrop types that code outside the type can create without a
/// guard: public constructors (protected ones in a final class), an
/// implicit public default constructor, aggregate initialisation, inherited
/// constructors; and, separately, public copy constructors.
///
/// Docs: docs/checks/asyncdrop-public-constructor.md
class PublicConstructorCheck : public AsyncDropCheck {
public:
  PublicConstructorCheck(StringRef Name, ClangTidyContext *Context);
  void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) override;
  /// Whether a fix-it is safe depends on every construction of the class,
  /// those in standard library templates (std::make_unique) included.
  bool needsWholeTranslationUnit() const override { return true; }
  void
  checkMatch(const ast_matchers::MatchFinder::MatchResult &Result) override;
  // Diagnostics wait for the end of the translation unit: whether moving a
  // constructor under `private:` compiles depends on every construction.
  void onEndOfTranslationUnit() override;

private:
  void checkClass(const CXXRecordDecl *RD);
  bool isPasskey(const ParmVarDecl *P) const;
  bool takesPasskey(const CXXConstructorDecl *Ctor) const;
  void addFixIts(const CXXRecordDecl *RD,
                 llvm::ArrayRef<const CXXConstructorDecl *> Exposed,
                 DiagnosticBuilder &Diag);

  const SourceManager *SM = nullptr;
  const LangOptions *LangOpts = nullptr;
  std::vector<const CXXRecordDecl *> Classes;
  llvm::DenseSet<SourceLocation> SeenClasses;
  llvm::DenseMap<const CXXRecordDecl *, bool> IsAsyncDrop;
  // Constructor (pattern) -> a construction outside the class and its
  // friends, which a fix-it making the constructor private would break.
  llvm::DenseMap<const FunctionDecl *, SourceLocation> OutsideUses;
  // Where a construction happens, without building ASTContext's parent map.
  EnclosingFunctions Functions;
  const Decl *initialiserOwner(const Expr &E);
  std::vector<const DeclaratorDecl *> InitOwners;
};

} // namespace clang::tidy::asyncdrop

#endif
