// Benchmark input (c): a translation unit that never mentions the asyncdrop
// runtime: the Clang, LLVM and clang-tidy headers the project's own checks
// and hosts include, plus a small AST matcher check.  Compile with
// -std=c++17 -fno-rtti and the include directories of llvm-config-19.
#include "ClangTidyCheck.h"
#include "ClangTidyModule.h"
#include "ClangTidyModuleRegistry.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang::ast_matchers;

namespace demo {

// Counts the co_await expressions of each coroutine body.
class AwaitCounter : public clang::RecursiveASTVisitor<AwaitCounter> {
 public:
  bool VisitCoawaitExpr(clang::CoawaitExpr*) {
    ++count;
    return true;
  }
  unsigned count = 0;
};

class LongCoroutineCheck : public clang::tidy::ClangTidyCheck {
 public:
  using ClangTidyCheck::ClangTidyCheck;
  void registerMatchers(MatchFinder* finder) override {
    finder->addMatcher(functionDecl(hasBody(coroutineBodyStmt().bind("body"))).bind("fn"), this);
  }
  void check(const MatchFinder::MatchResult& result) override {
    const auto* fn = result.Nodes.getNodeAs<clang::FunctionDecl>("fn");
    const auto* body = result.Nodes.getNodeAs<clang::CoroutineBodyStmt>("body");
    AwaitCounter counter;
    counter.TraverseStmt(const_cast<clang::CoroutineBodyStmt*>(body));
    std::unique_ptr<clang::CFG> cfg = clang::CFG::buildCFG(
        fn, body->getBody(), result.Context, clang::CFG::BuildOptions());
    if (cfg && counter.count > 16 && cfg->size() > 64)
      diag(fn->getLocation(), "coroutine %0 has %1 awaits") << fn << counter.count;
    seen_[fn] = counter.count;
  }

 private:
  llvm::DenseMap<const clang::FunctionDecl*, unsigned> seen_;
};

}  // namespace demo
