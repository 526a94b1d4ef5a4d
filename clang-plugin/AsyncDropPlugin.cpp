// The asyncdrop compiler plugin: runs the asyncdrop-* clang-tidy checks inside
// a normal clang-19 compile.
//
//   clang++-19 -fplugin=AsyncDropPlugin.so
//              [-fplugin-arg-asyncdrop-checks=<clang-tidy glob>]
//              [-fplugin-arg-asyncdrop-config=<YAML, like clang-tidy --config>]
//              [-fplugin-arg-asyncdrop-config-file=<path, like --config-file>]
//              [-fplugin-arg-asyncdrop-werror] ...
//
// Why an own PluginASTAction and not the `clang-tidy` action of Debian's
// libclangTidyPlugin.a:
//  * that action is a Cmdline action: it only runs with the extra
//    `-Xclang -add-plugin -Xclang clang-tidy`, and `-fplugin=` alone does
//    nothing;
//  * its only argument is `-checks=`; there is no way to pass options
//    (CheckOptions), no werror and no error for a misspelt argument;
//  * it forwards every diagnostic unfiltered: HeaderFilterRegex, SystemHeaders
//    and WarningsAsErrors are ignored, so a finding in a header is printed
//    although clang-tidy and clangd hide it;
//  * linking it (it must be --whole-archive, nothing references it) pulls in
//    ClangTidyForceLinker.h and with it every built-in module (57 MB of
//    archives) that the plugin has no use for.
// The action below is registered as `asyncdrop` with AddAfterMainAction, so
// `-fplugin=` is enough. It builds the same ClangTidyContext and
// ClangTidyASTConsumerFactory clang-tidy builds, so every check registered in
// the asyncdrop module (checks.def) runs with the same names, messages and
// options, and forwards what the checks report into the compiler's own
// DiagnosticsEngine, after applying clang-tidy's filters (NOLINT, enabled
// checks, header filter, WarningsAsErrors) and in clang-tidy's order (sorted
// by location, duplicates once). AddAfterMainAction: the checks see the
// complete AST after the compiler's own consumer (code generation with -c)
// is done with it, exactly as a separate clang-tidy run would. They print like
// compiler warnings, `... [asyncdrop-<check>]`, and become errors with
// `werror` (plain -Werror does not touch them: clang 19 never remaps custom
// diagnostic IDs, so the plugin chooses the level itself).

#include "ClangTidy.h"
#include "ClangTidyDiagnosticConsumer.h"
#include "ClangTidyModule.h"
#include "ClangTidyOptions.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/Version.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

// Defined next to the module registration (AsyncDropTidyModule.cpp). The
// checks are linked as objects, so nothing would be dropped anyway; the
// reference documents the dependency and keeps it if that ever changes.
extern volatile int AsyncDropModuleAnchorSource;
[[maybe_unused]] static int AsyncDropModuleAnchorDestination =
    AsyncDropModuleAnchorSource;

