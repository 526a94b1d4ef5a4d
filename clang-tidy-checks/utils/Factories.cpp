#include "Factories.h"

#include "ExprNodes.h"
#include "MemberDrops.h"
#include "OwnedTypes.h"
#include "RuntimeNames.h"
#include "UserCode.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::asyncdrop {

// The standard owners a factory may wrap its result in.
static bool isStandardOwnerResult(const TemplateDecl *TD) {
  return TD && (hasQualifiedName(TD, "std::unique_ptr") ||
                hasQualifiedName(TD, "std::shared_ptr") ||
                hasQualifiedName(TD, "std::optional"));
}

// Some return statement of F's own body (not of a lambda or a local class)
// returns a new-expression.
static bool returnsNew(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S) || isa<DeclStmt>(S))
    return false;
  if (const auto *Return = dyn_cast<ReturnStmt>(S))
    return Return->getRetValue() &&
           isa<CXXNewExpr>(Return->getRetValue()->IgnoreParenImpCasts());
  for (const Stmt *Child : S->children())
    if (returnsNew(Child))
      return true;
  return false;
}

std::optional<UnguardedResult> unguardedResult(const FunctionDecl *F,
                                               const GuardTypes &Types) {
  QualType Result = F->getReturnType();
  UnguardedResult Found;
  const TemplateDecl *TD = specializedTemplate(Result);
  if (TD && (isRuntimeEntity(TD, "Task") || isStandardOwnerResult(TD))) {
    llvm::ArrayRef<TemplateArgument> Args = templateArgumentsOf(Result);
    if (Args.empty() || Args[0].getKind() != TemplateArgument::Type)
      return std::nullopt;
    Result = Args[0].getAsType();
    if (isRuntimeEntity(TD, "Task")) {
      Found.Kind = UnguardedKind::Task;
    } else {
      Found.Kind = UnguardedKind::StandardOwner;
      Found.Owner = TD;
    }
  } else if (Result->isPointerType()) {
    Result = Result->getPointeeType();
    Found.Kind = UnguardedKind::RawPointer;
  }
  if (Result->isReferenceType() || Result->isPointerType())
    return std::nullopt;
  const CXXRecordDecl *RD = Result->getAsCXXRecordDecl();
  if (!RD || Types.isGuard(Result) || GuardTypes::isRuntimeHelper(Result) ||
      !Types.isAsyncDropType(RD))
    return std::nullopt;
  // Last, the one test that walks a body.
  if (Found.Kind == UnguardedKind::RawPointer) {
    const FunctionDecl *Def = F->getDefinition();
    if (!Def || !returnsNew(Def->getBody()))
      return std::nullopt;
  }
  Found.Class = RD;
  return Found;
}

// The innermost namespace (or the translation unit) around D, inline
// namespaces looked through.
static const DeclContext *enclosingNamespace(const Decl *D) {
  const DeclContext *Ctx = D->getDeclContext();
  while (Ctx && !Ctx->isTranslationUnit() &&
         (!isa<NamespaceDecl>(Ctx) || Ctx->isInlineNamespace()))
    Ctx = Ctx->getParent();
  if (const auto *NS = dyn_cast_or_null<NamespaceDecl>(Ctx))
    return NS->getCanonicalDecl();
  return Ctx;
}

bool isFactoryOf(const FunctionDecl *F, const CXXRecordDecl *RD) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(F)) {
    if (Method->getParent()->isLambda())
      return false;
    // Every member function of RD that returns an RD makes a new one, static
    // or not: `static Conn open()`, `Cursor fork() const`.
    if (classIdentity(Method->getParent()) == classIdentity(RD))
      return true;
  }
  if (hasClassAccess(F, RD)) // a friend
    return true;
  return F->getDeclContext()->isFileContext() &&
         enclosingNamespace(F) == enclosingNamespace(RD);
}

} // namespace clang::tidy::asyncdrop
