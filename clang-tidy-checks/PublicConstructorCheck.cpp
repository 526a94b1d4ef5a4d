#include "PublicConstructorCheck.h"

#include "utils/ClangCompat.h"
#include "utils/FixItText.h"
#include "utils/RuntimeNames.h"
#include "utils/UserCode.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::asyncdrop {

PublicConstructorCheck::PublicConstructorCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : AsyncDropCheck(Name, Context) {}

void PublicConstructorCheck::registerMatchers(MatchFinder *Finder) {
  registerConfigurationMatcher(Finder);
  Functions.registerMatchers(Finder, this);
  // What holds a construction outside every function body: a variable's
  // initialiser, a default member initialiser, a default argument.
  Finder->addMatcher(
      varDecl(hasGlobalStorage(), hasInitializer(expr())).bind("init-owner"),
      this);
  Finder->addMatcher(
      fieldDecl(hasInClassInitializer(expr())).bind("init-owner"), this);
  Finder->addMatcher(parmVarDecl(hasDefaultArgument()).bind("init-owner"),
                     this);
  Finder->addMatcher(
      cxxRecordDecl(isDefinition(), unless(isExpansionInSystemHeader()))
          .bind("class"),
      this);
  // Every construction through a user-declared constructor, template
  // instantiations included: the fix-it is only offered when none of them
  // lies outside the class, its friends and the runtime.
  Finder->addMatcher(
      cxxConstructExpr(hasDeclaration(cxxConstructorDecl(unless(isImplicit()))))
          .bind("construct"),
      this);
}

void PublicConstructorCheck::checkMatch(
    const MatchFinder::MatchResult &Result) {
  SM = Result.SourceManager;
  LangOpts = &Result.Context->getLangOpts();
  if (Functions.record(Result))
    return;
  if (const auto *Owner =
          Result.Nodes.getNodeAs<DeclaratorDecl>("init-owner")) {
    InitOwners.push_back(Owner);
    return;
  }
  if (const auto *RD = Result.Nodes.getNodeAs<CXXRecordDecl>("class")) {
    if (isUserClassDefinition(RD, *SM) && Types.isAsyncDropType(RD) &&
        !Tests.isTestCode(RD->getLocation(), *SM) &&
        SeenClasses.insert(SM->getExpansionLoc(RD->getLocation())).second)
      Classes.push_back(RD);
    return;
  }
  const auto *Construct = Result.Nodes.getNodeAs<CXXConstructExpr>("construct");
  if (!Construct)
    return;
  const CXXConstructorDecl *Ctor = Construct->getConstructor();
  const CXXRecordDecl *Class = Ctor->getParent();
  auto [It, Inserted] = IsAsyncDrop.try_emplace(Class, false);
  if (Inserted)
    It->second = Types.isAsyncDropType(Class);
  if (!It->second)
    return;
  const FunctionDecl *Key = functionPattern(Ctor);
  if (OutsideUses.count(Key))
    return;
  // Almost every construction is inside a function body; the others are in
  // an initialiser or a default argument. Both are found without
  // ASTContext's parent map (a walk of the whole translation unit): the
  // MatchFinder visits in pre-order, so the enclosing one is the latest
  // matched whose source range contains the construction.
  const Decl *Where = Functions.of(*Construct, *Result.Context);
  if (!Where)
    Where = initialiserOwner(*Construct);
  if (Where && !hasClassAccess(Where, Class))
    OutsideUses[Key] = SM->getExpansionLoc(Construct->getBeginLoc());
}

const Decl *PublicConstructorCheck::initialiserOwner(const Expr &E) {
  SourceLocation Loc = SM->getExpansionLoc(E.getBeginLoc());
  while (!InitOwners.empty()) {
    const DeclaratorDecl *Owner = InitOwners.back();
    SourceLocation Begin = SM->getExpansionLoc(Owner->getBeginLoc());
    SourceLocation End = SM->getExpansionLoc(Owner->getEndLoc());
    if (Loc.isValid() && Begin.isValid() && End.isValid() &&
        SM->isPointWithin(Loc, Begin, End))
      return Owner;
    InitOwners.pop_back();
  }
  return nullptr;
}

void PublicConstructorCheck::onEndOfTranslationUnit() {
  for (const CXXRecordDecl *RD : Classes)
    checkClass(RD);
  Classes.clear();
  SeenClasses.clear();
  IsAsyncDrop.clear();
  Functions.clear();
  InitOwners.clear();
  OutsideUses.clear();
}

// A public constructor of Class other than copy and move (templates
// included): what creates a Class from scratch, and what `using
// Class::Class;` exposes (copy and move constructors are not inherited).
static bool hasPublicConstructors(const CXXRecordDecl *Class) {
  if (!Class || !Class->hasDefinition())
    return false;
  Class = Class->getDefinition();
  if (!Class->hasUserDeclaredConstructor())
    return false;
  for (const Decl *D : Class->decls()) {
    const auto *Ctor = dyn_cast<CXXConstructorDecl>(D);
    if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
      Ctor = dyn_cast<CXXConstructorDecl>(FTD->getTemplatedDecl());
    if (Ctor && !Ctor->isCopyOrMoveConstructor() && !Ctor->isDeleted() &&
        Ctor->getAccess() == AS_public)
      return true;
  }
  return false;
}