namespace clang::tidy::asyncdrop::plugin {
namespace {

// The plugin links only the asyncdrop module. The static analyzer is
// reachable through clang-tidy's `clang-analyzer-*` names; running it inside
// every compile is not this plugin's job, so it is always switched off.
constexpr const char *DefaultChecks = "-*,asyncdrop-*";
constexpr const char *ForcedOff = "-clang-analyzer-*";

/// Hints (a checks.def summary starting with "hint:") suggest an
/// improvement; they are never errors, neither with werror nor with a
/// WarningsAsErrors that matches them.
bool isHint(StringRef CheckName) {
  static const llvm::StringSet<> Hints = [] {
    llvm::StringSet<> Names;
#define ASYNCDROP_CHECK(Class, Name, Summary)                                  \
  if (StringRef(Summary).starts_with("hint:"))                                 \
    Names.insert("asyncdrop-" Name);
#include "../clang-tidy-checks/checks.def"
#undef ASYNCDROP_CHECK
    return Names;
  }();
  return Hints.contains(CheckName);
}

/// The first problem in a .clang-tidy file, with its location. clang-tidy
/// prints such a problem and goes on without the file; a compile that
/// silently lints with other options than the user wrote would pass
/// unnoticed, so the plugin makes it an error of the compile.
struct ConfigFileProblems {
  std::string First;
};

/// clang-tidy's FileOptionsProvider, reading .clang-tidy files as clang-tidy
/// does but recording the first problem instead of printing it. (Its
/// constructor that takes the handlers leaves the file system unset, so the
/// handlers are replaced here instead.)
class RecordingFileOptionsProvider : public FileOptionsProvider {
public:
  RecordingFileOptionsProvider(
      ClangTidyGlobalOptions Global, ClangTidyOptions Defaults,
      ClangTidyOptions Override,
      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
      std::shared_ptr<ConfigFileProblems> Problems)
      : FileOptionsProvider(std::move(Global), std::move(Defaults),
                            std::move(Override), std::move(FS)) {
    ConfigHandlers.clear();
    ConfigHandlers.emplace_back(
        ".clang-tidy", [Problems](llvm::MemoryBufferRef Buffer) {
          return parseRecordingProblems(Buffer, *Problems);
        });
  }

private:
  static llvm::ErrorOr<ClangTidyOptions>
  parseRecordingProblems(llvm::MemoryBufferRef Buffer,
                         ConfigFileProblems &Problems) {
    std::string Problem;
    llvm::ErrorOr<ClangTidyOptions> Parsed = parseConfigurationWithDiags(
        Buffer, [&](const llvm::SMDiagnostic &Diag) {
          if (Problem.empty())
            Problem =
                (Twine(Diag.getFilename()) + ":" + Twine(Diag.getLineNo()) +
                 ":" + Twine(Diag.getColumnNo() + 1) + ": " + Diag.getMessage())
                    .str();
        });
    if (Parsed)
      return Parsed;
    if (Problems.First.empty())
      Problems.First = Problem.empty() ? (Twine(Buffer.getBufferIdentifier()) +
                                          ": " + Parsed.getError().message())
                                             .str()
                                       : Problem;
    // Not the error itself: clang-tidy would print it a second time, over
    // several lines.
    return ClangTidyOptions();
  }
};

struct PluginOptions {
  std::optional<std::string> Checks;
  std::optional<ClangTidyOptions> Config;
  bool Werror = false;
};

/// A diagnostic of a check and its notes, before it is forwarded.
struct HeldDiagnostic {
  std::string CheckName;
  DiagnosticsEngine::Level Level = DiagnosticsEngine::Warning;
  StoredDiagnostic Main;
  std::vector<StoredDiagnostic> Notes;
  bool RelatesToUserCode = false;
};

/// Receives what the checks report (through the ClangTidyContext's own
/// DiagnosticsEngine), filters it the way clang-tidy's
/// ClangTidyDiagnosticConsumer does, and re-reports the survivors into the
/// compiler's DiagnosticsEngine.
///
/// A diagnostic is held back until the next one: clang-tidy shows a warning
/// if it or any of its notes is in user code, so the notes must be seen
/// before deciding. What passes is emitted at the end of the translation
/// unit, sorted and de-duplicated as clang-tidy does.
class ForwardingConsumer : public DiagnosticConsumer {
public:
  ForwardingConsumer(DiagnosticsEngine &Out, bool AllErrors)
      : Out(Out), AllErrors(AllErrors) {}

  void setContext(ClangTidyContext *Ctx) { Context = Ctx; }

  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level == DiagnosticsEngine::Note) {
      if (Pending && !SkipNotes)
        addNote(Info);
      return;
    }
    // Info is a view of the engine's current diagnostic: take everything
    // from it before anything else is reported.
    SmallVector<tooling::Diagnostic, 1> NoLintErrors;
    const bool Suppressed = Context->shouldSuppressDiagnostic(
        Level, Info, NoLintErrors, /*AllowIO=*/true,
        /*EnableNoLintBlocks=*/true);
    std::optional<HeldDiagnostic> Current;
    if (!Suppressed) {
      Current.emplace();
      Current->CheckName = Context->getCheckName(Info.getID());
      Current->Level = Level;
      Current->Main = StoredDiagnostic(Level, Info);
      Current->RelatesToUserCode = isUserCode(Info);
    }
    filterPending();
    Pending = std::move(Current);
    SkipNotes = Suppressed; // the notes of a suppressed one go with it
    // Malformed NOLINT comments (a NOLINTBEGIN without NOLINTEND ...) are
    // reported as clang-tidy reports them, through the context, but only
    // from flush(): reporting from in here would overwrite the diagnostic
    // being handled.
    NoLintErrorsToReport.insert(NoLintErrorsToReport.end(),
                                NoLintErrors.begin(), NoLintErrors.end());
  }

