#include "SharedFlow.h"

#include <map>
#include <mutex>

namespace clang::tidy::asyncdrop {

namespace {
// Live SharedFlows by (owner, configuration). Entries of destroyed ones are
// pruned on the next request, so the map holds about one entry per
// configuration per translation unit being checked right now.
struct Registry {
  std::mutex Lock;
  std::map<std::pair<const void *, std::string>, std::weak_ptr<SharedFlow>>
      Live;
};
Registry &registry() {
  static Registry R; // never destroyed before a check: checks are not static
  return R;
}
} // namespace

std::shared_ptr<SharedFlow> SharedFlow::get(const void *Owner,
                                            const GuardTypes &Types) {
  Registry &R = registry();
  std::lock_guard<std::mutex> Hold(R.Lock);
  for (auto It = R.Live.begin(); It != R.Live.end();)
    It = It->second.expired() ? R.Live.erase(It) : std::next(It);
  std::weak_ptr<SharedFlow> &Slot = R.Live[{Owner, Types.configKey()}];
  std::shared_ptr<SharedFlow> Shared = Slot.lock();
  if (!Shared) {
    Shared = std::make_shared<SharedFlow>(Types);
    Slot = Shared;
  }
  return Shared;
}

SharedFlow::SharedFlow(const GuardTypes &Types)
    : Types(Types), Flow(this->Types) {
  // Throw exits are always found: missing-async-drop drops them when its
  // CheckThrowPaths is off, the other checks never report them.
  Opts.CheckThrowPaths = true;
}

void SharedFlow::requireUses(std::vector<std::string> Allowed) {
  AllowedAfterDrop = std::move(Allowed);
  Opts.CollectUses = true;
  Opts.AllowedAfterDrop = AllowedAfterDrop;
}

const FlowResult *SharedFlow::guards(ASTContext &Ctx, const FunctionDecl *F) {
  if (ResultsCtx != &Ctx) {
    endTranslationUnit();
    ResultsCtx = &Ctx;
  }
  auto [It, New] = Results.try_emplace(F);
  if (New)
    It->second = Flow.analyzeGuards(Ctx, F, Opts);
  return It->second ? &*It->second : nullptr;
}

void SharedFlow::endTranslationUnit() {
  Results.clear();
  Flow.forgetSummaries();
  ResultsCtx = nullptr;
}

bool SharedFlow::isReferenceParam(const FlowResult &R, unsigned I) {
  const FlowEntity &E = R.Entities[I];
  return E.K == FlowEntity::Kind::Var && isa<ParmVarDecl>(E.Decl) &&
         E.Decl->getType()->isReferenceType();
}

} // namespace clang::tidy::asyncdrop
