using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// LODE011: a module class (or a type nested in it) names another module's class. Modules depend on
/// the core and talk through events and shared contracts, so that each can be disabled, replaced or
/// shipped as a plugin on its own.
/// </summary>
/// <remarks>
/// One callback per syntax tree finds the module classes in it (binding only class declarations)
/// and scans each one's tokens; a name is bound only when its text is the name of a module class
/// (<see cref="ModuleTypeNames"/>) or of a <c>using</c> alias, in scope there, whose target names
/// one: a module's method bodies are never bound just to learn that they reference no other module,
/// and code outside module classes is not scanned at all. What a bound name refers to is decided by
/// its symbol (through the alias, if it is one), never by how it is written.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModuleCouplingAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rules.ModuleCoupling];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(KnownTypes.LodestarModuleMetadataName) is null)
            {
                return;
            }

            var compilation = start.Compilation;
            var cancellationToken = start.CancellationToken;
            var names = new Lazy<ModuleTypeNames>(() => ModuleTypeNames.Create(compilation, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
            var globalAliases = new Lazy<string[]>(() => GlobalAliasNames(compilation, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterSemanticModelAction(model => new Scanner(model, names, globalAliases).Visit(model.SemanticModel.SyntaxTree.GetRoot(model.CancellationToken)));
        });
    }

    /// <summary>
    /// The names of the <c>global using</c> aliases of every file: they are in scope in every other
    /// file too, where nothing in the syntax says so. Read from syntax; what each one stands for is
    /// looked up where a module class is.
    /// </summary>
    private static string[] GlobalAliasNames(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax unit)
            {
                foreach (var directive in unit.Usings)
                {
                    if (directive.Alias is { } alias && !directive.GlobalKeyword.IsKind(SyntaxKind.None))
                    {
                        names.Add(alias.Name.Identifier.ValueText);
                    }
                }
            }
        }

        return [.. names];
    }

    /// <summary>Scans one tree: finds the module classes in it, and in their code the names of other module classes.</summary>
    private sealed class Scanner(SemanticModelAnalysisContext context, Lazy<ModuleTypeNames> names, Lazy<string[]> globalAliases)
    {
        private char[]? _text;

        /// <summary>Visits the namespaces and the types outside any module class, down to the module classes.</summary>
        public void Visit(SyntaxNode node)
        {
            foreach (var child in node.ChildNodes())
            {
                switch (child)
                {
                    case ClassDeclarationSyntax declaration when DeclaredModule(declaration) is { } module:
                        // A type nested in a module belongs to it; a module nested anywhere owns its own code.
                        Scan(declaration, module);
                        break;
                    case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or BaseNamespaceDeclarationSyntax:
                        Visit(child);
                        break;
                }
            }
        }

        /// <summary>
        /// Checks every simple name written in a module class (its attributes, base list and members,
        /// nested types included) whose text is a module class name or the name of an alias that
        /// names one.
        /// </summary>
        /// <remarks>
        /// Walking the tokens of a class realises a syntax node for every expression in it; reading its
        /// text does not. The text is cut into runs of identifier characters; a token is looked at only
        /// where a run spells a module class name or such an alias, or could hide an identifier that
        /// does not read as written: one with a <c>\u</c> escape or a non-ASCII character, or one right
        /// after a number (<c>1Name</c>). An identifier written <c>@Name</c> is the run after the <c>@</c>.
        /// </remarks>
        private void Scan(ClassDeclarationSyntax declaration, INamedTypeSymbol module)
        {
            var moduleNames = names.Value;
            var aliases = AliasesNamingModules(declaration);
            var span = declaration.Span;
            if (_text is null || _text.Length < span.Length)
            {
                _text = new char[span.Length];
            }

            var text = _text;
            declaration.SyntaxTree.GetText(context.CancellationToken).CopyTo(span.Start, text, 0, span.Length);
            var i = 0;
            while (i < span.Length)
            {
                var c = text[i];
                var startsWithDigit = c is >= '0' and <= '9';
                if (!startsWithDigit && !IsLetterOrUnderscore(c) && c != '\\' && c <= '\x7F')
                {
                    i++;
                    continue;
                }

                var start = i;
                var unusual = false;
                var hasLetter = false;
                for (; i < span.Length; i++)
                {
                    c = text[i];
                    if (IsLetterOrUnderscore(c))
                    {
                        hasLetter = true;
                    }
                    else if (c == '\\' || c > '\x7F')
                    {
                        unusual = true;
                    }
                    else if (c is < '0' or > '9')
                    {
                        break;
                    }
                }

                if (unusual || (startsWithDigit ? hasLetter : moduleNames.Contains(text, start, i - start) || Spells(aliases, text, start, i - start)))
                {
                    CheckTokens(declaration, module, moduleNames, aliases, span.Start + start, span.Start + i);
                }
            }
        }

        /// <summary>
        /// The names of the aliases in scope at <paramref name="declaration"/> (declared in its file,
        /// in a namespace around it, or by a <c>global using</c> in any file) whose target names a
        /// module class: <c>using Billing = Shop.BillingModule;</c>, or <c>List&lt;BillingModule&gt;</c>.
        /// Usually none, so the scan looks for module class names alone.
        /// </summary>
        private string[] AliasesNamingModules(ClassDeclarationSyntax declaration)
        {
            HashSet<string>? candidates = globalAliases.Value.Length == 0 ? null : new(globalAliases.Value, StringComparer.Ordinal);
            for (var node = declaration.Parent; node is not null; node = node.Parent)
            {
                var usings = node switch
                {
                    CompilationUnitSyntax unit => unit.Usings,
                    BaseNamespaceDeclarationSyntax @namespace => @namespace.Usings,
                    _ => default,
                };
                foreach (var directive in usings)
                {
                    if (directive.Alias is { } alias)
                    {
                        (candidates ??= new(StringComparer.Ordinal)).Add(alias.Name.Identifier.ValueText);
                    }
                }
            }

            if (candidates is null)
            {
                return [];
            }

            // Looked up where the class is declared, so an alias that a nearer one hides is not taken.
            var aliases = new List<string>();
            foreach (var candidate in candidates)
            {
                foreach (var symbol in context.SemanticModel.LookupNamespacesAndTypes(declaration.Keyword.SpanStart, name: candidate))
                {
                    if (symbol is IAliasSymbol alias && NamesAModule(alias.Target))
                    {
                        aliases.Add(candidate);
                        break;
                    }
                }
            }

            return [.. aliases];
        }

        /// <summary>Checks the tokens of <paramref name="declaration"/> that overlap the text from <paramref name="start"/> to <paramref name="end"/>.</summary>
        private void CheckTokens(ClassDeclarationSyntax declaration, INamedTypeSymbol module, ModuleTypeNames moduleNames, string[] aliases, int start, int end)
        {
            for (var token = declaration.FindToken(start); !token.IsKind(SyntaxKind.None) && token.SpanStart < end; token = token.GetNextToken())
            {
                if (token.Span.End > start
                    && token.IsKind(SyntaxKind.IdentifierToken)
                    && token.Parent is SimpleNameSyntax name
                    && (moduleNames.Contains(token.ValueText) || Array.IndexOf(aliases, token.ValueText) >= 0)
                    && name.Parent is not (NameColonSyntax or NameEqualsSyntax))
                {
                    Check(name, Owner(name, declaration, module));
                }
            }
        }

        private static bool IsLetterOrUnderscore(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

        /// <summary>Whether the characters <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> of <paramref name="text"/> spell one of <paramref name="aliases"/>.</summary>
        private static bool Spells(string[] aliases, char[] text, int start, int length)
        {
            foreach (var alias in aliases)
            {
                if (alias.Length == length && ModuleTypeNames.SameChars(alias, text, start))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The innermost module class around <paramref name="name"/>, at most <paramref name="outermost"/>.</summary>
        private INamedTypeSymbol Owner(SyntaxNode name, ClassDeclarationSyntax outermost, INamedTypeSymbol outermostModule)
        {
            for (var node = name.Parent; node is not null && node != outermost; node = node.Parent)
            {
                if (node is ClassDeclarationSyntax declaration && DeclaredModule(declaration) is { } module)
                {
                    return module;
                }
            }

            return outermostModule;
        }

        private INamedTypeSymbol? DeclaredModule(ClassDeclarationSyntax declaration) =>
            context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is INamedTypeSymbol type && KnownTypes.DerivesFromLodestarModule(type)
                ? type
                : null;

        private void Check(SimpleNameSyntax name, INamedTypeSymbol module)
        {
            // An alias is judged by what it stands for: every module class its target names.
            if (context.SemanticModel.GetAliasInfo(name, context.CancellationToken) is { } alias)
            {
                var named = new List<INamedTypeSymbol>();
                CollectModules(alias.Target, named);
                foreach (var aliased in named)
                {
                    Report(name, module, aliased);
                }

                return;
            }

            var info = context.SemanticModel.GetSymbolInfo(name, context.CancellationToken);
            var symbol = info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
            var target = symbol switch
            {
                INamedTypeSymbol type => type,
                IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => constructor.ContainingType,
                _ => null,
            };

            if (target is not null && KnownTypes.IsConcreteModule(target))
            {
                Report(name, module, target);
            }
        }

        private void Report(SimpleNameSyntax name, INamedTypeSymbol module, INamedTypeSymbol target)
        {
            if (SymbolEqualityComparer.Default.Equals(target, module))
            {
                return;
            }

            var targetId = ModuleDeclaration.Read(target) is { HasValidId: true } declaration ? declaration.Id! : target.Name;
            context.ReportDiagnostic(Diagnostic.Create(Rules.ModuleCoupling, name.GetLocation(), module.Name, target.ToDisplayString(), targetId));
        }

        private static bool NamesAModule(INamespaceOrTypeSymbol target)
        {
            var named = new List<INamedTypeSymbol>();
            CollectModules(target, named);
            return named.Count > 0;
        }

        /// <summary>
        /// Adds the concrete module classes that <paramref name="symbol"/> names, as its written form
        /// would: the type itself, the types it is nested in, its type arguments and element types.
        /// A namespace names none (a module class under it is named where it is used).
        /// </summary>
        private static void CollectModules(INamespaceOrTypeSymbol? symbol, List<INamedTypeSymbol> modules)
        {
            switch (symbol)
            {
                case IArrayTypeSymbol array:
                    CollectModules(array.ElementType, modules);
                    break;
                case IPointerTypeSymbol pointer:
                    CollectModules(pointer.PointedAtType, modules);
                    break;
                case IFunctionPointerTypeSymbol functionPointer:
                    CollectModules(functionPointer.Signature.ReturnType, modules);
                    foreach (var parameter in functionPointer.Signature.Parameters)
                    {
                        CollectModules(parameter.Type, modules);
                    }

                    break;
                case INamedTypeSymbol named:
                    if (KnownTypes.IsConcreteModule(named) && !modules.Contains(named, SymbolEqualityComparer.Default))
                    {
                        modules.Add(named);
                    }

                    foreach (var argument in named.TypeArguments)
                    {
                        CollectModules(argument, modules);
                    }

                    CollectModules(named.ContainingType, modules);
                    break;
            }
        }
    }
}