  /// Passes what is held back through the filters (into Ready).
  void flush() {
    while (true) {
      filterPending();
      if (NoLintErrorsToReport.empty())
        return;
      // Each comes back through HandleDiagnostic as the new Pending one.
      std::vector<tooling::Diagnostic> Errors;
      Errors.swap(NoLintErrorsToReport);
      for (const tooling::Diagnostic &Error : Errors) {
        Context->diag(Error);
        filterPending();
      }
    }
  }

  /// Emits everything that passed the filters into the compiler's
  /// DiagnosticsEngine, in clang-tidy's order: sorted by file, offset, check
  /// and message, duplicates (e.g. from template instantiations) once.
  void emitReady() {
    flush();
    auto Key = [](const ReadyDiagnostic &D) {
      return std::tie(D.File, D.Offset, D.CheckName, D.Message);
    };
    // Stable: equal keys keep their order (Seq), the first one stays.
    llvm::sort(Ready, [&](const ReadyDiagnostic &A, const ReadyDiagnostic &B) {
      return std::tuple_cat(Key(A), std::tie(A.Seq)) <
             std::tuple_cat(Key(B), std::tie(B.Seq));
    });
    Ready.erase(
        std::unique(Ready.begin(), Ready.end(),
                    [&](const ReadyDiagnostic &A, const ReadyDiagnostic &B) {
                      return Key(A) == Key(B);
                    }),
        Ready.end());
    // Printed at the physical file and line, as clang-tidy prints them (its
    // diagnostics are file offsets, which is also what a fix-it needs) and
    // clangd shows them: under a `#line` directive the compiler's own
    // diagnostics name the directive's file and line, these do not. Only for
    // these: the option is the compiler's, and restored.
    DiagnosticOptions &DiagOpts = Out.getDiagnosticOptions();
    const unsigned Presumed = DiagOpts.ShowPresumedLoc;
    DiagOpts.ShowPresumedLoc = false;
    for (const ReadyDiagnostic &D : Ready) {
      emit(D.Level, D.Main, D.Shown);
      for (const auto &[Note, Message] : D.Notes)
        emit(DiagnosticsEngine::Note, Note, Message);
    }
    DiagOpts.ShowPresumedLoc = Presumed;
    Ready.clear();
  }

private:
  /// A diagnostic that passed the filters, with what it prints.
  struct ReadyDiagnostic {
    std::string File;
    unsigned Offset = 0;
    std::string CheckName;
    std::string Message; // without " [<check>]", for ordering
    size_t Seq = 0;
    DiagnosticsEngine::Level Level;
    StoredDiagnostic Main;
    std::string Shown;
    std::vector<std::pair<StoredDiagnostic, std::string>> Notes;
  };

  /// Moves the held-back diagnostic into Ready if it passes the filters.
  void filterPending() {
    if (!Pending)
      return;
    HeldDiagnostic Diag = std::move(*Pending);
    Pending.reset();

    const bool IsError = Diag.Level >= DiagnosticsEngine::Error;
    // Same rules as ClangTidyDiagnosticConsumer::finalizeLastError.
    if (Diag.CheckName != "clang-tidy-config") {
      if (!IsError && !Context->isCheckEnabled(Diag.CheckName))
        return;
      if (!IsError && !Diag.RelatesToUserCode)
        return;
    }

    ReadyDiagnostic R;
    R.Seq = Ready.size();
    R.CheckName = Diag.CheckName;
    const std::string Suffix = " [" + Diag.CheckName + "]";
    R.Message = Diag.Main.getMessage().str();
    if (StringRef(R.Message).ends_with(Suffix))
      R.Message.resize(R.Message.size() - Suffix.size());
    if (Diag.Main.getLocation().isValid()) {
      FullSourceLoc Loc = Diag.Main.getLocation().getFileLoc();
      R.File = Loc.getManager().getFilename(Loc).str();
      if (!R.File.empty())
        R.Offset = Loc.getFileOffset();
    }
    R.Level = Diag.Level;
    R.Shown = Diag.Main.getMessage().str();
    if (R.Level == DiagnosticsEngine::Warning && !isHint(Diag.CheckName) &&
        (AllErrors || Context->treatAsError(Diag.CheckName))) {
      R.Level = DiagnosticsEngine::Error;
      // Shown as clang-tidy shows it: "[<check>,-warnings-as-errors]".
      if (StringRef(R.Shown).ends_with(Suffix))
        R.Shown = R.Message + " [" + Diag.CheckName + ",-warnings-as-errors]";
    }
    // ClangTidyContext::diag appends " [<check>]" to notes too; clang-tidy
    // prints them without it.
    for (StoredDiagnostic &Note : Diag.Notes) {
      StringRef Message = Note.getMessage();
      Message.consume_back(Suffix);
      std::string Text = Message.str();
      R.Notes.emplace_back(std::move(Note), std::move(Text));
    }
    R.Main = std::move(Diag.Main);
    Ready.push_back(std::move(R));
  }

