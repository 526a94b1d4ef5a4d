// Unit tests of the flow engine itself (GuardFlow): the exits, notes,
// pruning and callee summaries it computes, asserted on FlowResult directly
// rather than through a check's messages.

#include "utils/GuardFlow.h"
#include "utils/SharedFlow.h"

#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

#ifndef ASYNCDROP_RUNTIME_INCLUDE
#error "ASYNCDROP_RUNTIME_INCLUDE must name runtime/include"
#endif

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy;
using namespace clang::tidy::asyncdrop;

namespace {

const char *const Prelude = R"cpp(
#include <asyncdrop/asyncdrop.hpp>
#include <utility>
using asyncdrop::AsyncDropGuard;
using asyncdrop::Task;
class Conn {
 public:
  void send(int) {}
  int id() const { return 1; }
 private:
  friend class asyncdrop::access;
  Conn() = default;
  Task<void> async_drop_impl() { co_return; }
};
AsyncDropGuard<Conn> connect();
bool cond();
int pick();
Task<void> work();
void log(int);
)cpp";

// One translation unit, the engine and the GuardTypes it needs (default
// options: AsyncDropGuard and the runtime's types).
class Engine {
public:
  explicit Engine(const std::string &Code)
      : Types(defaultConfig()), Flow(Types) {
    AST = tooling::buildASTFromCodeWithArgs(
        std::string(Prelude) + Code,
        {"-std=c++20", "-I" ASYNCDROP_RUNTIME_INCLUDE}, "input.cpp");
  }
  ASTContext &ctx() { return AST->getASTContext(); }
  bool hasErrors() { return AST->getDiagnostics().hasErrorOccurred(); }
  const FunctionDecl *function(const std::string &Name) {
    auto Found =
        match(functionDecl(hasName(Name), isDefinition()).bind("f"), ctx());
    return Found.empty() ? nullptr : Found.front().getNodeAs<FunctionDecl>("f");
  }
  const CXXMethodDecl *method(const std::string &Class,
                              const std::string &Name) {
    auto Found = match(
        cxxMethodDecl(hasName(Name), isDefinition(), ofClass(hasName(Class)))
            .bind("m"),
        ctx());
    return Found.empty() ? nullptr
                         : Found.front().getNodeAs<CXXMethodDecl>("m");
  }
  const FieldDecl *field(const std::string &Class, const std::string &Name) {
    auto Found =
        match(fieldDecl(hasName(Name), hasParent(cxxRecordDecl(hasName(Class))))
                  .bind("fd"),
              ctx());
    return Found.empty() ? nullptr : Found.front().getNodeAs<FieldDecl>("fd");
  }
  std::optional<FlowResult> guards(const std::string &Name,
                                   FlowOptions Opts = {}) {
    const FunctionDecl *F = function(Name);
    EXPECT_NE(F, nullptr) << Name;
    if (!F)
      return std::nullopt;
    return Flow.analyzeGuards(ctx(), F, Opts);
  }
  /// The exits where some entity may still own its value.
  static std::vector<const FlowExit *> owned(const FlowResult &R) {
    std::vector<const FlowExit *> Out;
    for (const FlowExit &X : R.Exits)
      if (X.MayBeOwned)
        Out.push_back(&X);
    return Out;
  }
  unsigned line(SourceLocation Loc) {
    return ctx().getSourceManager().getPresumedLineNumber(Loc);
  }
  /// The line of the first occurrence of Marker in the whole input.
  unsigned lineOf(const std::string &Code, const std::string &Marker) {
    std::string Whole = std::string(Prelude) + Code;
    size_t At = Whole.find(Marker);
    EXPECT_NE(At, std::string::npos) << Marker;
    return 1 + std::count(Whole.begin(), Whole.begin() + At, '\n');
  }

  // What the checks read from empty options: no clang-tidy needed.
  static GuardTypesConfig defaultConfig() {
    GuardTypesConfig Config;
    Config.GuardTypesText = GuardTypes::DefaultGuardTypes.str();
    Config.DropMethodsText = GuardTypes::DefaultDropMethods.str();
    Config.GuardNames = {Config.GuardTypesText};
    Config.DropMethods = {Config.DropMethodsText};
    return Config;
  }
  GuardTypes Types;
  GuardFlow Flow;
  std::unique_ptr<ASTUnit> AST;
};

