// The base of every asyncdrop check: the rules all of them follow, kept in
// one place so that a new check cannot forget one. It owns what most checks
// read from their options (which types are guards, what is test code) and
// the boilerplate around them.

#ifndef ASYNCDROP_UTILS_ASYNCDROPCHECK_H
#define ASYNCDROP_UTILS_ASYNCDROPCHECK_H

#include "ClangTidyCheck.h"
#include "CompileErrors.h"
#include "GuardTypes.h"
#include "TestFileClassifier.h"
#include "UserCodeWalk.h"
#include "utils/OptionsUtils.h"

namespace clang::tidy::asyncdrop {

/// The ';'-separated names of an option, trimmed, empty ones dropped.
inline std::vector<std::string> optionList(llvm::StringRef Text) {
  std::vector<std::string> Names;
  for (llvm::StringRef Name : utils::options::parseStringList(Text))
    Names.push_back(Name.str());
  return Names;
}

template <class OptionsView>
GuardTypesConfig readGuardTypesConfig(OptionsView &Options) {
  GuardTypesConfig Config;
  Config.GuardTypesText =
      Options.get("GuardTypes", GuardTypes::DefaultGuardTypes).str();
  Config.DropMethodsText =
      Options.get("DropMethods", GuardTypes::DefaultDropMethods).str();
  Config.AsyncDropTypesText = Options.get("AsyncDropTypes", "").str();
  Config.GuardNames = optionList(Config.GuardTypesText);
  Config.DropMethods = optionList(Config.DropMethodsText);
  Config.AsyncDropTypeNames = optionList(Config.AsyncDropTypesText);
  // Global as well as per check: `CheckOptions: {Profiles: 'stdexec'}`
  // serves every check.
  Config.ProfilesText = Options.getLocalOrGlobal("Profiles", "").str();
  Config.ProfileNames = optionList(Config.ProfilesText);
  return Config;
}

class AsyncDropCheck : public ClangTidyCheck {
public:
  AsyncDropCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context), Types(readGuardTypesConfig(Options)),
        Tests(Options), Walk(UserCodeWalk::get(Context)) {
    if (std::string Error = Tests.regexError(); !Error.empty())
      configurationDiag("invalid TestFileRegex for %0: %1") << Name << Error;
    for (const std::string &Profile : Types.unknownProfiles())
      configurationDiag("unknown asyncdrop profile '%0' in the Profiles "
                        "option (known: %1)")
          << Profile << knownProfileList();
  }

  /// C++20: every rule ends in a co_await (a drop is awaited), and the
  /// runtime needs concepts and coroutines; before C++20 no code can follow
  /// the rules, so there is nothing to check.
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

  /// The options of Types and (for a check that tells test code apart)
  /// Tests, then the check's own (storeCheckOptions).
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override {
    Types.storeOptions(Options, Opts);
    if (classifiesTestFiles())
      Tests.storeOptions(Options, Opts);
    storeCheckOptions(Opts);
  }

  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override {
    if (classifiesTestFiles())
      Tests.registerPPCallbacks(SM, PP);
  }

  /// The check's matchers run over user code only, in the walk all asyncdrop
  /// checks share (UserCodeWalk.h): see registerUserCodeMatchers().
  void registerMatchers(ast_matchers::MatchFinder *Finder) final {
    // The TU itself is visited by clang-tidy's MatchFinder only.
    registerConfigurationMatcher(Finder);
    if (needsWholeTranslationUnit()) {
      registerUserCodeMatchers(Finder);
      return;
    }
    Walk->attach(*Finder);
    registerUserCodeMatchers(&Walk->finder());
  }

  /// Nothing is reported in a translation unit with compile errors (see
  /// CompileErrors.h); otherwise the match goes to checkMatch(). The match
  /// of registerConfigurationMatcher() reports configured names that match
  /// nothing in the translation unit, once.
  void check(const ast_matchers::MatchFinder::MatchResult &Result) final {
    if (Result.Nodes.getNodeAs<TranslationUnitDecl>(ConfigurationNode)) {
      if (!hasCompileErrors(*Result.Context))
        reportUnresolvedNames(*Result.Context);
      return;
    }
    if (!hasCompileErrors(*Result.Context))
      checkMatch(Result);
  }

  void onStartOfTranslationUnit() override { Types.beginTranslationUnit(); }

protected:
  /// Registers the check's matchers (with the check as their callback) on
  /// the shared walk's MatchFinder, which runs them over the top-level
  /// declarations that are not in system headers.
  virtual void registerUserCodeMatchers(ast_matchers::MatchFinder *Finder) = 0;
  virtual void
  checkMatch(const ast_matchers::MatchFinder::MatchResult &Result) = 0;
  /// A check that must see nodes inside system headers too (every
  /// construction of a type, template instantiations in the standard library
  /// included) registers its matchers with clang-tidy's MatchFinder instead.
  virtual bool needsWholeTranslationUnit() const { return false; }
  /// registerMatchers() calls this: one match per translation unit, in
  /// which the configured names that match no class are reported.
  void registerConfigurationMatcher(ast_matchers::MatchFinder *Finder) {
    Finder->addMatcher(
        ast_matchers::translationUnitDecl().bind(ConfigurationNode), this);
  }
  /// The options only this check has.
  virtual void storeCheckOptions(ClangTidyOptions::OptionMap &Opts) {}
  /// Whether the check treats test code differently (then TestFileRegex
  /// and TestFrameworkHeaders are its options and Tests follows the
  /// includes). The flow checks do not: a forgotten drop in a test is a
  /// forgotten drop.
  virtual bool classifiesTestFiles() const { return true; }

  /// GuardTypes, DropMethods, AsyncDropTypes.
  GuardTypes Types;
  /// TestFileRegex, TestFrameworkHeaders: test code, which exercises the
  /// runtime freely, is not checked by the checks that ask.
  TestFileClassifier Tests;

private:
  static constexpr llvm::StringLiteral ConfigurationNode =
      "asyncdrop-configuration";
  static std::string knownProfileList() {
    std::string List;
    for (llvm::StringRef Name : GuardTypes::knownProfiles())
      List += (List.empty() ? "" : ", ") + Name.str();
    return List;
  }
  // The same text from every check that has the name configured, so that
  // clang-tidy shows it once per translation unit.
  void reportUnresolvedNames(const ASTContext &Ctx) {
    for (const std::string &Name : Types.unresolvedNames(Ctx))
      configurationDiag("configured asyncdrop type '%0' matches no class or "
                        "class template in this translation unit, though "
                        "its namespace is declared: it is not tracked "
                        "(misspelt? the name of a function or variable?)")
          << Name;
  }
  std::shared_ptr<UserCodeWalk> Walk;
};

} // namespace clang::tidy::asyncdrop

#endif