  void addNote(const Diagnostic &Info) {
    Pending->Notes.emplace_back(DiagnosticsEngine::Note, Info);
    Pending->RelatesToUserCode |= isUserCode(Info);
  }

  // ClangTidyDiagnosticConsumer::checkFilters: the main file, or a header
  // matching HeaderFilterRegex and not ExcludeHeaderFilterRegex; system
  // headers only with SystemHeaders.
  bool isUserCode(const Diagnostic &Info) {
    SourceLocation Loc = Info.getLocation();
    if (Loc.isInvalid() || !Info.hasSourceManager())
      return true;
    const SourceManager &SM = Info.getSourceManager();
    const ClangTidyOptions &Opts = Context->getOptions();
    if (!Opts.SystemHeaders.value_or(false) &&
        (SM.isInSystemHeader(Loc) || SM.isInSystemMacro(Loc)))
      return false;
    FileID FID = SM.getDecomposedExpansionLoc(Loc).first;
    OptionalFileEntryRef File = SM.getFileEntryRefForID(FID);
    if (!File) // e.g. -D macros on the command line
      return true;
    if (SM.isInMainFile(Loc))
      return true;
    if (!HeaderFilter) {
      HeaderFilter =
          std::make_unique<llvm::Regex>(Opts.HeaderFilterRegex.value_or(""));
#if CLANG_VERSION_MAJOR >= 19 // ExcludeHeaderFilterRegex is new in 19
      ExcludeHeaderFilter = std::make_unique<llvm::Regex>(
          Opts.ExcludeHeaderFilterRegex.value_or(""));
#else // as 19's default: an empty regex matches no file
      ExcludeHeaderFilter = std::make_unique<llvm::Regex>("");
#endif
    }
    StringRef Name = File->getName();
    return HeaderFilter->match(Name) && !ExcludeHeaderFilter->match(Name);
  }

  void emit(DiagnosticsEngine::Level Level, const StoredDiagnostic &D,
            StringRef Message) {
    unsigned ID;
    switch (Level) {
    case DiagnosticsEngine::Note:
      ID = Out.getCustomDiagID(DiagnosticsEngine::Note, "%0");
      break;
    case DiagnosticsEngine::Remark:
      ID = Out.getCustomDiagID(DiagnosticsEngine::Remark, "%0");
      break;
    case DiagnosticsEngine::Warning:
      ID = Out.getCustomDiagID(DiagnosticsEngine::Warning, "%0");
      break;
    default:
      ID = Out.getCustomDiagID(DiagnosticsEngine::Error, "%0");
      break;
    }
    DiagnosticBuilder Builder = D.getLocation().isValid()
                                    ? Out.Report(D.getLocation(), ID)
                                    : Out.Report(ID);
    Builder << Message;
    for (const CharSourceRange &Range : D.getRanges())
      Builder << Range;
    for (const FixItHint &Fix : D.getFixIts())
      Builder << Fix;
  }

  DiagnosticsEngine &Out;
  const bool AllErrors;
  ClangTidyContext *Context = nullptr;
  std::optional<HeldDiagnostic> Pending;
  std::vector<tooling::Diagnostic> NoLintErrorsToReport;
  std::vector<ReadyDiagnostic> Ready;
  bool SkipNotes = false;
  std::unique_ptr<llvm::Regex> HeaderFilter, ExcludeHeaderFilter;
};

/// Owns the clang-tidy state for one translation unit. It is a base of
/// TidyConsumer, listed first, so it outlives the checks (destroyed with the
/// MultiplexConsumer base) that point into it.
struct TidyState {
  std::unique_ptr<ForwardingConsumer> Forwarder;
  std::unique_ptr<DiagnosticsEngine> TidyDiags;
  std::unique_ptr<ClangTidyContext> Context;
  std::unique_ptr<ClangTidyASTConsumerFactory> Factory;
};