TEST(GuardFlowExits, EarlyReturnLeaksWithNotes) {
  std::string Code = R"cpp(
Task<void> f() {
  auto conn = connect();
  if (cond())      // BRANCH
    co_return;     // EXIT
  co_await conn.async_drop();
}
)cpp";
  Engine E(Code);
  ASSERT_FALSE(E.hasErrors());
  auto R = E.guards("f");
  ASSERT_TRUE(R);
  EXPECT_TRUE(R->IsCoroutine);
  ASSERT_EQ(R->Entities.size(), 1u);
  auto Owned = Engine::owned(*R);
  ASSERT_EQ(Owned.size(), 1u);
  EXPECT_EQ(Owned[0]->K, FlowExit::Kind::CoReturn);
  EXPECT_EQ(E.line(Owned[0]->Loc), E.lineOf(Code, "// EXIT"));
  EXPECT_FALSE(Owned[0]->OnExceptionPath);
  ASSERT_EQ(Owned[0]->Notes.size(), 1u);
  EXPECT_EQ(Owned[0]->Notes[0].Text, "taking the early 'co_return' here");
  EXPECT_EQ(E.line(Owned[0]->Notes[0].Loc), E.lineOf(Code, "// BRANCH"));
  EXPECT_FALSE(R->droppedOnEveryPath(0));
}

TEST(GuardFlowExits, DroppedOnEveryPath) {
  Engine E(R"cpp(
Task<void> f() {
  auto conn = connect();
  if (cond()) {
    co_await conn.async_drop();
    co_return;
  }
  co_await conn.async_drop();
}
)cpp");
  auto R = E.guards("f");
  ASSERT_TRUE(R);
  EXPECT_TRUE(Engine::owned(*R).empty());
  EXPECT_TRUE(R->droppedOnEveryPath(0));
}

TEST(GuardFlowExits, ExceptionPathIsFlagged) {
  Engine E(R"cpp(
Task<int> f() {
  auto conn = connect();
  try {
    co_await work();
  } catch (...) {
    co_return -1;
  }
  co_await conn.async_drop();
  co_return 0;
}
Task<void> g() {
  try {
    auto inner = connect();
    co_await work();
    co_await inner.async_drop();
  } catch (...) {
    throw;
  }
}
)cpp");
  auto R = E.guards("f");
  ASSERT_TRUE(R);
  auto Owned = Engine::owned(*R);
  ASSERT_EQ(Owned.size(), 1u);
  EXPECT_TRUE(Owned[0]->OnExceptionPath);
  // The try block's own guard is gone when the handler runs.
  auto G = E.guards("g");
  ASSERT_TRUE(G);
  EXPECT_TRUE(Engine::owned(*G).empty());
}

TEST(GuardFlowPruning, IsDroppedRulesOutBranches) {
  Engine E(R"cpp(
Task<void> drop_unless_dropped() {
  auto conn = connect();
  if (cond())
    co_await conn.async_drop();
  if (!conn.is_dropped())
    co_await conn.async_drop();
}
Task<void> early_exit(AsyncDropGuard<Conn> conn) {
  if (conn.is_dropped())
    co_return;
  co_await conn.async_drop();
}
Task<void> wrong_way_round() {
  auto conn = connect();
  if (cond())
    co_await conn.async_drop();
  if (conn.is_dropped())
    co_await conn.async_drop();
}
)cpp");
  auto A = E.guards("drop_unless_dropped");
  ASSERT_TRUE(A);
  EXPECT_TRUE(Engine::owned(*A).empty());
  auto B = E.guards("early_exit");
  ASSERT_TRUE(B);
  EXPECT_TRUE(Engine::owned(*B).empty());
  auto C = E.guards("wrong_way_round");
  ASSERT_TRUE(C);
  EXPECT_EQ(Engine::owned(*C).size(), 1u);
}

TEST(GuardFlowPruning, CorrelatedValues) {
  Engine E(R"cpp(
Task<void> same(bool fast) {
  auto conn = connect();
  if (fast)
    co_await conn.async_drop();
  if (!fast)
    co_await conn.async_drop();
}
Task<void> modified(bool fast) {
  auto conn = connect();
  if (fast)
    co_await conn.async_drop();
  fast = cond();
  if (!fast)
    co_await conn.async_drop();
}
)cpp");
  auto Same = E.guards("same");
  ASSERT_TRUE(Same);
  EXPECT_TRUE(Engine::owned(*Same).empty());
  auto Modified = E.guards("modified");
  ASSERT_TRUE(Modified);
  EXPECT_EQ(Engine::owned(*Modified).size(), 1u);
}

