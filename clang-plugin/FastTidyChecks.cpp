// clangd only runs the clang-tidy checks it knows to be fast: with the
// default `Diagnostics.ClangTidy.FastCheckFilter: Strict`, a check missing
// from its built-in table (TidyFastChecks.inc, measured upstream) is skipped
// with the log line "Latency of clang-tidy check '...' is not known. It will
// only run if ClangTidy.FastCheckFilter is Loose or None". That hides every
// out-of-tree check, so a plain .clang-tidy enabling asyncdrop-* would show
// nothing in the editor.
//
// clang::clangd::isFastTidyCheck is defined in TidyProvider.o of
// libclangDaemon.a and called from ParsedAST.o and ConfigCompile.o, so the
// link option -Wl,--wrap=<its mangled name> sends those calls here. The
// asyncdrop checks answer "fast" (measured with clangd's own method,
// `asyncdrop-clangd --check=<file> --check-tidy-time=asyncdrop-*`, well under
// the 8% parse-time overhead upstream uses as the bar: docs/ide.md); every
// other check keeps clangd's own answer.
//
// If the mangled name ever changes, __real_... is an undefined symbol and the
// link fails, instead of the wrap silently doing nothing.

#include "llvm/ADT/StringRef.h"

#include <optional>

std::optional<bool> asyncdropRealIsFastTidyCheck(llvm::StringRef Check) asm(
    "__real__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");
std::optional<bool> asyncdropIsFastTidyCheck(llvm::StringRef Check) asm(
    "__wrap__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");

std::optional<bool> asyncdropIsFastTidyCheck(llvm::StringRef Check) {
  if (Check.starts_with("asyncdrop-"))
    return true;
  return asyncdropRealIsFastTidyCheck(Check);
}