class TidyConsumer : private TidyState, public MultiplexConsumer {
public:
  TidyConsumer(TidyState State, std::unique_ptr<ASTConsumer> Checks)
      : TidyState(std::move(State)), MultiplexConsumer(one(std::move(Checks))) {
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    // The checks' MatchFinder walks the traversal scope (RecursiveASTVisitor
    // honours it, so do the parent map and any walk a check starts at the
    // TU). clang-tidy leaves it at the whole TU and walks every declaration
    // of the standard library; the plugin walks the user code only, as
    // clangd does for the main file: what the checks could report on a
    // system header is never shown (clang-tidy filters it, and every check
    // skips system headers itself), so the findings are the same at a cost
    // close to the parse. Restored afterwards for whatever runs later.
    const std::vector<Decl *> Whole = Ctx.getTraversalScope();
    const bool Limit = !Context->getOptions().SystemHeaders.value_or(false);
    if (Limit)
      Ctx.setTraversalScope(userTopLevelDecls(Ctx));
    MultiplexConsumer::HandleTranslationUnit(Ctx);
    if (Limit)
      Ctx.setTraversalScope(Whole);
    Forwarder->emitReady();
  }

private:
  /// The top-level declarations that are not in a system header (by the
  /// expansion location: a declaration a system macro writes into user code
  /// is user code). Template instantiations need no care: the walk visits
  /// each instantiation under its template, so a user template's are visited
  /// wherever they were instantiated (also from inside the standard
  /// library), and a standard template's never, as clang-tidy never reports
  /// them. A namespace reopened in user code (`namespace std { template <>
  /// struct hash<X> ...`) is a declaration of its own, located there.
  /// Declarations in user headers stay: the header filter decides about
  /// their findings, as in clang-tidy.
  static std::vector<Decl *> userTopLevelDecls(ASTContext &Ctx) {
    const SourceManager &SM = Ctx.getSourceManager();
    std::vector<Decl *> Decls;
    for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (!SM.isInSystemHeader(D->getLocation()))
        Decls.push_back(D);
    return Decls;
  }

  static std::vector<std::unique_ptr<ASTConsumer>>
  one(std::unique_ptr<ASTConsumer> C) {
    std::vector<std::unique_ptr<ASTConsumer>> V;
    V.push_back(std::move(C));
    return V;
  }
};

// Runs no check, but keeps the checks alive until the compile ends: while
// they were created they registered preprocessor callbacks (the test-file
// classifier) that point into them and that the preprocessor still calls.
class IdleTidyConsumer : private TidyState, public ASTConsumer {
public:
  IdleTidyConsumer(TidyState State, std::unique_ptr<ASTConsumer> Checks)
      : TidyState(std::move(State)), Checks(std::move(Checks)) {}

private:
  std::unique_ptr<ASTConsumer> Checks;
};