TEST(GuardFlowPruning, NotesFollowOnlyPossiblePaths) {
  std::string Code = R"cpp(
Task<void> f(bool fast) {
  auto conn = connect();
  if (fast) {      // FIRST
  } else {
    log(1);
  }
  if (fast)
    co_return;
  co_await conn.async_drop();
}
)cpp";
  Engine E(Code);
  auto R = E.guards("f");
  ASSERT_TRUE(R);
  auto Owned = Engine::owned(*R);
  ASSERT_EQ(Owned.size(), 1u);
  ASSERT_EQ(Owned[0]->Notes.size(), 2u);
  // Only `fast` leads to the co_return: the first branch was taken too.
  EXPECT_EQ(Owned[0]->Notes[0].Text, "when this condition is true");
  EXPECT_EQ(E.line(Owned[0]->Notes[0].Loc), E.lineOf(Code, "// FIRST"));
}

TEST(GuardFlowUses, UseGuardedByIsDroppedIsNoUse) {
  Engine E(R"cpp(
Task<void> f() {
  auto conn = connect();
  if (cond())
    co_await conn.async_drop();
  if (!conn.is_dropped())
    conn->send(1);
  conn->send(2);
  co_await conn.async_drop();
}
)cpp");
  FlowOptions Opts;
  Opts.CollectUses = true;
  std::vector<std::string> Allowed{"is_dropped"};
  Opts.AllowedAfterDrop = Allowed;
  auto R = E.guards("f", Opts);
  ASSERT_TRUE(R);
  ASSERT_EQ(R->Uses.size(), 1u); // only send(2)
  EXPECT_NE(R->Uses[0].DropSite, nullptr);
}

const char *const Chain = R"cpp(
Task<void> h1(AsyncDropGuard<Conn> &c);
Task<void> h2(AsyncDropGuard<Conn> &c);
Task<void> h3(AsyncDropGuard<Conn> &c);
Task<void> h4(AsyncDropGuard<Conn> &c);
Task<void> h5(AsyncDropGuard<Conn> &c);
Task<void> h6(AsyncDropGuard<Conn> &c);
Task<void> h1(AsyncDropGuard<Conn> &c) { co_await h2(c); }
Task<void> h2(AsyncDropGuard<Conn> &c) { co_await h3(c); }
Task<void> h3(AsyncDropGuard<Conn> &c) { co_await h4(c); }
Task<void> h4(AsyncDropGuard<Conn> &c) { co_await h5(c); }
Task<void> h5(AsyncDropGuard<Conn> &c) { co_await h6(c); }
Task<void> h6(AsyncDropGuard<Conn> &c) { co_await c.async_drop(); }
Task<void> r(AsyncDropGuard<Conn> &c) {
  if (cond()) { co_await r(c); co_return; }
  co_await c.async_drop();
}
)cpp";

// Asks for each helper's summary in the given order; returns the answers by
// helper number.
std::vector<ParamEffect> summaries(const std::vector<int> &Order) {
  Engine E(Chain);
  std::vector<ParamEffect> Answers(7, ParamEffect::None);
  for (int I : Order)
    Answers[I] = E.Flow.calleeParamEffect(
        E.ctx(), E.function("h" + std::to_string(I)), 0);
  return Answers;
}

TEST(GuardFlowSummaries, IndependentOfOrder) {
  std::vector<ParamEffect> TopDown = summaries({1, 2, 3, 4, 5, 6});
  std::vector<ParamEffect> BottomUp = summaries({6, 5, 4, 3, 2, 1});
  std::vector<ParamEffect> Middle = summaries({4, 1, 6, 2, 5, 3});
  for (int I = 1; I <= 6; ++I) {
    EXPECT_EQ(TopDown[I], ParamEffect::Drops) << "h" << I;
    EXPECT_EQ(BottomUp[I], TopDown[I]) << "h" << I;
    EXPECT_EQ(Middle[I], TopDown[I]) << "h" << I;
  }
}

TEST(GuardFlowSummaries, RecursionIsNotCachedUnderItsOwnAssumption) {
  Engine E(Chain);
  const FunctionDecl *R = E.function("r");
  ASSERT_NE(R, nullptr);
  // r drops on every path only if its recursive call does: assumed not.
  ParamEffect First = E.Flow.calleeParamEffect(E.ctx(), R, 0);
  ParamEffect Second = E.Flow.calleeParamEffect(E.ctx(), R, 0);
  EXPECT_EQ(First, Second);
  EXPECT_NE(First, ParamEffect::Drops);
}

