#include "StmtParents.h"

#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::asyncdrop {

void StmtParents::build(const Stmt *Root) {
  Parents.clear();
  if (!Root)
    return;
  Parents[Root] = nullptr;
  llvm::SmallVector<const Stmt *, 64> Work{Root};
  auto Visit = [&](const Stmt *Child, const Stmt *Parent) {
    // First parent wins; a node already mapped is not walked again.
    if (Child && Parents.try_emplace(Child, Parent).second)
      Work.push_back(Child);
  };
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    // An OpaqueValueExpr has no children; its source usually is a child of
    // the enclosing expression too (a co_await's operand, a `?:`'s common
    // part). When it is not (an array init loop's common expression), it is
    // walked here, as a child of the expression the opaque value stands in.
    if (const auto *OVE = dyn_cast<OpaqueValueExpr>(S)) {
      Visit(OVE->getSourceExpr(), parent(OVE));
      continue;
    }
    for (const Stmt *Child : S->children())
      Visit(Child, S);
  }
}

} // namespace clang::tidy::asyncdrop