class AsyncDropPluginAction : public PluginASTAction {
public:
  ActionType getActionType() override { return AddAfterMainAction; }

  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    DiagnosticsEngine &D = CI.getDiagnostics();
    bool OK = true;
    for (const std::string &Arg : Args) {
      StringRef A(Arg);
      if (A.consume_front("checks=")) {
        Opts.Checks = A.str();
      } else if (A.consume_front("config=")) {
        OK &= parseConfig(D, A, "-fplugin-arg-asyncdrop-config");
      } else if (A.consume_front("config-file=")) {
        OK &= parseConfigFile(D, A);
      } else if (A == "werror") {
        Opts.Werror = true;
      } else {
        D.Report(D.getCustomDiagID(
            DiagnosticsEngine::Error,
            "unknown argument '-fplugin-arg-asyncdrop-%0' for the asyncdrop "
            "plugin; it accepts -fplugin-arg-asyncdrop-checks=<glob>, "
            "-fplugin-arg-asyncdrop-config=<yaml>, "
            "-fplugin-arg-asyncdrop-config-file=<path> and "
            "-fplugin-arg-asyncdrop-werror"))
            << Arg;
        OK = false;
      }
    }
    return OK;
  }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef InFile) override {
    // The options are layered like clang-tidy's: built-in defaults, then the
    // nearest .clang-tidy (or, instead of it, the config argument), then the
    // checks argument.
    ClangTidyGlobalOptions Global;
    ClangTidyOptions Defaults;
    Defaults.Checks = DefaultChecks;
    ClangTidyOptions Override;
    Override.Checks =
        Opts.Checks ? *Opts.Checks + "," + ForcedOff : std::string(ForcedOff);
    auto FS = CI.getFileManager().getVirtualFileSystemPtr();
    std::unique_ptr<ClangTidyOptionsProvider> Provider;
    auto Problems = std::make_shared<ConfigFileProblems>();
    if (Opts.Config)
      Provider = std::make_unique<ConfigOptionsProvider>(
          Global, Defaults, *Opts.Config, Override, FS);
    else
      Provider = std::make_unique<RecordingFileOptionsProvider>(
          Global, Defaults, Override, FS, Problems);

    TidyState State;
    State.Forwarder =
        std::make_unique<ForwardingConsumer>(CI.getDiagnostics(), Opts.Werror);
    State.TidyDiags = std::make_unique<DiagnosticsEngine>(
        new DiagnosticIDs, new DiagnosticOptions, State.Forwarder.get(),
        /*ShouldOwnClient=*/false);
    State.Context = std::make_unique<ClangTidyContext>(
        std::move(Provider), /*AllowEnablingAnalyzerAlphaCheckers=*/false);
    State.Context->setDiagnosticsEngine(State.TidyDiags.get());
    State.Forwarder->setContext(State.Context.get());
    State.Factory =
        std::make_unique<ClangTidyASTConsumerFactory>(*State.Context);

    std::unique_ptr<ASTConsumer> Checks =
        State.Factory->createASTConsumer(CI, InFile);
    // Configuration problems found while creating the checks (an invalid
    // option value ...) are reported now, before the compiler's own.
    State.Forwarder->emitReady();
    DiagnosticsEngine &D = CI.getDiagnostics();
    if (!Problems->First.empty()) {
      // Linting with other options than the user wrote would report what
      // they configured away: the one error instead.
      D.Report(D.getCustomDiagID(
          DiagnosticsEngine::Error,
          "invalid configuration in %0 (the asyncdrop plugin reads the "
          ".clang-tidy files above each source, as clang-tidy does)"))
          << Problems->First;
      return std::make_unique<IdleTidyConsumer>(std::move(State),
                                                std::move(Checks));
    }
    if (Opts.Checks && State.Factory->getCheckNames().empty())
      D.Report(D.getCustomDiagID(DiagnosticsEngine::Error,
                                 "-fplugin-arg-asyncdrop-checks='%0' enables "
                                 "no asyncdrop check (`asyncdrop-tidy "
                                 "--list-checks` lists them)"))
          << *Opts.Checks;
    if (!Checks)
      return std::make_unique<ASTConsumer>();
    return std::make_unique<TidyConsumer>(std::move(State), std::move(Checks));
  }

private:
  // Like clang-tidy --config-file: the file replaces the .clang-tidy lookup.
  bool parseConfigFile(DiagnosticsEngine &D, StringRef Path) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> File =
        llvm::MemoryBuffer::getFile(Path);
    if (!File) {
      D.Report(D.getCustomDiagID(
          DiagnosticsEngine::Error,
          "cannot read -fplugin-arg-asyncdrop-config-file='%0': %1"))
          << Path << File.getError().message();
      return false;
    }
    return parseConfig(D, (*File)->getBuffer(),
                       "-fplugin-arg-asyncdrop-config-file=" + Path.str());
  }

  bool parseConfig(DiagnosticsEngine &D, StringRef Text,
                   const std::string &Origin) {
    std::string Problem;
    llvm::ErrorOr<ClangTidyOptions> Parsed =
        parseConfigurationWithDiags(llvm::MemoryBufferRef(Text, Origin),
                                    [&](const llvm::SMDiagnostic &Diag) {
                                      if (Problem.empty())
                                        Problem = Diag.getMessage().str();
                                    });
    if (!Parsed) {
      if (Problem.empty())
        Problem = Parsed.getError().message();
      D.Report(D.getCustomDiagID(
          DiagnosticsEngine::Error,
          "invalid configuration in %0: %1 (expected YAML as for clang-tidy "
          "--config, e.g. {CheckOptions: {name.Option: value}})"))
          << (Origin.find('=') == std::string::npos
                  ? Origin + "='" + Text.str() + "'"
                  : Origin)
          << Problem;
      return false;
    }
    Opts.Config = std::move(*Parsed);
    return true;
  }

  PluginOptions Opts;
};

} // namespace
} // namespace clang::tidy::asyncdrop::plugin

static clang::FrontendPluginRegistry::Add<
    clang::tidy::asyncdrop::plugin::AsyncDropPluginAction>
    X("asyncdrop", "run the asyncdrop-* clang-tidy checks during compilation");