TEST(GuardFlowSummaries, MemberHelpers) {
  Engine E(R"cpp(
class Mailer {
  friend class asyncdrop::access;
  AsyncDropGuard<Conn> smtp_;
  AsyncDropGuard<Conn> backup_;
  Task<void> close_smtp() { co_await smtp_.async_drop(); }
  Task<void> maybe_close_backup() {
    if (cond())
      co_await backup_.async_drop();
  }
  Task<void> async_drop_impl() {
    co_await this->close_smtp();
    co_await maybe_close_backup();
  }
};
)cpp");
  const FieldDecl *Smtp = E.field("Mailer", "smtp_");
  const FieldDecl *Backup = E.field("Mailer", "backup_");
  ASSERT_TRUE(Smtp && Backup);
  const FieldDecl *Fields[] = {Smtp, Backup};
  auto Close = E.Flow.calleeFieldEffects(
      E.ctx(), E.method("Mailer", "close_smtp"), Fields);
  ASSERT_EQ(Close.size(), 2u);
  EXPECT_EQ(Close[0], ParamEffect::Drops);
  EXPECT_EQ(Close[1], ParamEffect::None);
  auto Maybe = E.Flow.calleeFieldEffects(
      E.ctx(), E.method("Mailer", "maybe_close_backup"), Fields);
  EXPECT_EQ(Maybe[1], ParamEffect::MayDrop);
  // async_drop_impl() itself: smtp_ dropped through the helper.
  FlowEntity Entities[] = {FlowEntity::field(Smtp), FlowEntity::field(Backup)};
  auto R =
      E.Flow.analyze(E.ctx(), E.method("Mailer", "async_drop_impl"), Entities);
  ASSERT_TRUE(R);
  EXPECT_TRUE(R->droppedOnEveryPath(0));
  EXPECT_FALSE(R->droppedOnEveryPath(1));
}

} // namespace

// The checks of one translation unit share one analysis per function
// (SharedFlow.h): one per owner and configuration, computed once, and with
// every requirement of the checks that hold it.
TEST(SharedFlowAnalysis, OneAnalysisPerFunctionPerConfiguration) {
  int ContextA = 0, ContextB = 0; // stand-ins for two ClangTidyContexts
  GuardTypes Default(Engine::defaultConfig());
  GuardTypesConfig ScopeConfig = Engine::defaultConfig();
  ScopeConfig.GuardTypesText = "::Scope";
  ScopeConfig.GuardNames = {"::Scope"};
  GuardTypes Scopes(ScopeConfig);

  std::shared_ptr<SharedFlow> First = SharedFlow::get(&ContextA, Default);
  EXPECT_EQ(First, SharedFlow::get(&ContextA, Default));
  EXPECT_NE(First, SharedFlow::get(&ContextB, Default));
  EXPECT_NE(First, SharedFlow::get(&ContextA, Scopes));
  // Released by its last holder, a new one starts afresh.
  const SharedFlow *Old = First.get();
  First.reset();
  std::shared_ptr<SharedFlow> Again = SharedFlow::get(&ContextA, Default);
  EXPECT_EQ(Again->analysedFunctions(), 0u);
  (void)Old;

  const std::string Code = R"cpp(
Task<void> leaks_and_uses(AsyncDropGuard<Conn> &borrowed) {
  auto conn = connect();
  co_await borrowed.async_drop();
  borrowed->send(1);
  if (cond())
    throw 1;
  co_await conn.async_drop();
}
)cpp";
  Engine E(Code);
  ASSERT_FALSE(E.hasErrors());
  Again->requireUses({"is_dropped"});
  Again->requireTemporaries();
  const FunctionDecl *F = E.function("leaks_and_uses");
  const FlowResult *R = Again->guards(E.ctx(), F);
  ASSERT_NE(R, nullptr);
  EXPECT_EQ(R, Again->guards(E.ctx(), F)) << "computed once";
  EXPECT_EQ(Again->analysedFunctions(), 1u);

  // Both requirements at once: the use of the reference parameter, and the
  // throw exit of the local; the reference parameter is marked as such.
  ASSERT_EQ(R->Uses.size(), 1u);
  EXPECT_EQ(E.line(R->Uses[0].Use->getBeginLoc()),
            E.lineOf(Code, "borrowed->send"));
  EXPECT_TRUE(SharedFlow::isReferenceParam(*R, R->Uses[0].Entity));
  bool ThrowExit = false;
  for (const FlowExit *X : Engine::owned(*R)) {
    EXPECT_FALSE(SharedFlow::isReferenceParam(*R, X->Entity));
    ThrowExit |= X->K == FlowExit::Kind::Throw;
  }
  EXPECT_TRUE(ThrowExit);

  Again->endTranslationUnit();
  EXPECT_EQ(Again->analysedFunctions(), 0u);
}