// A parameter only trusted code can produce (the passkey idiom): a class
// that is not an aggregate and has constructors, none of them public (copy
// and move aside). Nothing callers can obtain is a key: a guard or another
// runtime type (GuardHandoff<U>, AsyncDropGuard<U>), and an AsyncDrop type,
// since every holder of its guard reaches it (`Cache c(*db);`).
bool PublicConstructorCheck::isPasskey(const ParmVarDecl *P) const {
  QualType T = P->getType().getNonReferenceType();
  const CXXRecordDecl *Key = T->getAsCXXRecordDecl();
  if (!Key || !Key->hasDefinition() || isInRuntimeNamespace(Key) ||
      isRuntimeEntity(Key, "access") ||
      Types.isGuardLike(T.getUnqualifiedType()) || Types.isAsyncDropType(Key))
    return false;
  Key = Key->getDefinition();
  return !Key->isAggregate() && Key->hasUserDeclaredConstructor() &&
         !hasPublicConstructors(Key);
}

bool PublicConstructorCheck::takesPasskey(
    const CXXConstructorDecl *Ctor) const {
  return llvm::any_of(Ctor->parameters(),
                      [this](const ParmVarDecl *P) { return isPasskey(P); });
}

static bool defaultConstructible(QualType T, unsigned Depth);

// Whether `RD x;` compiles through the implicit default constructor. Sema
// has only declared that constructor if something used it; otherwise the
// rules that delete it are approximated, erring towards "not usable" (no
// report) whenever a type is unknown.
static bool implicitDefaultConstructorUsable(const CXXRecordDecl *RD,
                                             unsigned Depth) {
  if (Depth > 8 || !RD->hasDefinition())
    return false;
  RD = RD->getDefinition();
  if (RD->hasUserDeclaredConstructor())
    return false;
  for (const CXXConstructorDecl *Ctor : RD->ctors())
    if (Ctor->isDefaultConstructor())
      return !Ctor->isDeleted() && Ctor->getAccess() == AS_public;
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (!defaultConstructible(Base.getType(), Depth + 1))
      return false;
  for (const FieldDecl *Field : RD->fields())
    if (!Field->hasInClassInitializer() &&
        !defaultConstructible(Field->getType(), Depth + 1))
      return false;
  return true;
}

static bool defaultConstructible(QualType T, unsigned Depth) {
  if (T.isNull() || T->isDependentType() || T->isReferenceType())
    return false;
  if (const ArrayType *Array = T->getAsArrayTypeUnsafe())
    return defaultConstructible(Array->getElementType(), Depth);
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return !T.isConstQualified();
  if (!RD->hasDefinition())
    return false;
  RD = RD->getDefinition();
  if (!RD->hasUserDeclaredConstructor())
    return implicitDefaultConstructorUsable(RD, Depth);
  for (const CXXConstructorDecl *Ctor : RD->ctors())
    if (Ctor->isDefaultConstructor() && !Ctor->isDeleted() &&
        Ctor->getAccess() == AS_public)
      return true;
  return false;
}

