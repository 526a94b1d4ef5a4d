#include "FixItText.h"

#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::asyncdrop {

static llvm::StringRef lineBefore(SourceLocation Loc, const SourceManager &SM) {
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  llvm::StringRef Buffer = SM.getBufferData(File);
  size_t Start = Buffer.substr(0, Offset).rfind('\n');
  Start = Start == llvm::StringRef::npos ? 0 : Start + 1;
  return Buffer.slice(Start, Offset);
}

static llvm::StringRef lineAfter(SourceLocation Loc, const SourceManager &SM) {
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  llvm::StringRef Rest = SM.getBufferData(File).substr(Offset);
  return Rest.take_until([](char C) { return C == '\n'; });
}

static bool isBlank(llvm::StringRef Text) {
  return llvm::all_of(Text, [](char C) { return C == ' ' || C == '\t'; });
}

std::optional<std::string> indentationOf(SourceLocation Loc,
                                         const SourceManager &SM) {
  if (Loc.isInvalid() || !Loc.isFileID())
    return std::nullopt;
  llvm::StringRef Before = lineBefore(Loc, SM);
  if (!isBlank(Before))
    return std::nullopt;
  return Before.str();
}

std::string ClassEnd::wrap(const std::string &Block) const {
  if (OwnLine)
    return Block;
  llvm::SmallVector<llvm::StringRef, 8> Lines;
  llvm::StringRef(Block).split(Lines, '\n', -1, /*KeepEmpty=*/false);
  std::string Folded;
  for (llvm::StringRef Line : Lines)
    Folded += Line.trim().str() + " ";
  return Folded;
}

std::optional<ClassEnd> findClassEnd(const CXXRecordDecl *RD,
                                     const SourceManager &SM) {
  SourceLocation Brace = RD->getBraceRange().getEnd();
  if (Brace.isInvalid() || !Brace.isFileID())
    return std::nullopt;
  ClassEnd End;
  std::optional<std::string> BraceIndent = indentationOf(Brace, SM);
  End.OwnLine = BraceIndent.has_value();
  End.InsertAt =
      End.OwnLine
          ? Brace.getLocWithOffset(-static_cast<int>(BraceIndent->size()))
          : Brace;
  End.AccessIndent = BraceIndent.value_or("");
  bool AccessFound = false, MemberFound = false;
  for (const Decl *D : RD->decls()) {
    if (D->isImplicit())
      continue;
    std::optional<std::string> Indent = indentationOf(D->getBeginLoc(), SM);
    if (!Indent)
      continue;
    if (isa<AccessSpecDecl>(D)) {
      if (!AccessFound)
        End.AccessIndent = *Indent;
      AccessFound = true;
    } else if (!MemberFound) {
      End.MemberIndent = *Indent;
      MemberFound = true;
    }
  }
  if (!MemberFound)
    End.MemberIndent = End.AccessIndent + "  ";
  return End;
}

std::optional<DeclText> declText(const Decl *D, const SourceManager &SM,
                                 const LangOptions &LangOpts) {
  SourceRange Range = D->getSourceRange();
  SourceLocation Begin = Range.getBegin(), Last = Range.getEnd();
  if (Begin.isInvalid() || Last.isInvalid() || !Begin.isFileID() ||
      !Last.isFileID() || SM.getFileID(Begin) != SM.getFileID(Last))
    return std::nullopt;
  SourceLocation End = Lexer::getLocForEndOfToken(Last, 0, SM, LangOpts);
  if (std::optional<Token> Next = Lexer::findNextToken(Last, SM, LangOpts);
      Next && Next->is(tok::semi))
    End = Next->getEndLoc();
  if (End.isInvalid())
    return std::nullopt;
  DeclText Result;
  Result.Text = Lexer::getSourceText(CharSourceRange::getCharRange(Begin, End),
                                     SM, LangOpts)
                    .str();
  llvm::StringRef Before = lineBefore(Begin, SM);
  llvm::StringRef After = lineAfter(End, SM);
  SourceLocation LineStart =
      Begin.getLocWithOffset(-static_cast<int>(Before.size()));
  if (isBlank(Before) && isBlank(After) && SM.getFileOffset(LineStart) > 0)
    // The whole lines, with the newline before them rather than the one
    // after: clang's fix-it merging widens a removal that ends just before
    // a space, which would eat the next line's indentation.
    Result.Removal = CharSourceRange::getCharRange(
        LineStart.getLocWithOffset(-1), End.getLocWithOffset(After.size()));
  else
    Result.Removal = CharSourceRange::getCharRange(Begin, End);
  return Result;
}

} // namespace clang::tidy::asyncdrop
