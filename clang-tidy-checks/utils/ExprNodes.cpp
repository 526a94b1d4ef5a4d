#include "ExprNodes.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/IgnoreExpr.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/Version.h"

namespace clang::tidy::asyncdrop {

static bool isMoveFunctionName(llvm::StringRef Name) {
  return Name == "move" || Name == "forward" || Name == "move_if_noexcept" ||
         Name == "forward_like";
}

static bool isMoveFunction(const FunctionDecl *FD) {
  if (!FD)
    return false;
  switch (FD->getBuiltinID()) {
  case Builtin::BImove:
  case Builtin::BIforward:
  case Builtin::BImove_if_noexcept:
#if CLANG_VERSION_MAJOR >= 17 // std::forward_like became a builtin in 17
  case Builtin::BIforward_like:
#endif
    return true;
  default:
    break;
  }
  // Without the builtins (-fno-builtin-std-move and the like, or a library
  // Clang does not treat as builtin), by name.
  return FD->isInStdNamespace() && FD->getIdentifier() &&
         isMoveFunctionName(FD->getName());
}

const Expr *movedOperand(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParens();
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (Call->getNumArgs() != 1 || isa<CXXMemberCallExpr>(Call) ||
        isa<CXXOperatorCallExpr>(Call))
      return nullptr;
    if (const FunctionDecl *FD = Call->getDirectCallee())
      return isMoveFunction(FD) ? Call->getArg(0) : nullptr;
    // Still unresolved in a template: `std::move(x)` with a dependent x.
    if (const auto *ULE =
            dyn_cast<UnresolvedLookupExpr>(Call->getCallee()->IgnoreParens()))
      for (const NamedDecl *D : ULE->decls())
        if (const auto *FD =
                dyn_cast<FunctionDecl>(D->getUnderlyingDecl()->getAsFunction());
            FD && isMoveFunction(FD))
          return Call->getArg(0);
    return nullptr;
  }
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
    if (Cast->getTypeAsWritten()->isRValueReferenceType())
      return Cast->getSubExpr();
  return nullptr;
}

bool isMoveLike(const Expr *E) { return movedOperand(E) != nullptr; }

const Expr *ignoreTemporaries(const Expr *E) {
  if (!E)
    return nullptr;
  return IgnoreExprNodes(const_cast<Expr *>(E), IgnoreImplicitSingleStep,
                         IgnoreParensSingleStep);
}

static Expr *ignoreMoveSingleStep(Expr *E) {
  if (const Expr *Operand = movedOperand(E))
    return const_cast<Expr *>(Operand);
  if (auto *Construct = dyn_cast<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() >= 1 &&
      Construct->getConstructor()->isCopyOrMoveConstructor())
    return Construct->getArg(0);
  return E;
}

const Expr *ignoreMoves(const Expr *E) {
  if (!E)
    return nullptr;
  return IgnoreExprNodes(const_cast<Expr *>(E), IgnoreImplicitSingleStep,
                         IgnoreParensSingleStep, ignoreMoveSingleStep);
}

bool anyStmtIn(const Stmt *Root, llvm::function_ref<bool(const Stmt *)> Pred) {
  llvm::SmallVector<const Stmt *, 32> Work{Root};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (Pred(S))
      return true;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return false;
}

} // namespace clang::tidy::asyncdrop