void PublicConstructorCheck::checkClass(const CXXRecordDecl *RD) {
  // Only a derived class can be created, and it is checked on its own.
  if (!RD->isDependentContext() && RD->isAbstract())
    return;
  const StringRef Name = RD->getName();
  const bool Final = RD->hasAttr<FinalAttr>();

  llvm::SmallVector<const CXXConstructorDecl *, 4> Exposed;
  bool HasConstructors = false;
  for (const Decl *D : RD->decls()) {
    if (const auto *Using = dyn_cast<UsingDecl>(D);
        Using && Using->getDeclName().getNameKind() ==
                     DeclarationName::CXXConstructorName) {
      HasConstructors = true;
      const CXXRecordDecl *Base = Using->getQualifier()
                                      ? Using->getQualifier()->getAsRecordDecl()
                                      : nullptr;
      if (!hasPublicConstructors(Base))
        continue;
      diag(Using->getLocation(),
           "constructors inherited from '%0' keep their public access "
           "whatever the section of the using-declaration, so callers can "
           "create '%1' without a guard; an AsyncDrop type must only be "
           "created through a factory returning 'AsyncDropGuard<%1>'")
          << Base->getName() << Name;
      continue;
    }
    const auto *Ctor = dyn_cast<CXXConstructorDecl>(D);
    if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
      Ctor = dyn_cast<CXXConstructorDecl>(FTD->getTemplatedDecl());
    if (!Ctor || Ctor->isImplicit())
      continue;
    HasConstructors = true;
    if (Ctor->isDeleted())
      continue;
    const bool Reachable = Ctor->getAccess() == AS_public ||
                           (Ctor->getAccess() == AS_protected && Final);
    if (!Reachable)
      continue;
    // A copy: `T t = *guard;` keeps an unguarded duplicate. No fix-it:
    // whether to delete it or hide it is the author's call.
    if (Ctor->isCopyConstructor()) {
      diag(Ctor->getLocation(),
           "public copy constructor of AsyncDrop type '%0' lets callers copy "
           "the value out of its guard ('%0 copy = *guard;') and keep an "
           "instance no guard owns; delete it or make it private")
          << Name;
      continue;
    }
    // A move: `T t = std::move(*guard);` takes the value out from under its
    // guard. Private is enough: asyncdrop::access still reaches it.
    if (Ctor->isMoveConstructor() || !takesPasskey(Ctor))
      Exposed.push_back(Ctor);
  }

  llvm::SmallVector<const CXXConstructorDecl *, 4> Movable;
  for (const CXXConstructorDecl *Ctor : Exposed)
    if (!OutsideUses.count(functionPattern(Ctor)))
      Movable.push_back(Ctor);
  for (const CXXConstructorDecl *Ctor : Exposed) {
    auto Use = OutsideUses.find(functionPattern(Ctor));
    {
      auto Diag =
          diag(Ctor->getLocation(),
               Ctor->isMoveConstructor()
                   ? "public move constructor lets callers move '%0' out of "
                     "its guard ('%0 moved = std::move(*guard);') and keep it "
                     "without one; make it private (asyncdrop::access still "
                     "reaches it) or delete it"
               : Ctor->getAccess() == AS_protected
                   ? "constructor of final class '%0' is protected, not "
                     "private; an AsyncDrop type must only be created through "
                     "a factory returning 'AsyncDropGuard<%0>'"
                   : "public constructor lets callers create '%0' without a "
                     "guard; an AsyncDrop type must only be created through "
                     "a factory returning 'AsyncDropGuard<%0>'")
          << Name;
      // One fix-it moves every movable constructor of the class at once, so
      // that the private section and the friend declaration appear once.
      if (!Movable.empty() && Ctor == Movable.front())
        addFixIts(RD, Movable, Diag);
    }
    if (Use != OutsideUses.end())
      diag(Use->second,
           "'%0' is constructed directly here; making this constructor "
           "private would break it, so no fix-it moves it",
           DiagnosticIDs::Note)
          << Name;
  }
  if (HasConstructors)
    return;

  // No constructor declared: aggregate initialisation, or the implicit
  // default constructor, creates the type.
  if (RD->isAggregate()) {
    const FieldDecl *Field = nullptr;
    for (const FieldDecl *F : RD->fields())
      if (!compat::isUnnamedBitField(*F)) {
        Field = F;
        break;
      }
    if (Field || RD->getNumBases() > 0) {
      diag(RD->getLocation(),
           "'%0' is an aggregate: its public %select{data members|base "
           "classes}1 let callers create it with '%0{...}' without a guard; "
           "an AsyncDrop type must only be created through a factory "
           "returning 'AsyncDropGuard<%0>'")
          << Name << (Field ? 0 : 1);
      if (Field)
        diag(Field->getLocation(), "public data member declared here",
             DiagnosticIDs::Note);
      return;
    }
  } else if (!implicitDefaultConstructorUsable(RD, 0)) {
    return;
  }
  auto Diag = diag(RD->getLocation(),
                   "'%0' has an implicit public default constructor, so "
                   "callers can create it without a guard; an AsyncDrop type "
                   "must only be created through a factory returning "
                   "'AsyncDropGuard<%0>'")
              << Name;
  std::optional<ClassEnd> End = findClassEnd(RD, *SM);
  if (!End)
    return;
  std::string Block = End->AccessIndent + "private:\n";
  if (!befriendsAccess(RD))
    Block += End->MemberIndent + "friend class asyncdrop::access;\n";
  Block += End->MemberIndent + Name.str() + "() = default;\n";
  Diag << FixItHint::CreateInsertion(End->InsertAt, End->wrap(Block));
}

void PublicConstructorCheck::addFixIts(
    const CXXRecordDecl *RD, llvm::ArrayRef<const CXXConstructorDecl *> Exposed,
    DiagnosticBuilder &Diag) {
  std::optional<ClassEnd> End = findClassEnd(RD, *SM);
  if (!End || Exposed.empty())
    return;
  std::string Block = End->AccessIndent + "private:\n";
  llvm::SmallVector<FixItHint, 4> Removals;
  for (const CXXConstructorDecl *Ctor : Exposed) {
    if (Ctor->getLexicalDeclContext() != RD)
      return;
    const Decl *Whole = Ctor;
    if (const FunctionTemplateDecl *FTD = Ctor->getDescribedFunctionTemplate())
      Whole = FTD;
    std::optional<DeclText> Text = declText(Whole, *SM, *LangOpts);
    if (!Text)
      return;
    Removals.push_back(FixItHint::CreateRemoval(Text->Removal));
    Block += End->MemberIndent + Text->Text + "\n";
  }
  if (!befriendsAccess(RD))
    Block += End->MemberIndent + "friend class asyncdrop::access;\n";
  for (const FixItHint &Removal : Removals)
    Diag << Removal;
  Diag << FixItHint::CreateInsertion(End->InsertAt, End->wrap(Block));
}

} // namespace clang::tidy::asyncdrop
