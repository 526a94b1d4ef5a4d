#include "UserCodeWalk.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"
#include <map>
#include <mutex>

using namespace clang::ast_matchers;

namespace clang::tidy::asyncdrop {

namespace {
// The first declaration clang-tidy's MatchFinder visits (the TU itself, or in
// clangd the first top-level declaration of the main file) starts the walk;
// every later evaluation is one comparison.
AST_MATCHER_P(Decl, startsUserCodeWalk, const UserCodeWalk *, Walk) {
  return Walk->pending(Finder->getASTContext());
}

struct Registry {
  std::mutex Lock;
  std::map<const void *, std::weak_ptr<UserCodeWalk>> Live;
};
Registry &registry() {
  static Registry R;
  return R;
}
} // namespace

std::shared_ptr<UserCodeWalk> UserCodeWalk::get(const void *Owner) {
  Registry &R = registry();
  std::lock_guard<std::mutex> Hold(R.Lock);
  for (auto It = R.Live.begin(); It != R.Live.end();)
    It = It->second.expired() ? R.Live.erase(It) : std::next(It);
  std::weak_ptr<UserCodeWalk> &Slot = R.Live[Owner];
  std::shared_ptr<UserCodeWalk> Walk = Slot.lock();
  if (!Walk) {
    Walk = std::make_shared<UserCodeWalk>();
    Slot = Walk;
  }
  return Walk;
}

void UserCodeWalk::attach(MatchFinder &Outer) {
  if (AttachedTo == &Outer)
    return;
  AttachedTo = &Outer;
  Outer.addMatcher(decl(startsUserCodeWalk(this)).bind("walk"), this);
}

static bool inUserCode(const Decl *D, const SourceManager &SM) {
  SourceLocation Loc = D->getLocation();
  return Loc.isValid() && !SM.isInSystemHeader(SM.getExpansionLoc(Loc));
}

std::vector<Decl *> UserCodeWalk::userScope(ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<Decl *> Scope;
  for (Decl *D : Ctx.getTraversalScope()) {
    if (auto *TU = dyn_cast<TranslationUnitDecl>(D)) {
      for (Decl *Top : TU->decls())
        if (inUserCode(Top, SM))
          Scope.push_back(Top);
    } else if (inUserCode(D, SM)) {
      Scope.push_back(D);
    }
  }
  return Scope;
}

void UserCodeWalk::run(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (!pending(Ctx))
    return;
  Walked = &Ctx;
  std::vector<Decl *> Saved = Ctx.getTraversalScope();
  std::vector<Decl *> Scope = userScope(Ctx);
  bool Changed = Scope != Saved;
  if (Changed)
    Ctx.setTraversalScope(Scope);
  Inner.matchAST(Ctx);
  if (Changed)
    Ctx.setTraversalScope(Saved);
}

} // namespace clang::tidy::asyncdrop
